/**
 * Applying a committed transaction to memory (Prometheus headAppender.commitFloats): every
 * sample is re-checked against its series (an earlier sample of the same batch may have moved
 * it on), in-order samples go to the head chunk, out-of-order ones into the OOO head chunk and
 * the WBL. Rejected samples are dropped silently, as upstream does at commit time.
 */
import { SampleBatch, encodeMmapMarkers, encodeSamples } from '../wal/index.js';
import { Appendability, appendability } from './head-appender.js';
import type { AppendBatch } from './head-appender.js';
import { AppendResult } from './mem-series.js';
import type { ChunkWriter, MemSeries } from './mem-series.js';
import { OOOSeries, OOO_CAP_MAX } from './ooo-head.js';

/** What applying needs from the head. */
export interface CommitTarget {
  readonly chunkRange: number;
  readonly writeChunk: ChunkWriter;
  readonly writeOOOChunk: ChunkWriter;
  numSamplesAppended: number;
  numChunks: number;
  readonly wbl: { log(...records: Uint8Array[]): void; currentSegment(): number } | null;
  noteWblSample(seg: number, t: number): void;
  readonly logger: { warn(msg: string, fields?: Readonly<Record<string, unknown>>): void };
  updateMinMaxTime(mint: number, maxt: number): void;
  updateOOOMinMaxTime(mint: number, maxt: number): void;
}

/**
 * Collects the WBL records of one commit: OOO samples, and an mmap marker whenever a series'
 * OOO head chunk was written out. Samples seen before a marker are flushed first, so a replay
 * knows which samples the marker's chunk already holds.
 */
export class WblCollector {
  readonly records: Uint8Array[] = [];
  private readonly pending = new SampleBatch(64);

  sample(ref: number, t: number, v: number): void {
    this.pending.push(ref, t, v);
  }

  marker(ref: number, mmapRef: number): void {
    this.flush();
    this.records.push(encodeMmapMarkers([{ ref, mmapRef }]));
  }

  flush(): void {
    if (this.pending.length === 0) return;
    this.records.push(encodeSamples(this.pending));
    this.pending.reset();
  }
}

/** Inserts an out-of-order sample, writing the OOO head chunk out first if it is full. */
export function insertOOO(h: CommitTarget, s: MemSeries, t: number, v: number, wbl: WblCollector | null): boolean {
  let o = s.ooo;
  if (o === null) {
    o = new OOOSeries();
    s.ooo = o;
  }
  if (o.n >= OOO_CAP_MAX) {
    const ref = o.mmapHead(s.ref, h.writeOOOChunk);
    if (ref >= 0 && wbl !== null) wbl.marker(s.ref, ref);
  }
  const wasEmpty = o.n === 0;
  if (!o.insert(t, v)) return false;
  if (wasEmpty) h.numChunks++;
  if (wbl !== null) wbl.sample(s.ref, t, v);
  return true;
}

export function applyBatch(h: CommitTarget, b: AppendBatch): void {
  let inMint = Infinity;
  let inMaxt = -Infinity;
  let oooMint = Infinity;
  let oooMaxt = -Infinity;
  let appended = 0;
  const wbl = h.wbl !== null ? new WblCollector() : null;
  const { series, ts, vs } = b;
  for (let i = 0; i < b.length; i++) {
    const s = series[i] as MemSeries;
    const t = ts[i] as number;
    const v = vs[i] as number;
    const a = appendability(s, t, v, b.headMaxt, b.minValidTime, b.oooWindow);
    if (a === Appendability.InOrder) {
      const r = s.append(t, v, h.chunkRange, h.writeChunk);
      if (r === AppendResult.Rejected) continue;
      if (r === AppendResult.AppendedNewChunk) h.numChunks++;
      if (t < inMint) inMint = t;
      if (t > inMaxt) inMaxt = t;
      appended++;
    } else if (a === Appendability.OutOfOrder) {
      if (!insertOOO(h, s, t, v, wbl)) continue;
      if (t < oooMint) oooMint = t;
      if (t > oooMaxt) oooMaxt = t;
      appended++;
    }
  }
  h.numSamplesAppended += appended;
  if (inMaxt !== -Infinity) h.updateMinMaxTime(inMint, inMaxt);
  if (oooMaxt !== -Infinity) h.updateOOOMinMaxTime(oooMint, oooMaxt);
  if (wbl !== null && h.wbl !== null) {
    wbl.flush();
    if (wbl.records.length > 0) {
      try {
        h.wbl.log(...wbl.records);
        h.noteWblSample(h.wbl.currentSegment(), oooMaxt);
      } catch (e) {
        // The samples are in memory and in the WAL already; like upstream, this is best effort.
        h.logger.warn('Failed to log out of order samples into the WBL', { err: String(e) });
      }
    }
  }
}
