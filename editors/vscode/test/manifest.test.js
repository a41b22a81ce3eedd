// Checks package.json as VS Code reads it: activation, commands, settings, and that the
// versions of VS Code, its API types and vscode-languageclient fit together.

'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const semver = require('semver');

const { EXTENSION_DIR } = require('./helpers.cjs');
const { LIMIT_NAMES, DEFAULT_LIMITS, RULE_LEVELS, FIX_ALL_KIND } = require('../out/settings.js');

const pkg = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'package.json'), 'utf8'));
const props = pkg.contributes.configuration.properties;
const extensionSource = fs.readFileSync(path.join(EXTENSION_DIR, 'src', 'extension.ts'), 'utf8');

test('identity and entry point', () => {
  assert.equal(pkg.name, 'outreach-lint');
  assert.ok(pkg.publisher && pkg.displayName && pkg.description && pkg.version);
  assert.equal(pkg.main, './dist/extension.js');
  assert.ok(pkg.categories.includes('Linters'));
});

test('activates on markdown and plain text', () => {
  assert.deepEqual([...pkg.activationEvents].sort(), ['onLanguage:markdown', 'onLanguage:plaintext']);
});

test('uses the current major of vscode-languageclient, and VS Code versions that fit it', () => {
  const installed = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8'));
  assert.equal(semver.major(installed.version), 11, 'vscode-languageclient 11 is the current major');
  assert.ok(semver.satisfies(installed.version, pkg.dependencies['vscode-languageclient']));
  const clientMin = semver.minVersion(installed.engines.vscode);
  const ourMin = semver.minVersion(pkg.engines.vscode);
  assert.ok(semver.gte(ourMin, clientMin), `engines.vscode ${pkg.engines.vscode} is older than vscode-languageclient needs (${installed.engines.vscode})`);
  const types = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')).version;
  assert.ok(semver.lte(semver.coerce(types), ourMin), `@types/vscode ${types} is newer than engines.vscode ${pkg.engines.vscode}; vsce refuses that`);
});

test('commands: restart and output, under the Outreach Lint category', () => {
  const byId = Object.fromEntries(pkg.contributes.commands.map((c) => [c.command, c]));
  assert.equal(byId['outreachLint.restartServer'].title, 'Restart server');
  assert.equal(byId['outreachLint.restartServer'].category, 'Outreach Lint');
  assert.ok(byId['outreachLint.showOutput']);
  for (const id of Object.keys(byId)) assert.ok(extensionSource.includes(`'${id}'`), `${id} is contributed but not registered`);
});

test('serverPath is machine-scoped, so a workspace cannot choose the program', () => {
  assert.equal(props['outreachLint.serverPath'].scope, 'machine');
  assert.match(props['outreachLint.serverPath'].markdownDescription, /PATH/);
});

test('settings mirror the server: rules, limits, templates, maxFileBytes, debounceMs, scoreHint, trace', () => {
  assert.deepEqual(Object.keys(props).sort(), [
    'outreachLint.debounceMs', 'outreachLint.limits', 'outreachLint.maxFileBytes', 'outreachLint.rules',
    'outreachLint.scoreHint', 'outreachLint.serverPath', 'outreachLint.templates', 'outreachLint.trace.server',
  ]);
  const rules = props['outreachLint.rules'];
  assert.equal(rules.type, 'object');
  for (const [key, schema] of Object.entries(rules.properties)) {
    assert.deepEqual(schema.enum, [...RULE_LEVELS], `levels of ${key}`);
    assert.ok(schema.markdownDescription, `${key} has no description`);
  }
  assert.deepEqual(rules.additionalProperties.enum, [...RULE_LEVELS]);

  const limits = props['outreachLint.limits'];
  assert.deepEqual(Object.keys(limits.properties).sort(), [...LIMIT_NAMES].sort());
  for (const name of LIMIT_NAMES) {
    assert.equal(limits.properties[name].type, 'integer');
    assert.ok(limits.properties[name].markdownDescription.includes(`Default: ${DEFAULT_LIMITS[name]}.`), name);
  }
  assert.equal(limits.additionalProperties, false);

  assert.equal(props['outreachLint.templates'].type, 'array');
  assert.equal(props['outreachLint.debounceMs'].default, 150);
  assert.equal(props['outreachLint.scoreHint'].type, 'boolean');
  assert.equal(props['outreachLint.scoreHint'].default, true);
  assert.deepEqual(props['outreachLint.trace.server'].enum, ['off', 'messages', 'verbose']);
  // vscode-languageclient reads `<client id>.trace.server`; the client id must be outreachLint.
  assert.match(extensionSource, /const CLIENT_ID = 'outreachLint';/);
  // Every server setting the extension reads is contributed.
  for (const key of ['rules', 'limits', 'templates', 'maxFileBytes', 'debounceMs', 'scoreHint']) {
    assert.ok(extensionSource.includes(`config.get('${key}')`), `extension.ts does not read ${key}`);
  }
});

test('the README documents fix-all on save and the install command', () => {
  const readme = fs.readFileSync(path.join(EXTENSION_DIR, 'README.md'), 'utf8');
  assert.ok(readme.includes(`"${FIX_ALL_KIND}": "explicit"`));
  assert.ok(readme.includes('editor.codeActionsOnSave'));
  assert.ok(readme.includes('cargo install --path .'));
  assert.ok(readme.includes('npm run package'));
});

test('the .vsix leaves out sources, tests and node_modules', () => {
  const ignore = fs.readFileSync(path.join(EXTENSION_DIR, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  assert.equal(ignore[0], '**', 'start from "exclude everything"');
  assert.ok(ignore.includes('!dist/extension.js'));
  assert.ok(!ignore.some((l) => l.startsWith('!node_modules') || l.startsWith('!src') || l.startsWith('!test')));
});
