/**
 * The pull API shared by the exposition parsers (upstream model/textparse.Parser): call next()
 * until it returns EntryEOF; after an EntrySeries read series() / labels() / exemplar(), after
 * metadata entries type() / help() / unit() / comment(). Errors are thrown as ParseError.
 */
import type { Labels } from '../labels/index.js';

export type Entry = -1 | 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const EntryInvalid = -1;
export const EntryType = 0;
export const EntryHelp = 1;
export const EntrySeries = 2;
export const EntryComment = 3;
export const EntryUnit = 4;
/** A native histogram sample (not produced by the text formats). */
export const EntryHistogram = 5;
/** The end of the input (upstream: EntryInvalid with io.EOF). */
export const EntryEOF = 6;

/** model.MetricType: the text format's "untyped" is reported as "unknown", as upstream does. */
export type MetricType =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'gaugehistogram'
  | 'summary'
  | 'info'
  | 'stateset'
  | 'unknown'
  | '';

/** A parse failure. The message is upstream's text; line is 1-based. */
export class ParseError extends Error {
  override name = 'ParseError';
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

/**
 * The current sample, owned by the parser and overwritten by the next call to next(). The series
 * text is the raw bytes[start, end) of the input (metric name and label set as written); `text`
 * decodes it on demand, so a scrape cache can key on it without parsing labels.
 */
export interface SeriesSample {
  readonly bytes: Uint8Array;
  readonly start: number;
  readonly end: number;
  /** The series exactly as written (decoded on each access). */
  readonly text: string;
  /** Milliseconds, or null when the sample has no timestamp. */
  readonly timestamp: number | null;
  readonly value: number;
}

/**
 * A scrape-cache probe: given the raw series bytes [start, end) of a line (metric name and label
 * set as written, found by a cheap scan), true when exactly these bytes were parsed successfully
 * before. The parser then skips lexing the label set; labels() still works (it lexes on demand).
 */
export type SeriesLookup = (bytes: Uint8Array, start: number, end: number) => boolean;

/**
 * A buffer the text parser reuses for its copy of the body (the format needs a newline appended),
 * so a scrape loop does not allocate one per scrape. One per loop: never shared by two parsers
 * in use at the same time. The parser replaces buf when it is too small or much too large.
 */
export interface BodyScratch {
  buf: Uint8Array;
}

/**
 * Gives back one canonical copy of equal strings, so the label sets of a target's series share
 * their names and repeated values (a scrape cache keeps one per target).
 */
export interface StringInterner {
  intern(s: string): string;
}

export interface Exemplar {
  labels: Labels;
  value: number;
  /** Milliseconds, or null when the exemplar has no timestamp. */
  timestamp: number | null;
}

export interface MetricMetadata<T> {
  name: string;
  value: T;
}

export interface Parser {
  /** Advances to the next entry; EntryEOF at the end. Throws ParseError. */
  next(): Entry;
  /** After EntrySeries: the sample (a reused object). */
  series(): SeriesSample;
  /**
   * After EntrySeries: the labels incl. __name__, sorted. Empty values are dropped; duplicate
   * names are kept (the caller rejects them, as the scrape loop does upstream). "le" of
   * histograms and "quantile" of summaries are normalised to OpenMetrics float text.
   */
  labels(): Labels;
  /** After EntrySeries: the sample's exemplar, once (later calls return null). */
  exemplar(): Exemplar | null;
  /** After EntrySeries: the start (created) timestamp in ms, or 0 if unknown. */
  createdTimestamp(): number;
  /** After EntryType. */
  type(): MetricMetadata<MetricType>;
  /** After EntryHelp (escapes resolved). */
  help(): MetricMetadata<string>;
  /** After EntryUnit (OpenMetrics only). */
  unit(): MetricMetadata<string>;
  /** After EntryComment: the whole comment line. */
  comment(): string;
}
