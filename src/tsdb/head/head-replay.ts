/**
 * Rebuilding the head at open (Prometheus Head.Init): the chunks in chunks_head/ first (their
 * refs and time ranges only), then the last WAL checkpoint and the WAL segments after it
 * (series, samples, tombstones), then the WBL (out-of-order samples and mmap markers).
 * Samples already covered by a mmapped chunk are skipped; the rest re-enter head chunks as
 * they did when appended. A corrupt WAL tail is repaired with a warning; a corrupt checkpoint
 * is an error.
 */
import type { Labels } from '../../model/labels/index.js';
import type { ChunkDiskMapper } from '../chunks/index.js';
import { CorruptionError as ChunkCorruptionError } from '../chunks/index.js';
import type { Interval } from '../tombstones/index.js';
import {
  CorruptionError,
  RecordType,
  SampleBatch,
  WalReader,
  decodeMmapMarkers,
  decodeSamples,
  decodeSeries,
  decodeTombstones,
  lastCheckpoint,
  recordType,
} from '../wal/index.js';
import type { RefSeries, SegmentRange, Wlog } from '../wal/index.js';
import { insertOOO } from './head-commit.js';
import type { CommitTarget } from './head-commit.js';
import { AppendResult, MIN_TIME, MMAP_STRIDE } from './mem-series.js';
import type { MemSeries } from './mem-series.js';
import { OOOSeries } from './ooo-head.js';

/** What replay needs from the head. */
export interface ReplayTarget extends CommitTarget {
  readonly cdm: ChunkDiskMapper;
  readonly wal: Wlog | null;
  readonly wbl: Wlog | null;
  readonly minValidTime: number;
  readonly walExpiries: Map<number, number>;
  readonly tombs: { addInterval(ref: number, itv: Interval): void };
  readonly logger: CommitTarget['logger'] & { info(msg: string, fields?: Readonly<Record<string, unknown>>): void };
  readonly clock: () => number;
  seriesByRef(ref: number): MemSeries | undefined;
  getOrCreateWithId(ref: number, lset: Labels): { series: MemSeries; created: boolean };
  gc(): unknown;
  minTime(): number;
  ensureMinTimeAtLeast(t: number): void;
}

interface MmappedByRef {
  inOrder: Map<number, number[]>;
  ooo: Map<number, number[]>;
}

function loadMmappedChunksOnce(h: ReplayTarget): MmappedByRef {
  const res: MmappedByRef = { inOrder: new Map(), ooo: new Map() };
  h.cdm.iterateAllChunks((seriesRef, chunkRef, mint, maxt, _numSamples, _encoding, isOOO) => {
    if (isOOO) {
      const list = res.ooo.get(seriesRef);
      if (list === undefined) res.ooo.set(seriesRef, [chunkRef, mint, maxt]);
      else list.push(chunkRef, mint, maxt);
      return;
    }
    if (maxt < h.minValidTime) return;
    const list = res.inOrder.get(seriesRef);
    if (list === undefined) {
      res.inOrder.set(seriesRef, [chunkRef, mint, maxt]);
      return;
    }
    const lastMaxt = list[list.length - 1] as number;
    if (lastMaxt >= mint) {
      throw new ChunkCorruptionError(
        h.cdm.dir,
        Math.floor(chunkRef / 4294967296),
        `out of sequence m-mapped chunk for series ref ${seriesRef}, last chunk: [${list[list.length - 2] as number}, ${lastMaxt}], new: [${mint}, ${maxt}]`,
      );
    }
    list.push(chunkRef, mint, maxt);
  });
  return res;
}

/** Loads chunk refs from chunks_head/; corrupt files are deleted (the WAL still has their samples). */
function loadMmappedChunks(h: ReplayTarget): MmappedByRef {
  try {
    return loadMmappedChunksOnce(h);
  } catch (e) {
    if (!(e instanceof ChunkCorruptionError)) throw e;
    h.logger.warn('Loading on-disk chunks failed, deleting corrupted mmapped chunk files', { err: e.message });
    try {
      h.cdm.deleteCorrupted(e);
      return loadMmappedChunksOnce(h);
    } catch (e2) {
      h.logger.warn('Loading on-disk chunks failed again, discarding chunk files completely', { err: String(e2) });
      h.cdm.truncateBeforeFile(Number.MAX_SAFE_INTEGER);
      return { inOrder: new Map(), ooo: new Map() };
    }
  }
}

/** Gives a series its mmapped chunks (in-order and OOO) from chunks_head/. */
function attachMmapped(h: ReplayTarget, s: MemSeries, mmc: number[] | undefined, oooMmc: number[] | undefined): void {
  if (mmc !== undefined && mmc.length > 0) {
    const last = s.mmapped !== null && s.mmapped.length > 0 ? (s.mmapped[s.mmapped.length - 1] as number) : MIN_TIME;
    if ((mmc[1] as number) > last) {
      if (s.mmapped === null) s.mmapped = mmc.slice();
      else s.mmapped.push(...mmc);
      h.numChunks += mmc.length / MMAP_STRIDE;
      s.mmMaxTime = mmc[mmc.length - 1] as number;
      h.updateMinMaxTime(mmc[1] as number, s.mmMaxTime);
      // Samples replayed so far are older than these chunks.
      s.head = null;
      s.app = null;
      s.nextAt = MIN_TIME;
    }
  }
  if (oooMmc !== undefined && oooMmc.length > 0) {
    if (s.ooo === null) s.ooo = new OOOSeries();
    s.ooo.mmapped.push(...oooMmc);
    h.numChunks += oooMmc.length / MMAP_STRIDE;
    for (let i = 0; i < oooMmc.length; i += MMAP_STRIDE) h.updateOOOMinMaxTime(oooMmc[i + 1] as number, oooMmc[i + 2] as number);
  }
}

/** Replay state shared by the checkpoint and the segments. */
class WalReplay {
  readonly multiRef = new Map<number, number>();
  private readonly series: RefSeries[] = [];
  private readonly batch = new SampleBatch(4096);
  unknownRefs = 0;
  private mint = Infinity;
  private maxt = -Infinity;

  constructor(
    private readonly h: ReplayTarget,
    private readonly mm: MmappedByRef,
  ) {}

  private resolve(ref: number, t: number): number {
    const r = this.multiRef.get(ref);
    if (r === undefined) return ref;
    // Samples for a duplicate series record: keep that record in checkpoints until t.
    this.h.walExpiries.set(ref, Math.max(t, this.h.walExpiries.get(ref) ?? MIN_TIME));
    return r;
  }

  record(rec: Uint8Array): void {
    switch (recordType(rec)) {
      case RecordType.Series:
        this.onSeries(decodeSeries(rec, this.series));
        this.series.length = 0;
        return;
      case RecordType.Samples:
        this.batch.reset();
        this.onSamples(decodeSamples(rec, this.batch));
        return;
      case RecordType.Tombstones:
        for (const st of decodeTombstones(rec)) {
          for (const itv of st.intervals) {
            if (itv.maxt < this.h.minValidTime) continue;
            const ref = this.resolve(st.ref, itv.maxt);
            if (this.h.seriesByRef(ref) === undefined) {
              this.unknownRefs++;
              continue;
            }
            this.h.tombs.addInterval(ref, itv);
          }
        }
        return;
      default:
        return;
    }
  }

  private onSeries(list: readonly RefSeries[]): void {
    const h = this.h;
    for (const rs of list) {
      const { series, created } = h.getOrCreateWithId(rs.ref, rs.labels);
      if (!created && series.ref !== rs.ref) this.multiRef.set(rs.ref, series.ref);
      if (created || series.ref !== rs.ref) attachMmapped(h, series, this.mm.inOrder.get(rs.ref), this.mm.ooo.get(rs.ref));
    }
  }

  private onSamples(b: SampleBatch): void {
    const h = this.h;
    const minValid = h.minValidTime;
    const hasMulti = this.multiRef.size > 0;
    const { refs, ts, vs } = b;
    let mint = this.mint;
    let maxt = this.maxt;
    for (let i = 0; i < b.length; i++) {
      const t = ts[i] as number;
      if (t < minValid) continue;
      const ref = hasMulti ? this.resolve(refs[i] as number, t) : (refs[i] as number);
      const s = h.seriesByRef(ref);
      if (s === undefined) {
        this.unknownRefs++;
        continue;
      }
      if (t <= s.mmMaxTime) continue;
      const r = s.append(t, vs[i] as number, h.chunkRange, h.writeChunk);
      if (r === AppendResult.Rejected) continue;
      if (r === AppendResult.AppendedNewChunk) h.numChunks++;
      if (t < mint) mint = t;
      if (t > maxt) maxt = t;
    }
    this.mint = mint;
    this.maxt = maxt;
  }

  /** Out-of-order records of the WBL (seg: the segment the record is in). */
  wblRecord(rec: Uint8Array, seg: number): void {
    const h = this.h;
    switch (recordType(rec)) {
      case RecordType.Samples: {
        this.batch.reset();
        const b = decodeSamples(rec, this.batch);
        for (let i = 0; i < b.length; i++) {
          const s = h.seriesByRef(this.multiRef.get(b.refs[i] as number) ?? (b.refs[i] as number));
          if (s === undefined) {
            this.unknownRefs++;
            continue;
          }
          const t = b.ts[i] as number;
          h.noteWblSample(seg, t);
          if (insertOOO(h, s, t, b.vs[i] as number, null)) h.updateOOOMinMaxTime(t, t);
        }
        return;
      }
      case RecordType.MmapMarkers:
        for (const m of decodeMmapMarkers(rec)) {
          const s = h.seriesByRef(this.multiRef.get(m.ref) ?? m.ref);
          if (s === undefined || s.ooo === null || m.mmapRef === 0) continue;
          const mm = s.ooo.mmapped;
          for (let i = 0; i < mm.length; i += MMAP_STRIDE) {
            if (mm[i] === m.mmapRef) {
              // Everything logged before the marker is in that chunk on disk.
              s.ooo.clearHead();
              break;
            }
          }
        }
        return;
      default:
        return;
    }
  }

  finish(): void {
    if (this.maxt !== -Infinity) this.h.updateMinMaxTime(this.mint, this.maxt);
  }
}

/** Reads every record of ranges; returns the reader's error (null at a clean end). */
function readAll(ranges: SegmentRange[], fn: (rec: Uint8Array, seg: number) => void): { err: Error | null; reader: WalReader } {
  const r = new WalReader(ranges);
  try {
    while (r.next()) {
      try {
        fn(r.record(), r.segment());
      } catch (e) {
        // A record that does not decode is corruption at its offset.
        const reason = e instanceof Error ? e.message : String(e);
        return { err: new CorruptionError(r.segmentDir(), r.segment(), r.recordOffset(), `decode record: ${reason}`), reader: r };
      }
    }
    return { err: r.err(), reader: r };
  } finally {
    r.close();
  }
}

function replayLog(h: ReplayTarget, log: Wlog, name: string, fn: (rec: Uint8Array, seg: number) => void): void {
  const { err } = readAll([{ dir: log.dir, first: -1, last: -1 }], fn);
  if (err === null) return;
  if (!(err instanceof CorruptionError)) throw err;
  h.logger.warn(`Encountered ${name} read error, attempting repair`, { err: err.message });
  log.repair(err);
}

export function replayHead(h: ReplayTarget): void {
  const start = h.clock();
  h.logger.info('Replaying on-disk memory mappable chunks if any');
  const mm = loadMmappedChunks(h);
  const wal = h.wal;
  if (wal === null) return;
  h.logger.info('Replaying WAL, this may take a while');
  const replay = new WalReplay(h, mm);
  const cp = lastCheckpoint(wal.dir);
  let from = -1;
  if (cp !== null) {
    const { err } = readAll([{ dir: cp.dir, first: -1, last: -1 }], (rec) => replay.record(rec));
    if (err !== null) throw new Error(`backfill checkpoint: ${err.message}`);
    from = cp.index + 1;
  }
  const { err } = readAll([{ dir: wal.dir, first: from, last: -1 }], (rec) => replay.record(rec));
  if (err !== null) {
    if (!(err instanceof CorruptionError)) throw err;
    h.logger.warn('Encountered WAL read error, attempting repair', { err: err.message });
    wal.repair(err);
  }
  if (h.wbl !== null) replayLog(h, h.wbl, 'WBL', (rec, seg) => replay.wblRecord(rec, seg));
  replay.finish();
  if (replay.unknownRefs > 0) h.logger.warn('Unknown series references', { count: replay.unknownRefs });
  h.gc();
  h.ensureMinTimeAtLeast(h.minValidTime);
  h.logger.info('WAL replay completed', { duration_ms: h.clock() - start });
}
