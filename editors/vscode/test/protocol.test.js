// Drives the real `outreach-lint lsp` the way VS Code does: vscode-languageclient's own
// client capabilities (UTF-16 positions only), the settings the extension would send,
// diagnostics, hover, quick fixes, fix-all on save, configuration changes and untitled files.

'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { serverBinary } = require('./helpers.cjs');
const { LspSession, applyTextEdits, fileUri } = require('./lsp-session.cjs');
const { toServerSettings, FIX_ALL_KIND } = require('../out/settings.js');
const rules = require('../rules.json');

// What the extension sends with the settings left at their defaults.
const DEFAULT_SETTINGS = toServerSettings({ rules: {}, limits: {}, templates: [], maxFileBytes: null, debounceMs: 150 }).settings;

// A line with characters that are 2 bytes in UTF-8 (é) and 2 UTF-16 units (🎉) before the
// findings, so a server that counted bytes or code points would put them in the wrong place.
const BODY_LINE = 'Saw you in Montréal 🎉 at the Rust meetup. I hope this finds you well. I would like to add you to my professional network.';
const DRAFT = [
  '---',
  'recipient: Ana Souza',
  'channel: linkedin-message',
  'met_at: RustConf 2025 in Montréal',
  '---',
  'Hi Ana,',
  '',
  BODY_LINE,
  '',
  'Best,',
  'Sam',
  '',
].join('\n');
const OPENER = 'I hope this finds you well';
const INVITE = 'I would like to add you to my professional network';

function rangeOf(text, needle) {
  const lines = text.split('\n');
  for (let line = 0; line < lines.length; line++) {
    const character = lines[line].indexOf(needle);
    if (character >= 0) return { start: { line, character }, end: { line, character: character + needle.length } };
  }
  throw new Error(`"${needle}" is not in the text`);
}

function byCode(diagnostics, code) {
  return diagnostics.filter((d) => d.code === code);
}

describe('outreach-lint lsp, driven like VS Code', () => {
  let dir;
  let session;
  let uri;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outreach-lint-vscode-'));
    fs.writeFileSync(path.join(dir, 'ana.md'), DRAFT);
    uri = fileUri(path.join(dir, 'ana.md'));
    session = new LspSession(serverBinary(), { cwd: dir, initializationOptions: { outreachLint: DEFAULT_SETTINGS }, settings: DEFAULT_SETTINGS });
    await session.start(dir);
  });

  after(async () => {
    if (session) {
      try {
        const status = await session.stop();
        assert.equal(status.code, 0, `the server should exit 0 after shutdown/exit; stderr:\n${session.stderr}`);
      } finally {
        session.kill();
      }
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers initialize with UTF-16 positions and the features the extension relies on', () => {
    const caps = session.capabilities;
    assert.ok(caps.positionEncoding === undefined || caps.positionEncoding === 'utf-16', `VS Code only offers utf-16, got ${caps.positionEncoding}`);
    assert.ok(caps.hoverProvider, 'hoverProvider');
    assert.ok(caps.codeActionProvider, 'codeActionProvider');
    const kinds = caps.codeActionProvider.codeActionKinds ?? [];
    assert.ok(kinds.includes('quickfix'), `codeActionKinds ${JSON.stringify(kinds)} lacks quickfix`);
    assert.ok(
      kinds.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`)),
      `codeActionKinds ${JSON.stringify(kinds)} does not cover ${FIX_ALL_KIND}, so VS Code would not ask for it on save`,
    );
    assert.ok([1, 2].includes(session.syncKind), `textDocumentSync.change is ${session.syncKind}`);
    const sync = caps.textDocumentSync;
    assert.ok(typeof sync === 'number' || sync.openClose, 'the server must want didOpen/didClose');
  });

  it('reports findings with source, rule id and UTF-16 ranges', async () => {
    await session.open(uri, 'markdown', DRAFT);
    const diags = await session.diagnostics(uri, 'the opener and invite findings', (ds) => byCode(ds, 'hope-finds-you-well').length && byCode(ds, 'linkedin-default-invite').length);
    const ids = new Set(rules.map((r) => r.id));
    for (const d of diags) {
      assert.equal(d.source, 'outreach-lint');
      assert.ok(ids.has(d.code), `diagnostic code ${d.code} is not a rule in rules.json`);
    }
    const [opener] = byCode(diags, 'hope-finds-you-well');
    const [invite] = byCode(diags, 'linkedin-default-invite');
    assert.deepEqual(opener.range, rangeOf(DRAFT, OPENER));
    assert.deepEqual(invite.range, rangeOf(DRAFT, INVITE));
    assert.equal(invite.severity, 2, 'linkedin-default-invite is a warning by default');
    assert.ok(invite.message.length > 0);
  });

  it('shows a hover on a flagged range', async () => {
    const range = rangeOf(DRAFT, INVITE);
    const hover = await session.hover(uri, { line: range.start.line, character: range.start.character + 5 });
    assert.ok(hover, 'no hover on a flagged phrase');
    const contents = hover.contents;
    const text = typeof contents === 'string' ? contents : Array.isArray(contents) ? contents.map((c) => c.value ?? c).join('\n') : contents.value;
    assert.ok(text.includes('linkedin-default-invite') || text.includes(rules.find((r) => r.id === 'linkedin-default-invite').message), `hover text: ${text}`);
    if (hover.range) assert.deepEqual(hover.range, range);
  });

  it('offers quick fixes and a per-file disable, and a fix edits the right UTF-16 range', async () => {
    const diags = await session.diagnostics(uri);
    const [invite] = byCode(diags, 'linkedin-default-invite');
    const actions = await session.codeActions(uri, invite.range, [invite]);
    const titles = actions.map((a) => a.title);
    assert.ok(actions.every((a) => typeof a.title === 'string' && a.kind), `actions must be CodeActions with a kind: ${JSON.stringify(actions)}`);
    assert.ok(titles.some((t) => /^Replace with /.test(t)), `titles: ${titles.join(' | ')}`);
    assert.ok(titles.includes('Disable linkedin-default-invite in this file'), `titles: ${titles.join(' | ')}`);
    const remove = actions.find((a) => a.title === 'Remove this sentence');
    assert.ok(remove, `titles: ${titles.join(' | ')}`);
    assert.equal(remove.kind, 'quickfix');
    const resolved = await session.resolve(remove);
    assert.ok(resolved.edit, 'the removal has no edit after resolve');
    await session.applyWorkspaceEdit(resolved.edit);
    const text = session.text(uri);
    assert.ok(!text.includes(INVITE), text);
    assert.ok(text.includes(`Saw you in Montréal 🎉 at the Rust meetup. ${OPENER}.\n`), `the removal cut the wrong characters:\n${text}`);
    const after = await session.diagnostics(uri, 'findings without the invite', (ds) => byCode(ds, 'linkedin-default-invite').length === 0);
    assert.equal(byCode(after, 'hope-finds-you-well').length, 1);
  });

  it('the per-file disable action silences the rule, with an edit for the current version', async () => {
    const diags = await session.diagnostics(uri);
    const [opener] = byCode(diags, 'hope-finds-you-well');
    const actions = await session.codeActions(uri, opener.range, [opener]);
    const disable = actions.find((a) => a.title === 'Disable hope-finds-you-well in this file');
    assert.ok(disable, `titles: ${actions.map((a) => a.title).join(' | ')}`);
    const resolved = await session.resolve(disable);
    assert.ok(resolved.edit, 'the disable action has no edit');
    // The document is at version 2 now; the edit must name that version or VS Code refuses it.
    await session.applyWorkspaceEdit(resolved.edit);
    await session.diagnostics(uri, 'the disabled rule to go quiet', (ds) => byCode(ds, 'hope-finds-you-well').length === 0);
    assert.ok(session.text(uri).includes(OPENER), 'disabling must not edit the sentence itself');
    // Put the draft back for the tests that follow.
    const lines = session.text(uri).split('\n');
    await session.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } }, newText: DRAFT.replace(` ${INVITE}.`, '') }]);
    await session.diagnostics(uri, 'the opener finding back', (ds) => byCode(ds, 'hope-finds-you-well').length === 1);
  });

  it('fixes everything safe on save (source.fixAll.outreach-lint), without inventing lines', async () => {
    // The two stock sentences sit in different paragraphs: removals of adjacent sentences
    // share the space between them, and one fix-all pass applies only non-overlapping edits.
    const draft = DRAFT.replace(`${OPENER}. `, `${OPENER}.\n\n`);
    const fresh = fileUri(path.join(dir, 'save.md'));
    fs.writeFileSync(path.join(dir, 'save.md'), draft);
    await session.open(fresh, 'markdown', draft);
    const diags = await session.diagnostics(fresh, 'findings', (ds) => byCode(ds, 'linkedin-default-invite').length > 0);
    const lines = draft.split('\n');
    const whole = { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } };
    // What VS Code sends for editor.codeActionsOnSave: only the fix-all kind, triggered automatically.
    const actions = await session.codeActions(fresh, whole, diags, { only: [FIX_ALL_KIND], triggerKind: 2 });
    assert.equal(actions.length, 1, `expected one fix-all action, got ${JSON.stringify(actions.map((a) => [a.title, a.kind]))}`);
    assert.equal(actions[0].kind, FIX_ALL_KIND);
    const resolved = await session.resolve(actions[0]);
    assert.ok(resolved.edit, 'the fix-all action has no edit');
    await session.applyWorkspaceEdit(resolved.edit);
    const text = session.text(fresh);
    assert.ok(!text.includes(OPENER) && !text.includes(INVITE), `fix-all left a stock phrase:\n${text}`);
    // (Blank lines are compared loosely: a removed one-sentence paragraph may leave an extra one.)
    const squeezed = text.replace(/\n{3,}/g, '\n\n');
    assert.ok(squeezed.includes('Hi Ana,\n\nSaw you in Montréal 🎉 at the Rust meetup.\n\nBest,'), `fix-all cut the wrong characters:\n${text}`);
    assert.ok(!text.includes('We met at'), `fix-all must not insert personal lines:\n${text}`);
    // Only the fix-all kind was asked for, so no quick fixes may come back.
    const none = await session.codeActions(fresh, whole, [], { only: [FIX_ALL_KIND], triggerKind: 2 });
    for (const a of none) assert.equal(a.kind, FIX_ALL_KIND);
    await session.close(fresh);
  });

  it('offers the personal line from front matter for a draft with no context, inserted after the greeting', async () => {
    const generic = ['---', 'recipient: Ana Souza', 'met_at: RustConf 2025 in Montréal', '---', 'Hi Ana,', '', 'I am reaching out to connect with professionals in the Rust space.', '', 'Best,', 'Sam', ''].join('\n');
    const ctxUri = fileUri(path.join(dir, 'context.md'));
    fs.writeFileSync(path.join(dir, 'context.md'), generic);
    await session.open(ctxUri, 'markdown', generic);
    const diags = await session.diagnostics(ctxUri, 'a missing-context finding', (ds) => byCode(ds, 'missing-context').length > 0);
    const [missing] = byCode(diags, 'missing-context');
    const actions = await session.codeActions(ctxUri, missing.range, [missing]);
    // The wording of the line is the server's; it must carry the front-matter fact.
    const personal = actions.filter((a) => a.title.startsWith('Insert a personal line: \u201c'));
    assert.ok(personal.length > 0, `titles: ${actions.map((a) => a.title).join(' | ')}`);
    const insert = personal.find((a) => a.isPreferred) ?? personal[0];
    const line = insert.title.slice('Insert a personal line: \u201c'.length, -1);
    assert.ok(line.includes('RustConf 2025 in Montréal'), `the personal line does not use met_at: ${line}`);
    assert.equal(insert.kind, 'quickfix');
    const resolved = await session.resolve(insert);
    await session.applyWorkspaceEdit(resolved.edit);
    assert.equal(session.text(ctxUri), generic.replace('Hi Ana,\n', `Hi Ana,\n\n${line}\n`));
    await session.diagnostics(ctxUri, 'the missing-context finding to go away', (ds) => byCode(ds, 'missing-context').length === 0);
    await session.close(ctxUri);
  });

  it('applies settings changes without a restart', async () => {
    await session.changeConfiguration(toServerSettings({ rules: { 'hope-finds-you-well': 'off' } }).settings);
    // Nudge the document so a server that only re-checks on change still does.
    await session.change(uri, [{ range: { start: { line: 10, character: 3 }, end: { line: 10, character: 3 } }, newText: '!' }]);
    await session.diagnostics(uri, 'the opener finding to be switched off', (ds) => byCode(ds, 'hope-finds-you-well').length === 0);
    await session.changeConfiguration(toServerSettings({ rules: { 'hope-finds-you-well': 'error' } }).settings);
    await session.change(uri, [{ range: { start: { line: 10, character: 3 }, end: { line: 10, character: 4 } }, newText: '' }]);
    const diags = await session.diagnostics(uri, 'the opener finding as an error', (ds) => byCode(ds, 'hope-finds-you-well').some((d) => d.severity === 1));
    assert.equal(byCode(diags, 'hope-finds-you-well')[0].severity, 1);
    await session.changeConfiguration(DEFAULT_SETTINGS);
  });

  it('accepts every setting the extension can send, and names a rule it does not know', async () => {
    const everything = toServerSettings({
      rules: { generic_opener: 'hint', 'hope-finds-you-well': 'error', filler: false, 'linkedin-default-invite': true },
      limits: { 'linkedin-note': 280, 'linkedin-message': 7000, 'inmail-subject': 150, 'inmail-body': 1500, email: 0 },
      templates: ['templates/**', 'snippets/*.md'],
      maxFileBytes: 500000,
      debounceMs: 50,
    });
    assert.deepEqual(everything.problems, []);
    const before = session.shown.length;
    await session.changeConfiguration(everything.settings);
    await session.change(uri, [{ range: { start: { line: 10, character: 3 }, end: { line: 10, character: 3 } }, newText: '!' }]);
    const diags = await session.diagnostics(uri, 'hope-finds-you-well as an error', (ds) => byCode(ds, 'hope-finds-you-well').some((d) => d.severity === 1));
    assert.ok(diags.length > 0);
    assert.deepEqual(session.shown.slice(before).filter((m) => m.type === 1), [], 'the server rejected the settings');

    // Every key the Settings editor offers for outreachLint.rules is one the server knows.
    const offered = Object.keys(require('../package.json').contributes.configuration.properties['outreachLint.rules'].properties);
    await session.changeConfiguration(toServerSettings({ rules: Object.fromEntries(offered.map((k) => [k, 'info'])) }).settings);
    await session.change(uri, [{ range: { start: { line: 10, character: 4 }, end: { line: 10, character: 4 } }, newText: '!' }]);
    await session.diagnostics(uri, 'every finding at info', (ds) => ds.length > 0 && ds.every((d) => d.severity === 3));
    assert.deepEqual(session.shown.slice(before).filter((m) => m.type === 1), [], 'the server rejected a rule key from package.json');
    await session.change(uri, [{ range: { start: { line: 10, character: 4 }, end: { line: 10, character: 5 } }, newText: '' }]);

    await session.changeConfiguration(toServerSettings({ rules: { 'no-such-rule': 'off' } }).settings);
    const error = await session.waitFor('an error naming the unknown rule', () => session.shown.slice(before).find((m) => m.type === 1));
    assert.match(error.message, /no-such-rule/);
    await session.changeConfiguration(DEFAULT_SETTINGS);
    await session.change(uri, [{ range: { start: { line: 10, character: 3 }, end: { line: 10, character: 4 } }, newText: '' }]);
  });

  it('checks untitled plain-text documents', async () => {
    const untitled = 'untitled:Untitled-1';
    const text = `Hi Marcus,\n\n${INVITE} on LinkedIn.\n\n- Dana\n`;
    await session.open(untitled, 'plaintext', text);
    const diags = await session.diagnostics(untitled, 'findings in an untitled document', (ds) => byCode(ds, 'linkedin-default-invite').length > 0);
    assert.deepEqual(byCode(diags, 'linkedin-default-invite')[0].range, rangeOf(text, `${INVITE} on LinkedIn`));
    await session.close(untitled);
  });
});

describe('edit helpers used by the protocol test', () => {
  it('apply UTF-16 ranges on lines with astral characters', () => {
    const text = 'a🎉b\nc';
    assert.equal(applyTextEdits(text, [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, newText: 'X' }]), 'a🎉X\nc');
    assert.equal(applyTextEdits(text, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, newText: '' }, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, newText: 'Z' }]), 'Z🎉b\n');
  });
});
