//! `check --recipients people.csv TEMPLATE...`: read the CSV, fill and lint every template
//! for every row (the work is in `personal::recipients`), and hand one result per template
//! and one per row to the reporters. Row results carry the template's text, so positions,
//! snippets and fixes refer to the template.

use std::path::Path;
use std::sync::Arc;

use super::check::{self, FileResult, Input};
use super::{report, CheckArgs, EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE};
use crate::config::Project;
use crate::personal::recipients::{check_template, Entry, Recipients};

/// Run `check --recipients`; returns the exit code.
pub fn run(
    args: &CheckArgs,
    jobs: &[(Input, Arc<Project>)],
    stdin: Option<&[u8]>,
    csv: &Path,
) -> anyhow::Result<i32> {
    let recipients = match std::fs::File::open(csv) {
        Ok(file) => match Recipients::read(std::io::BufReader::new(file)) {
            Ok(r) => r,
            Err(err) => {
                eprintln!("outreach-lint: {}: {err}", csv.display());
                return Ok(EXIT_USAGE);
            }
        },
        Err(err) => {
            eprintln!("outreach-lint: {}: {}", csv.display(), reason(&err));
            return Ok(EXIT_USAGE);
        }
    };
    let csv_name = csv.display().to_string();
    let mut results: Vec<FileResult> = Vec::new();
    for (input, project) in jobs {
        results.extend(check_one(
            input,
            project,
            args,
            stdin,
            &recipients,
            &csv_name,
        ));
    }
    for r in &results {
        if let Some(err) = &r.error {
            eprintln!("outreach-lint: {}: {err}", r.path);
        }
    }
    let extras = report::Extras {
        rule_sets: report::rule_sets(jobs.iter().map(|(_, p)| &p.rules)),
        campaign: None,
    };
    report::write(&results, args, &extras)?;
    let threshold = args.fail_level.severity();
    let failing = results
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.severity >= threshold);
    Ok(if failing { EXIT_FINDINGS } else { EXIT_CLEAN })
}

fn reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

fn check_one(
    input: &Input,
    project: &Project,
    args: &CheckArgs,
    stdin: Option<&[u8]>,
    recipients: &Recipients,
    csv: &str,
) -> Vec<FileResult> {
    let check::Loaded {
        display,
        path,
        text,
        format,
    } = match check::load(input, args, stdin) {
        Ok(loaded) => loaded,
        Err(failed) => return vec![*failed],
    };
    let options = check::options_for(project, path, args);
    let outcome = check_template(&text, format, &project.rules, &options, recipients);
    let mut out = Vec::with_capacity(outcome.rows.len() + 1);
    out.push(FileResult {
        path: display.clone(),
        text: text.clone(),
        error: None,
        findings: outcome.findings.clone(),
        fix: None,
        campaign: None,
        score: None,
        recipient: Some(Entry::Template {
            csv: csv.to_string(),
            rows: outcome.rows.len(),
            rows_with_findings: outcome.rows_with_findings(),
            scores: outcome.score_range(),
        }),
    });
    for row in outcome.rows {
        out.push(FileResult {
            path: display.clone(),
            text: text.clone(),
            error: None,
            findings: row.findings,
            fix: None,
            campaign: None,
            score: row.score,
            recipient: Some(Entry::Row {
                csv: csv.to_string(),
                row: row.row,
                values: row.values,
            }),
        });
    }
    out
}

/// The name a result is shown under: the path, plus the row for a recipient result.
pub fn origin(r: &FileResult) -> String {
    match &r.recipient {
        Some(Entry::Row { row, .. }) => format!("{} (row {row})", r.path),
        _ => r.path.clone(),
    }
}

/// Whether a result gets a summary line even without findings: scored drafts and
/// templates checked against recipients; clean recipient rows stay quiet.
pub fn has_summary(r: &FileResult) -> bool {
    match &r.recipient {
        Some(Entry::Row { .. }) => false,
        Some(Entry::Template { .. }) => true,
        None => r.score.is_some(),
    }
}

/// Add the score, the recipient's values, or the template's recipients summary to a
/// human summary line.
pub fn extend_summary(line: &mut String, r: &FileResult) {
    if let Some(Entry::Row { values, .. }) = &r.recipient {
        let shown: Vec<String> = values
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::personal::short(v, 30)))
            .collect();
        line.push_str(&format!(" [{}]", shown.join(", ")));
    }
    if let Some(score) = &r.score {
        line.push_str(&format!("; {} ({})", score.label(), score.summary()));
    }
    if let Some(Entry::Template {
        csv,
        rows,
        rows_with_findings,
        scores,
    }) = &r.recipient
    {
        line.push_str(&format!(
            "; {rows} recipient{} from {csv}, {rows_with_findings} with findings of their own",
            if *rows == 1 { "" } else { "s" }
        ));
        if let Some(s) = scores {
            line.push_str(&format!(
                "; personalisation min {} (row {}), median {}, max {} (row {})",
                s.min.0, s.min.1, s.median, s.max.0, s.max.1
            ));
        }
    }
}

/// Add the recipient fields to a file's JSON entry.
pub fn add_json(entry: &mut super::report::JsonFile<'_>, r: &FileResult) {
    use serde_json::json;
    match &r.recipient {
        Some(Entry::Row { csv, row, values }) => {
            let map: serde_json::Map<String, serde_json::Value> =
                values.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
            entry.insert("recipient", json!({"csv": csv, "row": row, "values": map}));
        }
        Some(Entry::Template {
            csv,
            rows,
            rows_with_findings,
            scores,
        }) => {
            entry.insert(
                "recipients",
                json!({
                    "csv": csv,
                    "rows": rows,
                    "rows_with_findings": rows_with_findings,
                    "score": scores.map(|s| json!({
                        "min": s.min.0, "min_row": s.min.1, "median": s.median, "max": s.max.0, "max_row": s.max.1,
                    })),
                }),
            );
        }
        None => {}
    }
}
