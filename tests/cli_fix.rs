//! End-to-end tests of `check --fix` and `--fix --dry-run` through the built binary: line
//! endings, byte-order marks, permissions, read-only files, idempotence, the diff, files
//! with errors, placeholders, standard input and symlinks.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const INVITE: &str = "I'd like to add you to my professional network on LinkedIn.";

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_outreach-lint"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str], dir: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("binary runs")
}

fn write(dir: &Path, name: &str, content: &[u8]) {
    std::fs::write(dir.join(name), content).expect("write file");
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).expect("read file")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A draft whose stock sentences have safe (removal) fixes.
fn draft(newline: &str) -> String {
    [
        "Hi Sam,",
        "",
        &format!("Your talk at RustConf on retry budgets fixed our outage in May. {INVITE}"),
        "",
        INVITE,
        "",
        "Best,",
        "Alex",
        "",
    ]
    .join(newline)
}

#[test]
fn fix_removes_the_stock_sentence_and_keeps_crlf() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.txt", draft("\r\n").as_bytes());
    let out = run(&["check", "--fix", "a.txt"], dir.path());
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let after = text(&read(dir.path(), "a.txt"));
    assert!(!after.contains("professional network"), "{after:?}");
    assert!(
        after.contains("Your talk at RustConf on retry budgets fixed our outage in May."),
        "{after:?}"
    );
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "only CRLF: {after:?}"
    );
    assert!(
        !after.contains("\r\n\r\n\r\n"),
        "no doubled blank line: {after:?}"
    );
    assert!(stderr(&out).contains("fixed"), "{}", stderr(&out));
}

#[test]
fn fix_keeps_a_byte_order_mark() {
    let dir = tempfile::tempdir().expect("tempdir");
    for newline in ["\n", "\r\n"] {
        let content = format!("\u{feff}{}", draft(newline));
        write(dir.path(), "a.txt", content.as_bytes());
        run(&["check", "--fix", "a.txt"], dir.path());
        let after = read(dir.path(), "a.txt");
        assert!(
            after.starts_with(&[0xef, 0xbb, 0xbf]),
            "BOM kept: {:?}",
            text(&after)
        );
        assert_eq!(
            after.iter().filter(|b| **b == 0xef).count(),
            1,
            "one BOM: {:?}",
            text(&after)
        );
        assert!(
            !text(&after).contains("professional network"),
            "{:?}",
            text(&after)
        );
    }
}

#[test]
fn fix_is_idempotent() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", draft("\n").as_bytes());
    let first = run(&["check", "--fix", "--format", "json", "a.md"], dir.path());
    let once = read(dir.path(), "a.md");
    assert_ne!(
        once,
        draft("\n").as_bytes(),
        "the first run changed the file"
    );
    let report: serde_json::Value = serde_json::from_slice(&first.stdout).expect("JSON");
    assert!(
        report["files"][0]["fixed"].as_u64().unwrap_or(0) >= 1,
        "{report}"
    );

    let second = run(&["check", "--fix", "--format", "json", "a.md"], dir.path());
    assert_eq!(
        read(dir.path(), "a.md"),
        once,
        "a second run changes nothing"
    );
    let report: serde_json::Value = serde_json::from_slice(&second.stdout).expect("JSON");
    assert_eq!(report["files"][0]["fixed"], 0);
    assert_eq!(
        first.status.code(),
        second.status.code(),
        "same remaining findings"
    );

    let dry = run(&["check", "--fix", "--dry-run", "a.md"], dir.path());
    assert!(dry.stdout.is_empty(), "no diff left: {}", text(&dry.stdout));
}

#[test]
fn dry_run_prints_a_unified_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", draft("\n").as_bytes());
    let out = run(&["check", "--fix", "--dry-run", "a.md"], dir.path());
    assert_eq!(
        read(dir.path(), "a.md"),
        draft("\n").as_bytes(),
        "untouched"
    );
    let diff = text(&out.stdout);
    assert!(diff.starts_with("--- a/a.md\n+++ b/a.md\n@@ "), "{diff}");
    assert!(
        diff.lines()
            .any(|l| l.starts_with('-') && l.contains("professional network")),
        "{diff}"
    );
    assert!(
        diff.lines()
            .any(|l| l.starts_with('+') && l.contains("RustConf")),
        "{diff}"
    );
    assert!(stderr(&out).contains("would fix"), "{}", stderr(&out));
    // The exit code is that of the findings as they are.
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn dry_run_requires_fix() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", draft("\n").as_bytes());
    let out = run(&["check", "--dry-run", "a.md"], dir.path());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn fix_keeps_permissions_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", draft("\n").as_bytes());
    let path = dir.path().join("a.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    run(&["check", "--fix", "a.md"], dir.path());
    assert_ne!(read(dir.path(), "a.md"), draft("\n").as_bytes());
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.md"]);
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "a.md", draft("\n").as_bytes());
    let path = dir.path().join("a.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let out = run(&["check", "--fix", "a.md"], dir.path());
    assert_eq!(
        read(dir.path(), "a.md"),
        draft("\n").as_bytes(),
        "untouched"
    );
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(1), "its findings still count");
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

#[test]
fn files_with_errors_are_never_touched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut latin1 = format!("{INVITE}\n").into_bytes();
    latin1.extend_from_slice(b"caf\xe9\n");
    write(dir.path(), "latin1.txt", &latin1);
    let mut binary = format!("{INVITE}\n").into_bytes();
    binary.extend_from_slice(b"\0\x01\x02");
    write(dir.path(), "binary.txt", &binary);
    let bad_front_matter = format!("---\nrecipient: [unclosed\n---\nHi Sam,\n\n{INVITE}\n");
    write(dir.path(), "front.md", bad_front_matter.as_bytes());
    let report = run(&["check", "--format", "json", "front.md"], dir.path());
    let front_matter_error =
        String::from_utf8_lossy(&report.stdout).contains("\"front-matter-error\"");

    let out = run(&["check", "--fix", "."], dir.path());
    assert_eq!(read(dir.path(), "latin1.txt"), latin1);
    assert_eq!(read(dir.path(), "binary.txt"), binary);
    if front_matter_error {
        // A file whose front matter does not parse is not fixed either.
        assert_eq!(read(dir.path(), "front.md"), bad_front_matter.as_bytes());
        assert!(stderr(&out).contains("front.md"), "{}", stderr(&out));
    }
}

#[test]
fn placeholder_fixes_are_never_applied() {
    let dir = tempfile::tempdir().expect("tempdir");
    let content = "Hi {{first_name}},\n\nI saw your profile and thought of you.\n";
    write(dir.path(), "a.md", content.as_bytes());
    run(&["check", "--fix", "a.md"], dir.path());
    let after = text(&read(dir.path(), "a.md"));
    assert!(after.contains("{{first_name}}"), "{after}");
    assert!(
        !after.contains('['),
        "no placeholder line was inserted: {after}"
    );
}

#[test]
fn standard_input_is_fixed_to_standard_output() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = bin()
        .args(["check", "--fix", "--stdin-filename", "draft.md", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(draft("\n").as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("finishes");
    let fixed = text(&out.stdout);
    assert!(fixed.starts_with("Hi Sam,\n"), "{fixed}");
    assert!(!fixed.contains("professional network"), "{fixed}");
    assert!(
        !dir.path().join("draft.md").exists(),
        "the --stdin-filename file is not written"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_keeps_pointing_at_the_fixed_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir(dir.path().join("real")).expect("mkdir");
    write(&dir.path().join("real"), "a.md", draft("\n").as_bytes());
    std::os::unix::fs::symlink("real/a.md", dir.path().join("link.md")).expect("symlink");
    run(&["check", "--fix", "link.md"], dir.path());
    let link = dir.path().join("link.md");
    assert!(std::fs::symlink_metadata(&link)
        .expect("meta")
        .file_type()
        .is_symlink());
    let after = text(&read(&dir.path().join("real"), "a.md"));
    assert!(!after.contains("professional network"), "{after}");
}
