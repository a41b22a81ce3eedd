//! Reporters for `check`: human (annotated snippets via annotate-snippets, colour only on a
//! terminal and never with NO_COLOR) and the JSON contract documented in the README.

use std::io::{IsTerminal, Write};
use std::sync::Arc;

use annotate_snippets::{Level, Renderer, Snippet};
use anyhow::Context as _;
use serde_json::json;

use super::campaign::{Campaign, GroupKind};
use super::check::FileResult;
use super::{CheckArgs, ColorChoice, OutputFormat};
use crate::lint::Finding;
use crate::rules::{RuleSet, Severity};
use crate::text::LineIndex;

/// What a report needs besides the results.
#[derive(Debug, Default)]
pub struct Extras {
    /// The rule sets the run used, built-in first (rule records for SARIF and hints).
    pub rule_sets: Vec<Arc<RuleSet>>,
    /// The campaign groups, when the campaign checks ran.
    pub campaign: Option<Campaign>,
}

/// The distinct rule sets of a run, the built-in set first.
pub fn rule_sets<'a>(sets: impl IntoIterator<Item = &'a Arc<RuleSet>>) -> Vec<Arc<RuleSet>> {
    let mut out = vec![RuleSet::builtin()];
    for set in sets {
        if !out.iter().any(|s| Arc::ptr_eq(s, set)) {
            out.push(set.clone());
        }
    }
    out
}

/// Runs with at least this many files show a progress bar (on a terminal).
pub const PROGRESS_MIN_FILES: usize = 1000;

/// A progress bar on standard error for long runs, hidden unless standard error is a
/// terminal (and never with --quiet). `OUTREACH_LINT_PROGRESS_MIN` lowers the file count.
pub fn progress(total: usize, args: &CheckArgs) -> indicatif::ProgressBar {
    let min = std::env::var("OUTREACH_LINT_PROGRESS_MIN")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(PROGRESS_MIN_FILES);
    if args.quiet || total < min || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(u64::try_from(total).unwrap_or(u64::MAX)),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} checking {pos}/{len} files [{bar:30}] {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    bar
}

/// Write the report for all results to standard output, or to `--output`. With `--fix`
/// on standard input, the fixed text goes to standard output and the report only to
/// `--output`; with `--fix --dry-run` the report is the unified diff of the fixes.
pub fn write(results: &[FileResult], args: &CheckArgs, extras: &Extras) -> anyhow::Result<()> {
    let stdin_fixed = results
        .iter()
        .find_map(|r| r.fix.as_ref().and_then(|f| f.stdout_text.as_deref()));
    if let Some(text) = stdin_fixed {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        lock.write_all(text.as_bytes())?;
        lock.flush()?;
    }
    if args.fix {
        fix_notes(results, args);
    }
    let to_file = args.output.is_some();
    if !to_file && stdin_fixed.is_some() {
        return Ok(());
    }
    let mut out = open_output(args)?;
    if args.dry_run {
        for diff in results
            .iter()
            .filter_map(|r| r.fix.as_ref().and_then(|f| f.diff.as_deref()))
        {
            out.write_all(diff.as_bytes())?;
        }
        out.flush()?;
        return Ok(());
    }
    match args.format {
        OutputFormat::Json => {
            // The file entries are streamed one at a time: building one value tree for
            // thousands of files would cost hundreds of megabytes.
            let mut report = json_report(&[]);
            report["summary"] = totals(results).json();
            add_json_extras(&mut report, results, args, extras);
            write!(out, "{{\"version\":1,\"files\":[")?;
            for (i, r) in results.iter().enumerate() {
                if i > 0 {
                    out.write_all(b",")?;
                }
                let mut entry = json_file(r);
                if args.fix {
                    entry.insert("fixed", json!(r.fix.as_ref().map_or(0, |f| f.applied)));
                }
                serde_json::to_writer(&mut out, &entry)?;
            }
            out.write_all(b"]")?;
            if let Some(map) = report.as_object() {
                for (key, value) in map.iter().filter(|(k, _)| *k != "version" && *k != "files") {
                    write!(out, ",{}:", serde_json::to_string(key)?)?;
                    serde_json::to_writer(&mut out, value)?;
                }
            }
            writeln!(out, "}}")?;
        }
        OutputFormat::Human => {
            write_human_findings(&mut out, results, use_color(args.color, to_file), extras)?;
            if !args.quiet {
                if let Some(campaign) = &extras.campaign {
                    write_campaign(&mut out, results, campaign)?;
                }
                let lines: Vec<String> = results.iter().filter_map(file_summary).collect();
                write_human_tail(&mut out, &lines, totals(results))?;
            }
        }
        OutputFormat::Sarif => super::sarif::write(
            &mut out,
            results,
            &extras.rule_sets,
            extras.campaign.as_ref(),
        )?,
        OutputFormat::Github => super::formats::write_github(&mut out, results, &extras.rule_sets)?,
        OutputFormat::Compact => super::formats::write_compact(&mut out, results)?,
    }
    out.flush()?;
    Ok(())
}

/// The report destination: `--output` or standard output, buffered.
fn open_output(args: &CheckArgs) -> anyhow::Result<Box<dyn Write>> {
    Ok(match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write the report to {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// Whether a run can be reported batch by batch: no cross-file pass (campaign), no fixes
/// to write back, and a format whose file entries stand alone.
pub fn can_stream(args: &CheckArgs) -> bool {
    !args.fix
        && !args.dry_run
        && args.recipients.is_none()
        && matches!(
            args.format,
            OutputFormat::Json | OutputFormat::Human | OutputFormat::Compact | OutputFormat::Github
        )
}

/// A report written batch by batch, so a run over many files holds one batch of results
/// at a time instead of all of them. Output is identical to `write` for the same results.
pub struct Stream<'a> {
    out: Box<dyn Write>,
    args: &'a CheckArgs,
    extras: &'a Extras,
    color: bool,
    totals: Totals,
    summaries: Vec<String>,
    failing: bool,
}

impl<'a> Stream<'a> {
    /// Open the destination and write the report's opening.
    pub fn open(args: &'a CheckArgs, extras: &'a Extras) -> anyhow::Result<Stream<'a>> {
        let mut out = open_output(args)?;
        if args.format == OutputFormat::Json {
            write!(out, "{{\"version\":1,\"files\":[")?;
        }
        Ok(Stream {
            out,
            args,
            extras,
            color: use_color(args.color, args.output.is_some()),
            totals: Totals::default(),
            summaries: Vec::new(),
            failing: false,
        })
    }

    /// Write the entries of the next batch (already in report order).
    pub fn batch(&mut self, results: &[FileResult]) -> anyhow::Result<()> {
        let threshold = self.args.fail_level.severity();
        for r in results {
            if let Some(err) = &r.error {
                eprintln!("outreach-lint: {}: {err}", r.path);
            }
            self.failing |= r.findings.iter().any(|f| f.severity >= threshold);
        }
        match self.args.format {
            OutputFormat::Json => {
                for r in results {
                    if self.totals.files > 0 {
                        self.out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut self.out, &json_file(r))?;
                    self.totals.add(totals(std::slice::from_ref(r)));
                }
                return Ok(());
            }
            OutputFormat::Human => {
                write_human_findings(&mut self.out, results, self.color, self.extras)?;
                self.summaries
                    .extend(results.iter().filter_map(file_summary));
            }
            OutputFormat::Github => {
                super::formats::write_github(&mut self.out, results, &self.extras.rule_sets)?;
            }
            OutputFormat::Compact => super::formats::write_compact(&mut self.out, results)?,
            OutputFormat::Sarif => anyhow::bail!("a SARIF report is written in one piece"),
        }
        self.totals.add(totals(results));
        Ok(())
    }

    /// Write the closing (summary) and flush; true when a finding reached the fail level.
    pub fn finish(mut self) -> anyhow::Result<bool> {
        match self.args.format {
            OutputFormat::Json => {
                write!(self.out, "],\"summary\":")?;
                serde_json::to_writer(&mut self.out, &self.totals.json())?;
                writeln!(self.out, "}}")?;
            }
            OutputFormat::Human if !self.args.quiet => {
                write_human_tail(&mut self.out, &self.summaries, self.totals)?;
            }
            _ => {}
        }
        self.out.flush()?;
        Ok(self.failing)
    }
}

fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// Standard-error notes of `--fix`: files left alone and why, and (unless quiet) the count.
fn fix_notes(results: &[FileResult], args: &CheckArgs) {
    let mut fixed = 0;
    let mut files = 0;
    for r in results {
        let Some(outcome) = &r.fix else { continue };
        if let Some(why) = &outcome.not_written {
            eprintln!("outreach-lint: {}: {why}", r.path);
        }
        if outcome.applied > 0 {
            fixed += outcome.applied;
            files += 1;
        }
    }
    if !args.quiet {
        let verb = if args.dry_run { "would fix" } else { "fixed" };
        eprintln!(
            "outreach-lint: {verb} {fixed} finding{} in {files} file{}",
            plural(fixed),
            plural(files)
        );
    }
}

/// Campaign groups and fix counts in the JSON report (keys added only when they apply).
fn add_json_extras(
    report: &mut serde_json::Value,
    results: &[FileResult],
    args: &CheckArgs,
    extras: &Extras,
) {
    if args.fix {
        if let Some(files) = report.get_mut("files").and_then(|f| f.as_array_mut()) {
            for (entry, r) in files.iter_mut().zip(results) {
                entry["fixed"] = json!(r.fix.as_ref().map_or(0, |f| f.applied));
            }
        }
    }
    if let Some(campaign) = &extras.campaign {
        let mut indexes: std::collections::HashMap<usize, LineIndex> =
            std::collections::HashMap::new();
        let groups: Vec<serde_json::Value> = campaign
            .groups
            .iter()
            .map(|g| {
                let members: Vec<serde_json::Value> = g
                    .members
                    .iter()
                    .filter_map(|m| {
                        let r = results.get(m.file)?;
                        let index = indexes.entry(m.file).or_insert_with(|| LineIndex::new(&r.text));
                        let (line, column) = index.line_col_chars(&r.text, m.range.start);
                        Some(json!({
                            "path": r.path, "line": line, "column": column,
                            "text": r.text.get(m.range.clone()).unwrap_or(""),
                            "recipient": m.recipient,
                        }))
                    })
                    .collect();
                json!({"rule": g.kind.rule(), "kind": g.kind.as_str(), "company": g.company, "files": members})
            })
            .collect();
        report["campaign"] = json!({"groups": groups});
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

impl Totals {
    /// Add another run's counts.
    pub fn add(&mut self, other: Totals) {
        self.files += other.files;
        self.files_with_findings += other.files_with_findings;
        self.diagnostics += other.diagnostics;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.hints += other.hints;
    }

    fn json(self) -> serde_json::Value {
        json!({
            "files": self.files, "files_with_findings": self.files_with_findings,
            "diagnostics": self.diagnostics, "errors": self.errors, "warnings": self.warnings,
            "infos": self.infos, "hints": self.hints,
        })
    }
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

/// The JSON entry of one file (the contract in the README). Typed and borrowed, so writing
/// thousands of entries builds no intermediate value trees.
#[derive(serde::Serialize)]
pub struct JsonFile<'a> {
    path: &'a str,
    error: Option<&'a str>,
    diagnostics: Vec<JsonFinding<'a>>,
    score: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score_signals: Option<&'a [crate::personal::score::Signal]>,
    /// Keys added by `--recipients` and `--fix`.
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

impl JsonFile<'_> {
    /// Add a key (`fixed`, `recipient`, ...).
    pub fn insert(&mut self, key: &str, value: serde_json::Value) {
        self.extra.insert(key.to_string(), value);
    }
}

#[derive(serde::Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    category: &'a str,
    severity: &'a str,
    message: &'a str,
    matched: &'a str,
    start: JsonPosition,
    end: JsonPosition,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(serde::Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    edits: &'a [crate::lint::Edit],
}

#[derive(serde::Serialize)]
struct JsonPosition {
    offset: usize,
    line: usize,
    column: usize,
}

/// The JSON entry of one file.
pub fn json_file(r: &FileResult) -> JsonFile<'_> {
    let index = LineIndex::new(&r.text);
    let diagnostics = r
        .findings
        .iter()
        .map(|f| json_finding(f, &r.text, &index))
        .collect();
    let mut entry = JsonFile {
        path: &r.path,
        error: r.error.as_deref(),
        diagnostics,
        score: r.score.as_ref().map(|s| s.value),
        score_signals: r.score.as_ref().map(|s| s.signals.as_slice()),
        extra: serde_json::Map::new(),
    };
    super::recipients::add_json(&mut entry, r);
    entry
}

/// The whole JSON report as one value (tests and small runs; `write` streams instead).
pub fn json_report(results: &[FileResult]) -> serde_json::Value {
    let files: Vec<serde_json::Value> = results
        .iter()
        .map(|r| serde_json::to_value(json_file(r)).unwrap_or_default())
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

fn position(text: &str, index: &LineIndex, offset: usize) -> JsonPosition {
    let (line, column) = index.line_col_chars(text, offset);
    JsonPosition {
        offset,
        line,
        column,
    }
}

fn json_finding<'a>(f: &'a Finding, text: &'a str, index: &LineIndex) -> JsonFinding<'a> {
    JsonFinding {
        rule: &f.rule,
        category: &f.category,
        severity: f.severity.as_str(),
        message: &f.message,
        matched: text.get(f.range.clone()).unwrap_or(""),
        start: position(text, index, f.range.start),
        end: position(text, index, f.range.end),
        fixes: f
            .fixes
            .iter()
            .map(|fix| JsonFix {
                title: &fix.title,
                edits: &fix.edits,
            })
            .collect(),
    }
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Info,
        Severity::Hint => Level::Note,
    }
}

fn write_human_findings(
    out: &mut impl Write,
    results: &[FileResult],
    color: bool,
    extras: &Extras,
) -> anyhow::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for r in results {
        if let Some(err) = &r.error {
            writeln!(out, "{}: error: {err}", r.path)?;
            continue;
        }
        let index = LineIndex::new(&r.text);
        let origin = super::recipients::origin(r);
        for f in &r.findings {
            let hint = super::formats::hint_of(&extras.rule_sets, f).to_string();
            let first_line = index.line_of(f.range.start);
            let last_line = index.line_of(f.range.end.saturating_sub(1).max(f.range.start));
            let start = index.line_range(&r.text, first_line).map_or(0, |l| l.start);
            let end = index
                .line_range(&r.text, last_line)
                .map_or(r.text.len(), |l| l.end);
            let source = &r.text[start..end.max(start)];
            let span = (f.range.start - start).min(source.len())
                ..(f.range.end.saturating_sub(start)).min(source.len());
            let title = format!("{} [{}]", f.message, f.rule);
            let mut message = level(f.severity).title(&title).snippet(
                Snippet::source(source)
                    .line_start(first_line + 1)
                    .origin(&origin)
                    .annotation(level(f.severity).span(span).label(&f.category)),
            );
            if !hint.is_empty() {
                message = message.footer(Level::Help.title(&hint));
            }
            writeln!(out, "{}\n", renderer.render(message))?;
        }
    }
    Ok(())
}

/// The per-file summary lines and the closing count of human output.
fn write_human_tail(out: &mut impl Write, summaries: &[String], t: Totals) -> anyhow::Result<()> {
    for line in summaries {
        writeln!(out, "{line}")?;
    }
    if !summaries.is_empty() {
        writeln!(out)?;
    }
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

/// Groups listed per kind, and files per group, in human output.
const HUMAN_GROUPS: usize = 20;
const HUMAN_MEMBERS: usize = 10;

fn write_campaign(
    out: &mut impl Write,
    results: &[FileResult],
    campaign: &Campaign,
) -> anyhow::Result<()> {
    if campaign.groups.is_empty() {
        writeln!(
            out,
            "campaign: no near-duplicate openers or closers, no body sent twice to one company\n"
        )?;
        return Ok(());
    }
    for kind in [GroupKind::Opener, GroupKind::Closer, GroupKind::SameBody] {
        let groups: Vec<_> = campaign.groups.iter().filter(|g| g.kind == kind).collect();
        if groups.is_empty() {
            continue;
        }
        let what = match kind {
            GroupKind::Opener => "near-duplicate opener",
            GroupKind::Closer => "near-duplicate closer",
            GroupKind::SameBody => "same-body (several recipients at one company)",
        };
        writeln!(
            out,
            "campaign: {} {what} group{} [{}]",
            groups.len(),
            plural(groups.len()),
            kind.rule()
        )?;
        for g in groups.iter().take(HUMAN_GROUPS) {
            let first = g
                .members
                .first()
                .and_then(|m| results.get(m.file).map(|r| (r, m)));
            let sample = first
                .and_then(|(r, m)| r.text.get(m.range.clone()))
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default();
            match kind {
                GroupKind::SameBody => writeln!(
                    out,
                    "  {} recipients at {}:",
                    g.members.len(),
                    g.company.as_deref().unwrap_or("one company")
                )?,
                _ => writeln!(
                    out,
                    "  {} files: \"{}\"",
                    g.members.len(),
                    truncate(&sample, 100)
                )?,
            }
            for m in g.members.iter().take(HUMAN_MEMBERS) {
                let Some(r) = results.get(m.file) else {
                    continue;
                };
                let (line, column) = LineIndex::new(&r.text).line_col_chars(&r.text, m.range.start);
                match &m.recipient {
                    Some(who) => writeln!(out, "    {}:{line}:{column} ({who})", r.path)?,
                    None => writeln!(out, "    {}:{line}:{column}", r.path)?,
                }
            }
            if g.members.len() > HUMAN_MEMBERS {
                writeln!(out, "    ... and {} more", g.members.len() - HUMAN_MEMBERS)?;
            }
        }
        if groups.len() > HUMAN_GROUPS {
            writeln!(
                out,
                "  ... and {} more group{}",
                groups.len() - HUMAN_GROUPS,
                plural(groups.len() - HUMAN_GROUPS)
            )?;
        }
    }
    writeln!(out)?;
    Ok(())
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}\u{2026}")
}

/// The summary line of one file, when there is something to say.
pub fn file_summary(r: &FileResult) -> Option<String> {
    let fixed = r.fix.as_ref().map_or(0, |f| f.applied);
    if r.error.is_some()
        || (r.findings.is_empty() && fixed == 0 && !super::recipients::has_summary(r))
    {
        return None;
    }
    let t = totals(std::slice::from_ref(r));
    let mut parts = Vec::new();
    for (n, name) in [
        (t.errors, "error"),
        (t.warnings, "warning"),
        (t.infos, "info"),
        (t.hints, "hint"),
    ] {
        if n > 0 {
            parts.push(format!(
                "{n} {name}{}",
                if name == "info" { "" } else { plural(n) }
            ));
        }
    }
    if parts.is_empty() {
        parts.push("clean".to_string());
    }
    let mut line = format!("{}: {}", super::recipients::origin(r), parts.join(", "));
    if fixed > 0 {
        let verb = if r.fix.as_ref().is_some_and(|f| f.diff.is_some()) {
            "would fix"
        } else {
            "fixed"
        };
        line.push_str(&format!("; {verb} {fixed}"));
    }
    super::recipients::extend_summary(&mut line, r);
    Some(line)
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
