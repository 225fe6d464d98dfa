/** CONTRACT: deleted intervals per series (Prometheus tsdb/tombstones). Intervals are inclusive [mint, maxt]. */
export interface Interval {
  mint: number;
  maxt: number;
}

export interface TombstoneReader {
  /** Sorted, non-overlapping deleted intervals of a series (empty if none). */
  get(ref: number): Interval[];
  /** Visits every series with tombstones. */
  forEach(fn: (ref: number, intervals: Interval[]) => void): void;
  total(): number;
  close(): void;
}
