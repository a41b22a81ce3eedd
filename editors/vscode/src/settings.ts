// Turns the `outreachLint.*` settings VS Code holds into the settings object the server
// reads (initializationOptions, workspace/didChangeConfiguration, workspace/configuration).
// Pure, so it can be unit-tested without VS Code. Client-only settings (serverPath, trace)
// never reach the server.

/** The levels a rule or category can be set to. */
export const RULE_LEVELS = ['off', 'error', 'warning', 'info', 'hint'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

/** Channels with a length limit, and the server's defaults (0 means no limit). */
export const DEFAULT_LIMITS = {
  'linkedin-note': 300,
  'linkedin-message': 8000,
  'inmail-subject': 200,
  'inmail-body': 1900,
  email: 0,
} as const;
export type LimitName = keyof typeof DEFAULT_LIMITS;
export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as LimitName[];

/** The settings section name, in VS Code and on the wire. */
export const SECTION = 'outreachLint';

/** Settings that only the extension uses. */
export const CLIENT_ONLY_KEYS = ['serverPath', 'trace'] as const;

export interface ServerSettings {
  rules: Record<string, RuleLevel>;
  limits: Partial<Record<LimitName, number>>;
  templates: string[];
  maxFileBytes?: number;
  debounceMs?: number;
  scoreHint?: boolean;
}

export interface Mapped {
  settings: ServerSettings;
  /** One line per value that was dropped, for the output channel. */
  problems: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wholeNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/**
 * Maps the raw `outreachLint` configuration object (what
 * `workspace.getConfiguration('outreachLint')` holds) to the server's settings.
 * Unknown rule levels, negative or non-numeric limits and unknown channels are dropped with
 * a note in `problems` rather than sent, so one typo does not make the server reject the rest.
 */
export function toServerSettings(raw: unknown): Mapped {
  const problems: string[] = [];
  const source = isRecord(raw) ? raw : {};
  const settings: ServerSettings = { rules: {}, limits: {}, templates: [] };

  if (isRecord(source.rules)) {
    for (const [id, value] of Object.entries(source.rules)) {
      // `true` means on at the rule's own severity: nothing to override. `false` means off.
      if (value === true || value === null) continue;
      const level = value === false ? 'off' : typeof value === 'string' ? value.trim().toLowerCase() : undefined;
      if (level !== undefined && (RULE_LEVELS as readonly string[]).includes(level)) {
        settings.rules[id.trim()] = level as RuleLevel;
      } else {
        problems.push(`outreachLint.rules: "${id}" is set to ${JSON.stringify(value)}; use one of ${RULE_LEVELS.join(', ')}.`);
      }
    }
  } else if (source.rules !== undefined && source.rules !== null) {
    problems.push('outreachLint.rules must be an object such as { "generic-opener": "off" }.');
  }

  if (isRecord(source.limits)) {
    for (const [name, value] of Object.entries(source.limits)) {
      if (!(LIMIT_NAMES as string[]).includes(name)) {
        problems.push(`outreachLint.limits: "${name}" is not a channel; use one of ${LIMIT_NAMES.join(', ')}.`);
        continue;
      }
      if (value === null || value === undefined) continue;
      const n = wholeNumber(value);
      if (n === undefined) {
        problems.push(`outreachLint.limits: "${name}" must be a whole number of characters (0 for no limit), not ${JSON.stringify(value)}.`);
      } else {
        settings.limits[name as LimitName] = n;
      }
    }
  } else if (source.limits !== undefined && source.limits !== null) {
    problems.push('outreachLint.limits must be an object such as { "linkedin-note": 300 }.');
  }

  if (Array.isArray(source.templates)) {
    for (const glob of source.templates) {
      if (typeof glob === 'string' && glob.trim() !== '') settings.templates.push(glob.trim());
      else problems.push(`outreachLint.templates: ${JSON.stringify(glob)} is not a glob.`);
    }
  } else if (typeof source.templates === 'string' && source.templates.trim() !== '') {
    settings.templates.push(source.templates.trim());
  }

  for (const key of ['maxFileBytes', 'debounceMs'] as const) {
    const value = source[key];
    if (value === undefined || value === null) continue;
    const n = wholeNumber(value);
    if (n === undefined || (key === 'maxFileBytes' && n === 0)) {
      problems.push(`outreachLint.${key} must be a positive whole number, not ${JSON.stringify(value)}.`);
    } else {
      settings[key] = n;
    }
  }

  // Sent only when switched off or on explicitly as a boolean; the server's default is on.
  if (typeof source.scoreHint === 'boolean') {
    settings.scoreHint = source.scoreHint;
  } else if (source.scoreHint !== undefined && source.scoreHint !== null) {
    problems.push(`outreachLint.scoreHint must be true or false, not ${JSON.stringify(source.scoreHint)}.`);
  }

  return { settings, problems };
}

/** The payload of workspace/didChangeConfiguration for these settings. */
export function didChangeConfigurationParams(settings: ServerSettings): { settings: { [SECTION]: ServerSettings } } {
  return { settings: { [SECTION]: settings } };
}

/** The documents the server is given: drafts in markdown or plain text, saved or not. */
export const DOCUMENT_SELECTOR = [
  { language: 'markdown', scheme: 'file' },
  { language: 'markdown', scheme: 'untitled' },
  { language: 'plaintext', scheme: 'file' },
  { language: 'plaintext', scheme: 'untitled' },
];

/** The code action kind that fixes everything safe in a file (for editor.codeActionsOnSave). */
export const FIX_ALL_KIND = 'source.fixAll.outreach-lint';
