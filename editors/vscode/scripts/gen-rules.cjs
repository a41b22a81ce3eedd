#!/usr/bin/env node
// Regenerates rules.json and the `outreachLint.rules` setting in package.json from the
// outreach-lint binary (OUTREACH_LINT_BIN, default ../../target/debug/outreach-lint).
//   node scripts/gen-rules.cjs          rewrite both files
//   node scripts/gen-rules.cjs --check  exit 1 when either is out of date

'use strict';

const fs = require('fs');
const { isDeepStrictEqual } = require('util');
const schema = require('./rules-schema.cjs');

function main() {
  const check = process.argv.includes('--check');
  const rules = schema.rulesFromBinary();
  const pkg = JSON.parse(fs.readFileSync(schema.PACKAGE_JSON, 'utf8'));
  const properties = pkg.contributes.configuration.properties;
  const wanted = schema.rulesSettingSchema(rules);

  if (check) {
    const stale = [];
    let current;
    try {
      current = schema.rulesFromFile();
    } catch (err) {
      current = undefined;
    }
    if (!isDeepStrictEqual(current, rules)) stale.push('rules.json');
    if (!isDeepStrictEqual(properties[schema.SETTING], wanted)) stale.push(`package.json (${schema.SETTING})`);
    if (stale.length) {
      console.error(`Out of date with \`${schema.binaryPath()} rules --format json\`: ${stale.join(', ')}.`);
      console.error('Run `npm run rules` in editors/vscode and commit the result.');
      process.exit(1);
    }
    console.log(`rules.json and package.json match the binary (${rules.length} rules).`);
    return;
  }

  fs.writeFileSync(schema.RULES_JSON, JSON.stringify(rules, null, 2) + '\n');
  properties[schema.SETTING] = wanted;
  fs.writeFileSync(schema.PACKAGE_JSON, JSON.stringify(pkg, null, 2) + '\n');
  console.log(`Wrote rules.json and the ${schema.SETTING} setting (${rules.length} rules).`);
}

try {
  main();
} catch (err) {
  console.error(`gen-rules: ${err.message}`);
  process.exit(1);
}
