/**
 * The range window behind matrix selection and range-vector functions (engine.go
 * matrixIterSlice): the points of one series in (mint, maxt], moved forward step by step by
 * dropping what fell out and appending what came in, without copying the window per step.
 */
import { isStaleNaN } from '../../model/value/index.js';
import { ValueType } from '../../storage/index.js';
import type { SampleIterator } from '../../storage/index.js';
import { FPoints } from '../value/index.js';
import type { HPoint } from '../value/index.js';
import type { FloatWindowStats } from '../functions/index.js';
import type { SampleBudget } from './cursors.js';
import { histogramPointSize } from './histogram-ops.js';

/**
 * The points of one series inside a moving range window (mint, maxt], kept in reusable
 * buffers across steps: points leaving the window are dropped from the front (by moving a
 * start index; the buffer is compacted only when it fills up), new points are appended from
 * the iterator. Stale markers are skipped. `floats` is a view of the window's float points.
 */
export class RangeWindow implements FloatWindowStats {
  readonly floats = new FPoints(0);
  histograms: HPoint[] = [];
  /** Start timestamps aligned with floats/histograms, when tracked. */
  stFloats: number[] | null = null;
  stHistograms: number[] | null = null;
  private bt: Float64Array;
  private bf: Float64Array;
  /**
   * With stats: running counts over the buffer, aligned with bt/bf, of neighbouring float
   * points whose values differ (changes) and drop (resets), so that counts over the window
   * are a difference of two entries instead of a walk over it.
   */
  private bc: Int32Array | null = null;
  private br: Int32Array | null = null;
  private start = 0;
  private end = 0;
  private it: SampleIterator | null = null;
  private vt: ValueType = ValueType.None;
  private fresh = true;
  /** The bounds of the last load (a window only moves forward). */
  lastMint = -Infinity;
  lastMaxt = -Infinity;

  /** capacity: float points the buffers start with (they grow as needed). */
  constructor(trackStartTimestamps: boolean, trackStats = false, capacity = 16) {
    this.bt = new Float64Array(capacity);
    this.bf = new Float64Array(capacity);
    if (trackStartTimestamps) {
      this.stFloats = [];
      this.stHistograms = [];
    }
    if (trackStats) {
      this.bc = new Int32Array(capacity);
      this.br = new Int32Array(capacity);
    }
    this.syncView();
  }

  /** Float points the buffers hold without growing. */
  get capacity(): number {
    return this.bt.length;
  }

  /** Whether changesFrom/dropsFrom are available. */
  get hasStats(): boolean {
    return this.bc !== null;
  }

  changesFrom(from: number): number {
    const a = this.start + from;
    const b = this.end - 1;
    const bc = this.bc as Int32Array;
    return b > a ? (bc[b] as number) - (bc[a] as number) : 0;
  }

  dropsFrom(from: number): number {
    const a = this.start + from;
    const b = this.end - 1;
    const br = this.br as Int32Array;
    return b > a ? (br[b] as number) - (br[a] as number) : 0;
  }

  private viewBuf: Float64Array | null = null;
  private viewStart = -1;

  private syncView(): void {
    const fl = this.floats;
    if (this.viewBuf !== this.bt || this.viewStart !== this.start) {
      if (this.start === 0) {
        fl.t = this.bt;
        fl.f = this.bf;
      } else {
        fl.t = this.bt.subarray(this.start);
        fl.f = this.bf.subarray(this.start);
      }
      this.viewBuf = this.bt;
      this.viewStart = this.start;
    }
    fl.length = this.end - this.start;
  }

  /** Switches to a new series; the points still held are released from the budget. */
  reset(it: SampleIterator, budget: SampleBudget): void {
    this.release(budget);
    if (this.stFloats) this.stFloats.length = 0;
    if (this.stHistograms) this.stHistograms.length = 0;
    this.it = it;
    this.vt = ValueType.None;
    this.fresh = true;
    this.lastMint = -Infinity;
    this.lastMaxt = -Infinity;
  }

  /** Empties the window and lets go of its series (its points must have been released). */
  recycle(): void {
    this.it = null;
    this.start = 0;
    this.end = 0;
    this.histograms = [];
    if (this.stFloats) this.stFloats.length = 0;
    if (this.stHistograms) this.stHistograms.length = 0;
    this.syncView();
  }

  /** Which of the WindowPool's free lists the window belongs on. */
  get kind(): number {
    return windowKind(this.stFloats !== null, this.bc !== null);
  }

  /** Whether the window can move on to (mint, maxt] (it never moves back). */
  canMoveTo(mint: number, maxt: number): boolean {
    return mint >= this.lastMint && maxt >= this.lastMaxt;
  }

  /** Points (histograms by size) the window holds. */
  heldSamples(): number {
    return this.end - this.start + this.histogramSize(0, this.histograms.length);
  }

  /** Releases the points still held from the budget. */
  release(budget: SampleBudget): void {
    budget.currentSamples -= this.heldSamples();
    this.start = 0;
    this.end = 0;
    this.histograms = [];
    this.syncView();
  }

  /** Hands the float points over to the caller (they stay counted) and empties the window. */
  takeFloats(): FPoints {
    const out = this.floats.clone();
    this.start = 0;
    this.end = 0;
    this.syncView();
    return out;
  }

  private histogramSize(from: number, to: number): number {
    let n = 0;
    for (let i = from; i < to; i++) n += histogramPointSize((this.histograms[i] as HPoint).h);
    return n;
  }

  get size(): number {
    return this.end - this.start + this.histograms.length;
  }

  private pushFloat(t: number, f: number): void {
    if (this.end === this.bt.length) {
      if (this.start > 0 && this.end - this.start <= this.bt.length / 2) this.moveToFront();
      else this.grow();
    }
    const e = this.end;
    this.bt[e] = t;
    this.bf[e] = f;
    const bc = this.bc;
    const br = this.br;
    if (bc !== null && br !== null) {
      if (e === 0) {
        bc[0] = 0;
        br[0] = 0;
      } else {
        const p = this.bf[e - 1] as number;
        // f !== f: NaN; NaN to NaN is no change.
        bc[e] = (bc[e - 1] as number) + (f !== p && (f === f || p === p) ? 1 : 0);
        br[e] = (br[e - 1] as number) + (f < p ? 1 : 0);
      }
    }
    this.end = e + 1;
  }

  /** Moves the window's points to the start of the buffers. */
  private moveToFront(): void {
    const { start, end } = this;
    const n = end - start;
    if (n <= 64) {
      // Small windows move every step: a plain loop beats the copyWithin calls.
      const { bt, bf, bc, br } = this;
      for (let i = 0; i < n; i++) {
        bt[i] = bt[start + i] as number;
        bf[i] = bf[start + i] as number;
      }
      if (bc !== null && br !== null) {
        for (let i = 0; i < n; i++) {
          bc[i] = bc[start + i] as number;
          br[i] = br[start + i] as number;
        }
      }
    } else {
      this.bt.copyWithin(0, start, end);
      this.bf.copyWithin(0, start, end);
      this.bc?.copyWithin(0, start, end);
      this.br?.copyWithin(0, start, end);
    }
    this.start = 0;
    this.end = n;
  }

  /** Twice the buffer space, the window's points at the start. */
  private grow(): void {
    const { start, end } = this;
    const cap = this.bt.length * 2;
    const copy = <T extends Float64Array | Int32Array>(from: T, to: T): T => {
      to.set(from.subarray(start, end) as ArrayLike<number>);
      return to;
    };
    this.bt = copy(this.bt, new Float64Array(cap));
    this.bf = copy(this.bf, new Float64Array(cap));
    if (this.bc !== null) this.bc = copy(this.bc, new Int32Array(cap));
    if (this.br !== null) this.br = copy(this.br, new Int32Array(cap));
    this.start = 0;
    this.end = end - start;
  }

  /** Moves the window to (mint, maxt]. */
  load(mint: number, maxt: number, budget: SampleBudget): void {
    this.lastMint = mint;
    this.lastMaxt = maxt;
    const s0 = this.start;
    while (this.start < this.end && (this.bt[this.start] as number) <= mint) this.start++;
    const drop = this.start - s0;
    if (drop > 0) {
      budget.currentSamples -= drop;
      if (this.stFloats) this.stFloats.splice(0, drop);
      // Small windows are moved back to the buffer start (cheaper than a new view).
      if (this.end - this.start <= 256) this.moveToFront();
    }
    const hs = this.histograms;
    let hdrop = 0;
    while (hdrop < hs.length && (hs[hdrop] as HPoint).t <= mint) hdrop++;
    if (hdrop > 0) {
      budget.currentSamples -= this.histogramSize(0, hdrop);
      hs.splice(0, hdrop);
      if (this.stHistograms) this.stHistograms.splice(0, hdrop);
    }
    if (mint !== maxt) {
      const lastF = this.end > this.start ? (this.bt[this.end - 1] as number) : mint;
      const lastH = hs.length > 0 ? (hs[hs.length - 1] as HPoint).t : mint;
      this.advance(mint, maxt, lastF, lastH, budget);
    }
    this.syncView();
  }

  private advance(mint: number, maxt: number, lastF: number, lastH: number, budget: SampleBudget): void {
    const it = this.it as SampleIterator;
    if (this.fresh) {
      this.fresh = false;
      this.vt = it.seek(mint + 1);
    } else if (this.vt !== ValueType.None && it.atT() <= mint) {
      this.vt = it.seek(mint + 1);
    }
    while (this.vt !== ValueType.None) {
      const t = it.atT();
      if (t > maxt) break;
      if (this.vt === ValueType.Float) {
        const f = it.atF();
        if (t > lastF && !isStaleNaN(f)) {
          budget.currentSamples++;
          budget.checkSamples();
          this.pushFloat(t, f);
          if (this.stFloats) this.stFloats.push(it.atST());
        }
      } else {
        const h = it.atFloatHistogram();
        if (t > lastH && !isStaleNaN(h.sum)) {
          budget.currentSamples += histogramPointSize(h);
          budget.checkSamples();
          this.histograms.push({ t, h });
          if (this.stHistograms) this.stHistograms.push(it.atST());
        }
      }
      this.vt = it.next();
    }
    const err = it.err();
    if (err) throw err;
  }
}

/** Most points the windows kept between batches may hold together (per query). */
const WINDOW_CACHE_POINTS = 2_000_000;

/**
 * Range windows kept from one batch of a range query to the next, per call node and series,
 * so that a long window (say [1d]) is not read again from storage at every batch. Bounded in
 * points; a window that does not fit is read again. Kept windows are not counted as samples
 * the query holds (the engine counts a window while it evaluates its series, as upstream).
 */
export class WindowCache {
  private readonly byNode = new Map<object, Map<number, RangeWindow>>();
  private held = 0;

  constructor(private readonly maxPoints = WINDOW_CACHE_POINTS) {}

  /** Takes out the window kept for series i of node, if any. */
  take(node: object, i: number): RangeWindow | undefined {
    const m = this.byNode.get(node);
    const w = m?.get(i);
    if (m === undefined || w === undefined) return undefined;
    m.delete(i);
    this.held -= w.heldSamples();
    return w;
  }

  /** Keeps a window for the next batch; false when it does not fit. */
  keep(node: object, i: number, w: RangeWindow): boolean {
    const n = w.heldSamples();
    if (this.held + n > this.maxPoints) return false;
    let m = this.byNode.get(node);
    if (m === undefined) {
      m = new Map();
      this.byNode.set(node, m);
    }
    m.set(i, w);
    this.held += n;
    return true;
  }
}

/** Most float points the windows an engine keeps for reuse may hold (buffer capacity). */
const WINDOW_POOL_POINTS = 2_000_000;

function windowKind(trackStartTimestamps: boolean, trackStats: boolean): number {
  return (trackStartTimestamps ? 2 : 0) + (trackStats ? 1 : 0);
}

/**
 * Range windows kept for reuse by the calls and queries of one engine, so that their buffers
 * are allocated once rather than per series, batch and query (upstream pools its point slices
 * the same way). Bounded in buffer capacity.
 */
export class WindowPool {
  private readonly free: RangeWindow[][] = [[], [], [], []];
  private held = 0;

  constructor(private readonly maxPoints = WINDOW_POOL_POINTS) {}

  /** A window with these options: a pooled one, or a new one of `capacity` points. */
  get(trackStartTimestamps: boolean, trackStats: boolean, capacity = 16): RangeWindow {
    const w = this.free[windowKind(trackStartTimestamps, trackStats)]?.pop();
    if (w === undefined) return new RangeWindow(trackStartTimestamps, trackStats, capacity);
    this.held -= w.capacity;
    return w;
  }

  /** Takes back a window whose points were released from the query's budget. */
  put(w: RangeWindow): void {
    if (this.held + w.capacity > this.maxPoints) return;
    w.recycle();
    this.free[w.kind]?.push(w);
    this.held += w.capacity;
  }
}
