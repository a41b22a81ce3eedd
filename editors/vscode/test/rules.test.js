// The rules setting's descriptions come from `outreach-lint rules --format json`, through
// rules.json. These tests fail when the binary's rule list and the checked-in files differ;
// `npm run rules` brings them back in line.

'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');

const schema = require('../scripts/rules-schema.cjs');
const { serverBinary } = require('./helpers.cjs');

const FIX = 'Run `npm run rules` in editors/vscode and commit rules.json and package.json.';

test('rules.json is what the binary reports', () => {
  const fromBinary = schema.rulesFromBinary(serverBinary());
  const checkedIn = schema.rulesFromFile();
  assert.ok(fromBinary.length > 0, 'the binary reports no rules');
  assert.deepEqual(checkedIn, fromBinary, `rules.json is out of date. ${FIX}`);
});

test('the rules setting in package.json is generated from rules.json', () => {
  const pkg = JSON.parse(fs.readFileSync(schema.PACKAGE_JSON, 'utf8'));
  const contributed = pkg.contributes.configuration.properties[schema.SETTING];
  assert.deepEqual(contributed, schema.rulesSettingSchema(schema.rulesFromFile()), `package.json is out of date. ${FIX}`);
});

test('every rule and category has a settings entry with its message', () => {
  const rules = schema.rulesFromFile();
  const { properties } = schema.rulesSettingSchema(rules);
  for (const rule of rules) {
    assert.ok(properties[rule.id], rule.id);
    assert.ok(properties[rule.id].markdownDescription.includes(rule.message), `${rule.id} description lacks its message`);
    assert.ok(properties[rule.category], rule.category);
    assert.ok(properties[rule.category].markdownDescription.includes(`\`${rule.id}\``), `${rule.category} does not list ${rule.id}`);
  }
});

test('the generator refuses a malformed rule list', () => {
  assert.throws(() => schema.normalise({}), /array/);
  assert.throws(() => schema.normalise([{ category: 'x', message: 'y' }]), /"id"/);
});
