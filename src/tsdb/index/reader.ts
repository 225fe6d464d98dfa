/**
 * CONTRACT (index helper implements; the head implements it too for its in-memory series):
 * what a querier needs from an index (Prometheus tsdb IndexReader).
 */
import type { Labels } from '../../model/labels/index.js';
import type { ChunkMeta } from '../chunks/index.js';

/** Sorted series references. Cursor API like upstream index.Postings. */
export interface Postings {
  next(): boolean;
  /** Advance to the first ref >= v; returns false if none. */
  seek(v: number): boolean;
  at(): number;
  err(): Error | null;
}

export interface IndexReader {
  /** All symbols (label names and values), sorted. */
  symbols(): Iterable<string>;
  sortedLabelValues(name: string): string[];
  /** Postings of the series that have name=value for any of values (merged). */
  postings(name: string, ...values: string[]): Postings;
  /** Postings of the series whose value for name satisfies match (name must be present). */
  postingsForLabelMatching(name: string, match: (value: string) => boolean): Postings;
  /** Postings of every series with the label name set. */
  postingsForAllLabelValues(name: string): Postings;
  /** Re-sorts postings by series labels (the head's refs are not label-ordered). */
  sortedPostings(p: Postings): Postings;
  /** Labels and chunk metas of a series; returns false if the ref is unknown. */
  series(ref: number, out: { labels: Labels; chunks: ChunkMeta[] }): boolean;
  labelNames(): string[];
  close(): void;
}
