/**
 * The series of a new block as the union of block readers (Prometheus PopulateBlock with the
 * compacting chunk series merger): series are merged by labels across readers; chunks are
 * copied as they are unless they must change: chunks partly deleted by tombstones or reaching
 * outside the block's range are re-encoded with the samples that remain, chunks entirely
 * deleted are dropped, and chunks that overlap (overlapping blocks, out-of-order data) are
 * merged sample by sample and re-cut into chunks of at most 120 samples.
 */
import { compareLabels, Labels } from '../../model/labels/index.js';
import { ValueType, type SampleIterator } from '../../storage/index.js';
import type { BlockReader } from '../block/index.js';
import { DeletedIterator } from '../block/index.js';
import { Encoding, XORChunk, type Chunk } from '../chunkenc/index.js';
import type { ChunkMeta, ChunkReader } from '../chunks/index.js';
import { ALL_POSTINGS_KEY, type IndexReader, type Postings } from '../index/index.js';
import { addInterval, isSubrange, type Interval, type TombstoneReader } from '../tombstones/index.js';

/** Samples per chunk when chunks are re-cut (upstream seriesToChunkEncoderSplit). */
export const SAMPLES_PER_COMPACTED_CHUNK = 120;

/** Output: a series with its chunks in time order, every chunk loaded. */
export interface PopulatedSeries {
  labels: Labels;
  chunks: ChunkMeta[];
}

/** A chunk of one source with the deletion intervals that still apply to it. */
interface Piece {
  minTime: number;
  maxTime: number;
  chunk: Chunk;
  dels: Interval[] | null;
}

/** Cursor over one reader's series (sorted by labels), chunks clipped to [mint, maxt]. */
class SourceCursor {
  labels: Labels = Labels.EMPTY;
  pieces: Piece[] = [];
  private readonly buf: { labels: Labels; chunks: ChunkMeta[] } = { labels: Labels.EMPTY, chunks: [] };
  private readonly p: Postings;

  constructor(
    private readonly ix: IndexReader,
    private readonly cr: ChunkReader,
    private readonly tombs: TombstoneReader,
    private readonly mint: number,
    private readonly maxt: number,
  ) {
    this.p = ix.sortedPostings(ix.postings(ALL_POSTINGS_KEY.name, ALL_POSTINGS_KEY.value));
  }

  /** Advances to the next series that has a chunk left in range; false at the end. */
  next(): boolean {
    while (this.p.next()) {
      const ref = this.p.at();
      if (!this.ix.series(ref, this.buf)) continue;
      const pieces = this.collect(ref, this.buf.chunks);
      if (pieces.length === 0) continue;
      this.labels = this.buf.labels;
      this.pieces = pieces;
      return true;
    }
    const e = this.p.err();
    if (e !== null) throw e;
    return false;
  }

  private collect(ref: number, metas: ChunkMeta[]): Piece[] {
    const { mint, maxt } = this;
    const stones = this.tombs.get(ref);
    const out: Piece[] = [];
    for (const m of metas) {
      if (m.maxTime < mint || m.minTime > maxt) continue;
      if (stones.length > 0 && isSubrange({ mint: m.minTime, maxt: m.maxTime }, stones)) continue;
      let dels: Interval[] | null = null;
      for (const iv of stones) if (iv.mint <= m.maxTime && m.minTime <= iv.maxt) dels = addInterval(dels ?? [], iv);
      if (m.minTime < mint) dels = addInterval(dels ?? [], { mint: -Infinity, maxt: mint - 1 });
      if (m.maxTime > maxt) dels = addInterval(dels ?? [], { mint: maxt + 1, maxt: Infinity });
      const chunk = m.chunk ?? this.cr.chunk(m);
      out.push({ minTime: Math.max(m.minTime, mint), maxTime: Math.min(m.maxTime, maxt), chunk, dels });
    }
    return out;
  }
}

function pieceIterator(p: Piece): SampleIterator {
  const it = p.chunk.iterator();
  return p.dels === null ? it : new DeletedIterator(it, p.dels);
}

/** Re-cuts float samples into XOR chunks of at most SAMPLES_PER_COMPACTED_CHUNK samples. */
class ChunkCutter {
  readonly out: ChunkMeta[] = [];
  private c: XORChunk | null = null;
  private app: ReturnType<XORChunk['appender']> | null = null;
  private cmin = 0;
  private cmax = 0;

  add(t: number, v: number): void {
    if (this.c === null || this.c.numSamples() >= SAMPLES_PER_COMPACTED_CHUNK) {
      this.flush();
      this.c = new XORChunk();
      this.app = this.c.appender();
      this.cmin = t;
    }
    (this.app as ReturnType<XORChunk['appender']>).append(t, v);
    this.cmax = t;
  }

  flush(): void {
    if (this.c !== null && this.c.numSamples() > 0) {
      this.out.push({ ref: 0, minTime: this.cmin, maxTime: this.cmax, chunk: this.c });
    }
    this.c = null;
    this.app = null;
  }
}

/** A single chunk with its deleted samples removed (null when none remain). */
function reencode(p: Piece): ChunkMeta[] {
  if (p.dels === null || p.chunk.encoding() !== Encoding.XOR) {
    // Histogram chunks are kept whole (no histogram re-encoder yet).
    return [{ ref: 0, minTime: p.minTime, maxTime: p.maxTime, chunk: p.chunk }];
  }
  const cut = new ChunkCutter();
  const it = pieceIterator(p);
  while (it.next() !== ValueType.None) cut.add(it.atT(), it.atF());
  const e = it.err();
  if (e !== null) throw e;
  cut.flush();
  return cut.out;
}

/** Overlapping chunks merged by time (for equal timestamps the first source wins). */
function mergeOverlapping(group: Piece[]): ChunkMeta[] {
  if (group.some((p) => p.chunk.encoding() !== Encoding.XOR)) return group.flatMap(reencode);
  let n = 0;
  for (const p of group) n += p.chunk.numSamples();
  const ts = new Float64Array(n);
  const vs = new Float64Array(n);
  let k = 0;
  for (const p of group) {
    const it = pieceIterator(p);
    while (it.next() !== ValueType.None && k < n) {
      ts[k] = it.atT();
      vs[k] = it.atF();
      k++;
    }
    const e = it.err();
    if (e !== null) throw e;
  }
  const order = new Uint32Array(k);
  for (let i = 0; i < k; i++) order[i] = i;
  order.sort((a, b) => (ts[a] as number) - (ts[b] as number) || a - b);
  const cut = new ChunkCutter();
  let last = Number.NaN;
  for (let j = 0; j < k; j++) {
    const i = order[j] as number;
    const t = ts[i] as number;
    if (t === last) continue;
    cut.add(t, vs[i] as number);
    last = t;
  }
  cut.flush();
  return cut.out;
}

/** The output chunks of one series from its pieces (any number of sources). */
function mergePieces(pieces: Piece[]): ChunkMeta[] {
  if (pieces.length > 1) pieces.sort((a, b) => a.minTime - b.minTime);
  const out: ChunkMeta[] = [];
  let i = 0;
  while (i < pieces.length) {
    const group: Piece[] = [pieces[i] as Piece];
    let groupMax = (pieces[i] as Piece).maxTime;
    i++;
    while (i < pieces.length && (pieces[i] as Piece).minTime <= groupMax) {
      const p = pieces[i] as Piece;
      group.push(p);
      if (p.maxTime > groupMax) groupMax = p.maxTime;
      i++;
    }
    if (group.length === 1) out.push(...reencode(group[0] as Piece));
    else out.push(...mergeOverlapping(group));
  }
  return out;
}

function setImmediatePromise(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The series of the union of readers within [mint, maxt] (inclusive), sorted by labels.
 * Yields to the event loop every few hundred series so a compaction does not block it.
 */
export async function* populateSeries(readers: readonly BlockReader[], mint: number, maxt: number): AsyncGenerator<PopulatedSeries> {
  const cursors: SourceCursor[] = [];
  for (const r of readers) {
    const c = new SourceCursor(r.index(), r.chunks(), r.tombstones(), mint, maxt);
    if (c.next()) cursors.push(c);
  }
  let n = 0;
  while (cursors.length > 0) {
    let lowest = (cursors[0] as SourceCursor).labels;
    for (let i = 1; i < cursors.length; i++) {
      const l = (cursors[i] as SourceCursor).labels;
      if (compareLabels(l, lowest) < 0) lowest = l;
    }
    const pieces: Piece[] = [];
    for (let i = 0; i < cursors.length; i++) {
      const c = cursors[i] as SourceCursor;
      if (!c.labels.equals(lowest)) continue;
      for (const p of c.pieces) pieces.push(p);
      if (!c.next()) {
        cursors.splice(i, 1);
        i--;
      }
    }
    const chunks = mergePieces(pieces);
    if (chunks.length > 0) yield { labels: lowest, chunks };
    if (++n % 500 === 0) await setImmediatePromise();
  }
}

/** True if any two readers' time ranges overlap (readers sorted by minTime). */
export function readersOverlap(metas: readonly { minTime: number; maxTime: number }[]): boolean {
  if (metas.length < 2) return false;
  let globalMaxt = (metas[0] as { maxTime: number }).maxTime;
  for (let i = 1; i < metas.length; i++) {
    const m = metas[i] as { minTime: number; maxTime: number };
    if (m.minTime < globalMaxt) return true;
    if (m.maxTime > globalMaxt) globalMaxt = m.maxTime;
  }
  return false;
}
