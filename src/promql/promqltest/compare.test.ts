import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { CounterResetHint, FloatHistogram, StaleNaN } from '../../model/value/index.js';
import { newSeries, sample } from '../value/index.js';
import { type SequenceValue, newEvalCmd } from './commands.js';
import { almostEqual, assertMatrixSorted, compareResult, histogramsMatch } from './compare.js';

const f = (value: number): SequenceValue => ({ value, omitted: false, histogram: null, counterResetHintSet: false });
const gap: SequenceValue = { value: 0, omitted: true, histogram: null, counterResetHintSet: false };

function instantEval(expected: [Labels, SequenceValue[]][]) {
  const ev = newEvalCmd('q', 1, false);
  expected.forEach(([l, vals], i) => {
    ev.metrics.set(l.key(), l);
    ev.expected.set(l.key(), { pos: i + 1, vals });
  });
  return ev;
}

test('almostEqual follows util/almost', () => {
  assert.ok(almostEqual(1, 1 + 1e-9));
  assert.ok(!almostEqual(1, 1.001));
  assert.ok(almostEqual(NaN, NaN));
  assert.ok(!almostEqual(NaN, StaleNaN));
  assert.ok(almostEqual(StaleNaN, StaleNaN));
  assert.ok(!almostEqual(0, 1e-300));
  assert.ok(almostEqual(Infinity, Infinity));
  assert.ok(!almostEqual(Infinity, -Infinity));
  assert.ok(almostEqual(0, -0));
});

test('vector comparison ignores order unless ordered', () => {
  const a = Labels.fromObject({ __name__: 'x', i: 'a' });
  const b = Labels.fromObject({ __name__: 'x', i: 'b' });
  const ev = instantEval([
    [a, [f(1)]],
    [b, [f(2)]],
  ]);
  const vec = [sample(b, 0, 2), sample(a, 0, 1)];
  assert.equal(compareResult(ev, { type: 'vector', value: vec }), null);
  ev.ordered = true;
  assert.match(compareResult(ev, { type: 'vector', value: vec }) ?? '', /at position 2 but was at 1/);
});

test('vector comparison reports missing, unexpected and wrong values', () => {
  const a = Labels.fromObject({ __name__: 'x', i: 'a' });
  const b = Labels.fromObject({ __name__: 'x', i: 'b' });
  const ev = instantEval([[a, [f(1)]]]);
  assert.match(compareResult(ev, { type: 'vector', value: [] }) ?? '', /^expected metric .* not found$/);
  assert.match(compareResult(ev, { type: 'vector', value: [sample(a, 0, 1), sample(b, 0, 3)] }) ?? '', /unexpected metric/);
  assert.equal(compareResult(ev, { type: 'vector', value: [sample(a, 0, 2)] }), `expected 1 for {__name__="x", i="a"} but got 2`);
  assert.match(compareResult(ev, { type: 'scalar', value: { t: 0, v: 1 } }) ?? '', /expected vector or matrix result/);
});

test('scalar and string comparison', () => {
  const ev = newEvalCmd('q', 1, false);
  ev.scalar = { pos: 0, vals: [f(NaN)] };
  ev.expectScalar = true;
  assert.equal(compareResult(ev, { type: 'scalar', value: { t: 0, v: NaN } }), null);
  assert.equal(compareResult(ev, { type: 'scalar', value: { t: 0, v: 1 } }), 'expected scalar NaN but got 1');
  const s = newEvalCmd('q', 1, false);
  s.expectedString = 'foo';
  assert.equal(compareResult(s, { type: 'string', value: { t: 0, v: 'foo' } }), null);
  assert.equal(compareResult(s, { type: 'string', value: { t: 0, v: 'bar' } }), 'expected string "foo" but got "bar"');
});

test('matrix comparison aligns expected values to the steps, with gaps', () => {
  const a = Labels.fromObject({ __name__: 'x' });
  const ev = newEvalCmd('q', 1, true);
  ev.start = 0;
  ev.end = 120_000;
  ev.step = 60_000;
  ev.metrics.set(a.key(), a);
  ev.expected.set(a.key(), { pos: 1, vals: [f(1), gap, f(3)] });
  const s = newSeries(a);
  s.floats.push(0, 1);
  s.floats.push(120_000, 3);
  assert.equal(compareResult(ev, { type: 'matrix', value: [s] }), null);
  const wrong = newSeries(a);
  wrong.floats.push(0, 1);
  wrong.floats.push(60_000, 3);
  assert.match(compareResult(ev, { type: 'matrix', value: [wrong] }) ?? '', /to have timestamp 120000, but it had timestamp 60000/);
  ev.expected.set(a.key(), { pos: 1, vals: [f(1), gap, f(3), f(4)] });
  assert.match(compareResult(ev, { type: 'matrix', value: [s] }) ?? '', /cannot return this many points/);
});

test('matrix must be sorted by labels', () => {
  const a = newSeries(Labels.fromObject({ i: 'a' }));
  const b = newSeries(Labels.fromObject({ i: 'b' }));
  assert.equal(assertMatrixSorted([a, b]), null);
  assert.match(assertMatrixSorted([b, a]) ?? '', /not sorted/);
});

function hist(buckets: number[], spans: { offset: number; length: number }[]): FloatHistogram {
  const h = new FloatHistogram();
  h.count = buckets.reduce((x, y) => x + y, 0);
  h.sum = 10;
  h.positiveBuckets = buckets;
  h.positiveSpans = spans;
  return h;
}

test('histogram comparison ignores empty buckets and span layout', () => {
  const a = hist([1, 0, 2], [{ offset: 0, length: 3 }]);
  const b = hist([1, 2], [
    { offset: 0, length: 1 },
    { offset: 1, length: 1 },
  ]);
  assert.ok(histogramsMatch(a, b, false));
  const c = hist([1, 2], [{ offset: 0, length: 2 }]);
  assert.ok(!histogramsMatch(a, c, false));
});

test('histogram counter reset hint compared only when set', () => {
  const a = hist([1], [{ offset: 0, length: 1 }]);
  const b = a.copy();
  b.counterResetHint = CounterResetHint.Gauge;
  assert.ok(histogramsMatch(a, b, false));
  assert.ok(!histogramsMatch(a, b, true));
});
