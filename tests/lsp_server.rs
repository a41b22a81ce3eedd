//! The language server in process: a tower `LspService` driven over `tokio::io::duplex` with
//! raw JSON-RPC, as each kind of editor would drive it. Expected results come from the core
//! (`lint`, `fix::apply_edits`) on the same text, so these tests follow the rule pack as it
//! grows instead of hard-coding it.

#[path = "common/lsp.rs"]
mod lsp;

use std::time::Duration;

use lsp::{
    apply_text_edits, byte_range, edits_for, file_uri, helix_caps, lsp_range, neovim_caps,
    utf32_caps, vscode_caps, Client,
};
use outreach_lint::config::Project;
use outreach_lint::fix;
use outreach_lint::{lint, Finding, Format, LintOptions};
use serde_json::{json, Value};

/// Emoji, accented names, CRLF line breaks and curly quotes before the flagged ranges.
const DRAFT_MD: &str = "---\r\nrecipient: Zoë Álvarez\r\nmet_at: PyCon Lisbon\r\n---\r\nHi Zoë,\r\n\r\nÀ propos 😀 — I came across your profile and I hope this finds you well. I’d like to add you to my professional network on LinkedIn.\r\n\r\nLooking forward to connecting!\r\n";

const DRAFT_TXT: &str = "Hi José 👋🏽,\n\nI hope this finds you well.\r\nI’d like to add you to my professional network on LinkedIn.\n\nThanks in advance!\n";

fn core_findings(text: &str, format: Format) -> Vec<Finding> {
    let project = Project::builtin();
    lint(text, format, &project.rules, &LintOptions::default()).findings
}

/// Where diagnostics may sit: never past the last line a cursor can reach.
fn reachable(text: &str) -> usize {
    let t = text.strip_suffix('\n').unwrap_or(text);
    t.strip_suffix('\r').unwrap_or(t).len()
}

/// The server's diagnostics, read back in bytes, equal the core's findings.
#[track_caller]
fn assert_matches_core(diagnostics: &[Value], text: &str, format: Format, encoding: &str) {
    let findings = core_findings(text, format);
    let got: Vec<(String, std::ops::Range<usize>, String)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                byte_range(text, &d["range"], encoding),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let end = reachable(text);
    let want: Vec<(String, std::ops::Range<usize>, String)> = findings
        .iter()
        .map(|f| {
            (
                f.rule.clone(),
                f.range.start.min(end)..f.range.end.min(end),
                f.message.clone(),
            )
        })
        .collect();
    assert_eq!(got, want, "encoding {encoding}");
    for d in diagnostics {
        assert_eq!(d["source"], "outreach-lint");
        let code = d["code"].as_str().unwrap_or_default();
        assert_eq!(
            d["codeDescription"]["href"],
            format!(
                "https://github.com/outreach-lint/outreach-lint/blob/main/docs/rules.md#{code}"
            )
        );
        assert!(d["data"].is_object(), "data carries the fixes: {d}");
        assert!(d["severity"].as_u64().is_some_and(|s| (1..=4).contains(&s)));
    }
}

async fn started(caps: Value, options: Value) -> Client {
    let mut client = Client::in_process();
    client.initialize(caps, options).await;
    client
}

fn fast() -> Value {
    json!({"outreachLint": {"debounceMs": 0}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_negotiates_the_encoding_per_client() {
    for (caps, want) in [
        (vscode_caps(), "utf-16"),
        (neovim_caps(), "utf-8"),
        (helix_caps(), "utf-8"),
        (utf32_caps(), "utf-32"),
        (
            json!({"general": {"positionEncodings": ["utf-32", "utf-16"]}}),
            "utf-16",
        ),
        (json!({}), "utf-16"),
    ] {
        let mut client = Client::in_process();
        let result = client.initialize(caps.clone(), Value::Null).await;
        let c = &result["capabilities"];
        assert_eq!(c["positionEncoding"], want, "{caps}");
        assert_eq!(c["textDocumentSync"]["change"], 2, "incremental sync");
        assert_eq!(c["textDocumentSync"]["openClose"], true);
        assert_eq!(c["hoverProvider"], true);
        let kinds = c["codeActionProvider"]["codeActionKinds"]
            .as_array()
            .unwrap();
        assert!(kinds.contains(&json!("quickfix")));
        assert!(kinds.contains(&json!("source.fixAll.outreach-lint")));
        assert_eq!(result["serverInfo"]["name"], "outreach-lint");
        client.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vscode_client_gets_file_watcher_and_configuration_registrations() {
    let mut client = started(vscode_caps(), Value::Null).await;
    let reg = client
        .wait_notification("client/registerCapability", |_| true)
        .await;
    let regs = reg["registrations"].as_array().unwrap();
    let watch = regs
        .iter()
        .find(|r| r["method"] == "workspace/didChangeWatchedFiles")
        .expect("file watcher");
    assert!(watch["registerOptions"]["watchers"][0]["globPattern"]
        .as_str()
        .unwrap()
        .ends_with(".outreach-lint.toml"));
    assert!(regs
        .iter()
        .any(|r| r["method"] == "workspace/didChangeConfiguration"));

    // A client without dynamic registration is not asked.
    let mut plain = started(helix_caps(), Value::Null).await;
    let rest = plain.drain(std::time::Duration::from_millis(200)).await;
    assert!(rest
        .iter()
        .all(|m| m["method"] != "client/registerCapability"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_on_open_and_change_in_every_encoding() {
    for (caps, enc) in [
        (vscode_caps(), "utf-16"),
        (neovim_caps(), "utf-8"),
        (utf32_caps(), "utf-32"),
    ] {
        let mut client = started(caps, fast()).await;
        let uri = "file:///lsp-test/draft.md";
        client.open(uri, "markdown", 1, DRAFT_MD).await;
        let diags = client.diagnostics(uri, Some(1)).await;
        assert!(!diags.is_empty());
        assert_matches_core(&diags, DRAFT_MD, Format::Markdown, enc);

        // Delete "I came across your profile and " with an incremental edit in this encoding.
        let start = DRAFT_MD.find("I came across").unwrap();
        let end = start + "I came across your profile and ".len();
        let range = lsp_range(DRAFT_MD, start..end, enc);
        client
            .change(uri, 2, json!([{"range": range, "text": ""}]))
            .await;
        let mut text = DRAFT_MD.to_string();
        text.replace_range(start..end, "");
        let diags = client.diagnostics(uri, Some(2)).await;
        assert_matches_core(&diags, &text, Format::Markdown, enc);

        // A whole-document change.
        let whole = "Hi Ana,\n\nWe met at RustConf; your talk on arenas fixed our allocator. Would you share the slides?\n";
        client.change(uri, 3, json!([{"text": whole}])).await;
        let diags = client.diagnostics(uri, Some(3)).await;
        assert_matches_core(&diags, whole, Format::Markdown, enc);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn encoding_cases_emoji_crlf_and_no_break_spaces() {
    let cases = [
        "😀😀 I hope this finds you well. 👋🏽 I came across your profile.\n",
        "Hi Åsa,\r\n\r\nI hope this finds you well.\r\nI came across your profile.\r\n",
        "Hi Ana,\n\nI\u{a0}hope this finds you\u{a0}well. I came across your\u{a0}profile.\n",
        "Hi 李明,\r\n你好 — I came across your profile 🎉 and I hope this finds you well.",
        "e\u{301}e\u{301} combining marks, then I hope this finds you well.\r\n",
    ];
    for (caps, enc) in [
        (vscode_caps(), "utf-16"),
        (neovim_caps(), "utf-8"),
        (utf32_caps(), "utf-32"),
    ] {
        let mut client = started(caps, fast()).await;
        for (i, text) in cases.iter().enumerate() {
            let uri = format!("untitled:case-{i}");
            client.open(&uri, "plaintext", 1, text).await;
            let diags = client.diagnostics(&uri, Some(1)).await;
            assert_matches_core(&diags, text, Format::PlainText, enc);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_explains_the_phrase_with_a_better_version_from_front_matter() {
    let mut client = started(neovim_caps(), fast()).await;
    let uri = "file:///lsp-test/hover.md";
    client.open(uri, "markdown", 1, DRAFT_MD).await;
    let diags = client.diagnostics(uri, Some(1)).await;
    let findings = core_findings(DRAFT_MD, Format::Markdown);
    let target = findings
        .iter()
        .find(|f| f.rule == "linkedin-default-invite")
        .or_else(|| findings.first())
        .expect("a finding");
    let mid = (target.range.start + 3..target.range.end)
        .find(|&i| DRAFT_MD.is_char_boundary(i))
        .unwrap_or(target.range.start);
    let (line, character) = lsp::to_position(DRAFT_MD, mid, "utf-8");
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
        .await;
    let value = hover["contents"]["value"].as_str().expect("markdown hover");
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(value.contains(&format!("`{}`", target.rule)), "{value}");
    assert!(value.contains("What the reader concludes"), "{value}");
    assert!(value.contains("Silence it"), "{value}");
    assert!(value.contains("outreach-lint-disable-next-line"), "{value}");
    assert!(value.contains("A better version"), "{value}");
    assert!(
        value.contains("PyCon Lisbon"),
        "front-matter context used: {value}"
    );
    if target.category == "platform_default" || target.category == "collector" {
        assert!(value.contains("bigger count"), "{value}");
        assert!(value.contains("don't know me"), "{value}");
    }
    assert_eq!(
        byte_range(DRAFT_MD, &hover["range"], "utf-8"),
        target.range,
        "hover range is the finding"
    );
    assert!(!diags.is_empty());

    // Nothing flagged under the cursor (front matter): no hover. Out of range: no crash.
    let none = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 3}}),
        )
        .await;
    assert!(none.is_null());
    let far = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 4000, "character": 99999}}),
        )
        .await;
    assert!(far.is_null() || far["contents"].is_object());
}

async fn actions_for(
    client: &mut Client,
    uri: &str,
    diag: &Value,
    only: Option<Value>,
) -> Vec<Value> {
    let mut context = json!({"diagnostics": [diag]});
    if let Some(only) = only {
        context["only"] = only;
    }
    client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": diag["range"], "context": context}),
        )
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_fixes_apply_exactly_in_every_encoding() {
    let findings = core_findings(DRAFT_MD, Format::Markdown);
    assert!(
        findings.iter().any(|f| !f.fixes.is_empty()),
        "the draft has fixes"
    );
    for (caps, enc, versioned) in [
        (vscode_caps(), "utf-16", true),
        (neovim_caps(), "utf-8", true),
        (helix_caps(), "utf-8", false),
        (utf32_caps(), "utf-32", false),
    ] {
        let mut client = started(caps, fast()).await;
        let uri = "file:///lsp-test/fixes.md";
        client.open(uri, "markdown", 7, DRAFT_MD).await;
        let diags = client.diagnostics(uri, Some(7)).await;
        assert_eq!(diags.len(), findings.len());
        for (diag, finding) in diags.iter().zip(&findings) {
            for strip_data in [false, true] {
                let mut diag = diag.clone();
                if strip_data {
                    diag.as_object_mut().unwrap().remove("data");
                }
                let actions = actions_for(&mut client, uri, &diag, None).await;
                let preferred = actions.iter().filter(|a| a["isPreferred"] == true).count();
                assert!(preferred <= 1, "one preferred fix at most: {actions:?}");
                for fix in &finding.fixes {
                    let action = actions
                        .iter()
                        .find(|a| a["title"] == fix.title.as_str())
                        .unwrap_or_else(|| {
                            panic!("{enc}: no action `{}` in {actions:?}", fix.title)
                        });
                    assert_eq!(action["kind"], "quickfix");
                    assert_eq!(
                        action["isPreferred"] == true,
                        fix.preferred,
                        "{}",
                        fix.title
                    );
                    let (edits, version) = edits_for(&action["edit"], uri);
                    if versioned {
                        assert_eq!(version, Some(json!(7)), "documentChanges carry the version");
                    } else {
                        assert!(action["edit"]["changes"].is_object());
                    }
                    let got = apply_text_edits(DRAFT_MD, &edits, enc);
                    let (want, _) = fix::apply_edits(DRAFT_MD, &fix.edits);
                    assert_eq!(got, want, "{enc}: {}", fix.title);
                }
            }
        }
        client.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_with_many_findings_publishes_light_data_and_still_offers_fixes() {
    // Over 500 findings: the fixes stay out of `data`, and a code action finds them again.
    let paragraph = "I'd like to add you to my professional network. Let's touch base soon.\n\n";
    let text = paragraph.repeat(400);
    let findings = core_findings(&text, Format::PlainText);
    assert!(findings.len() > outreach_lint::lsp::FIXES_IN_DATA_UP_TO);
    let mut client = started(vscode_caps(), fast()).await;
    let uri = "file:///lsp-test/many.txt";
    client.open(uri, "plaintext", 3, &text).await;
    let diags = client.diagnostics(uri, Some(3)).await;
    assert_eq!(diags.len(), findings.len());
    assert!(diags.iter().all(|d| d["data"]["fixes"].is_null()));
    assert_eq!(diags[0]["data"]["version"], 3);
    let (diag, finding) = diags
        .iter()
        .zip(&findings)
        .rev()
        .find(|(_, f)| !f.fixes.is_empty())
        .expect("a finding with a fix");
    let actions = actions_for(&mut client, uri, diag, None).await;
    for fix in &finding.fixes {
        let action = actions
            .iter()
            .find(|a| a["title"] == fix.title.as_str())
            .unwrap_or_else(|| panic!("no action `{}` in {actions:?}", fix.title));
        let (edits, _) = edits_for(&action["edit"], uri);
        let got = apply_text_edits(&text, &edits, "utf-16");
        let (want, _) = fix::apply_edits(&text, &fix.edits);
        assert_eq!(got, want, "{}", fix.title);
    }
    // A short draft still carries its fixes.
    client
        .open("file:///lsp-test/short.md", "markdown", 1, DRAFT_MD)
        .await;
    let short = client
        .diagnostics("file:///lsp-test/short.md", Some(1))
        .await;
    assert!(short.iter().any(|d| d["data"]["fixes"].is_array()));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_line_is_offered_for_generic_phrases() {
    let mut client = started(neovim_caps(), fast()).await;
    let uri = "file:///lsp-test/personal.md";
    client.open(uri, "markdown", 1, DRAFT_MD).await;
    let diags = client.diagnostics(uri, Some(1)).await;
    let generic = diags
        .iter()
        .find(|d| d["data"]["category"] != "placeholder" && d["data"]["category"] != "filler")
        .expect("a generic phrase");
    let actions = actions_for(&mut client, uri, generic, None).await;
    let insert = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Insert a personal line")
        })
        .unwrap_or_else(|| panic!("{actions:?}"));
    let (edits, _) = edits_for(&insert["edit"], uri);
    let out = apply_text_edits(DRAFT_MD, &edits, "utf-8");
    assert!(
        out.contains("Hi Zoë,\r\n\r\nWe met at PyCon Lisbon"),
        "inserted after the greeting, from front matter: {out}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_all_applies_every_safe_fix_and_honours_only() {
    let findings = core_findings(DRAFT_TXT, Format::PlainText);
    let (want, _) = fix::apply_edits(DRAFT_TXT, &fix::safe_fix_edits(DRAFT_TXT, &findings));
    for (caps, enc) in [(vscode_caps(), "utf-16"), (neovim_caps(), "utf-8")] {
        let mut client = started(caps, fast()).await;
        let uri = "untitled:fix-all";
        client.open(uri, "plaintext", 3, DRAFT_TXT).await;
        let diags = client.diagnostics(uri, Some(3)).await;
        let first = diags
            .first()
            .cloned()
            .unwrap_or(json!({"range": lsp_range(DRAFT_TXT, 0..0, enc)}));
        let actions = actions_for(&mut client, uri, &first, Some(json!(["source.fixAll"]))).await;
        if want == DRAFT_TXT {
            assert!(actions.is_empty());
            continue;
        }
        assert_eq!(actions.len(), 1, "{actions:?}");
        assert_eq!(actions[0]["kind"], "source.fixAll.outreach-lint");
        let (edits, _) = edits_for(&actions[0]["edit"], uri);
        assert_eq!(apply_text_edits(DRAFT_TXT, &edits, enc), want);

        let quick = actions_for(&mut client, uri, &first, Some(json!(["quickfix"]))).await;
        assert!(quick.iter().all(|a| a["kind"] == "quickfix"), "{quick:?}");
        let exact = actions_for(
            &mut client,
            uri,
            &first,
            Some(json!(["source.fixAll.outreach-lint"])),
        )
        .await;
        assert_eq!(exact.len(), 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disable_in_markdown_file_inserts_a_directive_after_front_matter() {
    let mut client = started(vscode_caps(), fast()).await;
    let uri = "file:///lsp-test/disable.md";
    client.open(uri, "markdown", 1, DRAFT_MD).await;
    let diags = client.diagnostics(uri, Some(1)).await;
    let diag = diags.first().expect("a diagnostic").clone();
    let rule = diag["code"].as_str().unwrap().to_string();
    let actions = actions_for(&mut client, uri, &diag, None).await;
    let disable = actions
        .iter()
        .find(|a| a["title"] == format!("Disable {rule} in this file"))
        .unwrap_or_else(|| panic!("{actions:?}"));
    let (edits, version) = edits_for(&disable["edit"], uri);
    assert_eq!(version, Some(json!(1)));
    let out = apply_text_edits(DRAFT_MD, &edits, "utf-16");
    assert!(
        out.starts_with("---\r\nrecipient"),
        "front matter stays first: {out}"
    );
    assert!(
        out.contains(&format!(
            "---\r\n<!-- outreach-lint-disable-file {rule} -->\r\nHi Zoë"
        )),
        "{out}"
    );
    let after = core_findings(&out, Format::Markdown);
    assert!(
        after.iter().all(|f| f.rule != rule),
        "{rule} is silenced: {after:?}"
    );
    assert_eq!(
        after.len(),
        core_findings(DRAFT_MD, Format::Markdown)
            .iter()
            .filter(|f| f.rule != rule)
            .count()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disable_in_plain_text_file_edits_the_project_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::create_dir_all(root.join("drafts")).unwrap();
    let draft = root.join("drafts/note [1].txt");
    std::fs::write(&draft, DRAFT_TXT).unwrap();
    let uri = file_uri(&draft);
    let mut client = Client::in_process();
    let mut caps = vscode_caps();
    caps["workspace"]["workspaceFolders"] = json!(true);
    client
        .request(
            "initialize",
            json!({"capabilities": caps, "workspaceFolders": [{"uri": file_uri(&root), "name": "w"}],
                   "initializationOptions": fast()}),
        )
        .await;
    client.notify("initialized", json!({})).await;
    client.open(&uri, "plaintext", 1, DRAFT_TXT).await;
    let diags = client.diagnostics(&uri, Some(1)).await;
    let diag = diags.first().expect("a diagnostic").clone();
    let rule = diag["code"].as_str().unwrap().to_string();
    let config = root.join(".outreach-lint.toml");
    let config_uri = file_uri(&config);

    // No config yet: the action creates one.
    let actions = actions_for(&mut client, &uri, &diag, None).await;
    let disable = actions
        .iter()
        .find(|a| a["title"] == format!("Disable {rule} in this file"))
        .unwrap_or_else(|| panic!("{actions:?}"));
    let ops = disable["edit"]["documentChanges"].as_array().unwrap();
    assert_eq!(ops[0]["kind"], "create");
    assert_eq!(ops[0]["uri"], config_uri.as_str());
    let (edits, _) = edits_for(&disable["edit"], &config_uri);
    let created = apply_text_edits("", &edits, "utf-16");
    std::fs::write(&config, &created).unwrap();
    let project = Project::load(&config).unwrap();
    assert!(
        project.options_for(Some(&draft)).ignore.contains(&rule),
        "{created}"
    );
    assert!(!project
        .options_for(Some(&root.join("drafts/other.txt")))
        .ignore
        .contains(&rule));

    // The watcher reports the new file: the rule is gone from the diagnostics.
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 1}]}),
        )
        .await;
    let diags = client
        .wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str()
                && p["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|d| d["code"] != rule.as_str())
        })
        .await;
    assert_eq!(diags["version"], 1);

    // With a config present, a second rule is added to the same entry.
    let other = diags["diagnostics"].as_array().unwrap().first().cloned();
    if let Some(other) = other {
        let rule2 = other["code"].as_str().unwrap().to_string();
        let actions = actions_for(&mut client, &uri, &other, None).await;
        let disable = actions
            .iter()
            .find(|a| a["title"] == format!("Disable {rule2} in this file"))
            .unwrap_or_else(|| panic!("{actions:?}"));
        let (edits, _) = edits_for(&disable["edit"], &config_uri);
        let updated = apply_text_edits(&created, &edits, "utf-16");
        std::fs::write(&config, &updated).unwrap();
        let project = Project::load(&config).unwrap();
        let ignored = project.options_for(Some(&draft)).ignore;
        assert!(
            ignored.contains(&rule) && ignored.contains(&rule2),
            "{updated}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_change_relints_and_bad_settings_keep_the_last_good() {
    let findings = core_findings(DRAFT_TXT, Format::PlainText);
    let rule = findings.first().expect("a finding").rule.clone();
    let mut client = started(neovim_caps(), fast()).await;
    let uri = "untitled:settings";
    client.open(uri, "text", 1, DRAFT_TXT).await;
    let diags = client.diagnostics(uri, Some(1)).await;
    assert!(diags.iter().any(|d| d["code"] == rule.as_str()));

    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"outreachLint": {"rules": {rule.clone(): "off"}, "debounceMs": 0}}}),
        )
        .await;
    let diags = client
        .wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri
                && p["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|d| d["code"] != rule.as_str())
        })
        .await;
    assert_eq!(diags["version"], 1, "relinted at the same version");

    // Invalid settings: an error message, and the previous settings stay.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"outreachLint": {"rules": {"no-such-rule-anywhere": "off"}}}}),
        )
        .await;
    let shown = client
        .wait_notification("window/showMessage", |_| true)
        .await;
    assert_eq!(shown["type"], 1);
    assert!(shown["message"]
        .as_str()
        .unwrap()
        .contains("no-such-rule-anywhere"));
    client.change(uri, 2, json!([{"text": DRAFT_TXT}])).await;
    let diags = client.diagnostics(uri, Some(2)).await;
    assert!(
        diags.iter().all(|d| d["code"] != rule.as_str()),
        "last good settings kept"
    );

    // A severity override.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"outreachLint": {"rules": {rule.clone(): "error"}, "debounceMs": 0}}}),
        )
        .await;
    let diags = client
        .wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri
                && p["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["code"] == rule.as_str() && d["severity"] == 1)
        })
        .await;
    assert_eq!(diags["version"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_are_pulled_when_the_client_sends_none() {
    let findings = core_findings(DRAFT_TXT, Format::PlainText);
    let rule = findings.first().expect("a finding").rule.clone();
    let mut client = started(vscode_caps(), fast()).await;
    *client.configuration.lock().unwrap() =
        json!({"rules": {rule.clone(): "off"}, "debounceMs": 0});
    let uri = "untitled:pull";
    client.open(uri, "plaintext", 1, DRAFT_TXT).await;
    client.diagnostics(uri, Some(1)).await;
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    client
        .wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri
                && p["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|d| d["code"] != rule.as_str())
        })
        .await;
    let asked = client.server_requests.lock().unwrap().clone();
    assert!(asked
        .iter()
        .any(|r| r["method"] == "workspace/configuration"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn project_config_is_watched_and_a_broken_one_keeps_the_last_good() {
    let findings = core_findings(DRAFT_TXT, Format::PlainText);
    let rule = findings.first().expect("a finding").rule.clone();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    let draft = root.join("note.txt");
    let config = root.join(".outreach-lint.toml");
    std::fs::write(&draft, DRAFT_TXT).unwrap();
    let uri = file_uri(&draft);
    let config_uri = file_uri(&config);
    let mut client = started(vscode_caps(), fast()).await;
    client.open(&uri, "plaintext", 1, DRAFT_TXT).await;
    let diags = client.diagnostics(&uri, Some(1)).await;
    assert!(diags.iter().any(|d| d["code"] == rule.as_str()));

    std::fs::write(&config, format!("[rules]\n{rule} = \"off\"\n")).unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 1}]}),
        )
        .await;
    client
        .wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str()
                && p["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|d| d["code"] != rule.as_str())
        })
        .await;

    // Broken: a message, a diagnostic on the config file, and the last good config stays.
    std::fs::write(&config, "[rules\nbroken = ").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 2}]}),
        )
        .await;
    let shown = client
        .wait_notification("window/showMessage", |_| true)
        .await;
    assert_eq!(shown["type"], 1);
    let on_config = client
        .wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == config_uri.as_str()
        })
        .await;
    assert_eq!(on_config["diagnostics"][0]["severity"], 1);
    let diags = client
        .wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str()
        })
        .await;
    assert!(
        diags["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["code"] != rule.as_str()),
        "last good config kept"
    );

    // Fixed: the config diagnostic clears.
    std::fs::write(&config, "[rules]\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 2}]}),
        )
        .await;
    client
        .wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == config_uri.as_str() && p["diagnostics"].as_array().unwrap().is_empty()
        })
        .await;
    client
        .wait_notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri.as_str()
                && p["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|d| d["code"] == rule.as_str())
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn limits_from_settings_reach_the_channel_check() {
    let text = "---\nchannel: linkedin-note\n---\nHi Ana,\n\nWe met at RustConf; your talk on arenas fixed our allocator. Would you share the slides?\n";
    let mut client = started(
        neovim_caps(),
        json!({"outreachLint": {"debounceMs": 0, "limits": {"linkedin-note": 20}}}),
    )
    .await;
    let uri = "untitled:limits.md";
    client.open(uri, "markdown", 1, text).await;
    let diags = client.diagnostics(uri, Some(1)).await;
    let mut options = LintOptions::default();
    options.limits.linkedin_note = 20;
    let project = Project::builtin();
    let want: Vec<String> = lint(text, Format::Markdown, &project.rules, &options)
        .findings
        .iter()
        .map(|f| f.rule.clone())
        .collect();
    let got: Vec<String> = diags
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, want);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huge_documents_get_one_skipped_diagnostic() {
    let mut client = started(
        vscode_caps(),
        json!({"outreachLint": {"debounceMs": 0, "maxFileBytes": 2000}}),
    )
    .await;
    let uri = "untitled:huge";
    let text = DRAFT_TXT.repeat(100);
    client.open(uri, "plaintext", 1, &text).await;
    let diags = client.diagnostics(uri, Some(1)).await;
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0]["code"], "file-too-large");
    assert_eq!(diags[0]["range"]["start"]["line"], 0);
    let message = diags[0]["message"].as_str().unwrap();
    assert!(message.contains("2000"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn close_clears_and_languages_are_detected() {
    let mut client = started(neovim_caps(), fast()).await;
    for (uri, lang) in [
        ("file:///lsp-test/a.md", "markdown"),
        ("file:///lsp-test/b.txt", "text"),
        ("file:///lsp-test/c.txt", "plaintext"),
        ("file:///lsp-test/d.markdown", "unknown-language"),
        ("untitled:Untitled-1", "markdown"),
    ] {
        client.open(uri, lang, 1, DRAFT_TXT).await;
        let diags = client.diagnostics(uri, Some(1)).await;
        assert!(!diags.is_empty(), "{uri} ({lang}) is linted");
        client
            .notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        let cleared = client
            .wait_notification("textDocument/publishDiagnostics", |p| {
                p["uri"] == uri && p["diagnostics"] == json!([])
            })
            .await;
        assert!(cleared["version"].is_null());
    }
    // A Rust file is not ours: nothing is published for it.
    client
        .open("file:///lsp-test/main.rs", "rust", 1, DRAFT_TXT)
        .await;
    let rest = client.drain(Duration::from_millis(300)).await;
    assert!(
        rest.iter()
            .all(|m| m["params"]["uri"] != "file:///lsp-test/main.rs"),
        "{rest:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_never_kills_the_server() {
    let mut client = started(vscode_caps(), fast()).await;
    let uri = "untitled:robust";
    // Unknown documents.
    client
        .change("untitled:never-opened", 2, json!([{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "text": "x"}]))
        .await;
    let hover = client
        .request("textDocument/hover", json!({"textDocument": {"uri": "untitled:nope"}, "position": {"line": 0, "character": 0}}))
        .await;
    assert!(hover.is_null());
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": "untitled:nope"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}),
        )
        .await;
    assert!(actions.is_null());
    // Malformed params: an error response, not a crash.
    let response = client
        .request_raw("textDocument/hover", json!({"nonsense": true}))
        .await;
    assert!(response.get("error").is_some());
    client
        .notify("textDocument/didChange", json!({"textDocument": 5}))
        .await;
    client
        .notify("textDocument/didOpen", json!([1, 2, 3]))
        .await;
    // A frame that is not JSON, stray bytes, and JSON that is not JSON-RPC.
    client.write_raw(b"Content-Length: 5\r\n\r\n{oops").await;
    client.write_raw(b"garbage\r\n").await;
    let bad = br#"{"id":99,"method":5}"#;
    client
        .write_raw(format!("Content-Length: {}\r\n\r\n", bad.len()).as_bytes())
        .await;
    client.write_raw(bad).await;
    let answer = client.wait_message(|m| m["id"] == 99).await;
    assert_eq!(answer["error"]["code"], -32600, "{answer}");
    // Out-of-range and reversed positions, surrogate halves, huge columns.
    client.open(uri, "plaintext", 1, "😀 hi\r\nthere").await;
    client.diagnostics(uri, Some(1)).await;
    let mut text = "😀 hi\r\nthere".to_string();
    let edits = [
        (
            json!({"start": {"line": 0, "character": 1}, "end": {"line": 0, "character": 1}}),
            "A",
        ),
        (
            json!({"start": {"line": 0, "character": 4000}, "end": {"line": 0, "character": 4000}}),
            "B",
        ),
        (
            json!({"start": {"line": 99, "character": 3}, "end": {"line": 120, "character": 0}}),
            "C",
        ),
        (
            json!({"start": {"line": 1, "character": 2}, "end": {"line": 0, "character": 3}}),
            "",
        ),
        (
            json!({"start": {"line": 4294967295u32, "character": 4294967295u32}, "end": {"line": 0, "character": 0}}),
            "D",
        ),
    ];
    for (i, (range, new)) in edits.iter().enumerate() {
        let version = i as i32 + 2;
        client
            .change(uri, version, json!([{"range": range, "text": new}]))
            .await;
        let mut r = byte_range(&text, range, "utf-16");
        if r.start > r.end {
            r = r.end..r.start;
        }
        text.replace_range(r, new);
        let diags = client.diagnostics(uri, Some(version)).await;
        assert_matches_core(&diags, &text, Format::PlainText, "utf-16");
    }
    // Still answering.
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 7, "character": 7}}),
        )
        .await;
    assert!(hover.is_null() || hover.is_object());
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_level_diagnostics_sit_on_a_reachable_line() {
    let text = "Hi Ana,\n\nLet me know.\n\n";
    let mut client = started(neovim_caps(), fast()).await;
    let uri = "untitled:doc-level";
    client.open(uri, "plaintext", 1, text).await;
    let diags = client.diagnostics(uri, Some(1)).await;
    let last_line = text.trim_end_matches('\n').lines().count() as u64;
    for d in &diags {
        assert!(
            d["range"]["start"]["line"].as_u64().unwrap() < last_line.max(1),
            "{d}"
        );
        assert!(
            d["range"]["end"]["line"].as_u64().unwrap() < last_line.max(1),
            "{d}"
        );
    }
    assert_matches_core(&diags, text, Format::PlainText, "utf-8");
}

/// A draft whose first body line (after front matter) ends in an emoji: two UTF-16 units.
const SCORED_MD: &str = "---\nrecipient: Zoë\nmet_at: RustConf Montréal\n---\nHi Zoë 😀\n\nWe met at RustConf Montréal; your talk on arena allocators changed how we profile. Would you share the slides?\n";

fn core_score(text: &str, format: Format) -> Option<outreach_lint::personal::score::Score> {
    let project = Project::builtin();
    lint(text, format, &project.rules, &LintOptions::default()).score
}

async fn inlay_hints(client: &mut Client, uri: &str, range: Value) -> Value {
    client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": range}),
        )
        .await
}

fn whole(text: &str, enc: &str) -> Value {
    lsp_range(text, 0..text.len(), enc)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn score_hint_sits_after_the_first_body_line_in_utf16() {
    let mut client = started(vscode_caps(), fast()).await;
    let init = Client::in_process()
        .initialize(vscode_caps(), Value::Null)
        .await;
    assert_eq!(init["capabilities"]["inlayHintProvider"], true);
    let uri = "file:///lsp-test/scored.md";
    client.open(uri, "markdown", 1, SCORED_MD).await;
    let score = core_score(SCORED_MD, Format::Markdown).expect("a draft has a score");

    let hints = inlay_hints(&mut client, uri, whole(SCORED_MD, "utf-16")).await;
    let hints = hints.as_array().expect("hints for a draft");
    assert_eq!(hints.len(), 1, "{hints:?}");
    let hint = &hints[0];
    assert_eq!(hint["label"], score.label());
    assert!(hint["label"].as_str().unwrap().ends_with("/100"));
    // Line 4 (after four lines of front matter), after "Hi Zoë 😀": 7 + 2 UTF-16 units.
    assert_eq!(
        (&hint["position"]["line"], &hint["position"]["character"]),
        (&json!(4), &json!("Hi Zoë 😀".encode_utf16().count()))
    );
    let line_end = SCORED_MD.find("😀").unwrap() + "😀".len();
    let (line, character) = lsp::to_position(SCORED_MD, line_end, "utf-16");
    assert_eq!(
        hint["position"],
        json!({"line": line, "character": character})
    );
    assert_eq!(
        score.anchor, line_end,
        "the core's anchor is where the hint is"
    );
    assert_eq!(hint["tooltip"]["kind"], "markdown");
    let tooltip = hint["tooltip"]["value"].as_str().unwrap();
    assert_eq!(tooltip, score.markdown());
    for signal in ["facts", "stock phrases", "focus", "ask", "length"] {
        assert!(tooltip.contains(signal), "{tooltip}");
    }

    // A range that ends before the hint's line gets nothing; one that ends exactly at the
    // hint gets it.
    let before = inlay_hints(&mut client, uri, lsp_range(SCORED_MD, 0..10, "utf-16")).await;
    assert!(before.as_array().is_none_or(Vec::is_empty), "{before}");
    let exact = inlay_hints(
        &mut client,
        uri,
        lsp_range(SCORED_MD, line_end - 4..line_end, "utf-16"),
    )
    .await;
    assert_eq!(exact.as_array().map(Vec::len), Some(1), "{exact}");

    // A document that is not open, and nonsense ranges: no hint, no error.
    let unknown = inlay_hints(
        &mut client,
        "file:///lsp-test/nope.md",
        whole("x", "utf-16"),
    )
    .await;
    assert!(unknown.is_null(), "{unknown}");
    let far = inlay_hints(
        &mut client,
        uri,
        json!({"start": {"line": 4294967295u32, "character": 0}, "end": {"line": 0, "character": 4294967295u32}}),
    )
    .await;
    assert!(far.is_null() || far.is_array(), "{far}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn score_hint_follows_the_text_and_skips_templates() {
    let mut client = started(neovim_caps(), fast()).await;
    let uri = "file:///lsp-test/hint-edit.md";
    let text = "Hi Ana,\n\nI hope this finds you well.\n";
    client.open(uri, "markdown", 1, text).await;
    let hints = inlay_hints(&mut client, uri, whole(text, "utf-8")).await;
    let score = core_score(text, Format::Markdown).unwrap();
    assert_eq!(hints[0]["label"], score.label());
    assert_eq!(hints[0]["position"], json!({"line": 0, "character": 7}));

    // Front matter that makes it a template: no score, so no hint.
    let template =
        "---\ntemplate: true\nfields: [first_name]\n---\nHi {first_name},\n\nI liked your post.\n";
    assert!(core_score(template, Format::Markdown).is_none());
    client.change(uri, 2, json!([{"text": template}])).await;
    let none = inlay_hints(&mut client, uri, whole(template, "utf-8")).await;
    assert!(none.as_array().is_none_or(Vec::is_empty), "{none}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn score_hint_setting_turns_it_off_and_on_with_a_refresh() {
    let mut caps = vscode_caps();
    caps["workspace"]["inlayHint"] = json!({"refreshSupport": true});
    let mut client = started(
        caps,
        json!({"outreachLint": {"debounceMs": 0, "scoreHint": false}}),
    )
    .await;
    let uri = "file:///lsp-test/hint-off.md";
    client.open(uri, "markdown", 1, SCORED_MD).await;
    client.diagnostics(uri, Some(1)).await;
    let off = inlay_hints(&mut client, uri, whole(SCORED_MD, "utf-16")).await;
    assert!(off.is_null(), "switched off: {off}");

    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"outreachLint": {"debounceMs": 0, "scoreHint": true}}}),
        )
        .await;
    client
        .wait_message(|m| m["method"] == "workspace/inlayHint/refresh")
        .await;
    let on = inlay_hints(&mut client, uri, whole(SCORED_MD, "utf-16")).await;
    assert_eq!(on.as_array().map(Vec::len), Some(1), "{on}");

    // A client that cannot take the refresh is not sent one.
    let mut plain = started(helix_caps(), fast()).await;
    plain
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"outreachLint": {"scoreHint": false}}}),
        )
        .await;
    let rest = plain.drain(Duration::from_millis(300)).await;
    assert!(
        rest.iter()
            .all(|m| m["method"] != "workspace/inlayHint/refresh"),
        "{rest:?}"
    );
    assert!(plain
        .server_requests
        .lock()
        .unwrap()
        .iter()
        .all(|m| m["method"] != "workspace/inlayHint/refresh"));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_fix_from_two_findings_is_offered_once() {
    let text = "---\nrecipient: Ana\nmet_at: RustConf 2024\n---\nHi Ana,\n\nI'd like to add you to my professional network.\n";
    let findings = core_findings(text, Format::Markdown);
    let on_greeting: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == "missing-context" || f.rule == "unused-context")
        .collect();
    assert_eq!(on_greeting.len(), 2, "both checks fire: {findings:?}");
    assert_eq!(on_greeting[0].range, on_greeting[1].range);
    assert_eq!(
        on_greeting[0].fixes, on_greeting[1].fixes,
        "and offer the same lines"
    );

    let mut client = started(vscode_caps(), fast()).await;
    let uri = "file:///lsp-test/dupes.md";
    client.open(uri, "markdown", 1, text).await;
    let diags = client.diagnostics(uri, Some(1)).await;
    let greeting: Vec<Value> = diags
        .iter()
        .filter(|d| d["code"] == "missing-context" || d["code"] == "unused-context")
        .cloned()
        .collect();
    assert_eq!(greeting.len(), 2);
    for (diagnostics, range) in [
        (json!(greeting), greeting[0]["range"].clone()),
        // A client that sends no diagnostics gets the findings under the range.
        (json!([]), greeting[0]["range"].clone()),
    ] {
        let actions = client
            .request(
                "textDocument/codeAction",
                json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": diagnostics, "only": ["quickfix"]}}),
            )
            .await;
        let actions = actions.as_array().unwrap();
        let mut seen = std::collections::HashSet::new();
        for a in actions {
            assert!(
                seen.insert((a["title"].to_string(), a["edit"].to_string())),
                "offered twice: {}",
                a["title"]
            );
        }
        let fixes = &on_greeting[0].fixes;
        for fix in fixes {
            let copies: Vec<&Value> = actions
                .iter()
                .filter(|a| a["title"] == fix.title.as_str())
                .collect();
            assert_eq!(copies.len(), 1, "{}", fix.title);
            assert_eq!(
                copies[0]["isPreferred"] == true,
                fix.preferred,
                "{}",
                fix.title
            );
            let codes: Vec<&Value> = copies[0]["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| &d["code"])
                .collect();
            assert!(codes.contains(&&json!("missing-context")), "{codes:?}");
            assert!(codes.contains(&&json!("unused-context")), "{codes:?}");
        }
        assert!(fixes.iter().any(|f| f.preferred));
    }
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fix_all_removes_neighbouring_stock_sentences_and_their_paragraph() {
    // Each removal claims the space between the two sentences; both must go, and the
    // paragraph they leave empty with them.
    let text = "Hi Ana,\n\nI hope this finds you well. Hope all is well.\n\nYour talk on retry budgets at RustConf changed how we size our queues. Would you share the slides?\n";
    let findings = core_findings(text, Format::Markdown);
    let removals: Vec<&outreach_lint::Edit> = findings
        .iter()
        .filter_map(|f| f.fixes.iter().find(|x| x.safe))
        .flat_map(|x| &x.edits)
        .collect();
    assert_eq!(removals.len(), 2, "{findings:?}");
    assert!(
        removals[1].start < removals[0].end,
        "the two removals share the space: {removals:?}"
    );
    let (want, _) = fix::apply_edits(text, &fix::safe_fix_edits(text, &findings));
    assert_eq!(
        want,
        "Hi Ana,\n\nYour talk on retry budgets at RustConf changed how we size our queues. Would you share the slides?\n"
    );
    let mut client = started(neovim_caps(), fast()).await;
    let uri = "file:///lsp-test/fix-all-neighbours.md";
    client.open(uri, "markdown", 1, text).await;
    client.diagnostics(uri, Some(1)).await;
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": lsp_range(text, 0..0, "utf-8"), "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let (edits, _) = edits_for(&actions[0]["edit"], uri);
    assert_eq!(apply_text_edits(text, &edits, "utf-8"), want);
    client.shutdown().await;
}
