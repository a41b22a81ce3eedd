//! Editor settings (`initializationOptions`, `workspace/didChangeConfiguration`, and the
//! `workspace/configuration` section `outreachLint`) and how they merge over the project's
//! `.outreach-lint.toml`. Settings that do not validate are rejected as a whole, so the
//! caller can keep the last good ones and say why.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde_json::Value;

use crate::config::RuleSetting;
use crate::lint::LintOptions;

/// The settings section name.
pub const SECTION: &str = "outreachLint";

/// Default publication delay after a change.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// The settings as sent by the client.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSettings {
    #[serde(default)]
    rules: Option<BTreeMap<String, Value>>,
    #[serde(default)]
    limits: Option<BTreeMap<String, Value>>,
    #[serde(default)]
    templates: Option<Vec<String>>,
    #[serde(default)]
    max_file_bytes: Option<u64>,
    #[serde(default)]
    debounce_ms: Option<u64>,
    #[serde(default)]
    score_hint: Option<bool>,
}

/// Validated editor settings.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Rule id or category -> setting, applied over the project's.
    pub rules: Vec<(String, RuleSetting)>,
    /// Channel limits by canonical name (`linkedin-note`, ...).
    pub limits: Vec<(String, usize)>,
    /// Template globs, matched against the path relative to a workspace folder, the path
    /// relative to the config file's folder, and the file name.
    pub templates: Vec<String>,
    templates_set: GlobSet,
    /// Size cap.
    pub max_file_bytes: Option<usize>,
    /// Publication delay.
    pub debounce: Duration,
    /// Show the personalisation score as an inlay hint.
    pub score_hint: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rules: Vec::new(),
            limits: Vec::new(),
            templates: Vec::new(),
            templates_set: GlobSet::empty(),
            max_file_bytes: None,
            debounce: DEFAULT_DEBOUNCE,
            score_hint: true,
        }
    }
}

const LIMIT_NAMES: &[&str] = &[
    "linkedin-note",
    "linkedin-message",
    "inmail-subject",
    "inmail-body",
    "email",
];

fn limit_name(key: &str) -> Option<&'static str> {
    let squashed: String = key
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    LIMIT_NAMES
        .iter()
        .copied()
        .find(|name| name.replace('-', "") == squashed)
}

impl Settings {
    /// Parse settings from a client payload: either `{"outreachLint": {...}}` or the section
    /// itself. `null` and `{}` give the defaults. Names under `rules` must satisfy `known`.
    pub fn parse(value: &Value, known: &dyn Fn(&str) -> bool) -> Result<Settings, String> {
        let section = match value {
            Value::Null => return Ok(Settings::default()),
            Value::Object(map) => match map.get(SECTION) {
                Some(inner) => inner,
                None => value,
            },
            _ => return Err("settings must be an object".to_string()),
        };
        if section.is_null() {
            return Ok(Settings::default());
        }
        let raw: RawSettings =
            serde_json::from_value(section.clone()).map_err(|err| format!("settings: {err}"))?;
        let mut settings = Settings::default();
        for (key, value) in raw.rules.iter().flatten() {
            if !known(key) {
                return Err(format!("rules: `{key}` is not a rule id or category"));
            }
            let setting = match value {
                Value::Bool(true) => Some(RuleSetting::On),
                Value::Bool(false) => Some(RuleSetting::Off),
                Value::String(s) => RuleSetting::parse(s),
                _ => None,
            }
            .ok_or_else(|| {
                format!(
                    "rules: `{key}` must be \"off\", \"on\", \"error\", \"warning\", \"info\" or \"hint\""
                )
            })?;
            settings.rules.push((key.clone(), setting));
        }
        for (key, value) in raw.limits.iter().flatten() {
            let name = limit_name(key).ok_or_else(|| {
                format!("limits: `{key}` is not one of {}", LIMIT_NAMES.join(", "))
            })?;
            let n = value
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| format!("limits: `{key}` must be a whole number of characters"))?;
            settings.limits.push((name.to_string(), n));
        }
        let mut builder = GlobSetBuilder::new();
        for pattern in raw.templates.iter().flatten() {
            builder.add(Glob::new(pattern).map_err(|e| format!("templates: {e}"))?);
            let trimmed = pattern.trim_end_matches('/');
            if !trimmed.contains('*') {
                builder.add(
                    Glob::new(&format!("{trimmed}/**")).map_err(|e| format!("templates: {e}"))?,
                );
            }
        }
        settings.templates_set = builder.build().map_err(|e| format!("templates: {e}"))?;
        settings.templates = raw.templates.unwrap_or_default();
        if let Some(n) = raw.max_file_bytes {
            if n == 0 {
                return Err("maxFileBytes must be greater than 0".to_string());
            }
            settings.max_file_bytes = Some(usize::try_from(n).unwrap_or(usize::MAX));
        }
        if let Some(ms) = raw.debounce_ms {
            settings.debounce = Duration::from_millis(ms.min(10_000));
        }
        if let Some(on) = raw.score_hint {
            settings.score_hint = on;
        }
        Ok(settings)
    }

    /// Apply these settings over a file's options from its project config.
    pub fn apply(
        &self,
        options: &mut LintOptions,
        file: Option<&Path>,
        roots: &[PathBuf],
        config_dir: Option<&Path>,
    ) {
        for (key, setting) in &self.rules {
            match setting {
                RuleSetting::Off => {
                    options.ignore.insert(key.clone());
                }
                RuleSetting::On => {
                    options.ignore.remove(key);
                    if let Some(only) = options.only.as_mut() {
                        only.insert(key.clone());
                    }
                }
                RuleSetting::Severity(sev) => {
                    options.ignore.remove(key);
                    options.severities.insert(key.clone(), *sev);
                }
            }
        }
        for (name, n) in &self.limits {
            let limits = &mut options.limits;
            match name.as_str() {
                "linkedin-note" => limits.linkedin_note = *n,
                "linkedin-message" => limits.linkedin_message = *n,
                "inmail-subject" => limits.inmail_subject = *n,
                "inmail-body" => limits.inmail_body = *n,
                "email" => limits.email = *n,
                _ => {}
            }
        }
        if let Some(n) = self.max_file_bytes {
            options.max_bytes = n;
        }
        if let Some(file) = file {
            if self.is_template(file, roots, config_dir) {
                options.template = Some(true);
            }
        }
    }

    fn is_template(&self, file: &Path, roots: &[PathBuf], config_dir: Option<&Path>) -> bool {
        if self.templates_set.is_empty() {
            return false;
        }
        let matches = |p: &Path| self.templates_set.is_match(p);
        if roots
            .iter()
            .map(PathBuf::as_path)
            .chain(config_dir)
            .filter_map(|root| file.strip_prefix(root).ok())
            .any(matches)
        {
            return true;
        }
        matches(file) || file.file_name().is_some_and(|n| matches(Path::new(n)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_the_section_and_rejects_bad_values() {
        let set = crate::rules::RuleSet::builtin();
        let rules = |name: &str| {
            set.rules()
                .iter()
                .any(|r| r.spec.id == name || r.spec.category == name)
        };
        let s = Settings::parse(
            &json!({"outreachLint": {"limits": {"linkedin-note": 200}, "debounceMs": 0, "templates": ["templates/"]}}),
            &rules,
        )
        .unwrap();
        assert_eq!(s.limits, vec![("linkedin-note".to_string(), 200)]);
        assert_eq!(s.debounce, Duration::ZERO);
        assert!(s.score_hint, "the score hint is on unless switched off");
        let off = Settings::parse(&json!({"scoreHint": false}), &rules).unwrap();
        assert!(!off.score_hint);
        assert!(Settings::parse(&json!({"scoreHint": "no"}), &rules).is_err());
        assert!(Settings::parse(&json!({"limits": {"fax": 3}}), &rules).is_err());
        assert!(Settings::parse(&json!({"debounceMs": "soon"}), &rules).is_err());
        assert!(Settings::parse(&json!({"rules": {"no-such-rule-x": "off"}}), &rules).is_err());
        // Unset values (null) and keys the server does not read are fine.
        let s2 = Settings::parse(
            &json!({"rules": null, "limits": null, "maxFileBytes": null, "serverPath": "x"}),
            &rules,
        )
        .unwrap();
        assert!(s2.rules.is_empty());
        let mut options = LintOptions::default();
        s.apply(
            &mut options,
            Some(Path::new("/w/templates/a.md")),
            &[PathBuf::from("/w")],
            None,
        );
        assert_eq!(options.limits.linkedin_note, 200);
        assert_eq!(options.template, Some(true));
    }
}
