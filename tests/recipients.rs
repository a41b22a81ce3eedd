//! `check --recipients`: filling templates per CSV row, positions mapped back to the
//! template, gaps, channel length after filling, shared findings reported once, and the
//! CLI's JSON and human output through the real binary.

use std::path::Path;
use std::process::{Command, Output};

use outreach_lint::personal::ids;
use outreach_lint::personal::recipients::{check_template, Plan, Recipients};
use outreach_lint::{Finding, Format, LintOptions, RuleSet};
use serde_json::Value;

/// A clean personal note (the same as `examples/drafts/personal-after-meetup.md`).
const MEETUP: &str = "---\nrecipient: Tomás Oliveira\nchannel: linkedin-note\nmet_at: the Porto Postgres day\ntheir_work: your talk on logical replication slots\n---\nHi Tomás,\n\nWe spoke after your talk at the Porto Postgres day, the one where the replication slot filled\nthe disk during the live demo. Your fix (a `max_slot_wal_keep_size` alarm) is now in our runbook.\nCould I ask you two questions about slot monitoring by email?\n\nAna\n";

const TEMPLATE: &str = "---
template: true
channel: linkedin-note
fields: [first_name, met_at, their_work, icebreaker]
---
Hi {{first_name}},

We met at {{met_at}}. Your point about {{their_work}} changed how I plan our next migration.
{{icebreaker}}
Could I send you two questions about it?
";

const PEOPLE: &str = "first_name,last_name,company,met_at,their_work,icebreaker
Sara,Lindqvist,Fennec,PyCon US 2024,retry budgets,
Tom,Becker,Globex,,idempotency keys,
Ana,Souza,Acme,RustConf,async cancellation,I hope this message finds you well.
Bartholomew,Featherstonehaugh,Consolidated,the Extremely Long Regional Conference on Distributed Systems and Everything Around Them,consistency models in geo-replicated databases with many regions and many failure modes,
";

fn people() -> Recipients {
    Recipients::read(PEOPLE.as_bytes()).expect("the CSV parses")
}

fn run() -> outreach_lint::personal::recipients::TemplateResult {
    check_template(
        TEMPLATE,
        Format::Markdown,
        &RuleSet::builtin(),
        &LintOptions::default(),
        &people(),
    )
}

fn rules(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.rule.as_str()).collect()
}

#[test]
fn every_row_is_reported_with_its_number_and_values() {
    let result = run();
    assert_eq!(result.rows.len(), 4);
    for (i, row) in result.rows.iter().enumerate() {
        assert_eq!(row.row, i + 1, "1-based, header not counted");
        assert_eq!(row.values[0].0, "first_name");
        assert!(row.score.is_some());
    }
    assert_eq!(
        result.rows[1].values[0],
        ("first_name".to_string(), "Tom".to_string())
    );
    assert_eq!(
        result.rows[0].findings,
        Vec::<Finding>::new(),
        "row 1 is clean"
    );
}

#[test]
fn an_empty_value_that_leaves_a_gap_is_a_finding_on_its_field() {
    let result = run();
    let row2 = &result.rows[1];
    assert_eq!(rules(&row2.findings), vec![ids::EMPTY_MERGE_VALUE]);
    let f = &row2.findings[0];
    assert_eq!(&TEMPLATE[f.range.clone()], "{{met_at}}");
    assert!(
        f.message.contains("`met_at`") && f.message.contains("We met at ."),
        "{}",
        f.message
    );
    // An empty field alone on its line leaves no gap.
    assert!(!result.rows[0]
        .findings
        .iter()
        .any(|f| f.rule == ids::EMPTY_MERGE_VALUE));
    // The gap costs the row's score like a placeholder.
    let stock = |r: &outreach_lint::personal::recipients::RowResult| {
        r.score.as_ref().and_then(|s| {
            s.signals
                .iter()
                .find(|x| x.name == "stock_phrases")
                .map(|x| x.points)
        })
    };
    assert_eq!(stock(row2), Some(5));
}

#[test]
fn findings_inside_a_value_map_to_the_whole_field() {
    let result = run();
    let row3 = &result.rows[2];
    let stock: Vec<&Finding> = row3
        .findings
        .iter()
        .filter(|f| f.rule == "hope-finds-you-well")
        .collect();
    assert_eq!(stock.len(), 1, "{:#?}", row3.findings);
    assert_eq!(&TEMPLATE[stock[0].range.clone()], "{{icebreaker}}");
    assert!(
        stock[0].fixes.is_empty(),
        "a fix that edits the value cannot apply to the template"
    );
    // Nobody else gets it.
    assert!(result
        .rows
        .iter()
        .filter(|r| r.row != 3)
        .all(|r| !r.findings.iter().any(|f| f.rule == "hope-finds-you-well")));
}

#[test]
fn literal_positions_shift_exactly_and_spans_across_values_widen_to_the_field() {
    let r = people();
    let plan = Plan::new(TEMPLATE, Format::Markdown, &r);
    let filled = plan.fill(&r, &r.rows[3]);
    let body = filled.text.find("Hi Bartholomew").expect("filled greeting");
    for word in ["changed how I plan", "Could I send you", "Your point about"] {
        let at = body + filled.text[body..].find(word).expect("literal text");
        let mapped = filled.map_range(&(at..at + word.len()));
        assert_eq!(&TEMPLATE[mapped], word);
    }
    let start = body;
    let end = body + filled.text[body..].find(",\n").expect("comma");
    assert_eq!(
        &TEMPLATE[filled.map_range(&(start..end))],
        "Hi {{first_name}}"
    );
    assert!(
        filled
            .text
            .contains("recipient: \"Bartholomew Featherstonehaugh\""),
        "the row becomes the context: {}",
        filled.text
    );
}

#[test]
fn channel_length_is_checked_after_filling_naming_the_worst_row() {
    let result = run();
    let lengths: Vec<&Finding> = result
        .findings
        .iter()
        .filter(|f| f.rule == "channel-length")
        .collect();
    assert_eq!(lengths.len(), 1, "{:#?}", result.findings);
    let m = &lengths[0].message;
    assert!(
        m.contains("row 4") && m.contains("first_name=Bartholomew") && m.contains("1 of 4 rows"),
        "{m}"
    );
    assert!(result
        .rows
        .iter()
        .all(|r| !r.findings.iter().any(|f| f.rule == "channel-length")));
}

#[test]
fn shared_findings_and_missing_columns_are_reported_once_on_the_template() {
    let template = "---\ntemplate: true\nchannel: email\n---\nHi {{first_name}},\n\nI hope this email finds you well. I noticed {{company}} is growing fast, and {{recent_post}} caught my eye.\n\nBest,\nJo\n";
    let result = check_template(
        template,
        Format::Markdown,
        &RuleSet::builtin(),
        &LintOptions::default(),
        &people(),
    );
    let template_rules = rules(&result.findings);
    assert!(
        template_rules.contains(&"hope-finds-you-well"),
        "{template_rules:?}"
    );
    let missing: Vec<&Finding> = result
        .findings
        .iter()
        .filter(|f| f.rule == ids::EMPTY_MERGE_VALUE)
        .collect();
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0].message.contains("no column for {{recent_post}}"),
        "{}",
        missing[0].message
    );
    assert_eq!(&template[missing[0].range.clone()], "{{recent_post}}");
    for row in &result.rows {
        assert!(
            !row.findings
                .iter()
                .any(|f| f.rule == "hope-finds-you-well" || f.message.contains("no column")),
            "row {}: {:#?}",
            row.row,
            row.findings
        );
    }
    // The row's facts are its recipient context: the template uses none of them.
    let unused: Vec<usize> = result
        .rows
        .iter()
        .filter(|r| r.findings.iter().any(|f| f.rule == ids::UNUSED_CONTEXT))
        .map(|r| r.row)
        .collect();
    assert_eq!(unused, vec![1, 2, 3, 4]);
}

#[test]
fn a_name_hard_coded_in_the_template_is_caught_per_row() {
    let template = "---\ntemplate: true\n---\nHi Sarah,\n\nYour post on {{their_work}} is why I am writing. Could I ask you about it?\n";
    let result = check_template(
        template,
        Format::Markdown,
        &RuleSet::builtin(),
        &LintOptions::default(),
        &people(),
    );
    let mismatched: Vec<usize> = result
        .rows
        .iter()
        .filter(|r| r.findings.iter().any(|f| f.rule == ids::GREETING_MISMATCH))
        .map(|r| r.row)
        .collect();
    assert_eq!(
        mismatched,
        vec![1, 2, 3, 4],
        "Sarah is nobody in this list (Sara is close)"
    );
    let sara = result.rows[0]
        .findings
        .iter()
        .find(|f| f.rule == ids::GREETING_MISMATCH)
        .expect("row 1");
    assert!(
        sara.message.contains("spells it \u{201c}Sara\u{201d}"),
        "{}",
        sara.message
    );
    assert_eq!(&template[sara.range.clone()], "Sarah");
    assert_eq!(
        sara.fixes[0].edits[0].replacement, "Sara",
        "a fix in literal template text is kept"
    );
}

// ---------------------------------------------------------------- the binary

fn bin(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_outreach-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

#[test]
fn cli_reports_per_recipient_in_json_and_human_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("follow-up.md"), TEMPLATE).expect("write template");
    std::fs::write(dir.path().join("people.csv"), PEOPLE).expect("write csv");
    let out = bin(
        dir.path(),
        &[
            "check",
            "--recipients",
            "people.csv",
            "follow-up.md",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "errors fail the run: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let files = report["files"].as_array().expect("files");
    assert_eq!(files.len(), 5, "the template and four rows");
    assert_eq!(files[0]["path"], "follow-up.md");
    assert_eq!(files[0]["recipients"]["rows"], 4);
    assert_eq!(files[0]["recipients"]["csv"], "people.csv");
    assert!(files[0]["score"].is_null());
    let row2 = &files[2];
    assert_eq!(row2["path"], "follow-up.md");
    assert_eq!(row2["recipient"]["row"], 2);
    assert_eq!(row2["recipient"]["values"]["first_name"], "Tom");
    assert!(row2["score"].as_u64().is_some());
    assert_eq!(row2["score_signals"].as_array().map(Vec::len), Some(5));
    let d = &row2["diagnostics"][0];
    assert_eq!(d["rule"], ids::EMPTY_MERGE_VALUE);
    assert_eq!(d["matched"], "{{met_at}}");
    assert_eq!(d["start"]["line"], 8);
    assert_eq!(d["start"]["column"], 11);
    for key in [
        "rule", "category", "severity", "message", "matched", "start", "end", "fixes",
    ] {
        assert!(d.get(key).is_some(), "the JSON contract keeps {key}");
    }
    let human = bin(
        dir.path(),
        &["check", "--recipients", "people.csv", "follow-up.md"],
    );
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("follow-up.md (row 2):8:11"), "{text}");
    assert!(
        text.contains("follow-up.md: ") && text.contains("4 recipients from people.csv"),
        "{text}"
    );
    assert!(text.contains("first_name=Tom"), "{text}");
}

#[test]
fn cli_rejects_a_missing_or_broken_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("t.md"), TEMPLATE).expect("write template");
    let out = bin(dir.path(), &["check", "--recipients", "nope.csv", "t.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.csv"));
    std::fs::write(dir.path().join("bad.csv"), b"a,b\n\"unclosed,1\n").expect("write csv");
    let out = bin(dir.path(), &["check", "--recipients", "bad.csv", "t.md"]);
    assert_ne!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn drafts_get_a_score_in_check_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("note.md"), MEETUP).expect("write");
    let out = bin(dir.path(), &["check", "note.md", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let file = &report["files"][0];
    assert!(file["score"].as_u64().is_some_and(|s| s >= 80), "{file}");
    assert_eq!(file["score_signals"][0]["name"], "facts");
    let human = bin(dir.path(), &["check", "note.md"]);
    assert!(
        String::from_utf8_lossy(&human.stdout).contains("note.md: clean; personalisation"),
        "{}",
        String::from_utf8_lossy(&human.stdout)
    );
}
