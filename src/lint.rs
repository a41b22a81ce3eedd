//! The pure core: (text, format, rules, options) -> findings. Extracts the prose, runs the
//! phrase matcher and the document checks, attaches fixes, and applies suppression
//! directives, rule filters, allowed phrases and severity overrides. Knows nothing of
//! terminals or LSP; byte offsets throughout.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde::Serialize;

use crate::context::{Channel, RecipientContext};
use crate::fix;
use crate::prose::{self, DirectiveKind, Format, Prose};
use crate::rules::evidence::{self, DetailKind, KnownNames};
use crate::rules::{document, sentences, RuleSet, Severity};
use crate::text::LineIndex;

/// Default cap on the size of a draft that is linted (bytes).
pub const DEFAULT_MAX_BYTES: usize = 1 << 20;

/// One text edit: replace `start..end` (bytes) with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Edit {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// New text.
    pub replacement: String,
}

/// A fix: one or more edits that together resolve a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Fix {
    /// What the fix does, for a menu.
    pub title: String,
    /// The edits, non-overlapping.
    pub edits: Vec<Edit>,
    /// Safe to apply without reading (no placeholders, no invented text).
    #[serde(default)]
    pub safe: bool,
    /// The single obvious fix for its finding.
    #[serde(default)]
    pub preferred: bool,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id.
    pub rule: String,
    /// Rule category.
    pub category: String,
    /// Effective severity.
    pub severity: Severity,
    /// One-line message.
    pub message: String,
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Fixes, best first.
    pub fixes: Vec<Fix>,
    /// The pattern that matched, for phrase rules.
    pub pattern: Option<String>,
    /// Extra markdown for the hover (evidence found and missing, counts).
    pub detail: Option<String>,
}

/// Channel length limits in characters; 0 means no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct ChannelLimits {
    /// LinkedIn connection note.
    pub linkedin_note: usize,
    /// LinkedIn message.
    pub linkedin_message: usize,
    /// InMail subject.
    pub inmail_subject: usize,
    /// InMail body.
    pub inmail_body: usize,
    /// Email body.
    pub email: usize,
}

impl Default for ChannelLimits {
    fn default() -> Self {
        ChannelLimits {
            linkedin_note: 300,
            linkedin_message: 8000,
            inmail_subject: 200,
            inmail_body: 1900,
            email: 0,
        }
    }
}

/// Everything that shapes one lint besides the text and the rules.
#[derive(Debug, Clone)]
pub struct LintOptions {
    /// Only these rules or categories (None = all).
    pub only: Option<HashSet<String>>,
    /// Never these rules or categories.
    pub ignore: HashSet<String>,
    /// Severity per rule id or category.
    pub severities: HashMap<String, Severity>,
    /// Force template (Some(true)) or draft (Some(false)); None = front matter decides.
    pub template: Option<bool>,
    /// Length limits.
    pub limits: ChannelLimits,
    /// Channel when the front matter names none.
    pub default_channel: Option<Channel>,
    /// Phrases the team allows (lower case); a finding inside one is dropped.
    pub allowed_phrases: Vec<String>,
    /// Larger drafts get one `file-too-large` finding.
    pub max_bytes: usize,
}

impl Default for LintOptions {
    fn default() -> Self {
        LintOptions {
            only: None,
            ignore: HashSet::new(),
            severities: HashMap::new(),
            template: None,
            limits: ChannelLimits::default(),
            default_channel: None,
            allowed_phrases: Vec::new(),
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

impl LintOptions {
    /// Whether a rule runs under `only` / `ignore`.
    pub fn rule_enabled(&self, id: &str, category: &str) -> bool {
        let named = |set: &HashSet<String>| set.contains(id) || set.contains(category);
        if named(&self.ignore) {
            return false;
        }
        self.only.as_ref().is_none_or(named)
    }
}

/// The result of linting one draft.
#[derive(Debug, Clone, Serialize)]
pub struct LintReport {
    /// Findings sorted by position.
    pub findings: Vec<Finding>,
    /// The recipient context read from the front matter.
    #[serde(skip)]
    pub context: RecipientContext,
    /// Whether the draft was treated as a template.
    pub template: bool,
    /// The personalisation score (drafts only; `None` for templates and skipped files).
    pub score: Option<crate::personal::score::Score>,
}

/// The analysed draft every check reads.
pub struct Draft<'a> {
    /// The text as given.
    pub text: &'a str,
    /// Its format.
    pub format: Format,
    /// Extracted prose.
    pub prose: Prose,
    /// Sentence ranges in the masked text.
    pub sentences: Vec<Range<usize>>,
    /// Front-matter context.
    pub context: RecipientContext,
    /// Names that are not specific details.
    pub names: KnownNames,
    /// Treated as a template.
    pub template: bool,
    /// Line starts.
    pub lines: LineIndex,
    /// The evidence details of each sentence, computed on first use: the missing-context
    /// check and the score both read them, and they are the costliest part of a draft.
    details: Vec<std::sync::OnceLock<Vec<DetailKind>>>,
}

impl<'a> Draft<'a> {
    /// Analyse `text`.
    pub fn new(text: &'a str, format: Format, options: &LintOptions) -> Self {
        let prose = prose::extract(text, format);
        let sentences = sentences::split(&prose.masked);
        let context = RecipientContext::from_front_matter(prose.front_matter.as_ref());
        let template = options.template.unwrap_or(context.template);
        let mut draft = Draft {
            text,
            format,
            prose,
            sentences,
            context,
            names: KnownNames::default(),
            template,
            lines: LineIndex::new(text),
            details: Vec::new(),
        };
        draft.details = draft
            .sentences
            .iter()
            .map(|_| std::sync::OnceLock::new())
            .collect();
        draft.names = document::known_names(&draft);
        draft
    }

    /// The masked text of a range.
    pub fn masked(&self, range: Range<usize>) -> &str {
        self.prose.masked.get(range).unwrap_or("")
    }

    /// The evidence details of `sentence`: cached for the draft's own sentences, computed
    /// afresh for any other range.
    pub fn details(&self, sentence: &Range<usize>) -> Vec<DetailKind> {
        let compute = || evidence::details(self.masked(sentence.clone()), &self.names);
        match self
            .sentences
            .binary_search_by_key(&sentence.start, |s| s.start)
        {
            Ok(i) if self.sentences[i] == *sentence => self
                .details
                .get(i)
                .map_or_else(compute, |cell| cell.get_or_init(compute).clone()),
            _ => compute(),
        }
    }
}

/// Build the constant regexes every lint needs, ahead of the first draft. A face calls this
/// on a spare thread at start-up, so that they compile while it reads config and rule pack;
/// `lint` never depends on it having run.
pub fn warm_up() {
    evidence::warm_up();
}

/// Lint one draft.
pub fn lint(text: &str, format: Format, rules: &RuleSet, options: &LintOptions) -> LintReport {
    if text.len() > options.max_bytes {
        return LintReport {
            findings: document::too_large(text, rules, options),
            context: RecipientContext::default(),
            template: false,
            score: None,
        };
    }
    let draft = Draft::new(text, format, options);
    let enabled = |rule: &crate::rules::CompiledRule| {
        let spec = &rule.spec;
        options.rule_enabled(&spec.id, &spec.category)
            && !(draft.template && spec.category == "placeholder")
    };
    let matches = rules.find_phrases(&draft.prose, &draft.sentences, &draft.names, &enabled);
    let mut findings: Vec<Finding> = matches
        .iter()
        .map(|m| {
            let rule = &rules.rules()[m.rule];
            Finding {
                rule: rule.spec.id.clone(),
                category: rule.spec.category.clone(),
                severity: rule.spec.severity,
                message: rule.spec.message.clone(),
                range: m.range.clone(),
                fixes: fix::phrase_fixes(&draft, &rule.spec, m.range.clone(), m.sentence.clone()),
                pattern: rule.spec.patterns.get(m.pattern).cloned(),
                detail: None,
            }
        })
        .collect();
    findings = drop_contained(findings);
    findings.retain(|f| !allowed(&draft, f, options));
    drop_excused_by_reason(&draft, rules, &mut findings);
    drop_lone_jargon(&draft, &mut findings);
    drop_lone_courtesy(&draft, rules, &mut findings);
    findings.extend(document::run(&draft, rules, options, &findings));
    findings = apply_directives(&draft, findings);
    for finding in &mut findings {
        if let Some(sev) = options
            .severities
            .get(&finding.rule)
            .or_else(|| options.severities.get(&finding.category))
        {
            finding.severity = *sev;
        }
    }
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, &a.rule).cmp(&(b.range.start, b.range.end, &b.rule))
    });
    let score =
        (!draft.template).then(|| crate::personal::score::score(&draft, &findings, options));
    LintReport {
        findings,
        template: draft.template,
        context: draft.context,
        score,
    }
}

/// Drop the findings of rules that stay quiet in a draft with a reason tied to the reader
/// (`unless_reader_reason`). The reason is looked for only when such a finding exists, and
/// outside every phrase already flagged.
fn drop_excused_by_reason(draft: &Draft<'_>, rules: &RuleSet, findings: &mut Vec<Finding>) {
    let excusable: Vec<bool> = findings
        .iter()
        .map(|f| {
            rules
                .get(&f.rule)
                .is_some_and(|r| r.spec.unless_reader_reason)
        })
        .collect();
    if !excusable.contains(&true) {
        return;
    }
    if document::has_reader_reason(draft, findings) {
        let attached: Vec<bool> = findings
            .iter()
            .map(|f| follows_one_click_kudos(draft.text, findings, f))
            .collect();
        let mut keep = excusable.iter().zip(attached).map(|(e, a)| !e || a);
        findings.retain(|_| keep.next().unwrap_or(true));
    }
}

/// The category of LinkedIn's one-click invitation and kudos lines.
const ONE_CLICK: &str = "platform_default";

/// Whether `finding` comes straight after a flagged one-click kudos, with only punctuation,
/// emoji and spaces between: "Congrats on the new role! So well deserved 🎉" is one stock
/// line in two halves, whatever the rest of the draft says.
fn follows_one_click_kudos(text: &str, findings: &[Finding], finding: &Finding) -> bool {
    findings.iter().any(|kudos| {
        kudos.category == ONE_CLICK
            && kudos.range.end <= finding.range.start
            && text
                .get(kudos.range.end..finding.range.start)
                .is_some_and(|gap| {
                    gap.chars().count() <= 12
                        && gap.matches('\n').count() < 2
                        && !gap.chars().any(char::is_alphanumeric)
                })
    })
}

/// The category of corporate jargon ("leverage", "circle back", "synergy").
const JARGON: &str = "filler";

/// Drop a jargon finding when it is the only finding of a draft that carries a reason tied to
/// its reader. One jargon word in a note that is otherwise specific is mostly a literal use
/// ("can we leverage our 1 MWh battery as part of the offer?", "circle back to the wireless
/// refresh once this is stable") and never what makes a note read as collecting connections;
/// beside another stock phrase, or a second jargon phrase ("Let's touch base ... circle back"),
/// it stays flagged.
fn drop_lone_jargon(draft: &Draft<'_>, findings: &mut Vec<Finding>) {
    let lone_jargon = matches!(findings.as_slice(), [only] if only.category == JARGON);
    if lone_jargon && document::has_reader_reason(draft, findings) {
        findings.clear();
    }
}

/// Drop the finding of a rule marked `unless_alone_near_reader_detail` when it is the only
/// phrase finding of a draft with a reason tied to the reader and a detail about the reader
/// sits in its sentence or the next one to it.
fn drop_lone_courtesy(draft: &Draft<'_>, rules: &RuleSet, findings: &mut Vec<Finding>) {
    let [only] = findings.as_slice() else {
        return;
    };
    let marked = rules
        .get(&only.rule)
        .is_some_and(|r| r.spec.unless_alone_near_reader_detail);
    if marked
        && document::has_reader_reason(draft, findings)
        && document::reader_detail_near(draft, only.range.start, findings)
    {
        findings.clear();
    }
}

/// When one finding's range holds another's (different rules, neither a placeholder), keep
/// the outer one: one squiggle per stock phrase. Of two findings on the same range the
/// earlier is kept. One sweep in order of start (longer first), so a document with
/// thousands of findings costs n log n, not n².
fn drop_contained(findings: Vec<Finding>) -> Vec<Finding> {
    let mut order: Vec<usize> = (0..findings.len())
        .filter(|&i| findings[i].category != "placeholder")
        .collect();
    order.sort_by_key(|&i| {
        let range = &findings[i].range;
        (range.start, std::cmp::Reverse(range.end), i)
    });
    let mut keep = vec![true; findings.len()];
    // The furthest end among the findings before this one in the sweep, all of which start
    // at or before it: one of them holds it exactly when that end reaches its end.
    let mut reach: Option<usize> = None;
    for i in order {
        let end = findings[i].range.end;
        if reach.is_some_and(|r| r >= end) {
            keep[i] = false;
        }
        reach = Some(reach.map_or(end, |r| r.max(end)));
    }
    findings
        .into_iter()
        .zip(keep)
        .filter_map(|(f, k)| k.then_some(f))
        .collect()
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
}

fn allowed(draft: &Draft<'_>, finding: &Finding, options: &LintOptions) -> bool {
    if options.allowed_phrases.is_empty() {
        return false;
    }
    let matched = normalise(draft.text.get(finding.range.clone()).unwrap_or(""));
    let sentence = sentences::containing(&draft.sentences, finding.range.start)
        .map(|s| normalise(draft.text.get(s).unwrap_or("")))
        .unwrap_or_default();
    options
        .allowed_phrases
        .iter()
        .any(|p| sentence.contains(p.as_str()) && p.contains(matched.as_str()) || matched == *p)
}

/// Apply markdown suppression directives.
fn apply_directives(draft: &Draft<'_>, findings: Vec<Finding>) -> Vec<Finding> {
    let directives = &draft.prose.directives;
    if directives.is_empty() {
        return findings;
    }
    let names = |rules: &[String], f: &Finding| {
        rules.is_empty() || rules.iter().any(|r| *r == f.rule || *r == f.category)
    };
    findings
        .into_iter()
        .filter(|f| {
            let mut off = false;
            for d in directives {
                match d.kind {
                    DirectiveKind::DisableFile if names(&d.rules, f) => return false,
                    DirectiveKind::DisableNextLine
                        if names(&d.rules, f)
                            && next_content_line(draft, d.range.end)
                                == Some(draft.lines.line_of(f.range.start)) =>
                    {
                        return false;
                    }
                    DirectiveKind::Disable
                        if d.range.start <= f.range.start && names(&d.rules, f) =>
                    {
                        off = true;
                    }
                    DirectiveKind::Enable
                        if d.range.start <= f.range.start
                            && (d.rules.is_empty() || names(&d.rules, f)) =>
                    {
                        off = false;
                    }
                    _ => {}
                }
            }
            !off
        })
        .collect()
}

/// The first line after the one holding `offset` that has any content.
fn next_content_line(draft: &Draft<'_>, offset: usize) -> Option<usize> {
    let first = draft.lines.line_of(offset) + 1;
    (first..draft.lines.line_count()).find(|&line| {
        draft
            .lines
            .line_range(draft.text, line)
            .is_some_and(|r| !draft.text[r].trim().is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_fired(text: &str) -> Vec<String> {
        let report = lint(
            text,
            Format::PlainText,
            &RuleSet::builtin(),
            &LintOptions::default(),
        );
        report.findings.into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn well_deserved_right_after_a_one_click_kudos_is_reported_despite_a_reason() {
        let reason =
            "\n\nRuth told me you pushed Dead Air to go seasonal in 2023, and the second season \
                      is the first true-crime show my mum has finished.\n";
        let attached = format!("Congrats on the new gig!! 🎉 So well deserved.{reason}");
        assert!(rules_fired(&attached).contains(&"well-deserved".to_string()));
        let earned = format!(
            "Congrats on the Secil prize for the Casa do Rio terminal. Well deserved.{reason}"
        );
        assert!(!rules_fired(&earned).contains(&"well-deserved".to_string()));
    }

    #[test]
    fn the_you_of_a_stock_phrase_does_not_tie_the_writers_facts_to_the_reader() {
        // The only "you" is inside the stock opener; Tilburg and August are the writer's.
        let stock = "Dear Mr. van Dijk,\n\nI am reaching to you because I am searching new position in night shift, near to Tilburg because my family is moving there in August.\n\nI can start from 1 September.\n";
        let fired = rules_fired(stock);
        assert!(fired.iter().any(|r| r == "missing-context"), "{fired:?}");
        assert!(
            fired.iter().any(|r| r == "reaching-out-sender-reason"),
            "{fired:?}"
        );
        // Said to the reader outside the stock phrase, the same facts count.
        let tied = "Dear Mr. van Dijk,\n\nI am reaching to you because your Tilburg depot starts its night shift in August.\n";
        let fired = rules_fired(tied);
        assert!(!fired.iter().any(|r| r == "missing-context"), "{fired:?}");
    }

    #[test]
    fn a_stock_shape_put_to_a_specific_use_does_not_block_a_dense_draft() {
        // "Could we meet at your office for 20 minutes one morning next week?" matches a stock
        // ask, but it sits among sentences full of the site's own dates and places.
        let text = "---\nrecipient: Fiona Grant\ncompany: Brightwell Block Management\nrole: Property Manager, Canalside Court\nchannel: email\nreason: tower crane oversail and deliveries next to Canalside Court\n---\nSubject: Wharf Road site next door – crane oversail from 3 March\n\nDear Fiona,\n\nI’d like to introduce myself: I’m Tomasz Zieliński and I’ve just taken over as site manager on the Wharf Road development directly behind Canalside Court. Your residents are going to see a lot more of us from next month, so I wanted you to have a name and a number before anything reaches you as a complaint.\n\nThree things coming up:\n\n1. The tower crane goes up on 3 March. The jib will oversail your rear car park when it weathervanes overnight, but it never carries a load over your boundary. Our oversail licence with the freeholder (signed in January) covers this.\n2. Podium pours start the week of 17 March, with 07:00 starts. We’ll put a notice in your lobby a week before each one.\n\nCould we meet at your office for 20 minutes one morning next week? I’d like to walk the shared boundary with you and agree where the dust monitors go.\n\nBest regards,\nTomasz Zieliński\n";
        let report = lint(
            text,
            Format::Markdown,
            &RuleSet::builtin(),
            &LintOptions::default(),
        );
        let fired: Vec<_> = report.findings.iter().map(|f| f.rule.as_str()).collect();
        assert!(!fired.contains(&"missing-context"), "{fired:?}");
    }

    #[test]
    fn a_memory_of_a_merge_field_is_not_a_shared_one() {
        let merged = "Hi [First Name],\n\nIt was great chatting at [SHOW NAME]. Happy to jump on a quick call whenever works for you.\n";
        let fired = rules_fired(merged);
        assert!(fired.iter().any(|r| r == "missing-context"), "{fired:?}");
        let filled = "Hi Jenna,\n\nIt was great chatting at FABTECH in Chicago. Happy to jump on a quick call whenever works for you.\n";
        let fired = rules_fired(filled);
        assert!(!fired.iter().any(|r| r == "missing-context"), "{fired:?}");
    }

    fn finding(category: &str, range: Range<usize>) -> Finding {
        Finding {
            rule: format!("{category}-{}-{}", range.start, range.end),
            category: category.to_string(),
            severity: Severity::Warning,
            message: String::new(),
            range,
            fixes: Vec::new(),
            pattern: None,
            detail: None,
        }
    }

    /// The definition `drop_contained` implements, pair by pair.
    fn drop_contained_by_pairs(findings: Vec<Finding>) -> Vec<Finding> {
        let held = |i: usize, f: &Finding| {
            findings.iter().enumerate().any(|(j, g)| {
                j != i
                    && g.category != "placeholder"
                    && g.range.start <= f.range.start
                    && f.range.end <= g.range.end
                    && (g.range.len() > f.range.len() || j < i)
            })
        };
        let keep: Vec<bool> = findings
            .iter()
            .enumerate()
            .map(|(i, f)| f.category == "placeholder" || !held(i, f))
            .collect();
        findings
            .into_iter()
            .zip(keep)
            .filter_map(|(f, k)| k.then_some(f))
            .collect()
    }

    #[test]
    fn contained_findings_are_dropped_as_the_pairwise_definition_says() {
        // Nested, equal, overlapping and placeholder ranges from a fixed pseudo-random walk.
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |bound: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((seed >> 33) % bound) as usize
        };
        for _ in 0..300 {
            let findings: Vec<Finding> = (0..next(12))
                .map(|_| {
                    let start = next(30);
                    let category = if next(5) == 0 {
                        "placeholder"
                    } else {
                        "filler"
                    };
                    finding(category, start..start + next(12))
                })
                .collect();
            let expected: Vec<String> = drop_contained_by_pairs(findings.clone())
                .into_iter()
                .map(|f| f.rule)
                .collect();
            let got: Vec<String> = drop_contained(findings)
                .into_iter()
                .map(|f| f.rule)
                .collect();
            assert_eq!(got, expected);
        }
        let same = vec![finding("filler", 2..8), finding("vague_ask", 2..8)];
        assert_eq!(drop_contained(same).len(), 1);
    }

    fn rule_ids(text: &str) -> Vec<String> {
        let rules = RuleSet::builtin();
        lint(text, Format::PlainText, &rules, &LintOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.category != "document" && f.category != "personalisation")
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn a_double_brace_merge_tag_is_one_finding_and_a_single_brace_one_is_found() {
        let placeholders = |text: &str| -> Vec<String> {
            rule_ids(text)
                .into_iter()
                .filter(|id| id != "missing-context")
                .collect()
        };
        let double = placeholders("Dear Prof. {{Last_Name}},\n\nThanks.\n");
        assert_eq!(double, ["unfilled-merge-field"], "{double:?}");
        let single = placeholders("The new knee system could suit {Hospital} this year.\n");
        assert_eq!(single, ["bracket-placeholder"], "{single:?}");
    }

    const NOTE: &str = "Hi Marta,\n\nI read your write-up on the Kraków warehouse move from paper pick lists to handheld scanners in 2022. We start the same project in Brno in March.\n\n";

    #[test]
    fn a_lone_jargon_word_in_a_note_tied_to_its_reader_is_left_alone() {
        let one = format!("{NOTE}Can we leverage our 1 MWh battery as part of the offer?\n");
        assert!(!rule_ids(&one).iter().any(|r| r == "leverage"), "{one}");
    }

    #[test]
    fn jargon_beside_other_stock_phrases_stays_flagged() {
        let two = format!("{NOTE}Let's touch base next week and circle back on the numbers.\n");
        assert!(rule_ids(&two).iter().any(|r| r == "touch-base"), "{two}");
        let stock = format!("{NOTE}Can we leverage our battery? Looking forward to connecting!\n");
        assert!(rule_ids(&stock).iter().any(|r| r == "leverage"), "{stock}");
        // Without a reason tied to the reader, a lone jargon word is flagged as before.
        let generic = "Hi Marta,\n\nWe help teams leverage their data.\n";
        assert!(
            rule_ids(generic).iter().any(|r| r == "leverage"),
            "{generic}"
        );
    }

    #[test]
    fn a_lone_courtesy_beside_a_detail_about_the_reader_is_left_alone() {
        let thanks = format!(
            "{NOTE}Did your team keep paper lists as a fallback during the 2022 move? Thank you in advance.\n"
        );
        assert!(rule_ids(&thanks).is_empty(), "{thanks}");
    }

    #[test]
    fn a_courtesy_away_from_the_detail_or_beside_another_phrase_stays_flagged() {
        // Its own paragraph, after a sentence about the writer.
        let apart = format!("{NOTE}I lead the project.\n\nThank you in advance.\n");
        assert!(
            rule_ids(&apart).iter().any(|r| r == "thanks-in-advance"),
            "{apart}"
        );
        // Not the only stock phrase.
        let two = format!(
            "{NOTE}Did your team keep paper lists as a fallback during the 2022 move? Thank you in advance. Looking forward to connecting!\n"
        );
        assert!(
            rule_ids(&two).iter().any(|r| r == "thanks-in-advance"),
            "{two}"
        );
        // Without a reason tied to the reader.
        let generic = "Hi Marta,\n\nCould you send me your price list? Thank you in advance.\n";
        assert!(
            rule_ids(generic).iter().any(|r| r == "thanks-in-advance"),
            "{generic}"
        );
    }
}
