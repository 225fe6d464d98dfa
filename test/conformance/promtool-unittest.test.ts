/**
 * `vigil test rules` against promtool's unit-test data (../shared/conformance/promtool): every
 * row of the rule unit-test table in EXPECTED.md runs through testRules with its options, and
 * the exit code and the key output (SUCCESS / FAILED and the error) are checked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { testRules } from '../../src/cmd/promtool/test-rules.js';
import { sharedDir } from '../shared-dir.js';
import { skipReason } from '../skips.js';

interface Row {
  line: number;
  file: string;
  options: string;
  exit: number;
}

const dir = sharedDir('conformance', 'promtool');

function rows(): Row[] {
  const text = readFileSync(join(dir, 'EXPECTED.md'), 'utf8').split('\n');
  const out: Row[] = [];
  let inTable = false;
  text.forEach((l, i) => {
    if (l.startsWith('## ')) inTable = l.includes('Rule unit tests');
    if (!inTable || !l.startsWith('| ') || l.startsWith('| test file') || l.startsWith('|---')) return;
    const cells = l.split('|').map((c) => c.trim());
    const file = cells[1] ?? '';
    const exit = Number(/^\d+/.exec(cells[4] ?? '')?.[0] ?? NaN);
    if (!file.endsWith('.yml') || Number.isNaN(exit)) return;
    out.push({ line: i + 1, file, options: cells[3] ?? '', exit });
  });
  return out;
}

function argsOf(r: Row): string[] {
  const args: string[] = [];
  for (const m of r.options.matchAll(/--run (\S+?)`?(?=\s|`|$)/g)) args.push(`--run=${m[1] ?? ''}`);
  if (r.options.includes('--ignore-unknown-fields')) args.push('--ignore-unknown-fields');
  args.push(join(dir, r.file));
  return args;
}

/** Text the failure output must contain, per file (upstream's error texts). */
const KEY_ERRORS: Readonly<Record<string, string>> = {
  'bad-input-series.yml': "parse error: unexpected character inside braces: '0'",
  'bad-promql.yml': 'many-to-many matching not allowed: matching labels must be unique on one side',
  'bad-rules-syntax-test.yml': 'could not parse expression',
  'bad-rules-error-test.yml': '    rule: joined, time: 0s, err: found duplicate series for the match group {a="1"}',
  'failing.yml': '    name: Failing alert test,\n    alertname: InstanceDown, time: 5m, \n        exp:[], \n        got:[\n',
  'rules_run_no_fuzzy.yml': 'got: {__name__="test_low"} 2.9999999999999996E+00',
};

const all = rows();
test('EXPECTED.md lists the rule unit-test rows', () => {
  assert.ok(all.length >= 20, `only ${all.length} rows parsed`);
});

for (const r of all) {
  const skip = skipReason({ suite: 'promtool-unittest', file: r.file, line: r.line });
  test(`test rules ${r.file} (${r.options}) -> ${r.exit}`, { skip: skip ?? false }, async () => {
    let out = '';
    let err = '';
    const code = await testRules(argsOf(r), { out: (s) => (out += s), err: (s) => (err += s) });
    assert.equal(code, r.exit, `stdout:\n${out}\nstderr:\n${err}`);
    assert.ok(out.startsWith(`Unit Testing:  ${join(dir, r.file)}\n`), out);
    if (r.exit === 0) {
      assert.match(out, /\n {2}SUCCESS\n\n$/);
      assert.equal(err, '');
    } else {
      assert.ok(err.startsWith('  FAILED:\n'), err);
      const key = KEY_ERRORS[r.file];
      if (key !== undefined) assert.ok(err.includes(key), `missing ${JSON.stringify(key)} in:\n${err}`);
    }
  });
}
