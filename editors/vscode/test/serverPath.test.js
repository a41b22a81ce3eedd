'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { resolveServer, INSTALL_COMMAND, SERVER_ARGS, expandHome } = require('../out/serverPath.js');

const EXT = '/home/ana/.vscode/extensions/outreach-lint-0.1.0';

function input(overrides = {}) {
  const existing = new Set(overrides.existing ?? []);
  return {
    configured: undefined,
    extensionPath: EXT,
    platform: 'linux',
    arch: 'x64',
    env: { PATH: '/usr/local/bin:/usr/bin', HOME: '/home/ana' },
    isExecutable: (f) => existing.has(f),
    ...overrides,
  };
}

test('starts the server with the lsp subcommand', () => {
  assert.deepEqual(SERVER_ARGS, ['lsp']);
});

test('the setting wins over a bundled binary and PATH', () => {
  const r = resolveServer(input({
    configured: '/opt/ol/outreach-lint',
    existing: ['/opt/ol/outreach-lint', `${EXT}/server/outreach-lint`, '/usr/bin/outreach-lint'],
  }));
  assert.deepEqual(r, { ok: true, command: '/opt/ol/outreach-lint', source: 'setting' });
});

test('a setting that points nowhere is an error, not a silent fallback', () => {
  const r = resolveServer(input({ configured: '/opt/missing/outreach-lint', existing: ['/usr/bin/outreach-lint'] }));
  assert.equal(r.ok, false);
  assert.match(r.message, /outreachLint\.serverPath/);
  assert.match(r.message, /\/opt\/missing\/outreach-lint/);
  assert.ok(r.message.includes(INSTALL_COMMAND));
});

test('the setting expands ~ to the home folder', () => {
  const r = resolveServer(input({ configured: '~/bin/outreach-lint', existing: ['/home/ana/bin/outreach-lint'] }));
  assert.deepEqual(r, { ok: true, command: '/home/ana/bin/outreach-lint', source: 'setting' });
  assert.equal(expandHome('~', { HOME: '/h' }, 'linux'), '/h');
  assert.equal(expandHome('a/~/b', { HOME: '/h' }, 'linux'), 'a/~/b');
});

test('a bare command name in the setting is looked up on PATH', () => {
  const r = resolveServer(input({ configured: 'outreach-lint-dev', existing: ['/usr/bin/outreach-lint-dev'] }));
  assert.deepEqual(r, { ok: true, command: '/usr/bin/outreach-lint-dev', source: 'setting' });
  const missing = resolveServer(input({ configured: 'outreach-lint-dev' }));
  assert.equal(missing.ok, false);
  assert.match(missing.message, /not on PATH/);
});

test('a relative path in the setting is refused with a reason', () => {
  const r = resolveServer(input({ configured: './target/debug/outreach-lint', existing: ['./target/debug/outreach-lint'] }));
  assert.equal(r.ok, false);
  assert.match(r.message, /relative path/);
});

test('a bundled binary wins over PATH; the per-platform folder comes first', () => {
  const flat = resolveServer(input({ existing: [`${EXT}/server/outreach-lint`, '/usr/bin/outreach-lint'] }));
  assert.deepEqual(flat, { ok: true, command: `${EXT}/server/outreach-lint`, source: 'bundled' });
  const perPlatform = resolveServer(input({ existing: [`${EXT}/server/linux-x64/outreach-lint`, `${EXT}/server/outreach-lint`] }));
  assert.equal(perPlatform.command, `${EXT}/server/linux-x64/outreach-lint`);
});

test('PATH is searched in order', () => {
  const r = resolveServer(input({ existing: ['/usr/local/bin/outreach-lint', '/usr/bin/outreach-lint'] }));
  assert.deepEqual(r, { ok: true, command: '/usr/local/bin/outreach-lint', source: 'path' });
});

test('~/.cargo/bin is the last resort, and CARGO_HOME moves it', () => {
  const r = resolveServer(input({ existing: ['/home/ana/.cargo/bin/outreach-lint'] }));
  assert.deepEqual(r, { ok: true, command: '/home/ana/.cargo/bin/outreach-lint', source: 'cargo-home' });
  const moved = resolveServer(input({
    env: { PATH: '/usr/bin', HOME: '/home/ana', CARGO_HOME: '/srv/cargo' },
    existing: ['/srv/cargo/bin/outreach-lint', '/home/ana/.cargo/bin/outreach-lint'],
  }));
  assert.equal(moved.command, '/srv/cargo/bin/outreach-lint');
});

test('nothing found: the message gives the install command and lists what was tried', () => {
  const r = resolveServer(input());
  assert.equal(r.ok, false);
  assert.ok(r.message.includes(INSTALL_COMMAND), r.message);
  assert.match(r.message, /Restart server/);
  assert.deepEqual(r.tried, [
    `${EXT}/server/linux-x64/outreach-lint`,
    `${EXT}/server/outreach-lint`,
    '/usr/local/bin/outreach-lint',
    '/usr/bin/outreach-lint',
    '/home/ana/.cargo/bin/outreach-lint',
  ]);
});

test('Windows: .exe names, PATHEXT, ; separators and case-insensitive Path', () => {
  const ext = 'C:\\Users\\ana\\.vscode\\extensions\\outreach-lint';
  const env = { Path: 'C:\\tools;"C:\\Program Files\\ol"', PATHEXT: '.COM;.EXE', USERPROFILE: 'C:\\Users\\ana' };
  const bundled = resolveServer(input({ platform: 'win32', extensionPath: ext, env, existing: [`${ext}\\server\\outreach-lint.exe`] }));
  assert.deepEqual(bundled, { ok: true, command: `${ext}\\server\\outreach-lint.exe`, source: 'bundled' });
  const onPath = resolveServer(input({ platform: 'win32', extensionPath: ext, env, existing: ['C:\\Program Files\\ol\\outreach-lint.exe'] }));
  assert.deepEqual(onPath, { ok: true, command: 'C:\\Program Files\\ol\\outreach-lint.exe', source: 'path' });
  const setting = resolveServer(input({ platform: 'win32', extensionPath: ext, env, configured: 'D:\\ol\\outreach-lint', existing: ['D:\\ol\\outreach-lint.exe'] }));
  assert.deepEqual(setting, { ok: true, command: 'D:\\ol\\outreach-lint.exe', source: 'setting' });
  const cargo = resolveServer(input({ platform: 'win32', extensionPath: ext, env, existing: ['C:\\Users\\ana\\.cargo\\bin\\outreach-lint.exe'] }));
  assert.equal(cargo.source, 'cargo-home');
});

test('an empty or blank setting means "not set"', () => {
  for (const configured of ['', '   ', null, undefined]) {
    const r = resolveServer(input({ configured, existing: ['/usr/bin/outreach-lint'] }));
    assert.equal(r.source, 'path');
  }
});
