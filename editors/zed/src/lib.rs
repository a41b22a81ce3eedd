//! Zed extension for outreach-lint: starts `outreach-lint lsp` for Markdown and Plain Text
//! buffers. The program comes from `lsp.outreach-lint.binary.path` in Zed's settings, else
//! from PATH (Zed uses the worktree's shell environment). `lsp.outreach-lint.settings` is
//! passed to the server as the `outreachLint` settings section.

use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

/// The server's name in extension.toml and in Zed's `lsp` settings.
const SERVER: &str = "outreach-lint";

struct OutreachLint;

impl OutreachLint {
    fn settings(worktree: &zed::Worktree) -> LspSettings {
        LspSettings::for_worktree(SERVER, worktree).unwrap_or_default()
    }
}

impl zed::Extension for OutreachLint {
    fn new() -> Self {
        OutreachLint
    }

    fn language_server_command(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = Self::settings(worktree).binary;
        let configured = binary.as_ref().and_then(|b| b.path.clone());
        let command = configured.or_else(|| worktree.which(SERVER)).ok_or_else(|| {
            "outreach-lint is not on PATH. Install it with `cargo install --path .` in a checkout of \
             outreach-lint, or set lsp.outreach-lint.binary.path in Zed's settings."
                .to_string()
        })?;
        let args = binary
            .as_ref()
            .and_then(|b| b.arguments.clone())
            .unwrap_or_else(|| vec!["lsp".to_string()]);
        let mut env = worktree.shell_env();
        if let Some(extra) = binary.and_then(|b| b.env) {
            env.extend(extra);
        }
        Ok(zed::Command { command, args, env })
    }

    fn language_server_initialization_options(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let settings = Self::settings(worktree);
        Ok(settings
            .initialization_options
            .or_else(|| settings.settings.map(|s| serde_json::json!({ "outreachLint": s }))))
    }

    fn language_server_workspace_configuration(
        &mut self,
        _language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        Ok(Self::settings(worktree)
            .settings
            .map(|s| serde_json::json!({ "outreachLint": s })))
    }
}

zed::register_extension!(OutreachLint);
