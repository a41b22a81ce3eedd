//! Word-level helpers shared by the personalisation checks: tokens with their byte ranges,
//! case and accent folding, a light stemmer, and "does the body mention this fact" matching
//! that tolerates inflection ("retries" / "retry", "budgets" / "budget", "Tomás" / "Tomas").

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// Function words and words too common to tie a draft to a fact.
const STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "on", "in", "at", "to", "for", "with",
    "about", "from", "by", "after", "before", "during", "over", "under", "into", "onto", "via",
    "per", "vs", "versus", "as", "than", "then", "so", "if", "not", "no", "yes", "your", "their",
    "his", "her", "its", "our", "my", "we", "you", "they", "he", "she", "it", "i", "me", "them",
    "us", "him", "this", "that", "these", "those", "is", "are", "was", "were", "be", "been",
    "being", "has", "have", "had", "do", "does", "did", "will", "would", "can", "could", "should",
    "may", "might", "must", "just", "also", "very", "really", "some", "any", "all", "both", "each",
    "who", "whom", "what", "where", "when", "why", "how", "which", "there", "here", "up", "out",
    "off", "last", "next", "recent", "recently", "latest", "new", "great", "good", "nice", "one",
    "s", "t", "re", "ve", "ll", "d", "m", "etc", "e", "g", "ie", "eg", "like", "more", "most",
    "much", "many", "own", "same", "other", "another", "such", "only", "still", "even", "way",
    "thing", "things", "lot", "bit", "while", "since", "until", "again", "too", "yet", "ago",
];

/// Nouns that name a kind of fact rather than the fact itself ("talk", "conference"); they
/// count only when a fact has nothing more specific.
const GENERIC_NOUNS: &[&str] = &[
    "talk",
    "post",
    "paper",
    "article",
    "blog",
    "session",
    "conference",
    "event",
    "meetup",
    "panel",
    "keynote",
    "workshop",
    "project",
    "work",
    "thread",
    "comment",
    "podcast",
    "episode",
    "video",
    "book",
    "poster",
    "presentation",
    "hallway",
    "track",
    "booth",
    "webinar",
    "call",
    "chat",
    "meeting",
    "role",
    "job",
    "team",
    "company",
    "group",
    "community",
    "friend",
    "colleague",
    "contact",
    "mutual",
    "interest",
    "question",
    "answer",
    "day",
    "week",
    "month",
    "year",
    "time",
    "people",
    "person",
    "folks",
    "class",
    "course",
    "program",
    "programme",
];

/// A word of a text with its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The word as written (apostrophes inside kept).
    pub text: &'a str,
}

/// The words of `text`: runs of letters and digits, with inner apostrophes ("Tomás's") and
/// hyphens ("M-Pesa") kept inside the word.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    token_iter(text).collect()
}

/// The words of `text` one at a time, as `tokens` finds them, without collecting them.
pub fn token_iter(text: &str) -> impl Iterator<Item = Token<'_>> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let mut start: Option<usize> = None;
        while let Some((i, c)) = chars.next() {
            let inner = matches!(c, '\'' | '\u{2019}' | '-')
                && start.is_some()
                && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || inner {
                if start.is_none() {
                    start = Some(i);
                }
            } else if let Some(s) = start {
                return Some(Token {
                    range: s..i,
                    text: &text[s..i],
                });
            }
        }
        start.map(|s| Token {
            range: s..text.len(),
            text: &text[s..],
        })
    })
}

/// A word and, when it is hyphenated, each of its parts: "10-year" is also "10" and "year",
/// so a fact written "10-year work anniversary" meets a body that says "10 years".
pub fn word_forms(word: &str) -> impl Iterator<Item = &str> {
    let parts = word
        .contains('-')
        .then(|| word.split('-').filter(|p| !p.is_empty()))
        .into_iter()
        .flatten();
    std::iter::once(word).chain(parts)
}

/// How many words `tokens` would find, without allocating.
pub fn count_words(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if !in_word {
                count += 1;
                in_word = true;
            }
        } else if !matches!(c, '\'' | '\u{2019}' | '-') {
            in_word = false;
        }
    }
    count
}

/// Whether a word, folded, is one of `list` (lower-case ASCII with straight apostrophes);
/// allocates only for words with capitals outside ASCII or curly apostrophes.
pub fn word_in(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        return list.iter().any(|w| w.eq_ignore_ascii_case(word));
    }
    let folded = fold(word);
    list.contains(&folded.as_str())
}

/// Lower-case and strip accents from one character (Latin letters); other characters are
/// lower-cased only.
fn fold_char(c: char, out: &mut String) {
    let lower = c.to_lowercase();
    for l in lower {
        let base = match l {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ğ' | 'ģ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
            'ķ' => "k",
            'ł' | 'ľ' | 'ļ' | 'ĺ' => "l",
            'ñ' | 'ń' | 'ň' | 'ņ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'ř' | 'ŕ' => "r",
            'ś' | 'š' | 'ş' | 'ș' => "s",
            'ť' | 'ţ' | 'ț' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'þ' => "th",
            'ð' => "d",
            '\u{2019}' | '\u{2018}' => "'",
            other => {
                out.push(other);
                continue;
            }
        };
        out.push_str(base);
    }
}

/// Fold `text` into `out` (cleared first), reusing its allocation.
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    if text.is_ascii() {
        out.push_str(text);
        out.make_ascii_lowercase();
        return;
    }
    for c in text.chars() {
        fold_char(c, out);
    }
}

/// Lower-cased, accent-free form of a word or name.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// A light stem of a folded word: possessive, plural and common verb endings removed, so
/// "retries" and "retry", "budgets" and "budget", "replicating" and "replication" meet.
pub fn stem(folded: &str) -> String {
    let w = folded.trim_end_matches("'s").trim_end_matches('\'');
    if w.len() <= 3 || w.chars().any(|c| c.is_ascii_digit()) {
        return w.to_string();
    }
    for (suffix, keep) in [
        ("ations", "ate"),
        ("ation", "ate"),
        ("ings", ""),
        ("ing", ""),
        ("ies", "y"),
        ("ied", "y"),
        ("ness", ""),
        ("ments", ""),
        ("ment", ""),
        ("ers", ""),
        ("er", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
        ("ly", ""),
    ] {
        if let Some(base) = w.strip_suffix(suffix) {
            if base.chars().count() >= 3 && !(suffix == "s" && base.ends_with('s')) {
                let mut out = base.to_string();
                out.push_str(keep);
                return trim_e(out);
            }
        }
    }
    trim_e(w.to_string())
}

fn trim_e(mut word: String) -> String {
    if word.len() > 4 && word.ends_with('e') {
        word.pop();
    }
    word
}

fn word_set(
    cell: &'static OnceLock<HashSet<&'static str>>,
    words: &'static [&'static str],
) -> &'static HashSet<&'static str> {
    cell.get_or_init(|| words.iter().copied().collect())
}

/// Whether a folded word is a stop word.
pub fn is_stopword(folded: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    word_set(&SET, STOPWORDS).contains(folded)
}

/// Whether a folded word names a kind of fact ("talk", "conference").
pub fn is_generic_noun(folded: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = word_set(&SET, GENERIC_NOUNS);
    set.contains(folded) || set.contains(stem(folded).as_str())
}

/// The significant stems of a fact: no stop words, none of `exclude` (the recipient's own
/// name and company), and no generic nouns unless nothing else is left.
pub fn significant_stems(text: &str, exclude: &HashSet<String>) -> Vec<String> {
    let mut specific = Vec::new();
    let mut generic = Vec::new();
    for token in tokens(text) {
        for word in word_forms(token.text) {
            let folded = fold(word);
            if is_stopword(&folded) || exclude.contains(&folded) {
                continue;
            }
            let short = folded.chars().count() < 3 && !folded.chars().any(|c| c.is_ascii_digit());
            let acronym = word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase());
            if short && !acronym {
                continue;
            }
            let s = stem(&folded);
            if is_generic_noun(&folded) {
                generic.push(s);
            } else {
                specific.push(s);
            }
        }
    }
    if specific.is_empty() {
        generic
    } else {
        specific
    }
}

/// The stems of every word of a text, for mention tests (stop words left out: no fact
/// stem is one).
pub fn stem_set(text: &str) -> HashSet<String> {
    token_iter(text)
        .flat_map(|t| word_forms(t.text))
        .filter_map(|word| {
            let folded = fold(word);
            (!is_stopword(&folded)).then(|| stem(&folded))
        })
        .collect()
}

/// Two stems name the same word: equal, or one extends the other by at most two letters
/// with a shared start of at least four ("replicat" / "replica").
pub fn stems_meet(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.chars().count() >= 4
        && long.starts_with(short)
        && long.chars().count() - short.chars().count() <= 2
}

/// Whether any of `stems` appears among `body` stems.
pub fn mentions(body: &HashSet<String>, stems: &[String]) -> bool {
    stems
        .iter()
        .any(|s| body.contains(s) || body.iter().any(|b| stems_meet(s, b)))
}

/// Edit distance between two short strings (by characters), capped at `cap + 1`.
pub fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            row_min = row_min.min(cur[j]);
        }
        if row_min > cap {
            return cap + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(cap + 1)
}

/// Upper-case the first letter of a line.
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_inner_apostrophes_and_hyphens() {
        let words: Vec<&str> = tokens("Tomás's M-Pesa talk, (8- vs 12-hour)")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            words,
            vec!["Tomás's", "M-Pesa", "talk", "8", "vs", "12-hour"]
        );
    }

    #[test]
    fn folding_and_stemming_meet_inflections() {
        assert_eq!(fold("Zoë Ångström"), "zoe angstrom");
        for (a, b) in [
            ("retries", "retry"),
            ("budgets", "budget"),
            ("replication", "replicating"),
            ("talks", "talk"),
            ("PyCon's", "pycon"),
            ("dashboards", "dashboard"),
        ] {
            let (sa, sb) = (stem(&fold(a)), stem(&fold(b)));
            assert!(stems_meet(&sa, &sb), "{a} ({sa}) vs {b} ({sb})");
        }
        assert!(!stems_meet(&stem("grant"), &stem("great")));
    }

    #[test]
    fn significant_stems_drop_names_and_generic_nouns() {
        let exclude: HashSet<String> = ["acme".to_string()].into_iter().collect();
        assert_eq!(
            significant_stems("the talk on retry budgets at Acme", &exclude),
            vec!["retry", "budget"]
        );
        assert_eq!(
            significant_stems("the conference", &exclude),
            vec![stem("conference")]
        );
        assert_eq!(significant_stems("AI paper", &exclude), vec!["ai"]);
        // A hyphenated word counts whole and by its parts.
        assert_eq!(
            significant_stems("10-year anniversary", &exclude),
            vec![stem("10-year"), "10".to_string(), stem("anniversary")]
        );
        assert!(mentions(
            &stem_set("Congrats on 10 years at Harlow"),
            &significant_stems("10-year anniversary", &exclude)
        ));
        assert!(mentions(
            &stem_set("on the 5am floor-set crew"),
            &significant_stems("floor set", &exclude)
        ));
    }

    #[test]
    fn counting_and_membership() {
        assert_eq!(
            count_words("Hi, I'm Tomás — M-Pesa 2.0!"),
            tokens("Hi, I'm Tomás — M-Pesa 2.0!").len()
        );
        assert!(word_in("You’re", &["you're"]));
        assert!(word_in("OUR", &["our"]));
        assert!(!word_in("ours", &["our"]));
    }

    #[test]
    fn edit_distance_caps() {
        assert_eq!(edit_distance("sarah", "sara", 2), 1);
        assert_eq!(edit_distance("tom", "sarah", 2), 3);
    }
}
