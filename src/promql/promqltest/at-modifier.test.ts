import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atModifierTestCases } from './at-modifier.js';

test('pins @ on selectors and subqueries at the upstream eval times', () => {
  const cases = atModifierTestCases('sum(rate(foo[5m])) + bar', 100_000);
  assert.deepEqual(
    cases.map((c) => c.evalTime),
    [-1_000_000, 0, 20_000, 100_000, 1_000_000],
  );
  assert.equal(cases[0]?.expr, 'sum(rate(foo[5m] @ 100.000)) + bar @ 100.000');
});

test('t = 0 uses -1s, 0 and 1s', () => {
  assert.deepEqual(
    atModifierTestCases('foo', 0).map((c) => c.evalTime),
    [-1000, 0, 1000],
  );
});

test('selectors inside a pinned subquery and already pinned selectors are left alone', () => {
  const [c] = atModifierTestCases('max_over_time(foo[5m:1m] @ 50) + bar @ 10', 60_000);
  assert.equal(c?.expr, 'max_over_time(foo[5m:1m] @ 50.000) + bar @ 10.000');
  const [d] = atModifierTestCases('max_over_time(foo[5m:1m])', 60_000);
  assert.equal(d?.expr, 'max_over_time(foo[5m:1m] @ 60.000)');
});

test('at-unsafe functions disable the reruns', () => {
  assert.deepEqual(atModifierTestCases('timestamp(foo)', 60_000), []);
  assert.deepEqual(atModifierTestCases('time() - foo', 60_000), []);
});
