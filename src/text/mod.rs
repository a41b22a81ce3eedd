//! The source text model: a line index over a UTF-8 string and conversions between byte
//! offsets (the one unit used inside the core) and line/column positions in the three
//! encodings LSP knows (UTF-8, UTF-16, UTF-32). Only `\n`, `\r\n` and `\r` break lines, as
//! in LSP; a position is never placed between the `\r` and `\n` of a CRLF. `lean` holds the
//! quick-to-build regex type the core uses for its constant patterns; `casefold` spells out
//! their case-insensitive parts so they parse fast, and `hirpack` keeps the built-in ones parsed
//! ahead of time; `wordclass` narrows their `\w`; `memo` holds the bounded tables that let a
//! repeated sentence or block reuse its analysis.

pub(crate) mod casefold;
pub(crate) mod hirpack;
pub mod lean;
pub mod memo;
pub(crate) mod wordclass;

/// How a column counts the characters of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PositionEncoding {
    /// Columns count bytes.
    Utf8,
    /// Columns count UTF-16 code units (the LSP default).
    #[default]
    Utf16,
    /// Columns count Unicode scalar values.
    Utf32,
}

/// Byte offsets of line starts in one text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Index the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    starts.push(i + 2);
                    i += 1;
                }
                b'\r' => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line holding the byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte range of line `line` without its line break; `None` past the last line.
    pub fn line_range(&self, text: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line)?;
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        Some(start..end)
    }

    /// 1-based line and 1-based column in Unicode scalar values, for reports.
    pub fn line_col_chars(&self, text: &str, offset: usize) -> (usize, usize) {
        let (line, start, offset) = self.locate(text, offset);
        let column = text[start..offset].chars().count();
        (line + 1, column + 1)
    }

    /// The line of `offset`, that line's start, and the offset moved to a char boundary and
    /// clamped to the end of the line's content (never inside its line break).
    fn locate(&self, text: &str, offset: usize) -> (usize, usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let end = self.line_range(text, line).map_or(offset, |r| r.end);
        (line, start, offset.min(end).max(start))
    }

    /// 0-based line and column in `encoding`, for LSP. An offset inside a line break (between
    /// the `\r` and `\n` of a CRLF) is the end of its line: a column counting the `\r` would
    /// point into the break, which no client can place a cursor in.
    pub fn position(&self, text: &str, offset: usize, encoding: PositionEncoding) -> (u32, u32) {
        let (line, start, offset) = self.locate(text, offset);
        let prefix = &text[start..offset];
        let column = match encoding {
            PositionEncoding::Utf8 => prefix.len(),
            PositionEncoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
            PositionEncoding::Utf32 => prefix.chars().count(),
        };
        (to_u32(line), to_u32(column))
    }

    /// Byte offset of an LSP position in `encoding`. A line past the end clamps to the end of
    /// the text; a column past the end of its line clamps to the line's end (before its line
    /// break); a column inside a character moves to the character's start.
    pub fn offset(&self, text: &str, line: u32, column: u32, encoding: PositionEncoding) -> usize {
        let Some(range) = self.line_range(text, line as usize) else {
            return self.len;
        };
        let content = &text[range.clone()];
        let wanted = column as usize;
        let mut counted = 0usize;
        for (byte, ch) in content.char_indices() {
            let width = match encoding {
                PositionEncoding::Utf8 => ch.len_utf8(),
                PositionEncoding::Utf16 => ch.len_utf16(),
                PositionEncoding::Utf32 => 1,
            };
            if counted + width > wanted {
                return range.start + byte;
            }
            counted += width;
        }
        range.end
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_follow_lsp_line_breaks() {
        let text = "a\r\nb\rc\nd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_range(text, 0), Some(0..1));
        assert_eq!(index.line_range(text, 1), Some(3..4));
        assert_eq!(index.line_range(text, 2), Some(5..6));
        assert_eq!(index.line_range(text, 3), Some(7..8));
        assert_eq!(index.line_range(text, 4), None);
    }

    #[test]
    fn columns_in_each_encoding() {
        let text = "héllo 😀 x";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x, PositionEncoding::Utf8), (0, 12));
        assert_eq!(index.position(text, x, PositionEncoding::Utf16), (0, 9));
        assert_eq!(index.position(text, x, PositionEncoding::Utf32), (0, 8));
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            let (l, c) = index.position(text, x, enc);
            assert_eq!(index.offset(text, l, c, enc), x);
        }
        assert_eq!(index.line_col_chars(text, x), (1, 9));
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.offset(text, 0, 99, PositionEncoding::Utf16), 2);
        assert_eq!(
            index.offset(text, 7, 0, PositionEncoding::Utf16),
            text.len()
        );
        // Inside a surrogate pair: snap to the character start.
        let emoji = "😀b";
        let index = LineIndex::new(emoji);
        assert_eq!(index.offset(emoji, 0, 1, PositionEncoding::Utf16), 0);
    }

    #[test]
    fn an_offset_inside_a_crlf_is_the_end_of_its_line() {
        let text = "ab\r\ncd\r\n";
        let index = LineIndex::new(text);
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            // Before the `\r`, between `\r` and `\n`, and at the next line's start.
            assert_eq!(index.position(text, 2, enc), (0, 2));
            assert_eq!(index.position(text, 3, enc), (0, 2), "{enc:?}");
            assert_eq!(index.position(text, 4, enc), (1, 0));
            assert_eq!(index.position(text, 7, enc), (1, 2), "{enc:?}");
            assert_eq!(index.position(text, text.len(), enc), (2, 0));
        }
        assert_eq!(index.line_col_chars(text, 3), (1, 3));
        // A lone `\r` is a line break of its own; offsets around it are not moved.
        let lone = "a\rb";
        let index = LineIndex::new(lone);
        assert_eq!(index.position(lone, 1, PositionEncoding::Utf16), (0, 1));
        assert_eq!(index.position(lone, 2, PositionEncoding::Utf16), (1, 0));
        // An emoji before the CRLF: the column counts UTF-16 units up to the line's end.
        let emoji = "😀\r\nx";
        let index = LineIndex::new(emoji);
        assert_eq!(index.position(emoji, 5, PositionEncoding::Utf16), (0, 2));
    }
}
