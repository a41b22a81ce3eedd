//! Parity: for every draft of `tests/corpus/`, the server's diagnostics (rule, range read
//! back in bytes, severity, message) equal the core's findings for the same text and config,
//! the way `check` computes them (nearest `.outreach-lint.toml`, else the built-in rules),
//! in a utf-16 client and in a utf-8 client, in process and over stdio.

#[path = "common/lsp.rs"]
mod lsp;

use std::path::{Path, PathBuf};

use lsp::{byte_range, file_uri, neovim_caps, vscode_caps, Client};
use outreach_lint::config::{self, Project};
use outreach_lint::{lint, Format};
use serde_json::{json, Value};

/// Drop the `%%` header line and the `⟦ ... |category⟧` markers (the category is after the
/// last `|` inside a marker).
fn clean(source: &str) -> String {
    let body = source.split_once('\n').map_or("", |(_, rest)| rest);
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('⟦') {
        out.push_str(&rest[..open]);
        let after = &rest[open + '⟦'.len_utf8()..];
        let Some(close) = after.find('⟧') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let inner = &after[..close];
        out.push_str(inner.rfind('|').map_or(inner, |bar| &inner[..bar]));
        rest = &after[close + '⟧'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

struct Draft {
    path: PathBuf,
    uri: String,
    text: String,
    format: Format,
}

/// The cleaned corpus, written to a temporary folder so each draft has a real path.
fn corpus(dir: &Path) -> Vec<Draft> {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut names: Vec<String> = std::fs::read_dir(&source)
        .expect("tests/corpus")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n.len() > 4
                && n.as_bytes()[..3].iter().all(u8::is_ascii_digit)
                && (n.ends_with(".md") || n.ends_with(".txt"))
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text =
                clean(&std::fs::read_to_string(source.join(&name)).expect("read corpus file"));
            let path = dir.join(&name);
            std::fs::write(&path, &text).expect("write draft");
            Draft {
                uri: file_uri(&path),
                format: Format::from_path(&path).expect("md or txt"),
                path,
                text,
            }
        })
        .collect()
}

/// What `check` reports for a draft: (rule, range, severity name, message).
fn expected(draft: &Draft) -> Vec<(String, std::ops::Range<usize>, String, String)> {
    let project = match draft.path.parent().and_then(config::discover) {
        Some(file) => Project::load(&file).expect("config loads"),
        None => Project::builtin(),
    };
    let options = project.options_for(Some(&draft.path));
    lint(&draft.text, draft.format, &project.rules, &options)
        .findings
        .into_iter()
        .map(|f| (f.rule, f.range, f.severity.as_str().to_string(), f.message))
        .collect()
}

fn severity_name(value: &Value) -> String {
    match value.as_u64() {
        Some(1) => "error",
        Some(2) => "warning",
        Some(3) => "info",
        _ => "hint",
    }
    .to_string()
}

async fn assert_parity(mut client: Client, caps: Value, encoding: &str) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let drafts = corpus(&root);
    assert!(drafts.len() >= 100, "the corpus is there: {}", drafts.len());
    client
        .initialize(caps, json!({"outreachLint": {"debounceMs": 0}}))
        .await;
    let mut checked = 0;
    let mut flagged = 0;
    for draft in &drafts {
        let lang = match draft.format {
            Format::Markdown => "markdown",
            Format::PlainText => "plaintext",
        };
        client.open(&draft.uri, lang, 1, &draft.text).await;
    }
    for draft in &drafts {
        let diags = client.diagnostics(&draft.uri, Some(1)).await;
        let got: Vec<(String, std::ops::Range<usize>, String, String)> = diags
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap_or_default().to_string(),
                    byte_range(&draft.text, &d["range"], encoding),
                    severity_name(&d["severity"]),
                    d["message"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let want = expected(draft);
        assert_eq!(got, want, "{} ({encoding})", draft.path.display());
        checked += 1;
        flagged += usize::from(!want.is_empty());
    }
    assert_eq!(checked, drafts.len());
    assert!(flagged > 0, "some drafts are flagged");
    client.shutdown().await;
}

#[test]
fn markers_are_removed() {
    assert_eq!(
        clean("%% h\nA ⟦b c|filler⟧ d ⟦*|FNAME|*|placeholder⟧!\n"),
        "A b c d *|FNAME|*!\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corpus_parity_utf16_in_process() {
    assert_parity(Client::in_process(), vscode_caps(), "utf-16").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn corpus_parity_utf8_over_stdio() {
    assert_parity(Client::binary(&[]), neovim_caps(), "utf-8").await;
}
