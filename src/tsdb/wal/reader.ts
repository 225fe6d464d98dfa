/**
 * Reads records back from a sequence of segments (a checkpoint's and the log's own), verifying
 * every fragment's crc32c and the fragment sequence. A cursor: next() / record() / err().
 * Corruption (bad checksum, unexpected fragment type, torn record at a segment's end, a zeroed
 * page followed by data, non-zero padding) stops the reader with a CorruptionError giving the
 * segment and the offset of the first record that could not be read.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { crc32c } from '../encoding/index.js';
import { snappyDecode } from './compression.js';
import { CorruptionError, UnsupportedCompressionError } from './errors.js';
import {
  FRAGMENT_TYPE_MASK,
  FragmentType,
  PAGE_SIZE,
  RECORD_HEADER_SIZE,
  SNAPPY_MASK,
  ZSTD_MASK,
  listSegments,
  type SegmentRange,
} from './segment.js';

interface SegmentFile {
  dir: string;
  index: number;
  path: string;
}

/** Bytes read from a segment at a time (whole pages). */
const READ_PAGES = 64;

/** Lists the segment files of the ranges, in order (throws if a directory's segments have gaps). */
export function segmentFiles(ranges: readonly SegmentRange[]): SegmentFile[] {
  const out: SegmentFile[] = [];
  for (const r of ranges) {
    for (const s of listSegments(r.dir)) {
      if (r.first >= 0 && s.index < r.first) continue;
      if (r.last >= 0 && s.index > r.last) break;
      out.push({ dir: r.dir, index: s.index, path: join(r.dir, s.name) });
    }
  }
  return out;
}

export class WalReader {
  private readonly files: SegmentFile[];
  private cur = -1;
  private fd = -1;
  private filePos = 0;
  private readonly buf = new Uint8Array(READ_PAGES * PAGE_SIZE);
  /** File offset of buf[0], bytes valid in buf, read position in buf. */
  private bufBase = 0;
  private bufLen = 0;
  private pos = 0;
  private eof = true;
  /** Assembly of a fragmented record. */
  private asm = new Uint8Array(PAGE_SIZE);
  private asmLen = 0;
  private inRecord = false;
  private recStart = 0;
  private recEnd = 0;
  /** Offset of an all-zero page in the current segment (data after it means lost pages). */
  private zeroPageAt = -1;
  private rec: Uint8Array = new Uint8Array(0);
  private error: Error | null = null;
  private done = false;

  /** Reader over the given segment ranges (a directory alone means all of its segments). */
  constructor(ranges: string | SegmentRange | readonly SegmentRange[]) {
    const list: readonly SegmentRange[] =
      typeof ranges === 'string' ? [{ dir: ranges, first: -1, last: -1 }] : Array.isArray(ranges) ? ranges : [ranges as SegmentRange];
    this.files = segmentFiles(list);
  }

  /** Advances to the next record; false at the end or on error (then see err()). */
  next(): boolean {
    if (this.done) return false;
    try {
      if (this.readRecord()) return true;
    } catch (e) {
      this.error = e instanceof Error ? e : new Error(String(e));
    }
    this.done = true;
    this.closeFile();
    return false;
  }

  /** The current record; valid until the next call to next(). */
  record(): Uint8Array {
    return this.rec;
  }

  /** Index of the segment of the current record (or of the error). */
  segment(): number {
    return this.files[this.cur]?.index ?? -1;
  }

  /** Directory of the current segment. */
  segmentDir(): string {
    return this.files[this.cur]?.dir ?? '';
  }

  /** Offset in its segment just past the current record. */
  offset(): number {
    return this.recEnd;
  }

  /** Offset in its segment of the current record's first fragment. */
  recordOffset(): number {
    return this.recStart;
  }

  /** The error that stopped the reader, or null after a clean end. */
  err(): Error | null {
    return this.error;
  }

  close(): void {
    this.done = true;
    this.closeFile();
  }

  private closeFile(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private corrupt(offset: number, reason: string): CorruptionError {
    const f = this.files[this.cur] as SegmentFile;
    return new CorruptionError(f.dir, f.index, offset, reason);
  }

  /** Moves to the next segment file; false when there is none. */
  private openNext(): boolean {
    this.closeFile();
    if (this.cur + 1 >= this.files.length) return false;
    this.cur++;
    this.fd = openSync((this.files[this.cur] as SegmentFile).path, 'r');
    this.filePos = 0;
    this.bufBase = 0;
    this.bufLen = 0;
    this.pos = 0;
    this.eof = false;
    this.zeroPageAt = -1;
    return true;
  }

  /** Reads the next block of whole pages; false at the segment's end. */
  private refill(): boolean {
    if (this.eof) return false;
    this.bufBase = this.filePos;
    let n = 0;
    while (n < this.buf.length) {
      const r = readSync(this.fd, this.buf, n, this.buf.length - n, this.filePos + n);
      if (r === 0) break;
      n += r;
    }
    if (n < this.buf.length) this.eof = true;
    this.filePos += n;
    this.bufLen = n;
    this.pos = 0;
    return n > 0;
  }

  private readRecord(): boolean {
    for (;;) {
      if (this.pos >= this.bufLen && !this.refill()) {
        if (this.cur >= 0 && this.inRecord) throw this.corrupt(this.recStart, 'last record is torn');
        if (!this.openNext()) return false;
        continue;
      }
      if (this.readFragment()) return true;
    }
  }

  /** Consumes one fragment (or one page's padding); true when a record is complete. */
  private readFragment(): boolean {
    const b = this.buf;
    const p = this.pos;
    const abs = this.bufBase + p;
    const inPage = abs % PAGE_SIZE;
    const errAt = (): number => (this.inRecord ? this.recStart : abs);
    const hdr = b[p] as number;
    const typ = hdr & FRAGMENT_TYPE_MASK;
    if (typ === FragmentType.PageTerm) {
      const end = Math.min(p + PAGE_SIZE - inPage, this.bufLen);
      for (let i = p + 1; i < end; i++) {
        if (b[i] !== 0) throw this.corrupt(errAt(), 'unexpected non-zero byte in padded page');
      }
      if (inPage === 0 && this.zeroPageAt < 0) this.zeroPageAt = this.inRecord ? this.recStart : abs;
      this.pos = end;
      return false;
    }
    if (this.zeroPageAt >= 0) throw this.corrupt(this.zeroPageAt, 'zeroed page followed by data');
    if (inPage + RECORD_HEADER_SIZE > PAGE_SIZE) throw this.corrupt(errAt(), 'record header crosses a page boundary');
    if (p + RECORD_HEADER_SIZE > this.bufLen) throw this.corrupt(errAt(), 'read remaining header: unexpected EOF');
    const len = ((b[p + 1] as number) << 8) | (b[p + 2] as number);
    const crc = (((b[p + 3] as number) << 24) | ((b[p + 4] as number) << 16) | ((b[p + 5] as number) << 8) | (b[p + 6] as number)) >>> 0;
    if (len > PAGE_SIZE - RECORD_HEADER_SIZE || inPage + RECORD_HEADER_SIZE + len > PAGE_SIZE) {
      throw this.corrupt(errAt(), `invalid record size ${len}`);
    }
    const start = p + RECORD_HEADER_SIZE;
    const end = start + len;
    if (end > this.bufLen) throw this.corrupt(errAt(), 'unexpected EOF');
    const c = crc32c(b, start, end);
    if (c !== crc) throw this.corrupt(errAt(), `unexpected checksum ${c.toString(16)}, expected ${crc.toString(16)}`);
    this.checkSequence(typ, abs);
    this.pos = end;
    if (typ === FragmentType.Full) {
      this.recStart = abs;
      return this.finish(hdr, b.subarray(start, end), abs);
    }
    if (typ === FragmentType.First) {
      this.inRecord = true;
      this.recStart = abs;
      this.asmLen = 0;
    }
    this.append(b, start, len);
    if (typ === FragmentType.Last) {
      this.inRecord = false;
      return this.finish(hdr, this.asm.subarray(0, this.asmLen), this.recStart);
    }
    return false;
  }

  private checkSequence(typ: number, abs: number): void {
    switch (typ) {
      case FragmentType.Full:
        if (this.inRecord) throw this.corrupt(this.recStart, 'unexpected full record');
        return;
      case FragmentType.First:
        if (this.inRecord) throw this.corrupt(this.recStart, 'unexpected first record, dropping buffer');
        return;
      case FragmentType.Middle:
        if (!this.inRecord) throw this.corrupt(abs, 'unexpected middle record, dropping buffer');
        return;
      case FragmentType.Last:
        if (!this.inRecord) throw this.corrupt(abs, 'unexpected last record, dropping buffer');
        return;
      default:
        throw this.corrupt(this.inRecord ? this.recStart : abs, `unexpected record type ${typ}`);
    }
  }

  private append(src: Uint8Array, start: number, len: number): void {
    if (this.asmLen + len > this.asm.length) {
      let cap = this.asm.length * 2;
      while (cap < this.asmLen + len) cap *= 2;
      const a = new Uint8Array(cap);
      a.set(this.asm.subarray(0, this.asmLen));
      this.asm = a;
    }
    this.asm.set(src.subarray(start, start + len), this.asmLen);
    this.asmLen += len;
  }

  private finish(hdr: number, data: Uint8Array, recStart: number): boolean {
    this.recEnd = this.bufBase + this.pos;
    if (hdr & SNAPPY_MASK) {
      try {
        this.rec = snappyDecode(data);
      } catch (e) {
        throw this.corrupt(recStart, `snappy: ${e instanceof Error ? e.message : String(e)}`);
      }
    } else if (hdr & ZSTD_MASK) {
      throw new UnsupportedCompressionError(this.segment(), recStart, 'zstd');
    } else {
      this.rec = data;
    }
    return true;
  }
}
