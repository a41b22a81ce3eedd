//! End-to-end tests of the campaign checks (`check --campaign`, or `campaign = true` in a
//! folder's config) on generated folders: near-duplicate openers and closers across files,
//! and the same body to several recipients at one company.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

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

/// Files (path suffixes) with a finding of `rule`.
fn files_with(report: &Value, rule: &str) -> BTreeSet<String> {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter(|f| {
            f["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|d| d["rule"] == rule))
        })
        .map(|f| {
            f["path"]
                .as_str()
                .unwrap_or_default()
                .trim_start_matches("./")
                .to_string()
        })
        .collect()
}

const ADJECTIVES: &[&str] = &[
    "careful", "blunt", "funny", "patient", "odd", "sharp", "quiet", "brave", "honest", "curious",
    "tidy", "bold",
];
const NOUNS: &[&str] = &[
    "benchmark",
    "postmortem",
    "teardown",
    "thread",
    "keynote",
    "survey",
    "checklist",
    "migration",
    "audit",
    "playbook",
    "notebook",
    "diagram",
];
const TOPICS: &[&str] = &[
    "retries",
    "caching",
    "pricing",
    "hiring",
    "onboarding",
    "billing",
    "search",
    "queues",
    "logging",
    "backups",
    "payroll",
    "routing",
];
const CITIES: &[&str] = &[
    "Leeds", "Porto", "Austin", "Lagos", "Osaka", "Quito", "Gdansk", "Tartu", "Cork", "Perth",
    "Pune", "Bergen",
];

/// A draft's own opener and closer (i < 36): each differs from every other one in at
/// least two words.
fn unique(i: usize) -> (String, String) {
    let (a, k) = (i % 12, i / 12);
    let opener = format!(
        "Your {} {} about {} in {} stuck with me.",
        ADJECTIVES[a],
        NOUNS[(a + k) % 12],
        TOPICS[(a * 5) % 12],
        CITIES[(a * 7 + k) % 12]
    );
    let closer = format!(
        "Could I send you our {} {} notes on {} from {}?",
        ADJECTIVES[(a + 5) % 12],
        NOUNS[(a + k + 3) % 12],
        TOPICS[(a + 7) % 12],
        CITIES[(a * 7 + 3 + k) % 12]
    );
    (opener, closer)
}

fn draft(name: &str, opener: &str, middle: &str, closer: &str) -> String {
    format!("Hi {name},\n\n{opener} {middle}\n\n{closer}\n\nBest,\nAlex\n")
}

/// A folder of 30 drafts: 10 share a pasted opener (some with one word changed), 8 share a
/// closer (one with a word added), 12 are their own.
fn generated_folder() -> (tempfile::TempDir, BTreeSet<String>, BTreeSet<String>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let opener_variants = [
        "I came across your profile and was really impressed by your background in data.",
        "I came across your profile and was truly impressed by your background in data.",
        "I came across your profile and was really impressed by your background in Data!",
        "I came across your PROFILE and was really impressed by your background in data!!",
        "I came across your profile and was really impressed by your experience in data.",
    ];
    let closer_variants = [
        "Would you be open to a short call next week to compare notes?",
        "Would you be open to a short call next week to compare notes?",
        "Would you be open to a quick short call next week to compare notes?",
    ];
    let mut openers = BTreeSet::new();
    let mut closers = BTreeSet::new();
    for i in 0..30 {
        let name = format!("d{i:02}.md");
        let (own_opener, own_closer) = unique(i);
        let middle = format!(
            "Draft number {i} talks about the {} rollout.",
            NOUNS[(i * 7) % 12]
        );
        let opener = if i < 10 {
            openers.insert(name.clone());
            opener_variants[i % opener_variants.len()].to_string()
        } else {
            own_opener
        };
        let closer = if (10..18).contains(&i) {
            closers.insert(name.clone());
            closer_variants[i % closer_variants.len()].to_string()
        } else {
            own_closer
        };
        write(
            dir.path(),
            &name,
            &draft(&format!("P{i}"), &opener, &middle, &closer),
        );
    }
    (dir, openers, closers)
}

#[test]
fn near_duplicate_openers_and_closers_are_grouped_across_a_generated_folder() {
    let (dir, openers, closers) = generated_folder();
    let out = run(
        &["check", "--campaign", "--format", "json", "."],
        dir.path(),
    );
    let report = json(&out);
    assert_eq!(files_with(&report, "campaign-duplicate-opener"), openers);
    assert_eq!(files_with(&report, "campaign-duplicate-closer"), closers);
    assert!(files_with(&report, "campaign-same-body").is_empty());
    let groups = report["campaign"]["groups"]
        .as_array()
        .expect("campaign groups in JSON");
    let kinds: Vec<(&str, usize)> = groups
        .iter()
        .map(|g| {
            (
                g["kind"].as_str().unwrap_or_default(),
                g["files"].as_array().map_or(0, Vec::len),
            )
        })
        .collect();
    assert_eq!(kinds, [("opener", 10), ("closer", 8)]);
    // Each finding names the others and sits on the sentence.
    let d00 = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with("d00.md")))
        .expect("d00");
    let finding = d00["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["rule"] == "campaign-duplicate-opener")
        .expect("opener finding");
    assert!(
        finding["message"]
            .as_str()
            .is_some_and(|m| m.contains("9 other drafts")),
        "{finding}"
    );
    assert_eq!(finding["start"]["line"], 3);
    assert!(finding["matched"]
        .as_str()
        .is_some_and(|m| m.starts_with("I came across")));

    // Human output lists the groups.
    let out = run(
        &["check", "--campaign", "--color", "never", "."],
        dir.path(),
    );
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(
        human.contains("campaign: 1 near-duplicate opener group"),
        "{human}"
    );
    assert!(
        human.contains("10 files: \"I came across your profile"),
        "{human}"
    );
}

#[test]
fn without_the_flag_or_a_campaign_config_nothing_is_compared() {
    let (dir, _, _) = generated_folder();
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    assert!(files_with(&report, "campaign-duplicate-opener").is_empty());
    assert!(report.get("campaign").is_none());
}

#[test]
fn a_folder_marked_as_a_campaign_is_checked_by_default() {
    let (dir, openers, _) = generated_folder();
    write(
        dir.path(),
        ".outreach-lint.toml",
        "campaign = true\n[rules]\ncampaign-duplicate-closer = \"off\"\n",
    );
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    assert_eq!(files_with(&report, "campaign-duplicate-opener"), openers);
    assert!(
        files_with(&report, "campaign-duplicate-closer").is_empty(),
        "turned off in [rules]"
    );
    let report = json(&run(
        &["check", "--format", "json", "--ignore", "campaign", "."],
        dir.path(),
    ));
    assert!(
        files_with(&report, "campaign-duplicate-opener").is_empty(),
        "--ignore campaign"
    );
}

#[test]
fn an_override_marks_one_folder_as_a_campaign() {
    let dir = tempfile::tempdir().expect("tempdir");
    let opener = "I came across your profile and was really impressed by your background in data.";
    for sub in ["campaign", "notes"] {
        for i in 0..2 {
            let (_, closer) = unique(i + if sub == "notes" { 4 } else { 0 });
            write(
                dir.path(),
                &format!("{sub}/{i}.md"),
                &draft("Sam", opener, "The rest is about backups.", &closer),
            );
        }
    }
    write(
        dir.path(),
        ".outreach-lint.toml",
        "[[overrides]]\nfiles = [\"campaign/**\"]\ncampaign = true\n",
    );
    let report = json(&run(&["check", "--format", "json", "."], dir.path()));
    assert_eq!(
        files_with(&report, "campaign-duplicate-opener"),
        BTreeSet::from(["campaign/0.md".to_string(), "campaign/1.md".to_string()])
    );
}

#[test]
fn the_same_body_to_several_people_at_one_company_is_flagged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = "Your team's write-up on the Ostrich scheduler is why I am writing.\n\nCould we compare notes on retry budgets before the Leeds meetup?";
    let doc = |name: &str, company: &str| {
        format!(
            "---\nrecipient: {name}\ncompany: {company}\n---\nHi {},\n\n{body}\n\nBest,\nAlex\n",
            name.split(' ').next().unwrap_or(name)
        )
    };
    write(dir.path(), "acme-ana.md", &doc("Ana Silva", "Acme Corp"));
    write(dir.path(), "acme-bo.md", &doc("Bo Chen", "ACME corp"));
    write(dir.path(), "globex-cy.md", &doc("Cy Diaz", "Globex"));
    write(dir.path(), "initech-dee.md", &doc("Dee Park", "Initech"));
    write(
        dir.path(),
        "initech-dee-again.md",
        &doc("Dee Park", "Initech"),
    );
    let report = json(&run(
        &["check", "--campaign", "--format", "json", "."],
        dir.path(),
    ));
    assert_eq!(
        files_with(&report, "campaign-same-body"),
        BTreeSet::from(["acme-ana.md".to_string(), "acme-bo.md".to_string()]),
        "one recipient twice is not several recipients; other companies are apart"
    );
    let group = report["campaign"]["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .find(|g| g["kind"] == "same-body")
        .expect("same-body group");
    assert_eq!(group["company"], "Acme Corp");
    let recipients: Vec<&str> = group["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["recipient"].as_str())
        .collect();
    assert_eq!(recipients, ["Ana Silva", "Bo Chen"]);
}

#[test]
fn campaign_findings_carry_related_locations_in_sarif() {
    let (dir, _, _) = generated_folder();
    let log = json(&run(
        &["check", "--campaign", "--format", "sarif", "."],
        dir.path(),
    ));
    let results = log["runs"][0]["results"].as_array().expect("results");
    let opener = results
        .iter()
        .find(|r| r["ruleId"] == "campaign-duplicate-opener")
        .expect("an opener result");
    let related = opener["relatedLocations"]
        .as_array()
        .expect("related locations");
    assert_eq!(related.len(), 9);
}
