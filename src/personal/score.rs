//! The personalisation score: 0 to 100 per draft, the sum of five documented signals
//! (see `docs/front-matter.md`, "Personalisation score"):
//!
//! | signal | points | how |
//! |---|---|---|
//! | facts | 0..=35 | each front-matter fact the body uses: 12; each kind of reader evidence in the text (their work, shared history, a mutual contact: 12; a number or date, a quoted title, a proper name, in a sentence about the reader: 6); capped at 35 |
//! | stock phrases | 25 - 20 per phrase finding | every stock phrase or unfilled placeholder costs 20 (may go below zero) |
//! | focus | 0..=20 | 20 x reader sentences / (reader + sender sentences), sentences of 4+ words; 10 when neither kind is present; a sentence using a front-matter fact counts for the reader |
//! | ask | 0..=10 | one clear ask 10, two 6, three or more 3, none 0 |
//! | length | 0..=10 | within the channel's limit 10, over it 0; with no limit, up to 1,500 characters 10, up to 3,000 5 |
//!
//! Only *clean* sentences (no phrase finding inside) earn facts, focus and ask points, so
//! wrapping a stock phrase around a detail earns nothing. That makes the score monotone in
//! the two ways the tests check: adding a specific context line built from a fact never
//! lowers it (unless the line pushes the draft over its channel's length limit), and adding
//! a stock phrase never raises it (its 20-point cost exceeds the most that excluding a
//! sentence can shift focus and ask).

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Serialize;

use crate::context::{Channel, REASON_FIELDS};
use crate::lint::{Draft, Finding, LintOptions};
use crate::rules::document;
use crate::rules::evidence::{self, DetailKind};

use super::focus::{about, About};
use super::unused::{describe, FactStems};
use super::words::{count_words, token_iter};

/// Points for each front-matter fact the body uses.
pub const FACT_POINTS: i32 = 12;
/// Points for each strong kind of reader evidence.
pub const STRONG_EVIDENCE_POINTS: i32 = 12;
/// Points for each weak kind of reader evidence.
pub const WEAK_EVIDENCE_POINTS: i32 = 6;
/// Cap of the facts signal.
pub const FACTS_MAX: i32 = 35;
/// Points of the stock-phrase signal with no stock phrase.
pub const STOCK_MAX: i32 = 25;
/// Cost of each stock phrase or placeholder.
pub const STOCK_COST: i32 = 20;
/// Maximum of the focus signal.
pub const FOCUS_MAX: i32 = 20;
/// Maximum of the ask signal.
pub const ASK_MAX: i32 = 10;
/// Maximum of the length signal.
pub const LENGTH_MAX: i32 = 10;
/// Soft length for channels without a limit.
pub const SOFT_LENGTH: usize = 1500;
/// Reader evidence is looked for in this many clean sentences at most. An outreach draft has
/// a few dozen; a long document pasted into the editor would otherwise pay for evidence
/// detection on every sentence at every keystroke, for a score that stopped meaning anything
/// a few screens in.
const EVIDENCE_SCAN_SENTENCES: usize = 200;

/// One signal of the score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signal {
    /// `facts`, `stock_phrases`, `focus`, `ask` or `length`.
    pub name: &'static str,
    /// Points earned (the stock-phrase signal may be negative).
    pub points: i32,
    /// The most this signal can give.
    pub max: i32,
    /// What was counted, in words.
    pub note: String,
}

/// The personalisation score of one draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    /// 0 to 100.
    pub value: u8,
    /// The signals that add up to it.
    pub signals: Vec<Signal>,
    /// Byte offset of the end of the first body line: where an editor shows the score.
    #[serde(skip)]
    pub anchor: usize,
}

impl Score {
    /// A short label: "personalisation 72/100".
    pub fn label(&self) -> String {
        format!("personalisation {}/100", self.value)
    }

    /// One line with every signal: "facts 24/35, stock phrases 25/25, ...".
    pub fn summary(&self) -> String {
        self.signals
            .iter()
            .map(|s| format!("{} {}/{}", s.name.replace('_', " "), s.points, s.max))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A markdown table of the signals, for a hover or tooltip.
    pub fn markdown(&self) -> String {
        let mut out = format!(
            "**Personalisation score: {}/100**\n\n| signal | points | counted |\n|---|---|---|\n",
            self.value
        );
        for s in &self.signals {
            out.push_str(&format!(
                "| {} | {}/{} | {} |\n",
                s.name.replace('_', " "),
                s.points,
                s.max,
                s.note
            ));
        }
        out
    }
}

/// Score a linted draft from its final findings.
pub fn score(draft: &Draft<'_>, findings: &[Finding], options: &LintOptions) -> Score {
    let phrase: Vec<&Finding> = findings.iter().filter(|f| f.pattern.is_some()).collect();
    let flagged: Vec<Range<usize>> = phrase.iter().map(|f| f.range.clone()).collect();
    let greeting = document::greeting(draft).map(|g| g.line);
    let body_start = draft.prose.body_start;
    let in_heading = |s: &Range<usize>| draft.prose.heading_at(s.start);
    let covered = crate::rules::sentences::covered(&draft.sentences, &flagged);
    let clean: Vec<Range<usize>> = draft
        .sentences
        .iter()
        .zip(covered)
        .filter(|(s, covered)| s.start >= body_start && *covered == 0)
        .map(|(s, _)| s.clone())
        .collect();

    // Facts: front-matter facts used, and kinds of reader evidence (looked for only until
    // the signal's cap is reached).
    let facts = FactStems::new(&draft.context, REASON_FIELDS);
    let mut used_bits = 0u64;
    let mut kinds: BTreeSet<DetailKind> = BTreeSet::new();
    let mut fact_sentences: Vec<bool> = Vec::with_capacity(clean.len());
    for s in &clean {
        let text = draft.masked(s.clone());
        let bits = facts.scan(text);
        used_bits |= bits;
        fact_sentences.push(bits != 0);
    }
    let fact_points = FACT_POINTS * used_bits.count_ones() as i32;
    for s in clean.iter().take(EVIDENCE_SCAN_SENTENCES) {
        if fact_points + evidence_points(&kinds) >= FACTS_MAX {
            break;
        }
        let text = draft.masked(s.clone());
        let about_reader = evidence::is_about_reader(text);
        for kind in draft.details(s) {
            if kind.is_strong() || about_reader {
                kinds.insert(kind);
            }
        }
    }
    let (used, _) = facts.split(used_bits);
    let facts_points = (fact_points + evidence_points(&kinds)).min(FACTS_MAX);
    let mut facts_note: Vec<String> = used
        .iter()
        .map(|(k, _)| format!("uses {} (`{k}`)", describe(k)))
        .collect();
    facts_note.extend(kinds.iter().map(|k| k.describe().to_string()));
    let facts_note = if facts_note.is_empty() {
        "nothing tied to this reader".to_string()
    } else {
        facts_note.join("; ")
    };

    // Stock phrases.
    let stock_points = STOCK_MAX - STOCK_COST * phrase.len() as i32;
    let stock_note = match phrase.len() {
        0 => "none".to_string(),
        1 => "1 stock phrase or placeholder".to_string(),
        n => format!("{n} stock phrases or placeholders"),
    };

    // Focus and ask, over clean sentences outside headings and the greeting.
    let (mut reader, mut sender, mut asks) = (0i32, 0i32, 0i32);
    for (s, tied) in clean.iter().zip(&fact_sentences) {
        if in_heading(s)
            || greeting
                .as_ref()
                .is_some_and(|g| g.start <= s.start && s.start < g.end.max(g.start + 1))
        {
            continue;
        }
        let text = draft.masked(s.clone());
        if is_ask(text) {
            asks += 1;
        }
        if count_words(text) < 4 {
            continue;
        }
        match about(text) {
            _ if *tied => reader += 1,
            About::Reader => reader += 1,
            About::Sender => sender += 1,
            About::Neither => {}
        }
    }
    let focus_points = if reader + sender == 0 {
        FOCUS_MAX / 2
    } else {
        (FOCUS_MAX * reader + (reader + sender) / 2) / (reader + sender)
    };
    let focus_note = format!(
        "{reader} sentence{} about the reader, {sender} about the sender",
        plural(reader)
    );
    let ask_points = match asks {
        0 => 0,
        1 => ASK_MAX,
        2 => 6,
        _ => 3,
    };
    let ask_note = match asks {
        0 => "no question or request".to_string(),
        1 => "one clear ask".to_string(),
        n => format!("{n} asks"),
    };

    // Length for the channel.
    let chars = draft.text[body_start.min(draft.text.len())..]
        .trim()
        .chars()
        .count();
    let channel = draft.context.channel.or(options.default_channel);
    let limit = channel.map_or(0, |c| limit_for(c, options));
    let (length_points, length_note) = if limit > 0 {
        let what = channel.map_or("", Channel::as_str);
        (
            if chars <= limit { LENGTH_MAX } else { 0 },
            format!("{chars} of {limit} characters ({what})"),
        )
    } else {
        let points = if chars <= SOFT_LENGTH {
            LENGTH_MAX
        } else if chars <= 2 * SOFT_LENGTH {
            LENGTH_MAX / 2
        } else {
            0
        };
        (
            points,
            format!("{chars} characters (no channel limit; {SOFT_LENGTH} reads comfortably)"),
        )
    };

    let signals = vec![
        Signal {
            name: "facts",
            points: facts_points,
            max: FACTS_MAX,
            note: facts_note,
        },
        Signal {
            name: "stock_phrases",
            points: stock_points,
            max: STOCK_MAX,
            note: stock_note,
        },
        Signal {
            name: "focus",
            points: focus_points,
            max: FOCUS_MAX,
            note: focus_note,
        },
        Signal {
            name: "ask",
            points: ask_points,
            max: ASK_MAX,
            note: ask_note,
        },
        Signal {
            name: "length",
            points: length_points,
            max: LENGTH_MAX,
            note: length_note,
        },
    ];
    let total: i32 = signals.iter().map(|s| s.points).sum();
    Score {
        value: u8::try_from(total.clamp(0, 100)).unwrap_or(0),
        signals,
        anchor: document::anchor(draft).end,
    }
}

impl Score {
    /// Charge merge fields left empty in a filled template like unfilled placeholders
    /// (`check --recipients`): each costs the stock-phrase price.
    pub fn charge_gaps(&mut self, gaps: usize) {
        if gaps == 0 {
            return;
        }
        if let Some(stock) = self.signals.iter_mut().find(|s| s.name == "stock_phrases") {
            stock.points -= STOCK_COST * i32::try_from(gaps).unwrap_or(i32::MAX / STOCK_COST);
            stock.note.push_str(&format!(
                "; {gaps} empty merge field{}",
                if gaps == 1 { "" } else { "s" }
            ));
        }
        let total: i32 = self.signals.iter().map(|s| s.points).sum();
        self.value = u8::try_from(total.clamp(0, 100)).unwrap_or(0);
    }
}

fn evidence_points(kinds: &BTreeSet<DetailKind>) -> i32 {
    kinds
        .iter()
        .map(|k| {
            if k.is_strong() {
                STRONG_EVIDENCE_POINTS
            } else {
                WEAK_EVIDENCE_POINTS
            }
        })
        .sum()
}

/// The length limit of a channel under `options` (0 = none).
pub fn limit_for(channel: Channel, options: &LintOptions) -> usize {
    match channel {
        Channel::LinkedinNote => options.limits.linkedin_note,
        Channel::LinkedinMessage => options.limits.linkedin_message,
        Channel::Inmail => options.limits.inmail_body,
        Channel::Email => options.limits.email,
    }
}

fn plural(n: i32) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

const ASK_OPENERS: &[&[&str]] = &[
    &["could", "you"],
    &["would", "you"],
    &["can", "you"],
    &["will", "you"],
    &["could", "i"],
    &["can", "i"],
    &["may", "i"],
    &["could", "we"],
    &["can", "we"],
    &["would", "it", "be"],
    &["are", "you", "open"],
    &["do", "you", "have"],
    &["let", "me", "know", "if"],
    &["let", "me", "know", "whether"],
    &["is", "there", "any", "chance"],
];

/// Whether a sentence asks the reader for something.
pub fn is_ask(sentence: &str) -> bool {
    if sentence.trim_end().ends_with('?') {
        return true;
    }
    // The last few words, newest last: enough to compare every opener as it completes.
    let mut recent: [&str; ASK_WINDOW] = [""; ASK_WINDOW];
    for token in token_iter(sentence) {
        recent.rotate_left(1);
        recent[ASK_WINDOW - 1] = token.text;
        // The newest word first: it rules out nearly every opener with one comparison.
        let completes = |pattern: &&[&str]| {
            pattern
                .last()
                .is_some_and(|last| last.eq_ignore_ascii_case(token.text))
                && recent[ASK_WINDOW - pattern.len()..]
                    .iter()
                    .zip(pattern.iter())
                    .all(|(a, b)| a.eq_ignore_ascii_case(b))
        };
        if ASK_OPENERS.iter().any(completes) {
            return true;
        }
    }
    false
}

/// The longest opener in `ASK_OPENERS`, in words.
const ASK_WINDOW: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_are_found_by_their_opening_words() {
        for ask in [
            "Could you send me the repro",
            "so if you're around, let me know if Friday works",
            "Is there any chance the dock is free on the 14th",
            "Would you share the slides?",
        ] {
            assert!(is_ask(ask), "{ask}");
        }
        for statement in [
            "We shipped the fix on Friday.",
            "Let me know.",
            "The chance of rain is low, so the dock stays open.",
        ] {
            assert!(!is_ask(statement), "{statement}");
        }
    }

    #[test]
    fn the_window_holds_the_longest_opener() {
        let longest = ASK_OPENERS.iter().map(|o| o.len()).max().unwrap_or(0);
        assert_eq!(longest, ASK_WINDOW);
    }
}
