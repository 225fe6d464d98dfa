/**
 * Out-of-order data of one series (Prometheus memSeriesOOOFields + OOOChunk): an in-memory,
 * time-sorted OOO head chunk of up to OOO_CAP_MAX samples, and the references of full OOO chunks
 * written to chunks_head/ with the out-of-order flag.
 */
import type { Chunk } from '../chunkenc/index.js';
import { XORChunk } from '../chunkenc/index.js';
import { isStaleNaN } from '../../model/value/index.js';
import { MMAP_STRIDE, setStaleNaN } from './mem-series.js';

/** Samples per OOO head chunk before it is written out (Prometheus DefaultOutOfOrderCapMax). */
export const OOO_CAP_MAX = 32;

/** Writes a full OOO chunk to chunks_head/ and returns its reference. */
export type OOOChunkWriter = (seriesRef: number, mint: number, maxt: number, chunk: Chunk) => number;

export class OOOSeries {
  /** The OOO head chunk, sorted by time, no duplicate timestamps: ts[0..n), vs[0..n). */
  ts = new Float64Array(OOO_CAP_MAX);
  /** Typed, so NaN payloads (stale markers) survive. */
  vs = new Float64Array(OOO_CAP_MAX);
  n = 0;
  /** Full OOO chunks in chunks_head/, flat [ref, minTime, maxTime]; not sorted by time. */
  mmapped: number[] = [];
  firstChunkId = 0;

  isEmpty(): boolean {
    return this.n === 0 && this.mmapped.length === 0;
  }

  /** Drops the samples of the OOO head chunk. */
  clearHead(): void {
    this.n = 0;
  }

  /** Inserts (t, v) keeping time order; false if a sample with t is already in the head chunk. */
  insert(t: number, v: number): boolean {
    const ts = this.ts;
    const n = this.n;
    let lo = n;
    if (n > 0 && (ts[n - 1] as number) >= t) {
      lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((ts[mid] as number) < t) lo = mid + 1;
        else hi = mid;
      }
      if (ts[lo] === t) return false;
    }
    if (n === ts.length) {
      const t2 = new Float64Array(n * 2);
      t2.set(ts);
      this.ts = t2;
      const v2 = new Float64Array(n * 2);
      v2.set(this.vs);
      this.vs = v2;
    }
    if (lo < n) {
      this.ts.copyWithin(lo + 1, lo, n);
      this.vs.copyWithin(lo + 1, lo, n);
    }
    this.ts[lo] = t;
    if (v !== v && isStaleNaN(v)) setStaleNaN(this.vs, lo);
    else this.vs[lo] = v;
    this.n = n + 1;
    return true;
  }

  /** Encodes the OOO head chunk as an XOR chunk (null if empty). */
  encodeHead(): Chunk | null {
    if (this.n === 0) return null;
    const c = new XORChunk();
    const app = c.appender();
    for (let i = 0; i < this.n; i++) app.append(this.ts[i] as number, this.vs[i] as number);
    return c;
  }

  /** Writes the OOO head chunk to disk and clears it; returns the chunk ref or -1 if it was empty. */
  mmapHead(seriesRef: number, write: OOOChunkWriter): number {
    const c = this.encodeHead();
    if (c === null) return -1;
    const mint = this.ts[0] as number;
    const maxt = this.ts[this.n - 1] as number;
    const ref = write(seriesRef, mint, maxt, c);
    this.mmapped.push(ref, mint, maxt);
    this.n = 0;
    return ref;
  }

  /** Oldest and newest OOO sample times (MIN/MAX sentinels when empty are the caller's job). */
  timeRange(): { mint: number; maxt: number } | null {
    let mint = Infinity;
    let maxt = -Infinity;
    const mm = this.mmapped;
    for (let i = 0; i < mm.length; i += MMAP_STRIDE) {
      mint = Math.min(mint, mm[i + 1] as number);
      maxt = Math.max(maxt, mm[i + 2] as number);
    }
    if (this.n > 0) {
      mint = Math.min(mint, this.ts[0] as number);
      maxt = Math.max(maxt, this.ts[this.n - 1] as number);
    }
    return mint === Infinity ? null : { mint, maxt };
  }

  /**
   * Drops OOO data that ends before mint (called once it has been compacted into a block);
   * returns the number of chunks removed.
   */
  truncateBefore(mint: number): number {
    const kept: number[] = [];
    let removed = 0;
    const mm = this.mmapped;
    for (let i = 0; i < mm.length; i += MMAP_STRIDE) {
      if ((mm[i + 2] as number) < mint) removed++;
      else kept.push(mm[i] as number, mm[i + 1] as number, mm[i + 2] as number);
    }
    // Chunk ids stay stable only if the removed chunks are a prefix; otherwise the merged
    // view re-numbers, which is fine because OOO chunks are only read through merged views.
    this.mmapped = kept;
    this.firstChunkId += removed;
    if (this.n > 0 && (this.ts[this.n - 1] as number) < mint) {
      this.n = 0;
      removed++;
    }
    return removed;
  }
}
