/**
 * Reads every sample of a BlockReader through its index and chunk readers, without a querier
 * (tombstones not applied). For tests and debugging of the head's reader side.
 */
import { Labels } from '../../model/labels/index.js';
import { ValueType } from '../../storage/index.js';
import type { BlockReader } from '../block/index.js';
import type { ChunkMeta } from '../chunks/index.js';
import { ALL_POSTINGS_KEY } from '../index/index.js';

export interface DumpedSeries {
  labels: Labels;
  ts: number[];
  vs: number[];
  chunks: number;
}

/** Every series (sorted by labels) with its samples in [mint, maxt]. */
export function dumpBlock(b: BlockReader, mint: number, maxt: number): DumpedSeries[] {
  const ir = b.index();
  const cr = b.chunks();
  const p = ir.sortedPostings(ir.postings(ALL_POSTINGS_KEY.name, ALL_POSTINGS_KEY.value));
  const out: DumpedSeries[] = [];
  const scratch: { labels: Labels; chunks: ChunkMeta[] } = { labels: Labels.EMPTY, chunks: [] };
  while (p.next()) {
    if (!ir.series(p.at(), scratch)) continue;
    const d: DumpedSeries = { labels: scratch.labels, ts: [], vs: [], chunks: 0 };
    for (const meta of scratch.chunks) {
      if (meta.maxTime < mint || meta.minTime > maxt) continue;
      d.chunks++;
      const it = cr.chunk(meta).iterator();
      while (it.next() !== ValueType.None) {
        const t = it.atT();
        if (t < mint || t > maxt || t > meta.maxTime) continue;
        d.ts.push(t);
        d.vs.push(it.atF());
      }
      const e = it.err();
      if (e) throw e;
    }
    out.push(d);
  }
  const e = p.err();
  if (e) throw e;
  return out;
}
