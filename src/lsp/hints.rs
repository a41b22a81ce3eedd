//! The personalisation score as an inlay hint at the end of the draft's first body line.
//!
//! An inlay hint rather than a code lens: hints are drawn inline by VS Code, Neovim 0.10+
//! (`vim.lsp.inlay_hint.enable()`), Helix and Zed with nothing to run, and clients ask for
//! them again as the text changes, so the score follows the typing. A code lens needs a
//! command behind it and several clients hide lenses or show them only on request.

use tower_lsp_server::ls_types::{
    InlayHint, InlayHintLabel, InlayHintTooltip, MarkupContent, MarkupKind, Position,
    Range as LspRange,
};

use super::Analysis;
use crate::text::PositionEncoding;

/// The hints for `range` of an analysed document: the score, when the document has one
/// (drafts; templates and drafts over the size cap have none) and its anchor is in range.
pub fn score_hints(
    analysis: &Analysis,
    range: LspRange,
    encoding: PositionEncoding,
) -> Vec<InlayHint> {
    let Some(score) = analysis.score.as_ref() else {
        return Vec::new();
    };
    let position = analysis.snapshot.position(score.anchor, encoding);
    if !contains(range, position) {
        return Vec::new();
    }
    vec![InlayHint {
        position,
        label: InlayHintLabel::String(score.label()),
        kind: None,
        text_edits: None,
        tooltip: Some(InlayHintTooltip::MarkupContent(MarkupContent {
            kind: MarkupKind::Markdown,
            value: score.markdown(),
        })),
        // The hint follows the line's last character; keep it off the text.
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }]
}

/// Whether `position` lies in `range`, both ends included (a client asking for the visible
/// lines may end its range exactly at the end of the line the hint sits on).
fn contains(range: LspRange, position: Position) -> bool {
    let key = |p: Position| (p.line, p.character);
    let (start, end) = if key(range.start) <= key(range.end) {
        (range.start, range.end)
    } else {
        (range.end, range.start)
    };
    key(start) <= key(position) && key(position) <= key(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn range_ends_are_inclusive_and_reversed_ranges_work() {
        let r = LspRange {
            start: pos(1, 0),
            end: pos(3, 4),
        };
        assert!(contains(r, pos(1, 0)));
        assert!(contains(r, pos(3, 4)));
        assert!(contains(r, pos(2, 99)));
        assert!(!contains(r, pos(3, 5)));
        assert!(!contains(r, pos(0, 9)));
        let reversed = LspRange {
            start: r.end,
            end: r.start,
        };
        assert!(contains(reversed, pos(2, 0)));
    }
}
