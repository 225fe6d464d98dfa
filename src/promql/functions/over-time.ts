/**
 * The <aggregation>_over_time functions over the window of one series (matrixVals[0]), read
 * straight from its typed-array columns. Histogram samples: counted by count_over_time, returned
 * by first/last_over_time, ignored (with an info annotation) by the float-only aggregations.
 */
import type { Expr } from '../parser/index.js';
import type { Annotations, Series, Vector } from '../value/index.js';
import {
  histogramIgnoredInMixedRangeInfo,
  invalidQuantileWarning,
  mixedFloatsHistogramsWarning,
} from './annotation-messages.js';
import { KahanSum } from './kahan.js';
import { metricName, rangeResult } from './metric-labels.js';
import { quantileOfValues } from './quantile.js';
import { argPosition } from './range-window.js';
import type { EvalNodeHelper, FunctionCall, FunctionTable } from './function-call.js';

let scratch = new Float64Array(64);

/** A reusable buffer for sorting a window's values (functions run synchronously). */
function scratchValues(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  return scratch;
}

/**
 * Common preamble of the float-only aggregations: no output without floats, and an info
 * annotation when histograms were ignored. Returns the series or null.
 */
function floatSeries(series: Series | undefined, args: Expr[], annos: Annotations): Series | null {
  if (series === undefined || series.floats.length === 0) return null;
  if (series.histograms.length > 0) annos.info(histogramIgnoredInMixedRangeInfo(metricName(series.metric)), argPosition(args));
  return series;
}

function push(enh: EvalNodeHelper, f: number): Vector {
  enh.out.push(rangeResult(enh, f));
  return enh.out;
}

/** Mean with Kahan summation, switching to an incremental mean if the running sum overflows. */
export function avgOfFloats(f: Float64Array, n: number): number {
  const k = new KahanSum(f[0] as number, 0);
  let mean = 0;
  let incremental = false;
  let count = 1;
  for (let i = 1; i < n; i++) {
    const v = f[i] as number;
    count = i + 1;
    if (!incremental) {
      const prevSum = k.sum;
      const prevC = k.c;
      k.add(v);
      if (k.sum !== Infinity && k.sum !== -Infinity) continue;
      incremental = true;
      mean = prevSum / (count - 1);
      k.c = prevC / (count - 1);
    }
    const q = (count - 1) / count;
    k.sum = q * mean;
    k.c = q * k.c;
    k.add(v / count);
    mean = k.sum;
  }
  if (incremental) return mean + k.c;
  return k.sum / count + k.c / count;
}

const funcAvgOverTime: FunctionCall = (_v, matrixVals, args, enh, annos) => {
  const s = matrixVals[0];
  if (s === undefined) return enh.out;
  if (s.floats.length > 0 && s.histograms.length > 0) {
    annos.warn(mixedFloatsHistogramsWarning(metricName(s.metric)), argPosition(args));
    return enh.out;
  }
  // TODO(native histograms): the average of histogram samples needs histogram arithmetic.
  if (s.floats.length === 0) return enh.out;
  return push(enh, avgOfFloats(s.floats.f, s.floats.length));
};

const funcSumOverTime: FunctionCall = (_v, matrixVals, args, enh, annos) => {
  const s = matrixVals[0];
  if (s === undefined) return enh.out;
  if (s.floats.length > 0 && s.histograms.length > 0) {
    annos.warn(mixedFloatsHistogramsWarning(metricName(s.metric)), argPosition(args));
    return enh.out;
  }
  // TODO(native histograms): the sum of histogram samples needs histogram arithmetic.
  if (s.floats.length === 0) return enh.out;
  const k = new KahanSum();
  const f = s.floats.f;
  for (let i = 0; i < s.floats.length; i++) k.add(f[i] as number);
  return push(enh, k.sum === Infinity || k.sum === -Infinity ? k.sum : k.value());
};

const funcCountOverTime: FunctionCall = (_v, matrixVals, _a, enh) => {
  const s = matrixVals[0];
  if (s === undefined) return enh.out;
  return push(enh, s.floats.length + s.histograms.length);
};

const funcPresentOverTime: FunctionCall = (_v, matrixVals, _a, enh) => {
  if (matrixVals[0] === undefined) return enh.out;
  return push(enh, 1);
};

/** first_over_time / last_over_time: the oldest / newest sample, float or histogram. */
function pickSample(matrixVals: Series[], enh: EvalNodeHelper, first: boolean): Vector {
  const s = matrixVals[0];
  if (s === undefined) return enh.out;
  const nf = s.floats.length;
  const nh = s.histograms.length;
  const fi = first ? 0 : nf - 1;
  const hp = nh === 0 ? undefined : s.histograms[first ? 0 : nh - 1];
  const ft = nf > 0 ? (s.floats.t[fi] as number) : 0;
  const useFloat = hp === undefined || (nf > 0 && (first ? ft < hp.t : hp.t < ft));
  if (useFloat) {
    const f = nf > 0 ? (s.floats.f[fi] as number) : 0;
    enh.out.push({ metric: s.metric, t: enh.ts, f, h: null, dropName: false });
  } else {
    enh.out.push({ metric: s.metric, t: enh.ts, f: 0, h: hp.h.copy(), dropName: false });
  }
  return enh.out;
}

const funcFirstOverTime: FunctionCall = (_v, m, _a, enh) => pickSample(m, enh, true);
const funcLastOverTime: FunctionCall = (_v, m, _a, enh) => pickSample(m, enh, false);

/** min/max (and their timestamps): a NaN so far is replaced by any later value. */
function compareOverTime(
  matrixVals: Series[],
  args: Expr[],
  enh: EvalNodeHelper,
  annos: Annotations,
  better: (cur: number, best: number) => boolean,
  returnTimestamp: boolean,
): Vector {
  const s = floatSeries(matrixVals[0], args, annos);
  if (s === null) return enh.out;
  const { t, f } = s.floats;
  let best = f[0] as number;
  let bestT = t[0] as number;
  for (let i = 0; i < s.floats.length; i++) {
    const v = f[i] as number;
    if (better(v, best) || Number.isNaN(best)) {
      best = v;
      bestT = t[i] as number;
    }
  }
  return push(enh, returnTimestamp ? bestT / 1000 : best);
}

const funcMaxOverTime: FunctionCall = (_v, m, args, enh, annos) =>
  compareOverTime(m, args, enh, annos, (cur, best) => cur > best, false);
const funcMinOverTime: FunctionCall = (_v, m, args, enh, annos) =>
  compareOverTime(m, args, enh, annos, (cur, best) => cur < best, false);
const funcTsOfMaxOverTime: FunctionCall = (_v, m, args, enh, annos) =>
  compareOverTime(m, args, enh, annos, (cur, best) => cur >= best, true);
const funcTsOfMinOverTime: FunctionCall = (_v, m, args, enh, annos) =>
  compareOverTime(m, args, enh, annos, (cur, best) => cur <= best, true);

const funcTsOfFirstOverTime: FunctionCall = (_v, matrixVals, _a, enh) => {
  const s = matrixVals[0];
  if (s === undefined) return enh.out;
  const tf = s.floats.length > 0 ? (s.floats.t[0] as number) : Infinity;
  const th = s.histograms[0]?.t ?? Infinity;
  return push(enh, Math.min(tf, th) / 1000);
};

const funcTsOfLastOverTime: FunctionCall = (_v, matrixVals, _a, enh) => {
  const s = matrixVals[0];
  if (s === undefined) return enh.out;
  const nf = s.floats.length;
  const tf = nf > 0 ? (s.floats.t[nf - 1] as number) : 0;
  const th = s.histograms[s.histograms.length - 1]?.t ?? 0;
  return push(enh, Math.max(tf, th) / 1000);
};

const funcQuantileOverTime: FunctionCall = (vectorVals, matrixVals, args, enh, annos) => {
  const qs = vectorVals[0];
  const s = matrixVals[0];
  if (qs === undefined || qs.length === 0 || s === undefined || s.floats.length === 0) return enh.out;
  const q = (qs[0] as { f: number }).f;
  if (Number.isNaN(q) || q < 0 || q > 1) annos.warn(invalidQuantileWarning(q), argPosition(args));
  if (s.histograms.length > 0) annos.info(histogramIgnoredInMixedRangeInfo(metricName(s.metric)), argPosition(args));
  const n = s.floats.length;
  const values = scratchValues(n);
  values.set(s.floats.f.subarray(0, n));
  return push(enh, quantileOfValues(q, values, n));
};

/** Population variance (Welford's algorithm with Kahan-compensated mean and sum of squares). */
export function varianceOfFloats(f: Float64Array, n: number): number {
  const mean = new KahanSum();
  const aux = new KahanSum();
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = f[i] as number;
    count++;
    const delta = v - (mean.sum + mean.c);
    mean.add(delta / count);
    aux.add(delta * (v - (mean.sum + mean.c)));
  }
  return (aux.sum + aux.c) / count;
}

const funcStdvarOverTime: FunctionCall = (_v, matrixVals, args, enh, annos) => {
  const s = floatSeries(matrixVals[0], args, annos);
  if (s === null) return enh.out;
  return push(enh, varianceOfFloats(s.floats.f, s.floats.length));
};

const funcStddevOverTime: FunctionCall = (_v, matrixVals, args, enh, annos) => {
  const s = floatSeries(matrixVals[0], args, annos);
  if (s === null) return enh.out;
  return push(enh, Math.sqrt(varianceOfFloats(s.floats.f, s.floats.length)));
};

/** Median absolute deviation; a NaN sample makes it NaN. */
const funcMadOverTime: FunctionCall = (_v, matrixVals, args, enh, annos) => {
  const s = floatSeries(matrixVals[0], args, annos);
  if (s === null) return enh.out;
  const n = s.floats.length;
  const values = scratchValues(n);
  for (let i = 0; i < n; i++) {
    const v = s.floats.f[i] as number;
    if (Number.isNaN(v)) return push(enh, NaN);
    values[i] = v;
  }
  const median = quantileOfValues(0.5, values, n);
  for (let i = 0; i < n; i++) values[i] = Math.abs((values[i] as number) - median);
  return push(enh, quantileOfValues(0.5, values, n));
};

export const OVER_TIME_FUNCTIONS: FunctionTable = {
  avg_over_time: funcAvgOverTime,
  sum_over_time: funcSumOverTime,
  count_over_time: funcCountOverTime,
  present_over_time: funcPresentOverTime,
  first_over_time: funcFirstOverTime,
  last_over_time: funcLastOverTime,
  max_over_time: funcMaxOverTime,
  min_over_time: funcMinOverTime,
  ts_of_max_over_time: funcTsOfMaxOverTime,
  ts_of_min_over_time: funcTsOfMinOverTime,
  ts_of_first_over_time: funcTsOfFirstOverTime,
  ts_of_last_over_time: funcTsOfLastOverTime,
  quantile_over_time: funcQuantileOverTime,
  stdvar_over_time: funcStdvarOverTime,
  stddev_over_time: funcStddevOverTime,
  mad_over_time: funcMadOverTime,
};
