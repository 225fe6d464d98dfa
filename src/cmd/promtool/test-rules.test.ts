import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { testRules } from './test-rules.js';
import { goDuration, formatFloatE } from './unittest-format.js';

const dir = mkdtempSync(join(tmpdir(), 'vigil-test-rules-'));
after(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'rules.yml'),
  `groups:
  - name: g
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: Down
        expr: up == 0
        for: 2m
        labels: {severity: page}
        annotations: {summary: "{{ $labels.instance }} down"}
`,
);

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await testRules(args, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

function file(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
}

const GOOD = `rule_files: [rules.yml]
evaluation_interval: 1m
tests:
  - name: ok
    interval: 1m
    input_series:
      - series: 'up{job="a", instance="i1"}'
        values: '0x5'
      - series: 'up{job="a", instance="i2"}'
        values: '1+0x5'
    alert_rule_test:
      - eval_time: 1m
        alertname: Down
      - eval_time: 3m
        alertname: Down
        exp_alerts:
          - exp_labels: {severity: page, instance: i1, job: a}
            exp_annotations: {summary: i1 down}
    promql_expr_test:
      - expr: job:up:sum
        eval_time: 4m
        exp_samples:
          - labels: 'job:up:sum{job="a"}'
            value: 1
  - name: wrong
    interval: 1m
    input_series:
      - series: 'up{job="a", instance="i1"}'
        values: '0x5'
    alert_rule_test:
      - eval_time: 3m
        alertname: Down
`;

test('a passing file prints SUCCESS and exits 0', async () => {
  const r = await run(['--run=ok', file('good.yml', GOOD)]);
  assert.equal(r.err, '');
  assert.equal(r.out, `Unit Testing:  ${join(dir, 'good.yml')}\n  SUCCESS\n\n`);
  assert.equal(r.code, 0);
});

test('an unexpected firing alert prints promtool exp/got text and exits 1', async () => {
  const p = join(dir, 'good.yml');
  const junit = join(dir, 'out.xml');
  const r = await run(['--run', 'wrong', `--junit=${junit}`, p]);
  assert.equal(r.code, 1);
  assert.equal(
    r.err,
    [
      '  FAILED:',
      '    name: wrong,',
      '    alertname: Down, time: 3m, ',
      '        exp:[], ',
      '        got:[',
      '            0:',
      '              Labels:{alertname="Down", instance="i1", job="a", severity="page"}',
      '              Annotations:{summary="i1 down"}',
      '            ]',
      '',
    ].join('\n'),
  );
  assert.equal(r.out, `Unit Testing:  ${p}\n\n\n`);
  assert.match(readFileSync(junit, 'utf8'), /<testcase name="wrong">\s*<failure>/);
});

test('unknown fields, repeated group order and missing alertname are errors', async () => {
  const r1 = await run([file('unknown.yml', 'tests:\n  - interval: 1m\n    bogus: 1\n')]);
  assert.equal(r1.code, 1);
  assert.match(r1.err, /yaml: unmarshal errors:\n {2}line 3: field bogus not found in type main.testGroup/);
  const r2 = await run([file('order.yml', 'group_eval_order: [a, a]\ntests: []\n')]);
  assert.match(r2.err, /group name repeated in evaluation order: a/);
  const r3 = await run([file('noname.yml', 'tests:\n  - name: t\n    alert_rule_test:\n      - eval_time: 1m\n')]);
  assert.match(r3.err, /an item under alert_rule_test misses required attribute alertname at eval_time 1m \(in TestGroup t\)/);
});

test('promql_expr_test mismatch shows %E floats', async () => {
  const p = file(
    'expr.yml',
    `tests:
  - input_series:
      - series: x
        values: '0.5'
    promql_expr_test:
      - expr: x * 3
        eval_time: 0m
        exp_samples:
          - value: 2
`,
  );
  const r = await run([p]);
  assert.equal(r.code, 1);
  assert.ok(r.err.includes('    expr: "x * 3", time: 0s,\n        exp: {} 2E+00\n        got: {} 1.5E+00\n'), r.err);
});

test('Go duration and float texts', () => {
  assert.equal(goDuration(0), '0s');
  assert.equal(goDuration(300_000), '5m0s');
  assert.equal(goDuration(3_723_500), '1h2m3.5s');
  assert.equal(formatFloatE(2.9999999999999996), '2.9999999999999996E+00');
  assert.equal(formatFloatE(1e-7), '1E-07');
});
