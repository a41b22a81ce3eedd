//! `check --fix`: apply the safe fixes of a file until none is left, then write the file
//! atomically (a temporary file in the same folder, then a rename), keeping its line
//! endings, byte-order mark, permissions and owner. `--fix --dry-run` produces a unified
//! diff instead of writing.
//!
//! What counts as safe: a fix the core marks `safe` whose replacement carries no
//! placeholder (`[topic]`, `{{field}}`): a placeholder is a line to fill in, never text to
//! write into someone's file unread.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::fix::{apply_edits, safe_fix_edits};
use crate::lint::{Edit, Finding, Fix};
use crate::rules::document::ids;

/// Fixing stops after this many lint-and-apply passes (each pass applies the fixes that do
/// not overlap; a later pass picks up what an earlier one skipped).
pub const MAX_PASSES: usize = 10;

const BOM: char = '\u{feff}';

/// What `--fix` did to one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FixOutcome {
    /// Fixes applied (or, with `--dry-run`, that would be).
    pub applied: usize,
    /// The unified diff, with `--dry-run`, when the text would change.
    pub diff: Option<String>,
    /// With standard input: the text to write to standard output (fixed, or as it was).
    pub stdout_text: Option<String>,
    /// Why the file was left as it was although it had fixes.
    pub not_written: Option<String>,
}

/// The line break a file uses: CRLF when it has CRLF and no lone LF.
fn crlf(text: &str) -> bool {
    let crlf = text.matches("\r\n").count();
    crlf > 0 && crlf == text.matches('\n').count()
}

/// Whether a replacement is (or carries) a placeholder to fill in.
pub fn has_placeholder(text: &str) -> bool {
    if text.contains("{{") {
        return true;
    }
    let bytes = text.as_bytes();
    let mut open = None;
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'[' => open = Some(i),
            b']' => {
                if let Some(start) = open.take() {
                    if text[start + 1..i].chars().any(char::is_alphabetic) {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// A fix `--fix` may apply.
pub fn is_applicable(fix: &Fix) -> bool {
    fix.safe && !fix.edits.iter().any(|e| has_placeholder(&e.replacement))
}

/// Whether a file's findings say its structure is unsure (front matter that does not parse,
/// over the size cap): such a file is never fixed.
pub fn blocks_fixing(findings: &[Finding]) -> Option<&'static str> {
    findings.iter().find_map(|f| match f.rule.as_str() {
        ids::FRONT_MATTER_ERROR => Some("its front matter does not parse"),
        ids::FILE_TOO_LARGE => Some("it is over the size cap"),
        _ => None,
    })
}

/// The edits of one pass: the first applicable fix of each finding, without overlaps, with
/// line breaks in replacements matched to the file's and no edit splitting a CRLF.
fn pass_edits(text: &str, findings: &[Finding]) -> Vec<Edit> {
    let filtered: Vec<Finding> = findings
        .iter()
        .filter(|f| f.fixes.iter().any(is_applicable))
        .map(|f| Finding {
            fixes: f
                .fixes
                .iter()
                .filter(|x| is_applicable(x))
                .cloned()
                .collect(),
            ..f.clone()
        })
        .collect();
    let use_crlf = crlf(text);
    let bytes = text.as_bytes();
    let splits_crlf =
        |at: usize| at > 0 && at < bytes.len() && bytes[at - 1] == b'\r' && bytes[at] == b'\n';
    // Removals that empty a paragraph are tidied by the core (`fix::tidy_blank_lines`).
    safe_fix_edits(text, &filtered)
        .into_iter()
        .filter(|e| !splits_crlf(e.start) && !splits_crlf(e.end))
        .map(|mut e| {
            if e.replacement.contains('\n') || e.replacement.contains('\r') {
                let lf = e.replacement.replace("\r\n", "\n");
                e.replacement = if use_crlf {
                    lf.replace('\n', "\r\n")
                } else {
                    lf
                };
            }
            e
        })
        .collect()
}

/// Apply safe fixes until none is left (or [`MAX_PASSES`]). `lint` re-lints a text.
/// Returns the final text, its findings and the number of fixes applied.
pub fn fix_text(
    text: &str,
    findings: Vec<Finding>,
    mut lint: impl FnMut(&str) -> Vec<Finding>,
) -> (String, Vec<Finding>, usize) {
    let had_bom = text.starts_with(BOM);
    let mut current = text.to_string();
    let mut findings = findings;
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        let edits = pass_edits(&current, &findings);
        if edits.is_empty() {
            break;
        }
        let (mut next, count) = apply_edits(&current, &edits);
        if had_bom && !next.starts_with(BOM) {
            next.insert(0, BOM);
        }
        if next == current || count == 0 {
            break;
        }
        applied += count;
        current = next;
        findings = lint(&current);
    }
    (current, findings, applied)
}

/// Fix one checked file: apply the safe fixes until none is left, then write the file (or,
/// with `dry_run`, only make the diff; for standard input, hand back the fixed text).
/// `file` is the file to write, `None` for standard input. Returns the text and findings
/// to report (the fixed ones once written) and what was done.
pub fn fix_one(
    file: Option<&Path>,
    display: &str,
    text: String,
    findings: Vec<Finding>,
    dry_run: bool,
    lint: impl FnMut(&str) -> Vec<Finding>,
) -> (String, Vec<Finding>, FixOutcome) {
    let (text, findings, mut outcome) = fix_or_keep(file, display, text, findings, dry_run, lint);
    // Standard input always comes back, fixed or as it was, as a formatter's would.
    if file.is_none() && !dry_run {
        outcome.stdout_text = Some(text.clone());
    }
    (text, findings, outcome)
}

fn fix_or_keep(
    file: Option<&Path>,
    display: &str,
    text: String,
    findings: Vec<Finding>,
    dry_run: bool,
    lint: impl FnMut(&str) -> Vec<Finding>,
) -> (String, Vec<Finding>, FixOutcome) {
    let mut outcome = FixOutcome::default();
    if !findings.iter().any(|f| f.fixes.iter().any(is_applicable)) {
        return (text, findings, outcome);
    }
    if let Some(reason) = blocks_fixing(&findings) {
        outcome.not_written = Some(format!("not fixed: {reason}"));
        return (text, findings, outcome);
    }
    let (fixed, fixed_findings, applied) = fix_text(&text, findings.clone(), lint);
    if applied == 0 || fixed == text {
        return (text, findings, outcome);
    }
    outcome.applied = applied;
    if dry_run {
        outcome.diff = Some(unified_diff(display, &text, &fixed));
        return (text, findings, outcome);
    }
    match file {
        None => (fixed, fixed_findings, outcome),
        Some(path) => match write_atomic(path, text.as_bytes(), fixed.as_bytes()) {
            Ok(()) => (fixed, fixed_findings, outcome),
            Err(err) => {
                outcome.applied = 0;
                outcome.not_written = Some(err.to_string());
                (text, findings, outcome)
            }
        },
    }
}

/// A unified diff of a fix, with `a/` and `b/` paths as git prints them.
pub fn unified_diff(path: &str, before: &str, after: &str) -> String {
    let path = path.trim_start_matches("./");
    let mut diff = similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    if !diff.is_empty() && !diff.ends_with('\n') {
        diff.push('\n');
    }
    diff
}

/// Why a file cannot be written by `--fix`.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The file's permissions say it is not to be written.
    #[error("the file is read-only; fixes not applied")]
    ReadOnly,
    /// Someone changed the file while it was being checked.
    #[error("the file changed on disk while it was being checked; fixes not applied")]
    Changed,
    /// An I/O step failed.
    #[error("{step}: {source}; fixes not applied")]
    Io {
        /// What was being done.
        step: &'static str,
        /// Why it failed.
        source: std::io::Error,
    },
}

fn io(step: &'static str) -> impl FnOnce(std::io::Error) -> WriteError {
    move |source| WriteError::Io { step, source }
}

/// Replace the contents of `path` with `contents`, atomically: a temporary file in the same
/// folder with the original's permissions (and owner, where allowed), then a rename over it.
/// A symlink is followed and its target replaced. `original` is what was read: if the file
/// no longer holds it, nothing is written.
pub fn write_atomic(path: &Path, original: &[u8], contents: &[u8]) -> Result<(), WriteError> {
    let target: PathBuf = std::fs::canonicalize(path).map_err(io("resolving the path"))?;
    let meta = std::fs::metadata(&target).map_err(io("reading the file's metadata"))?;
    // Checked by mode bits, not by trying: a root process could write anyway.
    if meta.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".outreach-lint-fix-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io("creating a temporary file next to it"))?;
    tmp.write_all(contents)
        .map_err(io("writing the temporary file"))?;
    tmp.as_file()
        .sync_all()
        .map_err(io("syncing the temporary file"))?;
    std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(io("copying permissions"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        // Best effort: only a privileged process may give a file away.
        let _ = std::os::unix::fs::chown(tmp.path(), Some(meta.uid()), Some(meta.gid()));
    }
    let now = std::fs::read(&target).map_err(io("re-reading the file"))?;
    if now != original {
        return Err(WriteError::Changed);
    }
    tmp.persist(&target).map_err(|e| WriteError::Io {
        step: "renaming the temporary file over the original",
        source: e.error,
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(title: &str, start: usize, end: usize, replacement: &str, safe: bool) -> Fix {
        Fix {
            title: title.to_string(),
            edits: vec![Edit {
                start,
                end,
                replacement: replacement.to_string(),
            }],
            safe,
            preferred: false,
        }
    }

    fn finding(fixes: Vec<Fix>) -> Finding {
        Finding {
            rule: "r".into(),
            category: "c".into(),
            severity: crate::rules::Severity::Warning,
            message: "m".into(),
            range: 0..1,
            fixes,
            pattern: None,
            detail: None,
        }
    }

    #[test]
    fn placeholders_are_recognised() {
        assert!(has_placeholder("We met at [where we met]."));
        assert!(has_placeholder("Hi {{first_name}}"));
        assert!(!has_placeholder("See [1] and a [ ] box"));
        assert!(!has_placeholder("Plain text."));
    }

    #[test]
    fn placeholder_fixes_are_skipped_even_when_marked_safe() {
        let text = "abc def";
        let findings = vec![finding(vec![
            fix("placeholder", 0, 3, "[topic]", true),
            fix("remove", 0, 4, "", true),
        ])];
        let (out, _, applied) = fix_text(text, findings, |_| Vec::new());
        assert_eq!((out.as_str(), applied), ("def", 1));
    }

    #[test]
    fn crlf_files_get_crlf_replacements_and_keep_their_bom() {
        let text = "\u{feff}one\r\ntwo\r\n";
        let findings = vec![finding(vec![fix("x", 0, 6, "uno\ndos", true)])];
        let (out, _, _) = fix_text(text, findings, |_| Vec::new());
        assert_eq!(out, "\u{feff}uno\r\ndos\r\ntwo\r\n");
    }

    #[test]
    fn edits_that_split_a_crlf_are_dropped() {
        let text = "one\r\ntwo";
        let findings = vec![finding(vec![fix("x", 4, 5, "", true)])];
        let (out, _, applied) = fix_text(text, findings, |_| Vec::new());
        assert_eq!((out.as_str(), applied), (text, 0));
    }

    #[test]
    fn a_file_whose_front_matter_does_not_parse_is_not_fixed() {
        let text = "---\nrecipient: [\n---\nabc def\n".to_string();
        let mut broken = finding(vec![]);
        broken.rule = ids::FRONT_MATTER_ERROR.to_string();
        let findings = vec![broken, finding(vec![fix("remove", 16, 20, "", true)])];
        let (out, _, outcome) =
            fix_one(None, "a.md", text.clone(), findings, false, |_| Vec::new());
        assert_eq!(out, text);
        assert_eq!(outcome.applied, 0);
        assert!(outcome
            .not_written
            .is_some_and(|w| w.contains("front matter")));
        assert_eq!(
            outcome.stdout_text,
            Some(text),
            "standard input comes back as it was"
        );
    }

    #[test]
    fn diff_has_git_style_headers() {
        let diff = unified_diff("./a.md", "one\ntwo\n", "one\n");
        assert!(diff.starts_with("--- a/a.md\n+++ b/a.md\n"), "{diff}");
        assert!(diff.contains("\n-two\n"), "{diff}");
    }
}
