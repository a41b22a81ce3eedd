//! End to end against the built binary over stdio, as an editor runs it: `outreach-lint lsp`
//! and `outreach-lint lsp --stdio`, initialize per client kind, diagnostics on open and
//! change, hover, a code action applied to the text, fix-all, the score's inlay hint, a bad
//! frame that must not stop the server, and a clean exit. Only JSON-RPC frames may appear on
//! stdout (the test client fails on anything else); routine logs go to `window/logMessage`,
//! and stderr carries only warnings and errors.

#[path = "common/lsp.rs"]
mod lsp;

use std::time::Duration;

use lsp::{
    apply_text_edits, byte_range, edits_for, lsp_range, neovim_caps, to_position, vscode_caps,
    Client,
};
use outreach_lint::config::Project;
use outreach_lint::{fix, lint, Format, LintOptions};
use serde_json::{json, Value};

const DRAFT: &str = "---\nrecipient: Zoë\nmet_at: RustConf Montréal\n---\nHi Zoë,\r\n\r\nÀ bientôt 😀 — I hope this finds you well. I’d like to add you to my professional network on LinkedIn.\r\n";

fn findings(text: &str) -> Vec<outreach_lint::Finding> {
    let project = Project::builtin();
    lint(
        text,
        Format::Markdown,
        &project.rules,
        &LintOptions::default(),
    )
    .findings
}

async fn session(mut client: Client, caps: Value, encoding: &str) {
    let result = client
        .initialize(caps, json!({"outreachLint": {"debounceMs": 0}}))
        .await;
    assert_eq!(result["capabilities"]["positionEncoding"], encoding);
    let uri = "file:///lsp-stdio/draft.md";
    client.open(uri, "markdown", 1, DRAFT).await;
    let diags = client.diagnostics(uri, Some(1)).await;
    let want = findings(DRAFT);
    let got: Vec<(String, std::ops::Range<usize>)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                byte_range(DRAFT, &d["range"], encoding),
            )
        })
        .collect();
    assert_eq!(
        got,
        want.iter()
            .map(|f| (f.rule.clone(), f.range.clone()))
            .collect::<Vec<_>>()
    );
    assert!(!want.is_empty());

    // Hover on the first finding.
    let (line, character) = to_position(DRAFT, want[0].range.start, encoding);
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}))
        .await;
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .contains(&want[0].rule));

    // The first fix of a finding that has one, applied to the text.
    let (index, finding) = want
        .iter()
        .enumerate()
        .find(|(_, f)| !f.fixes.is_empty())
        .expect("a fix");
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": diags[index]["range"], "context": {"diagnostics": [diags[index]]}}),
        )
        .await;
    let fix0 = &finding.fixes[0];
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == fix0.title.as_str())
        .expect("the fix is offered");
    let (edits, _) = edits_for(&action["edit"], uri);
    let (expected, _) = fix::apply_edits(DRAFT, &fix0.edits);
    assert_eq!(apply_text_edits(DRAFT, &edits, encoding), expected);

    // Fix-all.
    let all = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": lsp_range(DRAFT, 0..0, encoding), "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let safe = fix::safe_fix_edits(DRAFT, &want);
    if !safe.is_empty() {
        let (edits, _) = edits_for(&all[0]["edit"], uri);
        assert_eq!(
            apply_text_edits(DRAFT, &edits, encoding),
            fix::apply_edits(DRAFT, &safe).0
        );
    }

    // The score as an inlay hint after the greeting line (line 4, after the front matter).
    let score = lint(
        DRAFT,
        Format::Markdown,
        &Project::builtin().rules,
        &LintOptions::default(),
    )
    .score
    .expect("a score");
    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": lsp_range(DRAFT, 0..DRAFT.len(), encoding)}),
        )
        .await;
    assert_eq!(hints[0]["label"], score.label(), "{hints}");
    let (line, character) = to_position(DRAFT, score.anchor, encoding);
    assert_eq!(line, 4);
    assert_eq!(
        hints[0]["position"],
        json!({"line": line, "character": character})
    );

    // A broken frame, then an edit: the server is still there.
    client.write_raw(b"Content-Length: 3\r\n\r\n{{{").await;
    let start = DRAFT.find("I hope").unwrap();
    let end = start + "I hope this finds you well. ".len();
    client
        .change(
            uri,
            2,
            json!([{"range": lsp_range(DRAFT, start..end, encoding), "text": ""}]),
        )
        .await;
    let mut text = DRAFT.to_string();
    text.replace_range(start..end, "");
    let diags = client.diagnostics(uri, Some(2)).await;
    assert_eq!(diags.len(), findings(&text).len());

    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let cleared = client.diagnostics(uri, None).await;
    assert!(cleared.is_empty());

    client.shutdown().await;
    let mut child = client.child.take().unwrap();
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("the server exits after `exit`")
        .unwrap();
    assert!(status.success(), "{status}");
    let stderr = client.stderr.lock().unwrap().clone();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        !stderr.contains("ready"),
        "routine messages stay off stderr: {stderr}"
    );
    let ready = client
        .wait_notification("window/logMessage", |p| {
            p["message"].as_str().is_some_and(|m| m.contains("ready"))
        })
        .await;
    assert_eq!(ready["type"], 3, "at info level: {ready}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn neovim_like_client_over_stdio() {
    session(Client::binary(&[]), neovim_caps(), "utf-8").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vscode_like_client_over_stdio_with_the_stdio_flag() {
    session(Client::binary(&["--stdio"]), vscode_caps(), "utf-16").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_stdin_ends_the_server() {
    let mut client = Client::binary(&["--stdio"]);
    client.initialize(json!({}), Value::Null).await;
    let mut child = client.child.take().unwrap();
    client.close_input().await;
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .expect("the server stops when its input closes");
    assert!(status.is_ok());
}
