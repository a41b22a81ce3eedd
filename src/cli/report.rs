//! Reporters for `check`: human (annotated snippets via annotate-snippets, colour only on a
//! terminal and never with NO_COLOR) and the JSON contract documented in the README.

use std::io::{IsTerminal, Write};

use annotate_snippets::{Level, Renderer, Snippet};
use serde_json::json;

use super::check::FileResult;
use super::{CheckArgs, ColorChoice, OutputFormat};
use crate::lint::Finding;
use crate::rules::Severity;
use crate::text::LineIndex;

/// Write the report for all results to standard output.
pub fn write(results: &[FileResult], args: &CheckArgs) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer(&mut out, &json_report(results))?;
            writeln!(out)?;
        }
        OutputFormat::Human => write_human(&mut out, results, use_color(args.color))?,
    }
    out.flush()?;
    Ok(())
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    }
}

/// Counts for the summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    /// Files checked.
    pub files: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// All findings.
    pub diagnostics: usize,
    /// By severity.
    pub errors: usize,
    /// By severity.
    pub warnings: usize,
    /// By severity.
    pub infos: usize,
    /// By severity.
    pub hints: usize,
}

/// Count the results.
pub fn totals(results: &[FileResult]) -> Totals {
    let mut t = Totals {
        files: results.len(),
        ..Totals::default()
    };
    for r in results {
        if !r.findings.is_empty() {
            t.files_with_findings += 1;
        }
        for f in &r.findings {
            t.diagnostics += 1;
            match f.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
                Severity::Hint => t.hints += 1,
            }
        }
    }
    t
}

/// The JSON report value.
pub fn json_report(results: &[FileResult]) -> serde_json::Value {
    let files: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            let index = LineIndex::new(&r.text);
            let diagnostics: Vec<serde_json::Value> =
                r.findings.iter().map(|f| json_finding(f, &r.text, &index)).collect();
            json!({"path": r.path, "error": r.error, "diagnostics": diagnostics})
        })
        .collect();
    let t = totals(results);
    json!({
        "version": 1,
        "files": files,
        "summary": {
            "files": t.files, "files_with_findings": t.files_with_findings,
            "diagnostics": t.diagnostics, "errors": t.errors, "warnings": t.warnings,
            "infos": t.infos, "hints": t.hints,
        }
    })
}

fn position(text: &str, index: &LineIndex, offset: usize) -> serde_json::Value {
    let (line, column) = index.line_col_chars(text, offset);
    json!({"offset": offset, "line": line, "column": column})
}

fn json_finding(f: &Finding, text: &str, index: &LineIndex) -> serde_json::Value {
    let fixes: Vec<serde_json::Value> = f
        .fixes
        .iter()
        .map(|fix| {
            json!({
                "title": fix.title,
                "edits": fix.edits.iter().map(|e| json!({"start": e.start, "end": e.end, "replacement": e.replacement})).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity.as_str(),
        "message": f.message,
        "matched": text.get(f.range.clone()).unwrap_or(""),
        "start": position(text, index, f.range.start),
        "end": position(text, index, f.range.end),
        "fixes": fixes,
    })
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
        Severity::Hint => Level::Note,
    }
}

fn write_human(out: &mut impl Write, results: &[FileResult], color: bool) -> anyhow::Result<()> {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let rules = crate::rules::RuleSet::builtin();
    for r in results {
        if let Some(err) = &r.error {
            writeln!(out, "{}: error: {err}", r.path)?;
            continue;
        }
        let index = LineIndex::new(&r.text);
        for f in &r.findings {
            let hint = rules.get(&f.rule).map(|rule| rule.spec.hint.clone()).unwrap_or_default();
            let first_line = index.line_of(f.range.start);
            let last_line = index.line_of(f.range.end.saturating_sub(1).max(f.range.start));
            let start = index.line_range(&r.text, first_line).map_or(0, |l| l.start);
            let end = index.line_range(&r.text, last_line).map_or(r.text.len(), |l| l.end);
            let source = &r.text[start..end.max(start)];
            let span = (f.range.start - start).min(source.len())..(f.range.end.saturating_sub(start)).min(source.len());
            let title = format!("{} [{}]", f.message, f.rule);
            let mut message = level(f.severity).title(&title).snippet(
                Snippet::source(source)
                    .line_start(first_line + 1)
                    .origin(&r.path)
                    .annotation(level(f.severity).span(span).label(&f.category)),
            );
            if !hint.is_empty() {
                message = message.footer(Level::Help.title(&hint));
            }
            writeln!(out, "{}\n", renderer.render(message))?;
        }
    }
    let t = totals(results);
    writeln!(
        out,
        "{} finding{} ({} error{}, {} warning{}, {} info, {} hint{}) in {} of {} file{} checked",
        t.diagnostics,
        plural(t.diagnostics),
        t.errors,
        plural(t.errors),
        t.warnings,
        plural(t.warnings),
        t.infos,
        t.hints,
        plural(t.hints),
        t.files_with_findings,
        t.files,
        plural(t.files)
    )?;
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
