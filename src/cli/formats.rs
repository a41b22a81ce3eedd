//! Line-oriented reporters for `check`: GitHub Actions workflow commands
//! (`--format github`) and `path:line:col: severity rule: message` (`--format compact`),
//! plus the path helpers the machine formats share (display paths, file URIs).

use std::io::Write;

use super::check::FileResult;
use crate::lint::Finding;
use crate::rules::{RuleSet, Severity};
use crate::text::LineIndex;

/// A path as reports show it: forward slashes, no leading `./`.
pub fn clean_path(path: &str) -> String {
    let mut p = path.replace('\\', "/");
    while let Some(rest) = p.strip_prefix("./") {
        p = rest.to_string();
    }
    p
}

/// Escape the message part of a workflow command, as GitHub's toolkit does
/// (`%` -> `%25`, CR -> `%0D`, LF -> `%0A`).
pub fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escape a property value of a workflow command: as [`escape_data`], plus `:` -> `%3A`
/// and `,` -> `%2C`.
pub fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

/// The workflow command of a severity: GitHub knows error, warning and notice.
fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    }
}

/// 1-based (line, column) of the start and the exclusive end of a finding, columns in
/// Unicode scalar values.
pub fn span(text: &str, index: &LineIndex, f: &Finding) -> ((usize, usize), (usize, usize)) {
    let start = index.line_col_chars(text, f.range.start);
    let end = index.line_col_chars(text, f.range.end.max(f.range.start));
    (start, end)
}

/// Write GitHub Actions workflow commands, one per finding and one per unreadable file.
/// The message is the rule's message with its hint on a second line.
pub fn write_github(
    out: &mut dyn Write,
    results: &[FileResult],
    rules: &[std::sync::Arc<RuleSet>],
) -> std::io::Result<()> {
    for r in results {
        let file = escape_property(&clean_path(&r.path));
        if let Some(err) = &r.error {
            writeln!(
                out,
                "::error file={file},title=outreach-lint::{}",
                escape_data(err)
            )?;
            continue;
        }
        if r.findings.is_empty() {
            continue;
        }
        let index = LineIndex::new(&r.text);
        for f in &r.findings {
            let ((line, col), (end_line, end_col)) = span(&r.text, &index, f);
            let hint = hint_of(rules, f);
            let message = if hint.is_empty() {
                f.message.clone()
            } else {
                format!("{}\n{hint}", f.message)
            };
            writeln!(
                out,
                "::{} file={file},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                command(f.severity),
                escape_property(&f.rule),
                escape_data(&message)
            )?;
        }
    }
    Ok(())
}

/// The hint of a finding's rule: from the run's rule sets, or a campaign record.
pub fn hint_of<'a>(rules: &'a [std::sync::Arc<RuleSet>], f: &Finding) -> &'a str {
    rules
        .iter()
        .find_map(|set| set.get(&f.rule))
        .map(|r| r.spec.hint.trim())
        .or_else(|| super::campaign::spec(&f.rule).map(|s| s.hint.trim()))
        .unwrap_or("")
}

/// Write `path:line:col: severity rule: message` lines (an unreadable file is
/// `path:1:1: error file-error: reason`). Messages are kept to one line.
pub fn write_compact(out: &mut dyn Write, results: &[FileResult]) -> std::io::Result<()> {
    for r in results {
        if let Some(err) = &r.error {
            writeln!(out, "{}:1:1: error file-error: {}", r.path, one_line(err))?;
            continue;
        }
        if r.findings.is_empty() {
            continue;
        }
        let index = LineIndex::new(&r.text);
        for f in &r.findings {
            let (line, col) = index.line_col_chars(&r.text, f.range.start);
            writeln!(
                out,
                "{}:{line}:{col}: {} {}: {}",
                r.path,
                f.severity.as_str(),
                f.rule,
                one_line(&f.message)
            )?;
        }
    }
    Ok(())
}

fn one_line(text: &str) -> String {
    if text.contains(['\n', '\r']) {
        text.split(['\n', '\r'])
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        text.to_string()
    }
}

/// A relative `file` URI reference for a path (percent-encoded, forward slashes), or an
/// absolute `file:///` URI for an absolute path. The flag says whether it is relative.
pub fn file_uri(path: &str) -> (String, bool) {
    let clean = clean_path(path);
    let absolute = clean.starts_with('/') || clean.as_bytes().get(1) == Some(&b':');
    let mut out = String::with_capacity(clean.len() + 8);
    if absolute {
        out.push_str("file://");
        if !clean.starts_with('/') {
            out.push('/');
        }
    }
    for b in clean.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            b':' if absolute => out.push(':'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    (out, !absolute)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping_follows_the_toolkit() {
        assert_eq!(
            escape_data("50% off\r\nnow: a, b"),
            "50%25 off%0D%0Anow: a, b"
        );
        assert_eq!(escape_property("dir/a,b:c%.md"), "dir/a%2Cb%3Ac%25.md");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            file_uri("./notes/café draft.md"),
            ("notes/caf%C3%A9%20draft.md".to_string(), true)
        );
        assert_eq!(
            file_uri("/tmp/a b.md"),
            ("file:///tmp/a%20b.md".to_string(), false)
        );
    }

    #[test]
    fn compact_messages_stay_on_one_line() {
        assert_eq!(one_line("a\nb\r\nc"), "a b c");
    }
}
