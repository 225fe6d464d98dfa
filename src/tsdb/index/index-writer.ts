/**
 * Writes an index file in format v2 exactly as Prometheus 2.42 does: symbol table, 16-byte aligned
 * series entries with delta-encoded chunk metas, label indices, postings lists, the label offset
 * table, the postings offset table and the TOC, each section guarded by a CRC32C.
 *
 * Call addSymbol for every label name and value in sorted order, then addSeries in label-set order,
 * then close().
 */
import { compareLabels, type Labels } from '../../model/labels/index.js';
import { crc32c, Encbuf } from '../encoding/index.js';
import type { ChunkMeta } from '../chunks/index.js';
import { compareBytewise } from './byte-order.js';
import { IndexError } from './errors.js';
import { FileWriter } from './file-writer.js';

export const MAGIC_INDEX = 0xbaaad700;
export const INDEX_FORMAT_V2 = 2;
export const SERIES_BYTE_ALIGN = 16;

interface Toc {
  symbols: number;
  series: number;
  labelIndices: number;
  labelIndicesTable: number;
  postings: number;
  postingsTable: number;
}

const enum Stage {
  Symbols,
  Series,
  Done,
}

export class IndexWriter {
  private readonly f: FileWriter;
  private stage = Stage.Symbols;
  private readonly toc: Toc = { symbols: 0, series: 0, labelIndices: 0, labelIndicesTable: 0, postings: 0, postingsTable: 0 };

  private readonly symbolBuf = new Encbuf(1 << 12);
  private readonly symbolIndex = new Map<string, number>();
  private numSymbols = 0;
  private lastSymbol = '';

  private readonly allRefs: number[] = [];
  /** label-name symbol -> label-value symbol -> series refs. */
  private readonly postings = new Map<number, Map<number, number[]>>();
  private lastSeries: Labels | null = null;
  private lastChunkRef = 0;

  private readonly b1 = new Encbuf(1 << 10);
  private readonly b2 = new Encbuf(1 << 10);

  constructor(readonly path: string) {
    this.f = new FileWriter(path);
    this.b1.putBE32(MAGIC_INDEX);
    this.b1.putByte(INDEX_FORMAT_V2);
    this.f.write(this.b1.get());
    this.toc.symbols = this.f.pos;
  }

  private fail(msg: string): never {
    throw new IndexError(this.path, msg);
  }

  /** Adds the next symbol; symbols must be unique and ascending (byte order). */
  addSymbol(sym: string): void {
    if (this.stage !== Stage.Symbols) this.fail(`invalid stage "symbols", currently at "${stageName(this.stage)}"`);
    if (this.numSymbols !== 0 && compareBytewise(sym, this.lastSymbol) <= 0) this.fail(`symbol ${JSON.stringify(sym)} out-of-order`);
    this.lastSymbol = sym;
    this.symbolIndex.set(sym, this.numSymbols++);
    this.symbolBuf.putUvarintStr(sym);
  }

  private finishSymbols(): void {
    const body = this.symbolBuf.get();
    const e = new Encbuf(body.length + 12);
    e.putBE32(body.length + 4);
    e.putBE32(this.numSymbols);
    e.putBytes(body);
    e.putBE32(crc32c(e.buf, 4, e.len));
    this.f.write(e.get());
    this.toc.series = this.f.pos;
    this.stage = Stage.Series;
  }

  private symbol(s: string): number {
    const i = this.symbolIndex.get(s);
    if (i === undefined) this.fail(`symbol entry for ${JSON.stringify(s)} does not exist`);
    return i;
  }

  private checkChunks(chunks: readonly ChunkMeta[]): void {
    let lastRef = this.lastChunkRef;
    let lastMaxT = 0;
    for (let i = 0; i < chunks.length; i++) {
      const c = chunks[i] as ChunkMeta;
      if (c.ref < lastRef) this.fail(`unsorted chunk reference: ${c.ref}, previous: ${lastRef}`);
      lastRef = c.ref;
      if (i > 0 && c.minTime <= lastMaxT) this.fail(`chunk minT ${c.minTime} is not higher than previous chunk maxT ${lastMaxT}`);
      if (c.maxTime < c.minTime) this.fail(`chunk maxT ${c.maxTime} is less than minT ${c.minTime}`);
      lastMaxT = c.maxTime;
    }
    this.lastChunkRef = lastRef;
  }

  /**
   * Adds a series with its chunk metas (refs into the block's chunk files). Series must be added in
   * label-set order. Returns the series reference (its offset / 16) used by postings and tombstones.
   */
  addSeries(lset: Labels, chunks: readonly ChunkMeta[]): number {
    if (this.stage === Stage.Symbols) this.finishSymbols();
    if (this.stage !== Stage.Series) this.fail(`invalid stage "series", currently at "${stageName(this.stage)}"`);
    if (this.lastSeries !== null && compareLabels(lset, this.lastSeries) <= 0) {
      this.fail(`out-of-order series added with label set "${lset.toString()}", last label set "${this.lastSeries.toString()}"`);
    }
    if (lset.isEmpty()) this.fail('series with empty label set');
    this.checkChunks(chunks);

    this.f.addPadding(SERIES_BYTE_ALIGN);
    const ref = this.f.pos / SERIES_BYTE_ALIGN;
    if (ref > 0xffffffff) this.fail('exceeding max size of 64GiB');

    const b = this.b2;
    b.reset();
    const pairs = lset.pairs;
    b.putUvarint(pairs.length >> 1);
    for (let i = 0; i < pairs.length; i += 2) {
      const n = this.symbol(pairs[i] as string);
      const v = this.symbol(pairs[i + 1] as string);
      b.putUvarint(n);
      b.putUvarint(v);
      this.addPosting(n, v, ref);
    }
    encodeChunkMetas(b, chunks);

    const h = this.b1;
    h.reset();
    h.putUvarint(b.len);
    this.f.write(h.get());
    b.putBE32(crc32c(b.buf, 0, b.len));
    this.f.write(b.get());

    this.allRefs.push(ref);
    this.lastSeries = lset;
    return ref;
  }

  private addPosting(name: number, value: number, ref: number): void {
    let byValue = this.postings.get(name);
    if (byValue === undefined) {
      byValue = new Map();
      this.postings.set(name, byValue);
    }
    const refs = byValue.get(value);
    if (refs === undefined) byValue.set(value, [ref]);
    else refs.push(ref);
  }

  /** Writes the remaining sections and the TOC, then syncs and closes the file. */
  close(): void {
    if (this.stage === Stage.Done) return;
    try {
      if (this.stage === Stage.Symbols) this.finishSymbols();
      this.stage = Stage.Done;
      const symbols = [...this.symbolIndex.keys()];
      const names = [...this.postings.keys()].sort((a, b) => a - b);
      const valuesOf = (n: number): number[] => [...(this.postings.get(n) as Map<number, number[]>).keys()].sort((a, b) => a - b);

      this.toc.labelIndices = this.f.pos;
      const labelIndexOffsets = names.map((n) => this.writeLabelIndex(valuesOf(n)));

      this.f.addPadding(4);
      this.toc.postings = this.f.pos;
      const offsetTable = new Encbuf(1 << 12);
      let entries = 0;
      const addEntry = (name: string, value: string, refs: number[]): void => {
        const off = this.writePostings(refs);
        offsetTable.putUvarint(2);
        offsetTable.putUvarintStr(name);
        offsetTable.putUvarintStr(value);
        offsetTable.putUvarint(off);
        entries++;
      };
      addEntry('', '', this.allRefs);
      for (const n of names) {
        const byValue = this.postings.get(n) as Map<number, number[]>;
        for (const v of valuesOf(n)) addEntry(symbols[n] as string, symbols[v] as string, byValue.get(v) as number[]);
      }

      this.toc.labelIndicesTable = this.f.pos;
      const lit = new Encbuf(1 << 10);
      names.forEach((n, i) => {
        lit.putUvarint(1);
        lit.putUvarintStr(symbols[n] as string);
        lit.putUvarint(labelIndexOffsets[i] as number);
      });
      this.writeTable(names.length, lit);

      this.toc.postingsTable = this.f.pos;
      this.writeTable(entries, offsetTable);
      this.writeToc();
      this.f.close();
    } catch (e) {
      this.f.abort();
      throw e;
    }
  }

  /** Closes and removes a partially written index. */
  abort(): void {
    this.stage = Stage.Done;
    this.f.abort();
  }

  /** A label index (no longer read by Prometheus, still written by 2.42): value symbol refs. */
  private writeLabelIndex(values: number[]): number {
    this.f.addPadding(4);
    const off = this.f.pos;
    const e = this.b1;
    e.reset();
    e.putBE32(8 + 4 * values.length);
    e.putBE32(1);
    e.putBE32(values.length);
    for (const v of values) e.putBE32(v);
    e.putBE32(crc32c(e.buf, 4, e.len));
    this.f.write(e.get());
    return off;
  }

  private writePostings(refs: number[]): number {
    this.f.addPadding(4);
    const off = this.f.pos;
    const e = this.b1;
    e.reset();
    e.putBE32(4 + 4 * refs.length);
    e.putBE32(refs.length);
    for (const r of refs) e.putBE32(r);
    e.putBE32(crc32c(e.buf, 4, e.len));
    this.f.write(e.get());
    return off;
  }

  /** A table section: len, entry count, the entries, crc. */
  private writeTable(count: number, body: Encbuf): void {
    const len = 4 + body.len;
    if (len > 0xffffffff) this.fail('length size exceeds 4 bytes');
    const h = this.b1;
    h.reset();
    h.putBE32(len);
    h.putBE32(count);
    const crc = crc32c(body.buf, 0, body.len, crc32c(h.buf, 4, 8));
    this.f.write(h.get());
    this.f.write(body.get());
    h.reset();
    h.putBE32(crc);
    this.f.write(h.get());
  }

  private writeToc(): void {
    const e = this.b1;
    e.reset();
    const t = this.toc;
    for (const v of [t.symbols, t.series, t.labelIndices, t.labelIndicesTable, t.postings, t.postingsTable]) e.putBE64(v);
    e.putBE32(crc32c(e.buf, 0, e.len));
    this.f.write(e.get());
  }
}

/** Chunk metas of a series entry: count, then mint/maxt/ref of the first, deltas for the rest. */
function encodeChunkMetas(b: Encbuf, chunks: readonly ChunkMeta[]): void {
  b.putUvarint(chunks.length);
  if (chunks.length === 0) return;
  const c0 = chunks[0] as ChunkMeta;
  b.putVarint(c0.minTime);
  b.putUvarint(c0.maxTime - c0.minTime);
  b.putUvarint(c0.ref);
  let t0 = c0.maxTime;
  let ref0 = c0.ref;
  for (let i = 1; i < chunks.length; i++) {
    const c = chunks[i] as ChunkMeta;
    b.putUvarint(c.minTime - t0);
    b.putUvarint(c.maxTime - c.minTime);
    t0 = c.maxTime;
    b.putVarint(c.ref - ref0);
    ref0 = c.ref;
  }
}

function stageName(s: Stage): string {
  return s === Stage.Symbols ? 'symbols' : s === Stage.Series ? 'series' : 'done';
}
