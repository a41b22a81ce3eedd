//! Ordering: 200 rapid `didChange` notifications. Edits must be applied in the order they
//! were sent, the last published diagnostics must match the final text and carry its
//! version, and no publication may go backwards in version. Run with the default debounce
//! and with none, in process and against the real binary over stdio.

#[path = "common/lsp.rs"]
mod lsp;

use std::time::Duration;

use lsp::{byte_range, lsp_range, neovim_caps, vscode_caps, Client};
use outreach_lint::{lint, Format, LintOptions, RuleSet};
use serde_json::{json, Value};

const OPENING: &str = "Hi Ana,\n\n";
const CHANGES: i32 = 200;

/// The n-th edit and its effect on the reference text: appends mostly (some flagged
/// phrases, some emoji), sometimes deletes the last few characters; each depends on the
/// text left by all the previous ones, so any reordering shows.
fn edit(n: i32, text: &mut String, encoding: &str) -> Value {
    let pieces = [
        "I hope this finds you well. ",
        "😀 ",
        "word ",
        "I came across your profile. ",
        "中文\n",
        "Zoë ",
    ];
    if n % 7 == 6 && text.len() > OPENING.len() + 4 {
        let mut start = text.len() - 3;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let range = lsp_range(text, start..text.len(), encoding);
        text.truncate(start);
        return json!({"range": range, "text": ""});
    }
    let piece = pieces[n as usize % pieces.len()];
    let range = lsp_range(text, text.len()..text.len(), encoding);
    text.push_str(piece);
    json!({"range": range, "text": piece})
}

async fn run(mut client: Client, debounce: Option<u64>, caps: Value, encoding: &str) {
    let options = match debounce {
        Some(ms) => json!({"outreachLint": {"debounceMs": ms}}),
        None => Value::Null,
    };
    client.initialize(caps, options).await;
    let uri = "file:///lsp-ordering/draft.txt";
    client.open(uri, "plaintext", 1, OPENING).await;
    let mut text = OPENING.to_string();
    for n in 0..CHANGES {
        let change = edit(n, &mut text, encoding);
        client.change(uri, n + 2, json!([change])).await;
    }
    let last = CHANGES + 1;
    let published =
        |m: &Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
    let arrived = client
        .messages_until(|m| published(m) && m["params"]["version"] == last)
        .await;
    let versions: Vec<i64> = arrived
        .iter()
        .filter(|m| published(m))
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] <= w[1]),
        "publications went back in version: {versions:?}"
    );
    let final_diags = arrived.last().unwrap()["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let rules = RuleSet::builtin();
    let want: Vec<(String, std::ops::Range<usize>)> =
        lint(&text, Format::PlainText, &rules, &LintOptions::default())
            .findings
            .into_iter()
            .map(|f| (f.rule, f.range))
            .collect();
    let got: Vec<(String, std::ops::Range<usize>)> = final_diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                byte_range(&text, &d["range"], encoding),
            )
        })
        .collect();
    assert_eq!(got, want, "final diagnostics match the final text");
    assert!(!want.is_empty());

    // Nothing arrives afterwards but (at most) the same version again.
    let rest = client.drain(Duration::from_millis(400)).await;
    let later: Vec<i64> = rest
        .iter()
        .filter(|m| published(m))
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(
        later.iter().all(|&v| v == i64::from(last)),
        "stale publication after the last: {later:?}"
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rapid_changes_in_process_default_debounce() {
    run(Client::in_process(), None, vscode_caps(), "utf-16").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rapid_changes_in_process_no_debounce() {
    run(Client::in_process(), Some(0), neovim_caps(), "utf-8").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rapid_changes_over_stdio_no_debounce() {
    run(
        Client::binary(&["--stdio"]),
        Some(0),
        vscode_caps(),
        "utf-16",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publications_never_go_back_in_version() {
    let mut client = Client::in_process();
    client
        .initialize(neovim_caps(), json!({"outreachLint": {"debounceMs": 0}}))
        .await;
    let uri = "untitled:monotonic";
    client.open(uri, "plaintext", 1, OPENING).await;
    let mut text = OPENING.to_string();
    for n in 0..CHANGES {
        let change = edit(n, &mut text, "utf-8");
        client.change(uri, n + 2, json!([change])).await;
    }
    let arrived = client
        .messages_until(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["version"] == CHANGES + 1
        })
        .await;
    let mut last = 0;
    for msg in arrived
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
    {
        let v = msg["params"]["version"].as_i64().unwrap();
        assert!(v >= last, "version went back from {last} to {v}");
        last = v;
    }
    assert_eq!(last, i64::from(CHANGES + 1));
}
