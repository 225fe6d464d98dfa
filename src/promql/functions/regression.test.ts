import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FloatHistogram } from '../../model/value/index.js';
import { Annotations } from '../value/index.js';
import { FunctionEvalError } from './errors.js';
import { callFn, enh, floatSeries, labels, linear, matrixSelector, scalarVec, window } from './fixtures.js';

const M = 60_000;
const close = (a: number | undefined, b: number): void => {
  assert.ok(a !== undefined && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${a} != ${b}`);
};
const resetMiddle = [...linear(0, 5 * M, 0, 10, 4), ...linear(25 * M, 5 * M, 0, 10, 5)];

test('deriv (functions.test)', () => {
  const s = floatSeries(labels(), window(resetMiddle, -50 * M, 50 * M));
  close(callFn('deriv', [], [s], [matrixSelector(100 * M)], enh(50 * M)).out[0]?.f, 0.010606060606060607);
  const rate = floatSeries(labels(), window(linear(0, 5 * M, 0, 80, 10), 0, 50 * M));
  close(callFn('deriv', [], [rate], [matrixSelector(50 * M)], enh(50 * M)).out[0]?.f, 0.26666666666666666);
  const inf = floatSeries(labels(), [[0, -Infinity], ...linear(5 * M, 5 * M, 0, 80, 10), [60 * M, Infinity]]);
  assert.ok(Number.isNaN(callFn('deriv', [], [inf], [matrixSelector(100 * M)], enh(100 * M)).out[0]?.f as number));
});

test('predict_linear (functions.test)', () => {
  const at = (ts: number, range: number, d: number, evalTs = ts): number | undefined => {
    const s = floatSeries(labels(), window(resetMiddle, ts - range, ts));
    return callFn('predict_linear', [scalarVec(d)], [s], [matrixSelector(range)], enh(evalTs)).out[0]?.f;
  };
  close(at(50 * M, 50 * M, 3600), 70);
  close(at(50 * M, 55 * M, 3600), 76.81818181818181);
  close(at(50 * M, 55 * M, 3600, 10 * M), 51.36363636363637);
  close(at(50 * M, 55 * M, 3600, 70 * M), 89.54545454545455);
});

test('deriv ignores histograms with an info annotation; one float gives nothing', () => {
  const annos = new Annotations();
  const s = floatSeries(labels({ __name__: 'mix' }), [[0, 1]], [[M, new FloatHistogram()]]);
  assert.equal(callFn('deriv', [], [s], [matrixSelector(M)], enh(M), annos).out.length, 0);
  assert.equal(annos.infos().length, 1);
  const only = floatSeries(labels(), [], [[M, new FloatHistogram()]]);
  const a2 = new Annotations();
  assert.equal(callFn('deriv', [], [only], [matrixSelector(M)], enh(M), a2).out.length, 0);
  assert.equal(a2.size, 0);
});

test('double_exponential_smoothing (functions.test)', () => {
  const at = (pts: Array<[number, number]>): number | undefined => {
    const s = floatSeries(labels(), window(pts, 8000_000 - M, 8000_000));
    return callFn('double_exponential_smoothing', [scalarVec(0.01), scalarVec(0.1)], [s], [matrixSelector(M)], enh(8000_000)).out[0]?.f;
  };
  close(at(linear(0, 10_000, 0, 10, 1000)), 8000);
  close(at(linear(0, 10_000, 0, 40, 2000)), 32000);
  close(at(linear(0, 10_000, 8000, -10, 1000)), 0);
  assert.throws(
    () => callFn('double_exponential_smoothing', [scalarVec(1), scalarVec(0.1)], [floatSeries(labels(), [[0, 1], [1, 2]])], [matrixSelector(M)], enh(0)),
    (e: unknown) => e instanceof FunctionEvalError && e.message === 'invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000',
  );
});
