/**
 * Aggregation operators (engine.go rangeEvalAgg, aggregation, aggregationCountValues):
 * sum (Kahan), avg (direct mean with a switch to incremental mean on overflow), count,
 * min, max, group, stddev, stdvar, quantile, count_values; topk/bottomk/limitk/limit_ratio
 * live in aggregation-k.ts.
 */
import { isValidLabelName } from '../../model/labels/index.js';
import { formatFloat, goQuote } from '../../model/strconv/index.js';
import { CounterResetHint, CustomBucketsSchema, histogramString } from '../../model/value/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import type { AggregateExpr, StringLiteral } from '../parser/index.js';
import { positionRange } from '../parser/index.js';
import {
  invalidQuantileWarning,
  kahanCompensation,
  mixedExponentialCustomHistogramsWarning,
  quantileOfValues,
} from '../functions/index.js';
import { newSeries } from '../value/index.js';
import type { HPoint, Matrix, Sample, Series, Vector } from '../value/index.js';
import { aggregationK, checkKParams, newKState } from './aggregation-k.js';
import { EvalError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import { matrixTotalSamples } from './node-helper.js';
import { FParams, groupingKey, groupingLabels } from './grouping.js';
import { addHistograms, divideHistogram } from './histogram-ops.js';
import { addPoint, StepCursor } from './step-cursor.js';

export function evalAggregate(ev: Evaluator, e: AggregateExpr): Matrix {
  const grouping = [...e.grouping].sort();
  if (e.op === 'count_values') return evalCountValues(ev, e, grouping);
  const originalNumSamples = ev.currentSamples;
  const params = new FParams(ev, e.param);
  const input = ev.evalMatrix(e.expr);
  const result = rangeEvalAgg(ev, e, grouping, input, params);
  ev.currentSamples = originalNumSamples + matrixTotalSamples(result);
  ev.checkSamples();
  return result;
}

function isKOp(op: AggregateExpr['op']): boolean {
  return op === 'topk' || op === 'bottomk' || op === 'limitk' || op === 'limit_ratio';
}

function rangeEvalAgg(ev: Evaluator, e: AggregateExpr, grouping: string[], input: Matrix, params: FParams): Matrix {
  const kOp = isKOp(e.op);
  const groupIndex = new Map<string, number>();
  const seriesToGroup = new Int32Array(input.length);
  const result: Matrix = [];
  for (let si = 0; si < input.length; si++) {
    const metric = (input[si] as Series).metric;
    const key = groupingKey(metric, grouping, e.without);
    let idx = groupIndex.get(key);
    if (idx === undefined) {
      idx = groupIndex.size;
      groupIndex.set(key, idx);
      if (!kOp) result.push(newSeries(groupingLabels(metric, grouping, e.without), 0));
    }
    seriesToGroup[si] = idx;
  }
  const cursor = new StepCursor(input);
  if (kOp) {
    if (!checkKParams(ev, e, params)) return [];
    const st = newKState(ev, e, input, cursor, seriesToGroup, groupIndex.size);
    for (let ts = ev.startTimestamp; ts <= ev.endTimestamp; ts += ev.interval) {
      const p = params.next();
      ev.checkCtx();
      const mat = aggregationK(st, p, ts);
      if (ev.startTimestamp === ev.endTimestamp) return mat;
    }
    return st.collected();
  }
  checkQuantileParams(ev, e, params);
  aggregateBlocked(ev, e, input, result, seriesToGroup, groupIndex.size, params);
  return result.filter((s) => s.floats.length + s.histograms.length > 0);
}

function checkQuantileParams(ev: Evaluator, e: AggregateExpr, params: FParams): void {
  if (e.op !== 'quantile' || e.param === null) return;
  const pos = positionRange(e.param);
  const warn = (q: number): void => {
    ev.annos.warn(invalidQuantileWarning(q), pos);
  };
  if (params.hasAnyNaN) warn(NaN);
  if (params.maxValue > 1) warn(params.maxValue);
  if (params.minValue < 0) warn(params.minValue);
}

/** Per-group running state, column-wise. */
class Groups {
  readonly seen: Uint8Array;
  readonly hasFloat: Uint8Array;
  readonly hasHistogram: Uint8Array;
  readonly incompatible: Uint8Array;
  readonly incrementalMean: Uint8Array;
  readonly dropName: Uint8Array;
  /** Bit 1: a CounterReset hint was seen; bit 2: a NotCounterReset hint was seen. */
  readonly resetHints: Uint8Array;
  readonly floatValue: Float64Array;
  readonly floatMean: Float64Array;
  readonly floatKahanC: Float64Array;
  readonly groupCount: Float64Array;
  readonly histogramValue: (FloatHistogram | null)[];
  readonly values: number[][] | null;

  constructor(n: number, withValues: boolean) {
    this.seen = new Uint8Array(n);
    this.hasFloat = new Uint8Array(n);
    this.hasHistogram = new Uint8Array(n);
    this.incompatible = new Uint8Array(n);
    this.incrementalMean = new Uint8Array(n);
    this.dropName = new Uint8Array(n);
    this.resetHints = new Uint8Array(n);
    this.floatValue = new Float64Array(n);
    this.floatMean = new Float64Array(n);
    this.floatKahanC = new Float64Array(n);
    this.groupCount = new Float64Array(n);
    this.histogramValue = new Array<FloatHistogram | null>(n).fill(null);
    this.values = withValues ? Array.from({ length: n }, () => []) : null;
  }
}

function ignoredHistogram(ev: Evaluator, e: AggregateExpr, op: string): void {
  ev.annos.info(`ignored histogram in ${op} aggregation`, positionRange(e.expr));
}

function initGroup(ev: Evaluator, e: AggregateExpr, g: Groups, gi: number, f: number, h: FloatHistogram | null, dropName: boolean): void {
  g.seen[gi] = 1;
  g.floatValue[gi] = f;
  g.floatMean[gi] = f;
  g.floatKahanC[gi] = 0;
  g.incompatible[gi] = 0;
  g.incrementalMean[gi] = 0;
  g.hasFloat[gi] = 0;
  g.hasHistogram[gi] = 0;
  g.histogramValue[gi] = null;
  g.groupCount[gi] = 1;
  g.dropName[gi] = dropName ? 1 : 0;
  g.resetHints[gi] = 0;
  switch (e.op) {
    case 'avg':
    case 'sum':
      if (h === null) g.hasFloat[gi] = 1;
      else {
        g.histogramValue[gi] = h.copy();
        g.hasHistogram[gi] = 1;
        noteResetHint(g, gi, h);
      }
      break;
    case 'stdvar':
    case 'stddev':
      if (h !== null) {
        g.seen[gi] = 0;
        ignoredHistogram(ev, e, e.op);
      } else g.floatValue[gi] = Number.isFinite(f) ? 0 : NaN;
      break;
    case 'quantile':
      if (h !== null) {
        g.seen[gi] = 0;
        ignoredHistogram(ev, e, 'quantile');
      }
      (g.values?.[gi] as number[]).length = 0;
      (g.values?.[gi] as number[]).push(f);
      break;
    case 'group':
      g.floatValue[gi] = 1;
      break;
    case 'min':
    case 'max':
      if (h !== null) {
        g.seen[gi] = 0;
        ignoredHistogram(ev, e, e.op);
      }
      break;
    default:
  }
}

function accumulate(ev: Evaluator, e: AggregateExpr, g: Groups, gi: number, f: number, h: FloatHistogram | null, metricName: string): void {
  switch (e.op) {
    case 'sum':
      if (h !== null) {
        g.hasHistogram[gi] = 1;
        addGroupHistogram(ev, e, g, gi, h, metricName);
      } else {
        g.hasFloat[gi] = 1;
        kahanAdd(g.floatValue, g.floatKahanC, gi, f);
      }
      return;
    case 'avg':
      accumulateAvg(ev, e, g, gi, f, h, metricName);
      return;
    case 'group':
      return;
    case 'max':
      if (h !== null) return ignoredHistogram(ev, e, 'max');
      if ((g.floatValue[gi] as number) < f || Number.isNaN(g.floatValue[gi])) g.floatValue[gi] = f;
      return;
    case 'min':
      if (h !== null) return ignoredHistogram(ev, e, 'min');
      if ((g.floatValue[gi] as number) > f || Number.isNaN(g.floatValue[gi])) g.floatValue[gi] = f;
      return;
    case 'count':
      g.groupCount[gi] = (g.groupCount[gi] as number) + 1;
      return;
    case 'stdvar':
    case 'stddev': {
      if (h !== null) return ignoredHistogram(ev, e, e.op);
      const n = (g.groupCount[gi] as number) + 1;
      g.groupCount[gi] = n;
      const delta = f - (g.floatMean[gi] as number);
      g.floatMean[gi] = (g.floatMean[gi] as number) + delta / n;
      g.floatValue[gi] = (g.floatValue[gi] as number) + delta * (f - (g.floatMean[gi] as number));
      return;
    }
    case 'quantile':
      if (h !== null) return ignoredHistogram(ev, e, 'quantile');
      (g.values?.[gi] as number[]).push(f);
      return;
    default:
      throw new EvalError(`expected aggregation operator but got "${e.op}"`);
  }
}

function noteResetHint(g: Groups, gi: number, h: FloatHistogram): void {
  if (h.counterResetHint === CounterResetHint.CounterReset) g.resetHints[gi] = (g.resetHints[gi] as number) | 1;
  else if (h.counterResetHint === CounterResetHint.NotCounterReset) g.resetHints[gi] = (g.resetHints[gi] as number) | 2;
}

/** Adds h into the group's histogram (sum and avg); incompatible layouts end the group. */
function addGroupHistogram(ev: Evaluator, e: AggregateExpr, g: Groups, gi: number, h: FloatHistogram, metricName: string): void {
  const acc = g.histogramValue[gi];
  if (acc === null || acc === undefined) return;
  noteResetHint(g, gi, h);
  const r = addHistograms(acc, h, 1);
  if (r !== null) {
    g.histogramValue[gi] = r;
    return;
  }
  g.incompatible[gi] = 1;
  if ((acc.schema === CustomBucketsSchema) !== (h.schema === CustomBucketsSchema)) {
    ev.annos.warn(mixedExponentialCustomHistogramsWarning(metricName), positionRange(e.expr));
  }
}

function accumulateAvg(ev: Evaluator, e: AggregateExpr, g: Groups, gi: number, f: number, h: FloatHistogram | null, metricName: string): void {
  const n = (g.groupCount[gi] as number) + 1;
  g.groupCount[gi] = n;
  if (h !== null) {
    g.hasHistogram[gi] = 1;
    addGroupHistogram(ev, e, g, gi, h, metricName);
    return;
  }
  g.hasFloat[gi] = 1;
  if (g.incrementalMean[gi] === 0) {
    const v = g.floatValue[gi] as number;
    const newV = v + f;
    if (newV !== Infinity && newV !== -Infinity) {
      g.floatKahanC[gi] = kahanCompensation(f, v, g.floatKahanC[gi] as number);
      g.floatValue[gi] = newV;
      return;
    }
    g.incrementalMean[gi] = 1;
    g.floatMean[gi] = (g.floatValue[gi] as number) / (n - 1);
    g.floatKahanC[gi] = (g.floatKahanC[gi] as number) / (n - 1);
  }
  const q = (n - 1) / n;
  g.floatMean[gi] = q * (g.floatMean[gi] as number);
  g.floatKahanC[gi] = q * (g.floatKahanC[gi] as number);
  kahanAdd(g.floatMean, g.floatKahanC, gi, f / n);
}

/** kahansum.Inc on column gi of a group's running sums and their compensations. */
function kahanAdd(sums: Float64Array, comps: Float64Array, gi: number, inc: number): void {
  const sum = sums[gi] as number;
  comps[gi] = kahanCompensation(inc, sum, comps[gi] as number);
  sums[gi] = sum + inc;
}

/** Operators with a float-only fast path in aggregateStep. */
const FAST_OPS: Partial<Record<AggregateExpr['op'], number>> = { sum: 1, count: 2, max: 3, min: 4, group: 5 };

function accumulateFloatFast(op: number, g: Groups, gi: number, f: number): void {
  switch (op) {
    case 1:
      g.hasFloat[gi] = 1;
      kahanAdd(g.floatValue, g.floatKahanC, gi, f);
      return;
    case 2:
      g.groupCount[gi] = (g.groupCount[gi] as number) + 1;
      return;
    case 3: {
      const v = g.floatValue[gi] as number;
      if (v < f || v !== v) g.floatValue[gi] = f;
      return;
    }
    case 4: {
      const v = g.floatValue[gi] as number;
      if (v > f || v !== v) g.floatValue[gi] = f;
      return;
    }
    default:
  }
}

/** One sample of series si into the aggregation slot idx. */
function aggregateSample(ev: Evaluator, e: AggregateExpr, g: Groups, fast: number, idx: number, f: number, h: FloatHistogram | null, s: Series): void {
  if (fast !== 0 && h === null && g.seen[idx] === 1 && g.incompatible[idx] === 0) {
    if (s.dropName) g.dropName[idx] = 1;
    accumulateFloatFast(fast, g, idx, f);
    return;
  }
  if (g.seen[idx] === 0) {
    initGroup(ev, e, g, idx, f, h, s.dropName);
    return;
  }
  if (g.incompatible[idx] === 1) return;
  if (s.dropName) g.dropName[idx] = 1;
  accumulate(ev, e, g, idx, f, h, h === null ? '' : s.metric.get('__name__'));
}

/** Steps aggregated together: bounded so that per-(group, step) state stays small. */
function blockSize(numSteps: number, nGroups: number): number {
  return Math.max(1, Math.min(numSteps, 1024, Math.floor(65536 / Math.max(1, nGroups))));
}

/**
 * The per-step aggregation of engine.go (aggregation()) run block-wise: for a block of steps,
 * every input series is read once (series-major, cache-friendly) into per-(group, step)
 * state; the order in which samples meet in a slot is still the input series order.
 */
function aggregateBlocked(
  ev: Evaluator,
  e: AggregateExpr,
  input: Matrix,
  output: Matrix,
  seriesToGroup: Int32Array,
  nGroups: number,
  params: FParams,
): void {
  const numSteps = ev.numSteps();
  const qs = new Float64Array(numSteps);
  for (let k = 0; k < numSteps; k++) qs[k] = params.next();
  const B = blockSize(numSteps, nGroups);
  const g = new Groups(nGroups * B, e.op === 'quantile');
  const fpos = new Int32Array(input.length);
  const hpos = new Int32Array(input.length);
  const fast = FAST_OPS[e.op] ?? 0;
  const interval = ev.interval;
  for (let b0 = 0; b0 < numSteps; b0 += B) {
    ev.checkCtx();
    const bn = Math.min(B, numSteps - b0);
    const tStart = ev.startTimestamp + b0 * interval;
    const tEnd = tStart + bn * interval;
    g.seen.fill(0);
    for (let si = 0; si < input.length; si++) {
      const s = input[si] as Series;
      const base = (seriesToGroup[si] as number) * B;
      const ft = s.floats.t;
      const ff = s.floats.f;
      const fl = s.floats.length;
      let fp = fpos[si] as number;
      for (; fp < fl && (ft[fp] as number) < tEnd; fp++) {
        aggregateSample(ev, e, g, fast, base + ((ft[fp] as number) - tStart) / interval, ff[fp] as number, null, s);
      }
      fpos[si] = fp;
      const hs = s.histograms;
      let hp = hpos[si] as number;
      for (; hp < hs.length && (hs[hp] as HPoint).t < tEnd; hp++) {
        const pt = hs[hp] as HPoint;
        aggregateSample(ev, e, g, fast, base + (pt.t - tStart) / interval, 0, pt.h, s);
      }
      hpos[si] = hp;
    }
    for (let gi = 0; gi < nGroups; gi++) {
      const ss = output[gi] as Series;
      for (let k = 0; k < bn; k++) {
        const idx = gi * B + k;
        if (g.seen[idx] === 0) continue;
        const v = finalValue(ev, e, g, idx, qs[b0 + k] as number);
        if (v === null) continue;
        addPoint(ss, tStart + k * interval, v.f, v.h, numSteps);
        ss.dropName = g.dropName[idx] === 1;
      }
    }
  }
}

function finalValue(ev: Evaluator, e: AggregateExpr, g: Groups, gi: number, q: number): { f: number; h: FloatHistogram | null } | null {
  const n = g.groupCount[gi] as number;
  const fv = g.floatValue[gi] as number;
  switch (e.op) {
    case 'avg':
    case 'sum': {
      if (g.hasFloat[gi] === 1 && g.hasHistogram[gi] === 1) {
        ev.annos.warn('encountered a mix of histograms and floats for aggregation', positionRange(e.expr));
        return null;
      }
      if (g.incompatible[gi] === 1) return null;
      const hv = g.histogramValue[gi] ?? null;
      if (g.resetHints[gi] === 3) {
        ev.annos.warn('conflicting counter resets during histogram aggregation', positionRange(e.expr));
      }
      if (g.hasHistogram[gi] === 1 && hv !== null) return { f: 0, h: e.op === 'avg' ? divideHistogram(hv, n) : hv };
      const c = g.floatKahanC[gi] as number;
      if (e.op === 'sum') return { f: fv + c, h: null };
      if (g.incrementalMean[gi] === 1) return { f: (g.floatMean[gi] as number) + c, h: null };
      return { f: fv / n + c / n, h: null };
    }
    case 'count':
      return { f: n, h: null };
    case 'stdvar':
      return { f: fv / n, h: null };
    case 'stddev':
      return { f: Math.sqrt(fv / n), h: null };
    case 'quantile':
      return { f: quantile(q, g.values?.[gi] as number[]), h: null };
    default:
      return { f: fv, h: null };
  }
}

/** The q-quantile of a group's values (quantile.go quantile). */
export function quantile(q: number, values: number[]): number {
  return quantileOfValues(q, Float64Array.from(values), values.length);
}

function evalCountValues(ev: Evaluator, e: AggregateExpr, sortedGrouping: string[]): Matrix {
  const valueLabel = (e.param as StringLiteral).val;
  if (!isValidLabelName(valueLabel)) throw new EvalError(`invalid label name ${goQuote(valueLabel)}`);
  const grouping = e.without ? sortedGrouping : [...sortedGrouping, valueLabel].sort();
  return ev.rangeEval([e.expr], null, (v, _s, enh) => {
    const groups = new Map<string, { metric: Sample['metric']; count: number }>();
    for (const s of v[0] as Vector) {
      const value = s.h === null ? formatFloat(s.f, 'f') : histogramString(s.h);
      const metric = s.metric.with(valueLabel, value);
      const key = groupingKey(metric, grouping, e.without);
      const g = groups.get(key);
      if (g === undefined) groups.set(key, { metric: groupingLabels(metric, grouping, e.without), count: 1 });
      else g.count++;
    }
    for (const g of groups.values()) enh.out.push({ metric: g.metric, t: 0, f: g.count, h: null, dropName: false });
    return enh.out;
  });
}
