//! The `outreach-lint` binary: clap dispatch only.

use clap::Parser;
use outreach_lint::cli::{self, Cli, Command};

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Lsp { .. } => match outreach_lint::lsp::serve_stdio() {
            Ok(()) => cli::EXIT_CLEAN,
            Err(err) => {
                eprintln!("outreach-lint: language server: {err:#}");
                cli::EXIT_USAGE
            }
        },
        _ => match cli::run(cli) {
            Ok(code) => code,
            Err(err) => {
                eprintln!("outreach-lint: {err:#}");
                cli::EXIT_USAGE
            }
        },
    };
    std::process::exit(code);
}
