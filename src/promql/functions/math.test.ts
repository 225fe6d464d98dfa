import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FloatHistogram } from '../../model/value/index.js';
import type { Vector } from '../value/index.js';
import { callFn, enh, labels, num, sampleOf, scalarVec, vectorSelector } from './fixtures.js';
import { goLog2 } from './math.js';

const data: Vector = [2.5, 2, -2.5, -2, 0, -0, Infinity, -Infinity, NaN].map((v, i) =>
  sampleOf(labels({ __name__: 'data', i: String(i) }), v),
);
data.push(sampleOf(labels({ __name__: 'data', i: 'h' }), 0, 0, new FloatHistogram()));

function apply(fn: string, vv: Vector[] = [data], nargs = 1): number[] {
  const args = [vectorSelector('data'), ...Array.from({ length: nargs - 1 }, () => num(0))];
  return callFn(fn, vv, [], args, enh(0)).out.map((s) => s.f);
}

test('abs/ceil/floor/round on special values (functions.test), histograms skipped', () => {
  assert.deepEqual(apply('abs'), [2.5, 2, 2.5, 2, 0, 0, Infinity, Infinity, NaN]);
  assert.deepEqual(apply('ceil'), [3, 2, -2, -2, 0, -0, Infinity, -Infinity, NaN]);
  assert.deepEqual(apply('floor'), [2, 2, -3, -2, 0, -0, Infinity, -Infinity, NaN]);
  assert.deepEqual(apply('round'), [3, 2, -2, -2, 0, 0, Infinity, -Infinity, NaN]);
  assert.deepEqual(apply('round', [data.slice(0, 3), scalarVec(0.2)], 2), [2.6, 2, -2.4]);
});

test('float functions drop the metric name, or mark it with delayed removal', () => {
  const out = callFn('abs', [data], [], [vectorSelector('data')], enh(0)).out;
  assert.equal(out[0]?.metric.get('__name__'), '');
  assert.equal(out[0]?.dropName, true);
  const delayed = callFn('abs', [data], [], [vectorSelector('data')], enh(0, { enableDelayedNameRemoval: true })).out;
  assert.equal(delayed[0]?.metric.get('__name__'), 'data');
  assert.equal(delayed[0]?.dropName, true);
});

test('clamp family, sgn, logs', () => {
  const v = [-50, 0, 100].map((x) => sampleOf(labels({}), x));
  assert.deepEqual(apply('clamp_max', [v, scalarVec(75)], 2), [-50, 0, 75]);
  assert.deepEqual(apply('clamp_min', [v, scalarVec(-25)], 2), [-25, 0, 100]);
  assert.deepEqual(apply('clamp', [v, scalarVec(-25), scalarVec(75)], 3), [-25, 0, 75]);
  assert.deepEqual(apply('clamp', [v, scalarVec(5), scalarVec(-5)], 3), []);
  assert.ok(apply('clamp', [v, scalarVec(0), scalarVec(NaN)], 3).every(Number.isNaN));
  assert.deepEqual(apply('sgn', [[-Infinity, -50, 0, 100].map((x) => sampleOf(labels(), x))]), [-1, -1, 0, 1]);
  assert.equal(goLog2(8), 3);
  assert.ok(Math.abs(goLog2(10) - 3.3219280948873626) < 1e-12);
  assert.equal(goLog2(0.5), -1);
  assert.equal(apply('log10', [[sampleOf(labels(), 10)]])[0], 1);
  assert.equal(apply('exp', [[sampleOf(labels(), 10)]])[0], 22026.465794806718);
});

test('scalar, vector, time, pi, min_of, max_of, timestamp', () => {
  const s = (fn: string, vv: Vector[] = [], ts = 0): number | undefined => callFn(fn, vv, [], [], enh(ts)).out[0]?.f;
  assert.ok(Number.isNaN(s('scalar', [[sampleOf(labels({ a: '1' }), 1), sampleOf(labels({ a: '2' }), 2)]]) as number));
  assert.ok(Number.isNaN(s('scalar', [[]]) as number));
  assert.equal(s('scalar', [[sampleOf(labels({ a: '1' }), 1), sampleOf(labels({ a: '2' }), 0, 0, new FloatHistogram())]]), 1);
  assert.equal(s('vector', [scalarVec(3)]), 3);
  assert.equal(s('time', [], 3_000_000), 3000);
  assert.equal(s('pi'), Math.PI);
  assert.ok(Number.isNaN(s('min_of', [scalarVec(NaN), scalarVec(3)]) as number));
  assert.equal(s('max_of', [scalarVec(-2), scalarVec(-5)]), -2);
  assert.equal(s('timestamp', [[sampleOf(labels(), 7, 10_000)]]), 10);
});

test('start_timestamp reads the aligned start timestamps', () => {
  const vec = [sampleOf(labels({ a: '1' }), 1), sampleOf(labels({ a: '2' }), 2)];
  const h = enh(0, { startTimestamps: { floats: [5_000], histograms: [] } });
  assert.deepEqual(callFn('start_timestamp', [vec], [], [vectorSelector('x')], h).out.map((x) => x.f), [5]);
  assert.equal(callFn('start_timestamp', [vec], [], [vectorSelector('x')], enh(0)).out.length, 0);
});
