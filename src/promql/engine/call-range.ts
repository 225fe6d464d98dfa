/**
 * Range-vector function calls (engine.go eval Call case with a matrix argument): series by
 * series, a window per series moved along the steps, the function called on the window at
 * every step. Between the batches of a range query the windows of selector arguments are kept
 * (WindowCache), so a long range is read from storage once per query, not once per batch.
 */
import { Labels, MetricName } from '../../model/labels/index.js';
import type { Call, Expr, MatrixSelector, VectorSelector } from '../parser/index.js';
import { exprType, positionRange, ValueType } from '../parser/index.js';
import {
  absentLabels,
  ANCHORED_SAFE_FUNCTIONS,
  dropMetadataLabels,
  possibleNonCounterInfo,
  SMOOTHED_SAFE_FUNCTIONS,
} from '../functions/index.js';
import type { EvalNodeHelper, FunctionCall } from '../functions/index.js';
import { FPoints, newSeries } from '../value/index.js';
import type { HPoint, Matrix, Sample, Series, Vector } from '../value/index.js';
import type { SelSeries } from './cursors.js';
import { EvalError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import { histogramPointSize } from './histogram-ops.js';
import { arenaCapacity, PointsArena } from './points-arena.js';
import type { RangeWindow } from './range-window.js';
import { containsSameLabelset } from './step-cursor.js';

const START_TS_FUNCS = new Set(['rate', 'irate', 'increase', 'resets']);
/** Functions that read the window's running counts (EvalNodeHelper.windowStats). */
const WINDOW_STATS_FUNCS = new Set(['changes', 'resets', 'rate', 'increase']);

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

/** How far before a step's time the window (mint, maxt] of a selector starts and ends. */
interface WindowOffsets {
  toMint: number;
  toMaxt: number;
}

function windowOffsets(ev: Evaluator, sel: MatrixSelector): WindowOffsets {
  const vs = sel.vectorSelector;
  const lb = ev.lookbackDelta;
  const extend = vs.anchored || vs.smoothed ? lb : 0;
  return { toMint: vs.offset + sel.range + extend, toMaxt: vs.offset - (vs.smoothed ? lb : 0) };
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
  inSeries: Series;
  inMatrix: Matrix;
  enh: EvalNodeHelper;
  trackST: boolean;
  offsets: WindowOffsets;
  /** Where the float results of all series go. */
  arena: PointsArena;
}

/**
 * The windows of one call's evaluation: one scratch window reused series after series, and
 * windows taken from / kept in the query's WindowCache across batches (selector arguments only).
 */
class CallWindows {
  private scratch: RangeWindow;
  private readonly cacheable: boolean;
  private readonly firstMint: number;
  private readonly firstMaxt: number;

  private readonly trackStats: boolean;

  constructor(
    private readonly ev: Evaluator,
    private readonly node: Call,
    sel: MatrixSelector,
    w: WindowOffsets,
    private readonly trackST: boolean,
  ) {
    this.trackStats = WINDOW_STATS_FUNCS.has(node.func.name);
    this.scratch = ev.q.windowPool.get(trackST, this.trackStats);
    this.cacheable = ev.q.selected.has(sel.vectorSelector);
    this.firstMint = ev.startTimestamp - w.toMint;
    this.firstMaxt = ev.startTimestamp - w.toMaxt;
  }

  /** The window for series i, positioned before this evaluation's first step. */
  acquire(i: number, s: SelSeries): RangeWindow {
    const ev = this.ev;
    const kept = this.cacheable ? ev.q.windowCache.take(this.node, i) : undefined;
    if (kept !== undefined && kept.canMoveTo(this.firstMint, this.firstMaxt)) {
      ev.currentSamples += kept.heldSamples();
      ev.checkSamples();
      return kept;
    }
    this.scratch.reset(s.iterator(), ev);
    return this.scratch;
  }

  /** Done with series i: keep its window for the next batch if one follows and it fits. */
  release(i: number, win: RangeWindow): void {
    const ev = this.ev;
    if (this.cacheable && ev.continuedByNextBatch && ev.q.windowCache.keep(this.node, i, win)) {
      ev.currentSamples -= win.heldSamples();
      // The next series' window likely needs as much room as this one had.
      if (win === this.scratch) this.scratch = ev.q.windowPool.get(this.trackST, this.trackStats, win.capacity);
    } else if (win !== this.scratch) {
      win.release(ev);
      ev.q.windowPool.put(win);
    }
  }

  finish(): void {
    this.scratch.release(this.ev);
    this.ev.q.windowPool.put(this.scratch);
  }
}

export function evalRangeFunction(ev: Evaluator, e: Call, args: Expr[], matrixArgIndex: number, call: FunctionCall): Matrix {
  const name = e.func.name;
  const scalarArgs = evalScalarArgs(ev, args, matrixArgIndex);
  const sel = args[matrixArgIndex] as MatrixSelector;
  checkExtendedSelector(sel.vectorSelector, name);
  const series = ev.expandSeries(sel.vectorSelector);
  const trackST = ev.q.useStartTimestamps && START_TS_FUNCS.has(name);
  const dropName = name !== 'last_over_time' && name !== 'first_over_time';
  const argSamples: Sample[] = [];
  for (let j = 0; j < args.length - 1; j++) argSamples.push({ metric: Labels.EMPTY, t: 0, f: 0, h: null, dropName: false });
  const inSeries: Series = newSeries(Labels.EMPTY, 0);
  const ctx: RangeCallCtx = {
    ev,
    call,
    args,
    sel,
    matrixArgIndex,
    scalarArgs,
    argSamples,
    vectorVals: argSamples.map((s) => [s]),
    inSeries,
    inMatrix: [inSeries],
    enh: ev.nodeHelper(e),
    trackST,
    offsets: windowOffsets(ev, sel),
    arena: new PointsArena(arenaCapacity(ev.numSteps(), series.length)),
  };
  const windows = new CallWindows(ev, e, sel, ctx.offsets, trackST);
  const noteNonCounters = name === 'rate' || name === 'increase' ? new Set<string>() : null;
  const results: SeriesResult[] = [];
  for (let i = 0; i < series.length; i++) {
    const s = series[i] as SelSeries;
    ev.checkCtx();
    const win = windows.acquire(i, s);
    const hists = evalSeriesSteps(ctx, win, s);
    windows.release(i, win);
    const r = sealSeriesResult(ev, ctx.arena, s, hists);
    if (r === null) continue;
    results.push(r);
    if (noteNonCounters !== null && r.floats >= 0) notePossibleNonCounter(ev, e, s, noteNonCounters);
  }
  windows.finish();
  ctx.enh.windowStats = null;
  const mat = seriesResultsMatrix(ev, ctx.arena, results, dropName);
  if (name === 'absent_over_time') return absentOverTime(ev, mat, e, dropName);
  if (!ev.delayedNameRemoval && containsSameLabelset(mat)) {
    throw new EvalError('vector cannot contain metrics with the same labelset');
  }
  return mat;
}

/** One input series' results: its float points in the arena (-1: none) and histograms. */
interface SeriesResult {
  input: SelSeries;
  floats: number;
  histograms: HPoint[];
}

/** Ends one series' results: counts its samples; null when it has none. */
function sealSeriesResult(ev: Evaluator, arena: PointsArena, s: SelSeries, hists: HPoint[] | null): SeriesResult | null {
  let n = arena.pending;
  if (n === 0 && hists === null) return null;
  if (hists !== null) for (const hp of hists) n += histogramPointSize(hp.h);
  ev.currentSamples += n;
  ev.checkSamples();
  return { input: s, floats: arena.seal(), histograms: hists ?? [] };
}

function seriesResultsMatrix(ev: Evaluator, arena: PointsArena, results: SeriesResult[], dropName: boolean): Matrix {
  const views = arena.views();
  return results.map((r) => {
    const drop = dropName || r.input.dropName === true;
    return {
      metric: !ev.delayedNameRemoval && drop ? dropMetadataLabels(r.input.labels) : r.input.labels,
      floats: r.floats >= 0 ? (views[r.floats] as FPoints) : new FPoints(0),
      histograms: r.histograms,
      dropName: drop,
    };
  });
}

/**
 * Calls the function for one series at every step, with its window moved along. Float results
 * go to the call's arena; histogram results are returned (null: none).
 */
function evalSeriesSteps(c: RangeCallCtx, win: RangeWindow, s: SelSeries): HPoint[] | null {
  const { ev, enh, args } = c;
  const vs = c.sel.vectorSelector;
  const { toMint, toMaxt } = c.offsets;
  const points = c.arena;
  let hists: HPoint[] | null = null;
  c.inSeries.metric = s.labels;
  c.inSeries.floats = win.floats;
  enh.windowStats = win.hasStats ? win : null;
  let step = -1;
  for (let ts = ev.startTimestamp; ts <= ev.endTimestamp; ts += ev.interval) {
    step++;
    let k = 0;
    for (let j = 0; j < args.length; j++) {
      if (j === c.matrixArgIndex) continue;
      const vals = c.scalarArgs[j];
      (c.argSamples[k++] as Sample).f = vals ? ((vals[step] as number | undefined) ?? 0) : 0;
    }
    if (ts === ev.startTimestamp || vs.timestamp === null) win.load(ts - toMint, ts - toMaxt, ev);
    if (win.size === 0) continue;
    c.inSeries.histograms = win.histograms;
    enh.ts = ts;
    enh.startTimestamps = c.trackST ? { floats: win.stFloats ?? [], histograms: win.stHistograms ?? [] } : null;
    const first = c.call(c.vectorVals, c.inMatrix, args, enh, ev.annos)[0];
    if (first !== undefined) {
      if (first.h === null) points.push(ts, first.f);
      else (hists ??= []).push({ t: ts, h: first.h });
    }
    // A range function returns at most one sample: pop() is much cheaper than setting length.
    if (enh.out.length === 1) enh.out.pop();
    else if (enh.out.length > 0) enh.out.length = 0;
  }
  return hists;
}

/** The possible-non-counter info for a series with float results (once per metric name). */
function notePossibleNonCounter(ev: Evaluator, e: Call, s: SelSeries, noted: Set<string>): void {
  const metricName = s.labels.get(MetricName);
  if (metricName === '' || noted.has(metricName)) return;
  noted.add(metricName);
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
