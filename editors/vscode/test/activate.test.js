// Runs the bundled extension's activate() against a stand-in `vscode` module for the paths
// that need no running server: commands are registered, and a missing program produces
// the error message with the install command and its two buttons.

'use strict';

const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const { EXTENSION_DIR, VSCODE_VERSION, standIn } = require('./helpers.cjs');

const BUNDLE = path.join(EXTENSION_DIR, 'dist', 'extension.js');

/**
 * A stand-in for `vscode`: the calls the extension makes are recorded; everything else
 * (classes vscode-languageclient extends at load time, enums) is a generic stand-in.
 */
function fakeVscode(settings) {
  const seen = { errors: [], infos: [], commands: new Map(), log: [], clipboard: undefined, opened: [] };
  const disposable = { dispose() {} };
  const channel = {};
  for (const level of ['trace', 'debug', 'info', 'warn', 'error', 'appendLine', 'append']) {
    channel[level] = (message) => seen.log.push([level, String(message)]);
  }
  Object.assign(channel, { show() {}, hide() {}, clear() {}, dispose() {}, name: 'Outreach Lint', logLevel: 2, onDidChangeLogLevel: () => disposable });
  const vscode = standIn('vscode', {
    version: VSCODE_VERSION,
    workspace: standIn('vscode.workspace', {
      getConfiguration: () => ({ get: (key) => settings[key] }),
      onDidChangeConfiguration: () => disposable,
    }),
    window: standIn('vscode.window', {
      createOutputChannel: () => channel,
      showErrorMessage: async (message, ...items) => {
        seen.errors.push({ message, items });
        return seen.answer;
      },
      showInformationMessage: async (message) => {
        seen.infos.push(message);
      },
    }),
    commands: standIn('vscode.commands', {
      registerCommand: (id, fn) => {
        seen.commands.set(id, fn);
        return disposable;
      },
      executeCommand: async (...args) => {
        seen.opened.push(args);
      },
    }),
    env: standIn('vscode.env', { clipboard: { writeText: async (text) => { seen.clipboard = text; } } }),
  });
  return { vscode, seen };
}

function loadExtension(vscode) {
  const original = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'vscode') return vscode;
    return original.call(this, request, ...rest);
  };
  try {
    delete require.cache[BUNDLE];
    return require(BUNDLE);
  } finally {
    Module._load = original;
  }
}

describe('activate() without a server program', () => {
  let home;
  const savedEnv = { ...process.env };

  before(() => {
    assert.ok(fs.existsSync(BUNDLE), 'dist/extension.js is missing: npm test builds it first');
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'outreach-lint-activate-'));
    // Nothing on PATH, no ~/.cargo/bin: the lookup must come up empty.
    process.env.PATH = path.join(home, 'empty-bin');
    process.env.HOME = home;
    delete process.env.CARGO_HOME;
  });

  after(() => {
    process.env = savedEnv;
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('registers its commands and explains how to install the program', async () => {
    const { vscode, seen } = fakeVscode({ serverPath: null, rules: {}, limits: {}, templates: [] });
    const extension = loadExtension(vscode);
    const context = { subscriptions: [], extensionPath: path.join(home, 'ext') };
    seen.answer = 'Copy Install Command';
    await extension.activate(context);

    assert.ok(seen.commands.has('outreachLint.restartServer'));
    assert.ok(seen.commands.has('outreachLint.showOutput'));
    assert.ok(context.subscriptions.length >= 3, 'commands and listeners are disposed with the extension');

    assert.equal(seen.errors.length, 1, JSON.stringify(seen.errors));
    const { message, items } = seen.errors[0];
    assert.match(message, /cargo install --path \./);
    assert.match(message, /Restart server/);
    assert.deepEqual(items, ['Open Settings', 'Copy Install Command']);
    await new Promise((r) => setImmediate(r));
    assert.equal(seen.clipboard, 'cargo install --path .');
    assert.ok(seen.log.some(([level, m]) => level === 'info' && m.includes(path.join(home, 'ext', 'server', 'outreach-lint'))), 'the log lists where it looked');

    // The restart command looks again, and says the same while nothing is installed.
    seen.answer = 'Open Settings';
    await seen.commands.get('outreachLint.restartServer')();
    assert.equal(seen.errors.length, 2);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(seen.opened.at(-1), ['workbench.action.openSettings', 'outreachLint.serverPath']);
    assert.equal(seen.infos.length, 0, 'no "restarted" message when nothing started');
    await extension.deactivate();
  });

  it('names the setting when outreachLint.serverPath points nowhere', async () => {
    const { vscode, seen } = fakeVscode({ serverPath: path.join(home, 'nope', 'outreach-lint') });
    const extension = loadExtension(vscode);
    await extension.activate({ subscriptions: [], extensionPath: path.join(home, 'ext') });
    assert.equal(seen.errors.length, 1);
    assert.match(seen.errors[0].message, /outreachLint\.serverPath/);
    assert.ok(seen.errors[0].message.includes(path.join(home, 'nope', 'outreach-lint')));
    await extension.deactivate();
  });
});
