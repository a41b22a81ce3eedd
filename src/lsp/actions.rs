//! Code actions: the quick fixes of each finding (from `Diagnostic.data`, recomputed from
//! the current text when the data is missing or from another version), "insert a personal
//! line", "Disable RULE in this file" (a markdown directive, or `[per-file-ignores]` in the
//! project config for plain text), and `source.fixAll.outreach-lint`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CreateFile, CreateFileOptions, Diagnostic,
    DocumentChangeOperation, DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier,
    Range as LspRange, ResourceOp, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::convert::{self, DiagnosticData, FixData, Snapshot};
use super::Analysis;
use crate::config::{Config, Project, FILE_NAME};
use crate::fix;
use crate::lint::{Draft, Edit, Finding};
use crate::prose::Format;
use crate::text::PositionEncoding;

/// The kind of the fix-all action.
pub const FIX_ALL: &str = "source.fixAll.outreach-lint";

/// Categories where a personal context line is the real fix.
const NEEDS_CONTEXT: &[&str] = &[
    "collector",
    "platform_default",
    "generic_opener",
    "generic_closer",
    "vague_flattery",
    "vague_ask",
    "self_centred",
];

/// What the client can apply.
#[derive(Debug, Clone, Copy, Default)]
pub struct EditCaps {
    /// `workspace.workspaceEdit.documentChanges`.
    pub document_changes: bool,
    /// `resourceOperations` includes `create`.
    pub create_files: bool,
}

/// One code action request, resolved against the current analysis.
pub struct Request<'a> {
    /// The document.
    pub uri: &'a Uri,
    /// The range the client asks about.
    pub range: LspRange,
    /// The diagnostics the client sends back.
    pub diagnostics: &'a [Diagnostic],
    /// `context.only`.
    pub only: Option<&'a [CodeActionKind]>,
    /// The client's edit support.
    pub caps: EditCaps,
    /// Negotiated encoding.
    pub encoding: PositionEncoding,
    /// Workspace folders, for a new config file.
    pub roots: &'a [PathBuf],
}

fn wanted(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|list| {
        list.iter().any(|k| {
            let k = k.as_str();
            k.is_empty()
                || kind == k
                || kind
                    .strip_prefix(k)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

struct Target {
    diagnostic: Diagnostic,
    rule: String,
    category: String,
    fixes: Vec<FixData>,
}

/// Every action for the request.
pub fn code_actions(analysis: &Analysis, req: &Request<'_>) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    if wanted(req.only, CodeActionKind::QUICKFIX.as_str()) {
        let mut quick = Vec::new();
        quick_fixes(analysis, req, &mut quick);
        out.extend(dedupe(quick));
    }
    if wanted(req.only, FIX_ALL) {
        if let Some(action) = fix_all(analysis, req) {
            out.push(CodeActionOrCommand::CodeAction(action));
        }
    }
    out
}

fn targets(analysis: &Analysis, req: &Request<'_>) -> Vec<Target> {
    let snap = &analysis.snapshot;
    let enc = req.encoding;
    let mut targets = Vec::new();
    for diagnostic in req.diagnostics {
        let Some(rule) = convert::diagnostic_rule(diagnostic) else {
            continue;
        };
        let data = DiagnosticData::from_diagnostic(diagnostic);
        if let Some(data) = data.filter(|d| d.version == analysis.version && d.rule == rule) {
            if let Some(fixes) = data.fixes {
                targets.push(Target {
                    diagnostic: diagnostic.clone(),
                    rule: data.rule,
                    category: data.category,
                    fixes,
                });
                continue;
            }
        }
        // No usable data, or data without its fixes: find the finding again in the current
        // text.
        let wanted_range = snap.byte_range(diagnostic.range, enc);
        let finding = analysis
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .find(|f| snap.diagnostic_range(f.range.clone(), enc) == diagnostic.range)
            .or_else(|| {
                analysis
                    .findings
                    .iter()
                    .filter(|f| f.rule == rule)
                    .find(|f| {
                        f.range.start <= wanted_range.end && wanted_range.start <= f.range.end
                    })
            });
        if let Some(f) = finding {
            targets.push(target_of(snap, f, analysis.version, enc));
        }
    }
    if req.diagnostics.is_empty() {
        // Clients that send no diagnostics: the findings under the range.
        let range = snap.byte_range(req.range, enc);
        for f in &analysis.findings {
            if f.range.start <= range.end && range.start <= f.range.end {
                targets.push(target_of(snap, f, analysis.version, enc));
            }
        }
    }
    targets
}

fn target_of(snap: &Snapshot, f: &Finding, version: i32, enc: PositionEncoding) -> Target {
    Target {
        diagnostic: snap.diagnostic(f, version, enc),
        rule: f.rule.clone(),
        category: f.category.clone(),
        fixes: f.fixes.iter().map(|x| snap.fix(x, enc)).collect(),
    }
}

fn quick_fixes(analysis: &Analysis, req: &Request<'_>, out: &mut Vec<CodeActionOrCommand>) {
    let targets = targets(analysis, req);
    if targets.is_empty() {
        return;
    }
    let mut titles: HashSet<String> = HashSet::new();
    for target in &targets {
        let mut preferred_given = false;
        for fix in &target.fixes {
            titles.insert(fix.title.clone());
            let preferred = fix.preferred && !preferred_given;
            preferred_given |= preferred;
            out.push(action(
                fix.title.clone(),
                CodeActionKind::QUICKFIX,
                vec![target.diagnostic.clone()],
                document_edit(req, analysis.version, fix.edits.clone()),
                preferred,
            ));
        }
    }
    let draft = Draft::new(&analysis.snapshot.text, analysis.format, &analysis.options);
    let generic: Vec<Diagnostic> = targets
        .iter()
        .filter(|t| NEEDS_CONTEXT.contains(&t.category.as_str()))
        .map(|t| t.diagnostic.clone())
        .collect();
    if !generic.is_empty() {
        for f in fix::context_line_fixes(&draft) {
            if !titles.insert(f.title.clone()) {
                continue;
            }
            let edits = f
                .edits
                .iter()
                .map(|e| analysis.snapshot.text_edit(e, req.encoding))
                .collect();
            out.push(action(
                f.title,
                CodeActionKind::QUICKFIX,
                generic.clone(),
                document_edit(req, analysis.version, edits),
                false,
            ));
        }
    }
    let mut seen = HashSet::new();
    for target in &targets {
        if !seen.insert(target.rule.clone()) {
            continue;
        }
        let rule_diagnostics: Vec<Diagnostic> = targets
            .iter()
            .filter(|t| t.rule == target.rule)
            .map(|t| t.diagnostic.clone())
            .collect();
        let edit = match analysis.format {
            Format::Markdown => Some(disable_directive_edit(&draft, &target.rule))
                .map(|e| vec![analysis.snapshot.text_edit(&e, req.encoding)])
                .map(|edits| document_edit(req, analysis.version, edits)),
            Format::PlainText => analysis.path.as_deref().and_then(|p| {
                per_file_ignore_edit(p, analysis.config_path.as_deref(), &target.rule, req)
            }),
        };
        if let Some(edit) = edit {
            out.push(action(
                format!("Disable {} in this file", target.rule),
                CodeActionKind::QUICKFIX,
                rule_diagnostics,
                edit,
                false,
            ));
        }
    }
}

/// One action per distinct title and edit. Findings on the same line can carry the same fix
/// (`missing-context` and `unused-context` both offer the context lines after the greeting),
/// and a menu listing it twice reads as two different things. The first place is kept; it
/// is preferred when any of its copies was, and it names the diagnostics of all of them.
fn dedupe(actions: Vec<CodeActionOrCommand>) -> Vec<CodeActionOrCommand> {
    let mut out: Vec<CodeActionOrCommand> = Vec::with_capacity(actions.len());
    for item in actions {
        let CodeActionOrCommand::CodeAction(action) = item else {
            out.push(item);
            continue;
        };
        let twin = out.iter_mut().find_map(|kept| match kept {
            CodeActionOrCommand::CodeAction(k)
                if k.title == action.title && k.kind == action.kind && k.edit == action.edit =>
            {
                Some(k)
            }
            _ => None,
        });
        let Some(kept) = twin else {
            out.push(CodeActionOrCommand::CodeAction(action));
            continue;
        };
        if action.is_preferred == Some(true) {
            kept.is_preferred = Some(true);
        }
        for diagnostic in action.diagnostics.into_iter().flatten() {
            let list = kept.diagnostics.get_or_insert_with(Vec::new);
            if !list.contains(&diagnostic) {
                list.push(diagnostic);
            }
        }
    }
    out
}

fn fix_all(analysis: &Analysis, req: &Request<'_>) -> Option<CodeAction> {
    let edits = fix::safe_fix_edits(&analysis.snapshot.text, &analysis.findings);
    if edits.is_empty() {
        return None;
    }
    let mut edits: Vec<TextEdit> = edits
        .iter()
        .map(|e| analysis.snapshot.text_edit(e, req.encoding))
        .collect();
    edits.sort_by_key(|e| (e.range.start.line, e.range.start.character));
    Some(CodeAction {
        title: "Fix all safe outreach-lint problems".to_string(),
        kind: Some(CodeActionKind::new(FIX_ALL)),
        edit: Some(document_edit(req, analysis.version, edits)),
        ..CodeAction::default()
    })
}

fn action(
    title: String,
    kind: CodeActionKind,
    diagnostics: Vec<Diagnostic>,
    edit: WorkspaceEdit,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: Some(diagnostics),
        edit: Some(edit),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

/// Edits to the document at `version`: `documentChanges` with the version when the client
/// supports it, else `changes`.
fn document_edit(req: &Request<'_>, version: i32, edits: Vec<TextEdit>) -> WorkspaceEdit {
    edits_for(req.uri, Some(version), edits, req.caps)
}

fn edits_for(
    uri: &Uri,
    version: Option<i32>,
    edits: Vec<TextEdit>,
    caps: EditCaps,
) -> WorkspaceEdit {
    if caps.document_changes {
        WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri.clone(),
                    version,
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }])),
            ..WorkspaceEdit::default()
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }
    }
}

fn newline_of(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The markdown directive that disables `rule` for the file, at the top of the body (after
/// any front matter).
pub fn disable_directive_edit(draft: &Draft<'_>, rule: &str) -> Edit {
    let text = draft.text;
    let nl = newline_of(text);
    let at = draft.prose.body_start.min(text.len());
    let mut replacement = String::new();
    if at == text.len() && !text.is_empty() && !text.ends_with(['\n', '\r']) {
        replacement.push_str(nl);
    }
    replacement.push_str(&format!("<!-- outreach-lint-disable-file {rule} -->{nl}"));
    Edit {
        start: at,
        end: at,
        replacement,
    }
}

/// Escape glob metacharacters in a literal path.
fn glob_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '*' | '?' | '[' | ']' | '{' | '}' | '\\' => {
                out.push('[');
                out.push(c);
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    out
}

fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_per_file_header(line: &str) -> bool {
    let t = line.trim();
    [
        "[per-file-ignores]",
        "[per_file_ignores]",
        "[\"per-file-ignores\"]",
    ]
    .iter()
    .any(|h| {
        t.strip_prefix(h)
            .is_some_and(|rest| rest.trim().is_empty() || rest.trim_start().starts_with('#'))
    })
}

/// The edit to a config text that adds `rule` to the `[per-file-ignores]` entry `key`.
pub fn add_per_file_ignore(existing: &str, key: &str, rule: &str) -> Edit {
    let nl = newline_of(existing);
    let entry = |rules: &[String]| {
        let list: Vec<String> = rules.iter().map(|r| toml_string(r)).collect();
        format!("{} = [{}]", toml_string(key), list.join(", "))
    };
    let mut offset = 0;
    let mut in_section = false;
    let mut header_end = None;
    for line in existing.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let start = offset;
        offset += line.len();
        if content.trim_start().starts_with('[') {
            in_section = is_per_file_header(content);
            if in_section {
                header_end = Some((offset, line.ends_with('\n')));
            }
            continue;
        }
        if !in_section {
            continue;
        }
        if let Ok(table) = toml::from_str::<toml::Table>(content) {
            if let (1, Some(toml::Value::Array(items))) = (table.len(), table.get(key)) {
                let mut rules: Vec<String> = items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect();
                if !rules.iter().any(|r| r == rule) {
                    rules.push(rule.to_string());
                }
                return Edit {
                    start,
                    end: start + content.len(),
                    replacement: entry(&rules),
                };
            }
        }
    }
    let line = entry(&[rule.to_string()]);
    match header_end {
        Some((at, true)) => Edit {
            start: at,
            end: at,
            replacement: format!("{line}{nl}"),
        },
        Some((at, false)) => Edit {
            start: at,
            end: at,
            replacement: format!("{nl}{line}{nl}"),
        },
        None => {
            let mut replacement = String::new();
            if !existing.is_empty() {
                if !existing.ends_with('\n') {
                    replacement.push_str(nl);
                }
                replacement.push_str(nl);
            }
            replacement.push_str(&format!("[per-file-ignores]{nl}{line}{nl}"));
            Edit {
                start: existing.len(),
                end: existing.len(),
                replacement,
            }
        }
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A workspace edit that ignores `rule` for the plain-text draft at `doc` in the project's
/// config file, creating the file when there is none and the client can create files. The
/// result is checked: the new config must load and must ignore the rule for this file.
fn per_file_ignore_edit(
    doc: &Path,
    config: Option<&Path>,
    rule: &str,
    req: &Request<'_>,
) -> Option<WorkspaceEdit> {
    let doc = canonical(doc);
    let config: PathBuf = match config {
        Some(c) => canonical(c),
        None => req
            .roots
            .iter()
            .map(|r| canonical(r))
            .filter(|r| doc.starts_with(r))
            .max_by_key(|r| r.as_os_str().len())
            .or_else(|| doc.parent().map(Path::to_path_buf))?
            .join(FILE_NAME),
    };
    let dir = config.parent()?;
    let rel = doc.strip_prefix(dir).ok()?;
    let key = glob_escape(&rel.to_string_lossy().replace('\\', "/"));
    let existing = match std::fs::read_to_string(&config) {
        Ok(text) => Some(text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(_) => return None,
    };
    let current = existing.as_deref().unwrap_or("");
    let edit = add_per_file_ignore(current, &key, rule);
    let (new_text, _) = fix::apply_edits(current, std::slice::from_ref(&edit));
    let project = Config::parse(&new_text, &config)
        .ok()
        .and_then(|c| Project::from_config(c, &config).ok())?;
    if !project.options_for(Some(&doc)).ignore.contains(rule) {
        return None;
    }
    let uri = Uri::from_file_path(&config)
        .or_else(|| format!("file://{}", config.to_string_lossy()).parse().ok())?;
    let snapshot = Snapshot::new(current.to_string());
    let text_edit = snapshot.text_edit(&edit, req.encoding);
    match existing {
        Some(_) => Some(edits_for(&uri, None, vec![text_edit], req.caps)),
        None if req.caps.document_changes && req.caps.create_files => Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Operations(vec![
                DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
                    uri: uri.clone(),
                    options: Some(CreateFileOptions {
                        overwrite: Some(false),
                        ignore_if_exists: Some(true),
                    }),
                    annotation_id: None,
                })),
                DocumentChangeOperation::Edit(TextDocumentEdit {
                    text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
                    edits: vec![OneOf::Left(text_edit)],
                }),
            ])),
            ..WorkspaceEdit::default()
        }),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_file_ignores_are_added_merged_and_created() {
        let e = add_per_file_ignore("", "a.txt", "x");
        assert_eq!(e.replacement, "[per-file-ignores]\n\"a.txt\" = [\"x\"]\n");
        let text = "[rules]\nfoo = \"off\"\n\n[per-file-ignores]\n\"a.txt\" = [\"y\"]\n";
        let e = add_per_file_ignore(text, "a.txt", "x");
        let (out, _) = fix::apply_edits(text, &[e]);
        assert!(out.ends_with("\"a.txt\" = [\"y\", \"x\"]\n"), "{out}");
        let e = add_per_file_ignore(text, "b.txt", "x");
        let (out, _) = fix::apply_edits(text, &[e]);
        assert!(
            out.contains("[per-file-ignores]\n\"b.txt\" = [\"x\"]\n\"a.txt\""),
            "{out}"
        );
        let e = add_per_file_ignore("limits = {}", "b[1].txt", "x");
        let (out, _) = fix::apply_edits("limits = {}", &[e]);
        assert_eq!(
            out,
            "limits = {}\n\n[per-file-ignores]\n\"b[1].txt\" = [\"x\"]\n"
        );
    }

    #[test]
    fn escaped_paths_match_only_themselves() {
        let name = "drafts/b[1]*{x}?.txt";
        let glob = globset::Glob::new(&glob_escape(name))
            .unwrap()
            .compile_matcher();
        assert!(glob.is_match(name));
        assert!(!glob.is_match("drafts/b1zx.txt"));
    }

    #[test]
    fn only_filters_by_prefix() {
        let only = [CodeActionKind::SOURCE_FIX_ALL];
        assert!(wanted(Some(&only), FIX_ALL));
        assert!(!wanted(Some(&only), "quickfix"));
        assert!(wanted(None, "quickfix"));
        let only = [CodeActionKind::SOURCE];
        assert!(wanted(Some(&only), FIX_ALL));
        let only = [CodeActionKind::new("source.fixAll.other")];
        assert!(!wanted(Some(&only), FIX_ALL));
    }
}
