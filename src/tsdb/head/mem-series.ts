/**
 * One series of the head (Prometheus memSeries): its labels, the open head chunk being appended
 * to, and the references of its full chunks, which live in chunks_head/ and not in memory.
 * Kept small on purpose: the head holds one of these per active series.
 */
import type { Labels } from '../../model/labels/index.js';
import { isStaleNaN } from '../../model/value/index.js';
import type { Chunk, ChunkAppender } from '../chunkenc/index.js';
import { XORChunk } from '../chunkenc/index.js';
import type { OOOSeries } from './ooo-head.js';

/** Sentinels for "no time yet" (Prometheus uses math.MinInt64 / MaxInt64). */
export const MIN_TIME = Number.MIN_SAFE_INTEGER;
export const MAX_TIME = Number.MAX_SAFE_INTEGER;

/** Float samples per chunk the cutting rule aims at (Prometheus DefaultSamplesPerChunk). */
export const SAMPLES_PER_CHUNK = 120;
/** A chunk larger than this is cut before the next append (chunkenc.MaxBytesPerXORChunk). */
export const MAX_BYTES_PER_XOR_CHUNK = 1024;

/** Writes a full head chunk to chunks_head/ and returns its reference. */
export type ChunkWriter = (seriesRef: number, mint: number, maxt: number, chunk: Chunk) => number;

/** Result of MemSeries.append. */
export const enum AppendResult {
  /** Not appended: t is not after the newest sample (out of order or exact duplicate). */
  Rejected = 0,
  Appended = 1,
  /** Appended into a freshly cut chunk. */
  AppendedNewChunk = 2,
}

/** Encoded size of a chunk; for XOR chunks without materialising a view per append. */
function chunkSize(c: Chunk): number {
  return c instanceof XORChunk ? c.w.len : c.bytes().length;
}

/** Number of stored fields per mmapped chunk in MemSeries.mmapped. */
export const MMAP_STRIDE = 3;

/** The end of the chunk range containing t (Prometheus rangeForTimestamp). */
export function rangeForTimestamp(t: number, width: number): number {
  return Math.trunc(t / width) * width + width;
}

/** Predicts when to cut a chunk so the remaining ones in the range are equally full. */
export function computeChunkEndTime(start: number, cur: number, maxT: number, ratioToFull: number): number {
  const n = (maxT - start) / ((cur - start + 1) * ratioToFull);
  if (n <= 1) return maxT;
  return Math.trunc(start + (maxT - start) / Math.floor(n));
}

/** Bit-level equality of sample values as Go's math.Float64bits comparison sees it. */
export function sameValue(a: number, b: number): boolean {
  if (a !== a || b !== b) {
    if (a === a || b === b) return false;
    return isStaleNaN(a) === isStaleNaN(b);
  }
  return Object.is(a, b);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Writes the exact upstream stale marker bits (0x7ff0000000000002) at vs[i]. */
export function setStaleNaN(vs: Float64Array, i: number): void {
  const w = new Uint32Array(vs.buffer, vs.byteOffset + i * 8, 2);
  w[LITTLE_ENDIAN ? 1 : 0] = 0x7ff00000;
  w[LITTLE_ENDIAN ? 0 : 1] = 0x00000002;
}

export class MemSeries {
  /** Full chunks in chunks_head/, flat: [ref, minTime, maxTime] per chunk, oldest first. */
  mmapped: number[] | null = null;
  /** Chunk id of the first chunk still held (mmapped[0], or the head chunk). */
  firstChunkId = 0;
  head: Chunk | null = null;
  app: ChunkAppender | null = null;
  headMinTime = MIN_TIME;
  headMaxTime = MIN_TIME;
  /** Timestamp at which the next chunk gets cut. */
  nextAt = MIN_TIME;
  lastValue = 0;
  /** Max time of the mmapped chunks loaded at replay; samples at or before it are skipped. */
  mmMaxTime = MIN_TIME;
  /** Created by an appender that has not committed or rolled back yet: gc keeps it. */
  pendingCommit = false;
  ooo: OOOSeries | null = null;

  constructor(
    readonly ref: number,
    readonly labels: Labels,
  ) {}

  numMmapped(): number {
    return this.mmapped === null ? 0 : this.mmapped.length / MMAP_STRIDE;
  }

  /** Oldest in-order sample time, or MIN_TIME if none. */
  minTime(): number {
    if (this.mmapped !== null && this.mmapped.length > 0) return this.mmapped[1] as number;
    if (this.head !== null) return this.headMinTime;
    return MIN_TIME;
  }

  /** Newest in-order sample time, or MIN_TIME if none. */
  maxTime(): number {
    // headMaxTime is MIN_TIME exactly while the head chunk is empty (no chunk decode per append).
    if (this.head !== null && this.headMaxTime !== MIN_TIME) return this.headMaxTime;
    if (this.mmapped !== null && this.mmapped.length > 0) return this.mmapped[this.mmapped.length - 1] as number;
    return MIN_TIME;
  }

  /**
   * Appends (t, v) in order, cutting a new chunk per upstream's rule (aim at 120 samples per
   * chunk spread evenly over the chunk range, at most 240, at most ~1 KiB) and writing the
   * previous chunk out through writeChunk.
   */
  append(t: number, v: number, chunkRange: number, writeChunk: ChunkWriter): AppendResult {
    let created = false;
    let c = this.head;
    if (c === null) {
      if (this.mmapped !== null && this.mmapped.length > 0 && (this.mmapped[this.mmapped.length - 1] as number) >= t) {
        return AppendResult.Rejected;
      }
      c = this.cutNewHeadChunk(t, chunkRange, writeChunk);
      created = true;
    }
    if (this.headMaxTime !== MIN_TIME && this.headMaxTime >= t) return AppendResult.Rejected;
    if (!created && chunkSize(c) > MAX_BYTES_PER_XOR_CHUNK) {
      c = this.cutNewHeadChunk(t, chunkRange, writeChunk);
      created = true;
    }
    const n = c.numSamples();
    if (n === 0) {
      this.headMinTime = t;
      this.nextAt = rangeForTimestamp(t, chunkRange);
    }
    if (n === SAMPLES_PER_CHUNK / 4) {
      this.nextAt = computeChunkEndTime(this.headMinTime, this.headMaxTime, this.nextAt, 4);
    }
    if (t >= this.nextAt || n >= SAMPLES_PER_CHUNK * 2) {
      c = this.cutNewHeadChunk(t, chunkRange, writeChunk);
      created = true;
    }
    (this.app as ChunkAppender).append(t, v);
    this.headMaxTime = t;
    this.lastValue = v;
    return created ? AppendResult.AppendedNewChunk : AppendResult.Appended;
  }

  private cutNewHeadChunk(mint: number, chunkRange: number, writeChunk: ChunkWriter): Chunk {
    this.mmapHeadChunk(writeChunk);
    const c = new XORChunk();
    this.head = c;
    this.app = c.appender();
    this.headMinTime = mint;
    this.headMaxTime = MIN_TIME;
    this.nextAt = rangeForTimestamp(mint, chunkRange);
    return c;
  }

  /** Writes the current head chunk (if it has samples) to disk and forgets it. */
  mmapHeadChunk(writeChunk: ChunkWriter): void {
    const c = this.head;
    if (c === null) return;
    this.head = null;
    this.app = null;
    if (c.numSamples() === 0) return;
    const ref = writeChunk(this.ref, this.headMinTime, this.headMaxTime, c);
    this.addMmapped(ref, this.headMinTime, this.headMaxTime);
  }

  addMmapped(ref: number, mint: number, maxt: number): void {
    if (this.mmapped === null) this.mmapped = [ref, mint, maxt];
    else this.mmapped.push(ref, mint, maxt);
  }

  /**
   * Drops in-order chunks that end before mint; returns how many were removed. Chunk ids of the
   * remaining chunks do not change (firstChunkId advances).
   */
  truncateChunksBefore(mint: number): number {
    let removed = 0;
    if (this.head !== null && this.head.numSamples() > 0 && this.headMaxTime < mint) {
      removed = this.numMmapped() + 1;
      this.head = null;
      this.app = null;
      this.mmapped = null;
      this.firstChunkId += removed;
      return removed;
    }
    const mm = this.mmapped;
    if (mm !== null) {
      let i = 0;
      while (i < mm.length && (mm[i + 2] as number) < mint) i += MMAP_STRIDE;
      if (i > 0) {
        removed = i / MMAP_STRIDE;
        this.mmapped = i === mm.length ? null : mm.slice(i);
        this.firstChunkId += removed;
      }
    }
    return removed;
  }

  /** True if the series holds no data at all (gc may delete it). */
  isEmpty(): boolean {
    return (
      this.head === null &&
      (this.mmapped === null || this.mmapped.length === 0) &&
      (this.ooo === null || this.ooo.isEmpty())
    );
  }
}
