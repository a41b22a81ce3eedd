//! Randomised incremental sync: many random edits (emoji, CJK, combining marks, `\r\n`, lone
//! `\r`, positions inside surrogate pairs and multi-byte characters, past the end of a line
//! or of the file, reversed ranges) in all three position encodings, applied to the server's
//! rope and to a plain `String` with an independent position converter. They must agree
//! after every step; then the same edits go through the protocol and the final diagnostics
//! must equal the core's findings on the reference text.

#[path = "common/lsp.rs"]
mod lsp;

use lsp::{byte_range, neovim_caps, utf32_caps, vscode_caps, Client, Rng};
use outreach_lint::lsp::documents::Document;
use outreach_lint::text::PositionEncoding;
use outreach_lint::{lint, Format, LintOptions, RuleSet};
use serde_json::{json, Value};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

const PIECES: &[&str] = &[
    "",
    "a",
    "é",
    "e\u{301}",
    "😀",
    "👋🏽",
    "中文",
    "李",
    "\r\n",
    "\n",
    "\r",
    " ",
    "\u{a0}",
    "x\r\ny",
    "I hope this finds you well. ",
    "I came across your profile",
    "Zoë",
    "\t",
    "𝔘",
];

const START: &str =
    "Hi Zoë 👋🏽,\r\n\r\n中文 text and I hope this finds you well.\nLine two\rthree\r\n";

fn encodings() -> [(PositionEncoding, &'static str); 3] {
    [
        (PositionEncoding::Utf8, "utf-8"),
        (PositionEncoding::Utf16, "utf-16"),
        (PositionEncoding::Utf32, "utf-32"),
    ]
}

/// A random position: mostly inside the text, sometimes past a line end, past the last
/// line, or inside a character.
fn random_position(rng: &mut Rng, text: &str, encoding: &str) -> (u32, u32) {
    let lines = text.split_inclusive(['\n']).count().max(1) as u32;
    let line = match rng.below(10) {
        0 => lines + rng.below(3) as u32,
        _ => rng.below(lines as usize + 1) as u32,
    };
    let width = match encoding {
        "utf-8" => 4,
        "utf-16" => 2,
        _ => 1,
    };
    let character = match rng.below(10) {
        0 => 1000,
        _ => rng.below(40 * width) as u32,
    };
    (line, character)
}

fn random_text(rng: &mut Rng) -> String {
    (0..rng.below(4))
        .map(|_| PIECES[rng.below(PIECES.len())])
        .collect()
}

fn range_json(a: (u32, u32), b: (u32, u32)) -> Value {
    json!({"start": {"line": a.0, "character": a.1}, "end": {"line": b.0, "character": b.1}})
}

/// Apply an edit to the reference string with the test's own converter.
fn apply_reference(text: &mut String, range: &Value, new: &str, encoding: &str) {
    let mut r = byte_range(text, range, encoding);
    if r.start > r.end {
        r = r.end..r.start;
    }
    text.replace_range(r, new);
}

#[test]
fn rope_and_string_agree_after_every_random_edit() {
    for (encoding, name) in encodings() {
        for seed in 0..6u64 {
            let mut rng = Rng(seed * 7919 + name.len() as u64);
            let mut doc = Document::new(START, 1, Format::PlainText, None, 1);
            let mut reference = START.to_string();
            for step in 0..1500 {
                let a = random_position(&mut rng, &reference, name);
                let b = if rng.below(3) == 0 {
                    a
                } else {
                    random_position(&mut rng, &reference, name)
                };
                let new = random_text(&mut rng);
                let range = range_json(a, b);
                let change = if rng.below(200) == 0 {
                    reference = new.clone();
                    TextDocumentContentChangeEvent {
                        range: None,
                        range_length: None,
                        text: new,
                    }
                } else {
                    apply_reference(&mut reference, &range, &new, name);
                    TextDocumentContentChangeEvent {
                        range: Some(Range {
                            start: Position {
                                line: a.0,
                                character: a.1,
                            },
                            end: Position {
                                line: b.0,
                                character: b.1,
                            },
                        }),
                        range_length: None,
                        text: new,
                    }
                };
                doc.apply_changes(std::slice::from_ref(&change), step + 2, 0, encoding);
                assert_eq!(
                    doc.rope.to_string(),
                    reference,
                    "{name} seed {seed} step {step}: {change:?}"
                );
                // Keep the texts a manageable size.
                if reference.len() > 4000 {
                    reference = START.to_string();
                    doc = Document::new(START, 1, Format::PlainText, None, 1);
                }
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn random_edits_over_the_protocol_end_in_the_core_findings() {
    let rules = RuleSet::builtin();
    for (caps, name) in [
        (neovim_caps(), "utf-8"),
        (vscode_caps(), "utf-16"),
        (utf32_caps(), "utf-32"),
    ] {
        let mut client = Client::in_process();
        client
            .initialize(caps, json!({"outreachLint": {"debounceMs": 0}}))
            .await;
        let uri = "untitled:random.txt";
        client.open(uri, "plaintext", 1, START).await;
        let mut reference = START.to_string();
        let mut rng = Rng(42 + name.len() as u64);
        let mut version = 1;
        for step in 0..400 {
            // Sometimes several changes in one notification, applied in order.
            let mut changes = Vec::new();
            for _ in 0..1 + rng.below(3) {
                let a = random_position(&mut rng, &reference, name);
                let b = random_position(&mut rng, &reference, name);
                let new = random_text(&mut rng);
                let range = range_json(a, b);
                apply_reference(&mut reference, &range, &new, name);
                changes.push(json!({"range": range, "text": new}));
            }
            if reference.len() > 3000 {
                reference = START.to_string();
                changes.push(json!({"text": START}));
            }
            version += 1;
            client.change(uri, version, Value::Array(changes)).await;
            if step % 100 == 99 && step < 399 {
                check(&mut client, uri, version, &reference, name, &rules).await;
            }
        }
        check(&mut client, uri, version, &reference, name, &rules).await;
    }
}

async fn check(
    client: &mut Client,
    uri: &str,
    version: i32,
    text: &str,
    encoding: &str,
    rules: &RuleSet,
) {
    let diags = client.diagnostics(uri, Some(version)).await;
    let got: Vec<(String, std::ops::Range<usize>)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                byte_range(text, &d["range"], encoding),
            )
        })
        .collect();
    let reachable = {
        let t = text.strip_suffix('\n').unwrap_or(text);
        t.strip_suffix('\r').unwrap_or(t).len()
    };
    let want: Vec<(String, std::ops::Range<usize>)> =
        lint(text, Format::PlainText, rules, &LintOptions::default())
            .findings
            .into_iter()
            .map(|f| {
                // A range end between `\r` and `\n` is reported before the `\r`.
                let fix = |o: usize| {
                    let o = o.min(reachable);
                    if o > 0
                        && text.as_bytes().get(o) == Some(&b'\n')
                        && text.as_bytes()[o - 1] == b'\r'
                    {
                        o - 1
                    } else {
                        o
                    }
                };
                (f.rule, fix(f.range.start)..fix(f.range.end))
            })
            .collect();
    assert_eq!(got, want, "{encoding} at version {version}: {text:?}");
}
