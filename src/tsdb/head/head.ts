/**
 * The head block (Prometheus tsdb.Head): the in-memory, most recent part of the TSDB. Series
 * by ref and by labels, postings, one open XOR chunk per series (full chunks go to
 * chunks_head/), a WAL in dir/wal that makes every committed sample survive a crash, and an
 * optional WBL (dir/wbl) for out-of-order samples. Readable as a BlockReader.
 */
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Labels } from '../../model/labels/index.js';
import type { Matcher } from '../../model/labels/index.js';
import type { BlockMetaJSON, BlockReader } from '../block/index.js';
import { blockQuerier } from '../block/index.js';
import type { Appendable, Queryable, Querier } from '../../storage/index.js';
import type { Chunk } from '../chunkenc/index.js';
import type { ChunkReader } from '../chunks/index.js';
import { ChunkDiskMapper } from '../chunks/index.js';
import { Encbuf } from '../encoding/index.js';
import type { IndexReader } from '../index/index.js';
import { postingsForMatchers } from '../index/index.js';
import type { TombstoneReader } from '../tombstones/index.js';
import { MemTombstones } from '../tombstones/index.js';
import { Wlog } from '../wal/index.js';
import { HeadAppender } from './head-appender.js';
import type { AppendBatch, AppendTarget } from './head-appender.js';
import { applyBatch } from './head-commit.js';
import { HeadChunkReader, HeadIndexReader } from './head-read.js';
import { replayHead } from './head-replay.js';
import { encodeBatch, encodeSeriesRecord, encodeTombstonesRecord, truncateWal } from './head-wal.js';
import { MemPostings } from './mem-postings.js';
import { SeriesByRef } from './series-by-ref.js';
import { SeriesByLabels, labelsHash } from './series-by-labels.js';
import { MAX_TIME, MIN_TIME, MemSeries } from './mem-series.js';
import type { ChunkWriter } from './mem-series.js';
import { HeadClosedError } from './errors.js';

export const DEFAULT_CHUNK_RANGE = 2 * 60 * 60 * 1000;
const ENC_BUF_SIZE = 64 * 1024;
const MAX_RETAINED_ENC_BUF = 4 * 1024 * 1024;

/** Structured logger the head reports replay, repairs and truncations to. */
export interface HeadLogger {
  info(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(msg: string, fields?: Readonly<Record<string, unknown>>): void;
}

export const nopHeadLogger: HeadLogger = { info: () => {}, warn: () => {} };

export interface HeadOptions {
  /** Data directory: the head uses dir/wal, dir/wbl and dir/chunks_head. */
  dir: string;
  /** Block range the head's chunks are cut to (ms, default 2h). */
  chunkRange?: number;
  /** Accept out-of-order samples this far (ms) behind the newest one (default 0: reject). */
  outOfOrderTimeWindow?: number;
  /** Samples older than this are dropped at replay and rejected on append (the newest block's end). */
  minValidTime?: number;
  logger?: HeadLogger;
  clock?: () => number;
  /** Snappy-compress WAL records (default true). */
  walCompression?: boolean;
  walSegmentSize?: number;
  /** Open without a WAL (nothing is logged or replayed; for read-only use and tests). */
  noWal?: boolean;
}

export interface HeadStats {
  numSeries: number;
  /** Samples appended (committed) since the head was opened, replay excluded. */
  numSamples: number;
  numChunks: number;
  minTime: number;
  maxTime: number;
}

export class Head implements BlockReader, AppendTarget, Queryable, Appendable {
  readonly dir: string;
  readonly chunkRange: number;
  readonly logger: HeadLogger;
  readonly clock: () => number;
  readonly postings = new MemPostings();
  readonly tombs = new MemTombstones();
  readonly byRef = new SeriesByRef();
  readonly byLabels = new SeriesByLabels();
  wal: Wlog | null = null;
  wbl: Wlog | null = null;
  readonly cdm: ChunkDiskMapper;
  lastSeriesId = 0;
  private oooWindow: number;
  private mint = MAX_TIME;
  private maxt = MIN_TIME;
  minValidTime: number;
  minOOOTime = MAX_TIME;
  maxOOOTime = MIN_TIME;
  /** Series records of deleted series kept in checkpoints until the WAL passes this time. */
  readonly walExpiries = new Map<number, number>();
  /** Newest out-of-order sample time per WBL segment. */
  private readonly wblSegmentMaxT = new Map<number, number>();
  private lastWalTruncation = MIN_TIME;
  numSamplesAppended = 0;
  numChunks = 0;
  private closed = false;
  private enc = new Encbuf(ENC_BUF_SIZE);

  readonly writeChunk: ChunkWriter = (ref, mint, maxt, chunk) => this.cdm.writeChunk(ref, mint, maxt, chunk, false);
  readonly writeOOOChunk: ChunkWriter = (ref, mint, maxt, chunk) => this.cdm.writeChunk(ref, mint, maxt, chunk, true);

  private constructor(opts: HeadOptions) {
    this.dir = opts.dir;
    this.chunkRange = opts.chunkRange ?? DEFAULT_CHUNK_RANGE;
    this.oooWindow = opts.outOfOrderTimeWindow ?? 0;
    this.minValidTime = opts.minValidTime ?? MIN_TIME;
    this.logger = opts.logger ?? nopHeadLogger;
    this.clock = opts.clock ?? Date.now;
    mkdirSync(this.dir, { recursive: true });
    const logger = this.logger;
    this.cdm = new ChunkDiskMapper(join(this.dir, 'chunks_head'), { logger: { warn: (m) => logger.warn(m) } });
  }

  /** Opens the head in opts.dir and replays its chunks_head/, WAL and WBL. */
  static open(opts: HeadOptions): Head {
    const h = new Head(opts);
    try {
      if (opts.noWal !== true) {
        const walOpts = { compress: opts.walCompression ?? true, segmentSize: opts.walSegmentSize, logger: h.logger };
        h.wal = Wlog.open(join(h.dir, 'wal'), walOpts);
        const wblDir = join(h.dir, 'wbl');
        if (h.oooWindow > 0 || existsSync(wblDir)) h.wbl = Wlog.open(wblDir, walOpts);
      }
      replayHead(h);
    } catch (e) {
      h.closeQuietly();
      throw e;
    }
    return h;
  }

  // --- time bounds ---------------------------------------------------------------------------

  initialized(): boolean {
    return this.mint !== MAX_TIME;
  }

  initTime(t: number): void {
    if (this.maxt === MIN_TIME) this.maxt = t;
    if (this.mint === MAX_TIME) this.mint = t;
  }

  minTime(): number {
    return this.mint;
  }

  maxTime(): number {
    return this.maxt;
  }

  /**
   * The lowest time a query can find data at: the in-order min time, or lower when
   * out-of-order samples went below it (minTime() stays in-order only, as upstream, because
   * compaction planning keys off it).
   */
  queryMinTime(): number {
    return Math.min(this.mint, this.minOOOTime);
  }

  /** The highest time a query can find data at (OOO samples can exceed nothing: maxt bounds them). */
  queryMaxTime(): number {
    return Math.max(this.maxt, this.maxOOOTime);
  }

  updateMinMaxTime(mint: number, maxt: number): void {
    if (mint < this.mint) this.mint = mint;
    if (maxt > this.maxt) this.maxt = maxt;
  }

  /** After replay: the head does not start below the min valid time. */
  ensureMinTimeAtLeast(t: number): void {
    if (this.mint !== MAX_TIME && this.mint < t) this.mint = t;
  }

  updateOOOMinMaxTime(mint: number, maxt: number): void {
    if (mint < this.minOOOTime) this.minOOOTime = mint;
    if (maxt > this.maxOOOTime) this.maxOOOTime = maxt;
  }

  /** The lowest timestamp an in-order append may have (Prometheus appendableMinValidTime). */
  appendableMinValidTime(): number {
    return Math.max(this.maxt - this.chunkRange / 2, this.minValidTime);
  }

  oooTimeWindow(): number {
    return this.oooWindow;
  }

  /** Changes the out-of-order window (config reload); opens the WBL when it becomes > 0. */
  setOutOfOrderTimeWindow(ms: number): void {
    this.oooWindow = ms;
    if (ms > 0 && this.wbl === null && this.wal !== null) {
      this.wbl = Wlog.open(join(this.dir, 'wbl'), { compress: this.wal.compress, logger: this.logger });
    }
  }

  /** Raises the minimum valid time (after a block was written up to t). */
  setMinValidTime(t: number): void {
    this.minValidTime = t;
  }

  // --- series --------------------------------------------------------------------------------

  seriesByRef(ref: number): MemSeries | undefined {
    return this.byRef.get(ref);
  }

  getOrCreate(lset: Labels): { series: MemSeries; created: boolean } {
    const h = labelsHash(lset);
    const found = this.byLabels.get(lset, h);
    if (found !== undefined) return { series: found, created: false };
    const s = this.createSeries(++this.lastSeriesId, lset, h);
    s.pendingCommit = true;
    return { series: s, created: true };
  }

  /** Creates a series with a given ref (WAL replay); returns the existing one if the labels are known. */
  getOrCreateWithId(ref: number, lset: Labels): { series: MemSeries; created: boolean } {
    const h = labelsHash(lset);
    const found = this.byLabels.get(lset, h);
    if (found !== undefined) return { series: found, created: false };
    if (ref > this.lastSeriesId) this.lastSeriesId = ref;
    return { series: this.createSeries(ref, lset, h), created: true };
  }

  private createSeries(ref: number, lset: Labels, h: number): MemSeries {
    const s = new MemSeries(ref, Labels.fromSortedPairs(this.postings.add(ref, lset)));
    this.byRef.set(ref, s);
    this.byLabels.add(s, h);
    return s;
  }

  numSeries(): number {
    return this.byRef.size;
  }

  // --- appending -----------------------------------------------------------------------------

  appender(): HeadAppender {
    if (this.closed) throw new HeadClosedError();
    return new HeadAppender(this);
  }

  logBatch(b: AppendBatch): void {
    if (this.wal === null) return;
    this.wal.log(...encodeBatch(b, this.enc));
    // Do not keep a huge buffer around after one big commit.
    if (this.enc.buf.length > MAX_RETAINED_ENC_BUF) this.enc = new Encbuf(ENC_BUF_SIZE);
  }

  applyBatch(b: AppendBatch): void {
    applyBatch(this, b);
  }

  logSeriesOnly(created: readonly MemSeries[]): void {
    if (this.wal === null) return;
    try {
      this.wal.log(encodeSeriesRecord(created));
    } catch (e) {
      this.logger.warn('Logging series of a rolled back transaction failed', { err: String(e) });
    }
  }

  // --- deletion and truncation ---------------------------------------------------------------

  /** Marks [mint, maxt] of the series matching all matchers as deleted (logged to the WAL). */
  delete(mint: number, maxt: number, ...matchers: Matcher[]): void {
    mint = Math.max(mint, this.mint);
    maxt = Math.min(maxt, this.maxt);
    if (mint > maxt) return;
    const p = postingsForMatchers(new HeadIndexReader(this, mint, maxt), ...matchers);
    const stones: { ref: number; intervals: { mint: number; maxt: number }[] }[] = [];
    while (p.next()) {
      const s = this.seriesByRef(p.at());
      if (s === undefined) continue;
      const range = seriesTimeRange(s);
      if (range === null) continue;
      const t0 = Math.max(mint, range.mint);
      const t1 = Math.min(maxt, range.maxt);
      if (t0 > t1) continue;
      stones.push({ ref: s.ref, intervals: [{ mint: t0, maxt: t1 }] });
    }
    const err = p.err();
    if (err) throw err;
    if (stones.length === 0) return;
    if (this.wal !== null) this.wal.log(encodeTombstonesRecord(stones));
    for (const st of stones) this.tombs.addInterval(st.ref, st.intervals[0] as { mint: number; maxt: number });
  }

  /**
   * Drops data before mint (it is in a block now): chunks, then series left empty, then the
   * WAL segments that only hold older data (through a checkpoint), then chunks_head files.
   */
  truncate(mint: number): void {
    const wasInitialized = this.initialized();
    if (this.mint >= mint && wasInitialized) return;
    this.mint = mint;
    if (mint > this.minValidTime) this.minValidTime = mint;
    if (this.maxt < mint) this.maxt = mint;
    if (!wasInitialized) return;
    this.gcAndTruncateChunks();
    this.truncateWal(mint);
  }

  /** Drops out-of-order chunks ending before mint (after they were compacted into blocks). */
  truncateOOO(mint: number): void {
    for (const s of this.byRef.values()) {
      if (s.ooo === null) continue;
      this.numChunks -= s.ooo.truncateBefore(mint);
      if (s.ooo.isEmpty()) s.ooo = null;
    }
    this.gcAndTruncateChunks();
    this.truncateWbl(mint);
  }

  /** Deletes WBL segments whose out-of-order samples all lie before mint. */
  private truncateWbl(mint: number): void {
    const wbl = this.wbl;
    if (wbl === null) return;
    const cur = wbl.nextSegment();
    const { first } = wbl.segments();
    let cut = Math.max(first, 0);
    while (cut < cur && (this.wblSegmentMaxT.get(cut) ?? MIN_TIME) < mint) {
      this.wblSegmentMaxT.delete(cut);
      cut++;
    }
    if (cut > first) wbl.truncate(cut);
  }

  /** Records that WBL segment seg holds an out-of-order sample at t (for WBL truncation). */
  noteWblSample(seg: number, t: number): void {
    const cur = this.wblSegmentMaxT.get(seg);
    if (cur === undefined || t > cur) this.wblSegmentMaxT.set(seg, t);
  }

  private gcAndTruncateChunks(): void {
    const start = this.clock();
    const r = this.gc();
    if (r.actualMint > this.mint) {
      const floor = this.appendableMinValidTime();
      const m = Math.min(r.actualMint, floor);
      this.mint = m;
      this.minValidTime = Math.max(this.minValidTime, m);
    }
    this.cdm.truncateBeforeFile(r.minMmapFile);
    this.logger.info('Head GC completed', { duration_ms: this.clock() - start, removed: r.removed });
  }

  /** Removes chunks before the head's min time and series left without data. */
  gc(): { actualMint: number; minMmapFile: number; removed: number } {
    const mint = this.mint;
    let actualMint = MAX_TIME;
    let minMmapFile = Number.MAX_SAFE_INTEGER;
    const deleted = new Set<number>();
    const affected: [string, string][] = [];
    for (const s of this.byRef.values()) {
      this.numChunks -= s.truncateChunksBefore(mint);
      if (s.mmapped !== null && s.mmapped.length > 0) {
        minMmapFile = Math.min(minMmapFile, Math.floor((s.mmapped[0] as number) / 4294967296));
      }
      if (s.ooo !== null) {
        const mm = s.ooo.mmapped;
        for (let i = 0; i < mm.length; i += 3) minMmapFile = Math.min(minMmapFile, Math.floor((mm[i] as number) / 4294967296));
      }
      if (!s.isEmpty() || s.pendingCommit) {
        const smin = s.minTime();
        if (smin !== MIN_TIME && smin < actualMint) actualMint = smin;
        continue;
      }
      deleted.add(s.ref);
      const p = s.labels.pairs;
      for (let i = 0; i < p.length; i += 2) affected.push([p[i] as string, p[i + 1] as string]);
      this.byRef.delete(s.ref);
      this.byLabels.delete(s);
    }
    if (actualMint === MAX_TIME) actualMint = mint;
    this.postings.delete(deleted, affected);
    this.tombs.deleteTombstones(deleted);
    this.tombs.truncateBefore(mint);
    if (this.wal !== null) for (const ref of deleted) this.walExpiries.set(ref, actualMint);
    return { actualMint, minMmapFile, removed: deleted.size };
  }

  private truncateWal(mint: number): void {
    if (this.wal === null || mint <= this.lastWalTruncation) return;
    this.lastWalTruncation = mint;
    truncateWal(this, this.wal, mint);
  }

  /** Whether a deleted series' record must stay in a checkpoint cut at mint. */
  keepSeriesInCheckpoint(ref: number, mint: number): boolean {
    if (this.byRef.has(ref)) return true;
    const until = this.walExpiries.get(ref);
    return until !== undefined && until >= mint;
  }

  /** A querier over the head alone (the DB merges it with the blocks' queriers). */
  querier(mint: number, maxt: number): Querier {
    if (this.closed) throw new HeadClosedError();
    return blockQuerier(this, mint, maxt);
  }

  // --- BlockReader ---------------------------------------------------------------------------

  index(): IndexReader {
    return this.indexRange(MIN_TIME, MAX_TIME);
  }

  indexRange(mint: number, maxt: number): HeadIndexReader {
    if (this.closed) throw new HeadClosedError();
    return new HeadIndexReader(this, Math.max(mint, this.queryMinTime()), maxt);
  }

  chunks(): ChunkReader {
    return this.chunksRange(MIN_TIME, MAX_TIME);
  }

  chunksRange(mint: number, maxt: number): HeadChunkReader {
    if (this.closed) throw new HeadClosedError();
    return new HeadChunkReader(this, Math.max(mint, this.queryMinTime()), maxt);
  }

  tombstones(): TombstoneReader {
    return this.tombs;
  }

  meta(): BlockMetaJSON {
    return {
      ulid: '0000000000XXXXXXXXXXXXHEAD',
      minTime: this.mint,
      maxTime: this.maxt,
      stats: { numSeries: this.byRef.size },
      compaction: { level: 0 },
      version: 1,
    };
  }

  /** Reads a chunk written to chunks_head/. */
  mmappedChunk(ref: number): Chunk {
    return this.cdm.chunk(ref);
  }

  stats(): HeadStats {
    return {
      numSeries: this.byRef.size,
      numSamples: this.numSamplesAppended,
      numChunks: this.numChunks,
      minTime: this.mint,
      maxTime: this.maxt,
    };
  }

  isClosed(): boolean {
    return this.closed;
  }

  /** Closes the WAL, WBL and chunk files. Open head chunks are rebuilt from the WAL at open. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeQuietly();
  }

  private closeQuietly(): void {
    this.closed = true;
    for (const c of [() => this.wal?.close(), () => this.wbl?.close(), () => this.cdm.close()]) {
      try {
        c();
      } catch (e) {
        this.logger.warn('Closing head resource failed', { err: String(e) });
      }
    }
    this.wal = null;
    this.wbl = null;
  }
}

/** The overall [mint, maxt] of a series' data (in-order and out-of-order), null if none. */
export function seriesTimeRange(s: MemSeries): { mint: number; maxt: number } | null {
  let mint = s.minTime();
  let maxt = s.maxTime();
  if (mint === MIN_TIME) {
    mint = MAX_TIME;
    maxt = MIN_TIME;
  }
  const o = s.ooo?.timeRange() ?? null;
  if (o !== null) {
    mint = Math.min(mint, o.mint);
    maxt = Math.max(maxt, o.maxt);
  }
  return mint === MAX_TIME ? null : { mint, maxt };
}
