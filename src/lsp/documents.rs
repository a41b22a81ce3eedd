//! Open documents: a rope per document with its version and format, in a map keyed by URI.
//! Edits are applied synchronously, in the order the client sent them (the caller applies
//! each `didChange` before its handler's first `.await`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dashmap::DashMap;
use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::convert;
use super::Analysis;
use crate::prose::Format;
use crate::text::PositionEncoding;

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The text.
    pub rope: Rope,
    /// The client's version of it.
    pub version: i32,
    /// Markdown or plain text.
    pub format: Format,
    /// The file it is, for `file:` URIs.
    pub path: Option<PathBuf>,
    /// Bumped on every change of text or configuration; a lint result is used only while
    /// the generation it was computed for is current.
    pub generation: u64,
    /// The last lint result.
    pub analysis: Option<Arc<Analysis>>,
}

impl Document {
    /// A document opened with `text`.
    pub fn new(
        text: &str,
        version: i32,
        format: Format,
        path: Option<PathBuf>,
        generation: u64,
    ) -> Self {
        Document {
            rope: Rope::from_str(text),
            version,
            format,
            path,
            generation,
            analysis: None,
        }
    }

    /// Apply one content change: a range replacement, or the whole text when the change has
    /// no range. Out-of-range positions clamp; nothing here panics on client input.
    pub fn apply_change(
        &mut self,
        change: &TextDocumentContentChangeEvent,
        encoding: PositionEncoding,
    ) {
        match change.range {
            Some(range) => {
                let chars = convert::rope_range(&self.rope, range, encoding);
                if chars.start < chars.end {
                    self.rope.remove(chars.clone());
                }
                if !change.text.is_empty() {
                    self.rope.insert(chars.start, &change.text);
                }
            }
            None => self.rope = Rope::from_str(&change.text),
        }
    }

    /// Apply a batch of changes in order and take the new version and generation.
    pub fn apply_changes(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        generation: u64,
        encoding: PositionEncoding,
    ) {
        for change in changes {
            self.apply_change(change, encoding);
        }
        self.version = version;
        self.generation = generation;
        self.analysis = None;
    }
}

/// The document format from its `languageId`, else its file extension; `None` when it is
/// neither markdown nor plain text.
pub fn detect_format(language_id: &str, uri: &Uri) -> Option<Format> {
    Format::from_language_id(&language_id.to_ascii_lowercase()).or_else(|| {
        let path = uri.path().as_str();
        let name = path.rsplit('/').next().unwrap_or(path);
        Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
    })
}

/// The file path of a `file:` URI.
pub fn file_path(uri: &Uri) -> Option<PathBuf> {
    let scheme = uri.scheme().as_str();
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

/// The open documents.
pub type Documents = DashMap<Uri, Document>;
