//! Campaign checks: what only shows across the files of one run. Near-duplicate openers
//! and closers (the first and last substantive sentence of each draft, normalised), and the
//! same body going to several recipients at one company (from the front matter).
//!
//! Work is split in two so the expensive part runs in the parallel lint phase:
//! [`facts`] reads one draft (prose extraction, sentence split, normalisation into word
//! hashes); [`analyse`] then groups the facts of all files with hash maps, in time linear
//! in the number of words.
//!
//! "Near-duplicate" is explainable on purpose: two sentences match when, after
//! normalisation (case, punctuation, quotes, numbers, merge fields and the recipient's own
//! name and company), they are equal or differ by one word (one word changed, added or
//! removed). Matches are found with a deletion neighbourhood: each sentence of six words or
//! more is also keyed by every copy of itself with one word left out, so two sentences that
//! differ in one word share a key. Groups are the connected components.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use crate::config::CAMPAIGN_CATEGORY;
use crate::context::RecipientContext;
use crate::lint::{Finding, LintOptions};
use crate::prose::{self, DirectiveKind, Format};
use crate::rules::{sentences, RuleFile, RuleSpec, Severity};

/// Rule id: a near-duplicate opener.
pub const DUPLICATE_OPENER: &str = "campaign-duplicate-opener";
/// Rule id: a near-duplicate closer.
pub const DUPLICATE_CLOSER: &str = "campaign-duplicate-closer";
/// Rule id: the same body to several recipients at one company.
pub const SAME_BODY: &str = "campaign-same-body";

/// Sentences shorter than this (in normalised words) are never compared.
const MIN_WORDS: usize = 4;
/// Sentences at least this long also match with one word changed, added or removed.
const FUZZY_MIN_WORDS: usize = 6;
/// A body shorter than this (in words) is not compared.
const MIN_BODY_WORDS: usize = 8;
/// How many other files a message names.
const NAMED_IN_MESSAGE: usize = 3;

const RULES_TOML: &str = r#"
[[rule]]
id = "campaign-duplicate-opener"
category = "campaign"
severity = "warning"
kind = "document"
removable = false
message = "Near-duplicate opener: other drafts in this run start with the same sentence"
hint = "Open with something only this reader would recognise: where you met, their work, a shared contact."
explanation = """
The first sentence is what shows in the inbox preview and the connection request. When the same
opener is pasted into many drafts, every reader gets the sentence everyone else got, and the ones
who compare notes (colleagues, a team you are pitching) see the template.

Openers are compared after normalisation (case, punctuation, numbers, merge fields, and the
recipient's own name and company from the front matter); sentences of six words or more also
match when one word is changed, added or removed. Checked by `check --campaign`, or for the
folders whose config sets `campaign = true`.
"""

[[rule]]
id = "campaign-duplicate-closer"
category = "campaign"
severity = "info"
kind = "document"
removable = false
message = "Near-duplicate closer: other drafts in this run end with the same sentence"
hint = "End with the one specific ask that fits this reader, in their terms."
explanation = """
The last sentence before the sign-off is usually the ask. Pasted across a campaign, it becomes a
generic call to action ("Would you be open to a quick call?") that reads the same to everyone.

Closers are the last sentence of four words or more before the sign-off, compared like openers.
"""

[[rule]]
id = "campaign-same-body"
category = "campaign"
severity = "warning"
kind = "document"
removable = false
message = "The same body goes to several recipients at one company"
hint = "People at one company compare notes: write each of them their own reason, or send one message to one person."
explanation = """
Two or more drafts addressed to different people at the same company (the `company` and
`recipient` fields of the front matter) carry the same body once names and merge fields are set
aside. Colleagues forward and compare outreach; identical notes turn each of them into a mass
mailing.
"""
"#;

/// The campaign checks as rule records (ids, messages, explanations), for `explain`, SARIF
/// and config validation.
pub fn specs() -> &'static [RuleSpec] {
    static SPECS: OnceLock<Vec<RuleSpec>> = OnceLock::new();
    SPECS.get_or_init(|| match toml::from_str::<RuleFile>(RULES_TOML) {
        Ok(file) => file.rule,
        Err(err) => panic!("the campaign rule records are a constant: {err}"),
    })
}

/// The campaign rule record with this id.
pub fn spec(id: &str) -> Option<&'static RuleSpec> {
    specs().iter().find(|s| s.id == id)
}

/// Which of the three checks run for one file, and at what severity (`None` = off).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Opener, closer, same body: in the order of [`specs`].
    pub severity: [Option<Severity>; 3],
}

impl Settings {
    /// Resolve from a file's lint options (rule filters, severities) and its directives.
    pub fn from_options(options: &LintOptions) -> Settings {
        let mut severity = [None; 3];
        for (slot, spec) in severity.iter_mut().zip(specs()) {
            if options.rule_enabled(&spec.id, &spec.category) {
                let sev = options
                    .severities
                    .get(&spec.id)
                    .or_else(|| options.severities.get(&spec.category))
                    .copied()
                    .unwrap_or(spec.severity);
                *slot = Some(sev);
            }
        }
        Settings { severity }
    }

    fn any(&self) -> bool {
        self.severity.iter().any(Option::is_some)
    }
}

/// One normalised sentence of a draft.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Byte range in the draft.
    pub range: Range<usize>,
    /// Hashes of the normalised words.
    words: Vec<u64>,
}

/// What the campaign checks need from one draft.
#[derive(Debug, Clone)]
pub struct Facts {
    /// Which campaign this file belongs to (files are only compared within one).
    pub scope: u64,
    /// Checks on, with severities.
    pub settings: Settings,
    /// The first substantive sentence after the greeting.
    pub opener: Option<Sentence>,
    /// The last substantive sentence before the sign-off.
    pub closer: Option<Sentence>,
    /// Hash of the normalised body (greeting and sign-off left out), when long enough.
    pub body: Option<u64>,
    /// Where a same-body finding sits.
    pub anchor: Range<usize>,
    /// Recipient name as written in the front matter.
    pub recipient: Option<String>,
    /// Company as written in the front matter.
    pub company: Option<String>,
}

/// Read the campaign facts of one draft. `scope` groups files into campaigns; `settings`
/// come from the file's options. Returns `None` when every campaign check is off for it.
pub fn facts(text: &str, format: Format, scope: u64, settings: Settings) -> Option<Facts> {
    let mut settings = settings;
    let prose = prose::extract(text, format);
    for d in &prose.directives {
        if d.kind == DirectiveKind::DisableFile {
            for (slot, spec) in settings.severity.iter_mut().zip(specs()) {
                if d.rules.is_empty()
                    || d.rules
                        .iter()
                        .any(|r| *r == spec.id || r == CAMPAIGN_CATEGORY)
                {
                    *slot = None;
                }
            }
        }
    }
    if !settings.any() {
        return None;
    }
    let context = RecipientContext::from_front_matter(prose.front_matter.as_ref());
    let own_names = OwnNames::new(&context);
    let headings: Vec<Range<usize>> = prose
        .blocks
        .iter()
        .filter(|b| b.heading)
        .map(|b| b.range.clone())
        .collect();
    let mut body: Vec<Sentence> = sentences::split(&prose.masked)
        .into_iter()
        .filter(|s| {
            !headings
                .iter()
                .any(|h| h.start <= s.start && s.end <= h.end)
        })
        .map(|range| {
            let words = normalise(prose.masked.get(range.clone()).unwrap_or(""), &own_names);
            Sentence { range, words }
        })
        .filter(|s| !s.words.is_empty())
        .collect();
    if body.first().is_some_and(is_greeting) {
        body.remove(0);
    }
    while body.last().is_some_and(is_sign_off) {
        body.pop();
    }
    let anchor = body
        .first()
        .map_or(prose.body_start..prose.body_start, |s| s.range.clone());
    let opener = body.first().filter(|s| s.words.len() >= MIN_WORDS).cloned();
    let closer = if body.len() >= 2 {
        body.last().filter(|s| s.words.len() >= MIN_WORDS).cloned()
    } else {
        None
    };
    let all_words: usize = body.iter().map(|s| s.words.len()).sum();
    let body_hash = (all_words >= MIN_BODY_WORDS).then(|| {
        body.iter()
            .flat_map(|s| s.words.iter().copied())
            .fold(FNV_OFFSET, mix)
    });
    Some(Facts {
        scope,
        settings,
        opener,
        closer,
        body: body_hash,
        anchor,
        recipient: context.get("recipient").map(str::to_string),
        company: context.get("company").map(str::to_string),
    })
}

/// The campaign facts of one checked file, when it takes part: with `--campaign` every
/// file does (one campaign for the run); otherwise the files whose config marks them, one
/// campaign per config file.
pub fn facts_for(
    text: &str,
    format: Format,
    project: &crate::config::Project,
    file: Option<&std::path::Path>,
    options: &LintOptions,
    flag: bool,
) -> Option<Facts> {
    let scope = if flag {
        0
    } else if project.campaign_for(file) {
        project
            .path
            .as_ref()
            .map_or(1, |p| fnv1a(p.to_string_lossy().as_bytes()) | 1)
    } else {
        return None;
    };
    facts(text, format, scope, Settings::from_options(options))
}

/// Campaign facts for one recipient row of `check --recipients`: the template's text (its
/// merge fields stand for the row's values) with the recipient and company taken from the
/// row's columns (`name`, `first_name`, `company`, `organisation`, ... as in front matter).
/// Only the same-body check applies: every row of a template shares its opener and closer by
/// design, so those two checks are for separate files.
pub fn facts_for_row(
    template: &str,
    format: Format,
    scope: u64,
    settings: Settings,
    values: &[(String, String)],
) -> Option<Facts> {
    let mut settings = settings;
    settings.severity[GroupKind::Opener.slot()] = None;
    settings.severity[GroupKind::Closer.slot()] = None;
    let mut facts = facts(template, format, scope, settings)?;
    let value = |key: &str| {
        values
            .iter()
            .find(|(column, v)| {
                !v.trim().is_empty()
                    && crate::context::canonical_key(
                        &column.trim().to_lowercase().replace([' ', '-'], "_"),
                    ) == key
            })
            .map(|(_, v)| v.trim().to_string())
    };
    facts.recipient = value("recipient").or(facts.recipient);
    facts.company = value("company").or(facts.company);
    Some(facts)
}

/// Run the campaign checks over the results of a run (in report order): take each file's
/// facts, group them, and add the findings to the files. `None` when no file took part.
pub fn apply(results: &mut [crate::cli::check::FileResult]) -> Option<Campaign> {
    let facts: Vec<Option<Facts>> = results.iter_mut().map(|r| r.campaign.take()).collect();
    if facts.iter().all(Option::is_none) {
        return None;
    }
    let campaign = analyse(&facts);
    let found = {
        let paths: Vec<&str> = results.iter().map(|r| r.path.as_str()).collect();
        findings(&campaign, &paths, &facts)
    };
    let mut touched = Vec::new();
    for (file, finding) in found {
        if let Some(r) = results.get_mut(file) {
            r.findings.push(finding);
            touched.push(file);
        }
    }
    touched.sort_unstable();
    touched.dedup();
    for file in touched {
        if let Some(r) = results.get_mut(file) {
            r.findings.sort_by(|a, b| {
                (a.range.start, a.range.end, &a.rule).cmp(&(b.range.start, b.range.end, &b.rule))
            });
        }
    }
    Some(campaign)
}

/// The recipient's own name and company words, which are set aside when comparing.
struct OwnNames {
    name: Vec<u64>,
    company: Vec<u64>,
}

impl OwnNames {
    fn new(context: &RecipientContext) -> OwnNames {
        let words = |key: &str| -> Vec<u64> {
            context
                .get(key)
                .map(|v| {
                    raw_words(v)
                        .into_iter()
                        .filter(|w| w.chars().count() > 1)
                        .map(|w| word_hash(&w))
                        .collect()
                })
                .unwrap_or_default()
        };
        OwnNames {
            name: words("recipient"),
            company: words("company"),
        }
    }
}

const GREETINGS: &[&str] = &[
    "hi",
    "hello",
    "hey",
    "dear",
    "hiya",
    "greetings",
    "good",
    "howdy",
    "yo",
    "morning",
];
const SIGN_OFFS: &[&str] = &[
    "best",
    "thanks",
    "thank",
    "regards",
    "cheers",
    "sincerely",
    "warmly",
    "warm",
    "kind",
    "all",
    "talk",
    "speak",
    "yours",
    "many",
    "with",
    "respectfully",
    "cordially",
    "ps",
];

fn is_greeting(s: &Sentence) -> bool {
    s.words.len() <= 5
        && s.words
            .first()
            .is_some_and(|w| GREETINGS.iter().any(|g| word_hash(g) == *w))
}

fn is_sign_off(s: &Sentence) -> bool {
    s.words.len() < MIN_WORDS
        || s.words.len() <= 5
            && s.words
                .first()
                .is_some_and(|w| SIGN_OFFS.iter().any(|g| word_hash(g) == *w))
}

/// Lower-cased words of a text: letters and digits, apostrophes inside words kept (curly
/// ones read as straight).
fn raw_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}')
            && !current.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            current.push('\'');
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// Normalised word hashes of a sentence: merge fields (`{{x}}`, `{x}`, `[x]`, `<x>`) become
/// one placeholder word, the recipient's own name and company words become placeholders,
/// and numbers become one word.
fn normalise(sentence: &str, own: &OwnNames) -> Vec<u64> {
    let placeholder = word_hash("\u{1}field");
    let mut out = Vec::new();
    let mut rest = sentence;
    while !rest.is_empty() {
        let next = rest.find(['{', '[', '<']);
        let (plain, tail) = match next {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        push_words(plain, own, &mut out);
        if tail.is_empty() {
            break;
        }
        let close = match tail.as_bytes()[0] {
            b'{' => '}',
            b'[' => ']',
            _ => '>',
        };
        match tail[1..]
            .find(close)
            .filter(|&end| end <= 60 && !tail[1..1 + end].contains('\n'))
        {
            Some(end) => {
                out.push(placeholder);
                let mut after = &tail[1 + end + 1..];
                // `{{x}}`: the second closing brace.
                while after.starts_with(close) {
                    after = &after[1..];
                }
                rest = after;
            }
            None => rest = &tail[1..],
        }
    }
    out
}

/// The words of `text` as [`raw_words`] splits them, hashed as they are read (no
/// allocation per word), with numbers and the recipient's own words replaced.
fn push_words(text: &str, own: &OwnNames, out: &mut Vec<u64>) {
    let number = word_hash("\u{1}number");
    let name = word_hash("\u{1}name");
    let company = word_hash("\u{1}company");
    let mut hash = FNV_OFFSET;
    let mut len = 0usize;
    let mut digits = true;
    let mut flush = |hash: u64, digits: bool| {
        let token = if digits {
            number
        } else if own.name.contains(&hash) {
            name
        } else if own.company.contains(&hash) {
            company
        } else {
            hash
        };
        out.push(token);
    };
    let feed = |hash: &mut u64, c: char| {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            *hash = (*hash ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                feed(&mut hash, lower);
            }
            digits &= c.is_ascii_digit();
            len += 1;
        } else if matches!(c, '\'' | '\u{2019}')
            && len > 0
            && chars.peek().is_some_and(|n| n.is_alphanumeric())
        {
            feed(&mut hash, '\'');
            digits = false;
        } else if len > 0 {
            flush(hash, digits);
            hash = FNV_OFFSET;
            len = 0;
            digits = true;
        }
    }
    if len > 0 {
        flush(hash, digits);
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a: stable across runs, platforms and compiler versions.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME)
    })
}

fn word_hash(word: &str) -> u64 {
    fnv1a(word.as_bytes())
}

fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(FNV_PRIME)
}

/// What a group is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// First sentences.
    Opener,
    /// Last sentences.
    Closer,
    /// Whole bodies to one company.
    SameBody,
}

impl GroupKind {
    /// The rule id of the group's findings.
    pub fn rule(self) -> &'static str {
        match self {
            GroupKind::Opener => DUPLICATE_OPENER,
            GroupKind::Closer => DUPLICATE_CLOSER,
            GroupKind::SameBody => SAME_BODY,
        }
    }

    /// A word for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::Opener => "opener",
            GroupKind::Closer => "closer",
            GroupKind::SameBody => "same-body",
        }
    }

    fn slot(self) -> usize {
        match self {
            GroupKind::Opener => 0,
            GroupKind::Closer => 1,
            GroupKind::SameBody => 2,
        }
    }
}

/// One file in a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Index of the file in the run's results.
    pub file: usize,
    /// The sentence (or the body's first sentence).
    pub range: Range<usize>,
    /// The recipient, for same-body groups.
    pub recipient: Option<String>,
}

/// Files that share an opener, a closer, or a body to one company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// What they share.
    pub kind: GroupKind,
    /// The company, for same-body groups.
    pub company: Option<String>,
    /// The files, in run order.
    pub members: Vec<Member>,
}

/// The campaign checks' result for one run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Campaign {
    /// Groups of two files or more, openers first, then closers, then same bodies; each
    /// kind by size, largest first.
    pub groups: Vec<Group>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// Group the facts of all files (index = position in the run's results).
pub fn analyse(facts: &[Option<Facts>]) -> Campaign {
    let mut groups = Vec::new();
    for kind in [GroupKind::Opener, GroupKind::Closer] {
        groups.extend(sentence_groups(facts, kind));
    }
    groups.extend(body_groups(facts));
    Campaign { groups }
}

fn sentence_groups(facts: &[Option<Facts>], kind: GroupKind) -> Vec<Group> {
    let items: Vec<(usize, &Facts, &Sentence)> = facts
        .iter()
        .enumerate()
        .filter_map(|(i, f)| f.as_ref().map(|f| (i, f)))
        .filter(|(_, f)| f.settings.severity[kind.slot()].is_some())
        .filter_map(|(i, f)| {
            let sentence = match kind {
                GroupKind::Opener => f.opener.as_ref(),
                _ => f.closer.as_ref(),
            }?;
            Some((i, f, sentence))
        })
        .collect();
    let mut sets = UnionFind((0..items.len()).collect());
    let mut first_with_key: HashMap<u64, usize> = HashMap::with_capacity(items.len() * 4);
    for (n, (_, f, sentence)) in items.iter().enumerate() {
        for key in sentence_keys(&sentence.words, f.scope) {
            match first_with_key.get(&key) {
                Some(&other) => sets.union(n, other),
                None => {
                    first_with_key.insert(key, n);
                }
            }
        }
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for n in 0..items.len() {
        let root = sets.find(n);
        by_root.entry(root).or_default().push(n);
    }
    let mut groups: Vec<Group> = by_root
        .into_values()
        .filter(|members| members.len() >= 2)
        .map(|members| Group {
            kind,
            company: None,
            members: members
                .into_iter()
                .map(|n| Member {
                    file: items[n].0,
                    range: items[n].2.range.clone(),
                    recipient: None,
                })
                .collect(),
        })
        .collect();
    sort_groups(&mut groups);
    groups
}

/// The keys a sentence is filed under: itself exactly; and, when long enough to compare
/// loosely, itself read as a longer sentence with one word left out, and each copy of
/// itself with one word left out. Two sentences share a key when they are equal or one word
/// apart.
fn sentence_keys(words: &[u64], scope: u64) -> Vec<u64> {
    let seed = mix(FNV_OFFSET, scope);
    let chain = |tag: u64, skip: Option<usize>| {
        words
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != skip)
            .fold(mix(seed, tag), |h, (_, w)| mix(h, *w))
    };
    let mut keys = vec![chain(0, None)];
    if words.len() + 1 >= FUZZY_MIN_WORDS {
        keys.push(chain(1, None));
    }
    if words.len() >= FUZZY_MIN_WORDS {
        keys.extend((0..words.len()).map(|skip| chain(1, Some(skip))));
    }
    keys
}

fn body_groups(facts: &[Option<Facts>]) -> Vec<Group> {
    let slot = GroupKind::SameBody.slot();
    let mut by_key: HashMap<(u64, String, u64), Vec<usize>> = HashMap::new();
    for (i, f) in facts.iter().enumerate() {
        let Some(f) = f else { continue };
        if f.settings.severity[slot].is_none() {
            continue;
        }
        let (Some(body), Some(company)) = (f.body, f.company.as_deref()) else {
            continue;
        };
        let company = raw_words(company).join(" ");
        if company.is_empty() {
            continue;
        }
        by_key.entry((f.scope, company, body)).or_default().push(i);
    }
    let mut groups: Vec<Group> = by_key
        .into_values()
        .filter_map(|files| {
            let mut recipients: Vec<String> = files
                .iter()
                .map(|&i| {
                    facts[i]
                        .as_ref()
                        .and_then(|f| f.recipient.as_deref())
                        .map_or_else(|| format!("\u{1}{i}"), |r| raw_words(r).join(" "))
                })
                .collect();
            recipients.sort();
            recipients.dedup();
            if recipients.len() < 2 {
                return None;
            }
            let company = files
                .first()
                .and_then(|&i| facts[i].as_ref())
                .and_then(|f| f.company.clone());
            Some(Group {
                kind: GroupKind::SameBody,
                company,
                members: files
                    .iter()
                    .filter_map(|&i| {
                        let f = facts[i].as_ref()?;
                        Some(Member {
                            file: i,
                            range: f.anchor.clone(),
                            recipient: f.recipient.clone(),
                        })
                    })
                    .collect(),
            })
        })
        .collect();
    sort_groups(&mut groups);
    groups
}

fn sort_groups(groups: &mut [Group]) {
    for g in groups.iter_mut() {
        g.members.sort_by_key(|m| m.file);
    }
    groups.sort_by(|a, b| {
        b.members
            .len()
            .cmp(&a.members.len())
            .then_with(|| a.members[0].file.cmp(&b.members[0].file))
    });
}

/// One finding per member of each group, at the member file's severity. `paths` are the
/// run's display paths; `facts` gives each file's settings.
pub fn findings(
    campaign: &Campaign,
    paths: &[&str],
    facts: &[Option<Facts>],
) -> Vec<(usize, Finding)> {
    let mut out = Vec::new();
    for group in &campaign.groups {
        let Some(spec) = spec(group.kind.rule()) else {
            continue;
        };
        for member in &group.members {
            let Some(severity) = facts
                .get(member.file)
                .and_then(Option::as_ref)
                .and_then(|f| f.settings.severity[group.kind.slot()])
            else {
                continue;
            };
            let others: Vec<&Member> = group
                .members
                .iter()
                .filter(|m| m.file != member.file)
                .collect();
            let named: Vec<String> = others
                .iter()
                .take(NAMED_IN_MESSAGE)
                .map(|m| {
                    let path = paths.get(m.file).copied().unwrap_or("?");
                    match (&m.recipient, group.kind) {
                        (Some(r), GroupKind::SameBody) => format!("{path} ({r})"),
                        _ => path.to_string(),
                    }
                })
                .collect();
            let more = others.len().saturating_sub(NAMED_IN_MESSAGE);
            let list = if more > 0 {
                format!("{} and {more} more", named.join(", "))
            } else {
                named.join(", ")
            };
            let message =
                match group.kind {
                    GroupKind::SameBody => format!(
                        "The same body goes to {} recipients at {}; also in {list}",
                        group.members.len(),
                        group.company.as_deref().unwrap_or("one company")
                    ),
                    kind => format!(
                    "Near-duplicate {}: {} other draft{} in this run {} the same sentence ({list})",
                    kind.as_str(),
                    others.len(),
                    if others.len() == 1 { "" } else { "s" },
                    if kind == GroupKind::Opener { "open with" } else { "close with" },
                ),
                };
            out.push((
                member.file,
                Finding {
                    rule: spec.id.clone(),
                    category: spec.category.clone(),
                    severity,
                    message,
                    range: member.range.clone(),
                    fixes: Vec::new(),
                    pattern: None,
                    detail: Some(format!(
                        "{}\n\nSee `outreach-lint explain {}`.",
                        spec.hint, spec.id
                    )),
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::CAMPAIGN_RULES;

    fn on() -> Settings {
        Settings {
            severity: [
                Some(Severity::Warning),
                Some(Severity::Info),
                Some(Severity::Warning),
            ],
        }
    }

    fn draft(opener: &str, closer: &str) -> String {
        format!("Hi Sam,\n\n{opener} The rest of the note is about the retry budget.\n\n{closer}\n\nBest,\nAlex\n")
    }

    #[test]
    fn records_match_the_config_ids() {
        let ids: Vec<&str> = specs().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, CAMPAIGN_RULES);
        assert!(specs().iter().all(|s| s.category == CAMPAIGN_CATEGORY));
        assert_eq!(ids, [DUPLICATE_OPENER, DUPLICATE_CLOSER, SAME_BODY]);
    }

    #[test]
    fn greeting_and_sign_off_are_skipped() {
        let text = draft(
            "Your talk on retries at PyCon stuck with me.",
            "Could I send you our write-up on it?",
        );
        let f = facts(&text, Format::PlainText, 0, on()).unwrap();
        let opener = f.opener.unwrap();
        assert_eq!(
            &text[opener.range],
            "Your talk on retries at PyCon stuck with me."
        );
        let closer = f.closer.unwrap();
        assert_eq!(&text[closer.range], "Could I send you our write-up on it?");
    }

    #[test]
    fn one_word_apart_is_a_near_duplicate_and_two_words_is_not() {
        let texts = [
            draft(
                "I came across your profile and was really impressed.",
                "Would you be open to a quick call next week?",
            ),
            draft(
                "I came across your profile and was truly impressed.",
                "Would you be open to a short call next Tuesday?",
            ),
            draft(
                "I came across your page and was deeply impressed.",
                "Something else entirely closes this one out.",
            ),
        ];
        let facts: Vec<Option<Facts>> = texts
            .iter()
            .map(|t| facts(t, Format::PlainText, 0, on()))
            .collect();
        let campaign = analyse(&facts);
        let openers: Vec<&Group> = campaign
            .groups
            .iter()
            .filter(|g| g.kind == GroupKind::Opener)
            .collect();
        assert_eq!(openers.len(), 1, "{campaign:?}");
        assert_eq!(
            openers[0]
                .members
                .iter()
                .map(|m| m.file)
                .collect::<Vec<_>>(),
            [0, 1]
        );
        assert!(
            campaign.groups.iter().all(|g| g.kind != GroupKind::Closer),
            "{campaign:?}"
        );
    }

    #[test]
    fn an_added_word_and_merge_fields_still_match() {
        let texts = [
            draft(
                "I noticed that {{company}} is doing great things in fintech.",
                "x y z w.",
            ),
            draft(
                "I noticed that [Company] is doing really great things in fintech.",
                "a b c d.",
            ),
        ];
        let facts: Vec<Option<Facts>> = texts
            .iter()
            .map(|t| facts(t, Format::PlainText, 0, on()))
            .collect();
        let campaign = analyse(&facts);
        assert_eq!(campaign.groups.len(), 1, "{campaign:?}");
    }

    #[test]
    fn scopes_are_compared_separately() {
        let text = draft(
            "I came across your profile and was really impressed.",
            "Thanks again for the talk on retries.",
        );
        let facts = vec![
            facts(&text, Format::PlainText, 1, on()),
            facts(&text, Format::PlainText, 2, on()),
        ];
        assert!(analyse(&facts).groups.is_empty());
    }

    #[test]
    fn same_body_needs_two_recipients_at_one_company() {
        let body = "Your team's write-up on the Ostrich scheduler is why I am writing. Could we compare notes on retry budgets next week?";
        let doc = |name: &str, company: &str| {
            format!("---\nrecipient: {name}\ncompany: {company}\n---\nHi {name},\n\n{body}\n\nBest,\nAlex\n")
        };
        let texts = [
            doc("Ana Silva", "Acme"),
            doc("Bo Chen", "ACME"),
            doc("Cy Diaz", "Globex"),
            doc("Ana Silva", "Acme"),
        ];
        let facts: Vec<Option<Facts>> = texts
            .iter()
            .map(|t| facts(t, Format::Markdown, 0, on()))
            .collect();
        let campaign = analyse(&facts);
        let same: Vec<&Group> = campaign
            .groups
            .iter()
            .filter(|g| g.kind == GroupKind::SameBody)
            .collect();
        assert_eq!(same.len(), 1, "{campaign:?}");
        assert_eq!(
            same[0].members.iter().map(|m| m.file).collect::<Vec<_>>(),
            [0, 1, 3]
        );
        let paths = ["a.md", "b.md", "c.md", "d.md"];
        let found = findings(&campaign, &paths, &facts);
        assert!(
            found.iter().any(|(i, f)| *i == 1
                && f.rule == SAME_BODY
                && f.message.contains("a.md (Ana Silva)")),
            "{found:?}"
        );
    }

    #[test]
    fn csv_rows_of_one_template_to_one_company_share_a_body() {
        let template = "Hi {{first_name}},\n\nYour team's write-up on the Ostrich scheduler is why I am writing. Could we compare notes on retry budgets next week?\n\nBest,\nAlex\n";
        let row = |name: &str, company: &str| {
            vec![
                ("First Name".to_string(), name.to_string()),
                ("Organization".to_string(), company.to_string()),
            ]
        };
        let facts: Vec<Option<Facts>> =
            [row("Ana", "Acme"), row("Bo", "Acme"), row("Cy", "Globex")]
                .iter()
                .map(|values| facts_for_row(template, Format::PlainText, 0, on(), values))
                .collect();
        let campaign = analyse(&facts);
        assert_eq!(campaign.groups.len(), 1, "{campaign:?}");
        assert_eq!(campaign.groups[0].kind, GroupKind::SameBody);
        assert_eq!(
            campaign.groups[0]
                .members
                .iter()
                .map(|m| m.file)
                .collect::<Vec<_>>(),
            [0, 1]
        );
    }

    #[test]
    fn streaming_word_hashes_match_the_word_list() {
        let own = OwnNames {
            name: vec![word_hash("zoë")],
            company: Vec::new(),
        };
        let text = "Zoë's team — ZOË, 2024: don't {x} Straße’s";
        let mut streamed = Vec::new();
        push_words(text, &own, &mut streamed);
        let listed: Vec<u64> = raw_words(text)
            .iter()
            .map(|w| match w.as_str() {
                "zoë" => word_hash("\u{1}name"),
                "2024" => word_hash("\u{1}number"),
                other => word_hash(other),
            })
            .collect();
        assert_eq!(streamed, listed);
        assert_eq!(streamed.len(), 7);
    }

    #[test]
    fn a_disable_file_directive_turns_the_checks_off() {
        let text = "<!-- outreach-lint-disable-file campaign -->\nHi Sam,\n\nI came across your profile and was really impressed.\n";
        assert!(facts(text, Format::Markdown, 0, on()).is_none());
    }
}
