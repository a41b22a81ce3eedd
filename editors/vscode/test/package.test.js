// Smoke test of the packaging: `npm run package` builds a .vsix that holds the bundled
// extension and nothing it should not; `npm run package:with-server` adds the binary for
// this platform; and the bundle loads and exports activate/deactivate.

'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const yauzl = require('yauzl');

const { EXTENSION_DIR, serverBinary, withVscodeStandIn } = require('./helpers.cjs');

const VSIX = path.join(EXTENSION_DIR, 'outreach-lint.vsix');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function npmRun(script, env = {}) {
  const run = spawnSync(NPM, ['run', script], { cwd: EXTENSION_DIR, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240000 });
  assert.equal(run.status, 0, `npm run ${script} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

function zipEntries(file) {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const entries = new Map();
      zip.on('entry', (entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          const chunks = [];
          stream.on('data', (c) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, { data: Buffer.concat(chunks), mode: (entry.externalFileAttributes >>> 16) & 0o777 });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

test('npm run package builds a .vsix with the bundle and no sources or node_modules', async () => {
  fs.rmSync(path.join(EXTENSION_DIR, 'server'), { recursive: true, force: true });
  fs.rmSync(VSIX, { force: true });
  npmRun('package');
  assert.ok(fs.existsSync(VSIX), 'no .vsix was written');
  const entries = await zipEntries(VSIX);
  const names = [...entries.keys()];
  for (const needed of ['extension.vsixmanifest', 'extension/package.json', 'extension/dist/extension.js', 'extension/readme.md', 'extension/LICENSE.txt']) {
    assert.ok(names.includes(needed), `${needed} missing from ${names.join(', ')}`);
  }
  for (const name of names) {
    assert.ok(!/node_modules|\/src\/|\/test\/|\/scripts\/|\.map$|\.ts$|tsconfig/.test(name), `${name} should not be in the .vsix`);
    assert.ok(!name.startsWith('extension/server/'), 'a plain package must not carry a binary');
  }
  const manifest = entries.get('extension.vsixmanifest').data.toString('utf8');
  assert.match(manifest, /Id="outreach-lint"/);
  assert.match(manifest, /Publisher="outreach-lint"/);
  assert.doesNotMatch(manifest, /TargetPlatform=/);
  const packaged = JSON.parse(entries.get('extension/package.json').data.toString('utf8'));
  assert.equal(packaged.contributes.configuration.properties['outreachLint.serverPath'].scope, 'machine');
});

test('the bundled extension loads and exports activate and deactivate', () => {
  const bundle = path.join(EXTENSION_DIR, 'dist', 'extension.js');
  const ext = withVscodeStandIn(() => require(bundle));
  assert.equal(typeof ext.activate, 'function');
  assert.equal(typeof ext.deactivate, 'function');
});

test('npm run package:with-server puts the binary in server/ for this platform', async () => {
  const bin = serverBinary();
  // The real binary works, but zipping a debug build is slow; a small stand-in shows the
  // copy and the layout just as well.
  const standIn = path.join(EXTENSION_DIR, 'out', 'outreach-lint-stand-in');
  fs.mkdirSync(path.dirname(standIn), { recursive: true });
  fs.writeFileSync(standIn, `#!/bin/sh\nexec "${bin}" "$@"\n`, { mode: 0o755 });
  try {
    npmRun('package:with-server', { OUTREACH_LINT_BIN: standIn });
    const entries = await zipEntries(VSIX);
    const exe = process.platform === 'win32' ? 'outreach-lint.exe' : 'outreach-lint';
    const server = entries.get(`extension/server/${exe}`);
    assert.ok(server, `server/${exe} missing from ${[...entries.keys()].join(', ')}`);
    assert.equal(server.data.toString(), fs.readFileSync(standIn, 'utf8'));
    const manifest = entries.get('extension.vsixmanifest').data.toString('utf8');
    assert.match(manifest, new RegExp(`TargetPlatform="${process.platform}-${process.arch}"`));
  } finally {
    fs.rmSync(path.join(EXTENSION_DIR, 'server'), { recursive: true, force: true });
  }
});
