import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FloatHistogram } from '../../model/value/index.js';
import { callFn, enh, floatSeries, labels, matrixSelector, window } from './fixtures.js';

const M = 60_000;
const pts = (...vs: number[]): Array<[number, number]> => vs.map((v, i) => [i * 5 * M, v]);
const foo = pts(1, 2, 3, 0, 1, 0, 0, 1, 2, 0);
const bar = pts(1, 2, 3, 4, 5, 1, 2, 3, 4, 5);

function at(fn: string, points: Array<[number, number]>, range: number, ts = 50 * M): number | undefined {
  const s = floatSeries(labels(), window(points, ts - range, ts));
  if (s.floats.length === 0) return undefined;
  return callFn(fn, [], [s], [matrixSelector(range)], enh(ts)).out[0]?.f;
}

test('resets (functions.test)', () => {
  assert.equal(at('resets', foo, 5 * M), undefined);
  assert.equal(at('resets', foo, 10 * M), 0);
  assert.equal(at('resets', foo, 20 * M), 1);
  assert.equal(at('resets', foo, 32 * M), 2);
  assert.equal(at('resets', bar, 32 * M), 1);
  assert.equal(at('resets', foo, 50 * M), 3);
});

test('changes (functions.test)', () => {
  assert.equal(at('changes', foo, 6 * M), 0);
  assert.equal(at('changes', foo, 20 * M), 2);
  assert.equal(at('changes', bar, 30 * M), 4);
  assert.equal(at('changes', foo, 50 * M), 7);
  assert.equal(at('changes', bar, 50 * M), 8);
  assert.equal(at('changes', pts(NaN, NaN, NaN), 20 * M, 15 * M), 0);
  assert.equal(at('changes', pts(0, NaN, 0), 20 * M, 15 * M), 2);
});

test('changes and resets across floats and histograms', () => {
  const h = (count: number, zc = 0): FloatHistogram => {
    const x = new FloatHistogram();
    x.count = count;
    x.sum = count;
    x.zeroCount = zc;
    x.zeroThreshold = 0.001;
    return x;
  };
  // 0 1 0 2 0 3 0 h(1,z2) h(2,z1) h(1,z2) every 5m (path="/biz").
  const s = floatSeries(labels(), pts(0, 1, 0, 2, 0, 3, 0), [
    [35 * M, h(1, 2)],
    [40 * M, h(2, 1)],
    [45 * M, h(1, 2)],
  ]);
  assert.equal(callFn('resets', [], [s], [matrixSelector(60 * M)], enh(50 * M)).out[0]?.f, 6);
  assert.equal(callFn('changes', [], [s], [matrixSelector(60 * M)], enh(50 * M)).out[0]?.f, 9);
});

test('anchored changes/resets start at the last sample before the range', () => {
  const s = floatSeries(labels(), pts(1, 0, 0, 5));
  const anchored = matrixSelector(5 * M, { anchored: true });
  // Range (10m, 15m]: baseline is the sample at 10m (0), then 5.
  assert.equal(callFn('changes', [], [s], [anchored], enh(15 * M)).out[0]?.f, 1);
  assert.equal(callFn('resets', [], [s], [matrixSelector(20 * M, { anchored: true })], enh(15 * M)).out[0]?.f, 1);
  assert.equal(callFn('changes', [], [s], [anchored], enh(20 * M)).out.length, 0);
});
