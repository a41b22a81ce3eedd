//! A small LSP test client: raw JSON-RPC with `Content-Length` framing over any async
//! stream pair, either the in-process server (`tokio::io::duplex`) or the real binary over
//! stdio. It answers the server's own requests (registerCapability, configuration), keeps
//! every message it did not wait for, and converts positions with its own code, independent
//! of the server's, so tests check the server's conversions rather than repeat them.
//!
//! Include with `#[path = "common/lsp.rs"] mod lsp;`.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;

/// How long any single wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(30);

type Writer = Arc<tokio::sync::Mutex<Box<dyn AsyncWrite + Send + Unpin>>>;

/// The test client.
pub struct Client {
    writer: Writer,
    rx: mpsc::UnboundedReceiver<Value>,
    backlog: VecDeque<Value>,
    next_id: i64,
    /// Requests the server sent to us, in order.
    pub server_requests: Arc<Mutex<Vec<Value>>>,
    /// What `workspace/configuration` answers (one item).
    pub configuration: Arc<Mutex<Value>>,
    /// The child process, for end-to-end tests.
    pub child: Option<tokio::process::Child>,
    /// What the child wrote to stderr.
    pub stderr: Arc<Mutex<String>>,
}

async fn write_frame(writer: &Writer, value: &Value) -> std::io::Result<()> {
    let body = serde_json::to_vec(value).map_err(std::io::Error::other)?;
    let mut w = writer.lock().await;
    w.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await?;
    w.write_all(&body).await?;
    w.flush().await
}

/// Read one framed message; `None` at end of stream. Panics on a malformed frame: the
/// server must never write anything but frames to its output.
async fn read_frame<R: AsyncRead + Unpin>(reader: &mut BufReader<R>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).await.ok()?;
        if n == 0 {
            return None;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("not a header line on the server's output: {line:?}"));
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.trim().parse::<usize>().expect("content length"));
        }
    }
    let length = length.expect("a frame without Content-Length");
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).await.ok()?;
    Some(serde_json::from_slice(&body).expect("a frame body that is not JSON"))
}

impl Client {
    /// A client over the given streams (server output, server input).
    pub fn over<R, W>(from_server: R, to_server: W) -> Client
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let writer: Writer = Arc::new(tokio::sync::Mutex::new(Box::new(to_server)));
        let (tx, rx) = mpsc::unbounded_channel();
        let server_requests = Arc::new(Mutex::new(Vec::new()));
        let configuration = Arc::new(Mutex::new(Value::Null));
        let (w, reqs, conf) = (
            writer.clone(),
            server_requests.clone(),
            configuration.clone(),
        );
        tokio::spawn(async move {
            let mut reader = BufReader::new(from_server);
            while let Some(msg) = read_frame(&mut reader).await {
                if let (Some(method), Some(id)) =
                    (msg.get("method").and_then(Value::as_str), msg.get("id"))
                {
                    let result = match method {
                        "workspace/configuration" => {
                            let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                            let value = conf.lock().unwrap().clone();
                            Value::Array(vec![value; n])
                        }
                        _ => Value::Null,
                    };
                    let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                    let _ = write_frame(&w, &reply).await;
                    reqs.lock().unwrap().push(msg.clone());
                }
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        Client {
            writer,
            rx,
            backlog: VecDeque::new(),
            next_id: 1,
            server_requests,
            configuration,
            child: None,
            stderr: Arc::new(Mutex::new(String::new())),
        }
    }

    /// The in-process server on a pair of in-memory pipes.
    pub fn in_process() -> Client {
        let (client_out, server_in) = tokio::io::duplex(1 << 20);
        let (server_out, client_in) = tokio::io::duplex(1 << 20);
        tokio::spawn(outreach_lint::lsp::run(server_in, server_out));
        Client::over(client_in, client_out)
    }

    /// The built binary, `outreach-lint lsp` plus `extra` arguments, over stdio.
    pub fn binary(extra: &[&str]) -> Client {
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_outreach-lint"))
            .arg("lsp")
            .args(extra)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("start the server binary");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let mut stderr = child.stderr.take().expect("stderr");
        let mut client = Client::over(stdout, stdin);
        let log = client.stderr.clone();
        tokio::spawn(async move {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf).await {
                if n == 0 {
                    break;
                }
                log.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        client.child = Some(child);
        client
    }

    async fn next_message(&mut self) -> Value {
        if let Some(msg) = self.backlog.pop_front() {
            return msg;
        }
        self.recv().await
    }

    async fn recv(&mut self) -> Value {
        match tokio::time::timeout(TIMEOUT, self.rx.recv()).await {
            Ok(Some(msg)) => msg,
            Ok(None) => panic!("the server closed its output"),
            Err(_) => {
                let tail: Vec<String> = self
                    .backlog
                    .iter()
                    .rev()
                    .take(8)
                    .map(|m| {
                        format!(
                            "{} {} v{}",
                            m["method"], m["params"]["uri"], m["params"]["version"]
                        )
                    })
                    .collect();
                panic!("timed out waiting for the server; latest messages: {tail:#?}")
            }
        }
    }

    /// Send a request and wait for its response (the whole response object).
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        write_frame(&self.writer, &msg)
            .await
            .expect("write request");
        // Look in the backlog first, then read on, keeping what is not ours.
        if let Some(pos) = self
            .backlog
            .iter()
            .position(|m| m.get("method").is_none() && m["id"] == json!(id))
        {
            return self.backlog.remove(pos).unwrap_or_default();
        }
        loop {
            let msg = self.recv().await;
            if msg.get("method").is_none() && msg["id"] == json!(id) {
                return msg;
            }
            self.backlog.push_back(msg);
        }
    }

    /// Send a request and return its `result`, failing on an error response.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Send a notification.
    pub async fn notify(&mut self, method: &str, params: Value) {
        let msg = json!({"jsonrpc": "2.0", "method": method, "params": params});
        write_frame(&self.writer, &msg)
            .await
            .expect("write notification");
    }

    /// Write raw bytes (for malformed-input tests).
    pub async fn write_raw(&mut self, bytes: &[u8]) {
        let mut w = self.writer.lock().await;
        w.write_all(bytes).await.expect("write");
        w.flush().await.expect("flush");
    }

    /// `initialize` + `initialized`; returns the initialize result.
    pub async fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let mut params = json!({
            "processId": null,
            "rootUri": null,
            "capabilities": capabilities,
        });
        if !options.is_null() {
            params["initializationOptions"] = options;
        }
        let result = self.request("initialize", params).await;
        self.notify("initialized", json!({})).await;
        result
    }

    /// Open a document.
    pub async fn open(&mut self, uri: &str, language_id: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}}),
        )
        .await;
    }

    /// Send content changes.
    pub async fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    /// Wait for a notification satisfying `pred`, keeping the others.
    pub async fn wait_notification(
        &mut self,
        method: &str,
        pred: impl Fn(&Value) -> bool,
    ) -> Value {
        if let Some(pos) = self
            .backlog
            .iter()
            .position(|m| m["method"] == method && pred(&m["params"]))
        {
            return self.backlog.remove(pos).unwrap_or_default()["params"].clone();
        }
        loop {
            let msg = self.recv().await;
            if msg["method"] == method && pred(&msg["params"]) {
                return msg["params"].clone();
            }
            self.backlog.push_back(msg);
        }
    }

    /// Wait for any message satisfying `pred`, keeping the others.
    pub async fn wait_message(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(pos) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(pos).unwrap_or_default();
        }
        loop {
            let msg = self.recv().await;
            if pred(&msg) {
                return msg;
            }
            self.backlog.push_back(msg);
        }
    }

    /// Every message, in arrival order (the kept ones first), up to and including the first
    /// that satisfies `pred`.
    pub async fn messages_until(&mut self, pred: impl Fn(&Value) -> bool) -> Vec<Value> {
        let mut out: Vec<Value> = Vec::new();
        while let Some(msg) = self.backlog.pop_front() {
            let done = pred(&msg);
            out.push(msg);
            if done {
                return out;
            }
        }
        loop {
            let msg = self.recv().await;
            let done = pred(&msg);
            out.push(msg);
            if done {
                return out;
            }
        }
    }

    /// The next diagnostics published for `uri` (at `version`, when given).
    pub async fn diagnostics(&mut self, uri: &str, version: Option<i32>) -> Vec<Value> {
        let params = self
            .wait_notification("textDocument/publishDiagnostics", |p| {
                p["uri"] == uri && version.is_none_or(|v| p["version"] == json!(v))
            })
            .await;
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Every message that arrives until the server has been quiet for `quiet`.
    pub async fn drain(&mut self, quiet: Duration) -> Vec<Value> {
        let mut out: Vec<Value> = self.backlog.drain(..).collect();
        while let Ok(Some(msg)) = tokio::time::timeout(quiet, self.rx.recv()).await {
            out.push(msg);
        }
        out
    }

    /// Close the server's input (drops the write half).
    pub async fn close_input(&mut self) {
        *self.writer.lock().await = Box::new(tokio::io::sink());
    }

    /// `shutdown` + `exit`.
    pub async fn shutdown(&mut self) {
        self.request("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
    }
}

/// Client capabilities of a VS Code-like client: utf-16 only, documentChanges, dynamic
/// file watching, pull configuration.
pub fn vscode_caps() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "workspace": {
            "applyEdit": true,
            "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create", "rename", "delete"]},
            "didChangeConfiguration": {"dynamicRegistration": true},
            "didChangeWatchedFiles": {"dynamicRegistration": true},
            "configuration": true,
            "workspaceFolders": true
        },
        "textDocument": {
            "synchronization": {"dynamicRegistration": true, "didSave": true},
            "publishDiagnostics": {"versionSupport": true, "dataSupport": true, "codeDescriptionSupport": true},
            "hover": {"contentFormat": ["markdown", "plaintext"]},
            "codeAction": {"dataSupport": true, "isPreferredSupport": true,
                "codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["", "quickfix", "source", "source.fixAll"]}}}
        }
    })
}

/// A Neovim 0.11-like client: offers utf-8 first.
pub fn neovim_caps() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-8", "utf-16", "utf-32"]},
        "workspace": {
            "applyEdit": true,
            "workspaceEdit": {"documentChanges": true, "resourceOperations": ["rename", "create", "delete"]},
            "didChangeWatchedFiles": {"dynamicRegistration": true, "relativePatternSupport": true},
            "configuration": true
        },
        "textDocument": {
            "publishDiagnostics": {"versionSupport": true, "dataSupport": true},
            "codeAction": {"dataSupport": true, "isPreferredSupport": true}
        }
    })
}

/// A Helix-like client: utf-8 and utf-32, no documentChanges, no file watching.
pub fn helix_caps() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-8", "utf-32", "utf-16"]},
        "workspace": {"applyEdit": true, "workspaceEdit": {"documentChanges": false}},
        "textDocument": {"publishDiagnostics": {"versionSupport": true}}
    })
}

/// A client that offers only utf-32.
pub fn utf32_caps() -> Value {
    json!({"general": {"positionEncodings": ["utf-32"]}})
}

/// The column unit of an encoding name.
fn width(c: char, encoding: &str) -> usize {
    match encoding {
        "utf-8" => c.len_utf8(),
        "utf-32" => 1,
        _ => c.len_utf16(),
    }
}

/// Line starts by LSP's rules (`\n`, `\r\n`, `\r`), written independently of the server.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
            starts.push(i + 2);
            i += 2;
            continue;
        }
        if b[i] == b'\n' || b[i] == b'\r' {
            starts.push(i + 1);
        }
        i += 1;
    }
    starts
}

/// Byte offset of an LSP position, clamping like the spec (past the line end: the end of
/// the line content; past the last line: the end of the text).
pub fn to_offset(text: &str, line: u64, character: u64, encoding: &str) -> usize {
    let starts = line_starts(text);
    let Some(&start) = starts.get(line as usize) else {
        return text.len();
    };
    let end = starts.get(line as usize + 1).copied().unwrap_or(text.len());
    let content = text[start..end].trim_end_matches(['\r', '\n']);
    let mut col = 0usize;
    for (i, c) in content.char_indices() {
        if col + width(c, encoding) > character as usize {
            return start + i;
        }
        col += width(c, encoding);
    }
    start + content.len()
}

/// LSP position of a byte offset.
pub fn to_position(text: &str, offset: usize, encoding: &str) -> (u64, u64) {
    let starts = line_starts(text);
    let line = starts.partition_point(|&s| s <= offset) - 1;
    let col: usize = text[starts[line]..offset]
        .chars()
        .map(|c| width(c, encoding))
        .sum();
    (line as u64, col as u64)
}

/// The byte range of an LSP range value.
pub fn byte_range(text: &str, range: &Value, encoding: &str) -> std::ops::Range<usize> {
    let p = |v: &Value| {
        to_offset(
            text,
            v["line"].as_u64().expect("line"),
            v["character"].as_u64().expect("character"),
            encoding,
        )
    };
    p(&range["start"])..p(&range["end"])
}

/// An LSP range value for a byte range.
pub fn lsp_range(text: &str, range: std::ops::Range<usize>, encoding: &str) -> Value {
    let (sl, sc) = to_position(text, range.start, encoding);
    let (el, ec) = to_position(text, range.end, encoding);
    json!({"start": {"line": sl, "character": sc}, "end": {"line": el, "character": ec}})
}

/// Apply LSP text edits (non-overlapping, as the spec requires) to a text.
pub fn apply_text_edits(text: &str, edits: &[Value], encoding: &str) -> String {
    let mut byte_edits: Vec<(std::ops::Range<usize>, String)> = edits
        .iter()
        .map(|e| {
            (
                byte_range(text, &e["range"], encoding),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    byte_edits.sort_by_key(|(r, _)| (r.start, r.end));
    for pair in byte_edits.windows(2) {
        assert!(
            pair[0].0.end <= pair[1].0.start,
            "overlapping edits: {edits:?}"
        );
    }
    let mut out = text.to_string();
    for (range, new) in byte_edits.into_iter().rev() {
        out.replace_range(range, &new);
    }
    out
}

/// The text edits of a workspace edit for `uri` (from `documentChanges` or `changes`),
/// with the version a `documentChanges` entry names.
pub fn edits_for(edit: &Value, uri: &str) -> (Vec<Value>, Option<Value>) {
    if let Some(changes) = edit["documentChanges"].as_array() {
        for change in changes {
            if change["textDocument"]["uri"] == uri {
                let edits = change["edits"].as_array().cloned().unwrap_or_default();
                return (edits, Some(change["textDocument"]["version"].clone()));
            }
        }
        return (Vec::new(), None);
    }
    let edits = edit["changes"][uri].as_array().cloned().unwrap_or_default();
    (edits, None)
}

/// A `file://` URI for a path.
pub fn file_uri(path: &std::path::Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A seeded PRNG (splitmix64), so random tests are reproducible.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
