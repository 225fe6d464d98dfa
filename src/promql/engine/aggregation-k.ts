/**
 * topk, bottomk, limitk and limit_ratio (engine.go aggregationK). The per-group selection
 * uses the same binary heap as Go's container/heap so that the order of an instant
 * query's result matches upstream, and limit_ratio samples series by labels hash.
 */
import { formatFloat } from '../../model/strconv/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import type { AggregateExpr } from '../parser/index.js';
import { positionRange } from '../parser/index.js';
import { newSeries } from '../value/index.js';
import type { Matrix, Sample, Series } from '../value/index.js';
import { EvalError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import type { FParams } from './grouping.js';
import { addRatioSample } from './label-hash.js';
import { addPoint, StepCursor } from './step-cursor.js';

const MAX_INT64 = 9223372036854774784;
const MIN_INT64 = -9223372036854775808;

type Less = (a: Sample, b: Sample) => boolean;

/** vectorByValueHeap.Less: NaN sorts first. */
const valueLess: Less = (a, b) => Number.isNaN(a.f) || a.f < b.f;
/** vectorByReverseValueHeap.Less. */
const reverseLess: Less = (a, b) => Number.isNaN(a.f) || a.f > b.f;

function up(h: Sample[], j: number, less: Less): void {
  for (;;) {
    const i = Math.trunc((j - 1) / 2);
    if (i === j || !less(h[j] as Sample, h[i] as Sample)) break;
    [h[i], h[j]] = [h[j] as Sample, h[i] as Sample];
    j = i;
  }
}

function down(h: Sample[], i0: number, n: number, less: Less): boolean {
  let i = i0;
  for (;;) {
    const j1 = 2 * i + 1;
    if (j1 >= n || j1 < 0) break;
    let j = j1;
    const j2 = j1 + 1;
    if (j2 < n && less(h[j2] as Sample, h[j1] as Sample)) j = j2;
    if (!less(h[j] as Sample, h[i] as Sample)) break;
    [h[i], h[j]] = [h[j] as Sample, h[i] as Sample];
    i = j;
  }
  return i > i0;
}

function heapPush(h: Sample[], s: Sample, less: Less): void {
  h.push(s);
  up(h, h.length - 1, less);
}

function heapFix(h: Sample[], i: number, less: Less): void {
  if (!down(h, i, h.length, less)) up(h, i, less);
}

/** sort.Sort(sort.Reverse(heap)): insertion sort (what Go uses for up to 12 elements), else a stable sort. */
function sortReverse(h: Sample[], less: Less): void {
  const rless = (a: Sample, b: Sample): boolean => less(b, a);
  if (h.length <= 12) {
    for (let i = 1; i < h.length; i++) {
      for (let j = i; j > 0 && rless(h[j] as Sample, h[j - 1] as Sample); j--) {
        [h[j], h[j - 1]] = [h[j - 1] as Sample, h[j] as Sample];
      }
    }
    return;
  }
  h.sort((a, b) => (rless(a, b) ? -1 : rless(b, a) ? 1 : 0));
}

/** Validates the parameter once for all steps; false when nothing can be selected. */
export function checkKParams(ev: Evaluator, e: AggregateExpr, params: FParams): boolean {
  if (e.op === 'limit_ratio') {
    if (params.maxValue === 0 && params.minValue === 0) return false;
    if (params.hasAnyNaN) throw new EvalError('Ratio value is NaN');
    const pos = e.param !== null ? positionRange(e.param) : null;
    if (params.maxValue > 1) {
      ev.annos.warn(`ratio value should be between -1 and 1, got ${formatFloat(params.maxValue)}, capping to 1`, pos);
    }
    if (params.minValue < -1) {
      ev.annos.warn(`ratio value should be between -1 and 1, got ${formatFloat(params.minValue)}, capping to -1`, pos);
    }
    return true;
  }
  if (params.maxValue < 1) return false;
  if (params.hasAnyNaN) throw new EvalError('Parameter value is NaN');
  if (params.minValue <= MIN_INT64) throw new EvalError(`Scalar value ${formatFloat(params.minValue)} underflows int64`);
  if (params.maxValue >= MAX_INT64) throw new EvalError(`Scalar value ${formatFloat(params.maxValue)} overflows int64`);
  return true;
}

export interface KState {
  ev: Evaluator;
  e: AggregateExpr;
  input: Matrix;
  cursor: StepCursor;
  seriesToGroup: Int32Array;
  heaps: Sample[][];
  seen: Uint8Array;
  complete: Uint8Array;
  /** One Sample object per input series, refilled when the series has a value at a step. */
  slots: Sample[];
  /** Output series of a range query by label-set key. */
  out: Map<string, Series>;
  collected(): Matrix;
}

export function newKState(ev: Evaluator, e: AggregateExpr, input: Matrix, cursor: StepCursor, seriesToGroup: Int32Array, n: number): KState {
  const out = new Map<string, Series>();
  return {
    ev,
    e,
    input,
    cursor,
    seriesToGroup,
    heaps: Array.from({ length: n }, () => []),
    seen: new Uint8Array(n),
    complete: new Uint8Array(n),
    slots: input.map((s) => ({ metric: s.metric, t: 0, f: 0, h: null, dropName: s.dropName })),
    out,
    collected: () => [...out.values()],
  };
}

const cur: { f: number; h: FloatHistogram | null } = { f: 0, h: null };

function advanceRemaining(st: KState, ts: number, from: number): void {
  if (ts === st.ev.endTimestamp) return;
  for (let i = from; i < st.input.length; i++) st.cursor.next(i, ts, cur);
}

/** One step of topk/bottomk/limitk/limit_ratio; returns the result matrix for instant queries. */
export function aggregationK(st: KState, fParam: number, ts: number): Matrix {
  const { e, ev } = st;
  const op = e.op;
  st.seen.fill(0);
  st.complete.fill(0);
  let groupsRemaining = st.heaps.length;
  const k = Math.min(Math.trunc(fParam), st.input.length);
  const r = fParam < -1 ? -1 : fParam > 1 ? 1 : fParam;
  for (let si = 0; si < st.input.length; si++) {
    if (!st.cursor.next(si, ts, cur)) continue;
    const s = st.slots[si] as Sample;
    s.f = cur.f;
    s.h = cur.h;
    s.t = ts;
    if (op !== 'limit_ratio' && k < 1) {
      advanceRemaining(st, ts, si + 1);
      return [];
    }
    if (op === 'limit_ratio' && fParam === 0) {
      advanceRemaining(st, ts, si + 1);
      return [];
    }
    const gi = st.seriesToGroup[si] as number;
    const heap = st.heaps[gi] as Sample[];
    if (st.seen[gi] === 0) {
      st.seen[gi] = 1;
      heap.length = 0;
      initHeap(st, heap, gi, s, r);
      continue;
    }
    if (addToHeap(st, heap, s, k, r) && op === 'limitk' && st.complete[gi] === 0 && heap.length === k) {
      st.complete[gi] = 1;
      groupsRemaining--;
      if (groupsRemaining === 0) {
        advanceRemaining(st, ts, si + 1);
        break;
      }
    }
  }
  return emit(st, ts);
}

function histogramIgnored(st: KState): void {
  st.ev.annos.info(`ignored histogram in ${st.e.op} aggregation`, st.e.posRange);
}

function initHeap(st: KState, heap: Sample[], gi: number, s: Sample, r: number): void {
  switch (st.e.op) {
    case 'limit_ratio':
      if (addRatioSample(r, s.metric)) heapPush(heap, s, valueLess);
      return;
    case 'limitk':
      heap.push(s);
      return;
    default:
      if (s.h !== null) {
        st.seen[gi] = 0;
        histogramIgnored(st);
      } else heapPush(heap, s, st.e.op === 'topk' ? valueLess : reverseLess);
  }
}

/** Adds s to an initialised group heap; returns true (limitk bookkeeping follows). */
function addToHeap(st: KState, heap: Sample[], s: Sample, k: number, r: number): boolean {
  switch (st.e.op) {
    case 'topk':
      if (s.h !== null) histogramIgnored(st);
      else if (heap.length < k) heapPush(heap, s, valueLess);
      else if ((heap[0] as Sample).f < s.f || (Number.isNaN((heap[0] as Sample).f) && !Number.isNaN(s.f))) {
        heap[0] = s;
        if (k > 1) heapFix(heap, 0, valueLess);
      }
      return false;
    case 'bottomk':
      if (s.h !== null) histogramIgnored(st);
      else if (heap.length < k) heapPush(heap, s, reverseLess);
      else if ((heap[0] as Sample).f > s.f || (Number.isNaN((heap[0] as Sample).f) && !Number.isNaN(s.f))) {
        heap[0] = s;
        if (k > 1) heapFix(heap, 0, reverseLess);
      }
      return false;
    case 'limitk':
      if (heap.length < k) heapPush(heap, s, valueLess);
      return true;
    default:
      if (addRatioSample(r, s.metric)) heapPush(heap, s, valueLess);
      return false;
  }
}

function emit(st: KState, ts: number): Matrix {
  const instant = st.ev.startTimestamp === st.ev.endTimestamp;
  const mat: Matrix = [];
  const numSteps = st.ev.numSteps();
  const add = (s: Sample): void => {
    if (instant) {
      const out = newSeries(s.metric, s.h === null ? 1 : 0);
      out.dropName = s.dropName;
      if (s.h === null) out.floats.push(ts, s.f);
      else out.histograms.push({ t: ts, h: s.h });
      mat.push(out);
      return;
    }
    const key = s.metric.key();
    let ss = st.out.get(key);
    if (ss === undefined) {
      ss = newSeries(s.metric, 0);
      ss.dropName = s.dropName;
      st.out.set(key, ss);
    }
    addPoint(ss, ts, s.f, s.h, numSteps);
  };
  for (let gi = 0; gi < st.heaps.length; gi++) {
    if (st.seen[gi] === 0) continue;
    const heap = st.heaps[gi] as Sample[];
    if (st.e.op === 'topk' && heap.length > 1) sortReverse(heap, valueLess);
    else if (st.e.op === 'bottomk' && heap.length > 1) sortReverse(heap, reverseLess);
    for (const s of heap) add(s);
  }
  return mat;
}
