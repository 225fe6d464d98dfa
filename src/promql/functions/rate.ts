/**
 * rate, increase, delta (extrapolated, or exact for anchored/smoothed selectors) and
 * irate/idelta, on float samples.
 *
 * WINDOW CONTRACT (what the engine puts into matrixVals[0] for a call at step time ts, with
 * the selector's range R and offset O, lookback delta L; samples are in time order):
 *  - plain range selector: the samples with ts-O-R < t <= ts-O (left-open window).
 *  - `anchored`: the samples with ts-O-R-L < t <= ts-O, i.e. also up to L before the window;
 *    extendedRate uses the last sample at or before ts-O-R as the left anchor.
 *  - `smoothed`: the samples with ts-O-R-L < t <= ts-O+L, i.e. also up to L before and after
 *    the window; extendedRate interpolates the values at ts-O-R and ts-O from the samples
 *    around them.
 *  - subquery: the subquery's points with ts-O-R < t <= ts-O, where args[0] is either a
 *    MatrixSelector built from the subquery (range R, vectorSelector.offset O, as upstream)
 *    or the SubqueryExpr itself with `offset` set to its effective offset (@ adjusted).
 * enh.startTimestamps (when start timestamps are used) is aligned index by index with the
 * window's floats/histograms.
 */
import type { Expr } from '../parser/index.js';
import type { Annotations, Series, Vector } from '../value/index.js';
import { mixedFloatsHistogramsWarning, startTimeOverlapBase } from './annotation-messages.js';
import { addMergedAnnotation } from './merged-annotation.js';
import { metricName, rangeResult } from './metric-labels.js';
import { argPosition, argsPosition, rangeArg, searchAfter, searchAtOrAfter } from './range-window.js';
import type { EvalNodeHelper, FunctionCall, FunctionTable } from './function-call.js';

/** Linear interpolation at time t between two points; a counter reset restarts from 0. */
function interpolate(t1: number, y1: number, t2: number, y2: number, t: number, isCounter: boolean): number {
  const base = isCounter && y2 < y1 ? 0 : y1;
  return base + ((y2 - base) * (t - t1)) / (t2 - t1);
}

/** The value at the left boundary: interpolated if smoothed and the first sample is before it. */
export function pickOrInterpolateLeft(
  t: Float64Array,
  f: Float64Array,
  first: number,
  rangeStart: number,
  smoothed: boolean,
  isCounter: boolean,
): number {
  if (smoothed && (t[first] as number) < rangeStart) {
    return interpolate(t[first] as number, f[first] as number, t[first + 1] as number, f[first + 1] as number, rangeStart, isCounter);
  }
  return f[first] as number;
}

/** The value at the right boundary: interpolated if smoothed and the last sample is after it. */
export function pickOrInterpolateRight(
  t: Float64Array,
  f: Float64Array,
  last: number,
  rangeEnd: number,
  smoothed: boolean,
  isCounter: boolean,
): number {
  if (smoothed && last > 0 && (t[last] as number) > rangeEnd) {
    return interpolate(t[last - 1] as number, f[last - 1] as number, t[last] as number, f[last] as number, rangeEnd, isCounter);
  }
  return f[last] as number;
}

/** Whether the start timestamps of two adjacent samples indicate a counter reset. */
export function isStartTimestampReset(prevST: number, prevT: number, currST: number, currT: number): boolean {
  if (currST === 0 || currST >= currT) return false;
  if (currST < prevT) return false;
  if (currST > prevT) return true;
  // currST points at the previous sample: a reset for deltas, not for cumulative series with
  // an unknown start time, so it depends on whether the previous start time is known.
  if (prevST > prevT) return false;
  return prevST !== 0 && prevST !== prevT;
}

/** A sample's start time overlapping the previous sample's timestamp (bad data). */
export function checkStartTimeOverlap(prevST: number, prevT: number, currST: number): boolean {
  return currST !== 0 && currST < prevT && currST !== prevST;
}

function warnStartTimeOverlap(annos: Annotations, enh: EvalNodeHelper, name: string, args: Expr[]): void {
  addMergedAnnotation(
    annos,
    enh,
    `st-overlap\x00${name}`,
    'warning',
    argPosition(args),
    1,
    (a, b) => a + b,
    (count) => (count > 1 ? `${startTimeOverlapBase(name)} (${count} occurrences)` : startTimeOverlapBase(name)),
  );
}

/** rate/increase/delta over an anchored or smoothed selector: exact boundary values. */
function extendedRate(s: Series, args: Expr[], enh: EvalNodeHelper, isCounter: boolean, isRate: boolean): Vector {
  const sel = rangeArg(args[0]);
  const { t, f } = s.floats;
  const rangeStart = enh.ts - (sel.range + sel.offset);
  const rangeEnd = enh.ts - sel.offset;
  let last = s.floats.length - 1;
  let first = Math.max(0, searchAfter(t, last, rangeStart) - 1);
  if (sel.smoothed) last = searchAtOrAfter(t, last, rangeEnd);
  if ((t[last] as number) <= rangeStart) return enh.out;
  if (sel.smoothed && (t[first] as number) > rangeEnd) return enh.out;

  const left = pickOrInterpolateLeft(t, f, first, rangeStart, sel.smoothed, isCounter);
  const right = pickOrInterpolateRight(t, f, last, rangeEnd, sel.smoothed, isCounter);
  let result = right - left;
  if (isCounter) {
    // Resets at the boundaries are handled by the interpolation; check the points inside.
    if ((t[first] as number) <= rangeStart) first++;
    if ((t[last] as number) >= rangeEnd) last--;
    let correction = 0;
    let prev = left;
    for (let i = first; i <= last; i++) {
      const v = f[i] as number;
      if (v < prev) correction += prev;
      prev = v;
    }
    if (right < prev) correction += prev;
    result += correction;
  }
  if (isRate) result /= sel.range / 1000;
  enh.out.push(rangeResult(enh, result));
  return enh.out;
}

/** Sum of the values lost where the value drops, in order (the loop without start timestamps). */
function valueDropCorrection(f: Float64Array, n: number): number {
  let correction = 0;
  let prev = f[0] as number;
  for (let i = 1; i < n; i++) {
    const v = f[i] as number;
    if (v < prev) correction += prev;
    prev = v;
  }
  return correction;
}

/** Sum of the values lost at counter resets (value drops or start-timestamp resets). */
function counterResetCorrection(s: Series, args: Expr[], enh: EvalNodeHelper, annos: Annotations): number {
  const { t, f } = s.floats;
  const sts = enh.startTimestamps?.floats;
  if (sts === undefined || sts.length === 0) {
    // No drop in the window: nothing to correct (what the walk would sum is no term at all).
    if (enh.windowStats && enh.windowStats.dropsFrom(0) === 0) return 0;
    return valueDropCorrection(f, s.floats.length);
  }
  let correction = 0;
  let overlapDetected = false;
  for (let i = 0; i + 1 < s.floats.length; i++) {
    const prevT = t[i] as number;
    const prevF = f[i] as number;
    const hasST = i + 1 < sts.length;
    if (!overlapDetected && hasST && checkStartTimeOverlap(sts[i] as number, prevT, sts[i + 1] as number)) {
      warnStartTimeOverlap(annos, enh, metricName(s.metric), args);
      overlapDetected = true;
    }
    if (
      (f[i + 1] as number) < prevF ||
      (hasST && isStartTimestampReset(sts[i] as number, prevT, sts[i + 1] as number, t[i + 1] as number))
    ) {
      correction += prevF;
    }
  }
  return correction;
}

/**
 * extrapolatedRate for floats: the increase between the first and last sample (corrected for
 * counter resets), extrapolated towards the window boundaries when the samples come close
 * enough to them (within 110% of the average sample interval), but never below zero for
 * counters. A start timestamp inside the window replaces the left extrapolation.
 */
function extrapolatedRate(
  matrixVals: Series[],
  args: Expr[],
  enh: EvalNodeHelper,
  annos: Annotations,
  isCounter: boolean,
  isRate: boolean,
): Vector {
  const s = matrixVals[0];
  if (s === undefined) return enh.out;
  const n = s.floats.length;
  if (n > 0 && s.histograms.length > 0) {
    annos.warn(mixedFloatsHistogramsWarning(metricName(s.metric)), argPosition(args));
    return enh.out;
  }
  // TODO(native histograms): rate/increase/delta of histogram samples need histogram arithmetic.
  if (n === 0) return enh.out;
  const sel = rangeArg(args[0]);
  if (sel.anchored || sel.smoothed) return extendedRate(s, args, enh, isCounter, isRate);

  const { t, f } = s.floats;
  const rangeStart = enh.ts - (sel.range + sel.offset);
  const rangeEnd = enh.ts - sel.offset;
  const firstT = t[0] as number;
  const lastT = t[n - 1] as number;
  const firstF = f[0] as number;
  let result = (f[n - 1] as number) - firstF;
  if (isCounter) result += counterResetCorrection(s, args, enh, annos);

  let durationToStart = (firstT - rangeStart) / 1000;
  let durationToEnd = (rangeEnd - lastT) / 1000;
  let sampledInterval = (lastT - firstT) / 1000;
  const averageInterval = n > 1 ? sampledInterval / (n - 1) : 0;
  const threshold = averageInterval * 1.1;
  const st0 = isCounter ? (enh.startTimestamps?.floats[0] ?? 0) : 0;

  if (st0 !== 0 && st0 > rangeStart && st0 < firstT) {
    // The first sample's start time lies inside the window: assume a zero value there.
    durationToStart = 0;
    sampledInterval = (lastT - st0) / 1000;
    result += firstF;
  } else if (n === 1) {
    return enh.out;
  } else {
    if (durationToStart >= threshold) durationToStart = averageInterval / 2;
    if (isCounter) {
      // Do not extrapolate to before the counter's zero point.
      let durationToZero = durationToStart;
      if (result > 0 && firstF >= 0) durationToZero = sampledInterval * (firstF / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
  }
  if (durationToEnd >= threshold) durationToEnd = averageInterval / 2;

  let factor = 1;
  if (sampledInterval !== 0) factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  if (isRate) factor /= sel.range / 1000;
  enh.out.push(rangeResult(enh, result * factor));
  return enh.out;
}

/** One of the two samples irate/idelta look at: a float or histogram sample by index. */
interface PickedSample {
  hist: boolean;
  t: number;
  i: number;
}

/**
 * The two most recent samples of the window in time order, floats and histograms merged the
 * way upstream does (equal timestamps resolved in favour of the histogram as the older one).
 */
function lastTwoSamples(s: Series): [PickedSample, PickedSample] | null {
  const nf = s.floats.length;
  const nh = s.histograms.length;
  const ss: PickedSample[] = [];
  for (let i = Math.max(0, nf - 2); i < nf; i++) ss.push({ hist: false, t: s.floats.t[i] as number, i });
  for (let i = Math.max(0, nh - 2); i < nh; i++) {
    const p: PickedSample = { hist: true, t: (s.histograms[i] as { t: number }).t, i };
    const a = ss[0];
    const b = ss[1];
    if (a === undefined) ss.push(p);
    else if (b === undefined) {
      if (p.t < a.t) ss.unshift(p);
      else ss.push(p);
    } else if (p.t < a.t) {
      // Older than both: discard.
    } else if (p.t > b.t) {
      ss[0] = b;
      ss[1] = p;
    } else {
      ss[0] = p;
    }
  }
  const a = ss[0];
  const b = ss[1];
  return a === undefined || b === undefined ? null : [a, b];
}

/** irate/idelta: from the last two samples of the window. */
function instantValue(matrixVals: Series[], args: Expr[], enh: EvalNodeHelper, annos: Annotations, isRate: boolean): Vector {
  const s = matrixVals[0];
  if (s === undefined || s.floats.length + s.histograms.length < 2) return enh.out;
  const pair = lastTwoSamples(s);
  if (pair === null) return enh.out;
  const [a, b] = pair;
  const sampledInterval = b.t - a.t;
  if (sampledInterval === 0) return enh.out;
  if (a.hist !== b.hist) {
    annos.warn(mixedFloatsHistogramsWarning(metricName(s.metric)), argsPosition(args));
    return enh.out;
  }
  // TODO(native histograms): irate/idelta of histogram samples need histogram arithmetic.
  if (a.hist) return enh.out;
  const f0 = s.floats.f[a.i] as number;
  const f1 = s.floats.f[b.i] as number;
  const sts = enh.startTimestamps?.floats ?? [];
  const st0 = sts[a.i] ?? 0;
  const st1 = sts[b.i] ?? 0;
  let result = f1;
  if (!isRate || !(f1 < f0 || isStartTimestampReset(st0, a.t, st1, b.t))) result = f1 - f0;
  if (isRate) result /= sampledInterval / 1000;
  enh.out.push(rangeResult(enh, result));
  return enh.out;
}

export const RATE_FUNCTIONS: FunctionTable = {
  rate: ((_v, m, args, enh, annos) => extrapolatedRate(m, args, enh, annos, true, true)) satisfies FunctionCall,
  increase: ((_v, m, args, enh, annos) => extrapolatedRate(m, args, enh, annos, true, false)) satisfies FunctionCall,
  delta: ((_v, m, args, enh, annos) => extrapolatedRate(m, args, enh, annos, false, false)) satisfies FunctionCall,
  irate: ((_v, m, args, enh, annos) => instantValue(m, args, enh, annos, true)) satisfies FunctionCall,
  idelta: ((_v, m, args, enh, annos) => instantValue(m, args, enh, annos, false)) satisfies FunctionCall,
};
