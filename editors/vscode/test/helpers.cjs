// Shared test helpers: where the outreach-lint binary is, and the client capabilities that
// vscode-languageclient itself computes (with a stand-in for the `vscode` module, which only
// exists inside VS Code).

'use strict';

const fs = require('fs');
const path = require('path');
const Module = require('module');

const EXTENSION_DIR = path.resolve(__dirname, '..');
const REPO_ROOT = path.resolve(EXTENSION_DIR, '..', '..');

/** The binary under test; a missing one is a test failure, not a skip. */
function serverBinary() {
  const bin = process.env.OUTREACH_LINT_BIN
    ? path.resolve(REPO_ROOT, process.env.OUTREACH_LINT_BIN)
    : path.join(REPO_ROOT, 'target', 'debug', process.platform === 'win32' ? 'outreach-lint.exe' : 'outreach-lint');
  if (!fs.existsSync(bin)) {
    throw new Error(`The outreach-lint binary is missing at ${bin}: run \`cargo build\` in ${REPO_ROOT} or set OUTREACH_LINT_BIN.`);
  }
  return bin;
}

/** The VS Code version the stand-in reports; must satisfy vscode-languageclient's range. */
const VSCODE_VERSION = '1.105.0';

/**
 * A stand-in for the `vscode` module: every property is another stand-in, every call and
 * `new` returns one. Enough for vscode-languageclient to construct its features and report
 * the capabilities it would send from a real VS Code.
 */
function standIn(name, overrides = {}) {
  const cache = new Map();
  return new Proxy(function () {}, {
    get(_target, prop) {
      if (Object.prototype.hasOwnProperty.call(overrides, prop)) return overrides[prop];
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === '__esModule') return true;
      if (prop === 'then' || prop === Symbol.iterator) return undefined;
      if (prop === 'prototype') return {};
      if (!cache.has(prop)) cache.set(prop, standIn(`${name}.${String(prop)}`));
      return cache.get(prop);
    },
    // Bundlers copy a module's own keys (esbuild's __toESM), so the overrides are own keys.
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Object.keys(overrides)])],
    getOwnPropertyDescriptor: (target, prop) =>
      Object.prototype.hasOwnProperty.call(overrides, prop)
        ? { value: overrides[prop], writable: true, enumerable: true, configurable: true }
        : Reflect.getOwnPropertyDescriptor(target, prop),
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`),
  });
}

/** Loads a module with `require('vscode')` answered by the stand-in. */
function withVscodeStandIn(load) {
  const fake = standIn('vscode', { version: VSCODE_VERSION });
  const original = Module._load;
  Module._load = function (request, ...rest) {
    if (request === 'vscode') return fake;
    return original.call(this, request, ...rest);
  };
  try {
    return load();
  } finally {
    Module._load = original;
  }
}

/**
 * The ClientCapabilities that vscode-languageclient (the version in node_modules) sends in
 * `initialize` from VS Code, computed by the library itself.
 */
function vscodeClientCapabilities() {
  return withVscodeStandIn(() => {
    const { LanguageClient } = require('vscode-languageclient/node');
    const client = new LanguageClient('outreachLint', 'Outreach Lint', { command: 'outreach-lint', args: ['lsp'] }, {
      documentSelector: [{ language: 'markdown', scheme: 'file' }],
    });
    const capabilities = client.computeClientCapabilities();
    return JSON.parse(JSON.stringify(capabilities));
  });
}

module.exports = { EXTENSION_DIR, REPO_ROOT, VSCODE_VERSION, serverBinary, standIn, vscodeClientCapabilities, withVscodeStandIn };
