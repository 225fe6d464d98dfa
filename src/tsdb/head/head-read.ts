/**
 * The head read as a block (Prometheus headIndexReader / headChunkReader / RangeHead).
 *
 * Chunk refs pack the series ref and a per-series chunk id (ref * 2^24 + id, as upstream's
 * HeadChunkRef). Ids are stable while a chunk moves from memory to chunks_head/, so a ref
 * handed out by series() stays valid. Isolation: the open head chunk is exposed with the max
 * time it had when series() ran, and chunk() returns a copy holding only samples up to it, so
 * a query never sees samples committed after its series were listed.
 * Series with out-of-order data are served merged: their chunks are read, merged by time and
 * re-cut into non-overlapping chunks that carry the data in ChunkMeta.chunk.
 */
import type { Labels } from '../../model/labels/index.js';
import { compareLabels, compareStrings } from '../../model/labels/index.js';
import { ValueType } from '../../storage/index.js';
import type { BlockMetaJSON, BlockReader } from '../block/index.js';
import type { Chunk } from '../chunkenc/index.js';
import { XORChunk } from '../chunkenc/index.js';
import type { ChunkMeta, ChunkReader } from '../chunks/index.js';
import type { IndexReader, Postings } from '../index/index.js';
import { ListPostings, errPostings } from '../index/index.js';
import type { TombstoneReader } from '../tombstones/index.js';
import { SeriesNotFoundError } from './errors.js';
import { MMAP_STRIDE, SAMPLES_PER_CHUNK } from './mem-series.js';
import type { MemSeries } from './mem-series.js';

const TWO24 = 16777216;
/** Chunk id bit marking a merged (out-of-order) chunk (Prometheus oooChunkIDMask). */
const OOO_CHUNK_ID_BIT = 1 << 23;

export function headChunkRef(seriesRef: number, chunkId: number): number {
  return seriesRef * TWO24 + (chunkId % OOO_CHUNK_ID_BIT);
}

export function unpackHeadChunkRef(ref: number): { seriesRef: number; chunkId: number; merged: boolean } {
  const seriesRef = Math.floor(ref / TWO24);
  const id = ref - seriesRef * TWO24;
  return { seriesRef, chunkId: id & (OOO_CHUNK_ID_BIT - 1), merged: (id & OOO_CHUNK_ID_BIT) !== 0 };
}

/** What the readers need from the head. */
export interface HeadView {
  readonly postings: {
    postings(name: string, values: readonly string[]): Postings;
    postingsForLabelMatching(name: string, match: (v: string) => boolean): Postings;
    postingsForAllLabelValues(name: string): Postings;
    labelValues(name: string): string[];
    labelNames(): string[];
    symbols(): string[];
  };
  seriesByRef(ref: number): MemSeries | undefined;
  mmappedChunk(ref: number): Chunk;
  minTime(): number;
  maxTime(): number;
  queryMinTime(): number;
  queryMaxTime(): number;
}

function overlaps(mint1: number, maxt1: number, mint2: number, maxt2: number): boolean {
  return mint1 <= maxt2 && mint2 <= maxt1;
}

export class HeadIndexReader implements IndexReader {
  constructor(
    private readonly head: HeadView,
    readonly mint: number,
    readonly maxt: number,
  ) {}

  private outOfRange(): boolean {
    return this.maxt < this.head.queryMinTime() || this.mint > this.head.queryMaxTime();
  }

  symbols(): Iterable<string> {
    return this.head.postings.symbols();
  }

  sortedLabelValues(name: string): string[] {
    if (this.outOfRange()) return [];
    return this.head.postings.labelValues(name).sort(compareStrings);
  }

  postings(name: string, ...values: string[]): Postings {
    return this.head.postings.postings(name, values);
  }

  postingsForLabelMatching(name: string, match: (value: string) => boolean): Postings {
    return this.head.postings.postingsForLabelMatching(name, match);
  }

  postingsForAllLabelValues(name: string): Postings {
    return this.head.postings.postingsForAllLabelValues(name);
  }

  sortedPostings(p: Postings): Postings {
    const series: MemSeries[] = [];
    while (p.next()) {
      const s = this.head.seriesByRef(p.at());
      if (s !== undefined) series.push(s);
    }
    const e = p.err();
    if (e) return errPostings(new Error(`expand postings: ${e.message}`));
    series.sort((a, b) => compareLabels(a.labels, b.labels));
    const refs = new Float64Array(series.length);
    for (let i = 0; i < series.length; i++) refs[i] = (series[i] as MemSeries).ref;
    return new ListPostings(refs);
  }

  series(ref: number, out: { labels: Labels; chunks: ChunkMeta[] }): boolean {
    const s = this.head.seriesByRef(ref);
    if (s === undefined) return false;
    out.labels = s.labels;
    out.chunks = s.ooo !== null ? mergedChunkMetas(this.head, s, this.mint, this.maxt) : inOrderChunkMetas(s, this.mint, this.maxt);
    return true;
  }

  labelNames(): string[] {
    if (this.outOfRange()) return [];
    return this.head.postings.labelNames().sort(compareStrings);
  }

  close(): void {}
}

function inOrderChunkMetas(s: MemSeries, mint: number, maxt: number): ChunkMeta[] {
  const out: ChunkMeta[] = [];
  const mm = s.mmapped;
  let n = 0;
  if (mm !== null) {
    n = mm.length / MMAP_STRIDE;
    for (let i = 0; i < n; i++) {
      const cmin = mm[i * MMAP_STRIDE + 1] as number;
      const cmax = mm[i * MMAP_STRIDE + 2] as number;
      if (overlaps(cmin, cmax, mint, maxt)) out.push({ ref: headChunkRef(s.ref, s.firstChunkId + i), minTime: cmin, maxTime: cmax, chunk: null });
    }
  }
  if (s.head !== null && s.head.numSamples() > 0 && overlaps(s.headMinTime, s.headMaxTime, mint, maxt)) {
    out.push({ ref: headChunkRef(s.ref, s.firstChunkId + n), minTime: s.headMinTime, maxTime: s.headMaxTime, chunk: null });
  }
  return out;
}

/** A copy of c holding only the samples with t <= maxt. */
function boundedCopy(c: Chunk, maxt: number, cmaxt: number): Chunk {
  if (cmaxt <= maxt) return new XORChunk(c.bytes().slice());
  const out = new XORChunk();
  const app = out.appender();
  const it = c.iterator();
  while (it.next() !== ValueType.None) {
    const t = it.atT();
    if (t > maxt) break;
    app.append(t, it.atF());
  }
  return out;
}

export class HeadChunkReader implements ChunkReader {
  constructor(
    private readonly head: HeadView,
    readonly mint: number,
    readonly maxt: number,
  ) {}

  chunk(meta: ChunkMeta): Chunk {
    if (meta.chunk !== null) return meta.chunk;
    const { seriesRef, chunkId, merged } = unpackHeadChunkRef(meta.ref);
    const s = this.head.seriesByRef(seriesRef);
    if (s === undefined) throw new SeriesNotFoundError();
    if (merged) {
      const metas = mergedChunkMetas(this.head, s, this.mint, this.maxt);
      const m = metas[chunkId];
      if (m === undefined || m.chunk === null) throw new SeriesNotFoundError();
      return m.chunk;
    }
    const pos = chunkId - s.firstChunkId;
    const n = s.numMmapped();
    if (pos < 0) throw new SeriesNotFoundError();
    if (pos < n) {
      const mm = s.mmapped as number[];
      const c = this.head.mmappedChunk(mm[pos * MMAP_STRIDE] as number);
      const cmaxt = mm[pos * MMAP_STRIDE + 2] as number;
      return cmaxt <= meta.maxTime ? c : boundedCopy(c, meta.maxTime, cmaxt);
    }
    if (pos === n && s.head !== null) return boundedCopy(s.head, meta.maxTime, s.headMaxTime);
    throw new SeriesNotFoundError();
  }

  close(): void {}
}

/** Collects every sample of s's chunks overlapping [mint, maxt], in-order data first. */
function collectSamples(head: HeadView, s: MemSeries, mint: number, maxt: number): { ts: Float64Array; vs: Float64Array; n: number } {
  let ts = new Float64Array(256);
  let vs = new Float64Array(256);
  let n = 0;
  const push = (t: number, v: number): void => {
    if (n === ts.length) {
      const t2 = new Float64Array(n * 2);
      t2.set(ts);
      ts = t2;
      const v2 = new Float64Array(n * 2);
      v2.set(vs);
      vs = v2;
    }
    ts[n] = t;
    vs[n] = v;
    n++;
  };
  const drain = (c: Chunk): void => {
    const it = c.iterator();
    while (it.next() !== ValueType.None) push(it.atT(), it.atF());
  };
  const visitMmapped = (mm: readonly number[]): void => {
    for (let i = 0; i < mm.length; i += MMAP_STRIDE) {
      if (overlaps(mm[i + 1] as number, mm[i + 2] as number, mint, maxt)) drain(head.mmappedChunk(mm[i] as number));
    }
  };
  if (s.mmapped !== null) visitMmapped(s.mmapped);
  if (s.head !== null && overlaps(s.headMinTime, s.headMaxTime, mint, maxt)) drain(s.head);
  const o = s.ooo;
  if (o !== null) {
    visitMmapped(o.mmapped);
    if (o.n > 0 && overlaps(o.ts[0] as number, o.ts[o.n - 1] as number, mint, maxt)) {
      for (let i = 0; i < o.n; i++) push(o.ts[i] as number, o.vs[i] as number);
    }
  }
  return { ts, vs, n };
}

/** Merged, de-duplicated and re-cut chunks of a series with out-of-order data. */
function mergedChunkMetas(head: HeadView, s: MemSeries, mint: number, maxt: number): ChunkMeta[] {
  const { ts, vs, n } = collectSamples(head, s, mint, maxt);
  if (n === 0) return [];
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Stable by time: for equal timestamps the sample collected first (in-order data) wins.
  order.sort((a, b) => (ts[a] as number) - (ts[b] as number) || a - b);
  const out: ChunkMeta[] = [];
  let c: XORChunk | null = null;
  let app: ReturnType<XORChunk['appender']> | null = null;
  let cmin = 0;
  let last = Number.NaN;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const t = ts[i] as number;
    if (t === last) continue;
    if (c === null || c.numSamples() >= SAMPLES_PER_CHUNK) {
      if (c !== null) out.push({ ref: headChunkRef(s.ref, OOO_CHUNK_ID_BIT | out.length), minTime: cmin, maxTime: last, chunk: c });
      c = new XORChunk();
      app = c.appender();
      cmin = t;
    }
    (app as ReturnType<XORChunk['appender']>).append(t, vs[i] as number);
    last = t;
  }
  if (c !== null) out.push({ ref: headChunkRef(s.ref, OOO_CHUNK_ID_BIT | out.length), minTime: cmin, maxTime: last, chunk: c });
  return out;
}

/** A time-bounded view of the head, readable as a block (compaction's input). */
export class RangeHead implements BlockReader {
  constructor(
    private readonly head: HeadView & { indexRange(mint: number, maxt: number): IndexReader; chunksRange(mint: number, maxt: number): ChunkReader; tombstones(): TombstoneReader; numSeries(): number },
    private readonly mint: number,
    private readonly maxt: number,
  ) {}

  index(): IndexReader {
    return this.head.indexRange(this.mint, this.maxt);
  }

  chunks(): ChunkReader {
    return this.head.chunksRange(this.mint, this.maxt);
  }

  tombstones(): TombstoneReader {
    return this.head.tombstones();
  }

  minTime(): number {
    return Math.max(this.mint, this.head.minTime());
  }

  maxTime(): number {
    return Math.min(this.maxt, this.head.maxTime());
  }

  meta(): BlockMetaJSON {
    return {
      ulid: '0000000000XXXXXXXRANGEHEAD',
      minTime: this.minTime(),
      maxTime: this.maxTime(),
      stats: { numSeries: this.head.numSeries() },
      compaction: { level: 0 },
      version: 1,
    };
  }
}
