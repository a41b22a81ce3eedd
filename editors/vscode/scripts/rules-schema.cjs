// Builds the `outreachLint.rules` settings schema from the rule list that
// `outreach-lint rules --format json` prints. Shared by scripts/gen-rules.cjs (which writes
// rules.json and package.json) and the drift test (which checks both still match the binary).

'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const LEVELS = ['off', 'error', 'warning', 'info', 'hint'];
const LEVEL_DESCRIPTIONS = [
  'Do not run it.',
  'Report it as an error.',
  'Report it as a warning.',
  'Report it as information.',
  'Show it as a hint (a faint underline in most themes).',
];
const FIELDS = ['id', 'category', 'severity', 'kind', 'message', 'hint'];

const EXTENSION_DIR = path.resolve(__dirname, '..');
const REPO_ROOT = path.resolve(EXTENSION_DIR, '..', '..');
const RULES_JSON = path.join(EXTENSION_DIR, 'rules.json');
const PACKAGE_JSON = path.join(EXTENSION_DIR, 'package.json');
const SETTING = 'outreachLint.rules';

/** The outreach-lint binary the rule list is read from. */
function binaryPath() {
  const fromEnv = process.env.OUTREACH_LINT_BIN;
  if (fromEnv) return path.resolve(REPO_ROOT, fromEnv);
  return path.join(REPO_ROOT, 'target', 'debug', process.platform === 'win32' ? 'outreach-lint.exe' : 'outreach-lint');
}

/** Keeps the documented fields of each rule, in a fixed key order. */
function normalise(rules) {
  if (!Array.isArray(rules)) throw new Error('the rule list is not a JSON array');
  return rules.map((rule) => {
    const out = {};
    for (const key of FIELDS) {
      if (rule[key] === undefined || rule[key] === null) {
        if (key === 'id' || key === 'category' || key === 'message') {
          throw new Error(`a rule has no "${key}": ${JSON.stringify(rule)}`);
        }
        continue;
      }
      out[key] = rule[key];
    }
    return out;
  });
}

/** Runs `outreach-lint rules --format json` and returns the normalised list. */
function rulesFromBinary(bin = binaryPath()) {
  if (!fs.existsSync(bin)) {
    throw new Error(`${bin} does not exist: build it with \`cargo build\` in ${REPO_ROOT}, or set OUTREACH_LINT_BIN`);
  }
  const run = spawnSync(bin, ['rules', '--format', 'json'], { encoding: 'utf8', cwd: EXTENSION_DIR, maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`${bin} rules --format json exited with ${run.status}: ${run.stderr}`);
  return normalise(JSON.parse(run.stdout));
}

function rulesFromFile(file = RULES_JSON) {
  return normalise(JSON.parse(fs.readFileSync(file, 'utf8')));
}

function levelSchema(markdownDescription) {
  return { type: 'string', enum: LEVELS, enumDescriptions: LEVEL_DESCRIPTIONS, markdownDescription };
}

function ruleDescription(rule) {
  const parts = [rule.message.endsWith('.') ? rule.message : `${rule.message}.`];
  if (rule.hint) parts.push(`Instead: ${rule.hint}`);
  parts.push(`Category \`${rule.category}\`; ${rule.severity ? `\`${rule.severity}\` unless changed` : 'default severity'}.`);
  return parts.join('\n\n');
}

/** The JSON schema of the `outreachLint.rules` setting for a rule list. */
function rulesSettingSchema(rules) {
  const byCategory = new Map();
  for (const rule of rules) {
    if (!byCategory.has(rule.category)) byCategory.set(rule.category, []);
    byCategory.get(rule.category).push(rule.id);
  }
  const properties = {};
  for (const [category, ids] of [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    properties[category] = levelSchema(
      `Every rule in the \`${category}\` category at once: ${ids.map((id) => `\`${id}\``).join(', ')}. A setting for a single rule wins over its category.`,
    );
  }
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    const description = ruleDescription(rule);
    properties[rule.id] = properties[rule.id]
      ? levelSchema(`${properties[rule.id].markdownDescription}\n\nAlso the rule \`${rule.id}\`: ${description}`)
      : levelSchema(description);
  }
  return {
    type: 'object',
    order: 0,
    default: {},
    markdownDescription:
      'Switch rules off or change how loudly they are reported. Each key is a rule id or a category; each value is `off`, `error`, `warning`, `info` or `hint`. ' +
      'These settings apply on top of `.outreach-lint.toml`. Run `outreach-lint rules` to list the rules, or `outreach-lint explain RULE` to read about one.',
    properties,
    additionalProperties: levelSchema('A rule or category defined in your `.outreach-lint.toml`.'),
  };
}

module.exports = {
  LEVELS,
  RULES_JSON,
  PACKAGE_JSON,
  SETTING,
  REPO_ROOT,
  binaryPath,
  normalise,
  rulesFromBinary,
  rulesFromFile,
  rulesSettingSchema,
};
