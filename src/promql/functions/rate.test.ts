import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FloatHistogram } from '../../model/value/index.js';
import { Annotations } from '../value/index.js';
import { callFn, enh, floatSeries, labels, linear, matrixSelector, rangeValue, subquery, window } from './fixtures.js';

const M = 60_000;
const close = (a: number | undefined, b: number): void => {
  assert.ok(a !== undefined, 'expected a result');
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} != ${b}`);
};

/** Evaluates fn over points with a left-open window [range] at ts, as the engine would. */
function over(fn: string, points: Array<[number, number]>, range: number, ts: number, offset = 0): number | undefined {
  const s = floatSeries(labels({ __name__: 'x_total' }), window(points, ts - offset - range, ts - offset));
  return rangeValue(fn, s, matrixSelector(range, { offset }), ts);
}

test('increase extrapolates to the window boundaries (functions.test)', () => {
  const foo = linear(0, 5 * M, 0, 10, 10);
  const bar = [...linear(0, 5 * M, 0, 18, 5), ...linear(30 * M, 5 * M, 0, 18, 5)];
  const dings = linear(0, 5 * M, 10, 10, 10);
  const bumms = linear(0, 5 * M, 1, 10, 10);
  close(over('increase', foo, 50 * M, 50 * M), 100);
  close(over('increase', bar, 50 * M, 50 * M), 160);
  close(over('increase', dings, 50 * M, 50 * M), 100);
  close(over('increase', bumms, 50 * M, 50 * M), 100);
  // Zero point of the counter limits the extrapolation to the left.
  close(over('increase', foo, 100 * M, 50 * M), 100);
  close(over('increase', bar, 100 * M, 50 * M), 162);
  close(over('increase', dings, 100 * M, 50 * M), 105);
  close(over('increase', bumms, 100 * M, 50 * M), 101);
});

test('increase and rate handle counter resets', () => {
  const pts: Array<[number, number]> = [0, 1, 2, 3, 2, 3, 4].map((v, i) => [i * 5 * M, v]);
  close(over('increase', pts, 30 * M, 30 * M), 7);
  const middle = [...linear(0, 5 * M, 0, 27, 4), ...linear(25 * M, 5 * M, 0, 27, 5)];
  close(over('rate', middle, 50 * M, 50 * M), 0.08);
  const end = [...linear(0, 5 * M, 0, 10, 9), [50 * M, 0] as [number, number], [55 * M, 10] as [number, number]];
  assert.equal(over('rate', end, 5 * M, 50 * M), undefined);
  close(over('rate', end, 6 * M, 50 * M), 0);
});

test('rate with offset and zero cutoff', () => {
  close(over('rate', linear(0, 5 * M, 0, 10, 10), 10 * M, 50 * M, 5 * M), 0.03333333333333333);
  close(over('rate', linear(0, 5 * M, 0, 80, 10), 50 * M, 50 * M), 0.26666666666666666);
  const expected = [0.5, 0.55, 0.6, 0.6, 0.6, 0.6];
  for (let k = 0; k < 6; k++) {
    const pts = linear(0, 4 * M, 60 * k, 240, 10);
    close(over('rate', pts, 20 * M, 10 * M), expected[k] as number);
    close(over('rate', pts, 20 * M, 50 * M), 0.6);
  }
});

test('delta is not counter-corrected', () => {
  const down: Array<[number, number]> = [200, 150, 100, 50, 0].map((v, i) => [i * 5 * M, v]);
  close(over('delta', down, 20 * M, 20 * M), -200);
});

test('rate of a subquery argument uses its range and offset', () => {
  const pts = window(linear(0, M, 0, 1, 20), 5 * M, 15 * M);
  const s = floatSeries(labels(), pts);
  close(rangeValue('rate', s, subquery(10 * M, 5 * M), 20 * M), 1 / 60);
});

test('rate warns on mixed floats and histograms, single sample yields nothing', () => {
  const single = new Annotations();
  const one = floatSeries(labels({ __name__: 'x_total' }), [[1000, 1]]);
  assert.equal(callFn('rate', [], [one], [matrixSelector(M)], enh(M), single).out.length, 0);
  assert.equal(single.size, 0);
  const annos = new Annotations();
  const mix = floatSeries(labels({ __name__: 'mix' }), [[1000, 1]], [[2000, new FloatHistogram()]]);
  assert.equal(callFn('rate', [], [mix], [matrixSelector(M)], enh(M), annos).out.length, 0);
  assert.deepEqual(
    annos.all().map((a) => a.message),
    ['encountered a mix of histograms and floats for metric name "mix"'],
  );
  const irate = new Annotations();
  assert.equal(callFn('irate', [], [mix], [matrixSelector(M)], enh(M), irate).out.length, 0);
  assert.equal(irate.warnings().length, 1);
});

test('start timestamps: a start time inside the window replaces extrapolation', () => {
  const s = floatSeries(labels(), [
    [30_000, 10],
    [60_000, 20],
  ]);
  const h = enh(60_000, { startTimestamps: { floats: [20_000, 20_000], histograms: [] } });
  const r = callFn('increase', [], [s], [matrixSelector(60_000)], h);
  // Zero at t=20s, then 10 at 30s and 20 at 60s: increase 20 over 40s, extrapolated to 60s end.
  close(r.out[0]?.f, 20);
});

test('irate and idelta use the last two samples', () => {
  const foo = linear(0, 5 * M, 0, 10, 10);
  close(over('irate', foo, 50 * M, 50 * M), 10 / 300);
  const bar = [...linear(0, 5 * M, 0, 10, 5), ...linear(30 * M, 5 * M, 0, 10, 5)];
  close(over('irate', bar, 50 * M, 30 * M), 0);
  const gauge: Array<[number, number]> = [0, 50, 100, 50].map((v, i) => [i * 5 * M, v]);
  close(over('idelta', gauge, 20 * M, 20 * M), -50);
  assert.equal(over('irate', [[0, 1]], 5 * M, 0), undefined);
});

// extended_vectors.test, "Complete dataset": samples every 15s, 1 2 3 4 5 then 9 10 11 12 13.
const complete = [...linear(0, 15_000, 1, 1, 4), ...linear(75_000, 15_000, 9, 1, 4)];
const LOOKBACK = 5 * M;

function extended(fn: string, pts: Array<[number, number]>, ts: number, mod: 'anchored' | 'smoothed'): number | undefined {
  const hi = mod === 'smoothed' ? ts + LOOKBACK : ts;
  const s = floatSeries(labels(), window(pts, ts - M - LOOKBACK, hi));
  return rangeValue(fn, s, matrixSelector(M, { [mod]: true }), ts);
}

test('anchored increase (extended_vectors.test)', () => {
  const want = [0, 1, 2, 3, 4, 7, 7, 7, 7];
  want.forEach((w, i) => close(extended('increase', complete, 5_000 + i * 15_000, 'anchored'), w));
});

test('smoothed increase (extended_vectors.test)', () => {
  const want = [1 / 3, 4 / 3, 7 / 3, 10 / 3, 5, 7, 7, 7, 6];
  want.forEach((w, i) => close(extended('increase', complete, 5_000 + i * 15_000, 'smoothed'), w));
});

test('extended windows are left-open', () => {
  const pts: Array<[number, number]> = [
    [0, 1],
    [M, 2],
    [3 * M, 4],
    [4 * M, 5],
  ];
  close(extended('increase', pts, 2 * M, 'smoothed'), 1);
  assert.equal(extended('increase', pts, 2 * M, 'anchored'), undefined);
});

test('smoothed and anchored increase across counter resets', () => {
  const id2 = [[0, 3] as [number, number], ...linear(M, M, 2, 2, 9)];
  close(extended('increase', id2, 90_000, 'smoothed'), 2);
  close(extended('increase', id2, 90_000, 'anchored'), 2);
  const id3 = [...linear(0, M, 5, 3, 2), ...linear(3 * M, M, 3, 3, 6)];
  close(extended('increase', id3, 90_000, 'smoothed'), 3);
});
