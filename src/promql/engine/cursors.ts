/**
 * Sample cursors over storage series: the lookback cursor behind instant-vector selection
 * (Prometheus's MemoizedSeriesIterator: seek + the sample just before), the range window
 * behind matrix selection (matrixIterSlice: drop what fell out of the window, append what
 * came in), and a SampleIterator over an evaluated Series (subquery results).
 */
import type { Labels } from '../../model/labels/index.js';
import { FloatHistogram, isStaleNaN } from '../../model/value/index.js';
import { ValueType } from '../../storage/index.js';
import type { SampleIterator } from '../../storage/index.js';
import { FPoints } from '../value/index.js';
import type { HPoint, Series } from '../value/index.js';
import { histogramPointSize } from './histogram-ops.js';

/** A series a selector reads: storage series, or an evaluated subquery series. */
export interface SelSeries {
  readonly labels: Labels;
  iterator(): SampleIterator;
  /** Set for subquery results whose __name__ is to be dropped. */
  readonly dropName?: boolean;
}

/** What the cursors need from the evaluator for sample accounting. */
export interface SampleBudget {
  currentSamples: number;
  /** Throws TooManySamplesError when currentSamples exceeds the limit. */
  checkSamples(): void;
}

/** The sample a LookbackCursor selected (reused between calls). */
export interface Selected {
  st: number;
  t: number;
  f: number;
  h: FloatHistogram | null;
}

/** Instant-vector sample selection with lookback (MemoizedSeriesIterator + vectorSelectorSingle). */
export class LookbackCursor {
  private it: SampleIterator | null = null;
  private vt: ValueType = ValueType.None;
  /** Time of the current sample (-Infinity before the first seek). */
  private lastTime = -Infinity;
  private curF = 0;
  private curH: FloatHistogram | null = null;
  private curST = 0;
  private prevT = -Infinity;
  private prevF = 0;
  private prevH: FloatHistogram | null = null;
  private prevST = 0;
  readonly sel: Selected = { st: 0, t: 0, f: 0, h: null };

  /**
   * delta: how far back a seek may jump without losing the previous sample; lookback:
   * how old a selected sample may be; wantST: read start timestamps.
   */
  constructor(
    private readonly delta: number,
    private readonly lookback: number,
    private readonly wantST = false,
  ) {}

  reset(it: SampleIterator): void {
    this.it = it;
    this.prevST = 0;
    this.lastTime = -Infinity;
    this.prevT = -Infinity;
    this.vt = it.next();
    if (this.vt !== ValueType.None) this.loadCurrent(it, false);
  }

  private loadCurrent(it: SampleIterator, setTime: boolean): void {
    if (setTime) this.lastTime = it.atT();
    if (this.vt === ValueType.Float) {
      this.curF = it.atF();
      this.curH = null;
    } else {
      this.curH = it.atFloatHistogram();
      this.curF = 0;
    }
    if (this.wantST) this.curST = it.atST();
  }

  private seek(t: number): ValueType {
    const it = this.it as SampleIterator;
    const t0 = t - this.delta;
    if (this.vt !== ValueType.None && t0 > this.lastTime) {
      this.prevT = -Infinity;
      this.vt = it.seek(t0);
      if (this.vt === ValueType.None) return ValueType.None;
      this.loadCurrent(it, true);
    }
    if (this.lastTime >= t) return this.vt;
    while (this.next() !== ValueType.None) {
      if (this.lastTime >= t) return this.vt;
    }
    return ValueType.None;
  }

  private next(): ValueType {
    if (this.vt === ValueType.None) return ValueType.None;
    const it = this.it as SampleIterator;
    this.prevT = this.lastTime;
    this.prevF = this.curF;
    this.prevH = this.curH;
    this.prevST = this.curST;
    this.vt = it.next();
    if (this.vt !== ValueType.None) this.loadCurrent(it, true);
    return this.vt;
  }

  /** Selects the sample for evaluation time ts (refTime = ts - offset) into `sel`; false if none. */
  select(ts: number, offset: number): boolean {
    const refTime = ts - offset;
    const vt = this.seek(refTime);
    const sel = this.sel;
    if (vt === ValueType.None || this.lastTime > refTime) {
      if (vt === ValueType.None) {
        const err = (this.it as SampleIterator).err();
        if (err) throw err;
      }
      if (this.prevT === -Infinity || this.prevT <= refTime - this.lookback) return false;
      sel.t = this.prevT;
      sel.f = this.prevF;
      sel.h = this.prevH;
      sel.st = this.prevST;
    } else {
      sel.t = this.lastTime;
      sel.f = this.curF;
      sel.h = this.curH;
      sel.st = this.curST;
    }
    if (sel.h === null ? isStaleNaN(sel.f) : isStaleNaN(sel.h.sum)) return false;
    return true;
  }
}

/**
 * The points of one series inside a moving range window (mint, maxt], kept in reusable
 * buffers across steps: points leaving the window are dropped from the front (by moving a
 * start index; the buffer is compacted only when it fills up), new points are appended from
 * the iterator. Stale markers are skipped. `floats` is a view of the window's float points.
 */
export class RangeWindow {
  readonly floats = new FPoints(0);
  histograms: HPoint[] = [];
  /** Start timestamps aligned with floats/histograms, when tracked. */
  stFloats: number[] | null = null;
  stHistograms: number[] | null = null;
  private bt = new Float64Array(16);
  private bf = new Float64Array(16);
  private start = 0;
  private end = 0;
  private it: SampleIterator | null = null;
  private vt: ValueType = ValueType.None;
  private fresh = true;

  constructor(trackStartTimestamps: boolean) {
    if (trackStartTimestamps) {
      this.stFloats = [];
      this.stHistograms = [];
    }
    this.syncView();
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
  }

  /** Releases the points still held from the budget. */
  release(budget: SampleBudget): void {
    budget.currentSamples -= this.end - this.start + this.histogramSize(0, this.histograms.length);
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
      const n = this.end - this.start;
      if (this.start > 0 && n <= this.bt.length / 2) {
        this.bt.copyWithin(0, this.start, this.end);
        this.bf.copyWithin(0, this.start, this.end);
      } else {
        const bt = new Float64Array(this.bt.length * 2);
        const bf = new Float64Array(this.bt.length * 2);
        bt.set(this.bt.subarray(this.start, this.end));
        bf.set(this.bf.subarray(this.start, this.end));
        this.bt = bt;
        this.bf = bf;
      }
      this.start = 0;
      this.end = n;
    }
    this.bt[this.end] = t;
    this.bf[this.end] = f;
    this.end++;
  }

  /** Moves the window to (mint, maxt]. */
  load(mint: number, maxt: number, budget: SampleBudget): void {
    const s0 = this.start;
    while (this.start < this.end && (this.bt[this.start] as number) <= mint) this.start++;
    const drop = this.start - s0;
    if (drop > 0) {
      budget.currentSamples -= drop;
      if (this.stFloats) this.stFloats.splice(0, drop);
      // Small windows are moved back to the buffer start (cheaper than a new view).
      const n = this.end - this.start;
      if (n <= 256) {
        this.bt.copyWithin(0, this.start, this.end);
        this.bf.copyWithin(0, this.start, this.end);
        this.start = 0;
        this.end = n;
      }
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

/** A SampleIterator over an evaluated Series (floats and histograms merged by time). */
export class SeriesSampleIterator implements SampleIterator {
  private fi = -1;
  private hi = -1;
  private cur: ValueType = ValueType.None;
  private started = false;

  constructor(private readonly s: Series) {}

  private pick(): ValueType {
    const f = this.s.floats;
    const hs = this.s.histograms;
    const ft = this.fi < f.length ? (f.t[this.fi] as number) : Infinity;
    const ht = this.hi < hs.length ? (hs[this.hi] as HPoint).t : Infinity;
    if (ft === Infinity && ht === Infinity) this.cur = ValueType.None;
    else this.cur = ft <= ht ? ValueType.Float : ValueType.FloatHistogram;
    return this.cur;
  }

  next(): ValueType {
    if (!this.started) {
      this.started = true;
      this.fi = 0;
      this.hi = 0;
    } else if (this.cur === ValueType.Float) {
      this.fi++;
    } else if (this.cur === ValueType.FloatHistogram) {
      this.hi++;
    } else {
      return ValueType.None;
    }
    return this.pick();
  }

  seek(t: number): ValueType {
    if (!this.started) {
      this.started = true;
      this.fi = 0;
      this.hi = 0;
      this.pick();
    }
    if (this.cur === ValueType.None) return ValueType.None;
    const f = this.s.floats;
    while (this.fi < f.length && (f.t[this.fi] as number) < t) this.fi++;
    const hs = this.s.histograms;
    while (this.hi < hs.length && (hs[this.hi] as HPoint).t < t) this.hi++;
    return this.pick();
  }

  atT(): number {
    return this.cur === ValueType.Float
      ? (this.s.floats.t[this.fi] as number)
      : (this.s.histograms[this.hi] as HPoint).t;
  }

  atF(): number {
    return this.s.floats.f[this.fi] as number;
  }

  atFloatHistogram(): FloatHistogram {
    return (this.s.histograms[this.hi] as HPoint).h;
  }

  atST(): number {
    return 0;
  }

  err(): Error | null {
    return null;
  }
}

/** Wraps an evaluated Series as a selector input. */
export function seriesAsSelSeries(s: Series): SelSeries {
  return { labels: s.metric, dropName: s.dropName, iterator: () => new SeriesSampleIterator(s) };
}
