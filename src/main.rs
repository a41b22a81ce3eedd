//! The `outreach-lint` binary: clap dispatch only.

use clap::Parser;
use outreach_lint::cli::{self, Cli, Command};

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Lsp { .. } => {
            eprintln!("outreach-lint: the language server is not built yet");
            cli::EXIT_USAGE
        }
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
