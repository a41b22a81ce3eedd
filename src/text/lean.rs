//! Regexes for the core's constant patterns, built to start fast. The `regex` crate extracts
//! literal prefilters at build time, which for long case-insensitive alternations costs more
//! than every search on a sentence-sized haystack saves; a process that lints one draft pays
//! that cost dozens of times before it prints anything. `LeanRegex` is the meta engine without
//! that extraction, with the small slice of the `regex` API the core uses.

use std::borrow::Cow;
use std::ops::Range;

use regex_automata::meta::{self, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::Input;

pub(crate) use super::wordclass::narrow_word_classes;

/// Lazy-DFA cache per regex and thread, the `regex` crate's default. The long evidence
/// alternations need it: with a quarter of it the cache keeps clearing, the engine gives up
/// on it and every search falls back to the backtracker (a 10,000-draft run took 1.6x as
/// long). The cache only grows as states are met, so small regexes never use it all.
const CACHE_BYTES: usize = 2 << 20;

/// The built-in regexes parsed by `build.rs` (see `hirpack`).
static PREBUILT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/prebuilt_hir.bin"));

/// The parsed form `build.rs` stored for `source` (already narrowed and case-spelled), when
/// it is a regex of the built-in rule pack.
pub(crate) fn prebuilt_hir(source: &str) -> Option<regex_syntax::hir::Hir> {
    super::hirpack::lookup(PREBUILT, source).and_then(super::hirpack::decode)
}

/// Build `source` with its case-insensitive parts spelled out as classes
/// (`casefold::folded_hir`), which parses many times faster than Unicode case folding;
/// a pattern the rewrite does not take is built as written. A built-in regex skips the
/// parsing: its parsed form is read from the table `build.rs` wrote.
pub(crate) fn build_folded(
    builder: &mut meta::Builder,
    source: &str,
) -> Result<Regex, Box<meta::BuildError>> {
    if let Some(hir) = prebuilt_hir(source) {
        return builder.build_from_hir(&hir).map_err(Box::new);
    }
    match super::casefold::folded_hir(source) {
        Some(hir) => builder.build_from_hir(&hir),
        None => builder.build(source),
    }
    .map_err(Box::new)
}

/// A compiled regex without a literal prefilter.
#[derive(Debug, Clone)]
pub struct LeanRegex {
    inner: Regex,
}

/// One match: its bounds in the haystack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeanMatch<'t> {
    haystack: &'t str,
    start: usize,
    end: usize,
}

impl<'t> LeanMatch<'t> {
    /// Byte offset of the start.
    pub fn start(&self) -> usize {
        self.start
    }

    /// Byte offset of the end (exclusive).
    pub fn end(&self) -> usize {
        self.end
    }

    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The matched text.
    pub fn as_str(&self) -> &'t str {
        &self.haystack[self.start..self.end]
    }
}

/// The groups of one match.
#[derive(Debug, Clone)]
pub struct LeanCaptures<'t> {
    haystack: &'t str,
    caps: Captures,
}

impl<'t> LeanCaptures<'t> {
    /// Group `index` (0 = the whole match), when it took part in the match.
    pub fn get(&self, index: usize) -> Option<LeanMatch<'t>> {
        self.caps.get_group(index).map(|span| LeanMatch {
            haystack: self.haystack,
            start: span.start,
            end: span.end,
        })
    }
}

impl LeanRegex {
    /// Compile `source` (the `regex` crate's syntax, with `\w` narrowed as `wordclass` does).
    pub fn new(source: &str) -> Result<LeanRegex, Box<meta::BuildError>> {
        let config = meta::Config::new()
            .auto_prefilter(false)
            // The meta engine determinizes a small regex into a full DFA up front, which
            // costs more than a short run saves; the lazy DFA builds only the states met.
            .dfa(false)
            .hybrid_cache_capacity(CACHE_BYTES);
        build_folded(
            Regex::builder().configure(config),
            &narrow_word_classes(source),
        )
        .map(|inner| LeanRegex { inner })
    }

    /// Whether `haystack` holds a match.
    pub fn is_match(&self, haystack: &str) -> bool {
        self.inner.is_match(haystack)
    }

    /// The leftmost-first match.
    pub fn find<'t>(&self, haystack: &'t str) -> Option<LeanMatch<'t>> {
        self.inner.find(haystack).map(|m| LeanMatch {
            haystack,
            start: m.start(),
            end: m.end(),
        })
    }

    /// Every non-overlapping match, left to right.
    pub fn find_iter<'r, 't>(
        &'r self,
        haystack: &'t str,
    ) -> impl Iterator<Item = LeanMatch<'t>> + 'r
    where
        't: 'r,
    {
        self.inner.find_iter(haystack).map(move |m| LeanMatch {
            haystack,
            start: m.start(),
            end: m.end(),
        })
    }

    /// The groups of the leftmost-first match.
    pub fn captures<'t>(&self, haystack: &'t str) -> Option<LeanCaptures<'t>> {
        let mut caps = self.inner.create_captures();
        self.inner.captures(Input::new(haystack), &mut caps);
        caps.is_match().then_some(LeanCaptures { haystack, caps })
    }

    /// The groups of every non-overlapping match, left to right.
    pub fn captures_iter<'r, 't>(
        &'r self,
        haystack: &'t str,
    ) -> impl Iterator<Item = LeanCaptures<'t>> + 'r
    where
        't: 'r,
    {
        self.inner
            .captures_iter(haystack)
            .map(move |caps| LeanCaptures { haystack, caps })
    }

    /// `haystack` with every match replaced by `with`, taken literally (no `$1` expansion).
    pub fn replace_all<'t>(&self, haystack: &'t str, with: &str) -> Cow<'t, str> {
        let mut matches = self.inner.find_iter(haystack).peekable();
        if matches.peek().is_none() {
            return Cow::Borrowed(haystack);
        }
        let mut out = String::with_capacity(haystack.len());
        let mut last = 0;
        for m in matches {
            out.push_str(&haystack[last..m.start()]);
            out.push_str(with);
            last = m.end();
        }
        out.push_str(&haystack[last..]);
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_and_captures_like_the_regex_crate() {
        let lean = LeanRegex::new(r"(?i)(\w+) met (\w+)").unwrap();
        let text = "Yesterday Ana MET Bo, and today Cy met Di.";
        let reference = regex::Regex::new(r"(?i)(\w+) met (\w+)").unwrap();
        let ours: Vec<_> = lean.find_iter(text).map(|m| m.range()).collect();
        let theirs: Vec<_> = reference.find_iter(text).map(|m| m.range()).collect();
        assert_eq!(ours, theirs);
        let groups: Vec<_> = lean
            .captures_iter(text)
            .map(|c| (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str()))
            .collect();
        assert_eq!(groups, vec![("Ana", "Bo"), ("Cy", "Di")]);
        assert_eq!(lean.captures(text).unwrap().get(2).unwrap().as_str(), "Bo");
        assert!(lean.captures("nobody here").is_none());
    }

    #[test]
    fn narrowed_word_classes_agree_with_unicode_on_the_scripts_drafts_use() {
        let lean = LeanRegex::new(r"[\w&-]+|\W+").unwrap();
        let reference = regex::Regex::new(r"[\w&-]+|\W+").unwrap();
        let text = "Zoë & Łukasz met Ἀθηνᾶ, Ольга, 김민지 and 山田 at Café-Nord (2024)… naïve! x_y";
        let ours: Vec<_> = lean.find_iter(text).map(|m| m.as_str()).collect();
        let theirs: Vec<_> = reference.find_iter(text).map(|m| m.as_str()).collect();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn an_escaped_backslash_before_w_is_left_alone() {
        let lean = LeanRegex::new(r"a\\w").unwrap();
        assert!(lean.is_match(r"a\w"));
        assert!(!lean.is_match("ab"));
    }

    #[test]
    fn replaces_every_match_and_borrows_when_there_is_none() {
        let lean = LeanRegex::new(r"\d+").unwrap();
        assert_eq!(lean.replace_all("a1b22c", "#"), "a#b#c");
        assert!(matches!(lean.replace_all("abc", "#"), Cow::Borrowed("abc")));
        assert_eq!(lean.replace_all("7", ""), "");
    }

    #[test]
    fn an_optional_group_that_did_not_take_part_is_none() {
        let lean = LeanRegex::new(r"(a)?b").unwrap();
        let caps = lean.captures("b").unwrap();
        assert!(caps.get(1).is_none());
        assert_eq!(caps.get(0).unwrap().range(), 0..1);
    }
}
