// Finds the `outreach-lint` program the extension starts. Pure: every input (setting,
// extension folder, platform, environment, file check) is passed in, so the order of
// preference can be unit-tested without VS Code.

import * as path from 'path';

/** What a person runs to get the program, shown when it cannot be found. */
export const INSTALL_COMMAND = 'cargo install --path .';

/** The arguments that start the language server over standard input and output. */
export const SERVER_ARGS = ['lsp'];

export type ServerSource = 'setting' | 'bundled' | 'path' | 'cargo-home';

export interface ResolveInput {
  /** The value of `outreachLint.serverPath` (machine scope), if any. */
  configured?: string | null;
  /** The extension's install folder; a bundled binary lives in `server/` inside it. */
  extensionPath: string;
  platform: NodeJS.Platform;
  arch: string;
  env: Record<string, string | undefined>;
  /** True when `file` exists and may be run. */
  isExecutable: (file: string) => boolean;
}

export type Resolution =
  | { ok: true; command: string; source: ServerSource }
  | { ok: false; message: string; tried: string[] };

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

function binaryName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'outreach-lint.exe' : 'outreach-lint';
}

function envValue(env: Record<string, string | undefined>, name: string): string | undefined {
  // Windows environment names are case-insensitive (`Path`, `PATH`).
  if (env[name] !== undefined) return env[name];
  const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
  return key === undefined ? undefined : env[key];
}

function homeDir(env: Record<string, string | undefined>, platform: NodeJS.Platform): string | undefined {
  return platform === 'win32' ? envValue(env, 'USERPROFILE') ?? envValue(env, 'HOME') : envValue(env, 'HOME');
}

/** Expands a leading `~` to the home folder. */
export function expandHome(p: string, env: Record<string, string | undefined>, platform: NodeJS.Platform): string {
  const home = homeDir(env, platform);
  if (!home) return p;
  if (p === '~') return home;
  if (p.startsWith('~/') || (platform === 'win32' && p.startsWith('~\\'))) {
    return pathApi(platform).join(home, p.slice(2));
  }
  return p;
}

/** Candidate file names for a bare command on Windows (`PATHEXT`), or the name itself. */
function withExtensions(file: string, platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  if (platform !== 'win32' || path.win32.extname(file) !== '') return [file];
  const exts = (envValue(env, 'PATHEXT') ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean);
  return [file, ...exts.map((e) => file + e.toLowerCase())];
}

/** Looks a bare command name up on PATH; returns the first runnable match. */
export function searchPath(
  name: string,
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  isExecutable: (file: string) => boolean,
  tried: string[] = [],
): string | undefined {
  const p = pathApi(platform);
  const delimiter = platform === 'win32' ? ';' : ':';
  const dirs = (envValue(env, 'PATH') ?? '').split(delimiter).filter((d) => d.trim() !== '');
  for (const dir of dirs) {
    for (const candidate of withExtensions(p.join(dir.replace(/^"|"$/g, ''), name), platform, env)) {
      tried.push(candidate);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Picks the server program: the `outreachLint.serverPath` setting, else a binary bundled in
 * the extension's `server/` folder, else `outreach-lint` on PATH, else cargo's install folder
 * (`$CARGO_HOME/bin` or `~/.cargo/bin`, which a VS Code started from a desktop launcher often
 * lacks on its PATH).
 */
export function resolveServer(input: ResolveInput): Resolution {
  const { platform, env, isExecutable } = input;
  const p = pathApi(platform);
  const exe = binaryName(platform);
  const tried: string[] = [];

  const configured = (input.configured ?? '').trim();
  if (configured !== '') {
    const expanded = expandHome(configured, env, platform);
    const hasSeparator = expanded.includes('/') || (platform === 'win32' && expanded.includes('\\'));
    if (hasSeparator || p.isAbsolute(expanded)) {
      if (!p.isAbsolute(expanded)) {
        return {
          ok: false,
          tried: [expanded],
          message:
            `The setting outreachLint.serverPath is "${configured}", a relative path. ` +
            'Give the full path to the outreach-lint program, or just a command name to look up on PATH.',
        };
      }
      for (const candidate of withExtensions(expanded, platform, env)) {
        if (isExecutable(candidate)) return { ok: true, command: candidate, source: 'setting' };
      }
      return {
        ok: false,
        tried: [expanded],
        message:
          `The setting outreachLint.serverPath points to "${expanded}", which does not exist or cannot be run. ` +
          `Fix the path, or clear the setting to use the outreach-lint on your PATH (install it with \`${INSTALL_COMMAND}\` in a checkout of outreach-lint).`,
      };
    }
    const found = searchPath(expanded, platform, env, isExecutable, tried);
    if (found) return { ok: true, command: found, source: 'setting' };
    return {
      ok: false,
      tried,
      message:
        `The setting outreachLint.serverPath names the command "${configured}", which is not on PATH. ` +
        'Give the full path to the program instead, or clear the setting.',
    };
  }

  for (const candidate of [p.join(input.extensionPath, 'server', `${platform}-${input.arch}`, exe), p.join(input.extensionPath, 'server', exe)]) {
    tried.push(candidate);
    if (isExecutable(candidate)) return { ok: true, command: candidate, source: 'bundled' };
  }

  const onPath = searchPath('outreach-lint', platform, env, isExecutable, tried);
  if (onPath) return { ok: true, command: onPath, source: 'path' };

  const cargoHome = envValue(env, 'CARGO_HOME') ?? (homeDir(env, platform) ? p.join(homeDir(env, platform) as string, '.cargo') : undefined);
  if (cargoHome) {
    const candidate = p.join(cargoHome, 'bin', exe);
    tried.push(candidate);
    if (isExecutable(candidate)) return { ok: true, command: candidate, source: 'cargo-home' };
  }

  return {
    ok: false,
    tried,
    message:
      'Outreach Lint needs the outreach-lint program, and it is not on your PATH. ' +
      `Install it by running \`${INSTALL_COMMAND}\` in a checkout of the outreach-lint repository, ` +
      'then run "Outreach Lint: Restart server", or set outreachLint.serverPath to the program\'s full path.',
  };
}
