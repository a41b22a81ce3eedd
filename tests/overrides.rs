//! `[[overrides]]` sections in `.outreach-lint.toml`, end to end: rules and severities per
//! glob, template marking, channel, and the precedence between the top-level settings,
//! earlier and later sections, the command line and inline directives.
//!
//! The rule ids are read from the binary's own report of a sentence that certainly fires,
//! so the tests hold while the rule pack is tuned.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const INVITE: &str = "I'd like to add you to my professional network on LinkedIn.";
const FIELD: &str = "{{first_name}}";

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outreach-lint"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("binary runs")
}

fn write(dir: &Path, name: &str, content: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(path, content).expect("write file");
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The (rule, category) that fires on `text`, found with no config.
fn rule_for(text: &str, wanted_category: Option<&str>) -> (String, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "probe.md", text);
    let report = json(&run(
        &["check", "--no-config", "--format", "json", "probe.md"],
        dir.path(),
    ));
    report["files"][0]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["category"] != "missing_context")
        .find(|d| wanted_category.is_none_or(|c| d["category"] == c))
        .map(|d| {
            (
                d["rule"].as_str().unwrap_or_default().to_string(),
                d["category"].as_str().unwrap_or_default().to_string(),
            )
        })
        .unwrap_or_else(|| panic!("something fires on {text:?}: {report}"))
}

fn invite_draft() -> String {
    format!("Hi Sam,\n\nYour talk at RustConf on retry budgets fixed our outage in May. {INVITE}\n")
}

/// Severity of `rule` in the report for the file ending in `suffix` (None: did not fire).
fn severity(report: &Value, suffix: &str, rule: &str) -> Option<String> {
    let file = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(suffix)))
        .unwrap_or_else(|| panic!("{suffix} in {report}"));
    file["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == rule)
        .map(|d| d["severity"].as_str().unwrap_or_default().to_string())
}

#[test]
fn later_sections_win_over_earlier_ones_and_the_top_level() {
    let (rule, _) = rule_for(&invite_draft(), None);
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        ".outreach-lint.toml",
        &format!(
            "[rules]\n{rule} = \"off\"\n\n\
             [[overrides]]\nfiles = [\"templates/**\"]\nrules = {{ {rule} = \"error\" }}\n\n\
             [[overrides]]\nfiles = [\"templates/old\"]\nrules = {{ {rule} = \"off\" }}\n\n\
             [[overrides]]\nfiles = [\"**/*.txt\"]\nrules = {{ {rule} = \"hint\" }}\n"
        ),
    );
    for name in [
        "notes/a.md",
        "templates/a.md",
        "templates/old/a.md",
        "templates/old/b.txt",
    ] {
        write(dir.path(), name, &invite_draft());
    }
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    assert_eq!(
        severity(&report, "notes/a.md", &rule),
        None,
        "top level: off"
    );
    assert_eq!(
        severity(&report, "templates/a.md", &rule).as_deref(),
        Some("error"),
        "first section"
    );
    assert_eq!(
        severity(&report, "templates/old/a.md", &rule),
        None,
        "a later section wins"
    );
    assert_eq!(
        severity(&report, "templates/old/b.txt", &rule).as_deref(),
        Some("hint"),
        "the last matching section wins"
    );
}

#[test]
fn a_rule_beats_its_category_in_one_section_and_a_later_category_setting_resets_it() {
    let (rule, category) = rule_for(&invite_draft(), None);
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        ".outreach-lint.toml",
        &format!(
            "[rules]\n{rule} = \"info\"\n{category} = \"off\"\n\n\
             [[overrides]]\nfiles = [\"loud/**\"]\nrules = {{ {category} = \"error\" }}\n"
        ),
    );
    write(dir.path(), "quiet/a.md", &invite_draft());
    write(dir.path(), "loud/a.md", &invite_draft());
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    assert_eq!(
        severity(&report, "quiet/a.md", &rule).as_deref(),
        Some("info"),
        "the rule's own setting wins in [rules]"
    );
    assert_eq!(
        severity(&report, "loud/a.md", &rule).as_deref(),
        Some("error"),
        "a later category setting applies to the rule"
    );
}

#[test]
fn the_command_line_and_inline_directives_beat_overrides() {
    let (rule, _) = rule_for(&invite_draft(), None);
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        ".outreach-lint.toml",
        &format!("[[overrides]]\nfiles = [\"*.md\"]\nrules = {{ {rule} = \"error\" }}\n"),
    );
    write(dir.path(), "a.md", &invite_draft());
    write(
        dir.path(),
        "b.md",
        &format!("Hi Sam,\n\n<!-- outreach-lint-disable-next-line {rule} -->\nYour talk at RustConf fixed our outage in May. {INVITE}\n"),
    );
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    assert_eq!(severity(&report, "a.md", &rule).as_deref(), Some("error"));
    assert_eq!(severity(&report, "b.md", &rule), None, "the directive wins");
    let report = json(&run(
        &["check", "--format", "json", "--ignore", &rule, "."],
        dir.path(),
    ));
    assert_eq!(severity(&report, "a.md", &rule), None, "--ignore wins");
}

#[test]
fn template_marking_per_glob() {
    let draft =
        format!("Hi {FIELD},\n\nYour talk at RustConf on retry budgets fixed our outage in May.\n");
    let (rule, _) = rule_for(&draft, Some("placeholder"));
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        ".outreach-lint.toml",
        "templates = [\"templates\"]\n\n\
         [[overrides]]\nfiles = [\"templates/**\"]\ntemplate = true\n\n\
         [[overrides]]\nfiles = [\"templates/filled/**\"]\ntemplate = false\n",
    );
    write(dir.path(), "drafts/a.md", &draft);
    write(dir.path(), "templates/a.md", &draft);
    write(dir.path(), "templates/filled/a.md", &draft);
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    assert!(
        severity(&report, "drafts/a.md", &rule).is_some(),
        "a merge field in a draft"
    );
    assert_eq!(
        severity(&report, "/templates/a.md", &rule),
        None,
        "templates keep their fields"
    );
    assert!(
        severity(&report, "templates/filled/a.md", &rule).is_some(),
        "a later section marks these as drafts"
    );
}

#[test]
fn channel_per_glob() {
    let long = format!(
        "Hi Sam,\n\n{}\n",
        "Your talk at RustConf on retry budgets fixed our outage in May, and the write-up is on our wiki. ".repeat(5)
    );
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "email/a.md", &long);
    write(dir.path(), "linkedin/a.md", &long);
    write(
        dir.path(),
        ".outreach-lint.toml",
        "[[overrides]]\nfiles = [\"linkedin/**\"]\nchannel = \"linkedin-note\"\n",
    );
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    let rules = |suffix: &str| -> Vec<String> {
        report["files"]
            .as_array()
            .expect("files")
            .iter()
            .filter(|f| f["path"].as_str().is_some_and(|p| p.ends_with(suffix)))
            .flat_map(|f| f["diagnostics"].as_array().cloned().unwrap_or_default())
            .map(|d| d["rule"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert!(
        rules("linkedin/a.md").iter().any(|r| r == "channel-length"),
        "{report}"
    );
    assert!(
        !rules("email/a.md").iter().any(|r| r == "channel-length"),
        "{report}"
    );
}

#[test]
fn bad_override_sections_are_config_errors_that_say_where() {
    let cases = [
        (
            "[[overrides]]\nfiles = [\"a/**\"]\ncolour = true\n",
            "colour",
        ),
        ("[[overrides]]\nrules = { filler = \"off\" }\n", "files"),
        ("[[overrides]]\nfiles = []\n", "at least one glob"),
        (
            "[[overrides]]\nfiles = [\"a/**\"]\nrules = { no-such-rule = \"off\" }\n",
            "no-such-rule",
        ),
        (
            "[[overrides]]\nfiles = [\"a/[\"]\n",
            "[[overrides]] #1 files",
        ),
        (
            "[[overrides]]\nfiles = [\"a/**\"]\nchannel = \"fax\"\n",
            "fax",
        ),
        (
            "[[overrides]]\nfiles = [\"a/**\"]\nrules = { campaign = \"loud\" }\n",
            "campaign",
        ),
    ];
    for (config, expected) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        write(dir.path(), ".outreach-lint.toml", config);
        write(dir.path(), "a/x.md", &invite_draft());
        let out = run(&["check", "."], dir.path());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{config}: {err}");
        assert!(
            err.contains(".outreach-lint.toml") && err.contains(expected),
            "{config}: {err}"
        );
    }
}
