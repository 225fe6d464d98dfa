/**
 * Reads an index file in format v2 (as written by Prometheus 2.x and by IndexWriter). The whole
 * file is held in one Buffer; the symbol table is indexed by an offset table with a lazy string
 * cache, and the postings offset table by per-label-name entry positions searched by bytes.
 */
import * as fs from 'node:fs';
import { Labels } from '../../model/labels/index.js';
import type { ChunkMeta } from '../chunks/index.js';
import { crc32c, Decbuf } from '../encoding/index.js';
import { IndexCorruptionError, IndexError } from './errors.js';
import { INDEX_FORMAT_V2, MAGIC_INDEX, SERIES_BYTE_ALIGN } from './index-writer.js';
import { BigEndianPostings, emptyPostings, errPostings, merge } from './postings.js';
import type { IndexReader, Postings } from './reader.js';

const HEADER_LEN = 5;
const TOC_LEN = 6 * 8 + 4;

interface Toc {
  symbols: number;
  series: number;
  labelIndices: number;
  labelIndicesTable: number;
  postings: number;
  postingsTable: number;
}

export class IndexFileReader implements IndexReader {
  private readonly toc: Toc;
  private readonly symbolOffsets: Uint32Array;
  private readonly symbolCache: (string | undefined)[];
  /** label name -> file positions of the value fields of its postings offset table entries. */
  private readonly entries = new Map<string, number[]>();
  private readonly verifiedPostings = new Set<number>();
  private closed = false;

  /** Reads and validates the index file at path. */
  static open(path: string): IndexFileReader {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(path);
    } catch (e) {
      throw new IndexError(path, `open index: ${(e as Error).message}`);
    }
    return new IndexFileReader(path, buf);
  }

  constructor(
    readonly path: string,
    private readonly buf: Buffer,
  ) {
    if (buf.length < HEADER_LEN) this.corrupt('index header: invalid size');
    const magic = buf.readUInt32BE(0);
    if (magic !== MAGIC_INDEX) this.corrupt(`invalid magic number ${magic.toString(16)}`);
    const version = buf[4] as number;
    if (version !== INDEX_FORMAT_V2) throw new IndexError(path, `unknown index file version ${version}`);
    this.toc = this.readToc();
    this.symbolOffsets = this.readSymbols();
    this.symbolCache = new Array<string | undefined>(this.symbolOffsets.length);
    this.readPostingsOffsetTable();
  }

  private corrupt(msg: string): never {
    throw new IndexCorruptionError(this.path, msg);
  }

  private readToc(): Toc {
    const b = this.buf;
    if (b.length < TOC_LEN + HEADER_LEN) this.corrupt('read TOC: invalid size');
    const start = b.length - TOC_LEN;
    if (crc32c(b, start, b.length - 4) !== b.readUInt32BE(b.length - 4)) this.corrupt('read TOC: invalid checksum');
    const d = new Decbuf(b, start, b.length - 4);
    const toc = { symbols: d.be64(), series: d.be64(), labelIndices: d.be64(), labelIndicesTable: d.be64(), postings: d.be64(), postingsTable: d.be64() };
    for (const v of Object.values(toc)) if (v > start) this.corrupt('read TOC: section offset beyond TOC');
    return toc;
  }

  /** Bounds of a section "len <4b> | body | crc <4b>" at off, checksum verified. */
  private section(off: number, what: string): { start: number; end: number } {
    const b = this.buf;
    if (off + 4 > b.length) this.corrupt(`${what}: invalid size`);
    const len = b.readUInt32BE(off);
    const start = off + 4;
    const end = start + len;
    if (end + 4 > b.length) this.corrupt(`${what}: invalid size`);
    if (crc32c(b, start, end) !== b.readUInt32BE(end)) this.corrupt(`${what}: invalid checksum`);
    return { start, end };
  }

  private readSymbols(): Uint32Array {
    const { start, end } = this.section(this.toc.symbols, 'read symbols');
    const d = new Decbuf(this.buf, start, end);
    const n = d.be32();
    const offsets = new Uint32Array(n);
    for (let i = 0; i < n && !d.err; i++) {
      offsets[i] = d.off;
      d.skip(d.uvarint());
    }
    if (d.err) this.corrupt(`read symbols: ${d.err.message}`);
    return offsets;
  }

  private readPostingsOffsetTable(): void {
    const { start, end } = this.section(this.toc.postingsTable, 'read postings table');
    const b = this.buf;
    const d = new Decbuf(b, start, end);
    let cnt = d.be32();
    let lastStart = -1;
    let lastEnd = -1;
    let list: number[] = [];
    while (!d.err && d.remaining > 0 && cnt > 0) {
      const keys = d.uvarint();
      if (keys !== 2) throw new IndexError(this.path, `read postings table: unexpected number of keys for postings offset table ${keys}`);
      const nlen = d.uvarint();
      const nstart = d.off;
      d.skip(nlen);
      if (lastStart < 0 || b.compare(b, lastStart, lastEnd, nstart, nstart + nlen) !== 0) {
        list = [];
        this.entries.set(b.toString('utf8', nstart, nstart + nlen), list);
        lastStart = nstart;
        lastEnd = nstart + nlen;
      }
      list.push(d.off);
      d.skip(d.uvarint());
      d.uvarint();
      cnt--;
    }
    if (d.err) this.corrupt(`read postings table: ${d.err.message}`);
  }

  private lookupSymbol(i: number): string {
    const c = this.symbolCache[i];
    if (c !== undefined) return c;
    const off = this.symbolOffsets[i];
    if (off === undefined) throw new IndexCorruptionError(this.path, `unknown symbol offset ${i}`);
    const d = new Decbuf(this.buf, off);
    const len = d.uvarint();
    const s = this.buf.toString('utf8', d.off, d.off + len);
    this.symbolCache[i] = s;
    return s;
  }

  *symbols(): Iterable<string> {
    for (let i = 0; i < this.symbolOffsets.length; i++) yield this.lookupSymbol(i);
  }

  /** Value string of the entry whose value field is at pos. */
  private entryValue(pos: number): string {
    const d = new Decbuf(this.buf, pos);
    const len = d.uvarint();
    return this.buf.toString('utf8', d.off, d.off + len);
  }

  /** Postings offset of the entry whose value field is at pos. */
  private entryPostingsOffset(pos: number): number {
    const d = new Decbuf(this.buf, pos);
    d.skip(d.uvarint());
    return d.uvarint();
  }

  /** Index into list of the entry with exactly value (UTF-8 bytes), or -1. */
  private findValue(list: number[], value: Buffer): number {
    const b = this.buf;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const d = new Decbuf(b, list[mid] as number);
      const len = d.uvarint();
      const c = b.compare(value, 0, value.length, d.off, d.off + len);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Decodes the postings list at off (checksum verified once). */
  private decodePostings(off: number): Postings {
    const b = this.buf;
    if (!this.verifiedPostings.has(off)) {
      this.section(off, 'decode postings');
      this.verifiedPostings.add(off);
    }
    const len = b.readUInt32BE(off);
    const n = b.readUInt32BE(off + 4);
    if (len !== 4 + 4 * n) {
      throw new IndexCorruptionError(this.path, `unexpected postings length, should be ${4 * n} bytes for ${n} postings, got ${len - 4} bytes`);
    }
    return new BigEndianPostings(b, off + 8, n);
  }

  sortedLabelValues(name: string): string[] {
    const list = this.entries.get(name);
    if (list === undefined) return [];
    const out = list.map((pos) => this.entryValue(pos));
    // File order is UTF-8 byte order; Vigil merges string lists in UTF-16 order (same except
    // for astral vs U+E000..U+FFFF), and sorting already sorted input is linear.
    return out.sort();
  }

  postings(name: string, ...values: string[]): Postings {
    const list = this.entries.get(name);
    if (list === undefined || values.length === 0) return emptyPostings();
    const its: Postings[] = [];
    const seen = new Set<string>();
    try {
      for (const v of values) {
        if (seen.has(v)) continue;
        seen.add(v);
        const i = this.findValue(list, Buffer.from(v, 'utf8'));
        if (i >= 0) its.push(this.decodePostings(this.entryPostingsOffset(list[i] as number)));
      }
    } catch (e) {
      return errPostings(e as Error);
    }
    return merge(...its);
  }

  postingsForLabelMatching(name: string, match: (value: string) => boolean): Postings {
    return this.matching(name, match);
  }

  postingsForAllLabelValues(name: string): Postings {
    return this.matching(name, null);
  }

  private matching(name: string, match: ((value: string) => boolean) | null): Postings {
    const list = this.entries.get(name);
    if (list === undefined || list.length === 0) return emptyPostings();
    const its: Postings[] = [];
    try {
      for (const pos of list) {
        if (match !== null && !match(this.entryValue(pos))) continue;
        its.push(this.decodePostings(this.entryPostingsOffset(pos)));
      }
    } catch (e) {
      return errPostings(e as Error);
    }
    return merge(...its);
  }

  /** Index series references are already in label order. */
  sortedPostings(p: Postings): Postings {
    return p;
  }

  series(ref: number, out: { labels: Labels; chunks: ChunkMeta[] }): boolean {
    const off = ref * SERIES_BYTE_ALIGN;
    if (!Number.isInteger(ref) || off < this.toc.series || off >= this.toc.labelIndices) return false;
    const b = this.buf;
    const d = new Decbuf(b, off, this.toc.labelIndices);
    const len = d.uvarint();
    const start = d.off;
    const end = start + len;
    if (d.err || end + 4 > b.length) this.corrupt(`read series ${ref}: invalid size`);
    if (crc32c(b, start, end) !== b.readUInt32BE(end)) this.corrupt(`read series ${ref}: invalid checksum`);
    const s = new Decbuf(b, start, end);
    const k = s.uvarint();
    const pairs = new Array<string>(2 * k);
    for (let i = 0; i < k; i++) {
      const n = s.uvarint();
      const v = s.uvarint();
      if (s.err) break;
      pairs[2 * i] = this.lookupSymbol(n);
      pairs[2 * i + 1] = this.lookupSymbol(v);
    }
    out.labels = Labels.fromSortedPairs(pairs);
    out.chunks.length = 0;
    decodeChunkMetas(s, out.chunks);
    if (s.err) this.corrupt(`read series ${ref}: ${s.err.message}`);
    return true;
  }

  labelNames(): string[] {
    const out: string[] = [];
    for (const n of this.entries.keys()) if (n !== '') out.push(n);
    return out.sort();
  }

  /** Size of the index file in bytes. */
  size(): number {
    return this.buf.length;
  }

  close(): void {
    this.closed = true;
  }

  isClosed(): boolean {
    return this.closed;
  }
}

function decodeChunkMetas(d: Decbuf, out: ChunkMeta[]): void {
  const k = d.uvarint();
  if (k === 0 || d.err) return;
  const t0 = d.varint();
  let maxt = d.uvarint() + t0;
  let ref = d.uvarint();
  out.push({ ref, minTime: t0, maxTime: maxt, chunk: null });
  let prev = maxt;
  for (let i = 1; i < k && !d.err; i++) {
    const mint = d.uvarint() + prev;
    maxt = d.uvarint() + mint;
    ref += d.varint();
    prev = maxt;
    out.push({ ref, minTime: mint, maxTime: maxt, chunk: null });
  }
}
