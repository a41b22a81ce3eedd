//! Fixes as byte-range edits: replace a phrase with a suggestion, remove it (tidying the
//! space, punctuation and capital letter around it), insert a personalised context line after
//! the greeting, and apply a chosen set of fixes without overlapping edits.

use std::ops::Range;

use crate::lint::{Draft, Edit, Finding, Fix};
use crate::rules::{document, RuleSpec};

/// Words that carry nothing on their own: a sentence left with only these goes too.
const LEFTOVER_WORDS: &[&str] = &[
    "just", "so", "and", "but", "also", "really", "again", "anyway", "well", "oh", "hey", "hi",
    "i", "a", "the", "to", "very", "truly", "simply", "quick", "quickly",
];

/// Fixes for one phrase finding: suggestions first, then removal.
pub fn phrase_fixes(
    draft: &Draft<'_>,
    spec: &RuleSpec,
    range: Range<usize>,
    sentence: Range<usize>,
) -> Vec<Fix> {
    let mut fixes = Vec::new();
    for suggestion in &spec.suggestions {
        let replacement = personalise(suggestion, draft);
        let has_placeholder = replacement.contains('[') && replacement.contains(']');
        fixes.push(Fix {
            title: format!("Replace with \u{201c}{replacement}\u{201d}"),
            edits: vec![Edit {
                start: range.start,
                end: range.end,
                replacement: match_case(&draft.text[range.clone()], &replacement),
            }],
            safe: !has_placeholder,
            preferred: false,
        });
    }
    if spec.removable && spec.category != "placeholder" {
        let edit = removal(draft.text, &draft.prose.masked, range.clone(), sentence);
        let whole_sentence = edit.end - edit.start >= range.len();
        fixes.push(Fix {
            title: if whole_sentence && edit.end - edit.start > range.len() {
                "Remove this sentence".to_string()
            } else {
                "Remove this phrase".to_string()
            },
            edits: vec![edit],
            safe: true,
            preferred: false,
        });
    }
    mark_preferred(&mut fixes);
    fixes
}

/// The single safe fix, when there is exactly one, is the preferred one.
fn mark_preferred(fixes: &mut [Fix]) {
    let safe: Vec<usize> = fixes
        .iter()
        .enumerate()
        .filter(|(_, f)| f.safe)
        .map(|(i, _)| i)
        .collect();
    if let [only] = safe.as_slice() {
        fixes[*only].preferred = true;
    }
}

/// Fill `{recipient}`-style slots in a suggestion from the front matter; slots with no
/// value become bracketed placeholders the placeholder rule will flag.
pub fn personalise(template: &str, draft: &Draft<'_>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        out.push_str(&rest[..open]);
        match draft.context.get(crate::context::canonical_key(key)) {
            Some(value) => out.push_str(value),
            None => {
                out.push('[');
                out.push_str(&key.replace('_', " "));
                out.push(']');
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Keep a leading capital when the replaced text had one.
fn match_case(original: &str, replacement: &str) -> String {
    let starts_upper = original.chars().next().is_some_and(char::is_uppercase);
    let mut chars = replacement.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => replacement.to_string(),
    }
}

/// The edit that removes a phrase. When the rest of its sentence is only punctuation or
/// filler words, the whole sentence goes with the space after it; otherwise the phrase goes
/// with one neighbouring space and a comma right after it, and a sentence start stays capital.
pub fn removal(text: &str, masked: &str, range: Range<usize>, sentence: Range<usize>) -> Edit {
    let before = masked.get(sentence.start..range.start).unwrap_or("");
    let after = masked.get(range.end..sentence.end).unwrap_or("");
    if is_leftover(before) && is_leftover(after) {
        return remove_span(
            text,
            sentence.start.min(range.start)..sentence.end.max(range.end),
        );
    }
    let bytes = text.as_bytes();
    let mut start = range.start;
    let mut end = range.end;
    // A comma, colon or dash right after the phrase goes with it.
    while end < text.len() && matches!(bytes[end], b',' | b';' | b':') {
        end += 1;
    }
    if end < text.len() && bytes[end] == b' ' {
        end += 1;
    } else if start > 0 && bytes[start - 1] == b' ' {
        start -= 1;
    }
    let at_sentence_start = is_leftover(before) && before.trim().is_empty();
    let mut replacement = String::new();
    if at_sentence_start {
        if let Some(next) = text[end..].chars().next().filter(|c| c.is_lowercase()) {
            replacement.extend(next.to_uppercase());
            end += next.len_utf8();
        }
    }
    Edit {
        start,
        end,
        replacement,
    }
}

fn is_leftover(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .filter(|w| !w.is_empty())
        .all(|w| LEFTOVER_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Remove a span with the horizontal space after it; when that empties its line, the line
/// break goes too, and when it empties a paragraph, the blank line after it as well.
fn remove_span(text: &str, span: Range<usize>) -> Edit {
    let bytes = text.as_bytes();
    let mut end = span.end;
    while end < text.len() && matches!(bytes[end], b' ' | b'\t') {
        end += 1;
    }
    let line_start = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let only_on_line = text[line_start..span.start].trim().is_empty();
    let at_line_end = end >= text.len() || matches!(bytes[end], b'\n' | b'\r');
    let mut start = span.start;
    if only_on_line && at_line_end && end < text.len() {
        start = line_start;
        end += if text[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
    } else if at_line_end {
        // Trailing sentence on a line: take the space before it instead.
        while start > line_start && matches!(bytes[start - 1], b' ' | b'\t') {
            start -= 1;
        }
    }
    let mut edit = Edit {
        start,
        end,
        replacement: String::new(),
    };
    tidy_blank_lines(text, &mut edit);
    edit
}

/// A removal that empties a paragraph would leave two blank lines where one was (or a
/// blank line at the top of the text): take the line break after it too. Only for
/// deletions that take a whole line (or start the text); anything else is left as it is.
pub fn tidy_blank_lines(text: &str, edit: &mut Edit) {
    if !edit.replacement.is_empty()
        || edit.start > edit.end
        || edit.end > text.len()
        || !text.is_char_boundary(edit.start)
        || !text.is_char_boundary(edit.end)
    {
        return;
    }
    let before = text[..edit.start].trim_end_matches([' ', '\t']);
    let blank_before =
        before.ends_with("\n\n") || before.ends_with("\r\n\r\n") || before.is_empty();
    let whole_line = text[edit.start..edit.end].contains(['\n', '\r']);
    if !blank_before || !whole_line && !before.is_empty() {
        return;
    }
    let after = &text[edit.end..];
    let trailing = after.len() - after.trim_start_matches([' ', '\t']).len();
    let rest = &after[trailing..];
    if rest.starts_with("\r\n") {
        edit.end += trailing + 2;
    } else if rest.starts_with('\n') {
        edit.end += trailing + 1;
    }
}

/// Personalised context lines for a draft: two short first-person variants per fact its
/// front matter knows (in the writer's voice), else lines with explicit placeholders that
/// the placeholder rules flag until filled. Never invents facts. `(line, from_facts)`.
pub fn context_lines(draft: &Draft<'_>) -> Vec<(String, bool)> {
    crate::personal::lines::context_lines(draft)
        .into_iter()
        .map(|l| {
            let from_facts = l.from_facts();
            (l.text, from_facts)
        })
        .collect()
}

/// Fixes that insert each context line after the greeting (or at the start of the body).
pub fn context_line_fixes(draft: &Draft<'_>) -> Vec<Fix> {
    let (at, prefix, suffix) = insertion_point(draft);
    let mut fixes: Vec<Fix> = context_lines(draft)
        .into_iter()
        .map(|(line, from_facts)| Fix {
            title: if from_facts {
                format!("Insert a personal line: \u{201c}{line}\u{201d}")
            } else {
                format!("Insert a context line to fill in: \u{201c}{line}\u{201d}")
            },
            edits: vec![Edit {
                start: at,
                end: at,
                replacement: format!("{prefix}{line}{suffix}"),
            }],
            safe: false,
            preferred: false,
        })
        .collect();
    if let Some(first) = fixes.first_mut() {
        first.preferred = true;
    }
    fixes
}

/// Where a context line goes and the line breaks around it: after the greeting line, as
/// its own paragraph; at the start of the body when there is no greeting.
pub fn insertion_point(draft: &Draft<'_>) -> (usize, String, String) {
    let newline = if draft.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    if let Some(greeting) = document::greeting(draft) {
        let at = greeting.line.end;
        return (at, format!("{newline}{newline}"), String::new());
    }
    let start = draft
        .prose
        .blocks
        .iter()
        .find(|b| !b.heading)
        .map_or(draft.prose.body_start.min(draft.text.len()), |b| {
            b.range.start
        });
    (start, String::new(), format!("{newline}{newline}"))
}

/// Apply edits to a text. Edits are sorted; one that overlaps an earlier one is skipped.
/// Returns the new text and how many edits were applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits
        .iter()
        .filter(|e| {
            e.start <= e.end
                && e.end <= text.len()
                && text.is_char_boundary(e.start)
                && text.is_char_boundary(e.end)
        })
        .collect();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut applied = 0;
    for edit in sorted {
        if edit.start < cursor {
            continue;
        }
        out.push_str(&text[cursor..edit.start]);
        out.push_str(&edit.replacement);
        cursor = edit.end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

/// The edits that apply the safe fixes of `findings` to `text` together (fix-all, `--fix`):
/// the first safe fix of each finding, in order, skipping any that would overlap one already
/// chosen. Two removals that overlap only in the whitespace between them (two neighbouring
/// stock sentences each claim the space they share) are merged into one removal, tidied as
/// if it were one sentence, so neither is lost. Sorted by position.
pub fn safe_fix_edits(text: &str, findings: &[Finding]) -> Vec<Edit> {
    let mut chosen: Vec<Edit> = Vec::new();
    for finding in findings {
        let Some(fix) = finding.fixes.iter().find(|f| f.safe) else {
            continue;
        };
        // A fix applies whole or not at all.
        let mut next = chosen.clone();
        if fix.edits.iter().all(|e| add_edit(text, &mut next, e)) {
            chosen = next;
        }
    }
    chosen.sort_by_key(|e| (e.start, e.end));
    chosen
}

fn overlaps(a: &Edit, b: &Edit) -> bool {
    a.start < b.end && b.start < a.end || (a.start == b.start && a.end == b.end)
}

/// Add `edit` to `chosen`, merging it with removals it meets over whitespace; `false` when
/// it overlaps a chosen edit some other way.
fn add_edit(text: &str, chosen: &mut Vec<Edit>, edit: &Edit) -> bool {
    let hits: Vec<usize> = (0..chosen.len())
        .filter(|&i| overlaps(&chosen[i], edit))
        .collect();
    if hits.is_empty() {
        chosen.push(edit.clone());
        return true;
    }
    let mergeable = |a: &Edit| {
        let shared = a.start.max(edit.start)..a.end.min(edit.end);
        a.replacement.is_empty()
            && !shared.is_empty()
            && text
                .get(shared)
                .is_some_and(|s| s.chars().all(char::is_whitespace))
    };
    if !edit.replacement.is_empty() || !hits.iter().all(|&i| mergeable(&chosen[i])) {
        return false;
    }
    let mut union = edit.start..edit.end;
    for &i in hits.iter().rev() {
        let old = chosen.remove(i);
        union = union.start.min(old.start)..union.end.max(old.end);
    }
    let merged = merged_removal(text, union.clone());
    // Tidying may reach further than the two removals did; never into another edit.
    let merged = if chosen.iter().any(|c| overlaps(c, &merged)) {
        Edit {
            start: union.start,
            end: union.end,
            replacement: String::new(),
        }
    } else {
        merged
    };
    chosen.push(merged);
    true
}

/// One removal covering `union` (two or more removals that met), redone as the removal of
/// the text between its outer whitespace: so a line or paragraph they empty together goes
/// with its line break and blank line, as a single sentence's would.
fn merged_removal(text: &str, union: Range<usize>) -> Edit {
    let inner = text.get(union.clone()).unwrap_or("");
    let lead = inner.len() - inner.trim_start().len();
    let core = union.start + lead..union.start + inner.trim_end().len();
    if core.start >= core.end {
        return Edit {
            start: union.start,
            end: union.end,
            replacement: String::new(),
        };
    }
    let edit = remove_span(text, core);
    if edit.start <= union.start && union.end <= edit.end {
        edit
    } else {
        Edit {
            start: union.start,
            end: union.end,
            replacement: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_a_whole_stock_sentence_takes_its_space() {
        let text = "Hi Ana,\n\nI hope this finds you well. Your talk on retries helped.\n";
        let start = text.find("I hope").unwrap();
        let end = start + "I hope this finds you well".len();
        let sentence = start..end + 1;
        let edit = removal(text, text, start..end, sentence);
        let (out, _) = apply_edits(text, &[edit]);
        assert_eq!(out, "Hi Ana,\n\nYour talk on retries helped.\n");
    }

    #[test]
    fn removing_a_phrase_inside_a_sentence_keeps_the_rest_readable() {
        let text = "Just wanted to touch base, the draft is ready.";
        let start = text.find("touch base").unwrap();
        let range = start..start + "touch base".len();
        let edit = removal(text, text, range, 0..text.len());
        let (out, _) = apply_edits(text, &[edit]);
        assert_eq!(out, "Just wanted to the draft is ready.");
    }

    #[test]
    fn a_line_holding_only_the_phrase_goes_entirely() {
        let text = "Thanks!\r\nLooking forward to connecting!\r\nAlex\r\n";
        let start = text.find("Looking").unwrap();
        let end = start + "Looking forward to connecting".len();
        let edit = removal(text, text, start..end, start..end + 1);
        let (out, _) = apply_edits(text, &[edit]);
        assert_eq!(out, "Thanks!\r\nAlex\r\n");
    }

    fn fix_all(text: &str) -> String {
        let rules = crate::rules::RuleSet::builtin();
        let options = crate::lint::LintOptions::default();
        let findings =
            crate::lint::lint(text, crate::prose::Format::Markdown, &rules, &options).findings;
        apply_edits(text, &safe_fix_edits(text, &findings)).0
    }

    #[test]
    fn neighbouring_stock_sentences_both_go() {
        // Mid-paragraph: the second removal takes the space before it, the first the space
        // after it; merged, the sentence after them keeps one space before it.
        let text = "Hi Ana,\n\nYour talk on retry budgets changed our queues. I hope this finds you well. Hope all is well.\nWould you share the slides?\n";
        assert_eq!(
            fix_all(text),
            "Hi Ana,\n\nYour talk on retry budgets changed our queues.\nWould you share the slides?\n"
        );
        // A paragraph of two stock sentences goes with its blank line.
        let text = "Hi Ana,\n\nI hope this finds you well. Hope all is well.\n\nYour talk on retry budgets changed our queues.\n";
        assert_eq!(
            fix_all(text),
            "Hi Ana,\n\nYour talk on retry budgets changed our queues.\n"
        );
        // The same with CRLF line breaks.
        let text = "Hi Ana,\r\n\r\nI hope this finds you well. Hope all is well.\r\n\r\nYour talk on retry budgets changed our queues.\r\n";
        assert_eq!(
            fix_all(text),
            "Hi Ana,\r\n\r\nYour talk on retry budgets changed our queues.\r\n"
        );
    }

    #[test]
    fn a_stock_sentence_that_is_its_own_paragraph_leaves_one_blank_line() {
        let text = "Hi Ana,\n\nI hope this finds you well.\n\nYour talk on retry budgets changed our queues.\n";
        let out = fix_all(text);
        assert_eq!(
            out,
            "Hi Ana,\n\nYour talk on retry budgets changed our queues.\n"
        );
        // The single quick fix does the same as fix-all.
        let start = text.find("I hope").unwrap_or(0);
        let end = start + "I hope this finds you well".len();
        let edit = removal(text, text, start..end, start..end + 1);
        assert_eq!(apply_edits(text, &[edit]).0, out);
    }

    #[test]
    fn removals_overlapping_in_words_are_not_merged() {
        let text = "one two three";
        let findings = |a: Range<usize>, b: Range<usize>| {
            [a, b]
                .into_iter()
                .map(|r| Finding {
                    rule: "r".into(),
                    category: "c".into(),
                    severity: crate::rules::Severity::Warning,
                    message: "m".into(),
                    range: r.clone(),
                    fixes: vec![Fix {
                        title: "remove".into(),
                        edits: vec![Edit {
                            start: r.start,
                            end: r.end,
                            replacement: String::new(),
                        }],
                        safe: true,
                        preferred: true,
                    }],
                    pattern: None,
                    detail: None,
                })
                .collect::<Vec<_>>()
        };
        // "one two" and "two three" share a word: only the first applies.
        let edits = safe_fix_edits(text, &findings(0..7, 4..13));
        assert_eq!(apply_edits(text, &edits).0, " three");
        // "one " and " three" share nothing but touch nothing either: both apply.
        let edits = safe_fix_edits(text, &findings(0..4, 7..13));
        assert_eq!(apply_edits(text, &edits).0, "two");
        // "one two " and " three" share the space: merged.
        let edits = safe_fix_edits(text, &findings(0..8, 7..13));
        assert_eq!(edits.len(), 1);
        assert_eq!(apply_edits(text, &edits).0, "");
    }

    #[test]
    fn overlapping_edits_are_skipped() {
        let edits = vec![
            Edit {
                start: 0,
                end: 3,
                replacement: "x".into(),
            },
            Edit {
                start: 2,
                end: 4,
                replacement: "y".into(),
            },
        ];
        assert_eq!(apply_edits("abcdef", &edits), ("xdef".to_string(), 1));
    }
}
