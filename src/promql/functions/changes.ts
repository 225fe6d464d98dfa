/**
 * changes() and resets(): walk the window's floats and histograms in time order. With an
 * `anchored` selector the window also holds samples before the range (see rate.ts for the
 * window contract); the last one at or before the range start is the baseline.
 */
import type { FloatHistogram } from '../../model/value/index.js';
import type { Expr } from '../parser/index.js';
import type { Series, Vector } from '../value/index.js';
import { detectHistogramReset, histogramEquals } from './histogram-compare.js';
import { rangeResult } from './metric-labels.js';
import { isStartTimestampReset } from './rate.js';
import { rangeArg, searchAfter } from './range-window.js';
import type { EvalNodeHelper, FloatWindowStats, FunctionCall, FunctionTable } from './function-call.js';

/**
 * pickFirstSampleIndices: where to start in the floats and histograms, or null when no sample
 * lies after the range start. Not anchored: from the beginning.
 */
function firstSampleIndices(s: Series, args: Expr[], enh: EvalNodeHelper): [number, number] | null {
  const sel = rangeArg(args[0]);
  if (!sel.anchored) return [0, 0];
  const rangeStart = enh.ts - (sel.range + sel.offset);
  const nf = s.floats.length;
  const hs = s.histograms;
  const lastFloatLE = searchAfter(s.floats.t, nf, rangeStart) - 1;
  let lastHistLE = -1;
  while (lastHistLE + 1 < hs.length && (hs[lastHistLE + 1] as { t: number }).t <= rangeStart) lastHistLE++;
  if (lastFloatLE + 1 >= nf && lastHistLE + 1 >= hs.length) return null;
  if (lastFloatLE < 0 && lastHistLE < 0) return [0, 0];
  if (lastHistLE < 0 || (lastFloatLE >= 0 && (s.floats.t[lastFloatLE] as number) >= (hs[lastHistLE] as { t: number }).t)) {
    return [lastFloatLE, lastHistLE + 1];
  }
  return [lastFloatLE + 1, lastHistLE];
}

/** Compares consecutive samples: float/float and histogram/histogram pairs by callback, mixes count. */
interface PairCounter {
  floats(prevF: number, prevT: number, prevST: number, curF: number, curT: number, curST: number): boolean;
  histograms(prev: FloatHistogram, prevT: number, prevST: number, cur: FloatHistogram, curT: number, curST: number): boolean;
}

function countPairs(s: Series, first: [number, number], enh: EvalNodeHelper, counter: PairCounter): number {
  const { t, f } = s.floats;
  const nf = s.floats.length;
  const hs = s.histograms;
  const fSTs = enh.startTimestamps?.floats ?? [];
  const hSTs = enh.startTimestamps?.histograms ?? [];
  let [iF, iH] = first;
  let count = 0;
  let started = false;
  let prevH: FloatHistogram | null = null;
  let prevF = 0;
  let prevT = 0;
  let prevST = 0;
  while (iF < nf || iH < hs.length) {
    let curH: FloatHistogram | null = null;
    let curF = 0;
    let curT: number;
    let curST: number;
    const hp = hs[iH];
    if (hp === undefined || (iF < nf && (t[iF] as number) <= hp.t)) {
      curF = f[iF] as number;
      curT = t[iF] as number;
      curST = fSTs[iF] ?? 0;
      iF++;
    } else {
      curH = hp.h;
      curT = hp.t;
      curST = hSTs[iH] ?? 0;
      iH++;
    }
    if (started) {
      if (prevH === null && curH === null) {
        if (counter.floats(prevF, prevT, prevST, curF, curT, curST)) count++;
      } else if (prevH === null || curH === null) {
        count++;
      } else if (counter.histograms(prevH, prevT, prevST, curH, curT, curST)) {
        count++;
      }
    }
    started = true;
    prevH = curH;
    prevF = curF;
    prevT = curT;
    prevST = curST;
  }
  return count;
}

const RESETS: PairCounter = {
  floats: (prevF, prevT, prevST, curF, curT, curST) => curF < prevF || isStartTimestampReset(prevST, prevT, curST, curT),
  histograms: (prev, prevT, prevST, cur, curT, curST) =>
    isStartTimestampReset(prevST, prevT, curST, curT) || detectHistogramReset(cur, prev),
};

const CHANGES: PairCounter = {
  floats: (prevF, _pt, _ps, curF) => curF !== prevF && !(Number.isNaN(curF) && Number.isNaN(prevF)),
  histograms: (prev, _pt, _ps, cur) => !histogramEquals(cur, prev),
};

/** changes() over floats[from:n]: value changes between neighbours (NaN to NaN is none). */
function countFloatChanges(f: Float64Array, from: number, n: number): number {
  let count = 0;
  let prev = f[from] as number;
  for (let i = from + 1; i < n; i++) {
    const v = f[i] as number;
    // v !== v: NaN. Two NaNs in a row are no change.
    if (v !== prev && (v === v || prev === prev)) count++;
    prev = v;
  }
  return count;
}

/** resets() over floats[from:n] without start timestamps: decreases between neighbours. */
function countFloatResets(f: Float64Array, from: number, n: number): number {
  let count = 0;
  let prev = f[from] as number;
  for (let i = from + 1; i < n; i++) {
    const v = f[i] as number;
    if (v < prev) count++;
    prev = v;
  }
  return count;
}

/** How a count is taken over a window of floats only: from the engine's stats, or by a walk. */
interface FloatCount {
  fromStats(stats: FloatWindowStats, from: number): number;
  walk(f: Float64Array, from: number, n: number): number;
}

function countOverWindow(matrixVals: Series[], args: Expr[], enh: EvalNodeHelper, counter: PairCounter, floats: FloatCount): Vector {
  const s = matrixVals[0];
  if (s === undefined || s.floats.length + s.histograms.length === 0) return enh.out;
  const first = firstSampleIndices(s, args, enh);
  if (first === null) return enh.out;
  let count: number;
  if (s.histograms.length > 0 || (enh.startTimestamps?.floats.length ?? 0) > 0) count = countPairs(s, first, enh, counter);
  else if (enh.windowStats) count = floats.fromStats(enh.windowStats, first[0]);
  else count = floats.walk(s.floats.f, first[0], s.floats.length);
  enh.out.push(rangeResult(enh, count));
  return enh.out;
}

const FLOAT_RESETS: FloatCount = { fromStats: (st, from) => st.dropsFrom(from), walk: countFloatResets };
const FLOAT_CHANGES: FloatCount = { fromStats: (st, from) => st.changesFrom(from), walk: countFloatChanges };

const funcResets: FunctionCall = (_v, m, args, enh) => countOverWindow(m, args, enh, RESETS, FLOAT_RESETS);
const funcChanges: FunctionCall = (_v, m, args, enh) => countOverWindow(m, args, enh, CHANGES, FLOAT_CHANGES);

export const CHANGE_FUNCTIONS: FunctionTable = {
  resets: funcResets,
  changes: funcChanges,
};
