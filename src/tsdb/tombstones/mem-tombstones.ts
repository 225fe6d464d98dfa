/** In-memory tombstones (Prometheus tombstones.MemTombstones). */
import { addInterval } from './intervals.js';
import type { Interval, TombstoneReader } from './reader.js';

const NONE: Interval[] = [];

export class MemTombstones implements TombstoneReader {
  private readonly groups = new Map<number, Interval[]>();

  /** Adds intervals for a series, merging them with what it already has. */
  addInterval(ref: number, ...ivs: Interval[]): void {
    let list = this.groups.get(ref);
    if (list === undefined) {
      list = [];
      this.groups.set(ref, list);
    }
    for (const iv of ivs) addInterval(list, iv);
  }

  /** A copy of the series' intervals (empty if none). */
  get(ref: number): Interval[] {
    const l = this.groups.get(ref);
    return l === undefined ? NONE.slice() : l.map((iv) => ({ mint: iv.mint, maxt: iv.maxt }));
  }

  /** Visits series in ascending reference order. */
  forEach(fn: (ref: number, intervals: Interval[]) => void): void {
    const refs = [...this.groups.keys()].sort((a, b) => a - b);
    for (const r of refs) fn(r, this.groups.get(r) as Interval[]);
  }

  total(): number {
    let n = 0;
    for (const l of this.groups.values()) n += l.length;
    return n;
  }

  deleteTombstones(refs: Iterable<number>): void {
    for (const r of refs) this.groups.delete(r);
  }

  /** Drops intervals that end before beforeT. */
  truncateBefore(beforeT: number): void {
    for (const [ref, ivs] of this.groups) {
      const keep = ivs.filter((iv) => iv.maxt >= beforeT);
      if (keep.length === 0) this.groups.delete(ref);
      else this.groups.set(ref, keep);
    }
  }

  close(): void {
    // Nothing to release.
  }
}
