//! End-to-end language-server benchmark over stdio against the built binary:
//!
//! - `didChange` -> `publishDiagnostics` latency with debounce 0, for a 3 KB draft
//!   (median and p99 over many single-character edits) and for a 1 MB document;
//! - resident memory of the server process with 200 open drafts (`VmRSS` / `VmHWM` from
//!   `/proc/<pid>/status`, Linux only).
//!
//! Run: `cargo bench --bench lsp_latency` (optionally `-- --iterations 2000`, or one of
//! the sections `small`, `large`, `memory`).
//! Targets (issue 3): median < 2 ms and p99 < 10 ms for 3 KB; < 50 ms for 1 MB; < 40 MB RSS.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const DRAFT: &str = "---\nrecipient: Zoë Álvarez\ncompany: Lumen Labs\nchannel: linkedin-message\nmet_at: PyCon Lisbon\n---\nHi Zoë,\n\nI hope this finds you well. I came across your profile and I’d like to add you to my professional network on LinkedIn. 😀\n\nYour talk on retry budgets at PyCon Lisbon changed how we size our queues; the graph of tail latency against retry ratio is now on our wall.\n\nWould you have 20 minutes next week to look at our numbers? Looking forward to connecting!\n\nThanks in advance,\nDana\n";

struct Server {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_outreach-lint"))
            .args(["lsp", "--stdio"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0u8; length];
                if reader.read_exact(&mut body).is_err() {
                    return;
                }
                match serde_json::from_slice(&body) {
                    Ok(v) => {
                        if tx.send(v).is_err() {
                            return;
                        }
                    }
                    Err(_) => return,
                }
            }
        });
        Server {
            child,
            stdin,
            rx,
            next_id: 1,
        }
    }

    fn send(&mut self, value: &Value) {
        let body = serde_json::to_vec(value).expect("json");
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write");
        self.stdin.write_all(&body).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.recv();
            if msg["id"] == id && msg.get("method").is_none() {
                return msg;
            }
        }
    }

    fn recv(&self) -> Value {
        self.rx
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|err| panic!("the server did not answer: {err}"))
    }

    /// Wait for diagnostics of `uri` at `version`.
    fn wait_diagnostics(&self, uri: &str, version: i64) -> usize {
        loop {
            let msg = self.recv();
            if msg["method"] == "textDocument/publishDiagnostics"
                && msg["params"]["uri"] == uri
                && msg["params"]["version"] == version
            {
                return msg["params"]["diagnostics"].as_array().map_or(0, Vec::len);
            }
        }
    }

    /// Wait for the empty publication that follows a close.
    fn wait_diagnostics_cleared(&self, uri: &str) {
        loop {
            let msg = self.recv();
            if msg["method"] == "textDocument/publishDiagnostics"
                && msg["params"]["uri"] == uri
                && msg["params"]["version"].is_null()
            {
                return;
            }
        }
    }

    fn memory(&self) -> Option<(u64, u64)> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }

    fn stop(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let _ = self.child.wait();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Alternately type and delete one character on the second line; returns each latency.
fn measure(server: &mut Server, uri: &str, first_version: i64, iterations: usize) -> Vec<Duration> {
    let mut times = Vec::with_capacity(iterations);
    for i in 0..iterations {
        let version = first_version + i as i64;
        let change = if i % 2 == 0 {
            json!({"range": {"start": {"line": 7, "character": 0}, "end": {"line": 7, "character": 0}}, "text": "x"})
        } else {
            json!({"range": {"start": {"line": 7, "character": 0}, "end": {"line": 7, "character": 1}}, "text": ""})
        };
        let start = Instant::now();
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
        );
        server.wait_diagnostics(uri, version);
        times.push(start.elapsed());
    }
    times.sort();
    times
}

fn draft_of_size(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + DRAFT.len());
    text.push_str(DRAFT);
    let body = &DRAFT[DRAFT.find("Hi Zoë").unwrap_or(0)..];
    while text.len() + body.len() < bytes {
        text.push_str(body);
    }
    text
}

/// A long document of clean, specific prose with one stock line every ~3 KB: what a real
/// large file looks like, rather than the same flagged draft repeated.
fn prose_of_size(bytes: usize) -> String {
    let paragraph = "Your talk on retry budgets at PyCon Lisbon changed how we size our queues; the graph of tail latency against retry ratio is now on our wall, and the on-call rota has been quieter since March.\n\n";
    let mut text = String::with_capacity(bytes + 512);
    text.push_str("Hi Zoë,\n\n");
    let mut i = 0;
    while text.len() + paragraph.len() < bytes {
        if i % 14 == 0 {
            text.push_str("I hope this finds you well.\n\n");
        }
        text.push_str(paragraph);
        i += 1;
    }
    text
}

fn core_lint_ms(text: &str) -> f64 {
    let rules = outreach_lint::RuleSet::builtin();
    let options = outreach_lint::LintOptions::default();
    let _ = outreach_lint::lint(text, outreach_lint::Format::Markdown, &rules, &options);
    let start = Instant::now();
    let n = 3;
    for _ in 0..n {
        let _ = outreach_lint::lint(text, outreach_lint::Format::Markdown, &rules, &options);
    }
    ms(start.elapsed()) / n as f64
}

fn big(server: &mut Server, name: &str, text: &str) {
    let uri = format!("file:///bench/{name}.md");
    let start = Instant::now();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let n = server.wait_diagnostics(&uri, 1);
    let open = start.elapsed();
    let times = measure(server, &uri, 2, 20);
    println!(
        "1 MB {name} ({} bytes, {n} diagnostics): open {:.1} ms; 20 edits: median {:.1} ms, max {:.1} ms (core lint alone: {:.1} ms)",
        text.len(),
        ms(open),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 1.0)),
        core_lint_ms(text),
    );
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    server.wait_diagnostics_cleared(&uri);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let iterations: usize = args
        .iter()
        .skip_while(|a| *a != "--iterations")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let wants = |section: &str| {
        let named: Vec<&String> = args
            .iter()
            .filter(|a| ["small", "large", "memory"].contains(&a.as_str()))
            .collect();
        named.is_empty() || named.iter().any(|a| *a == section)
    };
    let small = draft_of_size(3 * 1024);
    if wants("small") || wants("large") {
        latency(iterations, &small, wants("small"), wants("large"));
    }
    if wants("memory") {
        memory(&small);
    }
}

fn latency(iterations: usize, small: &str, run_small: bool, run_large: bool) {
    let mut server = Server::start();
    let init = json!({
        "processId": null,
        "rootUri": null,
        "capabilities": {"general": {"positionEncodings": ["utf-8", "utf-16"]}},
        "initializationOptions": {"outreachLint": {"debounceMs": 0}},
    });
    server.request("initialize", init);
    server.notify("initialized", json!({}));

    if run_small {
        let uri = "file:///bench/draft.md";
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": small}}),
        );
        let n = server.wait_diagnostics(uri, 1);
        measure(&mut server, uri, 2, 50); // warm up
        let times = measure(&mut server, uri, 52, iterations);
        println!(
            "3 KB draft ({} bytes, {n} diagnostics), {iterations} edits: median {:.3} ms, p99 {:.3} ms, max {:.3} ms (core lint alone: {:.3} ms)",
            small.len(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(percentile(&times, 1.0)),
            core_lint_ms(small),
        );
    }
    if run_large {
        big(&mut server, "prose", &prose_of_size(1_000_000));
        big(&mut server, "repeated-draft", &draft_of_size(1_000_000));
    }
    server.stop();
}

fn memory(small: &str) {
    // A fresh server, so the 1 MB documents do not count.
    let mut server = Server::start();
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": {"outreachLint": {"debounceMs": 0}}}),
    );
    server.notify("initialized", json!({}));
    let idle = server.memory();
    for i in 0..200 {
        let text = small.replace("Zoë", &format!("Zoë{i}"));
        let uri = format!("file:///bench/drafts/{i:03}.md");
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }
    let mut seen = std::collections::HashSet::new();
    while seen.len() < 200 {
        let msg = server.recv();
        if msg["method"] == "textDocument/publishDiagnostics" {
            seen.insert(
                msg["params"]["uri"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            );
        }
    }
    match (idle, server.memory()) {
        (Some((idle_rss, _)), Some((rss, hwm))) => println!(
            "200 open 3 KB drafts: VmRSS {:.1} MB (idle after initialize {:.1} MB), VmHWM {:.1} MB",
            rss as f64 / 1024.0,
            idle_rss as f64 / 1024.0,
            hwm as f64 / 1024.0
        ),
        _ => println!("200 open drafts: memory not available (no /proc)"),
    }
    server.stop();
}
