//! The narrowed word class of the built-in patterns: `\w` spelled as the blocks of the
//! scripts drafts are written in. Shared with `build.rs`, which prepares the built-in regexes
//! ahead of time and must narrow them exactly as the binary does.

use std::borrow::Cow;

/// The word characters of the scripts drafts are written in: ASCII, Latin, IPA and combining
/// marks, Greek, Cyrillic, Armenian, Hebrew, Arabic, the Indic scripts, Thai, Georgian, Hangul,
/// kana and CJK ideographs. Unicode's own `\w` has over 700 ranges, and each use of it in a
/// pattern costs about a quarter of a millisecond to compile (a `[\w\s]{1,30}` alone took
/// 9 ms); these whole blocks compile to a handful of byte sequences.
const WORD_CLASS: &str = concat!(
    r"0-9A-Za-z_\u{AA}\u{B5}\u{BA}\u{C0}-\u{D6}\u{D8}-\u{F6}\u{F8}-\u{2AF}\u{300}-\u{36F}",
    r"\u{370}-\u{3FF}\u{400}-\u{52F}\u{531}-\u{6FF}\u{900}-\u{D7F}\u{E00}-\u{E7F}\u{10A0}-\u{11FF}",
    r"\u{1E00}-\u{1FFF}\u{3040}-\u{30FF}\u{3400}-\u{4DBF}\u{4E00}-\u{9FFF}\u{AC00}-\u{D7AF}",
);

/// `source` with every `\w` and `\W` replaced by [`WORD_CLASS`] and its complement. Both
/// are written as bracketed classes, which the syntax also accepts nested inside a class
/// (`[\w&.-]` becomes `[[...]&.-]`). An escaped backslash is copied as it is.
pub(crate) fn narrow_word_classes(source: &str) -> Cow<'_, str> {
    if !source.contains("\\w") && !source.contains("\\W") {
        return Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len() + 256);
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('w') => {
                out.push('[');
                out.push_str(WORD_CLASS);
                out.push(']');
            }
            Some('W') => {
                out.push_str("[^");
                out.push_str(WORD_CLASS);
                out.push(']');
            }
            Some(next) => {
                out.push(c);
                out.push(next);
            }
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}
