//! The one place where core types meet LSP types: byte offsets <-> positions in the
//! negotiated encoding, findings -> diagnostics, core edits and fixes -> text edits, and the
//! `Diagnostic.data` payload that lets a code action work without server state. Everything
//! else in `lsp/` goes through here, so a framework upgrade stays local.

use std::ops::Range;

use ropey::Rope;
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Position,
    PositionEncodingKind, Range as LspRange, TextEdit, Uri,
};

use crate::lint::{Edit, Finding, Fix};
use crate::rules::Severity;
use crate::text::{LineIndex, PositionEncoding};

/// `Diagnostic.source` of every diagnostic this server publishes.
pub const SOURCE: &str = "outreach-lint";

/// Where the rule documentation lives; the rule id is the fragment.
pub const RULES_DOC: &str =
    "https://github.com/outreach-lint/outreach-lint/blob/main/docs/rules.md";

/// Pick the position encoding from what the client offers: utf-8 when offered (Neovim,
/// Helix), else utf-16 (the LSP default, VS Code); utf-32 when it is the only one offered.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
    let offered = match offered {
        Some(list) if !list.is_empty() => list,
        _ => return PositionEncoding::Utf16,
    };
    let has = |kind: &PositionEncodingKind| offered.iter().any(|k| k.as_str() == kind.as_str());
    if has(&PositionEncodingKind::UTF8) {
        PositionEncoding::Utf8
    } else if has(&PositionEncodingKind::UTF16) {
        PositionEncoding::Utf16
    } else if has(&PositionEncodingKind::UTF32) {
        PositionEncoding::Utf32
    } else {
        PositionEncoding::Utf16
    }
}

/// The LSP name of an encoding.
pub fn encoding_kind(encoding: PositionEncoding) -> PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// A text with its line index: what offsets are converted against.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The text.
    pub text: String,
    /// Its line starts.
    pub index: LineIndex,
}

impl Snapshot {
    /// Index `text`.
    pub fn new(text: String) -> Self {
        let index = LineIndex::new(&text);
        Snapshot { text, index }
    }

    /// The LSP position of a byte offset. An offset between the `\r` and `\n` of a CRLF
    /// is the end of its line ([`LineIndex::position`] clamps it); an offset inside a
    /// character moves to its start.
    pub fn position(&self, offset: usize, encoding: PositionEncoding) -> Position {
        let (line, character) = self.index.position(&self.text, offset, encoding);
        Position { line, character }
    }

    /// The LSP range of a byte range (ends swapped when reversed).
    pub fn range(&self, range: Range<usize>, encoding: PositionEncoding) -> LspRange {
        let (start, end) = ordered(range.start, range.end);
        LspRange {
            start: self.position(start, encoding),
            end: self.position(end, encoding),
        }
    }

    /// The range a diagnostic is shown on. Like `range`, but never on the phantom empty
    /// line after a final line break, which no cursor can reach.
    pub fn diagnostic_range(&self, range: Range<usize>, encoding: PositionEncoding) -> LspRange {
        let (start, end) = ordered(range.start, range.end);
        let reachable = self.last_reachable_offset();
        self.range(start.min(reachable)..end.min(reachable), encoding)
    }

    /// The end of the last line a cursor can reach: the text length, or the end of the last
    /// line's content when the text ends with a line break.
    fn last_reachable_offset(&self) -> usize {
        let text = self.text.as_str();
        let trimmed = text.strip_suffix('\n').unwrap_or(text);
        let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
        trimmed.len()
    }

    /// The byte offset of an LSP position, clamped as the spec says: a line past the end is
    /// the end of the text; a column past the end of its line is the line's end (before its
    /// line break); a column inside a character is that character's start.
    pub fn offset(&self, position: Position, encoding: PositionEncoding) -> usize {
        self.index
            .offset(&self.text, position.line, position.character, encoding)
    }

    /// The byte range of an LSP range (ends swapped when reversed).
    pub fn byte_range(&self, range: LspRange, encoding: PositionEncoding) -> Range<usize> {
        let (start, end) = ordered(
            self.offset(range.start, encoding),
            self.offset(range.end, encoding),
        );
        start..end
    }

    /// A core edit as an LSP text edit.
    pub fn text_edit(&self, edit: &Edit, encoding: PositionEncoding) -> TextEdit {
        TextEdit {
            range: self.range(edit.start..edit.end, encoding),
            new_text: edit.replacement.clone(),
        }
    }

    /// A core fix with its edits in LSP terms.
    pub fn fix(&self, fix: &Fix, encoding: PositionEncoding) -> FixData {
        FixData {
            title: fix.title.clone(),
            safe: fix.safe,
            preferred: fix.preferred,
            edits: fix
                .edits
                .iter()
                .map(|e| self.text_edit(e, encoding))
                .collect(),
        }
    }

    /// A finding as a diagnostic of the document at `version`, its fixes in `data`.
    pub fn diagnostic(
        &self,
        finding: &Finding,
        version: i32,
        encoding: PositionEncoding,
    ) -> Diagnostic {
        self.diagnostic_carrying(finding, version, encoding, true)
    }

    /// A finding as a diagnostic, with its fixes in `data` only when `with_fixes`; without
    /// them a code action finds the finding again in the server's latest analysis.
    pub fn diagnostic_carrying(
        &self,
        finding: &Finding,
        version: i32,
        encoding: PositionEncoding,
        with_fixes: bool,
    ) -> Diagnostic {
        let data = DiagnosticData {
            version,
            rule: finding.rule.clone(),
            category: finding.category.clone(),
            range: finding.range.clone(),
            fixes: with_fixes.then(|| {
                finding
                    .fixes
                    .iter()
                    .map(|f| self.fix(f, encoding))
                    .collect()
            }),
        };
        Diagnostic {
            range: self.diagnostic_range(finding.range.clone(), encoding),
            severity: Some(severity(finding.severity)),
            code: Some(NumberOrString::String(finding.rule.clone())),
            code_description: rule_href(&finding.rule).map(|href| CodeDescription { href }),
            source: Some(SOURCE.to_string()),
            message: finding.message.clone(),
            related_information: None,
            tags: None,
            data: serde_json::to_value(data).ok(),
        }
    }
}

fn ordered(a: usize, b: usize) -> (usize, usize) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// A fix as carried in `Diagnostic.data`: edits already in LSP positions of the version
/// the diagnostic was published for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixData {
    /// Menu title.
    pub title: String,
    /// Safe to apply without reading.
    #[serde(default)]
    pub safe: bool,
    /// The single obvious fix.
    #[serde(default)]
    pub preferred: bool,
    /// The edits.
    pub edits: Vec<TextEdit>,
}

/// What a code action needs from a diagnostic, so it needs no server state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiagnosticData {
    /// The document version the edits apply to.
    pub version: i32,
    /// Rule id.
    pub rule: String,
    /// Rule category.
    pub category: String,
    /// The finding's byte range in that version.
    pub range: Range<usize>,
    /// The fixes, best first; left out of large publications (`lsp::FIXES_IN_DATA_UP_TO`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixes: Option<Vec<FixData>>,
}

impl DiagnosticData {
    /// Read the payload of a diagnostic, when it carries one of ours.
    pub fn from_diagnostic(diagnostic: &Diagnostic) -> Option<Self> {
        diagnostic
            .data
            .as_ref()
            .and_then(|v| serde_json::from_value(v.clone()).ok())
    }
}

/// The rule id of one of our diagnostics.
pub fn diagnostic_rule(diagnostic: &Diagnostic) -> Option<&str> {
    if diagnostic.source.as_deref().is_some_and(|s| s != SOURCE) {
        return None;
    }
    match diagnostic.code.as_ref()? {
        NumberOrString::String(s) => Some(s.as_str()),
        NumberOrString::Number(_) => None,
    }
}

/// LSP severity of a core severity.
pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The documentation link of a rule.
pub fn rule_href(rule: &str) -> Option<Uri> {
    format!("{RULES_DOC}#{rule}").parse().ok()
}

/// The char index in `rope` of an LSP position, clamped exactly like
/// [`Snapshot::offset`]: a line past the end is the end of the text, a column past the end
/// of its line is the line's end (before the line break, never between `\r` and `\n`), a
/// column inside a character is that character's start.
pub fn rope_char(rope: &Rope, position: Position, encoding: PositionEncoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let slice = rope.line(line);
    let mut content = slice.len_chars();
    if content > 0 && slice.char(content - 1) == '\n' {
        content -= 1;
        if content > 0 && slice.char(content - 1) == '\r' {
            content -= 1;
        }
    } else if content > 0 && slice.char(content - 1) == '\r' {
        content -= 1;
    }
    let content = slice.slice(..content);
    let column = position.character as usize;
    let chars = match encoding {
        PositionEncoding::Utf32 => column.min(content.len_chars()),
        PositionEncoding::Utf16 => {
            if column >= content.len_utf16_cu() {
                content.len_chars()
            } else {
                let ch = content.utf16_cu_to_char(column);
                // Inside a surrogate pair: the character's start.
                if content.char_to_utf16_cu(ch) > column {
                    ch.saturating_sub(1)
                } else {
                    ch
                }
            }
        }
        PositionEncoding::Utf8 => {
            if column >= content.len_bytes() {
                content.len_chars()
            } else {
                content.byte_to_char(column)
            }
        }
    };
    start + chars
}

/// The char range in `rope` of an LSP range (ends swapped when reversed).
pub fn rope_range(rope: &Rope, range: LspRange, encoding: PositionEncoding) -> Range<usize> {
    let (start, end) = ordered(
        rope_char(rope, range.start, encoding),
        rope_char(rope, range.end, encoding),
    );
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_is_never_split() {
        let snap = Snapshot::new("ab\r\ncd".to_string());
        let p = snap.position(3, PositionEncoding::Utf16);
        assert_eq!((p.line, p.character), (0, 2));
    }

    #[test]
    fn phantom_line_is_avoided() {
        let snap = Snapshot::new("Hi\n".to_string());
        let r = snap.diagnostic_range(3..3, PositionEncoding::Utf16);
        assert_eq!((r.start.line, r.start.character), (0, 2));
    }

    #[test]
    fn rope_and_index_clamp_alike() {
        let text = "a😀b\r\ncé\rx\n";
        let rope = Rope::from_str(text);
        let snap = Snapshot::new(text.to_string());
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            for line in 0..6 {
                for character in 0..12 {
                    let pos = Position { line, character };
                    let byte = snap.offset(pos, enc);
                    let ch = rope_char(&rope, pos, enc);
                    assert_eq!(rope.char_to_byte(ch), byte, "{enc:?} {line}:{character}");
                }
            }
        }
    }
}
