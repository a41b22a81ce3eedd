//! Sentence boundaries in the masked prose, so context conditions and document checks can
//! look at "the sentence around a match". Blocks, blank lines, sentence-final punctuation
//! (not after common abbreviations or initials) and line breaks after a greeting, a closing
//! punctuation mark or a short line all end a sentence.

use std::ops::Range;

use crate::prose::BARRIER;

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "mr", "mrs", "ms", "dr", "st", "vs", "etc", "inc", "jr", "sr", "approx", "prof",
    "no", "co", "ltd", "dept", "fig", "pvt", "corp", "bros",
];

/// Sentence ranges in `masked`, in order, trimmed of surrounding whitespace.
pub fn split(masked: &str) -> Vec<Range<usize>> {
    let bytes = masked.as_bytes();
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end_here = if b == BARRIER {
            Some((i, i + 1))
        } else if b == b'\n' || b == b'\r' {
            newline_boundary(masked, start, i)
        } else if matches!(b, b'.' | b'!' | b'?') || bytes[i..].starts_with("\u{2026}".as_bytes()) {
            punctuation_boundary(masked, i)
        } else if b >= 0xE2 && masked.is_char_boundary(i) {
            emoji_boundary(masked, i)
        } else {
            None
        };
        if let Some((end, next)) = end_here {
            push_trimmed(masked, start..end, &mut sentences);
            start = next;
            i = next;
        } else {
            i += 1;
        }
    }
    push_trimmed(masked, start..bytes.len(), &mut sentences);
    sentences
}

/// The sentence that contains `offset`, if any.
pub fn containing(sentences: &[Range<usize>], offset: usize) -> Option<Range<usize>> {
    let idx = sentences.partition_point(|s| s.end <= offset);
    sentences.get(idx).filter(|s| s.start <= offset).cloned()
}

fn push_trimmed(masked: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(slice) = masked.get(range.clone()) else {
        return;
    };
    let is_space = |c: char| c.is_whitespace() || c == BARRIER as char;
    let lead = slice.len() - slice.trim_start_matches(is_space).len();
    let trimmed = slice.trim_matches(is_space);
    if !trimmed.is_empty() && trimmed.chars().any(char::is_alphanumeric) {
        let start = range.start + lead;
        out.push(start..start + trimmed.len());
    }
}

/// Sentence-final punctuation: the sentence ends after it (and after closing quotes) when
/// whitespace or the end follows, except after an abbreviation or an initial.
fn punctuation_boundary(masked: &str, at: usize) -> Option<(usize, usize)> {
    let mut end = at + masked[at..].chars().next().map_or(1, char::len_utf8);
    while let Some(c) = masked[end..].chars().next() {
        if matches!(
            c,
            '.' | '!' | '?' | '"' | '\'' | ')' | '\u{201d}' | '\u{2019}' | '\u{2026}'
        ) {
            end += c.len_utf8();
        } else {
            break;
        }
    }
    let next = masked[end..].chars().next();
    if !next.is_none_or(|c| c.is_whitespace() || c == BARRIER as char) {
        return None;
    }
    if masked.as_bytes()[at] == b'.' && is_abbreviation(&masked[..at]) {
        return None;
    }
    Some((end, end))
}

/// Casual writers end a sentence with an emoji instead of a full stop ("Love what you're
/// building 🙌 Would you be up for a call?"): a run of emoji followed by a space and a capital
/// letter, or a lower-case clause opener ("lmk", "im"), ends the sentence after the run.
fn emoji_boundary(masked: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &masked[at..];
    if !rest.chars().next().is_some_and(is_emoji) {
        return None;
    }
    let run: usize = rest
        .chars()
        .take_while(|&c| is_emoji(c) || matches!(c, '\u{fe0f}' | '\u{200d}'))
        .map(char::len_utf8)
        .sum();
    let end = at + run;
    let after = &masked[end..];
    let next_word = after.trim_start_matches([' ', '\t']);
    let spaced = next_word.len() < after.len();
    let first = next_word.chars().next()?;
    // In texting style the next sentence starts in lower case ("... I'm ur girl 🏡 lmk if
    // u ever"), with a word that opens a clause; "that talk 🔥 was great" goes on.
    let ends_clause = first.is_uppercase() || opens_clause(next_word);
    (spaced && ends_clause).then_some((end, end))
}

/// Whether `text` starts with a lower-case word that opens a clause in texting style.
fn opens_clause(text: &str) -> bool {
    const OPENERS: &[&str] = &[
        "i", "im", "i'm", "i’m", "ive", "i've", "i’ve", "id", "i'd", "i’d", "lmk", "let", "lets",
        "would", "could", "can", "hope", "thanks", "thx", "ty", "btw", "also", "anyway", "anyways",
        "pls", "please", "we", "u", "you", "ur", "just", "happy", "love", "looking", "cheers",
        "hmu", "dm", "keen", "feel", "def", "tbh", "honestly", "ps", "hey", "hi", "congrats",
        "wanna", "gonna", "trying", "tryna",
    ];
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’')))
        .unwrap_or(text.len());
    OPENERS.contains(&&text[..end])
}

/// Pictographs and symbols people use as emoji (the miscellaneous-symbol, dingbat and
/// supplementary-pictograph blocks).
fn is_emoji(c: char) -> bool {
    matches!(u32::from(c), 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF)
}

fn is_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lower = word.to_lowercase();
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    single_initial || ABBREVIATIONS.contains(&lower.as_str())
}

/// A line break ends a sentence after a blank line, after closing punctuation or a comma
/// (greetings), before a list marker, or when the line before it is short (sign-offs).
fn newline_boundary(masked: &str, start: usize, at: usize) -> Option<(usize, usize)> {
    let physical_start = masked[..at].rfind(['\n', '\r']).map_or(0, |p| p + 1);
    let line_start = physical_start.max(start);
    let before = masked[line_start..at].trim_end();
    let after_nl = if masked[at..].starts_with("\r\n") {
        at + 2
    } else {
        at + 1
    };
    let rest = &masked[after_nl..];
    let next_line = rest.split(['\n', '\r']).next().unwrap_or("").trim_start();
    let blank_next = next_line.is_empty();
    // An emoji at the end of a line closes the sentence as a full stop would when the next
    // line starts a sentence: a capital ("... linking up on here 👍" above "Dave, Northside")
    // or a texted clause opener ("i am fleet manager"). Other lower-case lines go on with it
    // ("building 🙌" then "especially the mmap path").
    let next_starts_sentence =
        next_line.chars().next().is_some_and(char::is_uppercase) || opens_clause(next_line);
    let closes = before
        .trim_end_matches(['\u{fe0f}', '\u{200d}'])
        .chars()
        .last()
        .is_some_and(|c| {
            matches!(c, '.' | '!' | '?' | ',' | ':' | ';' | '\u{2026}')
                || (is_emoji(c) && next_starts_sentence)
        });
    let list_next = next_line.starts_with(['-', '*', '+', '\u{2022}'])
        || next_line.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit())
        });
    // A short *physical* line (a sign-off, a name), not the tail of a long line after a
    // full stop ("...on their team. The compensation is").
    let short = masked[physical_start..at].trim_end().chars().count() <= 30;
    if blank_next || closes || list_next || short || before.is_empty() {
        Some((at, after_nl))
    } else {
        None
    }
}

/// For each sentence (in order, not overlapping), how many of its bytes the `flagged` ranges
/// cover, overlapping ranges counted once each. Linear in sentences plus overlaps, where a
/// scan of every range per sentence would be quadratic on long documents.
pub fn covered(sentences: &[Range<usize>], flagged: &[Range<usize>]) -> Vec<usize> {
    let mut covered = vec![0; sentences.len()];
    for f in flagged {
        let first = sentences.partition_point(|s| s.end <= f.start);
        for (i, s) in sentences.iter().enumerate().skip(first) {
            if s.start >= f.end {
                break;
            }
            covered[i] += f.end.min(s.end).saturating_sub(f.start.max(s.start));
        }
    }
    covered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(masked: &str) -> Vec<&str> {
        split(masked).into_iter().map(|r| &masked[r]).collect()
    }

    #[test]
    fn splits_on_punctuation_and_greetings() {
        let t =
            "Hi Sam,\nI read your post. It was great! Did you try Dr. Lee's idea?\n\nBest,\nAlex";
        assert_eq!(
            texts(t),
            vec![
                "Hi Sam,",
                "I read your post.",
                "It was great!",
                "Did you try Dr. Lee's idea?",
                "Best,",
                "Alex"
            ]
        );
    }

    #[test]
    fn a_company_suffix_does_not_end_the_sentence() {
        assert_eq!(
            texts("I am Sandeep from Vyom Reagents Pvt. Ltd., we make antibodies. Thanks."),
            vec![
                "I am Sandeep from Vyom Reagents Pvt. Ltd., we make antibodies.",
                "Thanks."
            ]
        );
    }

    #[test]
    fn an_emoji_before_a_capital_ends_the_sentence() {
        assert_eq!(
            texts("Love what you're building 🙌 Would you be up for a call?"),
            vec![
                "Love what you're building 🙌",
                "Would you be up for a call?"
            ]
        );
        assert_eq!(
            texts("Great launch 🎉🎉 Congrats to the team ❤️ See you soon"),
            vec![
                "Great launch 🎉🎉",
                "Congrats to the team ❤️",
                "See you soon"
            ]
        );
        // Mid-sentence emoji before a lower-case word, or with no space, do not end it.
        assert_eq!(texts("That talk 🔥 was the best of the day.").len(), 1);
        assert_eq!(texts("Loved the 🎸 solo you played.").len(), 1);
        // In texting style a lower-case clause opener starts the next sentence.
        assert_eq!(
            texts("im ur girl 🏡 lmk if u ever wanna grab a coffee"),
            vec!["im ur girl 🏡", "lmk if u ever wanna grab a coffee"]
        );
        assert_eq!(texts("Shipped 🚀Kestrel today.").len(), 1);
    }

    #[test]
    fn a_wrapped_line_continues_the_sentence() {
        let t = "I would really like to add you to my professional\nnetwork on LinkedIn today.";
        assert_eq!(texts(t).len(), 1);
    }

    #[test]
    fn an_emoji_at_the_end_of_a_line_ends_the_sentence() {
        let t = "Let me know if you fancy linking up on here 👍\nDave, Northside Scaffolding";
        assert_eq!(
            texts(t),
            vec![
                "Let me know if you fancy linking up on here 👍",
                "Dave, Northside Scaffolding"
            ]
        );
        assert_eq!(
            texts("Huge congrats ❤️\nAnna from the Leeds office").len(),
            2
        );
        // A lower-case next line goes on with the sentence.
        let t = "Huge fan of what you and the team are building 🙌\nespecially the 3.1 mmap path";
        assert_eq!(texts(t).len(), 1);
        let t = "really impresive work u are doing 👍\ni am fleet manager at pune";
        assert_eq!(texts(t).len(), 2);
    }

    #[test]
    fn a_short_tail_after_a_full_stop_is_not_a_short_line() {
        let t = "I think you'd be a great fit for a senior role on their team. The compensation is\nvery competitive and the culture is amazing.";
        assert_eq!(
            texts(t)[1],
            "The compensation is\nvery competitive and the culture is amazing."
        );
        assert_eq!(texts("Best,\nAlex"), vec!["Best,", "Alex"]);
    }

    #[test]
    fn barriers_and_decimals() {
        let t = "Version 3.5 shipped\u{1e}\u{1e}Next block here";
        assert_eq!(texts(t), vec!["Version 3.5 shipped", "Next block here"]);
        let s = split(t);
        assert_eq!(containing(&s, 2), Some(s[0].clone()));
        assert_eq!(containing(&s, 20), None);
    }

    #[test]
    fn covered_bytes_per_sentence() {
        let sentences = vec![0..10, 11..20, 21..30];
        assert_eq!(covered(&sentences, &[]), vec![0, 0, 0]);
        let one: Vec<Range<usize>> = std::iter::once(2..4).collect();
        assert_eq!(covered(&sentences, &one), vec![2, 0, 0]);
        // A range across a sentence boundary counts in both; overlapping ranges add up.
        assert_eq!(covered(&sentences, &[8..13, 12..14]), vec![2, 4, 0]);
        let all: Vec<Range<usize>> = std::iter::once(0..30).collect();
        assert_eq!(covered(&sentences, &all), vec![10, 9, 9]);
        let gap: Vec<Range<usize>> = std::iter::once(10..11).collect();
        assert_eq!(covered(&sentences, &gap), vec![0, 0, 0]);
    }
}
