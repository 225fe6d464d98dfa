/**
 * WAL checkpoints (Prometheus wlog.Checkpoint): the records of segments [from, to] plus the
 * previous checkpoint, filtered down to what the head still needs, written as a segmented log
 * in checkpoint.<to>.tmp and renamed to checkpoint.<to> (8 digits) once complete.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Encbuf } from '../encoding/index.js';
import { WalError } from './errors.js';
import { decodeFloatHistogramSamples, decodeHistogramSamples } from './histogram-record.js';
import { decodeExemplars, decodeMetadata, decodeSamples, decodeSeries, decodeTombstones, recordType } from './record-decode.js';
import {
  encodeExemplars,
  encodeFloatHistogramSamples,
  encodeHistogramSamples,
  encodeMetadata,
  encodeSamples,
  encodeSeries,
  encodeTombstones,
} from './record-encode.js';
import { RecordType, SampleBatch, type RefMetadata } from './record-types.js';
import { WalReader } from './reader.js';
import { nopLogger, type SegmentRange, type WalLogger } from './segment.js';
import { Wlog } from './wlog.js';

export interface CheckpointStats {
  droppedSeries: number;
  droppedSamples: number;
  droppedTombstones: number;
  droppedExemplars: number;
  droppedMetadata: number;
  totalSeries: number;
  totalSamples: number;
  totalTombstones: number;
  totalExemplars: number;
  totalMetadata: number;
}

export interface CheckpointOptions {
  /** Compress the checkpoint's records (default true). */
  compress?: boolean;
  logger?: WalLogger;
}

const PREFIX = 'checkpoint.';
const TMP_SUFFIX = '.tmp';
const FLUSH_BYTES = 1024 * 1024;

export function checkpointDir(dir: string, i: number): string {
  return join(dir, PREFIX + String(i).padStart(8, '0'));
}

function listCheckpoints(dir: string): { name: string; index: number }[] {
  const refs: { name: string; index: number }[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(PREFIX)) continue;
    const rest = name.slice(PREFIX.length);
    if (!/^\d+$/.test(rest)) continue;
    if (!statSync(join(dir, name)).isDirectory()) throw new WalError(`checkpoint ${name} is not a directory`);
    refs.push({ name, index: Number(rest) });
  }
  return refs.sort((a, b) => a.index - b.index);
}

/** The most recent checkpoint of the WAL in dir, or null if there is none. */
export function lastCheckpoint(dir: string): { dir: string; index: number } | null {
  const refs = listCheckpoints(dir);
  const last = refs[refs.length - 1];
  return last ? { dir: join(dir, last.name), index: last.index } : null;
}

/** Deletes the checkpoints with an index below maxIndex. */
export function deleteCheckpoints(dir: string, maxIndex: number): void {
  for (const c of listCheckpoints(dir)) {
    if (c.index >= maxIndex) break;
    rmSync(join(dir, c.name), { recursive: true, force: true });
  }
}

function deleteTempCheckpoints(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (name.startsWith(PREFIX) && name.endsWith(TMP_SUFFIX)) rmSync(join(dir, name), { recursive: true, force: true });
  }
}

function syncDir(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates checkpoint.<to> from segments [from, to] and the last checkpoint: keeps series for
 * which keep(ref) is true, samples and exemplars at or after mint, tombstones of kept series
 * that reach mint, and the latest metadata of kept series. Older checkpoints are deleted.
 */
export function checkpoint(
  dir: string,
  from: number,
  to: number,
  keep: (ref: number) => boolean,
  mint: number,
  opts: CheckpointOptions = {},
): CheckpointStats {
  const logger = opts.logger ?? nopLogger;
  logger.info?.('Creating checkpoint', { from_segment: from, to_segment: to, mint });
  const ranges: SegmentRange[] = [];
  const prev = lastCheckpoint(dir);
  if (prev) {
    const expected = prev.index + 1;
    if (from > expected) throw new WalError(`unexpected gap to last checkpoint. expected:${expected}, requested:${from}`);
    from = expected;
    ranges.push({ dir: prev.dir, first: -1, last: -1 });
  }
  ranges.push({ dir, first: from, last: to });
  deleteTempCheckpoints(dir);

  const final = checkpointDir(dir, to);
  const tmp = final + TMP_SUFFIX;
  const cp = Wlog.open(tmp, { compress: opts.compress ?? true, logger });
  let ok = false;
  try {
    const stats = copyRecords(new WalReader(ranges), cp, keep, mint, logger);
    cp.close();
    syncDir(tmp);
    rmSync(final, { recursive: true, force: true });
    renameSync(tmp, final);
    syncDir(dir);
    ok = true;
    deleteCheckpoints(dir, to);
    return stats;
  } finally {
    if (!ok) {
      try {
        cp.close();
      } catch {
        // Already closed, or failing: the directory goes anyway.
      }
      rmSync(tmp, { recursive: true, force: true });
    }
  }
}

function newStats(): CheckpointStats {
  return {
    droppedSeries: 0,
    droppedSamples: 0,
    droppedTombstones: 0,
    droppedExemplars: 0,
    droppedMetadata: 0,
    totalSeries: 0,
    totalSamples: 0,
    totalTombstones: 0,
    totalExemplars: 0,
    totalMetadata: 0,
  };
}

/** Keeps the samples at or after mint, compacting the batch in place (value bits preserved). */
function filterSamples(b: SampleBatch, mint: number): void {
  let j = 0;
  const bits = b.vsBits;
  for (let i = 0; i < b.length; i++) {
    if ((b.ts[i] as number) < mint) continue;
    if (i !== j) {
      b.refs[j] = b.refs[i] as number;
      b.ts[j] = b.ts[i] as number;
      bits[2 * j] = bits[2 * i] as number;
      bits[2 * j + 1] = bits[2 * i + 1] as number;
    }
    j++;
  }
  b.length = j;
}

/** What the filter of one checkpoint run needs and accumulates. */
interface FilterState {
  keep: (ref: number) => boolean;
  mint: number;
  logger: WalLogger;
  stats: CheckpointStats;
  buf: Encbuf;
  recs: Uint8Array[];
  batch: SampleBatch;
  latestMetadata: Map<number, RefMetadata>;
}

function add(st: FilterState, rec: Uint8Array | null): void {
  if (rec) st.recs.push(rec);
}

function filterSeries(st: FilterState, rec: Uint8Array): void {
  const series = decodeSeries(rec);
  const kept = series.filter((s) => st.keep(s.ref));
  if (kept.length > 0) add(st, encodeSeries(kept, st.buf));
  st.stats.totalSeries += series.length;
  st.stats.droppedSeries += series.length - kept.length;
}

function filterFloatSamples(st: FilterState, rec: Uint8Array): void {
  st.batch.reset();
  decodeSamples(rec, st.batch);
  const total = st.batch.length;
  filterSamples(st.batch, st.mint);
  if (st.batch.length > 0) add(st, encodeSamples(st.batch, st.buf));
  st.stats.totalSamples += total;
  st.stats.droppedSamples += total - st.batch.length;
}

function filterHistograms(st: FilterState, rec: Uint8Array, float: boolean): void {
  let total: number;
  let kept: number;
  if (float) {
    const hs = decodeFloatHistogramSamples(rec, [], st.logger);
    const k = hs.filter((h) => h.t >= st.mint);
    if (k.length > 0) addEncoded(st, encodeFloatHistogramSamples(k, st.buf));
    [total, kept] = [hs.length, k.length];
  } else {
    const hs = decodeHistogramSamples(rec, [], st.logger);
    const k = hs.filter((h) => h.t >= st.mint);
    if (k.length > 0) addEncoded(st, encodeHistogramSamples(k, st.buf));
    [total, kept] = [hs.length, k.length];
  }
  st.stats.totalSamples += total;
  st.stats.droppedSamples += total - kept;
}

function addEncoded(st: FilterState, e: { exponential: Uint8Array | null; customBuckets: Uint8Array | null }): void {
  add(st, e.exponential);
  add(st, e.customBuckets);
}

function filterTombstones(st: FilterState, rec: Uint8Array): void {
  const stones = decodeTombstones(rec);
  const kept = stones.filter((s) => st.keep(s.ref) && s.intervals.some((iv) => iv.maxt >= st.mint));
  if (kept.length > 0) add(st, encodeTombstones(kept, st.buf));
  st.stats.totalTombstones += stones.length;
  st.stats.droppedTombstones += stones.length - kept.length;
}

function filterExemplars(st: FilterState, rec: Uint8Array): void {
  const ex = decodeExemplars(rec);
  const kept = ex.filter((e) => e.t >= st.mint);
  if (kept.length > 0) add(st, encodeExemplars(kept, st.buf));
  st.stats.totalExemplars += ex.length;
  st.stats.droppedExemplars += ex.length - kept.length;
}

/** Metadata is written once at the end: the latest record of each kept series. */
function collectMetadata(st: FilterState, rec: Uint8Array): void {
  const md = decodeMetadata(rec);
  let fresh = 0;
  for (const m of md) {
    if (!st.keep(m.ref)) continue;
    if (!st.latestMetadata.has(m.ref)) fresh++;
    st.latestMetadata.set(m.ref, m);
  }
  st.stats.totalMetadata += md.length;
  st.stats.droppedMetadata += md.length - fresh;
}

function filterRecord(st: FilterState, rec: Uint8Array): void {
  switch (recordType(rec)) {
    case RecordType.Series:
      return filterSeries(st, rec);
    case RecordType.Samples:
    case RecordType.SamplesV2:
      return filterFloatSamples(st, rec);
    case RecordType.HistogramSamples:
    case RecordType.CustomBucketsHistogramSamples:
    case RecordType.HistogramSamplesV2:
      return filterHistograms(st, rec, false);
    case RecordType.FloatHistogramSamples:
    case RecordType.CustomBucketsFloatHistogramSamples:
    case RecordType.FloatHistogramSamplesV2:
      return filterHistograms(st, rec, true);
    case RecordType.Tombstones:
      return filterTombstones(st, rec);
    case RecordType.Exemplars:
      return filterExemplars(st, rec);
    case RecordType.Metadata:
      return collectMetadata(st, rec);
    default:
      // Mmap markers belong to the WBL; unknown types come from newer versions: dropped, as upstream.
      return;
  }
}

function copyRecords(
  r: WalReader,
  cp: Wlog,
  keep: (ref: number) => boolean,
  mint: number,
  logger: WalLogger,
): CheckpointStats {
  const st: FilterState = {
    keep,
    mint,
    logger,
    stats: newStats(),
    buf: new Encbuf(64 * 1024),
    recs: [],
    batch: new SampleBatch(),
    latestMetadata: new Map(),
  };
  try {
    while (r.next()) {
      filterRecord(st, r.record());
      if (st.buf.len > FLUSH_BYTES) {
        cp.log(...st.recs);
        st.recs = [];
        st.buf.reset();
      }
    }
    // Corruption cannot be repaired here: the head would not know which series records were lost.
    const err = r.err();
    if (err) throw new WalError(`read segments: ${err.message}`, { cause: err });
  } finally {
    r.close();
  }
  cp.log(...st.recs);
  if (st.latestMetadata.size > 0) cp.log(encodeMetadata([...st.latestMetadata.values()]));
  return st.stats;
}
