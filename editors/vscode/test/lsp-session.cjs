// A minimal stand-in for what VS Code + vscode-languageclient do on the wire: starts
// `outreach-lint lsp` over stdio, speaks JSON-RPC through vscode-languageserver-protocol,
// offers VS Code's client capabilities (UTF-16 positions only), keeps document text and
// versions, and applies WorkspaceEdits the way the editor would.

'use strict';

const path = require('path');
const { spawn } = require('child_process');
const { pathToFileURL } = require('url');
const {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  InitializeRequest, InitializedNotification, ShutdownRequest, ExitNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  DidChangeConfigurationNotification, PublishDiagnosticsNotification, DocumentDiagnosticRequest,
  HoverRequest, CodeActionRequest, CodeActionResolveRequest, ConfigurationRequest, RegistrationRequest,
  UnregistrationRequest, WorkDoneProgressCreateRequest, ShowMessageRequest, ApplyWorkspaceEditRequest,
  TextDocumentSyncKind, LogMessageNotification, ShowMessageNotification,
} = require('vscode-languageserver-protocol/node');

const { vscodeClientCapabilities, VSCODE_VERSION } = require('./helpers.cjs');

/** Start offsets of each line; LSP lines end at \n, \r\n or \r. */
function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      starts.push(i + 1);
    } else if (c === '\n') {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** A UTF-16 LSP position to an offset in a JS string (which is UTF-16 too). */
function offsetAt(text, position) {
  const starts = lineStarts(text);
  if (position.line >= starts.length) return text.length;
  const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  return Math.min(starts[position.line] + position.character, lineEnd);
}

/** An offset to a UTF-16 LSP position. */
function positionAt(text, offset) {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

function editText(edit) {
  if (typeof edit.newText === 'string') return edit.newText;
  if (edit.snippet && typeof edit.snippet.value === 'string') {
    // A snippet edit: keep the literal text, drop tab stops.
    return edit.snippet.value.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
  }
  throw new Error(`not a text edit: ${JSON.stringify(edit)}`);
}

/** Applies TextEdits (all against the same original text), as the editor does. */
function applyTextEdits(text, edits) {
  const resolved = edits
    .map((e, i) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), text: editText(e), i }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.i - b.i);
  for (let k = 1; k < resolved.length; k++) {
    if (resolved[k].start < resolved[k - 1].end) throw new Error(`overlapping edits: ${JSON.stringify(edits)}`);
  }
  let out = text;
  for (const e of resolved.reverse()) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function fileUri(file) {
  return pathToFileURL(file).href;
}

class LspSession {
  constructor(bin, { cwd, initializationOptions, settings, timeoutMs = 15000 } = {}) {
    this.bin = bin;
    this.cwd = cwd;
    this.initializationOptions = initializationOptions;
    this.settings = settings ?? {};
    this.timeoutMs = timeoutMs;
    this.docs = new Map(); // uri -> { text, version, languageId }
    this.published = new Map(); // uri -> { version, diagnostics }
    this.waiters = [];
    this.stderr = '';
    this.log = [];
    this.shown = []; // window/showMessage notifications
    this.configurationRequests = [];
  }

  async start(workspaceFolder) {
    this.proc = spawn(this.bin, ['lsp'], { cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (d) => { this.stderr += d.toString(); });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(p.uri, { version: p.version, diagnostics: p.diagnostics });
      this.wake();
    });
    this.conn.onNotification(LogMessageNotification.type, (p) => { this.log.push(p.message); this.wake(); });
    this.conn.onNotification(ShowMessageNotification.type, (p) => {
      this.log.push(p.message);
      this.shown.push(p);
      this.wake();
    });
    this.conn.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'outreachLint' ? this.settings : null));
    });
    this.conn.onRequest(RegistrationRequest.type, () => null);
    this.conn.onRequest(UnregistrationRequest.type, () => null);
    this.conn.onRequest(WorkDoneProgressCreateRequest.type, () => null);
    this.conn.onRequest(ShowMessageRequest.type, () => null);
    this.conn.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.applyWorkspaceEdit(params.edit);
      return { applied: true };
    });
    this.conn.onNotification('$/progress', () => {});
    this.conn.onNotification('window/workDoneProgress/cancel', () => {});
    this.conn.listen();

    const rootUri = workspaceFolder ? fileUri(workspaceFolder) : null;
    this.initializeResult = await this.request(InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'Visual Studio Code', version: VSCODE_VERSION },
      locale: 'en',
      rootPath: workspaceFolder ?? null,
      rootUri,
      capabilities: vscodeClientCapabilities(),
      initializationOptions: this.initializationOptions,
      trace: 'off',
      workspaceFolders: workspaceFolder ? [{ uri: rootUri, name: path.basename(workspaceFolder) }] : null,
    });
    this.capabilities = this.initializeResult.capabilities;
    await this.conn.sendNotification(InitializedNotification.type, {});
    return this.initializeResult;
  }

  /** A request that fails the test if the server does not answer in time. */
  request(type, params) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${type.method} within ${this.timeoutMs} ms; server stderr:\n${this.stderr}`)), this.timeoutMs);
    });
    return Promise.race([this.conn.sendRequest(type, params), timeout]).finally(() => clearTimeout(timer));
  }

  wake() {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with check()'s value once it is truthy; re-checked on each notification. */
  waitFor(what, check) {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        let value;
        try {
          value = check();
        } catch (err) {
          cleanup();
          reject(err);
          return;
        }
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${this.timeoutMs} ms waiting for ${what}; server stderr:\n${this.stderr}`));
      }, this.timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== attempt);
      };
      this.waiters.push(attempt);
      attempt();
    });
  }

  get syncKind() {
    const sync = this.capabilities.textDocumentSync;
    return typeof sync === 'number' ? sync : sync?.change ?? TextDocumentSyncKind.None;
  }

  /** True when the server wants VS Code to pull diagnostics (textDocument/diagnostic). */
  get pullsDiagnostics() {
    return Boolean(this.capabilities.diagnosticProvider);
  }

  async open(uri, languageId, text) {
    this.docs.set(uri, { text, version: 1, languageId });
    this.published.delete(uri);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async close(uri) {
    this.docs.delete(uri);
    await this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  text(uri) {
    return this.docs.get(uri).text;
  }

  /** Sends a change as VS Code does: ranged edits for incremental sync, else the full text. */
  async change(uri, edits) {
    const doc = this.docs.get(uri);
    const before = doc.text;
    const after = applyTextEdits(before, edits);
    doc.version += 1;
    doc.text = after;
    this.published.delete(uri);
    let contentChanges;
    if (this.syncKind === TextDocumentSyncKind.Incremental) {
      // VS Code sends one change per edit, last in document first, each against the text
      // as it is after the previous ones.
      const ordered = [...edits].sort((a, b) => offsetAt(before, b.range.start) - offsetAt(before, a.range.start));
      contentChanges = ordered.map((e) => ({ range: e.range, rangeLength: offsetAt(before, e.range.end) - offsetAt(before, e.range.start), text: editText(e) }));
    } else {
      contentChanges = [{ text: after }];
    }
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: doc.version }, contentChanges });
  }

  /** Applies a WorkspaceEdit to open documents (changes or documentChanges). */
  applyWorkspaceEdit(edit) {
    const perUri = [];
    if (edit.documentChanges) {
      for (const change of edit.documentChanges) {
        if (!change.textDocument) throw new Error(`unexpected resource operation: ${JSON.stringify(change)}`);
        const doc = this.docs.get(change.textDocument.uri);
        if (!doc) throw new Error(`edit for a document that is not open: ${change.textDocument.uri}`);
        if (change.textDocument.version !== null && change.textDocument.version !== undefined && change.textDocument.version !== doc.version) {
          throw new Error(`edit for version ${change.textDocument.version} of ${change.textDocument.uri}, which is at ${doc.version}`);
        }
        perUri.push([change.textDocument.uri, change.edits]);
      }
    }
    if (edit.changes) {
      for (const [uri, edits] of Object.entries(edit.changes)) perUri.push([uri, edits]);
    }
    if (perUri.length === 0) throw new Error(`empty workspace edit: ${JSON.stringify(edit)}`);
    return Promise.all(perUri.map(([uri, edits]) => this.change(uri, edits)));
  }

  /** The diagnostics for a document at its current version, by pull or push. */
  async diagnostics(uri, what = 'diagnostics', accept = () => true) {
    if (this.pullsDiagnostics) {
      const deadline = Date.now() + this.timeoutMs;
      for (;;) {
        const report = await this.request(DocumentDiagnosticRequest.type, { textDocument: { uri }, identifier: this.capabilities.diagnosticProvider.identifier });
        const items = report.kind === 'full' ? report.items : this.lastPulled?.get(uri) ?? [];
        (this.lastPulled ??= new Map()).set(uri, items);
        if (accept(items)) return items;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(items)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const doc = this.docs.get(uri);
    return this.waitFor(`${what} for ${uri} v${doc.version}`, () => {
      const p = this.published.get(uri);
      if (!p) return undefined;
      if (p.version !== undefined && p.version !== null && p.version !== doc.version) return undefined;
      return accept(p.diagnostics) ? p.diagnostics : undefined;
    });
  }

  async codeActions(uri, range, diagnostics, { only, triggerKind = 1 } = {}) {
    const context = { diagnostics, triggerKind };
    if (only) context.only = only;
    const actions = (await this.request(CodeActionRequest.type, { textDocument: { uri }, range, context })) ?? [];
    return actions;
  }

  /** Resolves an action when it needs it (VS Code resolves the edit lazily). */
  async resolve(action) {
    if (action.edit || action.command || !this.capabilities.codeActionProvider?.resolveProvider) return action;
    return this.request(CodeActionResolveRequest.type, action);
  }

  async changeConfiguration(settings) {
    this.settings = settings;
    await this.conn.sendNotification(DidChangeConfigurationNotification.type, { settings: { outreachLint: settings } });
  }

  async hover(uri, position) {
    return this.request(HoverRequest.type, { textDocument: { uri }, position });
  }

  async stop() {
    if (!this.proc || this.proc.exitCode !== null) return this.exited;
    await this.request(ShutdownRequest.type, undefined);
    await this.conn.sendNotification(ExitNotification.type);
    const status = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r({ code: 'timeout' }), 5000))]);
    this.conn.dispose();
    if (status.code === 'timeout') this.proc.kill('SIGKILL');
    return status;
  }

  kill() {
    if (this.proc && this.proc.exitCode === null) this.proc.kill('SIGKILL');
  }
}

module.exports = { LspSession, applyTextEdits, offsetAt, positionAt, fileUri };
