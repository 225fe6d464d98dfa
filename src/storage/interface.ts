import type { Labels, Matcher } from '../model/labels/index.js';
import type { FloatHistogram } from '../model/value/index.js';

/** What an iterator is positioned on (Prometheus chunkenc.ValueType). */
export enum ValueType {
  None = 0,
  Float = 1,
  Histogram = 2,
  FloatHistogram = 3,
}

/**
 * Cursor over one series' samples in time order. No allocation per sample:
 * call next()/seek() and read the current sample with atT()/atF()/atFloatHistogram().
 */
export interface SampleIterator {
  /** Advance; returns the type of the new sample or None at the end. */
  next(): ValueType;
  /** Advance to the first sample with t >= t (never moves backwards); returns its type or None. */
  seek(t: number): ValueType;
  /** Timestamp (ms) of the current sample. */
  atT(): number;
  /** Float value of the current sample (valid when it is a Float). */
  atF(): number;
  /** Histogram value of the current sample (Histogram and FloatHistogram). */
  atFloatHistogram(): FloatHistogram;
  /** Start timestamp (ms) of the current sample, or 0 if none is recorded. */
  atST(): number;
  err(): Error | null;
}

export interface Series {
  readonly labels: Labels;
  iterator(): SampleIterator;
}

/** Cursor over series, sorted by labels when select() was asked to sort. */
export interface SeriesSet {
  next(): boolean;
  at(): Series;
  err(): Error | null;
  warnings(): string[];
}

/** Prometheus storage.SelectHints. Times in ms. */
export interface SelectHints {
  start: number;
  end: number;
  step?: number;
  range?: number;
  func?: string;
  grouping?: string[];
  by?: boolean;
  limit?: number;
}

export interface LabelHints {
  limit?: number;
}

/** Reads series over [mint, maxt]. Prometheus storage.Querier. */
export interface Querier {
  select(sortSeries: boolean, hints: SelectHints | null, ...matchers: Matcher[]): SeriesSet;
  labelValues(name: string, hints: LabelHints | null, ...matchers: Matcher[]): string[];
  labelNames(hints: LabelHints | null, ...matchers: Matcher[]): string[];
  close(): void;
}

export interface Queryable {
  querier(mint: number, maxt: number): Querier;
}

/** Opaque series reference handed back by an Appender to speed up later appends. 0 = unknown. */
export type SeriesRef = number;

/** Writes samples in a transaction. Prometheus storage.Appender. */
export interface Appender {
  append(ref: SeriesRef, labels: Labels, t: number, v: number): SeriesRef;
  appendHistogram(ref: SeriesRef, labels: Labels, t: number, h: FloatHistogram): SeriesRef;
  /** Sets the start timestamp of the sample appended next for this series (start_timestamp()). */
  appendST?(ref: SeriesRef, labels: Labels, t: number, st: number): SeriesRef;
  commit(): Promise<void>;
  rollback(): void;
}

export interface Appendable {
  appender(): Appender;
}

/** A Queryable that can also be written to. */
export interface Storage extends Queryable, Appendable {
  close(): Promise<void>;
}
