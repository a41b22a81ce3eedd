//! Recipient consistency: the greeting's name against the front-matter recipient ("Hi
//! Sarah" to Sara), names left over from the draft this one was copied from (a vocative
//! "Thanks, Priya" or "your team at Acme" in a note to someone at Globex), and a sales
//! pitch in a LinkedIn connection request.

use std::ops::Range;
use std::sync::OnceLock;

use crate::text::lean::LeanRegex as Regex;

use crate::context::{is_title, Channel, RecipientContext};
use crate::fix;
use crate::lint::{Draft, Edit, Finding, Fix, LintOptions};
use crate::rules::{document, sentences, RuleSpec};

use super::words::{edit_distance, fold, tokens};
use super::{finding, regex, short};

/// How a written name relates to a known one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameMatch {
    /// The same name (case aside), or a usual short form ("Alex" / "Alexandra", "Bob" /
    /// "Robert").
    Same,
    /// Close but spelt differently ("Sarah" / "Sara", "Zoe" / "Zoë").
    Misspelt,
    /// A different name.
    Different,
}

/// Short forms that are not prefixes of the full name.
const NICKNAMES: &[(&str, &[&str])] = &[
    ("robert", &["bob", "bobby", "rob", "robbie", "bert"]),
    ("william", &["bill", "billy", "will", "liam"]),
    (
        "elizabeth",
        &["liz", "lizzie", "beth", "betty", "eliza", "libby"],
    ),
    ("margaret", &["peggy", "meg", "maggie", "greta"]),
    ("charles", &["chuck", "charlie"]),
    ("john", &["jack", "johnny"]),
    ("edward", &["ted", "ned", "ed", "eddie"]),
    ("richard", &["dick", "rick", "rich"]),
    ("james", &["jim", "jimmy", "jamie"]),
    ("katherine", &["kate", "katie", "kathy", "kat"]),
    ("catherine", &["kate", "katie", "cathy", "cat"]),
    ("alexander", &["sasha", "alex", "xander"]),
    ("alexandra", &["sasha", "alex", "sandra"]),
    ("aleksandr", &["sasha"]),
    ("daria", &["dasha"]),
    ("maria", &["masha"]),
    ("mikhail", &["misha"]),
    ("nikolai", &["kolya"]),
    ("pavel", &["pasha"]),
    ("anthony", &["tony"]),
    ("antonio", &["toni", "tony"]),
    ("andrew", &["drew", "andy"]),
    ("rebecca", &["becky", "becca"]),
    ("patricia", &["patty", "trish", "pat"]),
    ("susan", &["sue", "suzy"]),
    ("francisco", &["paco", "pancho"]),
    ("jose", &["pepe"]),
    ("guillermo", &["memo"]),
    ("josephine", &["jo", "josie"]),
];

/// Compare a written name word with a known one.
pub fn name_match(written: &str, known: &str) -> NameMatch {
    if written.to_lowercase() == known.to_lowercase() {
        return NameMatch::Same;
    }
    let (w, k) = (fold(written), fold(known));
    if w == k {
        return NameMatch::Misspelt;
    }
    let (short_name, long_name) = if w.len() <= k.len() {
        (&w, &k)
    } else {
        (&k, &w)
    };
    let nickname = long_name.starts_with(short_name.as_str())
        && short_name.chars().count() >= 2
        && long_name.chars().count() - short_name.chars().count() >= 2;
    let listed = NICKNAMES.iter().any(|(full, shorts)| {
        (full == long_name && shorts.contains(&short_name.as_str()))
            || (full == short_name && shorts.contains(&long_name.as_str()))
    });
    if nickname || listed {
        return NameMatch::Same;
    }
    let cap = if long_name.chars().count() >= 5 { 2 } else { 1 };
    if edit_distance(&w, &k, cap) <= cap {
        return NameMatch::Misspelt;
    }
    NameMatch::Different
}

/// The best match of a written word against a list of known name words.
fn best_match<'k>(written: &str, known: &[&'k str]) -> (NameMatch, Option<&'k str>) {
    let mut best = (NameMatch::Different, None);
    for k in known {
        match name_match(written, k) {
            NameMatch::Same => return (NameMatch::Same, Some(k)),
            NameMatch::Misspelt => best = (NameMatch::Misspelt, Some(*k)),
            NameMatch::Different => {}
        }
    }
    best
}

/// Whether a greeting's name part holds a name rather than only "all", "team", "there"...
fn names_someone(name: &str) -> bool {
    tokens(name)
        .iter()
        .any(|t| !is_title(t.text) && !NOT_NAMES.contains(&t.text.to_lowercase().as_str()))
}

/// Greeting words that are not names ("Hi team").
const NOT_NAMES: &[&str] = &[
    "there",
    "all",
    "team",
    "everyone",
    "everybody",
    "folks",
    "friend",
    "friends",
    "sir",
    "madam",
    "colleagues",
    "guys",
    "y'all",
    "yall",
    "again",
    "both",
    "you",
    "hiring",
    "again,",
];

/// `greeting-name-mismatch`.
pub fn greeting_mismatch(draft: &Draft<'_>, spec: &RuleSpec) -> Option<Finding> {
    let recipient_words = draft.context.recipient_words();
    if recipient_words.is_empty() {
        return None;
    }
    let greeting = document::greeting(draft)?;
    let name = greeting.name.trim();
    if !names_someone(name) || name.contains(['{', '}', '[', ']', '%', '|', '<', '>', '@', '_']) {
        return None;
    }
    let line = &draft.text[greeting.line.clone()];
    let after_word = line
        .trim_start()
        .find(char::is_whitespace)
        .map_or(line.len(), |i| i + (line.len() - line.trim_start().len()));
    let name_at = line.get(after_word..)?.find(name)? + after_word + greeting.line.start;
    let written: Vec<(Range<usize>, &str)> = tokens(name)
        .into_iter()
        .filter(|t| !is_title(t.text))
        .map(|t| (name_at + t.range.start..name_at + t.range.end, t.text))
        .collect();
    let mut misspelt: Option<(Range<usize>, &str, &str)> = None;
    for (range, word) in &written {
        match best_match(word, &recipient_words) {
            (NameMatch::Same, _) => return None,
            (NameMatch::Misspelt, Some(known)) if misspelt.is_none() => {
                misspelt = Some((range.clone(), word, known))
            }
            _ => {}
        }
    }
    let recipient = draft.context.get("recipient").unwrap_or_default();
    let (range, message, replacement) = match misspelt {
        Some((range, word, known)) => (
            range,
            format!("{}: the greeting says \u{201c}{word}\u{201d}, the front matter spells it \u{201c}{known}\u{201d}", spec.message),
            known.to_string(),
        ),
        None => {
            let range = written[0].0.start..written[written.len() - 1].0.end;
            let titled = line[..name_at - greeting.line.start].split_whitespace().any(is_title);
            let replacement = if titled { recipient_words[recipient_words.len() - 1] } else { recipient_words[0] };
            (
                range,
                format!(
                    "{}: the greeting says \u{201c}{name}\u{201d} but this draft is for {}",
                    spec.message,
                    short(recipient, 60)
                ),
                replacement.to_string(),
            )
        }
    };
    let mut result = finding(spec, range.clone(), message, None);
    result.fixes.push(Fix {
        title: format!("Use the recipient's name: \u{201c}{replacement}\u{201d}"),
        edits: vec![Edit {
            start: range.start,
            end: range.end,
            replacement,
        }],
        safe: true,
        preferred: true,
    });
    Some(result)
}

/// Capitalised words that stand where a vocative name would but are not names.
const NOT_VOCATIVE: &[&str] = &[
    "thanks",
    "thank",
    "best",
    "cheers",
    "regards",
    "hi",
    "hello",
    "hey",
    "dear",
    "congrats",
    "congratulations",
    "team",
    "all",
    "everyone",
    "folks",
    "friends",
    "friend",
    "sir",
    "madam",
    "again",
    "please",
    "lastly",
    "sadly",
    "kindly",
    "really",
    "formerly",
    "frankly",
    "first",
    "second",
    "third",
    "last",
    "next",
    "firstly",
    "secondly",
    "thirdly",
    "ideally",
    "finally",
    "briefly",
    "lately",
    "likewise",
    "yes",
    "no",
    "ok",
    "okay",
    "sure",
    "anyway",
    "also",
    "today",
    "tomorrow",
    "tonight",
    "soon",
    "later",
    "guys",
    "everybody",
    "ps",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "linkedin",
    "warmly",
    "sincerely",
    "respectfully",
    "love",
    "xo",
    "again",
    "though",
    "too",
    "right",
    "indeed",
    "however",
    "still",
    "then",
    "now",
    "well",
    "so",
    "but",
    "and",
    "or",
    "i",
];

/// Words that follow a sentence-initial vocative ("Sarah, your talk ...").
const AFTER_VOCATIVE: &[&str] = &[
    "i",
    "you",
    "your",
    "we",
    "it",
    "this",
    "thanks",
    "thank",
    "congrats",
    "hope",
    "quick",
    "just",
    "any",
    "do",
    "did",
    "would",
    "could",
    "can",
    "are",
    "is",
    "have",
    "great",
    "good",
    "loved",
    "love",
    "i'm",
    "i've",
    "i'd",
    "i’m",
    "i’ve",
    "i’d",
    "congratulations",
    "welcome",
];

fn looks_like_given_name(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: Vec<char> = chars.collect();
    first.is_uppercase()
        && (1..=20).contains(&rest.len())
        && rest
            .iter()
            .all(|c| c.is_lowercase() || *c == '-' || *c == '\'')
        && !NOT_VOCATIVE.contains(&fold(word).as_str())
        && !is_sentence_adverb(word)
}

/// "Specifically, do you...", "Honestly, I...": a long word in -ly at the head of a sentence
/// is an adverb, not a name. Names in -ly are short (Emily), end in -erly (Kimberly), -oly
/// (Anatoly) or -elly/-olly (Donnelly, Connolly); adverbs in -lly end in -ally or -fully.
/// Short adverbs ("Sadly", "Kindly") and "Formerly" are in `NOT_VOCATIVE`.
fn is_sentence_adverb(word: &str) -> bool {
    let folded = fold(word);
    folded.chars().count() >= 7
        && folded.ends_with("ly")
        && !folded.ends_with("erly")
        && !folded.ends_with("oly")
        && (!folded.ends_with("lly") || folded.ends_with("ally") || folded.ends_with("fully"))
}

/// Every name word the draft knows: recipient, sender, mutual contact, company, greeting.
fn known_words(draft: &Draft<'_>) -> Vec<String> {
    let ctx: &RecipientContext = &draft.context;
    let mut out: Vec<String> = Vec::new();
    for key in [
        "recipient",
        "sender",
        "mutual",
        "company",
        "first_name",
        "last_name",
    ] {
        if let Some(v) = ctx.get(key) {
            out.extend(tokens(v).into_iter().map(|t| t.text.to_string()));
        }
    }
    if let Some(g) = document::greeting(draft) {
        out.extend(tokens(&g.name).into_iter().map(|t| t.text.to_string()));
    }
    out
}

fn company_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex(
            r"(?:(?i:(?-u:\b)your\s+(?:[\w-]+\s+)?(?:team|role|work|company|startup|group|lab|org|organi[sz]ation|product|position|job|colleagues|customers|engineers|people|department|office|mission|growth|platform)\s+(?:at|with)\s+)|(?i:(?-u:\b)you(?:'re|’re|\s+are)\s+(?:building|doing|working\s+on|shipping|leading|running|solving|tackling|hiring|growing|scaling|creating|making)\s+(?:[\w-]+\s+){0,3}?at\s+)|(?i:(?-u:\b)you\s+(?:work|lead|run|manage|head)\s+(?:[\w-]+\s+){0,3}?at\s+)|(?i:(?-u:\b)you\s+(?:recently\s+|just\s+)?(?:joined|founded|co-founded)\s+)|(?i:congrat\w*\s+on\s+(?:joining|the\s+move\s+to|your\s+move\s+to|moving\s+to)\s+))(\p{Lu}[\p{L}\p{N}&'’-]*(?:\s+\p{Lu}[\p{L}\p{N}&'’-]*){0,2})",
        )
    })
}

/// Corporate words that do not tell two companies apart.
const CORPORATE: &[&str] = &[
    "inc",
    "ltd",
    "llc",
    "gmbh",
    "labs",
    "lab",
    "systems",
    "technologies",
    "tech",
    "group",
    "co",
    "corp",
    "corporation",
    "company",
    "the",
    "sa",
    "ag",
    "bv",
    "plc",
    "holdings",
    "software",
];

/// Whether a written company name is the known one (any distinctive word in common).
pub fn same_company(written: &str, known: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        tokens(s)
            .into_iter()
            .map(|t| fold(t.text).trim_end_matches("'s").to_string())
            .filter(|w| !CORPORATE.contains(&w.as_str()))
            .collect()
    };
    let (a, b) = (words(written), words(known));
    if a.is_empty() || b.is_empty() {
        return true;
    }
    a.iter().any(|x| {
        b.iter().any(|y| {
            x == y
                || (x.len() >= 4 && y.starts_with(x.as_str()))
                || (y.len() >= 4 && x.starts_with(y.as_str()))
        })
    })
}

/// `leftover-name`: a vocative name that is not the recipient's, and a company named as
/// theirs that is not the front matter's.
pub fn leftover_names(draft: &Draft<'_>, spec: &RuleSpec) -> Vec<Finding> {
    let mut out = Vec::new();
    let ctx = &draft.context;
    let recipient_words = ctx.recipient_words();
    let greeting = document::greeting(draft);
    // "Hi all," or "Hi team," names nobody, so a name later in the draft is not a leftover.
    let greeting_name_known = greeting.as_ref().is_some_and(|g| names_someone(&g.name));
    let known = known_words(draft);
    let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
    let last_block = draft
        .prose
        .blocks
        .iter()
        .rev()
        .find(|b| !b.heading)
        .map(|b| b.range.clone());
    let sign_off_block =
        last_block.filter(|b| draft.text[b.clone()].lines().count() <= 3 && b.len() <= 80);
    let recipient = ctx
        .get("recipient")
        .map(|r| short(r, 40))
        .or_else(|| greeting.as_ref().map(|g| g.name.trim().to_string()));
    if !recipient_words.is_empty() || greeting_name_known {
        for sentence in &draft.sentences {
            if greeting.as_ref().is_some_and(|g| {
                g.line.start <= sentence.start && sentence.start < g.line.end.max(g.line.start + 1)
            }) {
                continue;
            }
            if sign_off_block
                .as_ref()
                .is_some_and(|b| b.start <= sentence.start && sentence.start < b.end)
            {
                continue;
            }
            if let Some((range, name)) = vocative(draft, sentence.clone()) {
                if best_match(name, &known_refs).0 != NameMatch::Different {
                    continue;
                }
                let who = recipient.clone().unwrap_or_default();
                let message = format!(
                    "{}: \u{201c}{name}\u{201d}, but this draft is for {who}",
                    spec.message
                );
                let mut result = finding(spec, range.clone(), message, None);
                if let Some(first) = recipient_words.first().copied().or_else(|| {
                    greeting
                        .as_ref()
                        .and_then(|g| g.name.split_whitespace().next())
                }) {
                    result.fixes.push(Fix {
                        title: format!("Use the recipient's name: \u{201c}{first}\u{201d}"),
                        edits: vec![Edit {
                            start: range.start,
                            end: range.end,
                            replacement: first.to_string(),
                        }],
                        safe: false,
                        preferred: true,
                    });
                }
                out.push(result);
            }
        }
    }
    if let Some(company) = ctx.get("company") {
        let body_start = draft.prose.body_start.min(draft.prose.masked.len());
        let masked = &draft.prose.masked;
        for caps in company_regex().captures_iter(&masked[body_start..]) {
            let Some(m) = caps.get(1) else { continue };
            let range = body_start + m.start()..body_start + m.end();
            let written = masked[range.clone()]
                .trim_end_matches(['\'', '’'])
                .trim_end_matches("'s");
            let range = range.start..range.start + written.len();
            if same_company(written, company)
                || best_match(written, &recipient_words).0 != NameMatch::Different
            {
                continue;
            }
            let message = format!(
                "{}: \u{201c}{written}\u{201d} is named as their company, but the front matter says {}",
                spec.message,
                short(company, 40)
            );
            let mut result = finding(spec, range.clone(), message, None);
            result.fixes.push(Fix {
                title: format!("Use the recipient's company: \u{201c}{company}\u{201d}"),
                edits: vec![Edit {
                    start: range.start,
                    end: range.end,
                    replacement: company.to_string(),
                }],
                safe: false,
                preferred: true,
            });
            out.push(result);
        }
    }
    out
}

/// The word before a comma makes the capitalised word after it an apposition, not the reader
/// being addressed: a relation ("in memory of your mother, Ruth", "with my colleague, Sam")
/// names the person just mentioned, and a word for a place ("in Barmer district, Rajasthan")
/// is followed by the larger place.
fn heads_an_apposition(word: &str) -> bool {
    const HEADS: &[&str] = &[
        // Relations.
        "mother",
        "father",
        "mum",
        "mom",
        "dad",
        "wife",
        "husband",
        "son",
        "daughter",
        "sister",
        "brother",
        "partner",
        "grandmother",
        "grandfather",
        "grandma",
        "grandpa",
        "aunt",
        "uncle",
        "cousin",
        "niece",
        "nephew",
        "friend",
        "colleague",
        "cofounder",
        "co-founder",
        "manager",
        "boss",
        "mentor",
        "teacher",
        "student",
        "advisor",
        "adviser",
        "teammate",
        "neighbour",
        "neighbor",
        "dog",
        "cat",
        // Roles: "our facilities engineer, Joost".
        "engineer",
        "lead",
        "director",
        "designer",
        "developer",
        "analyst",
        "technician",
        "supervisor",
        "coordinator",
        "officer",
        "assistant",
        "intern",
        "rep",
        "representative",
        "specialist",
        "consultant",
        "accountant",
        "lawyer",
        "architect",
        "scientist",
        "researcher",
        "administrator",
        "admin",
        "founder",
        "owner",
        "ceo",
        "cto",
        "head",
        "nurse",
        "doctor",
        "chef",
        // Places.
        "district",
        "county",
        "city",
        "state",
        "province",
        "region",
        "village",
        "town",
        "suburb",
        "area",
        "prefecture",
        "borough",
        "municipality",
        "parish",
        "governorate",
    ];
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    HEADS.contains(&word.to_lowercase().as_str())
}

/// A name addressed to the reader inside a sentence: "Thanks again, Priya!" or "Priya,
/// your talk ...". Returns its range and text.
fn vocative<'t>(draft: &'t Draft<'_>, sentence: Range<usize>) -> Option<(Range<usize>, &'t str)> {
    let text = draft.text.get(sentence.clone())?;
    let trimmed_end = text.trim_end_matches(|c: char| {
        matches!(c, '.' | '!' | '?' | ' ' | ')' | '"' | '\u{201d}')
            || !c.is_alphanumeric() && !c.is_whitespace() && c != ','
    });
    if let Some((before, candidate)) = trimmed_end.rsplit_once(", ") {
        // Quoted speech addresses someone else: "Coach yelling “touch base, Ari!”"; a name
        // inside brackets is a list's last item ("a Credit Analyst role (direct lending,
        // London)").
        if inside_quotation(before) || before.matches('(').count() > before.matches(')').count() {
            return None;
        }
        let prev_word = before.split_whitespace().last().unwrap_or("");
        let prev_capitalised = prev_word.chars().next().is_some_and(char::is_uppercase);
        if !candidate.contains(char::is_whitespace)
            && looks_like_given_name(candidate)
            && !prev_capitalised
            && !heads_an_apposition(prev_word)
            && before.split_whitespace().count() >= 1
        {
            let start = sentence.start + before.len() + 2;
            return Some((start..start + candidate.len(), candidate));
        }
    }
    if let Some((candidate, after)) = text.split_once(", ") {
        let next = after.split_whitespace().next().unwrap_or("").to_lowercase();
        if !candidate.contains(char::is_whitespace)
            && looks_like_given_name(candidate)
            && AFTER_VOCATIVE.contains(&next.as_str())
        {
            return Some((sentence.start..sentence.start + candidate.len(), candidate));
        }
    }
    None
}

/// An opening double quote in `before` is still open: what follows is quoted speech.
fn inside_quotation(before: &str) -> bool {
    let opened = before.matches('\u{201c}').count();
    let closed = before.matches('\u{201d}').count();
    opened > closed || before.matches('"').count() % 2 == 1
}

fn pitch_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        regex(
            r"(?i)(?-u:\b)(?:our\s+(?:pricing|prices|price\s+list|rates|plans|packages|platform|product|products|solution|solutions|software|offering|offerings|services|service|saas|agency)|(?:book|schedule|set\s+up|arrange|grab|get)\s+(?:a\s+|an\s+)?(?:quick\s+|short\s+|free\s+|live\s+|personal(?:ized|ised)?\s+|\d+[- ]min(?:ute)?\s+)?demo|(?:a|quick|short|free|product|personal(?:ized|ised)?)\s+demo\s+(?:of|for)|demo\s+(?:of|for)\s+(?:our|my)|free\s+trial|(?:special|introductory|discounted|exclusive)\s+(?:price|pricing|rate|offer|deal|discount)|\d+\s*%\s+(?:off|discount)|pricing\s+(?:plans?|page|tiers?|starts?|options)|we\s+help\s+(?:companies|teams|businesses|brands|organi[sz]ations|startups|agencies|founders|clients|leaders|sales\s+teams)|saves?\s+you\s+(?:\d+|time|money|hours)|our\s+case\s+stud(?:y|ies)|sign\s+up\s+for\s+(?:our|my))(?-u:\b)",
        )
    })
}

/// `pitch-in-connection-request`: a LinkedIn connection note that sells. One finding per
/// sentence that pitches.
pub fn pitch_in_note(draft: &Draft<'_>, spec: &RuleSpec, options: &LintOptions) -> Vec<Finding> {
    let channel = draft.context.channel.or(options.default_channel);
    if channel != Some(Channel::LinkedinNote) {
        return Vec::new();
    }
    let masked = &draft.prose.masked;
    let body_start = draft.prose.body_start.min(masked.len());
    let mut out: Vec<Finding> = Vec::new();
    let mut seen_sentences: Vec<Range<usize>> = Vec::new();
    for m in pitch_regex().find_iter(&masked[body_start..]) {
        let range = body_start + m.start()..body_start + m.end();
        if names_a_team(&masked[range.end..]) {
            continue;
        }
        let sentence =
            sentences::containing(&draft.sentences, range.start).unwrap_or(range.clone());
        if seen_sentences.contains(&sentence) {
            continue;
        }
        seen_sentences.push(sentence.clone());
        let message = format!(
            "{}: \u{201c}{}\u{201d}",
            spec.message,
            &draft.text[range.clone()]
        );
        let mut result = finding(spec, range, message, None);
        let edit = fix::removal(draft.text, masked, sentence.clone(), sentence);
        result.fixes.push(Fix {
            title: "Remove this sentence (save the pitch for after they accept)".to_string(),
            edits: vec![edit],
            safe: false,
            preferred: false,
        });
        out.push(result);
    }
    out
}

/// "our platform team", "our product engineers": the sender's colleagues, not a pitch.
fn names_a_team(after: &str) -> bool {
    let next = after.split_whitespace().next().unwrap_or("").to_lowercase();
    let next = next.trim_matches(|c: char| !c.is_alphanumeric());
    after.starts_with(char::is_whitespace)
        && matches!(
            next,
            "team"
                | "teams"
                | "engineering"
                | "engineers"
                | "group"
                | "org"
                | "squad"
                | "manager"
                | "managers"
                | "lead"
                | "designers"
                | "design"
                | "people"
                | "colleagues"
                | "migration"
                | "rewrite"
                | "on-call"
                | "oncall"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_matching() {
        assert_eq!(name_match("Sarah", "Sara"), NameMatch::Misspelt);
        assert_eq!(name_match("Zoe", "Zoë"), NameMatch::Misspelt);
        assert_eq!(name_match("sara", "Sara"), NameMatch::Same);
        assert_eq!(name_match("Alex", "Alexandra"), NameMatch::Same);
        assert_eq!(name_match("Bob", "Robert"), NameMatch::Same);
        assert_eq!(name_match("Tom", "Sarah"), NameMatch::Different);
        assert_eq!(name_match("Dan", "Dana"), NameMatch::Misspelt);
        assert_eq!(name_match("Jon", "John"), NameMatch::Misspelt);
    }

    #[test]
    fn a_greeting_to_a_group_names_nobody() {
        for group in ["all", "team", "everyone", "there", "Team"] {
            assert!(!names_someone(group), "{group}");
        }
        assert!(names_someone("Priya"));
        assert!(names_someone("Dr. Okafor"));
    }

    #[test]
    fn a_role_before_a_name_is_an_apposition_not_a_vocative() {
        for head in ["engineer", "lead,", "Director", "rep"] {
            assert!(heads_an_apposition(head), "{head}");
        }
        for word in ["thanks", "again", "soon"] {
            assert!(!heads_an_apposition(word), "{word}");
        }
    }

    #[test]
    fn sentence_adverbs_are_not_vocative_names() {
        for adverb in [
            "Specifically",
            "Honestly",
            "Finally",
            "Hopefully",
            "Separately",
            "Lastly",
            "Sadly",
            "Kindly",
            "Formerly",
        ] {
            assert!(!looks_like_given_name(adverb), "{adverb}");
        }
        for name in [
            "Emily", "Kimberly", "Beverly", "Donnelly", "Connolly", "Priya", "Holly", "Anatoly",
        ] {
            assert!(looks_like_given_name(name), "{name}");
        }
    }

    #[test]
    fn companies() {
        assert!(same_company("Nordlys", "Nordlys Health"));
        assert!(same_company("Mercy Regional", "Mercy"));
        assert!(!same_company("Acme", "Globex Corporation"));
    }

    #[test]
    fn pitch_phrases() {
        for s in [
            "Happy to book a quick demo of our platform.",
            "Our pricing starts at $49.",
            "We help companies like yours scale outbound.",
            "Start a free trial today.",
        ] {
            assert!(pitch_regex().is_match(s), "{s}");
        }
        assert!(
            !pitch_regex().is_match("The replication slot filled the disk during the live demo.")
        );
        assert!(!pitch_regex().is_match("Your pricing teardown was sharp."));
    }
}
