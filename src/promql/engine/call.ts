/**
 * Function calls (engine.go eval Call case): instant-vector functions step by step, and
 * range-vector functions series by series with a moving window per series; the functions
 * the engine evaluates itself (label_replace, label_join, info, timestamp over a selector,
 * absent_over_time's labels) and the per-call annotations.
 */
import { Labels, MetricName } from '../../model/labels/index.js';
import type { Call, Expr, MatrixSelector, VectorSelector } from '../parser/index.js';
import { exprType, positionRange, ValueType } from '../parser/index.js';
import {
  absentLabels,
  ANCHORED_SAFE_FUNCTIONS,
  dropMetadataLabels,
  FUNCTION_CALLS,
  possibleNonCounterInfo,
  SMOOTHED_SAFE_FUNCTIONS,
  sortInRangeQueryWarning,
} from '../functions/index.js';
import type { EvalNodeHelper, FunctionCall } from '../functions/index.js';
import { FPoints, newSeries } from '../value/index.js';
import type { Matrix, Sample, Series, Vector } from '../value/index.js';
import { evalLabelFunction, evalTimestampOverSelector } from './call-special.js';
import { RangeWindow } from './cursors.js';
import type { SelSeries } from './cursors.js';
import { EvalError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import { newNodeHelper } from './node-helper.js';
import { evalInfo } from './info.js';
import { histogramPointSize } from './histogram-ops.js';
import { containsSameLabelset } from './step-cursor.js';
import { evalSubqueryAsMatrixSelector } from './subquery.js';

const SORT_FUNCS = new Set(['sort', 'sort_desc', 'sort_by_label', 'sort_by_label_desc']);
const START_TS_FUNCS = new Set(['rate', 'irate', 'increase', 'resets']);

export function evalCall(ev: Evaluator, e: Call): Matrix {
  const name = e.func.name;
  if ((name === 'timestamp' || name === 'start_timestamp') && e.args[0]?.kind === 'VectorSelector') {
    return evalTimestampOverSelector(ev, e.args[0], lookupFunction(name), e);
  }
  let args = e.args;
  let matrixArgIndex = -1;
  let subquerySamples = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as Expr;
    if (a.kind === 'MatrixSelector') {
      matrixArgIndex = i;
      break;
    }
    if (a.kind === 'SubqueryExpr') {
      matrixArgIndex = i;
      args = [...args];
      const sq = evalSubqueryAsMatrixSelector(ev, a);
      args[i] = sq.sel;
      subquerySamples = sq.totalSamples;
      break;
    }
  }
  try {
    return evalCallArgs(ev, e, args, matrixArgIndex);
  } finally {
    ev.currentSamples -= subquerySamples;
  }
}

function evalCallArgs(ev: Evaluator, e: Call, args: Expr[], matrixArgIndex: number): Matrix {
  const name = e.func.name;
  switch (name) {
    case 'label_replace':
    case 'label_join':
      return evalLabelFunction(ev, name, args);
    case 'info':
      return evalInfo(ev, args);
  }
  const call = lookupFunction(name);
  if (SORT_FUNCS.has(name) && ev.startTimestamp !== ev.endTimestamp) {
    ev.annos.warn(sortInRangeQueryWarning(), positionRange(e));
  }
  if (matrixArgIndex < 0) {
    const argv = args;
    return ev.rangeEval(argv, null, (v, _s, enh) => call(v, [], argv, enh, ev.annos));
  }
  return evalRangeFunction(ev, e, args, matrixArgIndex, call);
}

function lookupFunction(name: string): FunctionCall {
  const call = FUNCTION_CALLS.get(name);
  if (call === undefined) throw new EvalError(`unexpected nil implementation for function "${name}"`);
  return call;
}

function checkExtendedSelector(vs: VectorSelector, name: string): void {
  if (vs.anchored && !ANCHORED_SAFE_FUNCTIONS.has(name)) {
    throw new EvalError(`anchored modifier can only be used with: ${sortedNames(ANCHORED_SAFE_FUNCTIONS)} - not with ${name}`);
  }
  if (vs.smoothed && !SMOOTHED_SAFE_FUNCTIONS.has(name)) {
    throw new EvalError(`smoothed modifier can only be used with: ${sortedNames(SMOOTHED_SAFE_FUNCTIONS)} - not with ${name}`);
  }
}

function sortedNames(names: ReadonlySet<string>): string {
  return [...names].sort().join(', ');
}

/** Scalar values of the non-matrix arguments, one array of step values per argument. */
function evalScalarArgs(ev: Evaluator, args: Expr[], matrixArgIndex: number): (Float64Array | null)[] {
  return args.map((a, i) => {
    if (i === matrixArgIndex || exprType(a) === ValueType.String) return null;
    const mat = ev.evalMatrix(a);
    const s = mat[0];
    return s === undefined ? new Float64Array(0) : s.floats.f.subarray(0, s.floats.length);
  });
}

/** What the per-series loop of a range-vector function needs. */
interface RangeCallCtx {
  ev: Evaluator;
  call: FunctionCall;
  args: Expr[];
  sel: MatrixSelector;
  matrixArgIndex: number;
  scalarArgs: (Float64Array | null)[];
  argSamples: Sample[];
  vectorVals: Vector[];
  win: RangeWindow;
  inSeries: Series;
  inMatrix: Matrix;
  enh: EvalNodeHelper;
  trackST: boolean;
}

function evalRangeFunction(ev: Evaluator, e: Call, args: Expr[], matrixArgIndex: number, call: FunctionCall): Matrix {
  const name = e.func.name;
  const scalarArgs = evalScalarArgs(ev, args, matrixArgIndex);
  const sel = args[matrixArgIndex] as MatrixSelector;
  checkExtendedSelector(sel.vectorSelector, name);
  const series = ev.expandSeries(sel.vectorSelector);
  const trackST = ev.q.useStartTimestamps && START_TS_FUNCS.has(name);
  const dropName = name !== 'last_over_time' && name !== 'first_over_time';
  const win = new RangeWindow(trackST);
  const argSamples: Sample[] = [];
  for (let j = 0; j < args.length - 1; j++) argSamples.push({ metric: Labels.EMPTY, t: 0, f: 0, h: null, dropName: false });
  const inSeries: Series = newSeries(Labels.EMPTY, 0);
  inSeries.floats = win.floats;
  const ctx: RangeCallCtx = {
    ev,
    call,
    args,
    sel,
    matrixArgIndex,
    scalarArgs,
    argSamples,
    vectorVals: argSamples.map((s) => [s]),
    win,
    inSeries,
    inMatrix: [inSeries],
    enh: newNodeHelper(ev.delayedNameRemoval),
    trackST,
  };
  const mat: Matrix = [];
  for (const s of series) {
    ev.checkCtx();
    const seriesDropName = dropName || s.dropName === true;
    const out = newSeries(!ev.delayedNameRemoval && seriesDropName ? dropMetadataLabels(s.labels) : s.labels, 0);
    out.dropName = seriesDropName;
    evalSeriesSteps(ctx, s, out);
    collectRangeResult(ev, mat, out);
    if (name === 'rate' || name === 'increase') notePossibleNonCounter(ev, e, s, out);
  }
  win.release(ev);
  if (name === 'absent_over_time') return absentOverTime(ev, mat, e, dropName);
  if (!ev.delayedNameRemoval && containsSameLabelset(mat)) {
    throw new EvalError('vector cannot contain metrics with the same labelset');
  }
  return mat;
}

/** Calls the function for one series at every step, with its window moved along. */
function evalSeriesSteps(c: RangeCallCtx, s: SelSeries, out: Series): void {
  const { ev, win, enh, args, sel } = c;
  const vs = sel.vectorSelector;
  const lb = ev.lookbackDelta;
  const numSteps = ev.numSteps();
  win.reset(s.iterator(), ev);
  c.inSeries.metric = s.labels;
  let step = -1;
  for (let ts = ev.startTimestamp; ts <= ev.endTimestamp; ts += ev.interval) {
    step++;
    let k = 0;
    for (let j = 0; j < args.length; j++) {
      if (j === c.matrixArgIndex) continue;
      const vals = c.scalarArgs[j];
      (c.argSamples[k++] as Sample).f = vals ? ((vals[step] as number | undefined) ?? 0) : 0;
    }
    if (ts === ev.startTimestamp || vs.timestamp === null) {
      let maxt = ts - vs.offset;
      let mint = maxt - sel.range;
      if (vs.anchored) mint -= lb;
      else if (vs.smoothed) {
        mint -= lb;
        maxt += lb;
      }
      win.load(mint, maxt, ev);
    }
    if (win.size === 0) continue;
    c.inSeries.histograms = win.histograms;
    enh.ts = ts;
    enh.startTimestamps = c.trackST ? { floats: win.stFloats ?? [], histograms: win.stHistograms ?? [] } : null;
    const first = c.call(c.vectorVals, c.inMatrix, args, enh, ev.annos)[0];
    if (first !== undefined) {
      if (first.h === null) {
        if (out.floats.t.length === 0) out.floats = new FPoints(Math.min(numSteps, 4096));
        out.floats.push(ts, first.f);
      } else out.histograms.push({ t: ts, h: first.h });
    }
    if (enh.out.length > 0) enh.out.length = 0;
  }
}

function collectRangeResult(ev: Evaluator, mat: Matrix, out: Series): void {
  let n = out.floats.length;
  for (const hp of out.histograms) n += histogramPointSize(hp.h);
  if (n === 0) return;
  mat.push(out);
  ev.currentSamples += n;
  ev.checkSamples();
}

function notePossibleNonCounter(ev: Evaluator, e: Call, s: SelSeries, out: Series): void {
  const metricName = s.labels.get(MetricName);
  if (metricName === '' || out.floats.length === 0) return;
  if (
    metricName.endsWith('_total') ||
    metricName.endsWith('_sum') ||
    metricName.endsWith('_count') ||
    metricName.endsWith('_bucket')
  ) {
    return;
  }
  ev.annos.info(possibleNonCounterInfo(metricName), positionRange(e.args[0] as Expr));
}

/** absent_over_time: one series with 1 at the steps where no input series has a value. */
function absentOverTime(ev: Evaluator, mat: Matrix, e: Call, dropName: boolean): Matrix {
  const steps = ev.numSteps();
  for (const s of mat) if (s.floats.length + s.histograms.length === steps) return [];
  const found = new Set<number>();
  for (let i = 0; i < mat.length; i++) {
    const s = mat[i] as Series;
    for (let j = 0; j < s.floats.length; j++) found.add(s.floats.t[j] as number);
    for (const hp of s.histograms) found.add(hp.t);
    if (i > 0 && found.size === steps) return [];
  }
  const out = newSeries(absentLabels(e.args[0] as Expr), steps - found.size);
  out.dropName = dropName;
  for (let ts = ev.startTimestamp; ts <= ev.endTimestamp; ts += ev.interval) if (!found.has(ts)) out.floats.push(ts, 1);
  return [out];
}
