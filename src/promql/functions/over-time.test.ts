import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FloatHistogram } from '../../model/value/index.js';
import { Annotations } from '../value/index.js';
import { callFn, enh, floatSeries, labels, matrixSelector, num, scalarVec } from './fixtures.js';

function values(...vs: number[]): Array<[number, number]> {
  return vs.map((v, i) => [i * 10_000, v]);
}

function run(fn: string, vs: number[], vectorVals = [] as ReturnType<typeof scalarVec>[], hist = 0): { f: number | undefined; annos: Annotations } {
  const annos = new Annotations();
  const hs: Array<[number, FloatHistogram]> = [];
  for (let i = 0; i < hist; i++) hs.push([100_000 + i, new FloatHistogram()]);
  const s = floatSeries(labels({ __name__: 'm' }), values(...vs), hs);
  const args = vectorVals.length > 0 ? [num(0), matrixSelector(60_000)] : [matrixSelector(60_000)];
  const r = callFn(fn, vectorVals, [s], args, enh(60_000), annos);
  return { f: r.out[0]?.f, annos };
}

const f = (fn: string, ...vs: number[]): number | undefined => run(fn, vs).f;

test('avg_over_time: Kahan summation, overflow-safe incremental mean (functions.test)', () => {
  assert.equal(f('avg_over_time', 1, 2, 3, 4, 5), 3);
  assert.equal(f('avg_over_time', 1, 2, 3, 4, Infinity), Infinity);
  assert.ok(Number.isNaN(f('avg_over_time', 1, 2, 3, Infinity, -Infinity) as number));
  assert.equal(f('avg_over_time', Infinity, 0, Infinity), Infinity);
  assert.equal(f('avg_over_time', 9.988465674311579e307, 9.988465674311579e307), 9.988465674311579e307);
  assert.equal(f('avg_over_time', -9.988465674311579e307, -9.988465674311579e307, -9.988465674311579e307), -9.988465674311579e307);
  assert.equal(f('avg_over_time', -9.988465674311579e307, 9.988465674311579e307), 0);
  assert.equal(f('avg_over_time', 1, 1e100, 1, -1e100), 0.5);
  assert.equal(f('avg_over_time', 1e10, 1e-6, 1e-6, 1e-6, 1e-6, 1e-6), 1.6666666666666675e9);
  const near = (a: number | undefined, b: number): boolean => a !== undefined && Math.abs(a - b) <= 1e-6 * Math.abs(b);
  assert.ok(near(f('avg_over_time', 1.78264e50, 0.76342771, 1.9592258, 2.258e220, 7.69805412, 458.90154), 3.76333333333333e219));
  assert.ok(near(f('avg_over_time', -1.78264e215, 0.76342771, 1.9592258, 2.258e220, 7.69805412, 1.78264e215, -458.90154), 3.225714285714286e219));
  assert.equal(f('avg_over_time', ...new Array<number>(11).fill(52)), 52);
});

test('sum_over_time with Kahan summation', () => {
  assert.equal(f('sum_over_time', 1, 1e100, 1, -1e100), 2);
  assert.equal(f('sum_over_time', 9.988465674311579e307, 9.988465674311579e307), Infinity);
});

test('avg/sum_over_time warn on a mix of floats and histograms', () => {
  const r = run('sum_over_time', [1, 2], [], 1);
  assert.equal(r.f, undefined);
  assert.equal(r.annos.warnings()[0]?.message, 'encountered a mix of histograms and floats for metric name "m"');
});

test('min/max_over_time and NaN handling', () => {
  assert.equal(f('min_over_time', 2, 0, 3), 0);
  assert.equal(f('min_over_time', 2, 0, NaN), 0);
  assert.equal(f('min_over_time', NaN, 0, 1), 0);
  assert.ok(Number.isNaN(f('min_over_time', NaN, NaN, NaN) as number));
  assert.equal(f('max_over_time', 2, NaN, 1), 2);
  assert.equal(f('max_over_time', NaN, 0, 1), 1);
  const r = run('max_over_time', [0, 1], [], 2);
  assert.equal(r.f, 1);
  assert.equal(r.annos.infos()[0]?.message, 'ignored histograms in a range containing both floats and histograms for metric name "m"');
});

test('ts_of_min/max/first/last_over_time', () => {
  const s = floatSeries(labels(), [1, 2, 3, 0, 5, 6, 2, 1, 4].map((v, i) => [i * 10_053, v]));
  const at = (fn: string): number | undefined => callFn(fn, [], [s], [matrixSelector(90_000)], enh(90_000)).out[0]?.f;
  assert.equal(at('ts_of_min_over_time'), 30.159);
  assert.equal(at('ts_of_max_over_time'), 50.265);
  assert.equal(at('ts_of_first_over_time'), 0);
  assert.equal(at('ts_of_last_over_time'), 80.424);
  const h = floatSeries(labels(), [], [[10_053, new FloatHistogram()], [40_212, new FloatHistogram()]]);
  assert.equal(callFn('ts_of_last_over_time', [], [h], [matrixSelector(90_000)], enh(95_000)).out[0]?.f, 40.212);
  assert.equal(callFn('ts_of_first_over_time', [], [h], [matrixSelector(90_000)], enh(95_000)).out[0]?.f, 10.053);
});

test('quantile_over_time interpolates between ranks', () => {
  const q = (qv: number, ...vs: number[]): number | undefined => run('quantile_over_time', vs, [scalarVec(qv)]).f;
  assert.equal(q(0.5, 0, 1), 0.5);
  assert.equal(q(0.75, 0, 1, 2), 1.5);
  assert.equal(q(0.75, 0, 1, 4), 2.5);
  assert.ok(Math.abs((q(0.8, 0, 1, 4) as number) - 2.8) < 1e-12);
  assert.equal(q(1, 0, 1, 4), 4);
  assert.equal(q(0, 4, 1, 0), 0);
  assert.equal(q(-1, 0, 1), -Infinity);
  const r = run('quantile_over_time', [0, 1], [scalarVec(2)]);
  assert.equal(r.f, Infinity);
  assert.equal(r.annos.warnings()[0]?.message, 'quantile value should be between 0 and 1, got 2');
  // NaN sorts first, as upstream.
  assert.ok(Number.isNaN(q(0, 1, NaN, 2) as number));
  assert.equal(q(1, 1, NaN, 2), 2);
});

test('stddev/stdvar/mad_over_time', () => {
  assert.ok(Math.abs((f('stdvar_over_time', 0, 8, 8, 2, 3) as number) - 10.56) < 1e-12);
  assert.ok(Math.abs((f('stddev_over_time', 0, 8, 8, 2, 3) as number) - 3.249615) < 1e-6);
  assert.equal(f('stdvar_over_time', 1.5990505637277868, 1.5990505637277868, 1.5990505637277868), 0);
  assert.equal(f('mad_over_time', 4, 6, 2, 1, 999, 1, 2), 1);
  assert.equal(f('mad_over_time', 1, 2, 3, 4, 5), 1);
  assert.equal(f('mad_over_time', 5), 0);
  assert.ok(Number.isNaN(f('mad_over_time', 1, 2, NaN, 4) as number));
});

test('count, present, first and last over time', () => {
  const r = run('count_over_time', [1, 2], [], 2);
  assert.equal(r.f, 4);
  assert.equal(f('present_over_time', 7), 1);
  const s = floatSeries(labels({ __name__: 'm' }), values(2, 0, 3));
  const first = callFn('first_over_time', [], [s], [matrixSelector(60_000)], enh(60_000)).out[0];
  assert.equal(first?.f, 2);
  assert.equal(first?.metric.get('__name__'), 'm');
  const h = new FloatHistogram();
  h.count = 3;
  const mixed = floatSeries(labels(), values(0, 1), [[15_000, h]]);
  assert.equal(callFn('last_over_time', [], [mixed], [matrixSelector(60_000)], enh(60_000)).out[0]?.h?.count, 3);
  assert.equal(callFn('first_over_time', [], [mixed], [matrixSelector(60_000)], enh(60_000)).out[0]?.f, 0);
});
