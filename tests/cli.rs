//! End-to-end tests of `outreach-lint check`, `rules` and `explain` through the built
//! binary: the JSON contract, exit codes, standard input, unreadable and binary files,
//! .gitignore, colour, config files and suppression directives.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

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

fn run_stdin(args: &[&str], dir: &Path, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = bin()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("binary finishes")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

fn write(dir: &Path, name: &str, content: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, content).expect("write file");
}

fn rules_of(file: &Value) -> Vec<String> {
    file["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| d["rule"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn file_entry<'a>(report: &'a Value, suffix: &str) -> &'a Value {
    report["files"]
        .as_array()
        .expect("files array")
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(suffix)))
        .unwrap_or_else(|| panic!("{suffix} listed in {report}"))
}

#[test]
fn json_contract_positions_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("Hi Zoë 😀,\n\n{INVITE}\n");
    write(dir.path(), "a.md", text.as_bytes());
    write(
        dir.path(),
        "clean.txt",
        b"Your talk at RustConf on retry budgets fixed our outage in May.\n",
    );
    let out = run(&["check", "--format", "json", "."], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["version"], 1);
    let a = file_entry(&report, "a.md");
    assert!(a["error"].is_null());
    let diag = a["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "linkedin-default-invite")
        .expect("the invitation is flagged");
    for key in [
        "rule", "category", "severity", "message", "matched", "start", "end", "fixes",
    ] {
        assert!(diag.get(key).is_some(), "diagnostic has {key}");
    }
    assert_eq!(diag["category"], "platform_default");
    let start = diag["start"]["offset"].as_u64().unwrap() as usize;
    let end = diag["end"]["offset"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..end], diag["matched"].as_str().unwrap());
    assert_eq!(diag["start"]["line"], 3);
    assert_eq!(diag["start"]["column"], 1);
    assert!(diag["matched"]
        .as_str()
        .unwrap()
        .starts_with("I'd like to add you"));
    let fix = &diag["fixes"][0];
    assert!(fix["title"].is_string());
    assert!(fix["edits"][0]["start"].is_u64());
    // The clean file is listed with an empty list.
    let clean = file_entry(&report, "clean.txt");
    assert_eq!(clean["diagnostics"].as_array().unwrap().len(), 0);
    let summary = &report["summary"];
    assert_eq!(summary["files"], 2);
    assert_eq!(summary["files_with_findings"], 1);
    let total = summary["diagnostics"].as_u64().unwrap();
    let by_sev: u64 = ["errors", "warnings", "infos", "hints"]
        .iter()
        .map(|k| summary[k].as_u64().unwrap())
        .sum();
    assert_eq!(total, by_sev);
}

#[test]
fn columns_count_unicode_scalars_after_emoji() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("😀 é {INVITE}\n");
    write(dir.path(), "e.txt", text.as_bytes());
    let report = json(&run(&["check", "--format", "json", "e.txt"], dir.path()));
    let diag = file_entry(&report, "e.txt")["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "linkedin-default-invite")
        .expect("flagged");
    assert_eq!(diag["start"]["column"], 5);
    assert_eq!(diag["start"]["offset"], 8);
}

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "clean.txt",
        b"Your talk at RustConf on retry budgets fixed our outage in May.\n",
    );
    write(dir.path(), "bad.txt", format!("{INVITE}\n").as_bytes());
    assert_eq!(
        run(&["check", "clean.txt"], dir.path()).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["check", "bad.txt"], dir.path()).status.code(),
        Some(1)
    );
    assert_eq!(
        run(&["check", "--fail-level", "error", "bad.txt"], dir.path())
            .status
            .code(),
        Some(0)
    );
    let missing = run(&["check", "nope.md"], dir.path());
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert!(
        stderr.contains("nope.md") && stderr.contains("no such file"),
        "{stderr}"
    );
    assert_eq!(
        run(&["check", "--no-such-flag"], dir.path()).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", "--format", "yaml", "."], dir.path())
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn stdin_with_and_without_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let md = "Some `I'd like to add you to my professional network` in code.\n";
    // Only the platform rules: the draft is too short to give a reason, which is not the point here.
    let named = run_stdin(
        &[
            "check",
            "--format",
            "json",
            "--only",
            "platform_default",
            "--stdin-filename",
            "note.md",
            "-",
        ],
        dir.path(),
        md.as_bytes(),
    );
    assert_eq!(
        named.status.code(),
        Some(0),
        "code is not prose in markdown"
    );
    assert_eq!(json(&named)["files"][0]["path"], "note.md");
    let plain = run_stdin(
        &["check", "--format", "json", "-"],
        dir.path(),
        md.as_bytes(),
    );
    assert_eq!(plain.status.code(), Some(1), "plain text has no code spans");
    assert_eq!(json(&plain)["files"][0]["path"], "<stdin>");
}

#[test]
fn binary_and_non_utf8_files_are_error_entries() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bin.md", b"\x00\x01\x02PNG");
    write(dir.path(), "latin1.txt", b"Caf\xe9 society\n");
    write(
        dir.path(),
        "ok.txt",
        b"Your RustConf talk on retries was great.\n",
    );
    let out = run(&["check", "--format", "json", "."], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert!(file_entry(&report, "bin.md")["error"]
        .as_str()
        .unwrap()
        .contains("binary"));
    assert!(file_entry(&report, "latin1.txt")["error"]
        .as_str()
        .unwrap()
        .contains("UTF-8"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bin.md") && stderr.contains("latin1.txt"),
        "{stderr}"
    );
}

#[test]
fn gitignore_and_ignore_files_are_respected_and_extensions_filtered() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".gitignore", b"old/\n");
    write(dir.path(), ".ignore", b"scratch.md\n");
    write(dir.path(), "old/a.md", INVITE.as_bytes());
    write(dir.path(), "scratch.md", INVITE.as_bytes());
    write(dir.path(), "code.rs", INVITE.as_bytes());
    write(dir.path(), "keep.md", INVITE.as_bytes());
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert!(paths[0].ends_with("keep.md"));
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.txt", INVITE.as_bytes());
    let piped = run(&["check", "bad.txt"], dir.path());
    assert!(!piped.stdout.contains(&0x1b), "no escapes when piped");
    let forced = run(&["check", "--color", "always", "bad.txt"], dir.path());
    assert!(forced.stdout.contains(&0x1b), "escapes with --color always");
    let out = bin()
        .args(["check", "bad.txt"])
        .env("NO_COLOR", "1")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b));
    let human = String::from_utf8_lossy(&piped.stdout);
    assert!(
        human.contains("linkedin-default-invite") && human.contains("bad.txt:1:1"),
        "{human}"
    );
}

#[test]
fn only_and_ignore_take_ids_and_categories() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        format!("I hope this message finds you well. {INVITE}\n").as_bytes(),
    );
    let all = json(&run(&["check", "--format", "json", "a.txt"], dir.path()));
    let rules = rules_of(&all["files"][0]);
    assert!(
        rules.contains(&"linkedin-default-invite".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"hope-finds-you-well".to_string()),
        "{rules:?}"
    );
    let only = json(&run(
        &[
            "check",
            "--format",
            "json",
            "--only",
            "platform_default",
            "a.txt",
        ],
        dir.path(),
    ));
    assert_eq!(rules_of(&only["files"][0]), vec!["linkedin-default-invite"]);
    let ignored = json(&run(
        &[
            "check",
            "--format",
            "json",
            "--ignore",
            "linkedin-default-invite,missing-context",
            "a.txt",
        ],
        dir.path(),
    ));
    assert!(!rules_of(&ignored["files"][0]).contains(&"linkedin-default-invite".to_string()));
}

#[test]
fn config_file_is_found_upward_and_validated() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".outreach-lint.toml",
        br#"templates = ["templates/**"]
allowed-phrases = ["I hope this message finds you well"]

[rules]
linkedin-default-invite = "error"

[[rule]]
id = "no-carrier-pigeon"
category = "filler"
severity = "info"
message = "Nobody sends these by pigeon"
hint = "Use email."
patterns = ["carrier pigeon"]
"#,
    );
    write(
        dir.path(),
        "notes/a.txt",
        format!("{INVITE} Sent by carrier pigeon. I hope this message finds you well.\n")
            .as_bytes(),
    );
    write(
        dir.path(),
        "templates/t.md",
        b"Hi {{first_name}}, your talk at {{event}} on retries helped us.\n",
    );
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    let a = file_entry(&report, "a.txt");
    let diags = a["diagnostics"].as_array().unwrap();
    let invite = diags
        .iter()
        .find(|d| d["rule"] == "linkedin-default-invite")
        .unwrap();
    assert_eq!(invite["severity"], "error");
    assert!(diags.iter().any(|d| d["rule"] == "no-carrier-pigeon"));
    assert!(
        !diags.iter().any(|d| d["rule"] == "hope-finds-you-well"),
        "allowed phrase"
    );
    let t = file_entry(&report, "t.md");
    assert!(
        !t["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["category"] == "placeholder"),
        "merge fields in templates are fine: {t}"
    );
    // The same merge field in a draft is flagged.
    write(
        dir.path(),
        "notes/d.md",
        b"Hi {{first_name}}, your talk at RustConf on retries helped us.\n",
    );
    let report = json(&run(
        &["check", "--format", "json", "notes/d.md"],
        dir.path(),
    ));
    assert!(report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["category"] == "placeholder"));
}

#[test]
fn invalid_configs_exit_2_with_file_line_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".outreach-lint.toml",
        b"extensions = [\"md\"]\n[rules]\nlinkedin-default-invite = 3\n",
    );
    write(dir.path(), "a.md", INVITE.as_bytes());
    let out = run(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(".outreach-lint.toml") && stderr.contains("linkedin-default-invite"),
        "{stderr}"
    );

    write(dir.path(), ".outreach-lint.toml", b"[[rule]]\nid = \"broken\"\ncategory = \"filler\"\nmessage = \"m\"\npatterns = [\"re:(open\"]\n");
    let out = run(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken"));

    write(dir.path(), ".outreach-lint.toml", b"rules = [\n");
    let out = run(&["check", "."], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(".outreach-lint.toml:"),
        "line number given"
    );
}

#[test]
fn markdown_directives_silence_findings() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "<!-- outreach-lint-disable-next-line linkedin-default-invite -->\n{INVITE}\n\n<!-- outreach-lint-disable platform_default -->\n{INVITE}\n<!-- outreach-lint-enable -->\n\n{INVITE}\n"
    );
    write(dir.path(), "d.md", text.as_bytes());
    let report = json(&run(
        &[
            "check",
            "--format",
            "json",
            "--only",
            "platform_default",
            "d.md",
        ],
        dir.path(),
    ));
    let diags = report["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["start"]["line"], 8);
    write(
        dir.path(),
        "f.md",
        format!("<!-- outreach-lint-disable-file -->\n{INVITE}\n").as_bytes(),
    );
    assert_eq!(run(&["check", "f.md"], dir.path()).status.code(), Some(0));
}

#[test]
fn prose_variants_still_match() {
    let dir = tempfile::tempdir().unwrap();
    let variants = [
        "I’d like to add you to my professional\nnetwork on LinkedIn.",
        "I would like to add you to my professional network.",
        "I'd\u{a0}like to add you to my network.",
        "Hello,\r\n\r\nI'd like to add you to my\r\nprofessional network on LinkedIn.\r\n",
        "I'd *like* to add you to my **professional network**.",
    ];
    for (i, v) in variants.iter().enumerate() {
        write(dir.path(), &format!("v{i}.md"), v.as_bytes());
    }
    let report = json(&run(
        &[
            "check",
            "--format",
            "json",
            "--only",
            "platform_default",
            ".",
        ],
        dir.path(),
    ));
    for (i, v) in variants.iter().enumerate() {
        let f = file_entry(&report, &format!("v{i}.md"));
        assert!(
            rules_of(f).contains(&"linkedin-default-invite".to_string()),
            "variant {v:?}: {f}"
        );
    }
}

#[test]
fn rules_and_explain() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["rules", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let list = json(&out);
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["id"] == "linkedin-default-invite"));
    let table = String::from_utf8_lossy(&run(&["rules"], dir.path()).stdout).into_owned();
    assert!(table.starts_with("ID") && table.contains("platform_default"));
    let explain = run(&["explain", "linkedin-default-invite"], dir.path());
    assert_eq!(explain.status.code(), Some(0));
    let text = String::from_utf8_lossy(&explain.stdout);
    assert!(text.contains("linkedin-default-invite") && text.contains("outreach-lint-disable"));
    assert_eq!(
        run(&["explain", "no-such-rule"], dir.path()).status.code(),
        Some(2)
    );
}

/// A run over more files than one report batch lists every file once, in path order, with
/// the same entries and summary as the one-piece report that campaign runs still use.
#[test]
fn large_runs_report_every_file_once_in_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..1100 {
        let body = if i % 3 == 0 {
            "Hi Sam, I'd like to add you to my professional network.\n"
        } else {
            "Hi Sam, your retry-budget talk at RustConf changed how we page.\n"
        };
        write(dir.path(), &format!("d/{i:05}.md"), body.as_bytes());
    }
    let streamed = json(&run(&["check", "--format", "json", "d"], dir.path()));
    let files = streamed["files"].as_array().unwrap();
    assert_eq!(files.len(), 1100);
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(paths, sorted, "sorted and unique");
    assert_eq!(streamed["summary"]["files"], 1100);
    assert_eq!(
        streamed["summary"]["files_with_findings"].as_u64().unwrap(),
        files
            .iter()
            .filter(|f| !f["diagnostics"].as_array().unwrap().is_empty())
            .count() as u64
    );
    // The same run as one piece (a campaign run) carries the same file entries.
    write(dir.path(), ".outreach-lint.toml", b"campaign = true\n");
    let whole = json(&run(&["check", "--format", "json", "d"], dir.path()));
    let strip = |report: &Value| -> Vec<Value> {
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let mut f = f.clone();
                if let Some(list) = f["diagnostics"].as_array_mut() {
                    list.retain(|d| !d["rule"].as_str().unwrap_or("").starts_with("campaign"));
                }
                f
            })
            .collect()
    };
    assert_eq!(strip(&streamed), strip(&whole));
}
