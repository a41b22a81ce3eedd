//! The project config file `.outreach-lint.toml`: discovery (nearest file upward from a
//! draft), parsing with line-accurate errors, validation of custom rules, and resolution into
//! a `Project`: the compiled rule set plus per-file lint options (templates, excludes,
//! per-file ignores, severities, limits).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use thiserror::Error;

use crate::context::Channel;
use crate::lint::{ChannelLimits, LintOptions, DEFAULT_MAX_BYTES};
use crate::rules::{RuleError, RuleSet, RuleSpec, Severity};

/// The config file name searched for.
pub const FILE_NAME: &str = ".outreach-lint.toml";

/// Default extensions `check` reads.
pub const DEFAULT_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "text"];

/// The checks `check --campaign` runs across the files of a run (records in
/// `cli::campaign`); they are configured like rules.
pub const CAMPAIGN_RULES: &[&str] = &[
    "campaign-duplicate-opener",
    "campaign-duplicate-closer",
    "campaign-same-body",
];

/// The category of the campaign checks.
pub const CAMPAIGN_CATEGORY: &str = "campaign";

/// A config that cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("{path}: cannot read the config file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The TOML does not parse or does not fit the schema.
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's reason.
        message: String,
    },
    /// A value is not allowed.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Custom rules that do not compile.
    #[error("{path}: {}", .errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Rules {
        /// The file.
        path: PathBuf,
        /// One per broken rule.
        errors: Vec<RuleError>,
    },
}

/// A rule setting: a severity or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSetting {
    /// Switched off.
    Off,
    /// On, at this severity.
    Severity(Severity),
    /// On at its default severity.
    On,
}

impl RuleSetting {
    /// Parse `off`, `on`, or a severity name; booleans are read as on/off.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "off" | "false" | "disabled" | "none" => Some(RuleSetting::Off),
            "on" | "true" | "enabled" => Some(RuleSetting::On),
            other => Severity::parse(other).map(RuleSetting::Severity),
        }
    }
}

/// The config file as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// File extensions `check` reads when walking folders.
    #[serde(default)]
    pub extensions: Option<Vec<String>>,
    /// Globs of files never checked.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Globs of files that are templates.
    #[serde(default)]
    pub templates: Vec<String>,
    /// Phrases the team allows.
    #[serde(default, alias = "allowed_phrases")]
    pub allowed_phrases: Vec<String>,
    /// Size cap in bytes.
    #[serde(default, alias = "max_file_bytes")]
    pub max_file_bytes: Option<usize>,
    /// Channel for drafts whose front matter names none.
    #[serde(default, alias = "default_channel")]
    pub default_channel: Option<String>,
    /// Rule id or category -> `off` / severity / `on` (or a boolean).
    #[serde(default)]
    pub rules: BTreeMap<String, toml::Value>,
    /// Channel limits.
    #[serde(default)]
    pub limits: ChannelLimits,
    /// Glob -> rule ids or categories ignored in matching files.
    #[serde(default, alias = "per_file_ignores")]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Custom rules, same schema as the built-in pack; an existing id replaces the built-in.
    #[serde(default)]
    pub rule: Vec<RuleSpec>,
    /// The folder is a campaign: `check` runs the campaign checks on its files.
    #[serde(default)]
    pub campaign: Option<bool>,
    /// Settings for the files matching globs, applied in order after the ones above.
    #[serde(default)]
    pub overrides: Vec<Override>,
}

/// An `[[overrides]]` section: settings for the files its globs match. Later sections win
/// over earlier ones, and all of them over the top-level settings.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Globs, relative to the config file's folder (a folder name covers what is inside).
    pub files: Vec<String>,
    /// Rule id or category -> `off` / severity / `on` (or a boolean), as under `[rules]`.
    #[serde(default)]
    pub rules: BTreeMap<String, toml::Value>,
    /// Treat matching files as templates (`true`) or as drafts (`false`).
    #[serde(default)]
    pub template: Option<bool>,
    /// Channel for matching drafts whose front matter names none.
    #[serde(default, alias = "default-channel")]
    pub channel: Option<String>,
    /// Matching files take part in the campaign checks (or not).
    #[serde(default)]
    pub campaign: Option<bool>,
}

impl Config {
    /// Parse config text; `path` names the file in errors.
    pub fn parse(source: &str, path: &Path) -> Result<Config, ConfigError> {
        toml::from_str(source).map_err(|err| {
            let (line, column) = err
                .span()
                .map(|span| line_col(source, span.start))
                .unwrap_or((1, 1));
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: err.message().trim().to_string(),
            }
        })
    }

    /// Read and parse a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let source = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Config::parse(&source, path)
    }
}

fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = crate::text::floor_char_boundary(source, offset);
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The nearest config file at or above `dir`.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// A resolved config: compiled rules and what decides each file's options.
#[derive(Debug, Clone)]
pub struct Project {
    /// The rules to run.
    pub rules: Arc<RuleSet>,
    /// Options every file starts from.
    pub base: LintOptions,
    /// Extensions read when walking.
    pub extensions: Vec<String>,
    /// The config file, when there is one.
    pub path: Option<PathBuf>,
    root: PathBuf,
    exclude: GlobSet,
    templates: GlobSet,
    per_file: Vec<(GlobSet, Vec<String>)>,
    campaign: bool,
    overrides: Vec<ResolvedOverride>,
}

/// An `[[overrides]]` section, validated.
#[derive(Debug, Clone)]
struct ResolvedOverride {
    files: GlobSet,
    rules: Vec<(String, RuleSetting)>,
    template: Option<bool>,
    channel: Option<Channel>,
    campaign: Option<bool>,
}

impl Project {
    /// The built-in rules and defaults, no config file.
    pub fn builtin() -> Project {
        Project {
            rules: RuleSet::builtin(),
            base: LintOptions::default(),
            extensions: DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect(),
            path: None,
            root: PathBuf::from("."),
            exclude: GlobSet::empty(),
            templates: GlobSet::empty(),
            per_file: Vec::new(),
            campaign: false,
            overrides: Vec::new(),
        }
    }

    /// Resolve a parsed config found at `path` (globs are relative to its folder).
    pub fn from_config(config: Config, path: &Path) -> Result<Project, ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        let rules = if config.rule.is_empty() {
            RuleSet::builtin()
        } else {
            Arc::new(
                merge_rules(&config.rule).map_err(|errors| ConfigError::Rules {
                    path: path.to_path_buf(),
                    errors,
                })?,
            )
        };
        let mut base = LintOptions::default();
        let known = known_names(&rules);
        let mut settings = Vec::with_capacity(config.rules.len());
        for (key, value) in &config.rules {
            settings.push((
                key.clone(),
                parse_setting(&known, "[rules]", key, value).map_err(invalid)?,
            ));
        }
        for (key, setting) in categories_first(&rules, settings) {
            apply_setting(&mut base, &rules, &key, setting);
        }
        base.limits = config.limits;
        base.allowed_phrases = config
            .allowed_phrases
            .iter()
            .map(|p| {
                p.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_lowercase()
                    .replace('\u{2019}', "'")
            })
            .collect();
        base.max_bytes = config.max_file_bytes.unwrap_or(DEFAULT_MAX_BYTES);
        if let Some(channel) = &config.default_channel {
            base.default_channel = Some(Channel::parse(channel).ok_or_else(|| {
                invalid(format!("default-channel: `{channel}` is not one of linkedin-note, linkedin-message, inmail, email"))
            })?);
        }
        let globs = |list: &[String], what: &str| {
            build_globs(list).map_err(|e| invalid(format!("{what}: {e}")))
        };
        let mut per_file = Vec::new();
        for (glob, ignored) in &config.per_file_ignores {
            per_file.push((
                globs(std::slice::from_ref(glob), "per-file-ignores")?,
                ignored.clone(),
            ));
        }
        let mut overrides = Vec::with_capacity(config.overrides.len());
        for (n, section) in config.overrides.iter().enumerate() {
            let what = format!("[[overrides]] #{}", n + 1);
            if section.files.is_empty() {
                return Err(invalid(format!("{what}: `files` needs at least one glob")));
            }
            let mut settings = Vec::with_capacity(section.rules.len());
            for (key, value) in &section.rules {
                let setting =
                    parse_setting(&known, &format!("{what} rules"), key, value).map_err(invalid)?;
                settings.push((key.clone(), setting));
            }
            let channel = match &section.channel {
                Some(name) => Some(Channel::parse(name).ok_or_else(|| {
                    invalid(format!(
                        "{what}: channel `{name}` is not one of linkedin-note, linkedin-message, inmail, email"
                    ))
                })?),
                None => None,
            };
            overrides.push(ResolvedOverride {
                files: globs(&section.files, &format!("{what} files"))?,
                rules: categories_first(&rules, settings),
                template: section.template,
                channel,
                campaign: section.campaign,
            });
        }
        Ok(Project {
            rules,
            base,
            extensions: config
                .extensions
                .unwrap_or_else(|| DEFAULT_EXTENSIONS.iter().map(|s| s.to_string()).collect())
                .into_iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
                .collect(),
            path: Some(path.to_path_buf()),
            root: {
                // Canonicalised once here: every file's glob match is relative to it.
                let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
                std::fs::canonicalize(&root).unwrap_or(root)
            },
            exclude: globs(&config.exclude, "exclude")?,
            templates: globs(&config.templates, "templates")?,
            per_file,
            campaign: config.campaign.unwrap_or(false),
            overrides,
        })
    }

    /// Load the config file at `path` and resolve it.
    pub fn load(path: &Path) -> Result<Project, ConfigError> {
        Project::from_config(Config::load(path)?, path)
    }

    /// The path of `file` relative to the config's folder, for glob matching.
    fn relative<'p>(&self, file: &'p Path) -> std::borrow::Cow<'p, Path> {
        let abs_file = if file.is_absolute() {
            file.to_path_buf()
        } else {
            std::env::current_dir()
                .map(|d| d.join(file))
                .unwrap_or_else(|_| file.to_path_buf())
        };
        let abs_file = abs_file
            .parent()
            .and_then(|p| std::fs::canonicalize(p).ok())
            .and_then(|p| abs_file.file_name().map(|n| p.join(n)))
            .unwrap_or(abs_file);
        match abs_file.strip_prefix(&self.root) {
            Ok(rel) => std::borrow::Cow::Owned(rel.to_path_buf()),
            Err(_) => std::borrow::Cow::Borrowed(file),
        }
    }

    /// Whether `file` is excluded by the config.
    pub fn is_excluded(&self, file: &Path) -> bool {
        !self.exclude.is_empty() && self.exclude.is_match(self.relative(file).as_ref())
    }

    /// The lint options for one file.
    pub fn options_for(&self, file: Option<&Path>) -> LintOptions {
        let mut options = self.base.clone();
        let Some(file) = file else { return options };
        let rel = self.relative(file);
        if !self.templates.is_empty() && self.templates.is_match(rel.as_ref()) {
            options.template = Some(true);
        }
        for (set, ignored) in &self.per_file {
            if set.is_match(rel.as_ref()) {
                options.ignore.extend(ignored.iter().cloned());
            }
        }
        for section in self
            .overrides
            .iter()
            .filter(|o| o.files.is_match(rel.as_ref()))
        {
            for (key, setting) in &section.rules {
                apply_setting(&mut options, &self.rules, key, *setting);
            }
            if let Some(template) = section.template {
                options.template = Some(template);
            }
            if let Some(channel) = section.channel {
                options.default_channel = Some(channel);
            }
        }
        options
    }

    /// Whether `file` takes part in the campaign checks by config (`campaign = true` at the
    /// top, or in the last `[[overrides]]` section that matches it and says).
    pub fn campaign_for(&self, file: Option<&Path>) -> bool {
        let mut on = self.campaign;
        if let (Some(file), false) = (file, self.overrides.is_empty()) {
            let rel = self.relative(file);
            for section in self
                .overrides
                .iter()
                .filter(|o| o.files.is_match(rel.as_ref()))
            {
                if let Some(c) = section.campaign {
                    on = c;
                }
            }
        }
        on
    }

    /// Whether the extension of `file` is one `check` reads.
    pub fn wants_extension(&self, file: &Path) -> bool {
        file.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    }
}

/// Rule ids and categories a config may name: the rule set's and the campaign checks'.
fn known_names(rules: &RuleSet) -> HashSet<String> {
    rules
        .rules()
        .iter()
        .flat_map(|r| [r.spec.id.clone(), r.spec.category.clone()])
        .chain(CAMPAIGN_RULES.iter().map(|s| s.to_string()))
        .chain(std::iter::once(CAMPAIGN_CATEGORY.to_string()))
        .collect()
}

fn parse_setting(
    known: &HashSet<String>,
    section: &str,
    key: &str,
    value: &toml::Value,
) -> Result<RuleSetting, String> {
    if !known.contains(key) {
        return Err(format!("{section}: `{key}` is not a rule id or category"));
    }
    match value {
        toml::Value::Boolean(true) => Some(RuleSetting::On),
        toml::Value::Boolean(false) => Some(RuleSetting::Off),
        toml::Value::String(s) => RuleSetting::parse(s),
        _ => None,
    }
    .ok_or_else(|| {
        format!("{section}: `{key}` must be \"off\", \"on\", \"error\", \"warning\", \"info\" or \"hint\"")
    })
}

/// Settings of one section with the categories first, so that within a section a rule's
/// own setting wins over its category's.
fn categories_first(
    rules: &RuleSet,
    mut settings: Vec<(String, RuleSetting)>,
) -> Vec<(String, RuleSetting)> {
    let is_rule = |key: &str| rules.get(key).is_some() || CAMPAIGN_RULES.contains(&key);
    settings.sort_by_key(|(key, _)| is_rule(key));
    settings
}

/// Apply one rule setting on top of `options`: the later setting wins. Turning a rule on
/// (or giving it a severity) takes it out of an earlier `off` of its category, leaving the
/// category's other rules off; a setting for a category replaces earlier settings of the
/// rules in it.
fn apply_setting(options: &mut LintOptions, rules: &RuleSet, key: &str, setting: RuleSetting) {
    let members: Vec<&str> = rules
        .rules()
        .iter()
        .filter(|r| r.spec.category == key)
        .map(|r| r.spec.id.as_str())
        .chain(
            CAMPAIGN_RULES
                .iter()
                .copied()
                .filter(|_| key == CAMPAIGN_CATEGORY),
        )
        .collect();
    let category_of = rules.get(key).map(|r| r.spec.category.clone()).or_else(|| {
        CAMPAIGN_RULES
            .contains(&key)
            .then(|| CAMPAIGN_CATEGORY.to_string())
    });
    match setting {
        RuleSetting::Off => {
            options.ignore.insert(key.to_string());
            return;
        }
        RuleSetting::On | RuleSetting::Severity(_) => {
            options.ignore.remove(key);
            for id in &members {
                options.ignore.remove(*id);
                options.severities.remove(*id);
            }
            if let Some(category) = category_of {
                if options.ignore.remove(&category) {
                    // The category stays off for its other rules.
                    let siblings: Vec<String> = rules
                        .rules()
                        .iter()
                        .filter(|r| r.spec.category == category && r.spec.id != key)
                        .map(|r| r.spec.id.clone())
                        .chain(
                            CAMPAIGN_RULES
                                .iter()
                                .filter(|id| category == CAMPAIGN_CATEGORY && **id != key)
                                .map(|id| id.to_string()),
                        )
                        .collect();
                    options.ignore.extend(siblings);
                }
            }
        }
    }
    if let RuleSetting::Severity(sev) = setting {
        options.severities.insert(key.to_string(), sev);
    }
}

fn build_globs(list: &[String]) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for pattern in list {
        builder.add(Glob::new(pattern)?);
        // A folder glob like `templates/` or `templates` also covers what is inside.
        let trimmed = pattern.trim_end_matches('/');
        if !trimmed.contains('*') {
            builder.add(Glob::new(&format!("{trimmed}/**"))?);
        }
    }
    builder.build()
}

/// The built-in records with custom ones added (an existing id is replaced).
fn merge_rules(custom: &[RuleSpec]) -> Result<RuleSet, Vec<RuleError>> {
    let mut specs: Vec<RuleSpec> = crate::rules::builtin::specs().to_vec();
    let mut index: HashMap<String, usize> = specs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.clone(), i))
        .collect();
    for rule in custom {
        match index.get(&rule.id) {
            Some(&i) => specs[i] = rule.clone(),
            None => {
                index.insert(rule.id.clone(), specs.len());
                specs.push(rule.clone());
            }
        }
    }
    let custom_ids: HashSet<&str> = custom.iter().map(|r| r.id.as_str()).collect();
    RuleSet::compile_checked(specs, &|spec| custom_ids.contains(spec.id.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_carry_line_and_column() {
        let err =
            Config::parse("extensions = [\"md\"]\nrules = 5\n", Path::new("x.toml")).unwrap_err();
        match err {
            ConfigError::Parse { line, .. } => assert_eq!(line, 2),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn unknown_keys_are_rejected() {
        assert!(Config::parse("colour = true\n", Path::new("x.toml")).is_err());
    }

    #[test]
    fn bad_custom_regex_names_its_rule() {
        let source = "[[rule]]\nid = \"my-rule\"\ncategory = \"filler\"\nmessage = \"m\"\npatterns = [\"re:(unclosed\"]\n";
        let config = Config::parse(source, Path::new("c.toml")).unwrap();
        let err = Project::from_config(config, Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("my-rule"), "{err}");
    }

    #[test]
    fn unknown_rule_in_settings_is_an_error() {
        let config =
            Config::parse("[rules]\nno-such-rule = \"off\"\n", Path::new("c.toml")).unwrap();
        let err = Project::from_config(config, Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("no-such-rule"));
    }
}
