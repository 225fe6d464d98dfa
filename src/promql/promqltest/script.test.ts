import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isStaleNaN } from '../../model/value/index.js';
import type { EvalCmd, LoadCmd, TestCommand } from './commands.js';
import { formatFloat, unquote } from '../../model/strconv/index.js';
import { parseModelDuration } from '../parser/index.js';
import { parseTestScript } from './script.js';
import { parseNumber, parseSTSequence } from './series-line.js';

function only<K extends TestCommand['kind']>(cmds: TestCommand[], kind: K): Extract<TestCommand, { kind: K }>[] {
  return cmds.filter((c): c is Extract<TestCommand, { kind: K }> => c.kind === kind);
}

test('durations use model.ParseDuration syntax', () => {
  assert.equal(parseModelDuration('0'), 0);
  assert.equal(parseModelDuration('1h30m'), 5_400_000);
  assert.equal(parseModelDuration('100ms'), 100);
  assert.throws(() => parseModelDuration('1.5m'), /unknown unit "\." in duration "1\.5m"/);
  assert.throws(() => parseModelDuration('5m1h'), /not a valid duration/);
  assert.throws(() => parseModelDuration(''), /empty duration/);
});

test('bare numbers follow Go strconv', () => {
  assert.equal(parseNumber('1'), 1);
  assert.equal(parseNumber('-2.5e3'), -2500);
  assert.equal(parseNumber('0x10'), 16);
  assert.equal(parseNumber('1_000'), 1000);
  assert.equal(parseNumber('+Inf'), Infinity);
  assert.ok(Number.isNaN(parseNumber('NaN')));
  assert.equal(parseNumber('{} 1'), null);
  assert.equal(parseNumber('foo'), null);
});

test('@st sequences', () => {
  const v = parseSTSequence('_ -1m -30s+10sx2 0sx1 _x2');
  assert.deepEqual(
    v.map((x) => (x.omitted ? '_' : x.value)),
    ['_', -60_000, -30_000, -20_000, -10_000, 0, 0, '_', '_'],
  );
  assert.throws(() => parseSTSequence('1m30s'), /invalid ST item/);
});

test('Go-style float formatting', () => {
  assert.equal(formatFloat(1e6), '1e+06');
  assert.equal(formatFloat(100000), '100000');
  assert.equal(formatFloat(0.0001), '0.0001');
  assert.equal(formatFloat(0.00001), '1e-05');
  assert.equal(formatFloat(-Infinity), '-Inf');
});

test('Go unquoting of expect string literals', () => {
  assert.equal(unquote('"a\\tb"'), 'a\tb');
  assert.equal(unquote('`raw\\n`'), 'raw\\n');
  assert.throws(() => unquote('"bad'));
});

test('load expands values with steps, gaps and stale markers', () => {
  const cmds = parseTestScript(`
# comment
load 1m
  foo{a="b"} 1+2x2 _ stale 5

load_with_nhcb 30s
  bar_bucket{le="1"} 1x1
`);
  const loads = only(cmds, 'load') as LoadCmd[];
  assert.equal(loads.length, 2);
  const first = [...(loads[0] as LoadCmd).series.values()][0];
  assert.ok(first);
  assert.deepEqual(
    first.samples.map((s) => [s.t, isStaleNaN(s.f) ? 'stale' : s.f]),
    [
      [0, 1],
      [60_000, 3],
      [120_000, 5],
      [240_000, 'stale'],
      [300_000, 5],
    ],
  );
  assert.equal(loads[1]?.withNHCB, true);
  assert.equal(loads[1]?.step, 30_000);
});

test('@st lines give start timestamps relative to each sample', () => {
  const [load] = only(
    parseTestScript(`load 1m
  foo@st -1m _ 0s
  foo 1 2 3
`),
    'load',
  );
  const s = [...(load as LoadCmd).series.values()][0];
  assert.deepEqual(
    s?.samples.map((x) => x.st),
    [-60_000 + 0, 0, 120_000],
  );
});

test('eval headers, expect lines and expected results', () => {
  const cmds = parseTestScript(`
eval instant at 1m sum(foo)
  expect warn msg: PromQL warning: x (1:1)
  expect no_info
  {} 3

eval range from 0 to 2m step 1m foo
  expect ordered
  foo{a="b"} 1 _ 3

eval_fail instant at 0 foo
  expected_fail_message boom

eval instant at 10s 1 + 1
  2

eval instant at 1m foo[1m]
  expect range vector from 10s to 1m step 10s
  foo 1 2 3 4 5 6

eval instant at 0 "x"
  expect string "x"
`);
  const evals = only(cmds, 'eval') as EvalCmd[];
  assert.equal(only(cmds, 'error').length, 0, JSON.stringify(only(cmds, 'error')));
  assert.equal(evals.length, 6);
  const [a, b, c, d, e, f] = evals as [EvalCmd, EvalCmd, EvalCmd, EvalCmd, EvalCmd, EvalCmd];
  assert.equal(a.line, 2);
  assert.equal(a.eval, 60_000);
  assert.equal(a.expects.warn[0]?.message, 'PromQL warning: x (1:1)');
  assert.equal(a.expects.no_info.length, 1);
  assert.equal([...a.expected.values()][0]?.pos, 1);
  assert.ok(b.isRange);
  assert.deepEqual([b.start, b.end, b.step], [0, 120_000, 60_000]);
  assert.equal([...b.expected.values()][0]?.vals.length, 3);
  assert.ok(c.fail);
  assert.equal(c.expectedFailMessage, 'boom');
  assert.ok(d.expectScalar);
  assert.equal(d.scalar?.vals[0]?.value, 2);
  assert.deepEqual([e.start, e.end, e.step, e.eval], [10_000, 60_000, 10_000, 60_000]);
  assert.ok(e.excludeFromRangeQuery);
  assert.equal(f.expectedString, 'x');
});

test('script errors are reported at their line and parsing continues', () => {
  const cmds = parseTestScript(`
bogus command

eval instant at 1m foo
  foo 1 2

eval instant at 1m sum(
  {} 1

eval instant at 1m foo
  foo 1
`);
  const errs = only(cmds, 'error');
  assert.deepEqual(
    errs.map((e) => e.line),
    [2, 4, 7],
  );
  assert.match(errs[0]?.message ?? '', /invalid command "bogus command"/);
  assert.match(errs[1]?.message ?? '', /expecting multiple values in instant evaluation not allowed/);
  assert.equal(only(cmds, 'eval').length, 1);
});

test('deprecated eval_* forms', () => {
  const evals = only(
    parseTestScript(`
eval_ordered instant at 1m sort(foo)
  foo 1

eval_warn range from 0 to 1m step 30s foo
  foo 1 2 3

eval_info instant at 1m foo

eval_fail instant at 1m foo
  expected_fail_regexp ^boom$
`),
    'eval',
  ) as EvalCmd[];
  assert.equal(evals.length, 4);
  assert.ok(evals[0]?.ordered);
  assert.ok(evals[1]?.warn && evals[1].isRange);
  assert.ok(evals[2]?.info);
  assert.ok(evals[3]?.fail);
  assert.ok(evals[3]?.expectedFailRegexp?.test('boom'));
});
