//! End-to-end tests of `check --format sarif|github|compact` and `--output` through the
//! built binary. SARIF is validated against the OASIS SARIF 2.1.0 schema kept in
//! tests/schemas/. Tests do not depend on which built-in rule fires: they read the rule ids
//! from the JSON report of the same input, or use a custom rule from a config file.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const INVITE: &str = "I'd like to add you to my professional network on LinkedIn.";

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outreach-lint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("binary runs")
}

fn write(dir: &Path, name: &str, content: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, content).expect("write file");
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}\nstderr: {}",
            stdout(out),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The OASIS schema, unchanged on disk. One pattern in it (`language` of a run and of a
/// tool component, properties we never write) has a stray `]` that the validator rejects
/// when it checks the schema itself; it is replaced here by the pattern it was meant to be.
fn sarif_schema() -> Value {
    const ERRATUM: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    fn patch(value: &mut Value, count: &mut usize) {
        match value {
            Value::String(s) if s == ERRATUM => {
                *s = "^[a-zA-Z]{2}$|^[a-zA-Z]{2}-[a-zA-Z]{2}$".to_string();
                *count += 1;
            }
            Value::Array(items) => items.iter_mut().for_each(|v| patch(v, count)),
            Value::Object(map) => map.values_mut().for_each(|v| patch(v, count)),
            _ => {}
        }
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sarif-schema-2.1.0.json");
    let text = std::fs::read_to_string(path).expect("schema file");
    let mut schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    let mut count = 0;
    patch(&mut schema, &mut count);
    assert_eq!(count, 2, "the known erratum, twice");
    schema
}

#[track_caller]
fn assert_valid_sarif(log: &Value) {
    let schema = sarif_schema();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not match the 2.1.0 schema:\n{}",
        errors.join("\n")
    );
}

/// (rule, line, column) of every diagnostic in the JSON report, per path suffix.
fn json_findings(report: &Value) -> Vec<(String, String, u64, u64)> {
    let mut out = Vec::new();
    for file in report["files"].as_array().expect("files") {
        let path = file["path"]
            .as_str()
            .unwrap_or_default()
            .trim_start_matches("./")
            .to_string();
        for d in file["diagnostics"].as_array().expect("diagnostics") {
            out.push((
                path.clone(),
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["start"]["line"].as_u64().unwrap_or(0),
                d["start"]["column"].as_u64().unwrap_or(0),
            ));
        }
    }
    out.sort();
    out
}

fn sample_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.md",
        format!("Hi {{{{first_name}}}},\n\nZoë 😀 says: {INVITE}\n").as_bytes(),
    );
    write(
        dir.path(),
        "notes/café draft.txt",
        format!("Hello Sam,\n\n{INVITE}\n\nBest,\nAlex\n").as_bytes(),
    );
    write(
        dir.path(),
        "clean.txt",
        b"Your talk at RustConf on retry budgets fixed our outage in May.\n",
    );
    write(dir.path(), "broken.txt", b"caf\xe9 au lait\n");
    dir
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema_and_matches_the_json_report() {
    let dir = sample_folder();
    let out = run(&["check", "--format", "sarif", "."], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let log = json(&out);
    assert_valid_sarif(&log);
    // The validator does reject what the schema forbids.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("loud");
    let schema = sarif_schema();
    assert!(!jsonschema::validator_for(&schema)
        .expect("compiles")
        .is_valid(&broken));
    assert_eq!(log["version"], "2.1.0");
    let run0 = &log["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "outreach-lint");
    assert_eq!(run0["columnKind"], "unicodeCodePoints");

    // Every rule entry carries what code-scanning pages show.
    let rules = run0["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(!rules.is_empty());
    for rule in rules {
        for key in ["id", "name"] {
            assert!(
                rule[key].as_str().is_some_and(|s| !s.is_empty()),
                "{key} in {rule}"
            );
        }
        for key in ["shortDescription", "fullDescription", "help"] {
            assert!(
                rule[key]["text"]
                    .as_str()
                    .is_some_and(|s| !s.trim().is_empty()),
                "{key} in {rule}"
            );
        }
        assert!(
            matches!(
                rule["defaultConfiguration"]["level"].as_str(),
                Some("error" | "warning" | "note")
            ),
            "{rule}"
        );
    }
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    let unique: BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "rule ids are unique");
    assert!(
        ids.contains(&"campaign-duplicate-opener"),
        "campaign checks are listed"
    );

    // The same findings as the JSON report, at the same places.
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    let expected = json_findings(&report);
    let results = run0["results"].as_array().expect("results");
    let mut got = Vec::new();
    for r in results {
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(
            rules[index]["id"], r["ruleId"],
            "ruleIndex points at the rule"
        );
        assert!(matches!(
            r["level"].as_str(),
            Some("error" | "warning" | "note")
        ));
        let fp = r["partialFingerprints"]["outreachLint/v1"]
            .as_str()
            .expect("fingerprint");
        assert!(fp.contains(':'), "{fp}");
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let uri = loc["artifactLocation"]["uri"].as_str().expect("uri");
        let path = if uri.starts_with("notes/") {
            assert_eq!(
                uri, "notes/caf%C3%A9%20draft.txt",
                "URIs are percent-encoded"
            );
            "notes/café draft.txt".to_string()
        } else {
            uri.to_string()
        };
        got.push((
            path,
            r["ruleId"].as_str().unwrap_or_default().to_string(),
            loc["region"]["startLine"].as_u64().unwrap_or(0),
            loc["region"]["startColumn"].as_u64().unwrap_or(0),
        ));
    }
    got.sort();
    assert_eq!(got, expected);

    // The unreadable file is a notification, not a result.
    let notes = run0["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert!(
        notes.iter().any(|n| n["message"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("broken.txt"))),
        "{notes:?}"
    );
    assert!(run0["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .is_some_and(|u| u.starts_with("file:///") && u.ends_with('/')));
}

#[test]
fn sarif_fingerprints_survive_lines_moving() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = format!("{INVITE}\n\nJust wanted to touch base. {INVITE}\n");
    write(dir.path(), "a.md", format!("Hi Sam,\n\n{body}").as_bytes());
    let before = json(&run(&["check", "--format", "sarif", "a.md"], dir.path()));
    write(
        dir.path(),
        "a.md",
        format!("Hi Sam,\n\nA new first paragraph about the PyCon sprint.\n\n\n{body}").as_bytes(),
    );
    let after = json(&run(&["check", "--format", "sarif", "a.md"], dir.path()));
    let prints = |log: &Value| -> HashMap<String, (String, u64)> {
        log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["outreachLint/v1"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    (
                        r["ruleId"].as_str().unwrap_or_default().to_string(),
                        r["locations"][0]["physicalLocation"]["region"]["startLine"]
                            .as_u64()
                            .unwrap_or(0),
                    ),
                )
            })
            .collect()
    };
    let (b, a) = (prints(&before), prints(&after));
    // Phrase findings keep their fingerprint when their lines move; the repeated invitation
    // is told apart by its occurrence number.
    let moved: Vec<&String> = b
        .iter()
        .filter(|(fp, (rule, line))| {
            a.get(*fp)
                .is_some_and(|(r2, l2)| r2 == rule && *l2 == line + 3)
        })
        .map(|(fp, _)| fp)
        .collect();
    assert!(moved.len() >= 2, "before {b:?}\nafter {a:?}");
    let hashes: BTreeSet<&str> = moved
        .iter()
        .map(|k| k.split(':').next().unwrap_or(""))
        .collect();
    assert!(
        hashes.len() < moved.len(),
        "the two invitations share a hash, told apart by :1 and :2: {moved:?}"
    );
}

const CUSTOM_CONFIG: &str = r#"
[[rule]]
id = "my-house-rule"
category = "house_style"
severity = "warning"
message = "50% of readers stop here: say it, plainly, now"
hint = "Name the thing.\nThen ask."
patterns = ["purple monkey dishwasher"]
"#;

#[test]
fn github_commands_are_escaped_as_github_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), ".outreach-lint.toml", CUSTOM_CONFIG.as_bytes());
    write(
        dir.path(),
        "odd, name: 100%.txt",
        b"Hi Sam,\n\nThe purple monkey dishwasher is back.\n",
    );
    write(dir.path(), "broken.txt", b"\xff\xfe\n");
    let out = run(&["check", "--format", "github", "."], dir.path());
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    for line in text.lines() {
        assert!(
            line.starts_with("::"),
            "every line is a workflow command: {line:?}"
        );
    }
    let line = text
        .lines()
        .find(|l| l.contains("title=my-house-rule"))
        .unwrap_or_else(|| panic!("custom rule reported: {text}"));
    assert_eq!(
        line,
        "::warning file=odd%2C name%3A 100%25.txt,line=3,col=5,endLine=3,endColumn=29,title=my-house-rule::50%25 of readers stop here: say it, plainly, now%0AName the thing.%0AThen ask."
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("::error file=broken.txt,")),
        "{text}"
    );
}

#[test]
fn github_levels_map_to_error_warning_and_notice() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.md",
        format!("Hi {{{{first_name}}}},\n\n{INVITE}\n").as_bytes(),
    );
    let report = json(&run(&["check", "--format", "json", "a.md"], dir.path()));
    let out = run(&["check", "--format", "github", "a.md"], dir.path());
    let text = stdout(&out);
    let diags = report["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics");
    assert_eq!(text.lines().count(), diags.len(), "{text}");
    for (line, d) in text.lines().zip(diags) {
        let command = match d["severity"].as_str() {
            Some("error") => "::error ",
            Some("warning") => "::warning ",
            _ => "::notice ",
        };
        assert!(line.starts_with(command), "{line} for {d}");
        let pos = format!(
            "line={},col={},endLine={},endColumn={},",
            d["start"]["line"], d["start"]["column"], d["end"]["line"], d["end"]["column"]
        );
        assert!(line.contains(&pos), "{line} has {pos}");
    }
}

#[test]
fn compact_lines_parse_and_match_the_json_report() {
    let dir = sample_folder();
    let out = run(&["check", "--format", "compact", "."], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let shape =
        regex::Regex::new(r"^(.+):(\d+):(\d+): (error|warning|info|hint) ([a-z0-9_-]+): (\S.*)$")
            .expect("regex");
    let mut got = Vec::new();
    for line in text.lines() {
        let caps = shape
            .captures(line)
            .unwrap_or_else(|| panic!("not compact: {line:?}"));
        if &caps[5] == "file-error" {
            assert!(caps[1].ends_with("broken.txt"), "{line}");
            continue;
        }
        got.push((
            caps[1].trim_start_matches("./").to_string(),
            caps[5].to_string(),
            caps[2].parse::<u64>().expect("line"),
            caps[3].parse::<u64>().expect("column"),
        ));
    }
    got.sort();
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    assert_eq!(got, json_findings(&report));
}

#[test]
fn output_file_gets_the_report_and_the_exit_code_still_counts() {
    let dir = sample_folder();
    let out = run(
        &[
            "check",
            "--format",
            "sarif",
            "--output",
            "out/report.sarif",
            "a.md",
        ],
        dir.path(),
    );
    // The folder does not exist: a clear error, exit 2.
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("report.sarif"));

    let out = run(
        &[
            "check",
            "--format",
            "sarif",
            "--output",
            "report.sarif",
            "a.md",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing on stdout: {}", stdout(&out));
    let log: Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("report.sarif")).expect("report written"),
    )
    .expect("JSON");
    assert_valid_sarif(&log);

    let out = run(&["check", "-o", "clean.log", "clean.txt"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    let human = std::fs::read_to_string(dir.path().join("clean.log")).expect("report written");
    assert!(human.contains("1 file checked"), "{human}");
    assert!(!human.contains('\u{1b}'), "no colour in a file");
}

#[test]
fn sarif_for_a_custom_rule_lists_it_with_its_help() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), ".outreach-lint.toml", CUSTOM_CONFIG.as_bytes());
    write(
        dir.path(),
        "a.txt",
        b"Hi Sam,\n\nThe purple monkey dishwasher is back.\n",
    );
    let out = run(&["check", "--format", "sarif", "a.txt"], dir.path());
    let log = json(&out);
    assert_valid_sarif(&log);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    let rule = rules
        .iter()
        .find(|r| r["id"] == "my-house-rule")
        .expect("custom rule listed");
    assert_eq!(rule["properties"]["category"], "house_style");
    assert!(rule["help"]["text"]
        .as_str()
        .is_some_and(|t| t.contains("Name the thing.")));
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "my-house-rule"));
}

#[test]
fn safe_fixes_appear_in_sarif_without_placeholders() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.md",
        format!("Hi Sam,\n\nThanks for the notes. {INVITE}\n").as_bytes(),
    );
    let log = json(&run(&["check", "--format", "sarif", "a.md"], dir.path()));
    assert_valid_sarif(&log);
    for r in log["runs"][0]["results"].as_array().expect("results") {
        for fix in r["fixes"].as_array().into_iter().flatten() {
            for change in fix["artifactChanges"].as_array().expect("changes") {
                for rep in change["replacements"].as_array().expect("replacements") {
                    let inserted = rep["insertedContent"]["text"].as_str().unwrap_or_default();
                    assert!(
                        !inserted.contains('[') && !inserted.contains("{{"),
                        "{inserted}"
                    );
                }
            }
        }
    }
}

#[test]
fn explain_knows_the_campaign_checks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = run(&["explain", "campaign-duplicate-opener"], dir.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("campaign"));
}

#[test]
fn human_output_has_a_summary_per_file_and_totals_and_quiet_keeps_only_findings() {
    let dir = sample_folder();
    let out = run(&["check", "--color", "never", "."], dir.path());
    let text = stdout(&out);
    let summary =
        regex::Regex::new(r"(?m)^\./a\.md: \d+ (error|warning|info|hint)").expect("regex");
    assert!(summary.is_match(&text), "per-file line for a.md: {text}");
    assert!(text.contains("of 4 files checked"), "{text}");

    let quiet = stdout(&run(
        &["check", "--color", "never", "--quiet", "."],
        dir.path(),
    ));
    assert!(!quiet.contains("files checked"), "{quiet}");
    assert!(!summary.is_match(&quiet), "{quiet}");
    let first_finding = text.lines().next().unwrap_or_default();
    assert!(quiet.contains(first_finding), "findings stay: {quiet}");
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = sample_folder();
    let out = Command::new(env!("CARGO_BIN_EXE_outreach-lint"))
        .args(["check", "--format", "compact", "a.md", "clean.txt"])
        .current_dir(dir.path())
        .env("OUTREACH_LINT_PROGRESS_MIN", "1")
        .output()
        .expect("runs");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_progress_bar_on_a_terminal_for_long_runs() {
    // `script` (util-linux) gives the command a terminal; skip where it is missing.
    let dir = sample_folder();
    let bin = env!("CARGO_BIN_EXE_outreach-lint");
    let command = format!("'{bin}' check --format compact a.md clean.txt notes > /dev/null");
    let Ok(out) = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir.path())
        .env("OUTREACH_LINT_PROGRESS_MIN", "1")
        .output()
    else {
        eprintln!("skipped: no `script` command");
        return;
    };
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(screen.contains("checking"), "the bar was drawn: {screen:?}");
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(dir.path())
        .output()
        .expect("script runs");
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(
        !screen.contains("checking"),
        "a short run draws nothing: {screen:?}"
    );
}
