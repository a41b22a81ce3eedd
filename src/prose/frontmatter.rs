//! YAML front matter at the top of a draft: found, parsed into flat key -> value pairs (the
//! recipient context), and never linted as prose. A block that does not parse is reported
//! with its line and the parser's reason instead of stopping the lint, unless every line is
//! a plain `key: value` pair: people write `their_work: "Sparse Probing" (TACL 2023)`, which
//! YAML rejects but whose meaning is plain, so such a block is read line by line.

use std::collections::BTreeMap;
use std::ops::Range;

use yaml_rust2::{Yaml, YamlLoader};

/// A parse failure inside the front matter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("front matter is not valid YAML (line {line}): {reason}")]
pub struct FrontMatterError {
    /// 1-based line in the file.
    pub line: usize,
    /// The parser's explanation.
    pub reason: String,
}

/// The parsed front matter block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// The whole block, fences and trailing line break included.
    pub range: Range<usize>,
    /// Keys (lower-cased, `-` and spaces read as `_`) to values; lists keep their items.
    pub fields: BTreeMap<String, FieldValue>,
    /// Set when the block did not parse; `fields` is then empty.
    pub error: Option<FrontMatterError>,
}

/// One front-matter value.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A scalar, as text.
    Text(String),
    /// A list of scalars.
    List(Vec<String>),
}

impl FieldValue {
    /// The value as one string (lists joined with ", ").
    pub fn as_text(&self) -> String {
        match self {
            FieldValue::Text(s) => s.clone(),
            FieldValue::List(items) => items.join(", "),
        }
    }
}

impl FrontMatter {
    /// A scalar value by key, when present and not empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        match self.fields.get(key) {
            Some(FieldValue::Text(s)) if !s.trim().is_empty() => Some(s.as_str()),
            _ => None,
        }
    }

    /// A value as a list (a scalar gives a one-item list).
    pub fn list(&self, key: &str) -> Vec<String> {
        match self.fields.get(key) {
            Some(FieldValue::List(items)) => items.clone(),
            Some(FieldValue::Text(s)) if !s.trim().is_empty() => s
                .split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// A boolean flag (`true`, `yes`, `on`).
    pub fn flag(&self, key: &str) -> bool {
        self.get(key).is_some_and(|v| {
            matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "true" | "yes" | "on" | "1"
            )
        })
    }
}

/// Find and parse the front matter at the top of `text`, if any.
pub fn parse(text: &str) -> Option<FrontMatter> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[start..];
    let first_line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_len].trim_end() != "---" {
        return None;
    }
    let yaml_start = start + first_line_len;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let range = start..offset + line.len();
            return Some(build(text, yaml_start..offset, range));
        }
        offset += line.len();
    }
    None
}

fn build(text: &str, yaml: Range<usize>, range: Range<usize>) -> FrontMatter {
    let source = &text[yaml.clone()];
    let first_line = text[..yaml.start].matches('\n').count() + 1;
    match YamlLoader::load_from_str(source) {
        Ok(docs) => FrontMatter {
            range,
            fields: docs.first().map(flatten).unwrap_or_default(),
            error: None,
        },
        Err(err) => match plain_pairs(source) {
            Some(fields) => FrontMatter {
                range,
                fields,
                error: None,
            },
            None => FrontMatter {
                range,
                fields: BTreeMap::new(),
                error: Some(FrontMatterError {
                    line: first_line + err.marker().line().saturating_sub(1),
                    reason: err.info().to_string(),
                }),
            },
        },
    }
}

/// A block where every line is blank, a comment or an unindented `key: value` with a value
/// that does not open a YAML list or map, read as those pairs; `None` for anything else.
fn plain_pairs(source: &str) -> Option<BTreeMap<String, FieldValue>> {
    let mut fields = BTreeMap::new();
    for line in source.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let value = value.trim();
        let key_ok = key.starts_with(|c: char| c.is_ascii_alphabetic())
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '));
        if !key_ok || value.is_empty() || value.starts_with(['[', '{', '|', '>', '&', '*']) {
            return None;
        }
        let key = key.trim().to_lowercase().replace(['-', ' '], "_");
        fields.insert(key, FieldValue::Text(value.to_string()));
    }
    (!fields.is_empty()).then_some(fields)
}

fn flatten(doc: &Yaml) -> BTreeMap<String, FieldValue> {
    let mut fields = BTreeMap::new();
    let Yaml::Hash(hash) = doc else {
        return fields;
    };
    for (key, value) in hash {
        let Some(key) = scalar(key) else { continue };
        let key = key.trim().to_lowercase().replace(['-', ' '], "_");
        let value = match value {
            Yaml::Array(items) => FieldValue::List(items.iter().filter_map(scalar).collect()),
            Yaml::Hash(_) => continue,
            other => match scalar(other) {
                Some(text) => FieldValue::Text(text),
                None => continue,
            },
        };
        fields.insert(key, value);
    }
    fields
}

fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_values_and_lists() {
        let text = "---\nRecipient: Zoë\nmet-at: RustConf 2026\nfields: [first_name, recent_post]\ntemplate: true\n---\nHi\n";
        let fm = parse(text).unwrap();
        assert_eq!(fm.get("recipient"), Some("Zoë"));
        assert_eq!(fm.get("met_at"), Some("RustConf 2026"));
        assert_eq!(fm.list("fields"), vec!["first_name", "recent_post"]);
        assert!(fm.flag("template"));
        assert_eq!(&text[fm.range.end..], "Hi\n");
    }

    #[test]
    fn broken_yaml_reports_its_line() {
        let text = "---\nrecipient: Ana\nmet_at: [unclosed\n---\nbody\n";
        let fm = parse(text).unwrap();
        let err = fm.error.unwrap();
        assert!(err.line >= 2, "{err:?}");
        assert!(fm.fields.is_empty());
    }

    #[test]
    fn a_quoted_title_followed_by_text_is_read_as_written() {
        let text = "---\nrecipient: Dr Helena Vasquez\ntheir_work: \"Sparse Probing for Syntax\" (TACL 2023)\n---\nHi\n";
        let fm = parse(text).unwrap();
        assert_eq!(fm.error, None);
        assert_eq!(
            fm.get("their_work"),
            Some("\"Sparse Probing for Syntax\" (TACL 2023)")
        );
        assert_eq!(fm.get("recipient"), Some("Dr Helena Vasquez"));
    }

    #[test]
    fn no_front_matter_without_a_closing_fence() {
        assert!(parse("---\nnot closed\n").is_none());
        assert!(parse("Hi ---\n").is_none());
    }
}
