//! `check --recipients people.csv TEMPLATE`: fill a template for every CSV row, lint each
//! filled draft as a draft (the row's values become its recipient context, so the greeting,
//! leftover-name and unused-context checks see them), and map every finding back to the
//! template. Results name their row (1-based, header not counted) and the row's values.
//!
//! - A merge field with no value (and no fallback) that leaves a gap in its line is an
//!   `empty-merge-value` finding for that row; a field with no CSV column at all is one
//!   finding on the template.
//! - Findings every row shares (same rule, same place, same message) are reported once, on
//!   the template, instead of once per row; findings the template lint already reports
//!   (its stock phrases) are not repeated per row.
//! - Channel length is checked after filling and reported once, naming the longest row and
//!   how many rows are over.
//!
//! Rows are linted in parallel; the template is parsed and its fill plan built once.

use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;

use rayon::prelude::*;

use crate::lint::{lint, Edit, Finding, Fix, LintOptions};
use crate::prose::{self, Format};
use crate::rules::{document, RuleSet};

use super::score::{limit_for, Score};
use super::template::{field_key, merge_fields, MergeField};
use super::{finding, ids, short};

/// The rows of a recipients CSV.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recipients {
    /// Column names as written.
    pub headers: Vec<String>,
    /// Normalised column keys (see [`field_key`]).
    pub keys: Vec<String>,
    /// Rows, each padded or cut to the header's length.
    pub rows: Vec<Vec<String>>,
}

/// A CSV that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecipientsError {
    /// The CSV does not parse.
    #[error("{0}")]
    Csv(String),
    /// No header row.
    #[error("the CSV has no header row (the first row names the merge fields)")]
    NoHeader,
}

impl Recipients {
    /// Read a CSV with a header row. Cells are trimmed; short rows are padded with empty
    /// cells; a UTF-8 byte-order mark is ignored.
    pub fn read(reader: impl Read) -> Result<Recipients, RecipientsError> {
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(reader);
        let headers: Vec<String> = csv
            .headers()
            .map_err(|e| RecipientsError::Csv(e.to_string()))?
            .iter()
            .enumerate()
            .map(|(i, h)| {
                if i == 0 {
                    h.trim_start_matches('\u{feff}').trim().to_string()
                } else {
                    h.to_string()
                }
            })
            .collect();
        if headers.iter().all(String::is_empty) {
            return Err(RecipientsError::NoHeader);
        }
        let mut rows = Vec::new();
        for record in csv.records() {
            let record = record.map_err(|e| RecipientsError::Csv(e.to_string()))?;
            let mut row: Vec<String> = record
                .iter()
                .take(headers.len())
                .map(str::to_string)
                .collect();
            row.resize(headers.len(), String::new());
            if row.iter().all(String::is_empty) {
                // A blank line in the CSV is not a recipient; keep numbering by skipping
                // only rows with no cell at all.
                if record.iter().all(str::is_empty) && record.len() <= 1 {
                    continue;
                }
            }
            rows.push(row);
        }
        let keys = headers.iter().map(|h| field_key(h)).collect();
        Ok(Recipients {
            headers,
            keys,
            rows,
        })
    }

    /// The column of a merge field: same key, or the key of its dotted name as a whole.
    pub fn column(&self, field: &MergeField) -> Option<usize> {
        let whole: String = field_key(&field.name.replace('.', ""));
        self.keys
            .iter()
            .position(|k| *k == field.key)
            .or_else(|| self.keys.iter().position(|k| *k == whole))
    }
}

/// A filled template and the map from its offsets to the template's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// The filled draft (front matter with the row's values, body with fields replaced).
    pub text: String,
    /// Replaced spans, in order: (template range, filled range).
    pub spans: Vec<(Range<usize>, Range<usize>)>,
}

impl Filled {
    /// The template offset of a filled offset. Literal text shifts; inside a replaced
    /// value, a range start maps to the field's start and a range end to its end.
    pub fn map_offset(&self, offset: usize, end: bool) -> usize {
        let mut delta: isize = 0;
        for (template, filled) in &self.spans {
            if offset < filled.start {
                break;
            }
            if filled.is_empty() && offset == filled.start {
                return if end { template.end } else { template.start };
            }
            if offset == filled.start {
                return template.start;
            }
            if offset < filled.end {
                return if end { template.end } else { template.start };
            }
            delta = template.end as isize - filled.end as isize;
        }
        usize::try_from(offset as isize + delta).unwrap_or(0)
    }

    /// The template range of a filled range.
    pub fn map_range(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.map_offset(range.start, false);
        let end = self.map_offset(range.end, true).max(start);
        start..end
    }

    /// Whether a filled range lies entirely in literal template text (an edit there can
    /// be applied to the template).
    pub fn is_literal(&self, range: &Range<usize>) -> bool {
        !self.spans.iter().any(|(_, f)| {
            if f.is_empty() {
                (range.start < f.start && f.start < range.end)
                    || (range.is_empty() && range.start == f.start)
            } else if range.is_empty() {
                f.start < range.start && range.start < f.end
            } else {
                range.start < f.end && f.start < range.end
            }
        })
    }
}

/// Everything about a template that does not change between rows.
#[derive(Debug, Clone)]
pub struct Plan<'t> {
    text: &'t str,
    format: Format,
    /// End of the template's front matter (0 without one).
    body_start: usize,
    /// Front-matter pairs kept for every row (template flags dropped; lists joined).
    front: Vec<(String, String)>,
    /// The merge fields of the body.
    pub fields: Vec<MergeField>,
    /// Column of each field (None: the CSV has no such column).
    pub columns: Vec<Option<usize>>,
}

impl<'t> Plan<'t> {
    /// Parse a template against the CSV's columns.
    pub fn new(text: &'t str, format: Format, recipients: &Recipients) -> Self {
        let prose = prose::extract(text, format);
        let body_start = prose.body_start.min(text.len());
        let front = prose
            .front_matter
            .map(|fm| {
                fm.fields
                    .into_iter()
                    .filter(|(k, _)| {
                        !matches!(
                            k.as_str(),
                            "template" | "fields" | "merge_fields" | "variables" | "placeholders"
                        )
                    })
                    .map(|(k, v)| (k, v.as_text()))
                    .collect()
            })
            .unwrap_or_default();
        let fields = merge_fields(text, body_start);
        let columns = fields.iter().map(|f| recipients.column(f)).collect();
        Plan {
            text,
            format,
            body_start,
            front,
            fields,
            columns,
        }
    }

    /// Fill the template for one row.
    pub fn fill(&self, recipients: &Recipients, row: &[String]) -> Filled {
        let mut text = String::with_capacity(self.text.len() + 256);
        let mut spans = Vec::with_capacity(self.fields.len() + 1);
        text.push_str("---\n");
        let mut keys_written: Vec<String> = Vec::new();
        let mut push_pair = |text: &mut String, key: &str, value: &str| {
            if key.is_empty() || value.is_empty() || keys_written.iter().any(|k| k == key) {
                return;
            }
            keys_written.push(key.to_string());
            text.push_str(key);
            text.push_str(": ");
            yaml_quote(value, text);
            text.push('\n');
        };
        // Row values first: they are about this recipient and win over the template's.
        let column = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| recipients.keys.iter().position(|k| k == n))
                .and_then(|i| row.get(i))
                .filter(|v| !v.is_empty())
        };
        if column(&["recipient"]).is_none() {
            let full = column(&["fullname", "name", "recipientname", "contactname"])
                .cloned()
                .or_else(|| {
                    let first = column(&["firstname", "fname", "first", "givenname"])?;
                    Some(
                        match column(&["lastname", "lname", "last", "surname", "familyname"]) {
                            Some(last) => format!("{first} {last}"),
                            None => first.clone(),
                        },
                    )
                });
            if let Some(full) = full {
                push_pair(&mut text, "recipient", &full);
            }
        }
        for (header, value) in recipients.headers.iter().zip(row) {
            push_pair(&mut text, &yaml_key(header), value);
        }
        for (key, value) in &self.front {
            push_pair(&mut text, key, value);
        }
        text.push_str("---\n");
        spans.push((0..self.body_start, 0..text.len()));
        let mut cursor = self.body_start;
        for (field, column) in self.fields.iter().zip(&self.columns) {
            text.push_str(&self.text[cursor..field.range.start]);
            let value = column
                .and_then(|c| row.get(c))
                .map(String::as_str)
                .unwrap_or("");
            let value = if value.is_empty() {
                field.default.as_deref().unwrap_or("")
            } else {
                value
            };
            let start = text.len();
            for (i, part) in value
                .split(['\n', '\r'])
                .filter(|p| !p.is_empty())
                .enumerate()
            {
                if i > 0 {
                    text.push(' ');
                }
                text.push_str(part);
            }
            spans.push((field.range.clone(), start..text.len()));
            cursor = field.range.end;
        }
        text.push_str(&self.text[cursor..]);
        Filled { text, spans }
    }
}

/// A key the front matter can hold for a CSV header: lower case, `_` for other characters.
fn yaml_key(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// Write a value as a double-quoted YAML scalar.
fn yaml_quote(value: &str, out: &mut String) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
}

/// What a `check --recipients` result is, for reporters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// The template itself: its own findings and the run's summary.
    Template {
        /// The CSV as given.
        csv: String,
        /// Rows checked.
        rows: usize,
        /// Rows with at least one finding of their own.
        rows_with_findings: usize,
        /// Lowest, median and highest score with the rows of the extremes.
        scores: Option<ScoreRange>,
    },
    /// One recipient.
    Row {
        /// The CSV as given.
        csv: String,
        /// 1-based row number, not counting the header.
        row: usize,
        /// The row's values by column name.
        values: Vec<(String, String)>,
    },
}

/// The spread of the scores over the rows of one template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreRange {
    /// Lowest score and its (first) row.
    pub min: (u8, usize),
    /// Median score.
    pub median: u8,
    /// Highest score and its (first) row.
    pub max: (u8, usize),
}

impl TemplateResult {
    /// Rows with findings of their own.
    pub fn rows_with_findings(&self) -> usize {
        self.rows.iter().filter(|r| !r.findings.is_empty()).count()
    }

    /// The spread of the row scores.
    pub fn score_range(&self) -> Option<ScoreRange> {
        let mut scores: Vec<(u8, usize)> = self
            .rows
            .iter()
            .filter_map(|r| r.score.as_ref().map(|s| (s.value, r.row)))
            .collect();
        if scores.is_empty() {
            return None;
        }
        scores.sort();
        let min = scores[0];
        let median = scores[scores.len() / 2].0;
        let top = scores[scores.len() - 1].0;
        let max = scores
            .iter()
            .find(|(v, _)| *v == top)
            .copied()
            .unwrap_or(min);
        Some(ScoreRange { min, median, max })
    }
}

/// The outcome for one recipient.
#[derive(Debug, Clone)]
pub struct RowResult {
    /// 1-based row number, not counting the header.
    pub row: usize,
    /// The row's values by column name.
    pub values: Vec<(String, String)>,
    /// Findings for this recipient, in template positions.
    pub findings: Vec<Finding>,
    /// The filled draft's score.
    pub score: Option<Score>,
    /// Characters of the filled body.
    pub chars: usize,
}

impl RowResult {
    /// "first_name=Sara, company=Acme" (values shortened).
    pub fn describe(&self) -> String {
        self.values
            .iter()
            .map(|(k, v)| format!("{k}={}", short(v, 30)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The outcome for one template over all rows.
#[derive(Debug, Clone)]
pub struct TemplateResult {
    /// Findings on the template itself: its own lint, fields with no column, findings every
    /// row shares, and the channel length after filling.
    pub findings: Vec<Finding>,
    /// One result per row, in CSV order.
    pub rows: Vec<RowResult>,
}

/// Fill `text` for every row and lint each result.
pub fn check_template(
    text: &str,
    format: Format,
    rules: &RuleSet,
    options: &LintOptions,
    recipients: &Recipients,
) -> TemplateResult {
    let mut template_options = options.clone();
    template_options.template = Some(true);
    let template_report = lint(text, format, rules, &template_options);
    let mut template_findings: Vec<Finding> = template_report
        .findings
        .into_iter()
        .filter(|f| f.rule != document::ids::CHANNEL_LENGTH)
        .collect();
    let plan = Plan::new(text, format, recipients);
    let spec = |id: &str| rules.enabled_spec(id, options);
    let gap_spec = spec(ids::EMPTY_MERGE_VALUE);
    if let Some(spec) = gap_spec {
        let mut reported: Vec<&str> = Vec::new();
        for (field, column) in plan.fields.iter().zip(&plan.columns) {
            if column.is_some() || field.default.is_some() || reported.contains(&field.key.as_str())
            {
                continue;
            }
            reported.push(&field.key);
            let message = format!(
                "{}: the CSV has no column for {{{{{}}}}}, so every recipient gets a gap (columns: {})",
                spec.message,
                field.name,
                recipients.headers.join(", ")
            );
            template_findings.push(finding(spec, field.range.clone(), message, None));
        }
    }
    let known: Vec<(String, Range<usize>, String)> = template_findings
        .iter()
        .map(|f| (f.rule.clone(), f.range.clone(), f.message.clone()))
        .collect();
    let mut row_options = options.clone();
    row_options.template = Some(false);
    let mut rows: Vec<RowResult> = recipients
        .rows
        .par_iter()
        .enumerate()
        .map(|(index, row)| {
            check_row(
                &plan,
                recipients,
                rules,
                &row_options,
                gap_spec,
                &known,
                index,
                row,
            )
        })
        .collect();

    // Findings every row shares go to the template once.
    if rows.len() > 1 {
        let mut counts: HashMap<(String, Range<usize>, String), usize> = HashMap::new();
        for r in &rows {
            for f in &r.findings {
                *counts
                    .entry((f.rule.clone(), f.range.clone(), f.message.clone()))
                    .or_default() += 1;
            }
        }
        let everyone: Vec<&(String, Range<usize>, String)> = counts
            .iter()
            .filter(|(_, n)| **n == rows.len())
            .map(|(k, _)| k)
            .collect();
        if !everyone.is_empty() {
            for f in &rows[0].findings {
                if everyone.contains(&&(f.rule.clone(), f.range.clone(), f.message.clone())) {
                    let mut shared = f.clone();
                    shared.message = format!("{} (every recipient)", f.message);
                    template_findings.push(shared);
                }
            }
            for r in &mut rows {
                r.findings.retain(|f| {
                    !everyone.contains(&&(f.rule.clone(), f.range.clone(), f.message.clone()))
                });
            }
        }
    }

    if let Some(length) = length_finding(text, format, rules, options, &plan, &rows) {
        template_findings.push(length);
    }
    template_findings.sort_by(|a, b| {
        (a.range.start, a.range.end, &a.rule).cmp(&(b.range.start, b.range.end, &b.rule))
    });
    TemplateResult {
        findings: template_findings,
        rows,
    }
}

#[allow(clippy::too_many_arguments)]
fn check_row(
    plan: &Plan<'_>,
    recipients: &Recipients,
    rules: &RuleSet,
    options: &LintOptions,
    gap_spec: Option<&crate::rules::RuleSpec>,
    known: &[(String, Range<usize>, String)],
    index: usize,
    row: &[String],
) -> RowResult {
    let filled = plan.fill(recipients, row);
    let report = lint(&filled.text, plan.format, rules, options);
    let body_start = filled.spans.first().map_or(0, |(_, f)| f.end);
    let mut findings: Vec<Finding> = Vec::new();
    for f in report.findings {
        if f.rule == document::ids::CHANNEL_LENGTH
            || f.range.end <= body_start && f.range.start < body_start && body_start > 0
        {
            continue;
        }
        let range = filled.map_range(&f.range);
        if known
            .iter()
            .any(|(rule, r, message)| *rule == f.rule && *r == range && *message == f.message)
        {
            continue;
        }
        let fixes = f
            .fixes
            .iter()
            .filter(|fix| {
                fix.edits
                    .iter()
                    .all(|e| filled.is_literal(&(e.start..e.end)))
            })
            .map(|fix| Fix {
                edits: fix
                    .edits
                    .iter()
                    .map(|e| {
                        let r = filled.map_range(&(e.start..e.end));
                        Edit {
                            start: r.start,
                            end: r.end,
                            replacement: e.replacement.clone(),
                        }
                    })
                    .collect(),
                ..fix.clone()
            })
            .collect();
        findings.push(Finding { range, fixes, ..f });
    }
    if let Some(spec) = gap_spec {
        for ((field, column), (_, span)) in plan
            .fields
            .iter()
            .zip(&plan.columns)
            .zip(filled.spans.iter().skip(1))
        {
            if column.is_none() || !span.is_empty() {
                continue;
            }
            let line_start = filled.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = filled.text[span.end..]
                .find('\n')
                .map_or(filled.text.len(), |i| span.end + i);
            let line = filled.text[line_start..line_end].trim();
            if line.is_empty() {
                continue;
            }
            let column_name = column
                .and_then(|c| recipients.headers.get(c))
                .map_or(field.name.as_str(), String::as_str);
            let message = format!(
                "{}: `{column_name}` is empty for this recipient, leaving \u{201c}{}\u{201d}",
                spec.message,
                short(line, 60)
            );
            findings.push(finding(spec, field.range.clone(), message, None));
        }
    }
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, &a.rule).cmp(&(b.range.start, b.range.end, &b.rule))
    });
    let chars = filled.text[body_start.min(filled.text.len())..]
        .trim()
        .chars()
        .count();
    let mut score = report.score;
    if let Some(score) = score.as_mut() {
        score.charge_gaps(
            findings
                .iter()
                .filter(|f| f.rule == ids::EMPTY_MERGE_VALUE)
                .count(),
        );
    }
    RowResult {
        row: index + 1,
        values: recipients
            .headers
            .iter()
            .cloned()
            .zip(row.iter().cloned())
            .collect(),
        findings,
        score,
        chars,
    }
}

/// One `channel-length` finding on the template naming the longest filled row.
fn length_finding(
    text: &str,
    format: Format,
    rules: &RuleSet,
    options: &LintOptions,
    plan: &Plan<'_>,
    rows: &[RowResult],
) -> Option<Finding> {
    let spec = rules.enabled_spec(document::ids::CHANNEL_LENGTH, options)?;
    let channel_name = plan
        .front
        .iter()
        .find_map(|(k, v)| (crate::context::canonical_key(k) == "channel").then(|| v.clone()));
    let channel = channel_name
        .as_deref()
        .and_then(crate::context::Channel::parse)
        .or(options.default_channel)?;
    let limit = limit_for(channel, options);
    if limit == 0 {
        return None;
    }
    let over: Vec<&RowResult> = rows.iter().filter(|r| r.chars > limit).collect();
    let worst = over
        .iter()
        .max_by_key(|r| (r.chars, std::cmp::Reverse(r.row)))?;
    let message = format!(
        "{}: filled for row {} ({}), it is {} characters, {} over the {limit} allowed for {}; {} of {} rows are over",
        spec.message,
        worst.row,
        worst.describe(),
        worst.chars,
        worst.chars - limit,
        channel.as_str(),
        over.len(),
        rows.len()
    );
    let mut template_options = options.clone();
    template_options.template = Some(true);
    let draft = crate::lint::Draft::new(text, format, &template_options);
    Some(finding(spec, document::anchor(&draft), message, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipients(csv: &str) -> Recipients {
        Recipients::read(csv.as_bytes()).unwrap_or_default()
    }

    #[test]
    fn reads_headers_rows_and_pads() {
        let r = recipients("\u{feff}First Name,Company,met_at\nSara, Acme ,PyCon\nTom,Globex\n\n");
        assert_eq!(r.headers, vec!["First Name", "Company", "met_at"]);
        assert_eq!(r.keys, vec!["firstname", "company", "metat"]);
        assert_eq!(
            r.rows,
            vec![vec!["Sara", "Acme", "PyCon"], vec!["Tom", "Globex", ""]]
        );
    }

    #[test]
    fn fill_maps_positions_back() {
        let template = "Hi {{first_name}},\n\nHow is {{company}} doing?\n";
        let r = recipients("first_name,company\nBartholomew,Acme\n");
        let plan = Plan::new(template, Format::PlainText, &r);
        let filled = plan.fill(&r, &r.rows[0]);
        let body = filled.text.find("Hi ").unwrap_or(0);
        assert_eq!(
            &filled.text[body..],
            "Hi Bartholomew,\n\nHow is Acme doing?\n"
        );
        // A literal word after a field maps back exactly.
        let doing = body + filled.text[body..].find("doing").unwrap_or(0);
        let mapped = filled.map_range(&(doing..doing + 5));
        assert_eq!(&template[mapped], "doing");
        // A range inside a value maps to the whole field.
        let name = body + filled.text[body..].find("Bartholomew").unwrap_or(0);
        let mapped = filled.map_range(&(name + 2..name + 5));
        assert_eq!(&template[mapped], "{{first_name}}");
        // A range spanning literal text and a value keeps the literal part exact.
        let mapped = filled.map_range(&(body..name + 11));
        assert_eq!(&template[mapped], "Hi {{first_name}}");
        assert!(filled.is_literal(&(doing..doing + 5)));
        assert!(!filled.is_literal(&(name..name + 3)));
    }

    #[test]
    fn empty_values_use_the_fallback_or_leave_a_gap() {
        let template = "Hi {{ first_name | default: \"there\" }}, about {{company}}.\n";
        let r = recipients("first_name,company\n,\n");
        let plan = Plan::new(template, Format::PlainText, &r);
        let filled = plan.fill(&r, &r.rows[0]);
        assert!(
            filled.text.ends_with("---\nHi there, about .\n"),
            "{:?}",
            filled.text
        );
        let (_, gap) = &filled.spans[2];
        assert!(gap.is_empty());
        assert_eq!(
            filled.map_range(&(gap.start..gap.end)),
            template.find("{{company}}").map_or(0..0, |s| s..s + 11)
        );
    }
}
