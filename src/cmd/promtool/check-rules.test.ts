import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRuleFile } from './check-rules.js';

const moduleUrl = new URL('./check-rules.js', import.meta.url).href;

function run(args: string[], input = ''): { code: number | null; stdout: string; stderr: string } {
  const script = `const m = await import(${JSON.stringify(moduleUrl)}); process.exitCode = await m.checkRules(${JSON.stringify(args)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'vigil-check-rules-')), 'r.yml');
  writeFileSync(p, text);
  return p;
}

const DUP = 'groups:\n  - name: g\n    rules:\n      - record: a\n        expr: up\n      - record: a\n        expr: up\n';

test('check rules: success, lint warnings, lint-fatal, errors', () => {
  const ok = file('groups:\n  - name: g\n    rules:\n      - record: a\n        expr: up\n');
  assert.deepEqual(run([ok]), { code: 0, stdout: `Checking ${ok}\n  SUCCESS: 1 rules found\n\n`, stderr: '' });
  const dup = file(DUP);
  const lint = run([dup]);
  assert.equal(lint.code, 0);
  assert.equal(lint.stderr, '  FAILED:\nlint error 1 duplicate rule(s) found.\nMetric: a\nLabel(s):\nMight cause inconsistency while recording expressions\n');
  assert.equal(run(['--lint-fatal', dup]).code, 3);
  assert.equal(run(['--lint=none', dup]).stdout, `Checking ${dup}\n  SUCCESS: 2 rules found\n\n`);
  const bad = file('groups:\n  - name: g\n    rules:\n      - record: a\n');
  const r = run([bad, ok]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `  FAILED:\n${bad}: 0:0: group "g", rule 1, "a": field 'expr' must be set in rule\n`);
  assert.equal(run(['/nonexistent/x.yml']).stderr, "vigil: error: path '/nonexistent/x.yml' does not exist, try --help\n");
});

test('check rules: standard input', () => {
  const r = run([], 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n');
  assert.deepEqual(r, { code: 0, stdout: 'Checking standard input\n  SUCCESS: 1 rules found\n\n', stderr: '' });
});

test('checkRuleFile seam for check config', () => {
  assert.deepEqual(checkRuleFile(file(DUP), false), { rules: 2, errors: [] });
  assert.equal(checkRuleFile(file(DUP), true).errors[0]?.lint, true);
});
