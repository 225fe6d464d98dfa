/**
 * Sample cursors over storage series: the lookback cursor behind instant-vector selection
 * (Prometheus's MemoizedSeriesIterator: seek + the sample just before) and a SampleIterator
 * over an evaluated Series (subquery results). The range window is in range-window.ts.
 */
import type { Labels } from '../../model/labels/index.js';
import { FloatHistogram, isStaleNaN } from '../../model/value/index.js';
import { ValueType } from '../../storage/index.js';
import type { SampleIterator } from '../../storage/index.js';
import type { HPoint, Series } from '../value/index.js';

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
