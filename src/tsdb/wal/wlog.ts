/**
 * The write-ahead log writer, in Prometheus's segment format (tsdb/wlog): records are split
 * into fragments that never cross a 32 KiB page, pages are zero-padded when fewer than 7 bytes
 * remain, and a record never crosses a segment. log() writes synchronously (fs.writeSync), so a
 * record is in the page cache, and survives a kill -9 of the process, once log() returns; a
 * segment is fsynced when it is closed.
 */
import { closeSync, fstatSync, fsync, close, fsyncSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { crc32c } from '../encoding/index.js';
import { snappyEncode } from './compression.js';
import { WalError } from './errors.js';
import { repairSegments, repairableCorruption } from './repair.js';
import {
  DEFAULT_SEGMENT_SIZE,
  FragmentType,
  PAGE_SIZE,
  RECORD_HEADER_SIZE,
  SNAPPY_MASK,
  listSegments,
  nopLogger,
  segmentName,
  segmentRange,
  type WalLogger,
} from './segment.js';

export interface WlogOptions {
  /** Bytes per segment, a multiple of 32 KiB (default 128 MiB). */
  segmentSize?: number;
  /** Snappy-compress records (default true, as Prometheus 2.42 with --storage.tsdb.wal-compression). */
  compress?: boolean;
  logger?: WalLogger;
}

/** Pages staged in memory between two writes; a batch of records is written with one writeSync. */
const STAGE_PAGES = 32;

export class Wlog {
  readonly dir: string;
  readonly segmentSize: number;
  readonly compress: boolean;
  private readonly logger: WalLogger;
  private fd = -1;
  private segIndex = -1;
  /** Pages of the active segment completed before the staging buffer's first page. */
  private basePages = 0;
  private readonly stage = new Uint8Array(STAGE_PAGES * PAGE_SIZE);
  /** Write position in `stage`, and how much of it is already written to the file. */
  private alloc = 0;
  private flushed = 0;
  private closed = false;

  private constructor(dir: string, opts: WlogOptions) {
    this.dir = dir;
    this.segmentSize = opts.segmentSize ?? DEFAULT_SEGMENT_SIZE;
    this.compress = opts.compress ?? true;
    this.logger = opts.logger ?? nopLogger;
    if (!Number.isInteger(this.segmentSize) || this.segmentSize <= 0 || this.segmentSize % PAGE_SIZE !== 0) {
      throw new WalError('invalid segment size');
    }
  }

  /** Opens the log in dir (created if missing) and starts a new segment after the last one. */
  static open(dir: string, opts: WlogOptions = {}): Wlog {
    const w = new Wlog(dir, opts);
    mkdirSync(dir, { recursive: true });
    const { last } = segmentRange(dir);
    w.setSegment(last + 1);
    return w;
  }

  /** Index of the segment being written. */
  currentSegment(): number {
    return this.segIndex;
  }

  /** Range [first, last] of the segments on disk (-1, -1 if none). */
  segments(): { first: number; last: number } {
    return segmentRange(this.dir);
  }

  /** Last segment and the offset up to which it is filled (including the open page). */
  lastSegmentAndOffset(): { segment: number; offset: number } {
    return { segment: this.segIndex, offset: this.segmentOffset() };
  }

  /** Appends records; they are written to the file (page cache) before this returns. */
  log(...records: Uint8Array[]): void {
    if (this.closed) throw new WalError('wlog is closed');
    for (const rec of records) this.logRecord(rec);
    this.flush();
  }

  /** Closes the active segment (padding its last page) and starts the next one; returns its index. */
  nextSegment(): number {
    if (this.closed) throw new WalError('wlog is closed');
    this.cutSegment();
    return this.segIndex;
  }

  /** Deletes the segments below index i (never the active one). */
  truncate(i: number): void {
    for (const s of listSegments(this.dir)) {
      if (s.index >= i || s.index >= this.segIndex) break;
      unlinkSync(segmentName(this.dir, s.index));
    }
  }

  /**
   * Repairs the log after a CorruptionError from reading it: later segments are deleted, the
   * corrupt segment is cut at the start of the first bad record, and writing continues in a
   * new segment after it. Each step is logged as a warning.
   */
  repair(err: unknown): void {
    if (this.closed) throw new WalError('wlog is closed');
    repairableCorruption(this.dir, err);
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
    const next = repairSegments(this.dir, err, this.logger);
    this.setSegment(next);
  }

  /** Pads and writes the last page, fsyncs and closes the active segment. */
  close(): void {
    if (this.closed) throw new WalError('wlog already closed');
    this.closed = true;
    if (this.alloc % PAGE_SIZE !== 0) this.completePage();
    this.flush();
    try {
      fsyncSync(this.fd);
    } catch (e) {
      this.logger.warn('sync previous segment', { err: String(e) });
    }
    closeSync(this.fd);
    this.fd = -1;
  }

  private segmentOffset(): number {
    return this.basePages * PAGE_SIZE + this.alloc;
  }

  private setSegment(index: number): void {
    const path = segmentName(this.dir, index);
    this.fd = openSync(path, 'a');
    this.segIndex = index;
    let size = fstatSync(this.fd).size;
    if (size % PAGE_SIZE !== 0) {
      // A torn last page: pad it so that new records start on a fresh page.
      this.logger.warn('Last page of the wlog is torn, filling it with zeros', { segment: path });
      const pad = new Uint8Array(PAGE_SIZE - (size % PAGE_SIZE));
      let n = 0;
      while (n < pad.length) n += writeSync(this.fd, pad, n, pad.length - n);
      size += pad.length;
    }
    this.basePages = size / PAGE_SIZE;
    this.alloc = 0;
    this.flushed = 0;
  }

  private cutSegment(): void {
    if (this.alloc % PAGE_SIZE !== 0) this.completePage();
    this.flush();
    const prev = this.fd;
    this.setSegment(this.segIndex + 1);
    // Do not block further writes on the fsync of the finished segment.
    fsync(prev, (err) => {
      if (err) this.logger.warn('sync previous segment', { err: err.message });
      close(prev, (cerr) => {
        if (cerr) this.logger.warn('close previous segment', { err: cerr.message });
      });
    });
  }

  /** Free bytes in the open page. */
  private pageRemaining(): number {
    return PAGE_SIZE - (this.alloc % PAGE_SIZE);
  }

  private pageFull(): boolean {
    return this.pageRemaining() < RECORD_HEADER_SIZE;
  }

  /** Zero-pads the open page and moves to the next one. */
  private completePage(): void {
    const end = this.alloc + this.pageRemaining();
    this.stage.fill(0, this.alloc, end);
    this.alloc = end;
    this.rotateStageIfFull();
  }

  /** When every staged page is complete, writes them out and reuses the stage. */
  private rotateStageIfFull(): void {
    if (this.alloc !== this.stage.length) return;
    this.flush();
    this.basePages += STAGE_PAGES;
    this.alloc = 0;
    this.flushed = 0;
  }

  private flush(): void {
    while (this.flushed < this.alloc) {
      this.flushed += writeSync(this.fd, this.stage, this.flushed, this.alloc - this.flushed);
    }
  }

  private logRecord(rec: Uint8Array): void {
    if (this.pageFull()) this.completePage();
    let enc = rec;
    let flag = 0;
    if (this.compress && rec.length > 0) {
      const c = snappyEncode(rec);
      if (c.length < rec.length) {
        enc = c;
        flag = SNAPPY_MASK;
      }
    }
    const donePages = this.basePages + Math.floor(this.alloc / PAGE_SIZE);
    const pagesPerSegment = this.segmentSize / PAGE_SIZE;
    const left =
      this.pageRemaining() - RECORD_HEADER_SIZE + (PAGE_SIZE - RECORD_HEADER_SIZE) * (pagesPerSegment - donePages - 1);
    // A record never crosses segments (one larger than a whole segment gets a fresh one to itself).
    if (enc.length > left && this.segmentOffset() > 0) this.cutSegment();

    let off = 0;
    for (let i = 0; i === 0 || off < enc.length; i++) {
      const l = Math.min(enc.length - off, this.pageRemaining() - RECORD_HEADER_SIZE);
      const last = off + l === enc.length;
      let typ: number;
      if (i === 0) typ = last ? FragmentType.Full : FragmentType.First;
      else typ = last ? FragmentType.Last : FragmentType.Middle;
      this.writeFragment(typ | flag, enc, off, l);
      off += l;
      if (this.pageFull()) this.completePage();
    }
  }

  private writeFragment(typ: number, data: Uint8Array, off: number, len: number): void {
    const b = this.stage;
    const p = this.alloc;
    const crc = crc32c(data, off, off + len);
    b[p] = typ;
    b[p + 1] = len >>> 8;
    b[p + 2] = len & 0xff;
    b[p + 3] = crc >>> 24;
    b[p + 4] = (crc >>> 16) & 0xff;
    b[p + 5] = (crc >>> 8) & 0xff;
    b[p + 6] = crc & 0xff;
    b.set(data.subarray(off, off + len), p + RECORD_HEADER_SIZE);
    this.alloc = p + RECORD_HEADER_SIZE + len;
    this.rotateStageIfFull();
  }
}
