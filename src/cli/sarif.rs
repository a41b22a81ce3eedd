//! `check --format sarif`: a SARIF 2.1.0 log for code-scanning pages. One run; the driver
//! lists every rule of the run's rule sets and the campaign checks (id, name, short and
//! full description, help from the explanation, default level, category tags); each result
//! has a physical location (1-based lines, columns in Unicode code points, as
//! `columnKind: unicodeCodePoints` says), the safe fixes, related locations for campaign
//! groups, and a stable partial fingerprint so a finding is tracked across commits even
//! when lines move. Unreadable files become tool execution notifications.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use serde::Serialize;

use super::campaign::{self, Campaign};
use super::check::FileResult;
use super::formats::{clean_path, file_uri, span};
use crate::lint::Finding;
use crate::rules::{RuleSet, RuleSpec, Severity};
use crate::text::LineIndex;

/// The schema URI written into the log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// The key of our partial fingerprint.
pub const FINGERPRINT_KEY: &str = "outreachLint/v1";
/// Related locations listed per campaign result.
const MAX_RELATED: usize = 20;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<serde_json::Value>,
    results: Vec<SarifResult<'a>>,
    invocations: [Invocation; 1],
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: serde_json::Value,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<serde_json::Value>,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    partial_fingerprints: HashMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region<'a> {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Text<'a>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region<'a>,
    inserted_content: Text<'a>,
}

/// Every rule a result may name, in a stable order: the rule sets' rules (built-in first,
/// as the run's rule sets list them), then the campaign checks.
struct Catalogue<'a> {
    specs: Vec<&'a RuleSpec>,
    index: HashMap<&'a str, usize>,
}

impl<'a> Catalogue<'a> {
    fn new(rule_sets: &'a [Arc<RuleSet>]) -> Catalogue<'a> {
        let mut cat = Catalogue {
            specs: Vec::new(),
            index: HashMap::new(),
        };
        for set in rule_sets {
            for rule in set.rules() {
                cat.add(&rule.spec);
            }
        }
        for spec in campaign::specs() {
            cat.add(spec);
        }
        cat
    }

    fn add(&mut self, spec: &'a RuleSpec) {
        if !self.index.contains_key(spec.id.as_str()) {
            self.index.insert(spec.id.as_str(), self.specs.len());
            self.specs.push(spec);
        }
    }
}

/// The SARIF level of a severity (hints and infos are notes).
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// `generic-opener` -> `GenericOpener`.
fn pascal(id: &str) -> String {
    id.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        })
        .collect()
}

fn first_paragraph(text: &str) -> &str {
    let text = text.trim();
    text.split("\n\n").next().unwrap_or(text).trim()
}

fn rule_descriptor(spec: &RuleSpec) -> serde_json::Value {
    let explanation = spec.explanation.trim();
    let full = if explanation.is_empty() {
        spec.message.trim().to_string()
    } else {
        first_paragraph(explanation)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut help_text = String::new();
    if !explanation.is_empty() {
        help_text.push_str(explanation);
    } else {
        help_text.push_str(spec.message.trim());
    }
    if !spec.hint.trim().is_empty() {
        help_text.push_str("\n\nInstead: ");
        help_text.push_str(spec.hint.trim());
    }
    serde_json::json!({
        "id": spec.id,
        "name": pascal(&spec.id),
        "shortDescription": {"text": spec.message.trim()},
        "fullDescription": {"text": full},
        "help": {"text": help_text, "markdown": super::explain_text(spec)},
        "defaultConfiguration": {"level": level(spec.severity)},
        "properties": {"tags": ["outreach", spec.category], "category": spec.category},
    })
}

/// A fingerprint that survives moving lines: the rule, the matched text (whitespace and
/// case normalised) and which occurrence of that pair in the file it is.
fn fingerprint(f: &Finding, text: &str, seen: &mut HashMap<u64, usize>) -> String {
    let matched = text.get(f.range.clone()).unwrap_or("");
    let mut key = String::with_capacity(f.rule.len() + matched.len() + 1);
    key.push_str(&f.rule);
    key.push('\0');
    for (i, word) in matched.split_whitespace().enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    let hash = campaign::fnv1a(key.as_bytes());
    let n = seen.entry(hash).or_insert(0);
    *n += 1;
    format!("{hash:016x}:{n}")
}

fn artifact(path: &str) -> ArtifactLocation {
    let (uri, relative) = file_uri(path);
    ArtifactLocation {
        uri,
        uri_base_id: relative.then_some("%SRCROOT%"),
    }
}

fn region<'t>(text: &'t str, index: &LineIndex, f: &Finding, snippet: bool) -> Region<'t> {
    let ((start_line, start_column), (end_line, end_column)) = span(text, index, f);
    Region {
        start_line,
        start_column,
        end_line,
        end_column,
        snippet: snippet
            .then(|| text.get(f.range.clone()))
            .flatten()
            .filter(|s| !s.is_empty())
            .map(|s| Text { text: s }),
    }
}

/// Write the SARIF log of a run. `rule_sets` are the rule sets the run used (built-in
/// first); `campaign` adds related locations to campaign results.
pub fn write(
    out: &mut dyn Write,
    results: &[FileResult],
    rule_sets: &[Arc<RuleSet>],
    campaign: Option<&Campaign>,
) -> anyhow::Result<()> {
    let builtin;
    let rule_sets = if rule_sets.is_empty() {
        builtin = [RuleSet::builtin()];
        &builtin[..]
    } else {
        rule_sets
    };
    let catalogue = Catalogue::new(rule_sets);
    // (file, rule, start) -> campaign group, for related locations.
    let mut groups: HashMap<(usize, &str, usize), usize> = HashMap::new();
    if let Some(c) = campaign {
        for (g, group) in c.groups.iter().enumerate() {
            for m in &group.members {
                groups.insert((m.file, group.kind.rule(), m.range.start), g);
            }
        }
    }
    let indexes: Vec<Option<LineIndex>> = results
        .iter()
        .map(|r| {
            (!r.findings.is_empty() || (campaign.is_some() && r.error.is_none()))
                .then(|| LineIndex::new(&r.text))
        })
        .collect();
    let mut sarif_results = Vec::new();
    let mut notifications = Vec::new();
    for (file, r) in results.iter().enumerate() {
        if let Some(err) = &r.error {
            notifications.push(serde_json::json!({
                "level": "error",
                "message": {"text": format!("{}: {err}", clean_path(&r.path))},
                "locations": [{"physicalLocation": {"artifactLocation": artifact(&r.path)}}],
            }));
            continue;
        }
        let Some(index) = indexes[file].as_ref() else {
            continue;
        };
        let mut seen = HashMap::new();
        for f in &r.findings {
            let location = Location {
                id: None,
                physical_location: PhysicalLocation {
                    artifact_location: artifact(&r.path),
                    region: Some(region(&r.text, index, f, true)),
                },
                message: None,
            };
            let related = match (
                campaign,
                groups.get(&(file, f.rule.as_str(), f.range.start)),
            ) {
                (Some(c), Some(&g)) => related_locations(results, &indexes, &c.groups[g], file),
                _ => Vec::new(),
            };
            let fixes = f
                .fixes
                .iter()
                .filter(|fix| super::fix::is_applicable(fix))
                .map(|fix| SarifFix {
                    description: Text { text: &fix.title },
                    artifact_changes: [ArtifactChange {
                        artifact_location: artifact(&r.path),
                        replacements: fix
                            .edits
                            .iter()
                            .map(|e| {
                                let edit_span = Finding {
                                    range: e.start..e.end,
                                    ..empty_finding()
                                };
                                Replacement {
                                    deleted_region: region(&r.text, index, &edit_span, false),
                                    inserted_content: Text {
                                        text: &e.replacement,
                                    },
                                }
                            })
                            .collect(),
                    }],
                })
                .collect();
            let mut partial = HashMap::with_capacity(1);
            partial.insert(FINGERPRINT_KEY, fingerprint(f, &r.text, &mut seen));
            sarif_results.push(SarifResult {
                rule_id: &f.rule,
                rule_index: catalogue.index.get(f.rule.as_str()).copied(),
                level: level(f.severity),
                message: Text { text: &f.message },
                locations: [location],
                partial_fingerprints: partial,
                related_locations: related,
                fixes,
            });
        }
    }
    let base = std::env::current_dir().ok().map(|dir| {
        let (uri, _) = file_uri(&dir.to_string_lossy());
        let uri = if uri.ends_with('/') {
            uri
        } else {
            format!("{uri}/")
        };
        serde_json::json!({"%SRCROOT%": {"uri": uri}})
    });
    let driver = serde_json::json!({
        "name": "outreach-lint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": "https://crates.io/crates/outreach-lint",
        "rules": catalogue.specs.iter().map(|s| rule_descriptor(s)).collect::<Vec<_>>(),
    });
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool { driver },
            original_uri_base_ids: base,
            results: sarif_results,
            invocations: [Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications,
            }],
            column_kind: "unicodeCodePoints",
        }],
    };
    serde_json::to_writer(&mut *out, &log)?;
    writeln!(out)?;
    Ok(())
}

fn empty_finding() -> Finding {
    Finding {
        rule: String::new(),
        category: String::new(),
        severity: Severity::Hint,
        message: String::new(),
        range: 0..0,
        fixes: Vec::new(),
        pattern: None,
        detail: None,
    }
}

fn related_locations<'a>(
    results: &'a [FileResult],
    indexes: &[Option<LineIndex>],
    group: &campaign::Group,
    file: usize,
) -> Vec<Location<'a>> {
    group
        .members
        .iter()
        .filter(|m| m.file != file)
        .take(MAX_RELATED)
        .enumerate()
        .filter_map(|(n, m)| {
            let r = results.get(m.file)?;
            let index = indexes.get(m.file)?.as_ref()?;
            let f = Finding {
                range: m.range.clone(),
                ..empty_finding()
            };
            Some(Location {
                id: Some(n + 1),
                physical_location: PhysicalLocation {
                    artifact_location: artifact(&r.path),
                    region: Some(region(&r.text, index, &f, false)),
                },
                message: Some(Text {
                    text: match group.kind {
                        campaign::GroupKind::Opener => "the same opener",
                        campaign::GroupKind::Closer => "the same closer",
                        campaign::GroupKind::SameBody => "the same body",
                    },
                }),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_pascal_case() {
        assert_eq!(pascal("hope-finds-you-well"), "HopeFindsYouWell");
        assert_eq!(pascal("generic_opener"), "GenericOpener");
    }

    #[test]
    fn fingerprints_ignore_position_and_count_repeats() {
        let text = "Just touch base.\n\nJust   Touch base.";
        let a = Finding {
            rule: "r".into(),
            range: 5..15,
            ..empty_finding()
        };
        let b = Finding {
            rule: "r".into(),
            range: 23..35,
            ..empty_finding()
        };
        let mut seen = HashMap::new();
        let fa = fingerprint(&a, text, &mut seen);
        let fb = fingerprint(&b, text, &mut seen);
        assert_eq!(fa.split(':').next(), fb.split(':').next());
        assert!(fa.ends_with(":1") && fb.ends_with(":2"), "{fa} {fb}");
    }
}
