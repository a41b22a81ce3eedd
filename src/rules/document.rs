//! Document-level checks: the ones no phrase pattern can express. Each takes its message
//! and severity from its rule record (`rules/builtin/document.toml`), so ids, config and
//! docs work the same as for phrase rules. Each finding sits on a line the cursor can reach.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::OnceLock;

use crate::text::lean::LeanRegex as Regex;

use super::evidence::{self, DetailKind, KnownNames};
use super::{interchangeable, sentences};
use super::{RuleSet, RuleSpec};
use crate::context::Channel;
use crate::fix;
use crate::lint::{Draft, Finding, LintOptions};

/// Stable ids of the document checks implemented here.
pub mod ids {
    /// No reason tied to the recipient.
    pub const MISSING_CONTEXT: &str = "missing-context";
    /// Over the channel's limit.
    pub const CHANNEL_LENGTH: &str = "channel-length";
    /// Front matter does not parse.
    pub const FRONT_MATTER_ERROR: &str = "front-matter-error";
    /// Over the size cap.
    pub const FILE_TOO_LARGE: &str = "file-too-large";
}

/// Run the document checks that are enabled.
pub fn run(
    draft: &Draft<'_>,
    rules: &RuleSet,
    options: &LintOptions,
    phrase_findings: &[Finding],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let spec = |id: &str| rules.enabled_spec(id, options);
    if let Some(spec) = spec(ids::FRONT_MATTER_ERROR) {
        out.extend(front_matter_error(draft, spec));
    }
    let missing_spec = spec(ids::MISSING_CONTEXT);
    let sentences_enabled = interchangeable::ids::ALL
        .iter()
        .any(|id| spec(id).is_some());
    // The judgement is the costliest document check; skip it when nothing reads it.
    let evidence = (missing_spec.is_some() || sentences_enabled)
        .then(|| reader_reason_missing(draft, phrase_findings))
        .flatten();
    if let (Some(spec), Some(found)) = (missing_spec, evidence.as_ref()) {
        out.push(missing_context(draft, spec, found));
    }
    out.extend(interchangeable::run(
        draft,
        rules,
        options,
        phrase_findings,
        evidence.is_some(),
    ));
    out.extend(super::opening::run(draft, rules, options, phrase_findings));
    if let Some(spec) = spec(ids::CHANNEL_LENGTH) {
        out.extend(channel_length(draft, spec, options));
    }
    out.extend(crate::personal::run(draft, rules, options, phrase_findings));
    out
}

/// A finding of a document check: the rule's id, category and severity with this range.
pub(crate) fn finding(
    spec: &RuleSpec,
    range: Range<usize>,
    message: String,
    detail: Option<String>,
) -> Finding {
    Finding {
        rule: spec.id.clone(),
        category: spec.category.clone(),
        severity: spec.severity,
        message,
        range,
        fixes: Vec::new(),
        pattern: None,
        detail,
    }
}

/// The one finding for a draft over the size cap, on its first line.
pub fn too_large(text: &str, rules: &RuleSet, options: &LintOptions) -> Vec<Finding> {
    let Some(rule) = rules.get(ids::FILE_TOO_LARGE) else {
        return Vec::new();
    };
    let end = crate::text::floor_char_boundary(
        text,
        text.find(['\n', '\r']).unwrap_or(text.len()).min(200),
    );
    let message = format!(
        "{} ({} bytes; the limit is {} bytes, so this draft was not checked)",
        rule.spec.message,
        text.len(),
        options.max_bytes
    );
    vec![finding(&rule.spec, 0..end, message, None)]
}

/// Names that are not specific details: the recipient, their company, the sender, the
/// greeting's name.
pub fn known_names(draft: &Draft<'_>) -> KnownNames {
    let mut names = KnownNames::default();
    for key in ["recipient", "company", "sender", "first_name", "last_name"] {
        if let Some(value) = draft.context.get(key) {
            names.add(value);
        }
    }
    if let Some(greeting) = greeting(draft) {
        names.add(&greeting.name);
    }
    for line in signature_lines(&draft.prose.masked) {
        names.add(line);
    }
    names
}

/// Most lines a signature takes after its sign-off ("Marta Wiśniewska / Business Development,
/// PixelForge / pixelforge.studio").
const SIGNATURE_LINES: usize = 6;
/// How far from the end a sign-off line is looked for.
const SIGN_OFF_WINDOW: usize = 10;

/// The lines after the last sign-off ("Cheers," / "Kind regards,"): the sender's name, title
/// and company. Their names are the sender's own, so a pitch line that repeats them ("I think
/// you and PixelForge could be a great match") has no detail about the reader in it.
fn signature_lines(masked: &str) -> Vec<&str> {
    // Block boundaries are masked as U+001E record separators, not line breaks. Only the
    // last few non-blank lines are read, from the end.
    let mut window: Vec<&str> = masked
        .rsplit(['\n', '\u{1e}'])
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.trim().is_empty())
        .take(SIGN_OFF_WINDOW)
        .collect();
    window.reverse();
    let Some(pos) = window.iter().rposition(|line| is_sign_off(line)) else {
        // "... we shld catch up sometime xx / Bev": a last line that is only a name signs
        // the draft even without a sign-off word before it.
        return window
            .last()
            .filter(|line| bare_name_regex().is_match(line))
            .map(|line| vec![*line])
            .unwrap_or_default();
    };
    window[pos + 1..]
        .iter()
        .take(SIGNATURE_LINES)
        .copied()
        .filter(|line| line.chars().count() <= 80)
        .collect()
}

/// A line that is only a name: one to three capitalised words, perhaps after a dash.
fn bare_name_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\s*[-–—~]?\s*\p{Lu}[\p{Ll}'’.-]*(?:\s+\p{Lu}[\p{Ll}'’.-]*){0,2}\s*$")
            .unwrap_or_else(|err| panic!("name regex is a constant: {err}"))
    })
}

fn is_sign_off(line: &str) -> bool {
    sign_off_regex().is_match(line.trim())
}

fn sign_off_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^(?:(?:kind|warm|warmest|best|many|with)\s+)?(?:best|regards|cheers|thanks|thank you|sincerely|respectfully|gratitude|wishes|warmly|yours(?:\s+(?:truly|sincerely|faithfully))?|all the best|talk soon|speak soon|looking forward(?:\s+to\s+[\w\s]{1,30}?)?|much love|love|ciao|groeten|saludos|grüße|gruss|merci|thx|ty|br|rgds|god bless|blessings)(?:\s+(?:wishes|regards))?(?:\s+(?:and|&)\s+(?:regards|thanks|god bless|blessings))?\s*[,.!\-–—]*\s*(?:\p{So}\s*)*$")
            .unwrap_or_else(|err| panic!("sign-off regex is a constant: {err}"))
    })
}

/// A greeting line ("Hi Sam," / "Dear Dr. Okafor,").
#[derive(Debug, Clone)]
pub struct Greeting {
    /// The whole greeting line's byte range.
    pub line: Range<usize>,
    /// The name as written ("" when there is none).
    pub name: String,
}

fn greeting_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let source = format!(
            r"(?i)^\s*(?:{}|{}|greetings|good (?:morning|afternoon|evening))(?-u:\b)[ \t]*(?:(?:mr|mrs|ms|dr|prof)\.?[ \t]+)?([^\s,!:.\n]*(?:[ \t]+[A-Z][^\s,!:.\n]*)?)?[ \t]*[,!:.]?[ \t]*$",
            evidence::greeting_phrases_regex(),
            evidence::GREETING_WORDS.join("|")
        );
        Regex::new(&source).unwrap_or_else(|err| panic!("greeting regex is a constant: {err}"))
    })
}

/// The greeting line of the body, when the first prose line is one.
pub fn greeting(draft: &Draft<'_>) -> Option<Greeting> {
    let block = draft.prose.blocks.iter().find(|b| !b.heading)?;
    let first_line_end = draft.text[block.range.clone()]
        .find(['\n', '\r'])
        .map_or(block.range.end, |i| block.range.start + i);
    let line = block.range.start..first_line_end;
    let caps = greeting_regex().captures(&draft.text[line.clone()])?;
    let name = caps.get(1).map_or("", |m| m.as_str()).to_string();
    Some(Greeting { line, name })
}

fn front_matter_error(draft: &Draft<'_>, spec: &RuleSpec) -> Option<Finding> {
    let fm = draft.prose.front_matter.as_ref()?;
    let err = fm.error.as_ref()?;
    let line = err
        .line
        .saturating_sub(1)
        .min(draft.lines.line_count().saturating_sub(1));
    let range = draft.lines.line_range(draft.text, line).unwrap_or(0..0);
    Some(finding(
        spec,
        range,
        format!("{}: {err}", spec.message),
        None,
    ))
}

/// The range document-level findings sit on: the first body line with content.
pub fn anchor(draft: &Draft<'_>) -> Range<usize> {
    if let Some(block) = draft
        .prose
        .blocks
        .iter()
        .find(|b| !b.heading)
        .or(draft.prose.blocks.first())
    {
        let end = draft.text[block.range.clone()]
            .find(['\n', '\r'])
            .map_or(block.range.end, |i| block.range.start + i);
        return block.range.start..end;
    }
    let start = draft.prose.body_start.min(draft.text.len());
    let end = draft.text[start..]
        .find(['\n', '\r'])
        .map_or(draft.text.len(), |i| start + i);
    start..end
}

/// `text` (which starts at `offset`) with every character inside one of `ranges` replaced
/// by a space.
fn blank_ranges(text: &str, offset: usize, ranges: &[Range<usize>]) -> String {
    let end = offset + text.len();
    // Only the few ranges inside this sentence, not every finding of a long document.
    let inside: Vec<&Range<usize>> = ranges
        .iter()
        .filter(|r| r.start < end && r.end > offset)
        .collect();
    text.char_indices()
        .map(|(i, c)| {
            let at = offset + i;
            if inside.iter().any(|r| r.start == at) {
                evidence::BLANK_MARK
            } else if inside.iter().any(|r| r.contains(&at)) {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Evidence of a reason tied to the reader, by kind, with the sentence that shows it. The
/// scan stops as soon as the evidence is enough for a reason (`is_reason`), so a long draft
/// with a tie in its first paragraph costs one paragraph; when it is not enough, every
/// sentence has been read and the list is complete (the hover shows it).
pub fn reader_evidence(
    draft: &Draft<'_>,
    flagged: &[Range<usize>],
) -> Vec<(DetailKind, Range<usize>)> {
    evidence_within(draft, flagged, 0..usize::MAX)
}

/// `reader_evidence` from the sentences that start inside `window` only.
fn evidence_within(
    draft: &Draft<'_>,
    flagged: &[Range<usize>],
    window: Range<usize>,
) -> Vec<(DetailKind, Range<usize>)> {
    let mut found = Vec::new();
    let covered = sentences::covered(&draft.sentences, flagged);
    // The block of the last sentence that congratulated or thanked the reader on a piece of
    // their work named only by its kind.
    let mut piece_introduced_in: Option<usize> = None;
    for (sentence, flagged_len) in draft.sentences.iter().zip(covered) {
        if in_heading(draft, sentence.start) {
            continue;
        }
        // A sentence that is mostly a stock phrase is not evidence.
        if flagged_len * 2 > sentence.len() {
            piece_introduced_in = None;
            continue;
        }
        let text = draft.masked(sentence.clone());
        let block = draft.prose.block_index(sentence.start);
        let elaborates = piece_introduced_in.is_some() && piece_introduced_in == block;
        piece_introduced_in = if flagged_len == 0 && evidence::introduces_their_piece(text) {
            block
        } else {
            None
        };
        if !window.contains(&sentence.start) {
            continue;
        }
        // The names and numbers inside a stock phrase are not evidence either: "I'm a
        // top-producing realtor serving Calgary for 12+ years" is a CV line, whatever it names.
        // The "you" of a stock phrase does not make the rest of the sentence about the reader
        // either: "I am reaching out to you because I am moving to Tilburg in August".
        let rest = (flagged_len > 0).then(|| blank_ranges(text, sentence.start, flagged));
        let mut details = match &rest {
            None => draft.details(sentence),
            Some(rest) => evidence::details(rest, &draft.names),
        };
        // Blanking a flagged merge field hides it from `details`; the memory it sat in is
        // still the template's.
        if rest.is_some() && evidence::has_merge_field(text) {
            details.retain(|k| *k != DetailKind::SharedHistory);
        }
        let judged = rest.as_deref().unwrap_or(text);
        let weak_counts = details.iter().any(|k| !k.is_strong())
            && weak_details_tie(text, judged, elaborates, details.len());
        for kind in details {
            if kind.is_strong() || weak_counts {
                found.push((kind, sentence.clone()));
            }
        }
        if is_reason(&found) {
            break;
        }
    }
    found
}

/// Whether the draft gives a reason tied to the reader, judged as `missing-context` judges
/// it. `phrase_findings` are every phrase finding, the excusable ones included: their ranges
/// are not evidence, and a draft with a stock phrase never passes as dense with detail.
pub fn has_reader_reason(draft: &Draft<'_>, phrase_findings: &[Finding]) -> bool {
    !draft.template
        && !draft.prose.blocks.is_empty()
        && reader_reason_missing(draft, phrase_findings).is_none()
}

/// Whether the sentence holding `at`, the sentence just before it, or the one after it in
/// the same paragraph, carries a detail tied to the reader, judged as `missing-context` judges
/// evidence. "Happy to shout you a coffee at the site shed" right after "Any chance of a
/// 15-minute call Thursday to talk through how you sequenced it?" is part of a specific ask.
pub fn reader_detail_near(draft: &Draft<'_>, at: usize, phrase_findings: &[Finding]) -> bool {
    let Some(index) = draft.sentences.iter().position(|s| s.contains(&at)) else {
        return false;
    };
    let block = draft.prose.block_index(at);
    let same_block = |i: usize| draft.prose.block_index(draft.sentences[i].start) == block;
    // The sentence before may end the paragraph above: "... you're the person to ask about
    // overnight admits.\n\nIf you have 20 minutes during my first week I'd be grateful".
    let first = index.saturating_sub(1);
    let last = if index + 1 < draft.sentences.len() && same_block(index + 1) {
        index + 1
    } else {
        index
    };
    let window = draft.sentences[first].start..draft.sentences[last].end;
    let flagged: Vec<Range<usize>> = phrase_findings.iter().map(|f| f.range.clone()).collect();
    !evidence_within(draft, &flagged, window).is_empty()
}

/// Whether a sentence's names, numbers and quoted titles are about the reader. `rest` is the
/// sentence with its stock phrases blanked, where the reader is looked for; whether it is a
/// pitch or a self-introduction is read from the whole `text`. `elaborates`: the sentence
/// follows one that congratulated them on a piece named only by its kind; `kinds`: how many
/// kinds of detail it holds.
fn weak_details_tie(text: &str, rest: &str, elaborates: bool, kinds: usize) -> bool {
    // A self-introduction's names and numbers are the sender's own ("introduce myself as your
    // new contact here at Coast 96.2").
    if evidence::is_self_introduction(text) {
        return false;
    }
    // A question about work shared with the reader counts as about them; a pitch ("Our
    // FlowPip 8 can help you...", "our Discord (9k members) to amplify your reach") names the
    // sender's product, not anything of the reader's.
    // A question with a detail is one only the reader can answer, even without a "you":
    // "Could those travel costs (approx. £3,400) go under Facilities?" to a grant officer.
    let asks_them = evidence::asks_reader(text);
    let about_reader =
        (evidence::is_about_reader(rest) || evidence::is_joint_question(rest) || asks_them)
            && !evidence::is_pitch_to_reader(text);
    // The sentence right after "Congrats on the paper!" describing it with two kinds of detail
    // is about their paper, though it never says "you".
    about_reader || (elaborates && kinds >= 2 && !evidence::is_company_voice(text))
}

/// Whether evidence adds up to a reason tied to the reader: one strong kind (their work, a
/// shared past, a mutual contact), or two pieces of weaker evidence.
fn is_reason(found: &[(DetailKind, Range<usize>)]) -> bool {
    found.len() >= 2 || found.iter().any(|(k, _)| k.is_strong())
}

/// Sentences of at least this many words can count towards `dense_with_detail`; shorter
/// ones are mostly sign-offs and signature lines ("Hana Weiss, Ferrous Labs").
const DENSE_MIN_WORDS: usize = 6;
/// How many detailed sentences make a draft dense.
const DENSE_SENTENCES: usize = 3;
/// Fewer detailed sentences do when they hold every kind of weak detail between them: a
/// heads-up naming the seminar, its quoted title, its day and its room, then a question.
const DENSE_FEW_SENTENCES: usize = 2;
const DENSE_FEW_KINDS: usize = 3;

/// A draft with no stock phrase at all whose sentences are full of concrete detail, in the
/// writer's own voice rather than the company "we", and which speaks to the reader at least
/// once. Notes between colleagues or to an archivist ("the Box 14 folder titled ...", "the
/// newsletter went out to 300 people") lean on shared context without a "your post on X"
/// line; mail-merge drafts are assembled from stock lines, so they do not get here.
fn dense_with_detail(draft: &Draft<'_>) -> bool {
    let mut detailed = 0usize;
    let mut kinds: BTreeSet<DetailKind> = BTreeSet::new();
    let mut addressed = false;
    for sentence in &draft.sentences {
        if in_heading(draft, sentence.start) {
            continue;
        }
        let text = draft.masked(sentence.clone());
        addressed |= evidence::is_about_reader(text);
        if text.split_whitespace().count() < DENSE_MIN_WORDS || evidence::is_company_voice(text) {
            continue;
        }
        let found = draft.details(sentence);
        if !found.is_empty() {
            detailed += 1;
            kinds.extend(found);
        }
    }
    addressed
        && ((detailed >= DENSE_SENTENCES && kinds.len() >= 2)
            || (detailed >= DENSE_FEW_SENTENCES && kinds.len() >= DENSE_FEW_KINDS))
}

fn in_heading(draft: &Draft<'_>, offset: usize) -> bool {
    draft.prose.heading_at(offset)
}

/// `Some(evidence found)` when nothing in the draft ties it to its reader: the weak evidence
/// there is, for the hover. `None` when the draft has a reader-tied reason, or is a template
/// or empty and so is not judged.
fn reader_reason_missing(
    draft: &Draft<'_>,
    phrase_findings: &[Finding],
) -> Option<Vec<(DetailKind, Range<usize>)>> {
    if draft.template || draft.prose.blocks.is_empty() || uses_declared_tie(draft) {
        return None;
    }
    let flagged: Vec<Range<usize>> = phrase_findings.iter().map(|f| f.range.clone()).collect();
    let found = reader_evidence(draft, &flagged);
    if is_reason(&found) {
        return None;
    }
    if phrase_findings
        .iter()
        .all(|f| in_detailed_sentence(draft, f))
        && dense_with_detail(draft)
    {
        return None;
    }
    Some(found)
}

/// The finding sits in a sentence that carries a detail of its own: "Can we do a quick call
/// Thursday at 2pm to decide whether we pull it during the shutdown on the 18th?" is a stock
/// shape put to a specific use, not a mail-merge line.
fn in_detailed_sentence(draft: &Draft<'_>, finding: &Finding) -> bool {
    sentences::containing(&draft.sentences, finding.range.start)
        .is_some_and(|s| !draft.details(&s).is_empty())
}

/// The front matter names where you met, a piece of their work or a mutual contact, and the
/// body mentions it: the writer has told us what ties the draft to the reader, and wrote it
/// in ("how you priced the early-bird tier at JSConf Budapest").
fn uses_declared_tie(draft: &Draft<'_>) -> bool {
    const TIES: &[&str] = &["met_at", "their_work", "mutual"];
    if TIES.iter().all(|key| draft.context.get(key).is_none()) {
        return false;
    }
    let body_start = draft.prose.body_start.min(draft.prose.masked.len());
    let body = &draft.prose.masked[body_start..];
    !crate::personal::unused::fact_usage(&draft.context, TIES, body)
        .0
        .is_empty()
}

fn missing_context(
    draft: &Draft<'_>,
    spec: &RuleSpec,
    found: &[(DetailKind, Range<usize>)],
) -> Finding {
    let mut detail = String::from("**Evidence found:** ");
    if found.is_empty() {
        detail.push_str("none.\n\n");
    } else {
        let list: Vec<String> = found
            .iter()
            .map(|(k, r)| format!("{} (\"{}\")", k.describe(), draft.text[r.clone()].trim()))
            .collect();
        detail.push_str(&list.join("; "));
        detail.push_str(" — not enough on its own.\n\n");
    }
    detail.push_str("**Missing:** where you met or what you share, a piece of their work with a detail, a mutual contact by name, or a specific question only they can answer.");
    let mut result = finding(spec, anchor(draft), spec.message.clone(), Some(detail));
    result.fixes = fix::context_line_fixes(draft);
    result
}

/// Characters of the body as it would be sent (front matter excluded, ends trimmed).
fn body_chars(draft: &Draft<'_>) -> usize {
    draft.text[draft.prose.body_start.min(draft.text.len())..]
        .trim()
        .chars()
        .count()
}

fn channel_length(draft: &Draft<'_>, spec: &RuleSpec, options: &LintOptions) -> Option<Finding> {
    let channel = draft.context.channel.or(options.default_channel)?;
    let limits = &options.limits;
    let (limit, what) = match channel {
        Channel::LinkedinNote => (limits.linkedin_note, "a LinkedIn connection note"),
        Channel::LinkedinMessage => (limits.linkedin_message, "a LinkedIn message"),
        Channel::Inmail => (limits.inmail_body, "an InMail body"),
        Channel::Email => (limits.email, "this email"),
    };
    if channel == Channel::Inmail {
        if let Some(subject) = draft.context.get("subject") {
            let n = subject.chars().count();
            if limits.inmail_subject > 0 && n > limits.inmail_subject {
                let msg = format!(
                    "{}: the InMail subject is {n} characters; the limit is {}",
                    spec.message, limits.inmail_subject
                );
                return Some(finding(spec, anchor(draft), msg, None));
            }
        }
    }
    let count = body_chars(draft);
    if limit == 0 || count <= limit {
        return None;
    }
    let msg = format!(
        "{}: {count} characters, {} over the {limit} allowed for {what}",
        spec.message,
        count - limit
    );
    Some(finding(spec, anchor(draft), msg, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_lines_follow_the_last_sign_off() {
        let draft = "Hi Ana,\n\nThanks for the tour.\n\nCheers,\nMarta Wiśniewska\nBusiness Development, PixelForge\n";
        assert_eq!(
            signature_lines(draft),
            vec!["Marta Wiśniewska", "Business Development, PixelForge"]
        );
        let kind =
            "Body line.\n\nKind regards,\nPooja S.\nTalent Acquisition | Vriksha HR Solutions\n";
        assert_eq!(signature_lines(kind).len(), 2);
        // "Thanks for the tour on Friday." is a sentence, not a sign-off; the bare name
        // after it still signs the draft.
        assert_eq!(
            signature_lines("Hi Ana,\n\nThanks for the tour on Friday.\nSam\n"),
            vec!["Sam"]
        );
        assert_eq!(
            signature_lines("hope ur good, we shld catch up sometime xx\n— Bev Ndlovu\n"),
            vec!["— Bev Ndlovu"]
        );
        // A last line that is a sentence, or names more than a person would sign with, is
        // not a signature.
        assert!(signature_lines("Hi Ana,\n\nSee you at PyCon\n").is_empty());
        assert!(signature_lines("Hi Ana,\n\nThanks for the tour on Friday.\n").is_empty());
        assert!(signature_lines("Body.\nGreat Work From Everyone Here\n").is_empty());
    }

    #[test]
    fn a_question_with_a_detail_counts_as_asked_of_the_reader() {
        // To a grant officer: the question names the costs and the budget lines.
        assert!(weak_details_tie(
            "Could those travel costs (approx. £3,400 for two visits) go under Facilities?",
            "Could those travel costs (approx. £3,400 for two visits) go under Facilities?",
            false,
            2
        ));
        // The same facts told, not asked, are the writer's own.
        assert!(!weak_details_tie(
            "Those travel costs (approx. £3,400 for two visits) go under Facilities.",
            "Those travel costs (approx. £3,400 for two visits) go under Facilities.",
            false,
            2
        ));
        // A pitch is not a question only the reader can answer.
        for pitch in [
            "Would our platform help you cut 30% off Q3 spend?",
            "Would a 20% cut in AWS spend by Q3 be worth 15 minutes?",
            "Is cutting onboarding time by 40% a priority for the Leeds team this quarter?",
            "Would it make sense to show how Northwind saved 300 hours in 2024?",
        ] {
            assert!(!weak_details_tie(pitch, pitch, false, 2), "{pitch}");
        }
        assert!(weak_details_tie(
            "Is there any way to swap poster P-117 to the Thursday session?",
            "Is there any way to swap poster P-117 to the Thursday session?",
            false,
            2
        ));
    }

    #[test]
    fn the_reader_is_looked_for_outside_stock_phrases_and_the_pitch_in_the_whole_sentence() {
        let opener = "I am reaching to you because I am moving to Tilburg in August.";
        let rest = "                             I am moving to Tilburg in August.";
        assert!(weak_details_tie(opener, opener, false, 2));
        assert!(!weak_details_tie(opener, rest, false, 2));
        let pitch = "At Quantiv, we’ve helped 250+ data teams cut their Snowflake bill by 40%, and there’s a real chance for you too.";
        let blanked = pitch.replace(
            "we’ve helped 250+ data teams",
            "                              ",
        );
        assert!(!weak_details_tie(pitch, &blanked, false, 2));
    }
}
