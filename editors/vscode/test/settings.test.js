'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const {
  toServerSettings, didChangeConfigurationParams, RULE_LEVELS, LIMIT_NAMES, DEFAULT_LIMITS, SECTION, DOCUMENT_SELECTOR, FIX_ALL_KIND,
} = require('../out/settings.js');

test('defaults map to an empty, valid settings object', () => {
  const { settings, problems } = toServerSettings({ rules: {}, limits: {}, templates: [], maxFileBytes: null, debounceMs: 150 });
  assert.deepEqual(settings, { rules: {}, limits: {}, templates: [], debounceMs: 150 });
  assert.deepEqual(problems, []);
});

test('nothing at all still gives a valid object', () => {
  for (const raw of [undefined, null, 42, 'x', []]) {
    const { settings } = toServerSettings(raw);
    assert.deepEqual(settings, { rules: {}, limits: {}, templates: [] });
  }
});

test('rule levels pass through, lower-cased; booleans mean on/off', () => {
  const { settings, problems } = toServerSettings({
    rules: { 'linkedin-default-invite': 'Error', vague_flattery: 'hint', filler: false, 'missing-context': true, x: 'off' },
  });
  assert.deepEqual(settings.rules, { 'linkedin-default-invite': 'error', vague_flattery: 'hint', filler: 'off', x: 'off' });
  assert.deepEqual(problems, []);
});

test('an unknown level is dropped with a note naming the rule', () => {
  const { settings, problems } = toServerSettings({ rules: { a: 'loud', b: 3, c: 'warning' } });
  assert.deepEqual(settings.rules, { c: 'warning' });
  assert.equal(problems.length, 2);
  assert.match(problems[0], /"a".*"loud"/);
  assert.ok(problems[0].includes(RULE_LEVELS.join(', ')));
});

test('limits: known channels, whole numbers, 0 allowed; the rest dropped with a note', () => {
  const { settings, problems } = toServerSettings({
    limits: { 'linkedin-note': 200, email: 0, 'inmail-body': '1500', 'inmail-subject': -1, 'linkedin-message': 1.5, fax: 10, 'linkedin-note ': null },
  });
  assert.deepEqual(settings.limits, { 'linkedin-note': 200, email: 0, 'inmail-body': 1500 });
  assert.equal(problems.length, 4, problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('"fax"') && p.includes(LIMIT_NAMES.join(', '))));
});

test('the limit names and defaults match the server', () => {
  assert.deepEqual(DEFAULT_LIMITS, { 'linkedin-note': 300, 'linkedin-message': 8000, 'inmail-subject': 200, 'inmail-body': 1900, email: 0 });
});

test('templates: strings kept, trimmed; a single string is accepted', () => {
  assert.deepEqual(toServerSettings({ templates: [' templates/** ', '', 7, 'snippets/*.md'] }).settings.templates, ['templates/**', 'snippets/*.md']);
  assert.deepEqual(toServerSettings({ templates: 'templates/**' }).settings.templates, ['templates/**']);
});

test('scoreHint is passed on as a boolean and left out when unset', () => {
  assert.equal(toServerSettings({ scoreHint: false }).settings.scoreHint, false);
  assert.equal(toServerSettings({ scoreHint: true }).settings.scoreHint, true);
  assert.equal('scoreHint' in toServerSettings({}).settings, false);
  const bad = toServerSettings({ scoreHint: 'no' });
  assert.equal('scoreHint' in bad.settings, false);
  assert.match(bad.problems[0], /scoreHint/);
});

test('maxFileBytes must be positive; debounceMs may be 0', () => {
  assert.equal(toServerSettings({ maxFileBytes: 2048 }).settings.maxFileBytes, 2048);
  const zero = toServerSettings({ maxFileBytes: 0, debounceMs: 0 });
  assert.equal(zero.settings.maxFileBytes, undefined);
  assert.equal(zero.settings.debounceMs, 0);
  assert.match(zero.problems[0], /maxFileBytes/);
});

test('client-only settings never reach the server', () => {
  const { settings } = toServerSettings({ serverPath: '/x', trace: { server: 'verbose' }, rules: {} });
  assert.equal('serverPath' in settings, false);
  assert.equal('trace' in settings, false);
});

test('didChangeConfiguration carries the section by name', () => {
  const s = toServerSettings({ rules: { filler: 'off' } }).settings;
  assert.equal(SECTION, 'outreachLint');
  assert.deepEqual(didChangeConfigurationParams(s), { settings: { outreachLint: s } });
});

test('document selector: markdown and plaintext, file and untitled', () => {
  assert.deepEqual(
    DOCUMENT_SELECTOR.map((d) => `${d.language}:${d.scheme}`).sort(),
    ['markdown:file', 'markdown:untitled', 'plaintext:file', 'plaintext:untitled'],
  );
  assert.equal(FIX_ALL_KIND, 'source.fixAll.outreach-lint');
});
