//! `outreach-lint check`: gather the inputs (files, folders walked with .gitignore rules,
//! standard input), resolve each file's config, lint them in parallel, and hand the sorted
//! results to a reporter. Unreadable, binary and non-UTF-8 files become error entries.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use rayon::prelude::*;

use super::{report, CheckArgs, EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE};
use crate::config::{self, Project};
use crate::lint::{lint, Finding, LintOptions};
use crate::prose::Format;

/// One input to check.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file on disk; `named` when given on the command line.
    File {
        /// Its path as found.
        path: PathBuf,
    },
    /// Standard input, with an optional name.
    Stdin {
        /// The name given with --stdin-filename.
        name: Option<PathBuf>,
    },
}

/// The outcome for one input.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// Path as shown in reports.
    pub path: String,
    /// The text as read (empty on error).
    pub text: String,
    /// Why the file could not be checked.
    pub error: Option<String>,
    /// Findings.
    pub findings: Vec<Finding>,
    /// What `--fix` did (None without --fix).
    pub fix: Option<super::fix::FixOutcome>,
    /// Campaign facts, until the campaign checks take them (None when not taking part).
    pub campaign: Option<super::campaign::Facts>,
    /// The personalisation score (drafts; None for templates and unreadable files).
    pub score: Option<crate::personal::score::Score>,
    /// With `--recipients`: the template summary, or the recipient row this result is for.
    pub recipient: Option<crate::personal::recipients::Entry>,
}

impl FileResult {
    /// A checked file and its findings, nothing else (for reporters, benches and tests).
    pub fn checked(path: String, text: String, findings: Vec<Finding>) -> FileResult {
        FileResult {
            path,
            text,
            error: None,
            findings,
            fix: None,
            campaign: None,
            score: None,
            recipient: None,
        }
    }
}

/// Run `check`; returns the exit code.
pub fn run(args: &CheckArgs) -> anyhow::Result<i32> {
    // Detached: the process may end before it finishes, and linting does not wait for it.
    std::thread::spawn(crate::lint::warm_up);
    let explicit = match &args.config {
        Some(path) => match Project::load(path) {
            Ok(p) => Some(Arc::new(p)),
            Err(err) => {
                eprintln!("outreach-lint: {err}");
                return Ok(EXIT_USAGE);
            }
        },
        None => None,
    };
    let mut resolver = Resolver::new(explicit, args.no_config);
    let inputs = match gather(args, &mut resolver) {
        Ok(inputs) => inputs,
        Err(message) => {
            eprintln!("outreach-lint: {message}");
            return Ok(EXIT_USAGE);
        }
    };
    // Resolve every config up front (cheap, sequential), so the parallel phase only lints.
    let mut jobs = Vec::with_capacity(inputs.len());
    for input in inputs {
        let project = match resolver.for_input(&input) {
            Ok(p) => p,
            Err(err) => {
                eprintln!("outreach-lint: {err}");
                return Ok(EXIT_USAGE);
            }
        };
        jobs.push((input, project));
    }
    let stdin_text = read_stdin_if_needed(&jobs)?;
    if let Some(csv) = &args.recipients {
        return super::recipients::run(args, &jobs, stdin_text.as_deref(), csv);
    }
    if report::can_stream(args) && !campaign_possible(&jobs, args) {
        return run_streamed(&jobs, args, stdin_text.as_deref());
    }
    let progress = report::progress(jobs.len(), args);
    let mut results: Vec<FileResult> = jobs
        .par_iter()
        .map(|(input, project)| {
            let result = check_one(input, project, args, stdin_text.as_deref());
            progress.inc(1);
            result
        })
        .collect();
    progress.finish_and_clear();
    results.sort_by(|a, b| a.path.cmp(&b.path));
    let campaign = super::campaign::apply(&mut results);
    let extras = report::Extras {
        rule_sets: report::rule_sets(jobs.iter().map(|(_, p)| &p.rules)),
        campaign,
    };
    for r in &results {
        if let Some(err) = &r.error {
            eprintln!("outreach-lint: {}: {err}", r.path);
        }
    }
    report::write(&results, args, &extras)?;
    let threshold = args.fail_level.severity();
    let failing = results
        .iter()
        .flat_map(|r| &r.findings)
        .any(|f| f.severity >= threshold);
    Ok(if failing { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// Files per batch of a streamed run: enough to keep both cores busy, few enough that the
/// results held at once stay small.
const STREAM_BATCH: usize = 512;

/// Whether any file takes part in campaign checks, which need every result before the
/// report starts.
fn campaign_possible(jobs: &[(Input, Arc<Project>)], args: &CheckArgs) -> bool {
    args.campaign
        || jobs.iter().any(|(input, project)| match input {
            Input::File { path } => project.campaign_for(Some(path)),
            Input::Stdin { name } => project.campaign_for(name.as_deref()),
        })
}

/// Lint and report batch by batch, in the report's (path) order.
fn run_streamed(
    jobs: &[(Input, Arc<Project>)],
    args: &CheckArgs,
    stdin_text: Option<&[u8]>,
) -> anyhow::Result<i32> {
    let mut order: Vec<(String, usize)> = jobs
        .iter()
        .enumerate()
        .map(|(i, (input, _))| (display_path(input), i))
        .collect();
    order.sort();
    let extras = report::Extras {
        rule_sets: report::rule_sets(jobs.iter().map(|(_, p)| &p.rules)),
        campaign: None,
    };
    let progress = report::progress(jobs.len(), args);
    let mut stream = report::Stream::open(args, &extras)?;
    // One thread lints batch after batch on the worker pool while this one writes the
    // batch before: the workers never wait for the output.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<FileResult>>(1);
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (order, counter) = (&order, progress.clone());
        scope.spawn(move || {
            for batch in order.chunks(STREAM_BATCH) {
                let results: Vec<FileResult> = batch
                    .par_iter()
                    .map(|(_, i)| {
                        let (input, project) = &jobs[*i];
                        let result = check_one(input, project, args, stdin_text);
                        counter.inc(1);
                        result
                    })
                    .collect();
                // The writer has stopped (an output error): no need to lint the rest.
                if sender.send(results).is_err() {
                    break;
                }
            }
        });
        for results in receiver {
            stream.batch(&results)?;
        }
        Ok(())
    })?;
    progress.finish_and_clear();
    let failing = stream.finish()?;
    Ok(if failing { EXIT_FINDINGS } else { EXIT_CLEAN })
}

fn read_stdin_if_needed(jobs: &[(Input, Arc<Project>)]) -> anyhow::Result<Option<Vec<u8>>> {
    if !jobs.iter().any(|(i, _)| matches!(i, Input::Stdin { .. })) {
        return Ok(None);
    }
    let mut buf = Vec::new();
    std::io::stdin()
        .read_to_end(&mut buf)
        .context("reading standard input")?;
    Ok(Some(buf))
}

/// Finds and caches the config for each folder.
struct Resolver {
    explicit: Option<Arc<Project>>,
    disabled: bool,
    by_dir: HashMap<PathBuf, Arc<Project>>,
    by_file: HashMap<PathBuf, Arc<Project>>,
    builtin: Arc<Project>,
}

impl Resolver {
    fn new(explicit: Option<Arc<Project>>, disabled: bool) -> Self {
        Resolver {
            explicit,
            disabled,
            by_dir: HashMap::new(),
            by_file: HashMap::new(),
            builtin: Arc::new(Project::builtin()),
        }
    }

    fn for_dir(&mut self, dir: &Path) -> Result<Arc<Project>, config::ConfigError> {
        if let Some(p) = &self.explicit {
            return Ok(p.clone());
        }
        if self.disabled {
            return Ok(self.builtin.clone());
        }
        if let Some(p) = self.by_dir.get(dir) {
            return Ok(p.clone());
        }
        let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let project = match config::discover(&abs) {
            Some(file) => match self.by_file.get(&file) {
                Some(p) => p.clone(),
                None => {
                    let p = Arc::new(Project::load(&file)?);
                    self.by_file.insert(file, p.clone());
                    p
                }
            },
            None => self.builtin.clone(),
        };
        self.by_dir.insert(dir.to_path_buf(), project.clone());
        Ok(project)
    }

    fn for_input(&mut self, input: &Input) -> Result<Arc<Project>, config::ConfigError> {
        let path = match input {
            Input::File { path } => Some(path.clone()),
            Input::Stdin { name } => name.clone(),
        };
        let dir = path
            .as_deref()
            .and_then(Path::parent)
            .map(|p| {
                if p.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    p
                }
            })
            .unwrap_or(Path::new("."))
            .to_path_buf();
        self.for_dir(&dir)
    }
}

/// Expand the command-line paths into inputs, in a stable order.
fn gather(args: &CheckArgs, resolver: &mut Resolver) -> Result<Vec<Input>, String> {
    let mut inputs = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin {
                name: args.stdin_filename.clone(),
            });
            continue;
        }
        let meta = std::fs::metadata(path)
            .map_err(|err| format!("{}: {}", path.display(), reason(&err)))?;
        if meta.is_file() {
            inputs.push(Input::File { path: path.clone() });
            continue;
        }
        let walker = ignore::WalkBuilder::new(path)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    eprintln!("outreach-lint: {err}");
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let file = entry.into_path();
            let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
            let project = resolver.for_dir(&dir).map_err(|e| e.to_string())?;
            if project.wants_extension(&file) && !project.is_excluded(&file) {
                inputs.push(Input::File { path: file });
            }
        }
    }
    Ok(inputs)
}

fn reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

/// Decode file bytes: binary (a NUL byte) and invalid UTF-8 are errors that say where.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes); not checked".to_string());
    }
    String::from_utf8(bytes).map_err(|err| {
        format!(
            "not valid UTF-8 (first bad byte at offset {}); not checked",
            err.utf8_error().valid_up_to()
        )
    })
}

/// How an input is named in reports.
fn display_path(input: &Input) -> String {
    match input {
        Input::File { path } => path.display().to_string(),
        Input::Stdin { name } => name
            .as_ref()
            .map_or_else(|| "<stdin>".to_string(), |n| n.display().to_string()),
    }
}

/// A draft read and decoded, with its display name, path and format.
pub(super) struct Loaded<'a> {
    /// Path as shown in reports.
    pub display: String,
    /// The path, when the input has one.
    pub path: Option<&'a Path>,
    /// The decoded text.
    pub text: String,
    /// Markdown or plain text.
    pub format: Format,
}

/// Read and decode one input; an unreadable, binary or non-UTF-8 input becomes the error
/// entry to report instead.
pub(super) fn load<'a>(
    input: &'a Input,
    args: &CheckArgs,
    stdin: Option<&[u8]>,
) -> Result<Loaded<'a>, Box<FileResult>> {
    let display = display_path(input);
    let (path, bytes) = match input {
        Input::File { path } => (
            Some(path.as_path()),
            std::fs::read(path).map_err(|e| reason(&e)),
        ),
        Input::Stdin { name } => (name.as_deref(), Ok(stdin.unwrap_or_default().to_vec())),
    };
    match bytes.and_then(decode) {
        Ok(text) => Ok(Loaded {
            format: args
                .input_format
                .or_else(|| path.and_then(Format::from_path))
                .unwrap_or(Format::PlainText),
            display,
            path,
            text,
        }),
        Err(error) => Err(Box::new(FileResult {
            path: display,
            text: String::new(),
            error: Some(error),
            findings: Vec::new(),
            fix: None,
            campaign: None,
            score: None,
            recipient: None,
        })),
    }
}

fn check_one(
    input: &Input,
    project: &Project,
    args: &CheckArgs,
    stdin: Option<&[u8]>,
) -> FileResult {
    let Loaded {
        display,
        path,
        text,
        format,
    } = match load(input, args, stdin) {
        Ok(loaded) => loaded,
        Err(failed) => return *failed,
    };
    let options = options_for(project, path, args);
    let report = lint(&text, format, &project.rules, &options);
    let mut score = report.score.clone();
    let (text, findings, fix) = if args.fix {
        let file = match input {
            Input::File { path } => Some(path.as_path()),
            Input::Stdin { .. } => None,
        };
        let relint = |t: &str| lint(t, format, &project.rules, &options).findings;
        let (text, findings, outcome) =
            super::fix::fix_one(file, &display, text, report.findings, args.dry_run, relint);
        (text, findings, Some(outcome))
    } else {
        (text, report.findings, None)
    };
    let campaign =
        super::campaign::facts_for(&text, format, project, path, &options, args.campaign);
    if fix
        .as_ref()
        .is_some_and(|f| f.applied > 0 && f.diff.is_none())
    {
        score = lint(&text, format, &project.rules, &options).score;
    }
    FileResult {
        path: display,
        text,
        error: None,
        findings,
        fix,
        campaign,
        score,
        recipient: None,
    }
}

pub(super) fn options_for(project: &Project, path: Option<&Path>, args: &CheckArgs) -> LintOptions {
    let mut options = project.options_for(path);
    if !args.only.is_empty() {
        options.only = Some(args.only.iter().map(|s| s.trim().to_string()).collect());
    }
    options
        .ignore
        .extend(args.ignore.iter().map(|s| s.trim().to_string()));
    options
}
