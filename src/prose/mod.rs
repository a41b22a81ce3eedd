//! What in a draft is checkable prose. A draft is turned into a `Prose`: a copy of the text
//! of exactly the same length in which everything that is not prose (code, HTML, link URLs,
//! front matter, markdown syntax) is blanked, so that byte offsets into the copy are byte
//! offsets into the original. Inline markup inside a block becomes spaces (phrases match
//! across `*emphasis*`); everything between blocks becomes a barrier character that no
//! pattern crosses. Front matter is parsed into the recipient context.

mod frontmatter;
mod markdown;

use std::ops::Range;
use std::path::Path;

pub use frontmatter::{FrontMatter, FrontMatterError};

/// The byte that separates blocks in the masked text. Not whitespace to any pattern.
pub const BARRIER: u8 = 0x1e;

/// The markup language of a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// CommonMark with tables and front matter.
    Markdown,
    /// Plain text: every line is prose.
    #[serde(alias = "plain", alias = "text", alias = "txt")]
    PlainText,
}

impl Format {
    /// The format for a file extension (`md`, `markdown`, `txt`, `text`), case-insensitive.
    pub fn from_extension(ext: &str) -> Option<Self> {
        match ext.to_ascii_lowercase().as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::PlainText),
            _ => None,
        }
    }

    /// The format for a path, by its extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        path.extension()
            .and_then(|ext| ext.to_str())
            .and_then(Self::from_extension)
    }

    /// The format for an LSP `languageId` (`markdown`, `plaintext`, `text`, ...).
    pub fn from_language_id(id: &str) -> Option<Self> {
        match id {
            "markdown" | "md" | "mdx" => Some(Format::Markdown),
            "plaintext" | "text" | "txt" | "plain" => Some(Format::PlainText),
            _ => None,
        }
    }

    /// Parse a user-given name (`markdown`, `md`, `text`, `plain`, `txt`).
    pub fn parse_name(name: &str) -> Option<Self> {
        Self::from_language_id(&name.to_ascii_lowercase()).or_else(|| Self::from_extension(name))
    }
}

/// One block of prose (paragraph, heading, list item text, table cell, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// Whether the block is a heading (or a plain-text `Subject:` line).
    pub heading: bool,
}

/// A suppression directive found in the draft (markdown HTML comments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Byte range of the comment.
    pub range: Range<usize>,
    /// What it says.
    pub kind: DirectiveKind,
    /// The rules it names; empty means every rule.
    pub rules: Vec<String>,
}

/// The kinds of suppression directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `outreach-lint-disable`: off from here until an enable.
    Disable,
    /// `outreach-lint-enable`: back on.
    Enable,
    /// `outreach-lint-disable-next-line`: off for the next line with content.
    DisableNextLine,
    /// `outreach-lint-disable-file`: off for the whole file.
    DisableFile,
}

/// The checkable view of a draft.
#[derive(Debug, Clone)]
pub struct Prose {
    /// Same length as the original text; non-prose blanked.
    pub masked: String,
    /// Prose blocks in order.
    pub blocks: Vec<Block>,
    /// Parsed front matter, when the draft starts with one.
    pub front_matter: Option<FrontMatter>,
    /// Where the body (after any front matter) starts.
    pub body_start: usize,
    /// Suppression directives.
    pub directives: Vec<Directive>,
}

impl Prose {
    /// Whether `offset` lies inside a heading (or subject-line) block. Blocks are in text
    /// order, so this is a binary search rather than a scan of every block.
    pub fn heading_at(&self, offset: usize) -> bool {
        self.block_index(offset)
            .and_then(|i| self.blocks.get(i))
            .is_some_and(|b| b.heading)
    }

    /// The index of the block that holds `offset`, if any does.
    pub fn block_index(&self, offset: usize) -> Option<usize> {
        let after = self.blocks.partition_point(|b| b.range.start <= offset);
        after
            .checked_sub(1)
            .filter(|&i| self.blocks.get(i).is_some_and(|b| offset < b.range.end))
    }
}

/// Extract the checkable prose of `text`.
pub fn extract(text: &str, format: Format) -> Prose {
    let front_matter = frontmatter::parse(text);
    let body_start = front_matter.as_ref().map_or(0, |fm| fm.range.end);
    let mut prose = match format {
        Format::Markdown => markdown::extract(text, body_start),
        Format::PlainText => plain_extract(text, body_start),
    };
    prose.front_matter = front_matter;
    prose.body_start = body_start;
    prose
}

fn plain_extract(text: &str, body_start: usize) -> Prose {
    let mut masked = vec![BARRIER; body_start];
    masked.extend_from_slice(&text.as_bytes()[body_start..]);
    let mut blocks = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let line_end = offset + content.len();
        if content.trim().is_empty() {
            if let Some(start) = block_start.take() {
                blocks.push(plain_block(text, start, offset));
            }
        } else if block_start.is_none() {
            block_start = Some(offset);
        }
        let _ = line_end;
        offset += line.len();
    }
    if let Some(start) = block_start {
        blocks.push(plain_block(text, start, text.len()));
    }
    Prose {
        masked: bytes_to_string(masked),
        blocks,
        front_matter: None,
        body_start,
        directives: Vec::new(),
    }
}

fn plain_block(text: &str, start: usize, end: usize) -> Block {
    let trimmed_end = start + text[start..end].trim_end().len();
    let first_line = text[start..trimmed_end].lines().next().unwrap_or("");
    let heading = first_line.to_ascii_lowercase().starts_with("subject:")
        && !text[start..trimmed_end].contains('\n');
    Block {
        range: start..trimmed_end,
        heading,
    }
}

/// Replace every no-break and typographic space in `bytes` with as many ASCII spaces as it
/// has bytes, so the masked text keeps its length and every pattern can treat whitespace as
/// ASCII: a pattern's space then compiles to a small ASCII class instead of a Unicode one
/// repeated between every pair of words.
pub fn normalise_spaces(bytes: &mut [u8]) {
    let mut i = 0;
    while i < bytes.len() {
        let width = match bytes[i..] {
            [0xC2, 0xA0, ..] => 2,
            [0xE1, 0x9A, 0x80, ..] => 3,
            [0xE2, 0x80, 0x80..=0x8A | 0xAF, ..] => 3,
            [0xE2, 0x81, 0x9F, ..] => 3,
            [0xE3, 0x80, 0x80, ..] => 3,
            _ => 0,
        };
        if width == 0 {
            i += 1;
        } else {
            bytes[i..i + width].fill(b' ');
            i += width;
        }
    }
}

/// Rebuild a `String` from masked bytes. Masking only ever replaces whole characters with
/// ASCII bytes, so the bytes stay valid UTF-8; the lossy fallback is never taken in practice.
pub(crate) fn bytes_to_string(mut bytes: Vec<u8>) -> String {
    normalise_spaces(&mut bytes);
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names() {
        assert_eq!(
            Format::from_path(Path::new("a/b.MD")),
            Some(Format::Markdown)
        );
        assert_eq!(
            Format::from_path(Path::new("note.txt")),
            Some(Format::PlainText)
        );
        assert_eq!(Format::from_path(Path::new("x.rs")), None);
        assert_eq!(
            Format::from_language_id("plaintext"),
            Some(Format::PlainText)
        );
        assert_eq!(Format::parse_name("text"), Some(Format::PlainText));
    }

    #[test]
    fn unicode_spaces_become_ascii_spaces_of_the_same_length() {
        let text = "a\u{a0}b\u{2009}c\u{202f}d\u{3000}e é’";
        let prose = extract(text, Format::PlainText);
        assert_eq!(prose.masked.len(), text.len());
        assert_eq!(prose.masked, "a  b   c   d   e é’");
    }

    #[test]
    fn plain_text_keeps_everything_but_front_matter() {
        let text = "---\nrecipient: Ana\n---\nHi Ana,\n\nGreat talk.\n";
        let prose = extract(text, Format::PlainText);
        assert_eq!(prose.masked.len(), text.len());
        assert!(!prose.masked.contains("recipient"));
        assert!(prose.masked.contains("Hi Ana,"));
        assert_eq!(prose.blocks.len(), 2);
        assert_eq!(prose.front_matter.unwrap().get("recipient"), Some("Ana"));
    }
}
