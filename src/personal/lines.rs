//! Personalised context lines: short first-person sentences built only from the facts the
//! front matter gives (never invented), two variants per fact, in the writer's own voice
//! (contractions, curly apostrophes and all-lowercase writing are copied from the draft).
//! Without facts, lines with explicit `[placeholders]` that the placeholder rules flag until
//! they are filled.

use crate::context::RecipientContext;
use crate::lint::Draft;

use super::words::{capitalise, fold, tokens};

/// One suggested line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContextLine {
    /// The sentence, ready to insert.
    pub text: String,
    /// The canonical front-matter key it is built from (`None` for placeholder lines).
    pub fact: Option<&'static str>,
}

impl ContextLine {
    /// Built from the draft's own facts (no placeholders to fill).
    pub fn from_facts(&self) -> bool {
        self.fact.is_some()
    }
}

/// How the writer writes, so an inserted line does not stand out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Voice {
    /// Uses "I'm", "it's" rather than "I am", "it is".
    pub contractions: bool,
    /// Uses curly apostrophes.
    pub curly: bool,
    /// Writes sentences in lower case.
    pub lowercase: bool,
}

/// Read the writer's voice from the body of a draft.
pub fn voice(draft: &Draft<'_>) -> Voice {
    let body_start = draft.prose.body_start.min(draft.prose.masked.len());
    let body = &draft.prose.masked[body_start..];
    voice_of(
        body,
        draft
            .sentences
            .iter()
            .filter(|s| s.start >= body_start)
            .map(|s| draft.masked(s.clone())),
    )
}

/// The voice of a text given its sentences.
pub fn voice_of<'a>(body: &str, sentences: impl Iterator<Item = &'a str>) -> Voice {
    let (mut short, mut long) = (0usize, 0usize);
    let words: Vec<String> = tokens(body).into_iter().map(|t| fold(t.text)).collect();
    for (i, w) in words.iter().enumerate() {
        if CONTRACTIONS.contains(&w.as_str()) {
            short += 1;
        }
        let next = words.get(i + 1).map_or("", String::as_str);
        if matches!(
            (w.as_str(), next),
            ("i", "am")
                | ("i", "have")
                | ("i", "would")
                | ("i", "will")
                | ("it", "is")
                | ("we", "are")
                | ("do", "not")
                | ("that", "is")
        ) {
            long += 1;
        }
    }
    let curly = body.matches('\u{2019}').count() > body.matches('\'').count();
    let (mut lower, mut upper) = (0usize, 0usize);
    for sentence in sentences {
        match sentence.chars().find(|c| c.is_alphabetic()) {
            Some(c) if c.is_lowercase() => lower += 1,
            Some(_) => upper += 1,
            None => {}
        }
    }
    Voice {
        contractions: short > long,
        curly,
        lowercase: lower >= 2 && lower > upper,
    }
}

const CONTRACTIONS: &[&str] = &[
    "i'm", "i've", "i'd", "i'll", "it's", "that's", "we're", "we've", "you're", "you've", "don't",
    "can't", "won't", "didn't", "isn't", "wasn't", "let's", "there's", "couldn't", "wouldn't",
];

impl Voice {
    /// Apply this voice to a line written in full forms with straight apostrophes.
    pub fn apply(self, line: &str) -> String {
        let mut out = line.to_string();
        if self.contractions {
            for (long, short) in [
                ("I am", "I'm"),
                ("I have been", "I've been"),
                ("It is", "It's"),
                ("it is", "it's"),
                ("We are", "We're"),
                ("we are", "we're"),
            ] {
                out = out.replace(long, short);
            }
        }
        if self.lowercase {
            let mut chars = out.chars();
            if let Some(first) = chars.next() {
                out = first.to_lowercase().chain(chars).collect();
            }
            out = out.replace(" I ", " i ").replace(" I'", " i'");
            if out.starts_with("I ") || out.starts_with("I'") {
                out.replace_range(0..1, "i");
            }
        }
        if self.curly {
            out = out.replace('\'', "\u{2019}");
        }
        out
    }
}

/// Context lines for a draft: from its facts, else with placeholders.
pub fn context_lines(draft: &Draft<'_>) -> Vec<ContextLine> {
    lines_for(&draft.context, voice(draft))
}

/// Context lines for a recipient context in a voice: the first variant of every fact, then
/// the second variants; placeholder lines when the context holds no fact.
pub fn lines_for(ctx: &RecipientContext, voice: Voice) -> Vec<ContextLine> {
    let mut per_fact: Vec<(&'static str, Vec<String>)> = Vec::new();
    for (key, value) in ctx.reason_facts() {
        let value = clean_value(value);
        if value.is_empty() {
            continue;
        }
        let variants = match key {
            "met_at" => met_at_lines(&value),
            "their_work" => their_work_lines(&value),
            "mutual" => mutual_lines(&value, ctx.mutual_is_referral()),
            "shared_interest" => shared_interest_lines(&value),
            "reason" => reason_lines(&value),
            _ => continue,
        };
        per_fact.push((key, variants));
    }
    let mut out = Vec::new();
    if per_fact.is_empty() {
        for line in PLACEHOLDER_LINES {
            out.push(ContextLine {
                text: voice.apply(line),
                fact: None,
            });
        }
        return out;
    }
    let rounds = per_fact.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
    for round in 0..rounds {
        for (key, variants) in &per_fact {
            if let Some(line) = variants.get(round) {
                let text = voice.apply(line);
                if !out.iter().any(|l: &ContextLine| l.text == text) {
                    out.push(ContextLine {
                        text,
                        fact: Some(key),
                    });
                }
            }
        }
    }
    out
}

/// Lines to offer when nothing is known; each bracket is one the placeholder rules flag.
pub const PLACEHOLDER_LINES: &[&str] = &[
    "We met at [where we met], and [the specific detail] stayed with me.",
    "I read your post on [topic], and [the specific detail] stuck with me.",
    "[Mutual contact] suggested I get in touch with you about [topic].",
];

/// Template lines that add a merge field carrying a reason, for name-only templates.
pub fn template_lines(voice: Voice) -> Vec<(String, &'static str)> {
    vec![
        (voice.apply("We met at {{met_at}}."), "met_at"),
        (
            voice.apply("I read your {{recent_post}}, and it is why I am writing."),
            "recent_post",
        ),
    ]
}

/// A fact as a phrase inside a sentence: trimmed, no final full stop, pronouns turned to
/// the second person ("their talk" -> "your talk", "they won" -> "you won").
fn clean_value(value: &str) -> String {
    let one_line: String = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = one_line
        .trim()
        .trim_end_matches(['.', ';', ',', ':'])
        .trim();
    second_person(trimmed)
}

/// Turn third-person references to the recipient into the second person.
pub fn second_person(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let word = words[i];
        let lower = word.to_lowercase().replace('\u{2019}', "'");
        let next = words.get(i + 1).map(|w| w.to_lowercase());
        let replaced = match lower.as_str() {
            "their" | "his" => Some("your".to_string()),
            "theirs" => Some("yours".to_string()),
            "them" | "him" => Some("you".to_string()),
            "themselves" | "himself" | "herself" => Some("yourself".to_string()),
            "they" => Some("you".to_string()),
            "they're" => Some("you're".to_string()),
            "they've" => Some("you've".to_string()),
            "they'd" => Some("you'd".to_string()),
            "they'll" => Some("you'll".to_string()),
            "her" => Some(
                match next.as_deref() {
                    None
                    | Some(
                        "at" | "in" | "on" | "for" | "to" | "about" | "with" | "and" | "or"
                        | "last" | "this",
                    ) => "you",
                    _ => "your",
                }
                .to_string(),
            ),
            "he" | "she" => match next.as_deref() {
                Some("is") => {
                    i += 1;
                    Some("you are".to_string())
                }
                Some("was") => {
                    i += 1;
                    Some("you were".to_string())
                }
                Some("has") => {
                    i += 1;
                    Some("you have".to_string())
                }
                Some(n)
                    if n.ends_with("ed")
                        || matches!(
                            n,
                            "won"
                                | "gave"
                                | "wrote"
                                | "ran"
                                | "led"
                                | "built"
                                | "spoke"
                                | "said"
                                | "told"
                                | "made"
                                | "took"
                        ) =>
                {
                    Some("you".to_string())
                }
                _ => None,
            },
            "he's" | "she's" => Some("you're".to_string()),
            _ => None,
        };
        match replaced {
            Some(r) => {
                let r = if word.chars().next().is_some_and(char::is_uppercase) {
                    capitalise(&r)
                } else {
                    r
                };
                out.push(r);
            }
            None => out.push(word.to_string()),
        }
        i += 1;
    }
    out.join(" ")
}

const PREPOSITIONS: &[&str] = &[
    "at", "in", "on", "during", "through", "after", "via", "over", "from", "when", "while",
    "before", "on", "online",
];

fn starts_with_any(value: &str, words: &[&str]) -> bool {
    let first = value
        .split_whitespace()
        .next()
        .map(str::to_lowercase)
        .unwrap_or_default();
    words.contains(&first.as_str())
}

fn met_at_lines(value: &str) -> Vec<String> {
    let place = if starts_with_any(value, PREPOSITIONS) {
        value.to_string()
    } else {
        format!("at {value}")
    };
    vec![
        format!("We met {place}."),
        format!("It was good to meet you {place}."),
    ]
}

/// Nouns of things one reads, watches or listens to.
const READ: &[&str] = &[
    "post",
    "posts",
    "article",
    "paper",
    "blog",
    "thread",
    "essay",
    "newsletter",
    "book",
    "piece",
    "report",
    "study",
    "write-up",
    "writeup",
    "guide",
    "tutorial",
    "answer",
    "comment",
    "review",
    "thesis",
    "op-ed",
    "chapter",
    "preprint",
    "rfc",
    "readme",
    "docs",
];
const WATCH: &[&str] = &[
    "talk",
    "keynote",
    "presentation",
    "video",
    "webinar",
    "lecture",
    "demo",
    "session",
    "panel",
    "slides",
];
const LISTEN: &[&str] = &["podcast", "episode", "interview"];

fn their_work_lines(value: &str) -> Vec<String> {
    let work = with_your(value);
    let words: Vec<String> = tokens(&work)
        .into_iter()
        .map(|t| t.text.to_lowercase())
        .collect();
    let verb = if words.iter().any(|w| READ.contains(&w.as_str())) {
        "I read"
    } else if words.iter().any(|w| WATCH.contains(&w.as_str())) {
        "I watched"
    } else if words.iter().any(|w| LISTEN.contains(&w.as_str())) {
        "I listened to"
    } else {
        "I have been looking at"
    };
    vec![
        format!("{verb} {work}, and it is why I am writing."),
        format!("{} stayed with me.", capitalise(&work)),
    ]
}

/// "talk on X" -> "your talk on X"; "the PR" -> "your PR"; "your post" stays.
fn with_your(value: &str) -> String {
    let first = value.split_whitespace().next().unwrap_or("").to_lowercase();
    match first.as_str() {
        "your" => value.to_string(),
        "a" | "an" | "the" | "this" | "that" => {
            let rest = value.split_once(' ').map_or("", |(_, r)| r);
            format!("your {rest}")
        }
        _ => format!("your {value}"),
    }
}

/// Words that make a mutual a group rather than a person.
const GROUP_WORDS: &[&str] = &[
    "group",
    "community",
    "club",
    "slack",
    "discord",
    "meetup",
    "alumni",
    "association",
    "society",
    "network",
    "cohort",
    "guild",
    "forum",
    "program",
    "programme",
    "class",
    "chapter",
    "circle",
    "collective",
    "list",
    "team",
    "board",
    "council",
    "fellowship",
    "school",
    "university",
];

fn mutual_lines(value: &str, referral: bool) -> Vec<String> {
    if referral {
        return vec![
            format!("{value} suggested I get in touch with you."),
            format!("{value} pointed me to you."),
        ];
    }
    let folded = fold(value);
    let is_group = tokens(&folded)
        .iter()
        .any(|t| GROUP_WORDS.contains(&t.text));
    if is_group {
        let v = value.strip_prefix("the ").unwrap_or(value);
        vec![
            format!("We are both part of {v}."),
            format!("I saw we are both in {v}."),
        ]
    } else {
        vec![
            format!("We both know {value}."),
            format!("We have {value} in common."),
        ]
    }
}

fn shared_interest_lines(value: &str) -> Vec<String> {
    vec![
        format!("I share your interest in {value}."),
        format!("We both care about {value}."),
    ]
}

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "your", "my", "our", "this", "that", "these", "those", "you", "we", "i",
    "some", "one", "two", "three", "how", "what", "why", "whether",
];

fn reason_lines(value: &str) -> Vec<String> {
    let lower_first = value.split_whitespace().next().unwrap_or("").to_lowercase();
    let first_line = match lower_first.as_str() {
        "to" => format!("I am writing {value}."),
        "because" | "since" | "as" | "about" => format!("I am writing {value}."),
        _ => {
            let starts_lower = value.chars().next().is_some_and(char::is_lowercase);
            let needs_article = starts_lower
                && !DETERMINERS.contains(&lower_first.as_str())
                && !lower_first.chars().any(|c| c.is_ascii_digit());
            let article = if needs_article { "the " } else { "" };
            format!("I am writing about {article}{value}.")
        }
    };
    vec![first_line, format!("The reason for my note: {value}.")]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(pairs: &[(&str, &str)]) -> RecipientContext {
        let mut c = RecipientContext::default();
        for (k, v) in pairs {
            c.fields.insert(k.to_string(), v.to_string());
            c.sources.insert(k.to_string(), k.to_string());
        }
        c
    }

    fn texts(lines: &[ContextLine]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn one_line_per_fact_first_then_variants() {
        let c = ctx(&[
            ("met_at", "PyCon US 2024"),
            ("their_work", "talk on retry budgets"),
        ]);
        let lines = lines_for(&c, Voice::default());
        assert_eq!(
            texts(&lines),
            vec![
                "We met at PyCon US 2024.",
                "I watched your talk on retry budgets, and it is why I am writing.",
                "It was good to meet you at PyCon US 2024.",
                "Your talk on retry budgets stayed with me.",
            ]
        );
        assert!(lines.iter().all(ContextLine::from_facts));
    }

    #[test]
    fn third_person_facts_become_second_person() {
        let c = ctx(&[
            ("reason", "cold-storage grant they won"),
            ("their_work", "her paper on no-show rates"),
        ]);
        let lines = texts(&lines_for(&c, Voice::default())).join(" | ");
        assert!(
            lines.contains("I read your paper on no-show rates"),
            "{lines}"
        );
        assert!(
            lines.contains("I am writing about the cold-storage grant you won."),
            "{lines}"
        );
    }

    #[test]
    fn referral_and_group_mutuals_say_only_what_is_known() {
        let mut c = ctx(&[("mutual", "Priya Raman")]);
        assert_eq!(
            lines_for(&c, Voice::default())[0].text,
            "We both know Priya Raman."
        );
        c.sources.insert("mutual".into(), "referred_by".into());
        assert_eq!(
            lines_for(&c, Voice::default())[0].text,
            "Priya Raman suggested I get in touch with you."
        );
        let g = ctx(&[("mutual", "the Rust Lisbon meetup")]);
        assert_eq!(
            lines_for(&g, Voice::default())[0].text,
            "We are both part of Rust Lisbon meetup."
        );
    }

    #[test]
    fn no_facts_gives_placeholders() {
        let lines = lines_for(&RecipientContext::default(), Voice::default());
        assert_eq!(lines.len(), PLACEHOLDER_LINES.len());
        assert!(lines
            .iter()
            .all(|l| !l.from_facts() && l.text.contains('[')));
    }

    #[test]
    fn voice_is_copied() {
        let body =
            "hey, i'm in lisbon next week. it's been a while since the sprint. we're shipping v2.";
        let sentences = [
            "hey, i'm in lisbon next week.",
            "it's been a while since the sprint.",
            "we're shipping v2.",
        ];
        let v = voice_of(body, sentences.into_iter());
        assert!(v.contractions && v.lowercase && !v.curly);
        assert_eq!(
            v.apply("I am writing about the grant."),
            "i'm writing about the grant."
        );
        let curly = voice_of("I’m glad, it’s done.", ["I’m glad, it’s done."].into_iter());
        assert_eq!(
            curly.apply("I am here and it is fine."),
            "I’m here and it’s fine."
        );
    }
}
