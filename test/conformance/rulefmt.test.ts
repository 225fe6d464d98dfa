/**
 * Rule file conformance (../shared/conformance/rulefmt): the good files load, each bad file
 * fails with an error containing upstream's text (expected_errors.json: the first error).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRuleFile, parseRules, type NameValidation } from '../../src/model/rulefmt/index.js';
import { sharedDir } from '../shared-dir.js';
import { skipReason } from '../skips.js';

interface Expected {
  file: string;
  error: string;
  name_validation: 'UTF8' | 'Legacy';
}

const dir = sharedDir('conformance', 'rulefmt');
const expected = JSON.parse(readFileSync(join(dir, 'expected_errors.json'), 'utf8')) as Expected[];
const goodFiles = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.bad.yaml'));

for (const file of goodFiles) {
  const skip = skipReason({ suite: 'rulefmt', file, line: 0 });
  test(`rulefmt good: ${file}`, { skip: skip ?? false }, () => {
    const nameValidation: NameValidation = file.startsWith('legacy_') ? 'legacy' : 'utf8';
    const rgs = loadRuleFile(join(dir, file), { nameValidation });
    assert.ok(rgs.groups.length > 0, 'no groups');
  });
}

for (const e of expected) {
  const skip = skipReason({ suite: 'rulefmt', file: e.file, line: 0 });
  test(`rulefmt bad: ${e.file}`, { skip: skip ?? false }, () => {
    const nameValidation: NameValidation = e.name_validation === 'Legacy' ? 'legacy' : 'utf8';
    const { errors } = parseRules(readFileSync(join(dir, e.file), 'utf8'), { nameValidation });
    assert.ok(errors.length > 0, 'expected an error');
    assert.ok((errors[0] as string).includes(e.error), `first error ${JSON.stringify(errors[0])} lacks ${JSON.stringify(e.error)}`);
  });
}

test('rulefmt: every bad file has an expectation', () => {
  const bad = readdirSync(dir).filter((f) => f.endsWith('.bad.yaml'));
  assert.deepEqual(bad.sort(), expected.map((e) => e.file).sort());
});
