//! Interchangeable sentences: in a draft with no reason tied to its reader, the sentences
//! that would read the same to anyone.
//!
//! Phrase rules catch the stock lines people have written a thousand times; real drafts
//! reword them faster than a list can follow ("Feels like there could be some real overlap
//! between what we do and what you do"). Once the draft as a whole has been judged to carry
//! nothing about its reader, every body sentence without a concrete detail is, by that
//! judgement, one that could go to anyone. This check points at those sentences, so the
//! missing-context warning says *where* the draft is generic, not only *that* it is. It never
//! runs on a draft that has a reader-tied reason, so a personal note is never flagged here.

use std::ops::Range;
use std::sync::OnceLock;

use crate::text::lean::LeanRegex as Regex;

use super::{document, sentences, RuleSet};
use crate::lint::{Draft, Finding, LintOptions};

/// Stable ids of the interchangeable-sentence rules, one per kind of sentence.
pub mod ids {
    /// An ask with no topic only this reader could answer.
    pub const ASK: &str = "interchangeable-ask";
    /// Praise with nothing in it that is theirs.
    pub const PRAISE: &str = "interchangeable-praise";
    /// The sender's pitch.
    pub const PITCH: &str = "interchangeable-pitch";
    /// A closing line that would end any message.
    pub const CLOSER: &str = "interchangeable-closer";
    /// Any other body line that would open or fill any message.
    pub const LINE: &str = "interchangeable-line";
    /// All of them.
    pub const ALL: &[&str] = &[ASK, PRAISE, PITCH, CLOSER, LINE];
}

/// Sentences shorter than this are greetings, sign-offs and fragments.
const MIN_WORDS: usize = 4;

/// The longest closing line `is_short_closer` looks at ("Cheers and talk soon").
const SHORT_CLOSER_WORDS: usize = 5;

/// Findings for the interchangeable sentences of a draft that lacks a reader-tied reason.
/// `reader_reason_missing` is the missing-context judgement, made once by the caller.
pub fn run(
    draft: &Draft<'_>,
    rules: &RuleSet,
    options: &LintOptions,
    phrase_findings: &[Finding],
    reader_reason_missing: bool,
) -> Vec<Finding> {
    if !reader_reason_missing || draft.template {
        return Vec::new();
    }
    let spec = |id: &str| rules.enabled_spec(id, options);
    let greeting = document::greeting(draft).map(|g| g.line);
    let closing_block = last_body_block(draft);
    // A jargon word ("do a deep dive") does not speak for the sentence around it: "Would love
    // to hop on a call and do a deep dive" is still an ask with no topic.
    let mut flagged: Vec<Range<usize>> = phrase_findings
        .iter()
        .filter(|f| f.category != "filler")
        .map(|f| f.range.clone())
        .collect();
    flagged.sort_by_key(|r| r.start);
    let covered = sentences::covered(&draft.sentences, &flagged);
    let mut out = Vec::new();
    for (sentence, covered) in draft.sentences.iter().zip(covered) {
        let pieces = if covered == 0 {
            vec![sentence.clone()]
        } else {
            unflagged_clauses(&draft.prose.masked, sentence, &flagged)
        };
        for piece in pieces {
            let text = draft.masked(piece.clone());
            let in_closing = closing_block
                .as_ref()
                .is_some_and(|b| b.contains(&piece.start));
            if in_closing && is_short_closer(text) {
                if let Some(spec) = spec(ids::CLOSER) {
                    out.push(document::finding(spec, piece, spec.message.clone(), None));
                }
                continue;
            }
            if !is_candidate(draft, &piece, greeting.as_ref()) {
                continue;
            }
            if let Some(spec) = classify(text, in_closing).and_then(spec) {
                out.push(document::finding(spec, piece, spec.message.clone(), None));
            }
        }
    }
    out
}

/// The clauses of a partly flagged sentence outside its findings ("Hope you're doing well!
/// *Would love to reconnect and hear how it's going*, let's keep in touch!"). A stock phrase
/// next to a reworded one does not make the reworded one personal. Only a part set off from
/// the findings by punctuation counts as a clause of its own; the words that merely continue
/// a flagged phrase ("I'd love to pick your brain *about your career*") are left to it.
/// `flagged` is sorted by start.
fn unflagged_clauses(
    masked: &str,
    sentence: &Range<usize>,
    flagged: &[Range<usize>],
) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut cursor = sentence.start;
    let first = flagged.partition_point(|f| f.end <= sentence.start);
    for f in &flagged[first..] {
        if f.start >= sentence.end {
            break;
        }
        if f.start > cursor {
            let after_finding = cursor > sentence.start;
            pieces.extend(clause(masked, cursor..f.start, after_finding, true));
        }
        cursor = cursor.max(f.end);
    }
    if cursor < sentence.end && cursor > sentence.start {
        pieces.extend(clause(masked, cursor..sentence.end, true, false));
    }
    pieces
}

/// A gap between findings as a clause: set off by punctuation on each side that touches a
/// finding, and trimmed of that punctuation and of a joining conjunction.
fn clause(
    masked: &str,
    gap: Range<usize>,
    finding_before: bool,
    finding_after: bool,
) -> Option<Range<usize>> {
    const JOINERS: &[&str] = &["and", "but", "so", "or", "then", "also"];
    let text = masked.get(gap.clone())?;
    let is_separator = |c: char| c.is_whitespace() || CLAUSE_PUNCTUATION.contains(c);
    let head = &text[..text.len() - text.trim_start_matches(is_separator).len()];
    let tail = &text[text.trim_end_matches(is_separator).len()..];
    let punctuated = |part: &str| part.contains(|c: char| CLAUSE_PUNCTUATION.contains(c));
    if (finding_before && !punctuated(head)) || (finding_after && !punctuated(tail)) {
        return None;
    }
    let mut start = gap.start + head.len();
    let end = gap.end - tail.len();
    while let Some(rest) = masked.get(start..end) {
        let word_len = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = rest[..word_len].to_ascii_lowercase();
        if word_len == rest.len() || !JOINERS.contains(&word.as_str()) {
            break;
        }
        start += word_len + (rest[word_len..].len() - rest[word_len..].trim_start().len());
    }
    (start < end).then_some(start..end)
}

/// Punctuation that sets a clause off from its neighbours.
const CLAUSE_PUNCTUATION: &str = ",;:!?.\u{2026}\u{2013}\u{2014}()";

/// A body sentence of some length with no concrete detail in it.
fn is_candidate(
    draft: &Draft<'_>,
    sentence: &Range<usize>,
    greeting: Option<&Range<usize>>,
) -> bool {
    if draft.prose.heading_at(sentence.start)
        || greeting.is_some_and(|g| g.contains(&sentence.start))
    {
        return false;
    }
    let text = draft.masked(sentence.clone());
    let words = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    words >= MIN_WORDS
        && !is_sign_off(text)
        && !is_self_introduction(text)
        && !text.contains("://")
        && draft.details(sentence).is_empty()
}

/// The last prose block of the body: its sentences are the draft's closing. When that block
/// is only a signature ("jake", "Dana Ruiz"), the block before it belongs to the closing too.
fn last_body_block(draft: &Draft<'_>) -> Option<Range<usize>> {
    const SIGNATURE_WORDS: usize = 3;
    let mut body = draft.prose.blocks.iter().rev().filter(|b| !b.heading);
    let last = body.next()?.range.clone();
    if draft.masked(last.clone()).split_whitespace().count() > SIGNATURE_WORDS {
        return Some(last);
    }
    Some(
        body.next()
            .map_or(last.clone(), |b| b.range.start..last.end),
    )
}

/// Which rule a sentence falls under, by what it does; `None` for a sentence that does
/// none of the stock things (asks, praises, pitches, thanks or wishes). Those are left
/// alone: a plain statement with no detail ("The deck is attached") is not what makes a
/// draft read as a form letter, and flagging it would bury the lines that do.
fn classify(text: &str, in_closing: bool) -> Option<&'static str> {
    if cue(Cue::Pitch).is_match(text) {
        Some(ids::PITCH)
    } else if cue(Cue::Praise).is_match(text) {
        Some(ids::PRAISE)
    } else if text.trim_end().ends_with('?') || cue(Cue::Ask).is_match(text) {
        Some(ids::ASK)
    } else if cue(Cue::Closer).is_match(text) {
        Some(if in_closing { ids::CLOSER } else { ids::LINE })
    } else {
        None
    }
}

/// "Best, Dana", "Thanks again, Priya": the sign-off, with or without the name after it.
fn is_sign_off(text: &str) -> bool {
    cue(Cue::SignOff).is_match(text)
}

/// "Speak soon!", "lmk!!", "Let me know!": a closing line too short to be a candidate, that
/// ends any message the same way. In a draft with a reader-tied reason the same words are
/// just a friendly sign-off, which is why this runs only here.
fn is_short_closer(text: &str) -> bool {
    text.split_whitespace().count() <= SHORT_CLOSER_WORDS && cue(Cue::ShortCloser).is_match(text)
}

/// "My name is Leo and I am a sophomore", "I'm a second-year student": who the sender is
/// tells the reader something true, so it is not flagged here; `sender-focus` weighs it.
fn is_self_introduction(text: &str) -> bool {
    cue(Cue::SelfIntroduction).is_match(text)
}

#[derive(Clone, Copy)]
enum Cue {
    Pitch,
    Praise,
    Ask,
    Closer,
    SignOff,
    SelfIntroduction,
    ShortCloser,
}

fn cue(which: Cue) -> &'static Regex {
    static CUES: OnceLock<Vec<Regex>> = OnceLock::new();
    let all = CUES.get_or_init(|| {
        [
            // The sender or their company doing something for a crowd.
            r"^(?:(?:at|here at)[ \t]+[^ \t,]+,[ \t]+)?(?:we|our|my (?:company|team|agency|firm|platform|product|startup|client))(?-u:\b)|(?-u:\b)(?:we|i)[ \t]+(?:help|helps|build|offer|provide|work with|partner with|specialise|specialize)(?-u:\b)|(?-u:\b)our[ \t]+(?:platform|product|solution|software|tool|service|services|team|agency|clients|customers)(?-u:\b)",
            // Admiration with nothing of theirs in it.
            r"(?-u:\b)(?:inspir[a-z]*|impress[a-z]*|admir[a-z]*|amazing|incredible|remarkable|outstanding|brilliant|fantastic|awesome|journey|big fan|huge fan|fan of|love what|love how|great work|great job|kudos|congrat[a-z]*)(?-u:\b)",
            // Asking for time, a call, a reply or a link.
            r"(?-u:\b)(?:call|chat|chats|(?:few|couple(?:[ \t]+of)?|spare|quick|[0-9]+|five|ten|fifteen|twenty|thirty)[ \t-]+(?:minutes?|mins?)(?:[ \t]+(?:of[ \t]+your|to|for|on|this|next|today|tomorrow|sometime|some[ \t]+time|at[ \t]+some|with[ \t]+you)|[ \t]+(?:demo|call|chat|meeting|conversation|slot|session|intro|window)|[ \t]*[.!]*[ \t]*$)|meet|meeting|coffee|sync|catch up|connect|connected|connecting|conversation|open to|would you|could you|are you|let me know|swap[a-z]*|explore|exploring|discuss|hop on|jump on|grab|reply|respond|interested|worth[ \t]+(?:a[ \t]|your[ \t]|exploring|discussing|connecting|talking|chatting)|schedule|calendar|find (?:some )?time|reconnect|keep in touch|stay in touch|(?:curious|keen|eager|love|like)[ \t]+to[ \t]+(?:hear|learn|know)[ \t]+(?:what|how|about|more))(?-u:\b)",
            // Thanks, hopes and looking ahead. Good wishes ("wishing you all the best in this new
            // chapter") are left out: in kudos they are what a person adds, not the template.
            r"(?-u:\b)(?:thank[a-z]*|appreciate[a-z]*|look(?:ing)? forward|hope|hoping|hear (?:from|back)|best of luck|take care)(?-u:\b)",
            // A sign-off word with a comma after it, or alone.
            r"^(?:best|thanks|thank you|many thanks|thanks again|regards|kind regards|warm regards|best regards|warmly|cheers|sincerely|with gratitude|all the best|talk soon|take care)(?-u:\b)[^.!?]*(?:,|$)",
            r"^(?:my name is|(?:i am|i'm|i’m)[ \t]+(?:a|an)[ \t])",
            r"^(?:(?:cheers|thanks)[ \t]+(?:and|&)[ \t]+)?(?:(?:speak|talk|chat)[ \t]+soon|lmk|let me know|looking forward|thoughts\?|keen to hear)(?:[ \t]+(?:what[ \t]+(?:you|u)[ \t]+think|your thoughts))?[ \t]*[!.?🙂😊🙏👍]*$",
        ]
        .iter()
        .map(|source| {
            Regex::new(&format!("(?i){source}"))
                .unwrap_or_else(|err| panic!("interchangeable cue is a constant: {err}"))
        })
        .collect()
    });
    &all[which as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{lint, Format};

    fn findings(text: &str) -> Vec<(String, String)> {
        let report = lint(
            text,
            Format::PlainText,
            &RuleSet::builtin(),
            &LintOptions::default(),
        );
        report
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("interchangeable-"))
            .map(|f| (f.rule.clone(), text[f.range.clone()].to_string()))
            .collect()
    }

    #[test]
    fn reworded_stock_lines_in_a_generic_draft_are_flagged_by_kind() {
        let draft = "Hi Marcus,\n\nOur studio makes onboarding videos that people actually finish.\n\nThe way you have grown the brand is remarkable.\n\nHappy to work around your calendar.\n\nThanks again for reading this far.\n\nBest,\nDev\n";
        let got = findings(draft);
        let want = [
            (
                ids::PITCH,
                "Our studio makes onboarding videos that people actually finish.",
            ),
            (
                ids::PRAISE,
                "The way you have grown the brand is remarkable.",
            ),
            (ids::ASK, "Happy to work around your calendar."),
            // The block after it is only the sign-off, so it is the closing line.
            (ids::CLOSER, "Thanks again for reading this far."),
        ];
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(r, s)| (r.to_string(), s.to_string()))
            .collect();
        assert_eq!(got, want, "greeting and sign-off are never flagged");
    }

    #[test]
    fn a_draft_with_a_reader_tied_reason_is_never_flagged() {
        let draft = "Hi Marcus,\n\nYour talk at RustConf on arena allocators changed how we size our pools.\n\nThe way you have grown the brand is remarkable.\n\nHappy to work around your calendar.\n\nBest,\nDev\n";
        assert_eq!(findings(draft), Vec::<(String, String)>::new());
    }

    #[test]
    fn sentences_with_a_concrete_detail_and_self_introductions_are_left_alone() {
        let draft = "Hi Marcus,\n\nMy name is Dev and I am a student at a university.\n\nWe shipped 14 releases in 2025 with a team of six.\n\nHappy to work around your calendar.\n";
        let got = findings(draft);
        assert!(
            got.iter()
                .all(|(_, s)| !s.starts_with("My name") && !s.contains("14")),
            "{got:?}"
        );
        assert!(got.iter().any(|(r, _)| r == ids::ASK), "{got:?}");
    }

    #[test]
    fn sentences_already_flagged_by_a_phrase_rule_are_not_flagged_twice() {
        let draft = "Hi Marcus,\n\nI hope this message finds you well.\n\nI'd like to add you to my professional network.\n";
        assert_eq!(findings(draft), Vec::<(String, String)>::new());
    }

    #[test]
    fn a_reworded_clause_beside_a_stock_phrase_is_flagged_on_its_own() {
        let draft = "Hi Grace,\n\nWould love to reconnect and hear how it's going once you've settled in, let's keep in touch!\n\nOmar\n";
        assert_eq!(
            findings(draft),
            vec![(
                ids::ASK.to_string(),
                "Would love to reconnect and hear how it's going once you've settled in"
                    .to_string()
            )]
        );
    }

    #[test]
    fn short_closers_are_flagged_only_in_a_draft_without_a_reason() {
        let generic = "Hi Marcus,\n\nOur studio makes onboarding videos that people actually finish.\n\nSpeak soon!\nDev\n";
        let got = findings(generic);
        assert!(
            got.iter()
                .any(|(r, s)| r == ids::CLOSER && s.starts_with("Speak soon")),
            "{got:?}"
        );
        let lower = "hey sam!!\n\nour app helps gyms fill more classes w/o ads.\n\nlmk!!\n\njake\n";
        let got = findings(lower);
        assert!(
            got.iter()
                .any(|(r, s)| r == ids::CLOSER && s.starts_with("lmk")),
            "{got:?}"
        );
        let personal = "Hi Marcus,\n\nYour talk at RustConf on arena allocators changed how we size our pools.\n\nSpeak soon!\nDev\n";
        assert_eq!(findings(personal), Vec::<(String, String)>::new());
    }

    #[test]
    fn words_that_continue_a_flagged_phrase_are_not_a_clause() {
        let draft = "Hi Grace,\n\nI'd love to pick your brain sometime about your career journey.\n\nOmar\n";
        assert_eq!(findings(draft), Vec::<(String, String)>::new());
    }

    #[test]
    fn classification_by_what_the_sentence_does() {
        let cases = [
            ("We help founders sleep at night.", false, Some(ids::PITCH)),
            ("Your journey is so inspiring.", false, Some(ids::PRAISE)),
            ("Open to swapping notes sometime?", false, Some(ids::ASK)),
            ("Thank you so much for your time.", true, Some(ids::CLOSER)),
            ("Thank you for reading this far.", false, Some(ids::LINE)),
            ("The deck is attached for reference.", true, None),
            ("Wishing you all the best in this new chapter.", true, None),
        ];
        for (text, in_closing, want) in cases {
            assert_eq!(classify(text, in_closing), want, "{text}");
        }
    }
}
