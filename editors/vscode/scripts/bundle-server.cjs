#!/usr/bin/env node
// Builds a platform-specific .vsix with the outreach-lint binary inside it, so people who
// install that .vsix need nothing else. Copies OUTREACH_LINT_BIN (default: the release build,
// ../../target/release/outreach-lint) to server/, then runs `npm run package` for this
// machine's VS Code target (linux-x64, darwin-arm64, win32-x64, ...).

'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const extensionDir = path.resolve(__dirname, '..');
const repoRoot = path.resolve(extensionDir, '..', '..');
const exe = process.platform === 'win32' ? 'outreach-lint.exe' : 'outreach-lint';
const source = process.env.OUTREACH_LINT_BIN
  ? path.resolve(repoRoot, process.env.OUTREACH_LINT_BIN)
  : path.join(repoRoot, 'target', 'release', exe);
const target = `${process.platform}-${process.arch}`;

if (!fs.existsSync(source)) {
  console.error(`bundle-server: ${source} does not exist. Run \`cargo build --release\` in ${repoRoot}, or set OUTREACH_LINT_BIN.`);
  process.exit(1);
}
const serverDir = path.join(extensionDir, 'server');
fs.rmSync(serverDir, { recursive: true, force: true });
fs.mkdirSync(serverDir, { recursive: true });
fs.copyFileSync(source, path.join(serverDir, exe));
fs.chmodSync(path.join(serverDir, exe), 0o755);
console.log(`Copied ${source} to server/${exe}; packaging for ${target}`);

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = spawnSync(npm, ['run', 'package', '--', '--target', target], { cwd: extensionDir, stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
