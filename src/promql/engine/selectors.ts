/**
 * Vector and matrix selection (engine.go evalSeries, smoothSeries, matrixSelector,
 * extendFloats): lookback with left-open windows (t - lookback, t], staleness markers,
 * offsets and @, and the extra points anchored/smoothed selectors load.
 */
import { MetricName } from '../../model/labels/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import { CounterResetHint } from '../../model/value/index.js';
import type { MatrixSelector, VectorSelector } from '../parser/index.js';
import { positionRange } from '../parser/index.js';
import { mixedFloatsHistogramsWarning } from '../functions/index.js';
import { FPoints, newSeries } from '../value/index.js';
import type { HPoint, Matrix, Series } from '../value/index.js';
import { LookbackCursor } from './cursors.js';
import { arenaCapacity, PointsArena } from './points-arena.js';
import { RangeWindow } from './range-window.js';
import type { SelSeries } from './cursors.js';
import { EvalError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import { addHistograms, histogramPointSize, scaleHistogram } from './histogram-ops.js';

/**
 * One point per step for each series (evalSeries). With atTimestamp set, every step looks
 * up that fixed time. recordOrigT stores the sample's own timestamp as the value (info()).
 */
export function evalSeries(
  ev: Evaluator,
  series: SelSeries[],
  offset: number,
  recordOrigT: boolean,
  atTimestamp: number | null,
): Matrix {
  const arena = new PointsArena(arenaCapacity(ev.numSteps(), series.length));
  const found: { labels: SelSeries['labels']; floats: number; hists: HPoint[] }[] = [];
  const cursor = new LookbackCursor(ev.lookbackDelta, ev.lookbackDelta);
  const sel = cursor.sel;
  for (const s of series) {
    ev.checkCtx();
    cursor.reset(s.iterator());
    let hists: HPoint[] | null = null;
    for (let ts = ev.startTimestamp; ts <= ev.endTimestamp; ts += ev.interval) {
      if (!cursor.select(atTimestamp ?? ts, offset)) continue;
      if (sel.h === null) {
        ev.currentSamples++;
        ev.checkSamples();
        arena.push(ts, recordOrigT ? sel.t : sel.f);
      } else {
        if (recordOrigT) throw new EvalError(`this should be an info metric, with float samples: ${s.labels.toString()}`);
        ev.currentSamples += histogramPointSize(sel.h);
        ev.checkSamples();
        if (hists === null) hists = [];
        hists.push({ t: ts, h: sel.h });
      }
    }
    if (arena.pending > 0 || hists !== null) found.push({ labels: s.labels, floats: arena.seal(), hists: hists ?? [] });
  }
  const views = arena.views();
  return found.map((r) => ({
    metric: r.labels,
    floats: r.floats >= 0 ? (views[r.floats] as FPoints) : new FPoints(0),
    histograms: r.hists,
    dropName: false,
  }));
}

/** Evaluates a vector selector over the evaluator's steps. */
export function evalVectorSelector(ev: Evaluator, vs: VectorSelector): Matrix {
  const series = ev.expandSeries(vs);
  if (vs.smoothed) return smoothSeries(ev, series, vs);
  return evalSeries(ev, series, vs.offset, false, null);
}

function lowerBound(p: FPoints, t: number): number {
  let lo = 0;
  let hi = p.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((p.t[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Linear interpolation between (t1, y1) and (t2, y2) at t (functions.go interpolate, non-counter). */
export function interpolateFloat(t1: number, y1: number, t2: number, y2: number, t: number): number {
  return y1 + ((y2 - y1) * (t - t1)) / (t2 - t1);
}

/** The smoothed instant selector: interpolates between the samples around each step. */
function smoothSeries(ev: Evaluator, series: SelSeries[], vs: VectorSelector): Matrix {
  const lb = ev.lookbackDelta;
  const mat: Matrix = [];
  const win = new RangeWindow(false);
  const pos = positionRange(vs);
  for (const s of series) {
    ev.checkCtx();
    win.reset(s.iterator(), ev);
    const out = newSeries(s.labels, 0);
    const metricName = s.labels.get(MetricName);
    for (let ts = ev.startTimestamp; ts <= ev.endTimestamp; ts += ev.interval) {
      const dataTS = ts - vs.offset;
      win.load(dataTS - lb, dataTS + lb, ev);
      if (win.size === 0) continue;
      if (win.floats.length > 0 && win.histograms.length > 0) {
        ev.annos.warn(mixedFloatsHistogramsWarning(metricName), pos);
        continue;
      }
      if (win.histograms.length > 0) {
        const h = smoothHistogramAt(win.histograms, dataTS);
        if (h) out.histograms.push({ t: ts, h });
        continue;
      }
      const fl = win.floats;
      const i = lowerBound(fl, dataTS);
      if (i < fl.length && fl.t[i] === dataTS) {
        out.floats.push(ts, fl.f[i] as number);
      } else if (i > 0 && i < fl.length) {
        const v = interpolateFloat(
          fl.t[i - 1] as number,
          fl.f[i - 1] as number,
          fl.t[i] as number,
          fl.f[i] as number,
          dataTS,
        );
        out.floats.push(ts, v);
      } else if (i > 0) {
        out.floats.push(ts, fl.f[i - 1] as number);
      }
    }
    win.release(ev);
    if (out.floats.length + out.histograms.length > 0) mat.push(out);
  }
  return mat;
}

function smoothHistogramAt(hists: HPoint[], dataTS: number): FloatHistogram | null {
  let i = 0;
  while (i < hists.length && (hists[i] as HPoint).t < dataTS) i++;
  if (i < hists.length && (hists[i] as HPoint).t === dataTS) return (hists[i] as HPoint).h.copy();
  if (i > 0 && i < hists.length) {
    const prev = hists[i - 1] as HPoint;
    const next = hists[i] as HPoint;
    const isCounter = prev.h.counterResetHint !== CounterResetHint.Gauge || next.h.counterResetHint !== CounterResetHint.Gauge;
    const frac = (dataTS - prev.t) / (next.t - prev.t);
    if (isCounter && next.h.count < prev.h.count) return scaleHistogram(next.h, frac);
    const diff = addHistograms(next.h, prev.h, -1);
    if (diff === null) return null;
    return addHistograms(scaleHistogram(diff, frac), prev.h, 1);
  }
  if (i > 0) {
    const h = (hists[i - 1] as HPoint).h.copy();
    h.counterResetHint = CounterResetHint.Unknown;
    return h;
  }
  return null;
}

/** Instant evaluation of a range-vector selector: the raw points of each series' window. */
export function evalMatrixSelector(ev: Evaluator, node: MatrixSelector): Matrix {
  const vs = node.vectorSelector;
  let maxt = ev.startTimestamp - vs.offset;
  let mint = maxt - node.range;
  const matrixMint = mint;
  const matrixMaxt = maxt;
  if (vs.anchored) {
    mint -= ev.lookbackDelta;
  } else if (vs.smoothed) {
    mint -= ev.lookbackDelta;
    maxt += ev.lookbackDelta;
  }
  const series = ev.expandSeries(vs);
  const matrix: Matrix = [];
  const win = new RangeWindow(false);
  for (const s of series) {
    ev.checkCtx();
    win.reset(s.iterator(), ev);
    win.load(mint, maxt, ev);
    // The window's points now belong to the result and stay counted.
    const hists = win.histograms;
    win.histograms = [];
    const out: Series = { metric: s.labels, floats: win.takeFloats(), histograms: hists, dropName: false };
    if (vs.anchored || vs.smoothed) {
      if (out.histograms.length > 0) {
        throw new EvalError(`${vs.anchored ? 'anchored' : 'smoothed'} modifier is not supported with histograms`);
      }
      out.floats = extendFloats(out.floats, matrixMint, matrixMaxt, vs.smoothed);
    }
    if (out.floats.length + out.histograms.length > 0) matrix.push(out);
  }
  return matrix;
}

/** Search in [0, n) for the first index where pred holds (sort.Search). */
function search(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (!pred(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Extends the points of an anchored or smoothed window to its boundaries: a point at mint
 * (picked or interpolated) and one at maxt, with the points strictly inside in between.
 */
export function extendFloats(floats: FPoints, mint: number, maxt: number, smoothed: boolean): FPoints {
  if (floats.length === 0) return floats;
  const t = floats.t;
  const f = floats.f;
  let last = floats.length - 1;
  let first = Math.max(0, search(last, (i) => (t[i] as number) > mint) - 1);
  if (smoothed) last = search(last, (i) => (t[i] as number) >= maxt);
  if ((t[last] as number) <= mint) return new FPoints(1);
  let left = f[first] as number;
  if (smoothed && (t[first] as number) < mint) {
    left = interpolateFloat(t[first] as number, f[first] as number, t[first + 1] as number, f[first + 1] as number, mint);
  }
  let right = f[last] as number;
  if (smoothed && last > 0 && (t[last] as number) > maxt) {
    right = interpolateFloat(t[last - 1] as number, f[last - 1] as number, t[last] as number, f[last] as number, maxt);
  }
  if ((t[first] as number) <= mint) first++;
  if ((t[last] as number) >= maxt) last--;
  const out = new FPoints(Math.max(0, last - first + 1) + 2);
  out.push(mint, left);
  for (let i = first; i <= last; i++) out.push(t[i] as number, f[i] as number);
  out.push(maxt, right);
  return out;
}
