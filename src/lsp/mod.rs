//! The language server face: `outreach-lint lsp` over stdio (tower-lsp-server).
//!
//! - `documents`: ropes with versions, incremental edits applied in order.
//! - `convert`: the one module that maps core findings, fixes and edits to LSP types and
//!   back, in the negotiated position encoding.
//! - `config`: editor settings merged over the project's `.outreach-lint.toml`.
//! - `hover`, `actions`, `hints`: hover markdown, code actions and the score's inlay hint,
//!   built from an [`Analysis`].
//!
//! Linting runs on the blocking pool, never on the task that reads stdin. Publication is
//! debounced with a generation counter and never carries a stale version. Logs go to
//! `window/logMessage`; only warnings and errors are also written to stderr, which some
//! clients (Neovim) show to the user as they arrive.

pub mod actions;
pub mod config;
pub mod convert;
pub mod documents;
pub mod hints;
pub mod hover;
pub mod transport;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use ropey::Rope;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::Result as RpcResult;
use tower_lsp_server::ls_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CodeActionResponse, ConfigurationItem, Diagnostic, DiagnosticSeverity,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, FileChangeType, FileSystemWatcher,
    GlobPattern, Hover, HoverParams, HoverProviderCapability, InitializeParams, InitializeResult,
    InitializedParams, InlayHint, InlayHintParams, MessageType, NumberOrString, OneOf, Position,
    Range as LspRange, Registration, ResourceOperationKind, SaveOptions, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Uri, WorkDoneProgressOptions,
};
use tower_lsp_server::{Client, LanguageServer, LspService, Server};

use self::actions::EditCaps;
use self::config::Settings;
use self::convert::Snapshot;
use self::documents::{Document, Documents};
use crate::config::{ConfigError, Project, FILE_NAME};
use crate::lint::{lint, Finding, LintOptions};
use crate::prose::Format;
use crate::rules::{RuleSet, Severity};
use crate::text::PositionEncoding;

/// Run the server on stdin/stdout until the client exits.
pub fn serve_stdio() -> anyhow::Result<()> {
    // The first draft opened finds the constant regexes built while the client initialises.
    std::thread::spawn(crate::lint::warm_up);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(16)
        .thread_name("outreach-lint-lsp")
        .build()?;
    runtime.block_on(run(tokio::io::stdin(), tokio::io::stdout()));
    // Reading stdin parks a blocking thread; do not wait for it.
    runtime.shutdown_timeout(Duration::from_millis(100));
    Ok(())
}

/// Serve one client on the given streams (stdio, or an in-process pipe in tests).
pub async fn run<I, O>(input: I, output: O)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::build(Backend::new)
        .custom_method(transport::INVALID_MESSAGE, Backend::invalid_message)
        .finish();
    let (filtered_in, server_in) = tokio::io::duplex(1 << 16);
    let filter = transport::filter_frames(input, filtered_in);
    // Requests waiting for a lint (hover, code actions) must not hold up the notifications
    // behind them, so allow more in flight than the framework's default of 4.
    let server = Server::new(server_in, output, socket)
        .concurrency_level(64)
        .serve(service);
    tokio::pin!(filter, server);
    tokio::select! {
        () = &mut server => {}
        () = &mut filter => {
            // The input ended: the server reads the rest of the pipe, then stops.
            server.await;
        }
    }
}

/// One lint of one version of a document, with everything hover and code actions need.
#[derive(Debug)]
pub struct Analysis {
    /// The document version linted.
    pub version: i32,
    /// The generation linted.
    pub generation: u64,
    /// The text linted.
    pub snapshot: Snapshot,
    /// Its format.
    pub format: Format,
    /// Its file, when it has one.
    pub path: Option<PathBuf>,
    /// The config file that applied.
    pub config_path: Option<PathBuf>,
    /// The options used.
    pub options: LintOptions,
    /// The rules used.
    pub rules: Arc<RuleSet>,
    /// The findings.
    pub findings: Vec<Finding>,
    /// The personalisation score (drafts only; `None` for templates and skipped drafts).
    pub score: Option<crate::personal::score::Score>,
}

/// What the client told us at `initialize`, and the settings in force.
#[derive(Debug, Clone)]
struct Session {
    encoding: PositionEncoding,
    caps: EditCaps,
    watch_dynamic: bool,
    config_dynamic: bool,
    pull_config: bool,
    /// The client takes `workspace/inlayHint/refresh`.
    hint_refresh: bool,
    roots: Vec<PathBuf>,
    settings: Arc<Settings>,
    startup_messages: Vec<String>,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            encoding: PositionEncoding::Utf16,
            caps: EditCaps::default(),
            watch_dynamic: false,
            config_dynamic: false,
            pull_config: false,
            hint_refresh: false,
            roots: Vec::new(),
            settings: Arc::new(Settings::default()),
            startup_messages: Vec::new(),
        }
    }
}

/// A change to report about a config file.
#[derive(Debug, Clone)]
enum ConfigEvent {
    /// The file does not load; the last good config stays in force.
    Error {
        path: PathBuf,
        message: String,
        line: u32,
        column: u32,
    },
    /// The file loads again.
    Cleared { path: PathBuf },
}

type Stamp = Option<(SystemTime, u64)>;

struct CachedProject {
    project: Arc<Project>,
    stamp: Stamp,
}

#[derive(Default)]
struct ProjectCache {
    by_path: HashMap<PathBuf, CachedProject>,
    errors: HashMap<PathBuf, String>,
}

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

impl ProjectCache {
    /// The project for a draft in `dir` (nearest config upward), reloading a config file
    /// whose modification time or size changed. A config that does not load keeps the last
    /// good one for that file (or the built-in defaults).
    fn resolve(
        &mut self,
        dir: Option<&Path>,
        builtin: &Arc<Project>,
    ) -> (Arc<Project>, Option<PathBuf>, Vec<ConfigEvent>) {
        let Some(config) = dir.and_then(crate::config::discover) else {
            return (builtin.clone(), None, Vec::new());
        };
        let now = stamp(&config);
        if let Some(cached) = self.by_path.get(&config) {
            if cached.stamp.is_some() && cached.stamp == now {
                return (cached.project.clone(), Some(config), Vec::new());
            }
        }
        let mut events = Vec::new();
        let project = match Project::load(&config) {
            Ok(project) => {
                if self.errors.remove(&config).is_some() {
                    events.push(ConfigEvent::Cleared {
                        path: config.clone(),
                    });
                }
                Arc::new(project)
            }
            Err(err) => {
                let message = err.to_string();
                if self.errors.get(&config) != Some(&message) {
                    let (line, column) = match &err {
                        ConfigError::Parse { line, column, .. } => (*line, *column),
                        _ => (1, 1),
                    };
                    events.push(ConfigEvent::Error {
                        path: config.clone(),
                        message: message.clone(),
                        line: u32::try_from(line.saturating_sub(1)).unwrap_or(0),
                        column: u32::try_from(column.saturating_sub(1)).unwrap_or(0),
                    });
                    self.errors.insert(config.clone(), message);
                }
                self.by_path
                    .get(&config)
                    .map_or_else(|| builtin.clone(), |c| c.project.clone())
            }
        };
        self.by_path.insert(
            config.clone(),
            CachedProject {
                project: project.clone(),
                stamp: now,
            },
        );
        (project, Some(config), events)
    }

    fn invalidate(&mut self, path: &Path) {
        if let Some(cached) = self.by_path.get_mut(path) {
            cached.stamp = None;
        }
    }

    fn knows(&self, name: &str) -> bool {
        self.by_path.values().any(|c| {
            c.project
                .rules
                .rules()
                .iter()
                .any(|r| r.spec.id == name || r.spec.category == name)
        })
    }
}

/// What one lint needs, taken from a document under its lock.
struct Job {
    rope: Rope,
    version: i32,
    generation: u64,
    format: Format,
    path: Option<PathBuf>,
}

struct Inner {
    client: Client,
    docs: Documents,
    session: RwLock<Session>,
    projects: Mutex<ProjectCache>,
    builtin: Arc<Project>,
    generation: AtomicU64,
    publish: tokio::sync::Mutex<()>,
    /// One lint at a time, each for the newest generation when it starts.
    lint_slots: tokio::sync::Semaphore,
    /// The thread every lint runs on.
    linter: Linter,
    /// Documents whose last analysis is kept (most recent last); the others drop theirs,
    /// since findings with their fixes weigh more than the text.
    recent: Mutex<std::collections::VecDeque<Uri>>,
}

/// How many documents keep their last analysis for hover and code actions.
const CACHED_ANALYSES: usize = 16;

/// Publications of up to this many diagnostics carry each finding's fixes in
/// `Diagnostic.data`. Beyond it the fixes are left out: they are several times the size of
/// the diagnostic, so a document with thousands of findings would spend most of each
/// publication on them, and a code action finds the finding again in the latest analysis.
pub const FIXES_IN_DATA_UP_TO: usize = 500;

type Task = Box<dyn FnOnce() + Send>;

/// A dedicated lint thread. Every thread that runs the matcher grows its own regex caches
/// (and allocator arena), so linting on one long-lived thread instead of the blocking pool
/// keeps the server's memory at what one lint needs, and its caches warm.
struct Linter {
    tx: Mutex<Option<std::sync::mpsc::Sender<Task>>>,
}

impl Linter {
    fn start() -> Linter {
        let (tx, rx) = std::sync::mpsc::channel::<Task>();
        let spawned = std::thread::Builder::new()
            .name("outreach-lint-linter".to_string())
            .spawn(move || {
                while let Ok(task) = rx.recv() {
                    // A panic in the core loses one result, not the thread.
                    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(task));
                }
            });
        Linter {
            tx: Mutex::new(spawned.ok().map(|_| tx)),
        }
    }

    /// Run `f` on the lint thread (on the blocking pool if there is none); `None` when it
    /// panicked.
    async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
        let (done, result) = tokio::sync::oneshot::channel();
        let task: Task = Box::new(move || {
            let _ = done.send(f());
        });
        let sender = self
            .tx
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        let task = match sender {
            Some(tx) => match tx.send(task) {
                Ok(()) => return result.await.ok(),
                Err(std::sync::mpsc::SendError(task)) => task,
            },
            None => task,
        };
        let _ = tokio::task::spawn_blocking(task).await;
        result.await.ok()
    }
}

/// The server.
pub struct Backend {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Backend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backend")
            .field("documents", &self.inner.docs.len())
            .finish()
    }
}

impl Backend {
    /// The answer to a message that is not valid JSON-RPC (see `transport`).
    async fn invalid_message(&self, params: Value) -> RpcResult<Value> {
        let mut error = tower_lsp_server::jsonrpc::Error::invalid_request();
        error.data = Some(params);
        Err(error)
    }

    /// A server talking to `client`.
    pub fn new(client: Client) -> Self {
        Backend {
            inner: Arc::new(Inner {
                client,
                docs: Documents::default(),
                session: RwLock::new(Session::default()),
                projects: Mutex::new(ProjectCache::default()),
                builtin: Arc::new(Project::builtin()),
                generation: AtomicU64::new(1),
                publish: tokio::sync::Mutex::new(()),
                lint_slots: tokio::sync::Semaphore::new(1),
                linter: Linter::start(),
                recent: Mutex::new(std::collections::VecDeque::new()),
            }),
        }
    }
}

fn is_config_file(path: &Path) -> bool {
    path.file_name().is_some_and(|n| n == FILE_NAME)
}

fn uri_path(uri: &Uri) -> Option<PathBuf> {
    documents::file_path(uri)
}

fn path_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

impl Inner {
    fn session(&self) -> Session {
        self.session
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    fn encoding(&self) -> PositionEncoding {
        self.session
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .encoding
    }

    fn settings(&self) -> Arc<Settings> {
        self.session
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .settings
            .clone()
    }

    /// Note that `uri` holds an analysis; drop those of the least recently used documents
    /// beyond [`CACHED_ANALYSES`]. Call with no document guard held.
    fn remember(&self, uri: &Uri) {
        let evicted: Vec<Uri> = {
            let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
            recent.retain(|u| u != uri);
            recent.push_back(uri.clone());
            let excess = recent.len().saturating_sub(CACHED_ANALYSES);
            recent.drain(..excess).collect()
        };
        for uri in evicted {
            if let Some(mut doc) = self.docs.get_mut(&uri) {
                doc.analysis = None;
            }
        }
    }

    fn next_generation(&self) -> u64 {
        self.generation.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Log to the client's log (`window/logMessage`); warnings and errors go to stderr too,
    /// for when the client's log is out of sight. Routine messages stay off stderr, which
    /// Neovim shows as an error as soon as anything arrives on it.
    async fn log(&self, typ: MessageType, message: impl std::fmt::Display) {
        if typ == MessageType::ERROR || typ == MessageType::WARNING {
            eprintln!("outreach-lint: {message}");
        }
        self.client.log_message(typ, message.to_string()).await;
    }

    /// Ask the client to request inlay hints again (the score depends on settings and the
    /// project config), when it says it can. Spawned: the client answers a request, and
    /// the handler that changed the settings need not wait for that.
    fn refresh_hints(self: &Arc<Self>) {
        if !self.session().hint_refresh {
            return;
        }
        let inner = self.clone();
        tokio::spawn(async move {
            if let Err(err) = inner.client.inlay_hint_refresh().await {
                inner
                    .log(
                        MessageType::LOG,
                        format!("workspace/inlayHint/refresh failed: {err}"),
                    )
                    .await;
            }
        });
    }

    /// Whether a name is a rule id or category of the built-in rules or a loaded project.
    fn knows_rule(&self, name: &str) -> bool {
        self.builtin
            .rules
            .rules()
            .iter()
            .any(|r| r.spec.id == name || r.spec.category == name)
            || self
                .projects
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .knows(name)
    }

    fn job(&self, uri: &Uri, generation: Option<u64>) -> Option<Job> {
        let doc = self.docs.get(uri)?;
        if generation.is_some_and(|g| g != doc.generation) {
            return None;
        }
        Some(Job {
            rope: doc.rope.clone(),
            version: doc.version,
            generation: doc.generation,
            format: doc.format,
            path: doc.path.clone(),
        })
    }

    /// Lint one job (and convert its findings to diagnostics when asked). Runs on the
    /// blocking pool.
    fn analyse(
        &self,
        job: Job,
        diagnostics: bool,
    ) -> (Analysis, Vec<Diagnostic>, Vec<ConfigEvent>) {
        let session = self.session();
        let dir = job
            .path
            .as_deref()
            .and_then(Path::parent)
            .or_else(|| session.roots.first().map(PathBuf::as_path));
        let (project, config_path, events) = self
            .projects
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .resolve(dir, &self.builtin);
        let mut options = project.options_for(job.path.as_deref());
        session.settings.apply(
            &mut options,
            job.path.as_deref(),
            &session.roots,
            config_path.as_deref().and_then(Path::parent),
        );
        let text = job.rope.to_string();
        let report = lint(&text, job.format, &project.rules, &options);
        let mut findings = report.findings;
        if text.len() > options.max_bytes && findings.is_empty() {
            findings.push(skipped(&text, options.max_bytes));
        }
        let snapshot = Snapshot::new(text);
        let diagnostics = if diagnostics {
            let with_fixes = findings.len() <= FIXES_IN_DATA_UP_TO;
            findings
                .iter()
                .map(|f| snapshot.diagnostic_carrying(f, job.version, session.encoding, with_fixes))
                .collect()
        } else {
            Vec::new()
        };
        let analysis = Analysis {
            version: job.version,
            generation: job.generation,
            snapshot,
            format: job.format,
            path: job.path,
            config_path,
            options,
            rules: project.rules.clone(),
            findings,
            score: report.score,
        };
        (analysis, diagnostics, events)
    }

    /// Lint `uri` as of `generation` after `delay`, and publish unless a newer change came.
    fn schedule(self: &Arc<Self>, uri: Uri, generation: u64, delay: Duration) {
        let inner = self.clone();
        tokio::spawn(async move { inner.lint_and_publish(uri, generation, delay).await });
    }

    async fn lint_and_publish(self: Arc<Self>, uri: Uri, generation: u64, delay: Duration) {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        // Wait for a lint slot, then check again: a newer change may have come meanwhile.
        let Ok(slot) = self.lint_slots.acquire().await else {
            return;
        };
        let Some(job) = self.job(&uri, Some(generation)) else {
            return;
        };
        let Some((analysis, diagnostics, events)) = self.run_analysis(job, true).await else {
            return;
        };
        drop(slot);
        self.report(events).await;
        let _order = self.publish.lock().await;
        let current = match self.docs.get_mut(&uri) {
            Some(mut doc) if doc.generation == generation => {
                doc.analysis = Some(analysis.clone());
                true
            }
            _ => false,
        };
        if current {
            self.remember(&uri);
            self.client
                .publish_diagnostics(uri, diagnostics, Some(analysis.version))
                .await;
        }
    }

    async fn run_analysis(
        self: &Arc<Self>,
        job: Job,
        diagnostics: bool,
    ) -> Option<(Arc<Analysis>, Vec<Diagnostic>, Vec<ConfigEvent>)> {
        let inner = self.clone();
        match self
            .linter
            .run(move || inner.analyse(job, diagnostics))
            .await
        {
            Some((analysis, diagnostics, events)) => {
                Some((Arc::new(analysis), diagnostics, events))
            }
            None => {
                self.log(MessageType::ERROR, "linting failed (see stderr)")
                    .await;
                None
            }
        }
    }

    /// The analysis of the current text of `uri`, linting it now when there is none.
    async fn analysis_for(self: &Arc<Self>, uri: &Uri) -> Option<Arc<Analysis>> {
        let cached = |inner: &Self| -> Option<Result<Arc<Analysis>, Job>> {
            let doc = inner.docs.get(uri)?;
            if let Some(a) = doc
                .analysis
                .as_ref()
                .filter(|a| a.generation == doc.generation)
            {
                return Some(Ok(a.clone()));
            }
            Some(Err(Job {
                rope: doc.rope.clone(),
                version: doc.version,
                generation: doc.generation,
                format: doc.format,
                path: doc.path.clone(),
            }))
        };
        if let Ok(a) = cached(self)? {
            return Some(a);
        }
        let _slot = self.lint_slots.acquire().await.ok()?;
        let job = match cached(self)? {
            Ok(a) => return Some(a),
            Err(job) => job,
        };
        let generation = job.generation;
        let (analysis, _, events) = self.run_analysis(job, false).await?;
        self.report(events).await;
        let stored = match self.docs.get_mut(uri) {
            Some(mut doc) if doc.generation == generation => {
                doc.analysis = Some(analysis.clone());
                true
            }
            _ => false,
        };
        if stored {
            self.remember(uri);
        }
        Some(analysis)
    }

    /// Relint every open document now (configuration changed).
    fn relint_all(self: &Arc<Self>) {
        let mut scheduled = Vec::new();
        for mut doc in self.docs.iter_mut() {
            let generation = self.next_generation();
            doc.generation = generation;
            doc.analysis = None;
            scheduled.push((doc.key().clone(), generation));
        }
        for (uri, generation) in scheduled {
            self.schedule(uri, generation, Duration::ZERO);
        }
    }

    /// Tell the user about config files that stopped or started loading: a message, and a
    /// diagnostic on the file itself.
    async fn report(&self, events: Vec<ConfigEvent>) {
        for event in events {
            match event {
                ConfigEvent::Error {
                    path,
                    message,
                    line,
                    column,
                } => {
                    let text = format!("{message} (keeping the last good configuration)");
                    eprintln!("outreach-lint: {text}");
                    self.client
                        .show_message(MessageType::ERROR, format!("outreach-lint: {text}"))
                        .await;
                    if let Some(uri) = path_uri(&path) {
                        let at = Position {
                            line,
                            character: column,
                        };
                        let diagnostic = Diagnostic {
                            range: LspRange { start: at, end: at },
                            severity: Some(DiagnosticSeverity::ERROR),
                            code: Some(NumberOrString::String("config-error".to_string())),
                            source: Some(convert::SOURCE.to_string()),
                            message,
                            ..Diagnostic::default()
                        };
                        self.client
                            .publish_diagnostics(uri, vec![diagnostic], None)
                            .await;
                    }
                }
                ConfigEvent::Cleared { path } => {
                    self.log(MessageType::INFO, format!("{} loads again", path.display()))
                        .await;
                    if let Some(uri) = path_uri(&path) {
                        self.client.publish_diagnostics(uri, Vec::new(), None).await;
                    }
                }
            }
        }
    }

    /// Take new settings, or keep the last good ones and say why.
    async fn apply_settings(self: &Arc<Self>, value: &Value, origin: &str) {
        match Settings::parse(value, &|name| self.knows_rule(name)) {
            Ok(settings) => {
                self.session
                    .write()
                    .unwrap_or_else(PoisonError::into_inner)
                    .settings = Arc::new(settings);
                self.log(MessageType::INFO, format!("settings updated from {origin}"))
                    .await;
                self.relint_all();
                self.refresh_hints();
            }
            Err(err) => {
                let text = format!(
                    "invalid settings from {origin}: {err} (keeping the last good settings)"
                );
                eprintln!("outreach-lint: {text}");
                self.client
                    .show_message(MessageType::ERROR, format!("outreach-lint: {text}"))
                    .await;
            }
        }
    }

    /// Ask the client for the `outreachLint` section.
    async fn pull_settings(self: Arc<Self>) {
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some(config::SECTION.to_string()),
        };
        match self.client.configuration(vec![item]).await {
            Ok(values) => {
                let value = values.into_iter().next().unwrap_or(Value::Null);
                self.apply_settings(&value, "workspace/configuration").await;
            }
            Err(err) => {
                self.log(
                    MessageType::WARNING,
                    format!("workspace/configuration failed: {err}"),
                )
                .await;
            }
        }
    }
}

/// The one diagnostic for a draft over the size cap when the rule pack has no
/// `file-too-large` rule of its own.
fn skipped(text: &str, max_bytes: usize) -> Finding {
    let end = crate::text::floor_char_boundary(
        text,
        text.find(['\n', '\r']).unwrap_or(text.len()).min(200),
    );
    Finding {
        rule: crate::rules::document::ids::FILE_TOO_LARGE.to_string(),
        category: "document".to_string(),
        severity: Severity::Warning,
        message: format!(
            "Draft too large to check ({} bytes; the limit is {max_bytes} bytes, so it was skipped). Raise `maxFileBytes` or `max-file-bytes` to check it.",
            text.len()
        ),
        range: 0..end,
        fixes: Vec::new(),
        pattern: None,
        detail: None,
    }
}

fn roots_of(params: &InitializeParams) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| uri_path(&f.uri))
        .collect();
    if roots.is_empty() {
        #[allow(deprecated)]
        if let Some(path) = params.root_uri.as_ref().and_then(uri_path) {
            roots.push(path);
        }
    }
    roots
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> RpcResult<InitializeResult> {
        let caps = &params.capabilities;
        let encoding = convert::negotiate(
            caps.general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        let workspace = caps.workspace.as_ref();
        let edit = workspace.and_then(|w| w.workspace_edit.as_ref());
        let edit_caps = EditCaps {
            document_changes: edit.and_then(|e| e.document_changes).unwrap_or(false),
            create_files: edit
                .and_then(|e| e.resource_operations.as_ref())
                .is_some_and(|ops| ops.contains(&ResourceOperationKind::Create)),
        };
        let watch_dynamic = workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let config_dynamic = workspace
            .and_then(|w| w.did_change_configuration.as_ref())
            .and_then(|c| c.dynamic_registration)
            .unwrap_or(false);
        let pull_config = workspace.and_then(|w| w.configuration).unwrap_or(false);
        let hint_refresh = workspace
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|h| h.refresh_support)
            .unwrap_or(false);
        let mut startup_messages = Vec::new();
        let settings = match params.initialization_options.as_ref() {
            Some(value) => match Settings::parse(value, &|name| self.inner.knows_rule(name)) {
                Ok(s) => s,
                Err(err) => {
                    startup_messages.push(format!(
                        "invalid initializationOptions: {err} (using the defaults)"
                    ));
                    Settings::default()
                }
            },
            None => Settings::default(),
        };
        *self
            .inner
            .session
            .write()
            .unwrap_or_else(PoisonError::into_inner) = Session {
            encoding,
            caps: edit_caps,
            watch_dynamic,
            config_dynamic,
            pull_config,
            hint_refresh,
            roots: roots_of(&params),
            settings: Arc::new(settings),
            startup_messages,
        };
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(convert::encoding_kind(encoding)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        will_save: None,
                        will_save_wait_until: None,
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new(actions::FIX_ALL),
                        ]),
                        work_done_progress_options: WorkDoneProgressOptions::default(),
                        resolve_provider: Some(false),
                    },
                )),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "outreach-lint".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let session = self.inner.session();
        for message in &session.startup_messages {
            eprintln!("outreach-lint: {message}");
            self.inner
                .client
                .show_message(MessageType::ERROR, format!("outreach-lint: {message}"))
                .await;
        }
        self.inner
            .log(
                MessageType::INFO,
                format!(
                    "outreach-lint {} ready (position encoding {})",
                    env!("CARGO_PKG_VERSION"),
                    convert::encoding_kind(session.encoding).as_str()
                ),
            )
            .await;
        let mut registrations = Vec::new();
        if session.watch_dynamic {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!("**/{FILE_NAME}")),
                    kind: None,
                }],
            };
            registrations.push(Registration {
                id: "outreach-lint-config-watcher".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            });
        }
        if session.config_dynamic {
            // Clients like VS Code only report settings changes to servers that register
            // for them; without a section they send `null` and we pull the section.
            registrations.push(Registration {
                id: "outreach-lint-configuration".to_string(),
                method: "workspace/didChangeConfiguration".to_string(),
                register_options: None,
            });
        }
        if !registrations.is_empty() {
            let inner = self.inner.clone();
            tokio::spawn(async move {
                if let Err(err) = inner.client.register_capability(registrations).await {
                    inner
                        .log(
                            MessageType::WARNING,
                            format!("dynamic registration failed: {err}"),
                        )
                        .await;
                }
            });
        }
    }

    async fn shutdown(&self) -> RpcResult<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let Some(format) = documents::detect_format(&item.language_id, &item.uri) else {
            self.inner
                .log(
                    MessageType::LOG,
                    format!(
                        "not linting {} (language `{}`)",
                        item.uri.as_str(),
                        item.language_id
                    ),
                )
                .await;
            return;
        };
        let generation = self.inner.next_generation();
        let path = uri_path(&item.uri);
        let doc = Document::new(&item.text, item.version, format, path, generation);
        self.inner.docs.insert(item.uri.clone(), doc);
        self.inner.schedule(item.uri, generation, Duration::ZERO);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        // Applied synchronously, before any `.await`: edits keep the client's order.
        let uri = params.text_document.uri;
        let encoding = self.inner.encoding();
        let generation = self.inner.next_generation();
        let applied = match self.inner.docs.get_mut(&uri) {
            Some(mut doc) => {
                doc.apply_changes(
                    &params.content_changes,
                    params.text_document.version,
                    generation,
                    encoding,
                );
                true
            }
            None => false,
        };
        if applied {
            let delay = self.inner.settings().debounce;
            self.inner.schedule(uri, generation, delay);
        } else {
            self.inner
                .log(
                    MessageType::LOG,
                    format!(
                        "didChange for a document that is not open: {}",
                        uri.as_str()
                    ),
                )
                .await;
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Some(path) = uri_path(&params.text_document.uri).filter(|p| is_config_file(p)) {
            self.inner
                .projects
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .invalidate(&path);
            self.inner.relint_all();
            self.inner.refresh_hints();
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        if self.inner.docs.remove(&uri).is_none() {
            return;
        }
        let _order = self.inner.publish.lock().await;
        if !self.inner.docs.contains_key(&uri) {
            self.inner
                .client
                .publish_diagnostics(uri, Vec::new(), None)
                .await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let empty = match &params.settings {
            Value::Null => true,
            Value::Object(map) => map.is_empty(),
            _ => false,
        };
        if empty && self.inner.session().pull_config {
            tokio::spawn(self.inner.clone().pull_settings());
        } else {
            self.inner
                .apply_settings(&params.settings, "workspace/didChangeConfiguration")
                .await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let mut relevant = false;
        for change in &params.changes {
            let Some(path) = uri_path(&change.uri) else {
                continue;
            };
            if !is_config_file(&path) {
                continue;
            }
            relevant = true;
            let had_error = {
                let mut projects = self
                    .inner
                    .projects
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner);
                projects.invalidate(&path);
                if change.typ == FileChangeType::DELETED {
                    projects.by_path.remove(&path);
                    projects.errors.remove(&path).is_some()
                } else {
                    false
                }
            };
            if had_error {
                self.inner
                    .client
                    .publish_diagnostics(change.uri.clone(), Vec::new(), None)
                    .await;
            }
        }
        if relevant {
            self.inner
                .log(MessageType::INFO, format!("{FILE_NAME} changed; relinting"))
                .await;
            self.inner.relint_all();
            self.inner.refresh_hints();
        }
    }

    async fn hover(&self, params: HoverParams) -> RpcResult<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some(analysis) = self.inner.analysis_for(&at.text_document.uri).await else {
            return Ok(None);
        };
        let encoding = self.inner.encoding();
        let position = at.position;
        Ok(
            tokio::task::spawn_blocking(move || hover::hover(&analysis, position, encoding))
                .await
                .unwrap_or(None),
        )
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> RpcResult<Option<Vec<InlayHint>>> {
        if !self.inner.settings().score_hint {
            return Ok(None);
        }
        let Some(analysis) = self.inner.analysis_for(&params.text_document.uri).await else {
            return Ok(None);
        };
        let encoding = self.inner.encoding();
        let hints = hints::score_hints(&analysis, params.range, encoding);
        Ok((!hints.is_empty()).then_some(hints))
    }

    async fn code_action(&self, params: CodeActionParams) -> RpcResult<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        let Some(analysis) = self.inner.analysis_for(&uri).await else {
            return Ok(None);
        };
        let session = self.inner.session();
        let result = tokio::task::spawn_blocking(move || {
            let request = actions::Request {
                uri: &params.text_document.uri,
                range: params.range,
                diagnostics: &params.context.diagnostics,
                only: params.context.only.as_deref(),
                caps: session.caps,
                encoding: session.encoding,
                roots: &session.roots,
            };
            actions::code_actions(&analysis, &request)
        })
        .await;
        match result {
            Ok(actions) => Ok(Some(actions)),
            Err(err) => {
                self.inner
                    .log(MessageType::ERROR, format!("code actions failed: {err}"))
                    .await;
                Ok(None)
            }
        }
    }
}
