/**
 * A head transaction (Prometheus headAppender): samples are validated against the series as
 * they are appended, buffered, and only on commit written to the WAL (series records for new
 * series, then one samples record, in one write) and applied to memory.
 */
import { Labels } from '../../model/labels/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import { isStaleNaN } from '../../model/value/index.js';
import {
  DuplicateSampleForTimestampError,
  OutOfBoundsError,
  OutOfOrderSampleError,
  TooOldSampleError,
} from '../../storage/index.js';
import type { Appender, SeriesRef } from '../../storage/index.js';
import {
  AppenderClosedError,
  InvalidSampleError,
  NativeHistogramsDisabledError,
  WalWriteError,
} from './errors.js';
import { MIN_TIME, sameValue, setStaleNaN } from './mem-series.js';
import type { MemSeries } from './mem-series.js';

/** Where a sample goes, or why it cannot. */
export const enum Appendability {
  InOrder = 0,
  OutOfOrder = 1,
  ErrOutOfOrder = 2,
  ErrOutOfBounds = 3,
  ErrTooOld = 4,
  ErrDuplicate = 5,
}

/** Classifies (t, v) for series s (Prometheus memSeries.appendable). */
export function appendability(
  s: MemSeries,
  t: number,
  v: number,
  headMaxt: number,
  minValidTime: number,
  oooWindow: number,
): Appendability {
  if (t >= minValidTime) {
    const maxT = s.maxTime();
    if (maxT === MIN_TIME || t > maxT) return Appendability.InOrder;
    if (t === maxT) {
      // Exact duplicates of the newest sample are accepted (and dropped at commit).
      // Without an open head chunk (only mmapped chunks after a restart) the last value is unknown.
      if (s.head !== null && !sameValue(s.lastValue, v)) return Appendability.ErrDuplicate;
      return Appendability.InOrder;
    }
  }
  if (oooWindow > 0 && t >= headMaxt - oooWindow) return Appendability.OutOfOrder;
  if (oooWindow > 0) return Appendability.ErrTooOld;
  if (t < minValidTime) return Appendability.ErrOutOfBounds;
  return Appendability.ErrOutOfOrder;
}

/*
 * Rejections are routine on the scrape path (one append per sample), so each kind is one shared,
 * frozen instance: no Error construction or stack capture per rejected sample. Callers only
 * check instanceof and the message.
 */
const ERR_OUT_OF_ORDER = Object.freeze(new OutOfOrderSampleError());
const ERR_OUT_OF_BOUNDS = Object.freeze(new OutOfBoundsError());
const ERR_TOO_OLD = Object.freeze(new TooOldSampleError());
const ERR_DUPLICATE = Object.freeze(new DuplicateSampleForTimestampError());

function throwFor(a: Appendability): void {
  switch (a) {
    case Appendability.ErrOutOfOrder:
      throw ERR_OUT_OF_ORDER;
    case Appendability.ErrOutOfBounds:
      throw ERR_OUT_OF_BOUNDS;
    case Appendability.ErrTooOld:
      throw ERR_TOO_OLD;
    case Appendability.ErrDuplicate:
      throw ERR_DUPLICATE;
    default:
      return;
  }
}

/** A batch of buffered samples handed to the head on commit (parallel columns). */
export interface AppendBatch {
  readonly created: readonly MemSeries[];
  readonly series: readonly MemSeries[];
  /** Sample count; ts and vs may be longer (spare capacity). */
  readonly length: number;
  readonly ts: Float64Array;
  /** A typed array: a plain JS array can rewrite a NaN's payload and lose stale markers. */
  readonly vs: Float64Array;
  readonly minValidTime: number;
  readonly headMaxt: number;
  readonly oooWindow: number;
}

/** What the appender needs from the head. */
export interface AppendTarget {
  initialized(): boolean;
  initTime(t: number): void;
  appendableMinValidTime(): number;
  maxTime(): number;
  oooTimeWindow(): number;
  seriesByRef(ref: number): MemSeries | undefined;
  /** Finds or creates the series of a validated label set; created series are pendingCommit. */
  getOrCreate(lset: Labels): { series: MemSeries; created: boolean };
  /** Writes the batch to the WAL (throws on I/O failure). */
  logBatch(b: AppendBatch): void;
  /** Applies a logged batch to memory. */
  applyBatch(b: AppendBatch): void;
  /** Logs series records of series created by a rolled back transaction. */
  logSeriesOnly(created: readonly MemSeries[]): void;
}

/**
 * Rejects label sets the head cannot store (none left, a duplicate or empty name) and drops
 * empty-valued labels as upstream does; returns the set to store.
 */
export function validateLabels(lset: Labels): Labels {
  const p = lset.pairs;
  let emptyValues = false;
  for (let i = 0; i < p.length; i += 2) {
    if (p[i + 1] === '') emptyValues = true;
    else if (p[i] === '') throw new InvalidSampleError('empty label name');
    if (i > 0 && p[i] === p[i - 2]) throw new InvalidSampleError(`label name "${p[i] as string}" is not unique`);
  }
  let out = lset;
  if (emptyValues) {
    const kept: string[] = [];
    for (let i = 0; i < p.length; i += 2) if (p[i + 1] !== '') kept.push(p[i] as string, p[i + 1] as string);
    out = Labels.fromSortedPairs(kept);
  }
  if (out.isEmpty()) throw new InvalidSampleError('empty labelset');
  return out;
}

/** Sample columns of a finished transaction, reused by the next appender (all work is synchronous). */
interface Columns {
  series: MemSeries[];
  ts: Float64Array;
  vs: Float64Array;
}
let spare: Columns | null = null;
/** Columns larger than this are not kept for reuse. */
const MAX_SPARE_SAMPLES = 1 << 16;

export class HeadAppender implements Appender {
  private closed = false;
  private started = false;
  private minValidTime = MIN_TIME;
  private headMaxt = MIN_TIME;
  private oooWindow = 0;
  private readonly created: MemSeries[] = [];
  private readonly series: MemSeries[];
  private n = 0;
  private ts: Float64Array;
  private vs: Float64Array;

  constructor(private readonly head: AppendTarget) {
    const c = spare;
    if (c !== null) {
      spare = null;
      this.series = c.series;
      this.ts = c.ts;
      this.vs = c.vs;
    } else {
      this.series = [];
      this.ts = new Float64Array(16);
      this.vs = new Float64Array(16);
    }
    if (head.initialized()) this.start();
  }

  /** Hands the columns to the next appender once this one is closed. */
  private release(): void {
    if (this.ts.length > MAX_SPARE_SAMPLES) return;
    this.series.length = 0;
    spare = { series: this.series, ts: this.ts, vs: this.vs };
  }

  private start(): void {
    this.started = true;
    this.minValidTime = this.head.appendableMinValidTime();
    this.headMaxt = this.head.maxTime();
    this.oooWindow = this.head.oooTimeWindow();
  }

  append(ref: SeriesRef, lset: Labels, t: number, v: number): SeriesRef {
    if (this.closed) throw new AppenderClosedError();
    if (!this.started) {
      // The head has no time bounds yet: the first sample sets them (Prometheus initAppender).
      if (!this.head.initialized()) this.head.initTime(t);
      this.start();
    }
    if (this.oooWindow === 0 && t < this.minValidTime) throw ERR_OUT_OF_BOUNDS;
    let s = ref !== 0 ? this.head.seriesByRef(ref) : undefined;
    if (s === undefined) {
      const r = this.head.getOrCreate(validateLabels(lset));
      s = r.series;
      if (r.created) this.created.push(s);
    }
    const a = appendability(s, t, v, this.headMaxt, this.minValidTime, this.oooWindow);
    if (a > Appendability.OutOfOrder) throwFor(a);
    this.series.push(s);
    if (this.n === this.ts.length) this.grow();
    this.ts[this.n] = t;
    if (v !== v && isStaleNaN(v)) setStaleNaN(this.vs, this.n);
    else this.vs[this.n] = v;
    this.n++;
    return s.ref;
  }

  appendHistogram(_ref: SeriesRef, _lset: Labels, _t: number, _h: FloatHistogram): SeriesRef {
    if (this.closed) throw new AppenderClosedError();
    throw new NativeHistogramsDisabledError();
  }

  commit(): Promise<void> {
    try {
      this.commitSync();
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Commit without the promise wrapper (used by tests and the DB's own writers). */
  commitSync(): void {
    if (this.closed) throw new AppenderClosedError();
    const batch = this.batch();
    if (this.created.length > 0 || this.n > 0) {
      try {
        this.head.logBatch(batch);
      } catch (e) {
        this.rollback();
        throw new WalWriteError(e);
      }
    }
    this.closed = true;
    this.head.applyBatch(batch);
    for (const s of this.created) s.pendingCommit = false;
    this.release();
  }

  rollback(): void {
    if (this.closed) throw new AppenderClosedError();
    this.closed = true;
    for (const s of this.created) s.pendingCommit = false;
    // Series exist in memory regardless, so the WAL must know them.
    if (this.created.length > 0) this.head.logSeriesOnly(this.created);
    this.release();
  }

  private grow(): void {
    const ts = new Float64Array(this.ts.length * 2);
    ts.set(this.ts);
    this.ts = ts;
    const vs = new Float64Array(this.vs.length * 2);
    vs.set(this.vs);
    this.vs = vs;
  }

  private batch(): AppendBatch {
    return {
      created: this.created,
      series: this.series,
      length: this.n,
      ts: this.ts,
      vs: this.vs,
      minValidTime: this.minValidTime,
      headMaxt: this.headMaxt,
      oooWindow: this.oooWindow,
    };
  }
}
