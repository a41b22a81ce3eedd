//! The command-line face: argument parsing (clap) and the `check`, `rules` and `explain`
//! commands. It reads files, calls the core, and prints; it holds no linting logic.

pub mod campaign;
pub mod check;
pub mod docs;
pub mod fix;
pub mod formats;
pub mod recipients;
pub mod report;
pub mod sarif;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::rules::{RuleSet, Severity};

/// Exit code: nothing at or above the fail level.
pub const EXIT_CLEAN: i32 = 0;
/// Exit code: findings at or above the fail level.
pub const EXIT_FINDINGS: i32 = 1;
/// Exit code: bad usage, invalid config, a named path that does not exist.
pub const EXIT_USAGE: i32 = 2;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(
    name = "outreach-lint",
    version,
    about = "Catch generic, connection-collecting phrasing in outreach drafts, and help write the specific line."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check drafts and templates (files, folders, or - for standard input).
    Check(CheckArgs),
    /// List the rules.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
        /// Rules of a project config (default: built-in rules only).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Explain a rule: what the reader concludes, and what to write instead.
    Explain {
        /// Rule id.
        rule: String,
        /// Rules of a project config.
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Run the language server over standard input and output.
    Lsp {
        /// Accepted for clients that append it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Annotated source snippets.
    Human,
    /// The JSON contract (see README).
    Json,
    /// SARIF 2.1.0, for code-scanning pages.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// `path:line:col: severity rule: message`, one per line.
    Compact,
}

/// Output formats of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// An aligned table.
    Table,
    /// JSON.
    Json,
    /// The markdown reference (docs/rules.md).
    Markdown,
}

/// When to colour human output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Severity threshold names for `--fail-level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    /// Only errors fail.
    Error,
    /// Warnings and errors fail.
    Warning,
    /// Infos, warnings and errors fail.
    Info,
    /// Any finding fails.
    Hint,
}

impl FailLevel {
    /// The matching severity.
    pub fn severity(self) -> Severity {
        match self {
            FailLevel::Error => Severity::Error,
            FailLevel::Warning => Severity::Warning,
            FailLevel::Info => Severity::Info,
            FailLevel::Hint => Severity::Hint,
        }
    }
}

/// Arguments of `check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input.
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Only these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub only: Vec<String>,
    /// Skip these rules or categories (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// The lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailLevel::Warning)]
    pub fail_level: FailLevel,
    /// Use this config file instead of discovering `.outreach-lint.toml` per file.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore every config file.
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,
    /// Name of the standard-input draft (picks its format and config).
    #[arg(long)]
    pub stdin_filename: Option<PathBuf>,
    /// Treat input as this format instead of going by extension (markdown or text).
    #[arg(long = "input-format", value_parser = parse_format)]
    pub input_format: Option<crate::prose::Format>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Write the report to this file instead of standard output (the exit code still
    /// reflects the findings).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Apply every safe fix in place (atomic write; keeps line endings, BOM, permissions).
    #[arg(long)]
    pub fix: bool,
    /// With --fix: print a unified diff of the fixes instead of writing them.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
    /// Human output: findings only, no per-file summary, totals or progress.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Run the campaign checks across all files of this run (near-duplicate openers and
    /// closers, the same body to several people at one company).
    #[arg(long)]
    pub campaign: bool,
    /// Fill each template for every row of this CSV (its header row names the merge
    /// fields), check every filled draft, and report per recipient with positions in the
    /// template.
    #[arg(long, value_name = "CSV", conflicts_with = "fix")]
    pub recipients: Option<PathBuf>,
}

fn parse_format(name: &str) -> Result<crate::prose::Format, String> {
    crate::prose::Format::parse_name(name)
        .ok_or_else(|| format!("`{name}` is not markdown or text"))
}

/// Run the CLI; returns the exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rules { format, config } => {
            let rules = load_rules(config.as_deref())?;
            print_rules(&rules, format)?;
            Ok(EXIT_CLEAN)
        }
        Command::Explain { rule, config } => {
            let rules = load_rules(config.as_deref())?;
            match rules
                .get(&rule)
                .map(|r| &r.spec)
                .or_else(|| campaign::spec(&rule))
            {
                Some(spec) => {
                    println!("{}", explain_text(spec));
                    Ok(EXIT_CLEAN)
                }
                None => {
                    eprintln!("outreach-lint: no rule `{rule}` (see `outreach-lint rules`)");
                    Ok(EXIT_USAGE)
                }
            }
        }
        Command::Lsp { .. } => unreachable_lsp(),
    }
}

fn unreachable_lsp() -> anyhow::Result<i32> {
    anyhow::bail!("the language server is started by main")
}

fn load_rules(config: Option<&std::path::Path>) -> anyhow::Result<std::sync::Arc<RuleSet>> {
    Ok(match config {
        Some(path) => crate::config::Project::load(path)?.rules,
        None => RuleSet::builtin(),
    })
}

/// The `explain` text of a rule.
pub fn explain_text(spec: &crate::rules::RuleSpec) -> String {
    let mut out = format!(
        "# {} ({}, {})\n\n{}\n",
        spec.id,
        spec.category,
        spec.severity.as_str(),
        spec.message
    );
    if !spec.explanation.trim().is_empty() {
        out.push('\n');
        out.push_str(spec.explanation.trim());
        out.push('\n');
    }
    if !spec.hint.trim().is_empty() {
        out.push_str(&format!("\n**Instead:** {}\n", spec.hint.trim()));
    }
    if !spec.examples.bad.is_empty() {
        out.push_str("\n**Flagged:**\n");
        for ex in &spec.examples.bad {
            out.push_str(&format!("- {ex}\n"));
        }
    }
    if !spec.examples.good.is_empty() {
        out.push_str("\n**Not flagged:**\n");
        for ex in &spec.examples.good {
            out.push_str(&format!("- {ex}\n"));
        }
    }
    out.push_str(&format!(
        "\nSilence it: `<!-- outreach-lint-disable-next-line {} -->` before the line, or `{} = \"off\"` under `[rules]` in `.outreach-lint.toml`.\n",
        spec.id, spec.id
    ));
    out
}

fn print_rules(rules: &RuleSet, format: RulesFormat) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        RulesFormat::Json => {
            let list: Vec<serde_json::Value> = rules
                .rules()
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.spec.id,
                        "category": r.spec.category,
                        "severity": r.spec.severity.as_str(),
                        "kind": r.spec.kind,
                        "message": r.spec.message,
                        "hint": r.spec.hint,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
        RulesFormat::Markdown => write!(out, "{}", docs::reference(rules))?,
        RulesFormat::Table => {
            let width_id = rules
                .rules()
                .iter()
                .map(|r| r.spec.id.len())
                .max()
                .unwrap_or(2)
                .max(2);
            let width_cat = rules
                .rules()
                .iter()
                .map(|r| r.spec.category.len())
                .max()
                .unwrap_or(8)
                .max(8);
            writeln!(
                out,
                "{:width_id$}  {:width_cat$}  {:8}  MESSAGE",
                "ID", "CATEGORY", "SEVERITY"
            )?;
            for r in rules.rules() {
                writeln!(
                    out,
                    "{:width_id$}  {:width_cat$}  {:8}  {}",
                    r.spec.id,
                    r.spec.category,
                    r.spec.severity.as_str(),
                    r.spec.message
                )?;
            }
        }
    }
    Ok(())
}
