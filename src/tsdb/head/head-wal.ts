/**
 * What the head writes to its WAL (series, samples, tombstones records) and how it truncates
 * it (Prometheus Head.truncateWAL): checkpoint the older two thirds of the segments, keeping
 * the series still in the head and samples at or after mint, then delete them.
 */
import type { Stone, Wlog } from '../wal/index.js';
import { checkpoint, deleteCheckpoints, encodeSamples, encodeSeries, encodeTombstones } from '../wal/index.js';
import { Encbuf } from '../encoding/index.js';
import type { AppendBatch } from './head-appender.js';
import type { MemSeries } from './mem-series.js';

/**
 * Records for one commit: series of the new series (if any), then the samples (if any).
 * They are views into enc, valid until enc is reset.
 */
export function encodeBatch(b: AppendBatch, enc: Encbuf): Uint8Array[] {
  enc.reset();
  const out: Uint8Array[] = [];
  if (b.created.length > 0) out.push(encodeSeriesRecord(b.created, enc));
  const n = b.length;
  if (n > 0) {
    const refs = new Float64Array(n);
    for (let i = 0; i < n; i++) refs[i] = (b.series[i] as MemSeries).ref;
    out.push(encodeSamples({ length: n, refs, ts: b.ts, vs: b.vs }, enc));
  }
  return out;
}

export function encodeSeriesRecord(series: readonly MemSeries[], enc: Encbuf = new Encbuf()): Uint8Array {
  return encodeSeries(
    series.map((s) => ({ ref: s.ref, labels: s.labels })),
    enc,
  );
}

export function encodeTombstonesRecord(stones: readonly Stone[]): Uint8Array {
  return encodeTombstones(stones);
}

/** What truncation needs from the head. */
export interface WalTruncateTarget {
  readonly logger: { info(msg: string, f?: Readonly<Record<string, unknown>>): void; warn(msg: string, f?: Readonly<Record<string, unknown>>): void };
  readonly clock: () => number;
  readonly walExpiries: Map<number, number>;
  keepSeriesInCheckpoint(ref: number, mint: number): boolean;
}

export function truncateWal(h: WalTruncateTarget, wal: Wlog, mint: number): void {
  const start = h.clock();
  const { first } = wal.segments();
  let last = wal.nextSegment() - 1;
  // Never checkpoint the segment being written; the lower two thirds hold mostly old samples.
  last--;
  if (first < 0 || last < first) return;
  last = first + Math.trunc(((last - first) * 2) / 3);
  if (last <= first) return;
  checkpoint(wal.dir, first, last, (ref: number) => h.keepSeriesInCheckpoint(ref, mint), mint, { compress: wal.compress, logger: h.logger });
  try {
    wal.truncate(last + 1);
  } catch (e) {
    // Leftover segments are ignored once a newer checkpoint supersedes them.
    h.logger.warn('truncating segments failed', { err: String(e) });
  }
  for (const [ref, until] of h.walExpiries) if (until < mint) h.walExpiries.delete(ref);
  try {
    deleteCheckpoints(wal.dir, last);
  } catch (e) {
    h.logger.warn('delete old checkpoints', { err: String(e) });
  }
  h.logger.info('WAL checkpoint complete', { first, last, duration_ms: h.clock() - start });
}
