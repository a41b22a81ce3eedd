//! `sender-focus`: a draft whose sentences are mostly about the sender (I, we, our) with no
//! sentence about the reader. Reported as information with the counts, since a short
//! introduction of yourself is fine; a message that never turns to the reader is not.

use std::ops::Range;

use crate::fix;
use crate::lint::{Draft, Finding};
use crate::rules::{document, RuleSpec};

use super::finding;
use super::unused::FactStems;
use super::words::{count_words, tokens, word_in, Token};

/// Who a sentence is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum About {
    /// The reader (you, your), what you share (we met, our chat, we both), or a question
    /// put to them.
    Reader,
    /// The sender only (I, we, our) .
    Sender,
    /// Neither.
    Neither,
}

const READER: &[&str] = &[
    "you", "your", "yours", "yourself", "you're", "you've", "you'd", "you'll", "u", "ur", "youre",
    "youve",
];
/// Congratulating someone is about them, with or without "you" ("Congrats on the Olivier
/// nomination, Hamid!").
const CONGRATULATION: &[&str] = &["congrats", "congratulations", "kudos", "bravo", "mazel"];

/// Thanking someone for something is about them too ("Thanks again for sorting the extra
/// power at load-in"); "thanks to our 300 volunteers" is not.
fn thanks_them(words: &[Token<'_>]) -> bool {
    let is = |t: &Token<'_>, w: &str| t.text.eq_ignore_ascii_case(w);
    words.windows(2).any(|w| {
        (is(&w[0], "thanks") || is(&w[0], "thx"))
            && ["for", "again", "so", "a"].iter().any(|x| is(&w[1], x))
    })
}

/// Front-matter facts about the reader's world.
const READER_FACTS: &[&str] = &["their_work", "met_at", "mutual"];

const SENDER_SINGULAR: &[&str] = &[
    "i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll", "im", "ive",
];
const SENDER_PLURAL: &[&str] = &[
    "we",
    "us",
    "our",
    "ours",
    "ourselves",
    "we're",
    "we've",
    "we'd",
    "we'll",
];

/// Pronoun counts of a text: (I/me/my, we/us/our, you/your).
pub fn pronoun_counts(text: &str) -> (usize, usize, usize) {
    let (mut i, mut we, mut you) = (0, 0, 0);
    for t in tokens(text) {
        if word_in(t.text, READER) {
            you += 1;
        } else if word_in(t.text, SENDER_SINGULAR) {
            i += 1;
        } else if word_in(t.text, SENDER_PLURAL) {
            we += 1;
        }
    }
    (i, we, you)
}

/// Phrases of shared history: about both, so about the reader too.
fn shared(words: &[Token<'_>]) -> bool {
    let is = |t: &Token<'_>, w: &str| t.text.eq_ignore_ascii_case(w);
    if words.iter().any(|t| is(t, "both")) && words.iter().any(|t| is(t, "we") || is(t, "us")) {
        return true;
    }
    words.windows(2).any(|w| {
        (is(&w[0], "we")
            && [
                "met", "spoke", "talked", "chatted", "both", "share", "shared",
            ]
            .iter()
            .any(|x| is(&w[1], x)))
            || (is(&w[0], "our")
                && [
                    "chat",
                    "conversation",
                    "call",
                    "talk",
                    "exchange",
                    "meeting",
                ]
                .iter()
                .any(|x| is(&w[1], x)))
            || (is(&w[0], "both") && is(&w[1], "of"))
            || (is(&w[0], "in") && is(&w[1], "common"))
    })
}

/// Who one sentence is about.
pub fn about(sentence: &str) -> About {
    let words = tokens(sentence);
    // A question is addressed to the reader ("Could I book the reading room on Friday?"), and
    // so is one asked without a question mark ("We still need to know whether ...").
    let question = crate::rules::evidence::asks_reader(sentence);
    if question
        || words
            .iter()
            .any(|t| word_in(t.text, READER) || word_in(t.text, CONGRATULATION))
        || shared(&words)
        || thanks_them(&words)
    {
        return About::Reader;
    }
    if words
        .iter()
        .any(|t| word_in(t.text, SENDER_SINGULAR) || word_in(t.text, SENDER_PLURAL))
    {
        return About::Sender;
    }
    About::Neither
}

/// The body sentences that count for focus: not headings, not the greeting, at least four
/// words, and not mostly a flagged stock phrase.
pub fn counted_sentences(draft: &Draft<'_>, flagged: &[Range<usize>]) -> Vec<Range<usize>> {
    let greeting = document::greeting(draft).map(|g| g.line);
    let covered = crate::rules::sentences::covered(&draft.sentences, flagged);
    draft
        .sentences
        .iter()
        .zip(covered)
        .filter(|(s, _)| s.start >= draft.prose.body_start && !draft.prose.heading_at(s.start))
        .filter(|(s, _)| {
            !greeting
                .as_ref()
                .is_some_and(|g| g.start <= s.start && s.start < g.end.max(g.start + 1))
        })
        .filter(|(s, _)| count_words(draft.masked((*s).clone())) >= 4)
        .filter(|(s, covered)| covered * 2 <= s.len())
        .map(|(s, _)| s.clone())
        .collect()
}

/// The check.
pub fn check(draft: &Draft<'_>, spec: &RuleSpec, phrase_findings: &[Finding]) -> Option<Finding> {
    let flagged: Vec<Range<usize>> = phrase_findings.iter().map(|f| f.range.clone()).collect();
    let counted = counted_sentences(draft, &flagged);
    let (mut reader, mut sender) = (0usize, 0usize);
    let (mut i_count, mut we_count, mut you_count) = (0, 0, 0);
    let known = FactStems::new(&draft.context, READER_FACTS);
    for s in &counted {
        let text = draft.masked(s.clone());
        // A sentence naming their work, a shared past or a mutual contact is about them
        // even in the third person ("Bid 24-117 lists nine rooftop units").
        // So is one without the sender in it that names what the front matter knows of them
        // ("a heads-up about issue 12 of *Drawings from Porto*" when `their_work` is that
        // newsletter); "Our startup builds onboarding software" shares words, not a subject.
        let names_their_world = |about: About| {
            draft.details(s).iter().any(|k| k.is_strong())
                || (about == About::Neither && known.names_a_fact(text))
        };
        let subject = about(text);
        match subject {
            About::Reader => reader += 1,
            _ if names_their_world(subject) => reader += 1,
            About::Sender => sender += 1,
            About::Neither => {}
        }
        // One sentence about the reader settles it; the counts below only feed the message.
        if reader > 0 {
            return None;
        }
        let (i, we, you) = pronoun_counts(text);
        i_count += i;
        we_count += we;
        you_count += you;
    }
    let total = counted.len();
    if reader > 0 || sender < 2 || sender * 2 <= total {
        return None;
    }
    let message = format!(
        "{}: {sender} of {total} sentences are about the sender, 0 about the reader (I/me/my \u{00d7}{i_count}, we/us/our \u{00d7}{we_count}, you/your \u{00d7}{you_count})",
        spec.message
    );
    let detail = format!(
        "**Sentences about the sender:** {sender} of {total}.\n\n**About the reader:** none. One sentence about them — their work, where you met, a question only they can answer — turns an announcement into a message."
    );
    let mut result = finding(spec, document::anchor(draft), message, Some(detail));
    result.fixes = fix::context_line_fixes(draft);
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_by_subject() {
        assert_eq!(
            about("Your talk on retries changed our rollout."),
            About::Reader
        );
        assert_eq!(
            about("We met at PyCon in the hallway track."),
            About::Reader
        );
        assert_eq!(
            about("Our platform helps teams ship faster."),
            About::Sender
        );
        assert_eq!(about("I run growth at a Series A startup."), About::Sender);
        assert_eq!(about("The survey closed on Friday."), About::Neither);
        assert_eq!(
            about("Congrats on the Olivier nomination for Best Lighting Design, Hamid!"),
            About::Reader
        );
        assert_eq!(
            about("Thanks again for sorting the extra power at load-in on the 18th."),
            About::Reader
        );
        assert_eq!(
            about("Thanks to our 300 volunteers, we served 12,000 meals last winter."),
            About::Sender
        );
        assert_eq!(
            about("We still need to know whether the 300 kits all ship to Camp Lejeune."),
            About::Reader
        );
        assert_eq!(
            about("Could I book the reading room on Friday?"),
            About::Reader
        );
        assert_eq!(
            about("We are both part of the Rust Lisbon meetup."),
            About::Reader
        );
        assert_eq!(
            pronoun_counts("I think we should talk about your team and my plan."),
            (2, 1, 1)
        );
    }
}
