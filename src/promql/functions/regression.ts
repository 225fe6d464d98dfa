/**
 * Least-squares trend functions (deriv, predict_linear) and double_exponential_smoothing over
 * the float samples of a window; histogram samples are ignored with an info annotation.
 */
import { formatFloat } from '../../model/strconv/index.js';
import type { Expr } from '../parser/index.js';
import type { Annotations, Series, Vector } from '../value/index.js';
import { histogramIgnoredInMixedRangeInfo } from './annotation-messages.js';
import { FunctionEvalError } from './errors.js';
import { KahanSum } from './kahan.js';
import { metricName, rangeResult } from './metric-labels.js';
import { argPosition } from './range-window.js';
import type { EvalNodeHelper, FunctionCall, FunctionTable } from './function-call.js';

/**
 * Slope (per second) and intercept at interceptTime of the least-squares line through the
 * points, with x in seconds relative to interceptTime (for accuracy). Constant values give a
 * zero slope (NaN for infinite values).
 */
export function linearRegression(t: Float64Array, f: Float64Array, n: number, interceptTime: number): [number, number] {
  const initY = f[0] as number;
  let constY = true;
  const sumX = new KahanSum();
  const sumY = new KahanSum();
  const sumXY = new KahanSum();
  const sumX2 = new KahanSum();
  for (let i = 0; i < n; i++) {
    const y = f[i] as number;
    if (constY && i > 0 && y !== initY) constY = false;
    const x = ((t[i] as number) - interceptTime) / 1e3;
    sumX.add(x);
    sumY.add(y);
    sumXY.add(x * y);
    sumX2.add(x * x);
  }
  if (constY) {
    if (initY === Infinity || initY === -Infinity) return [NaN, NaN];
    return [0, initY];
  }
  const sx = sumX.value();
  const sy = sumY.value();
  const sxy = sumXY.value();
  const sx2 = sumX2.value();
  const covXY = sxy - (sx * sy) / n;
  const varX = sx2 - (sx * sx) / n;
  const slope = covXY / varX;
  return [slope, sy / n - (slope * sx) / n];
}

/**
 * Common preamble: null (no output) unless there are two float points; an info annotation when
 * histograms were ignored (also when a single float had histograms next to it).
 */
function twoFloats(s: Series | undefined, args: Expr[], annos: Annotations): Series | null {
  if (s === undefined) return null;
  if (s.floats.length < 2) {
    if (s.floats.length === 1 && s.histograms.length > 0) {
      annos.info(histogramIgnoredInMixedRangeInfo(metricName(s.metric)), argPosition(args));
    }
    return null;
  }
  if (s.histograms.length > 0) annos.info(histogramIgnoredInMixedRangeInfo(metricName(s.metric)), argPosition(args));
  return s;
}

function push(enh: EvalNodeHelper, f: number): Vector {
  enh.out.push(rangeResult(enh, f));
  return enh.out;
}

const funcDeriv: FunctionCall = (_v, matrixVals, args, enh, annos) => {
  const s = twoFloats(matrixVals[0], args, annos);
  if (s === null) return enh.out;
  // Intercept at the first sample's time, near the values, to avoid precision loss.
  const [slope] = linearRegression(s.floats.t, s.floats.f, s.floats.length, s.floats.t[0] as number);
  return push(enh, slope);
};

const funcPredictLinear: FunctionCall = (vectorVals, matrixVals, args, enh, annos) => {
  const d = vectorVals[0]?.[0];
  if (d === undefined || matrixVals[0] === undefined) return enh.out;
  const s = twoFloats(matrixVals[0], args, annos);
  if (s === null) return enh.out;
  const [slope, intercept] = linearRegression(s.floats.t, s.floats.f, s.floats.length, enh.ts);
  return push(enh, slope * d.f + intercept);
};

/**
 * The smoothed value after f[0:l] (l >= 2): level s1 and trend b start at f[0] and f[1]-f[0];
 * every later point updates the trend from the last level change, then the level. The first
 * update (which keeps the initial trend) is taken out of the loop.
 */
function smoothDoubleExponential(f: Float64Array, l: number, sf: number, tf: number): number {
  const keepLevel = 1 - sf;
  const keepTrend = 1 - tf;
  let b = (f[1] as number) - (f[0] as number);
  let s0 = f[0] as number;
  let s1 = sf * (f[1] as number) + keepLevel * (s0 + b);
  for (let i = 2; i < l; i++) {
    b = tf * (s1 - s0) + keepTrend * b;
    s0 = s1;
    s1 = sf * (f[i] as number) + keepLevel * (s1 + b);
  }
  return s1;
}

/**
 * double_exponential_smoothing(v, sf, tf) (formerly holt_winters): smoothed value at the end of
 * the window, with smoothing factor sf and trend factor tf, both strictly between 0 and 1.
 */
const funcDoubleExponentialSmoothing: FunctionCall = (vectorVals, matrixVals, args, enh, annos) => {
  const sfs = vectorVals[0];
  const tfs = vectorVals[1];
  const s = matrixVals[0];
  if (sfs === undefined || tfs === undefined || sfs.length === 0 || tfs.length === 0 || s === undefined) return enh.out;
  const sf = (sfs[0] as { f: number }).f;
  const tf = (tfs[0] as { f: number }).f;
  if (sf <= 0 || sf >= 1) throw new FunctionEvalError(`invalid smoothing factor. Expected: 0 < sf < 1, got: ${formatFloat(sf, 'f', 6)}`);
  if (tf <= 0 || tf >= 1) throw new FunctionEvalError(`invalid trend factor. Expected: 0 < tf < 1, got: ${formatFloat(tf, 'f', 6)}`);
  const l = s.floats.length;
  if (l < 2) {
    if (l === 1 && s.histograms.length > 0) annos.info(histogramIgnoredInMixedRangeInfo(metricName(s.metric)), argPosition(args));
    return enh.out;
  }
  const s1 = smoothDoubleExponential(s.floats.f, l, sf, tf);
  if (s.histograms.length > 0) annos.info(histogramIgnoredInMixedRangeInfo(metricName(s.metric)), argPosition(args));
  return push(enh, s1);
};

export const REGRESSION_FUNCTIONS: FunctionTable = {
  deriv: funcDeriv,
  predict_linear: funcPredictLinear,
  double_exponential_smoothing: funcDoubleExponentialSmoothing,
};
