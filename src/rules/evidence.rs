//! Evidence that a sentence or a draft is tied to its reader: proper names, numbers and
//! dates, quoted titles, a named piece of their work, a shared event, a mutual contact. The
//! `unless_specific` condition of phrase rules and the document-level `missing-context` check
//! both read it, and the hover lists what was found.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;

/// Capitalised words that say nothing specific about a reader.
const NOT_SPECIFIC: &[&str] = &[
    "i",
    "i'm",
    "i'd",
    "i've",
    "i'll",
    "im",
    "linkedin",
    "hi",
    "hello",
    "hey",
    "dear",
    "thanks",
    "thank",
    "best",
    "regards",
    "cheers",
    "ok",
    "okay",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "cmo",
    "vp",
    "hr",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "madam",
    "congrats",
    "congratulations",
    "happy",
    "ai",
    "b2b",
    "saas",
    "the",
    "a",
    "an",
    "my",
    "your",
    "we",
    "you",
    "our",
    "it",
    "this",
    "that",
    "p.s",
    "ps",
    "re",
    "fw",
    "fwd",
    "subject",
    "team",
    "please",
    "just",
    "also",
    "and",
    "but",
    "so",
    "inmail",
    "zoom",
    "teams",
    "google",
    "email",
    "e-mail",
    "internet",
    "web",
    "covid",
];

/// Words of time-boxed asks: "15 minutes" is not a specific detail.
fn timebox() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| compile(r"(?i)(?-u:\b)\d+\s*(?:-|–)?\s*(?:min|mins|minutes?|hours?|hrs?|secs?|seconds?)(?-u:\b)"))
}

fn number() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| compile(r"(?-u:\b)\d[\d.,:%]*(?:st|nd|rd|th|k|m|x|%)?(?-u:\b)"))
}

fn month_or_day() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(
            r"(?-u:\b)(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|last (?:week|month|year|spring|summer|fall|autumn|winter))(?-u:\b)",
        )
    })
}

fn quoted_title() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| compile(r#"["“][^"“”\n]{2,80}\s[^"“”\n]{1,80}["”]"#))
}

fn their_work() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(
            r#"(?i)(?-u:\b)your\s+(?:[\w-]+\s+){0,3}?(?:post|posts|talk|article|paper|papers|podcast|book|thread|comment|answer|presentation|keynote|workshop|slides|deck|project|pr|pull request|newsletter|video|episode|study|research|thesis|blog|essay|write-?up|teardown|benchmark|library|repo|tutorial|course|lecture|panel|session|demo|report|review|interview|piece|op-ed|work on|analysis|guide|chart|diagram|tool|app|open-source|patch|issue|migration|rewrite|launch|survey|recipe|design|model|dataset|finding|findings|argument|point|take|framework|checklist|list|series)(?-u:\b)\s*(?:on|about|at|in|from|for|where|when|titled|called|that|of|with|last|this|—|–|-|:|,)\s+[\w“"'‘]"#,
        )
    })
}

fn shared_history() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(
            r"(?i)(?-u:\b)(?:we met|met you|meeting you|we spoke|we talked|we chatted|spoke with you|talked with you|chatted with you|our (?:chat|conversation|call|talk|exchange|meeting)|saw you|heard you|you (?:said|mentioned|told|asked|showed|suggested|recommended|gave|presented|spoke|answered|replied|wrote|shared|posted|built|rebuilt|moved|ran|led|started|published|open-sourced|launched)|sat next to|in your (?:class|course|session|workshop)|thanks? (?:you )?(?:so much |again )?for (?:(?:the|your) (?:tour|talk|session|demo|workshop|intro|introduction|walk|walkthrough|chat on|call on|advice on|reply on|notes? on)|leading|hosting|showing|organi[sz]ing|running|inviting|speaking at)|(?:great|good|lovely|nice) (?:to meet|meeting|seeing|talking|chatting)|your (?:reply|answer|question|comment|advice|feedback|suggestion))(?-u:\b)",
        )
    })
}

fn mutual_contact() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(
            r"(?-u:\b)(?:[A-Z][\p{L}'’-]+(?:\s+[A-Z][\p{L}'’-]+)?\s+(?:mentioned|suggested|recommended|introduced|pointed me|told me|said|thought|speaks highly|put us in touch|passed along|shared your|forwarded)|(?i:introduced (?:me )?(?:to you )?by|through our (?:mutual )?(?:friend|colleague)|our mutual (?:friend|colleague|contact)|(?:friend|colleague|classmate|teammate) of (?:mine|yours))\s+[A-Z]?)",
        )
    })
}

fn about_reader() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(
            r"(?i)(?-u:\b)(?:you|your|yours|you're|you’re|you've|you’ve|we met|met|saw|read|watched|heard|listened|tried|used|ran|filed|attended|followed)(?-u:\b)",
        )
    })
}

fn placeholder_like() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        compile(r"\{\{[^}]*\}\}|\{[\w.]+\}|\[[^\]\n]{1,40}\]|<[^>\n]{1,30}>|%[A-Z_]+%|\*\|[A-Z_]+\|\*|\$\{[^}]*\}")
    })
}

fn compile(source: &str) -> Regex {
    Regex::new(source).unwrap_or_else(|err| panic!("evidence regex is a constant: {err}"))
}

/// Names a detail check should not count as specific: the recipient's and sender's names,
/// their company, the greeting's name. Stored lower-case.
#[derive(Debug, Clone, Default)]
pub struct KnownNames {
    words: HashSet<String>,
}

impl KnownNames {
    /// Add every word of `name`.
    pub fn add(&mut self, name: &str) {
        for word in name.split(|c: char| !c.is_alphanumeric() && c != '\'') {
            if !word.is_empty() {
                self.words.insert(word.to_lowercase());
            }
        }
    }

    fn contains(&self, word: &str) -> bool {
        self.words.contains(&word.to_lowercase())
    }
}

/// The kinds of evidence a sentence can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DetailKind {
    /// A named piece of the reader's work with a detail.
    TheirWork,
    /// A shared event, conversation or history.
    SharedHistory,
    /// A named mutual contact.
    MutualContact,
    /// A number or a date.
    NumberOrDate,
    /// A quoted title.
    QuotedTitle,
    /// A proper name (not the reader's own name or company).
    ProperName,
}

impl DetailKind {
    /// Words for the hover.
    pub fn describe(self) -> &'static str {
        match self {
            DetailKind::TheirWork => "a named piece of their work",
            DetailKind::SharedHistory => "a shared event or conversation",
            DetailKind::MutualContact => "a named mutual contact",
            DetailKind::NumberOrDate => "a concrete number or date",
            DetailKind::QuotedTitle => "a quoted title",
            DetailKind::ProperName => "a named project, place, event or organisation",
        }
    }
}

/// The specific details in one sentence (placeholders and time boxes removed first).
pub fn details(sentence: &str, names: &KnownNames) -> Vec<DetailKind> {
    let cleaned = placeholder_like().replace_all(sentence, " ");
    let cleaned = timebox().replace_all(&cleaned, " ");
    let mut found = Vec::new();
    if their_work().is_match(&cleaned) {
        found.push(DetailKind::TheirWork);
    }
    if shared_history().is_match(&cleaned) {
        found.push(DetailKind::SharedHistory);
    }
    if mutual_contact().is_match(&cleaned) {
        found.push(DetailKind::MutualContact);
    }
    if number().is_match(&cleaned) || month_or_day().is_match(&cleaned) {
        found.push(DetailKind::NumberOrDate);
    }
    if quoted_title().is_match(&cleaned) {
        found.push(DetailKind::QuotedTitle);
    }
    if has_proper_name(&cleaned, names) {
        found.push(DetailKind::ProperName);
    }
    found
}

/// Whether a sentence carries any specific detail.
pub fn is_specific(sentence: &str, names: &KnownNames) -> bool {
    let found = details(sentence, names);
    found.iter().any(|k| {
        matches!(
            k,
            DetailKind::TheirWork
                | DetailKind::MutualContact
                | DetailKind::NumberOrDate
                | DetailKind::QuotedTitle
                | DetailKind::ProperName
        )
    })
}

/// Whether a sentence speaks to the reader or to shared history, so its details count as a
/// reason tied to them (a sentence about the sender's own stack does not).
pub fn is_about_reader(sentence: &str) -> bool {
    about_reader().is_match(sentence)
}

/// Words that open a greeting; the capitalised words after one are the reader's name.
const GREETING_WORDS: &[&str] = &["hi", "hey", "hello", "dear", "hiya"];

/// A capitalised word that is not the sentence's first word, not a stock capitalised word and
/// not one of the known names; or a mid-word capital ("iOS", "GitHub").
fn has_proper_name(sentence: &str, names: &KnownNames) -> bool {
    let mut first = true;
    let mut after_greeting = 0u8;
    for raw in
        sentence.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '/'))
    {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        let after_break = first;
        first = raw.ends_with(['.', '!', '?', ':']);
        // "Hey Jordan Lee, ..." names the reader, like a greeting line of its own.
        let greeted = after_greeting > 0;
        after_greeting = if GREETING_WORDS.contains(&word.to_lowercase().as_str()) {
            2
        } else if raw.ends_with(',') {
            0
        } else {
            after_greeting.saturating_sub(1)
        };
        if after_break || (greeted && word.starts_with(char::is_uppercase)) {
            continue;
        }
        let mut chars = word.chars();
        let Some(initial) = chars.next() else {
            continue;
        };
        let inner_capital =
            chars.clone().any(char::is_uppercase) && word.chars().any(char::is_lowercase);
        if !(initial.is_uppercase() || inner_capital) {
            continue;
        }
        let lower = word.to_lowercase();
        let base = lower.trim_end_matches("'s").trim_end_matches("’s");
        if NOT_SPECIFIC.contains(&base) || names.contains(base) {
            continue;
        }
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> KnownNames {
        let mut n = KnownNames::default();
        for name in list {
            n.add(name);
        }
        n
    }

    #[test]
    fn specific_sentences() {
        let none = names(&[]);
        for s in [
            "Congrats on the Series B, the pricing teardown was sharp.",
            "Your talk at RustConf about retries changed our rollout.",
            "I read your post on idempotency keys last week.",
            "Priya Raman mentioned you rebuilt the importer.",
            "The survey closed with 212 responses.",
            "Loved your essay “Boring Technology Wins” a lot.",
        ] {
            assert!(is_specific(s, &none), "{s}");
        }
    }

    #[test]
    fn generic_sentences() {
        let known = names(&["Sarah Lee", "Acme"]);
        for s in [
            "Congrats on the new role, Sarah!",
            "I hope this message finds you well.",
            "Do you have 15 minutes for a quick call?",
            "Hi {{first_name}}, I noticed {{company}} is growing.",
            "I came across your profile on LinkedIn and was impressed.",
            "Congratulations on your work anniversary at Acme!",
            "Hey Jordan, happy work anniversary!",
            "Hi Jordan Lee, hope all is well.",
        ] {
            assert!(!is_specific(s, &known), "{s}: {:?}", details(s, &known));
        }
    }

    #[test]
    fn thanks_for_a_named_shared_event_is_history_but_thanks_for_your_time_is_not() {
        let none = names(&[]);
        assert!(
            details("Thanks for the tour of the terminal on Tuesday.", &none)
                .contains(&DetailKind::SharedHistory)
        );
        assert!(
            details("Thanks for leading Sunday's run.", &none).contains(&DetailKind::SharedHistory)
        );
        assert!(!details("Thanks for your time and consideration.", &none)
            .contains(&DetailKind::SharedHistory));
    }

    #[test]
    fn reader_focus() {
        assert!(is_about_reader(
            "Your answer on the issue tracker fixed our build."
        ));
        assert!(!is_about_reader("Our stack is mostly Postgres and Go."));
    }
}
