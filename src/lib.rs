//! outreach-lint: a linter and language server for outreach drafts. The core (`text`,
//! `prose`, `rules`, `lint`, `fix`, `config`, `context`) is pure and knows nothing of
//! terminals or LSP; `cli` and `lsp` are the faces that translate.

pub mod cli;
pub mod config;
pub mod context;
pub mod fix;
pub mod lint;
pub mod lsp;
pub mod personal;
pub mod prose;
pub mod rules;
pub mod text;

pub use config::{Config, ConfigError, Project};
pub use lint::{lint, Edit, Finding, Fix, LintOptions, LintReport};
pub use prose::Format;
pub use rules::{RuleSet, Severity};
