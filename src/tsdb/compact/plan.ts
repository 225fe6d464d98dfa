/**
 * Compaction planning (Prometheus LeveledCompactor.plan): overlapping blocks first, then
 * leveled compaction of blocks filling a larger aligned range (the newest block is left alone
 * so it can be backed up), then blocks with many tombstones.
 */
import type { BlockMetaJSON } from '../block/index.js';

export interface DirMeta {
  dir: string;
  meta: BlockMetaJSON;
}

/**
 * Groups blocks by aligned ranges of width tr; blocks not fitting one range are skipped.
 * Input sorted by minTime. E.g. [0-10, 10-20, 50-60, 90-100] with tr 30 gives
 * [0-10, 10-20], [50-60], [90-100].
 */
export function splitByRange(ds: readonly DirMeta[], tr: number): DirMeta[][] {
  const out: DirMeta[][] = [];
  let i = 0;
  while (i < ds.length) {
    const m = (ds[i] as DirMeta).meta;
    const t0 = Math.floor(m.minTime / tr) * tr;
    if (m.maxTime > t0 + tr) {
      i++;
      continue;
    }
    const group: DirMeta[] = [];
    for (; i < ds.length; i++) {
      if ((ds[i] as DirMeta).meta.maxTime > t0 + tr) break;
      group.push(ds[i] as DirMeta);
    }
    if (group.length > 0) out.push(group);
  }
  return out;
}

/** The blocks that overlap, in input order (input sorted by minTime); empty when none do. */
export function selectOverlappingDirs(ds: readonly DirMeta[]): string[] {
  if (ds.length < 2) return [];
  const out: string[] = [];
  let globalMaxt = (ds[0] as DirMeta).meta.maxTime;
  for (let i = 1; i < ds.length; i++) {
    const d = ds[i] as DirMeta;
    if (d.meta.minTime < globalMaxt) {
      if (out.length === 0) out.push((ds[i - 1] as DirMeta).dir);
      out.push(d.dir);
    } else if (out.length > 0) {
      break;
    }
    if (d.meta.maxTime > globalMaxt) globalMaxt = d.meta.maxTime;
  }
  return out;
}

/** The blocks to merge into one block of a larger range, or [] (ranges[1..] are tried in order). */
export function selectDirs(ranges: readonly number[], ds: readonly DirMeta[]): DirMeta[] {
  if (ranges.length < 2 || ds.length < 1) return [];
  const highTime = (ds[ds.length - 1] as DirMeta).meta.minTime;
  for (const iv of ranges.slice(1)) {
    for (const p of splitByRange(ds, iv)) {
      if (p.some((dm) => dm.meta.compaction.failed === true)) continue;
      const mint = (p[0] as DirMeta).meta.minTime;
      const maxt = (p[p.length - 1] as DirMeta).meta.maxTime;
      // A full range (maybe with gaps), or one before the newest block.
      if ((maxt - mint === iv || maxt <= highTime) && p.length > 1) return p;
    }
  }
  return [];
}

/** The block dirs to compact together next, or [] when there is nothing to do. */
export function planCompaction(ranges: readonly number[], input: readonly DirMeta[]): string[] {
  if (input.length === 0) return [];
  const dms = [...input].sort((a, b) => a.meta.minTime - b.meta.minTime);
  const overlapping = selectOverlappingDirs(dms);
  if (overlapping.length > 0) return overlapping;
  // Leave the newest block (just cut from the head) out of leveled compaction.
  const older = dms.slice(0, dms.length - 1);
  const selected = selectDirs(ranges, older);
  if (selected.length > 0) return selected.map((d) => d.dir);
  // Blocks of a big enough range with more than 5% tombstones are rewritten alone.
  const mid = ranges[Math.floor(ranges.length / 2)] as number;
  for (let i = older.length - 1; i >= 0; i--) {
    const { meta, dir } = older[i] as DirMeta;
    const stones = meta.stats?.numTombstones ?? 0;
    const series = meta.stats?.numSeries ?? 0;
    if (meta.maxTime - meta.minTime < mid) {
      // An entirely deleted block is worth rewriting whatever its size.
      if (stones > 0 && stones >= series) return [dir];
      break;
    }
    if (stones / (series + 1) > 0.05) return [dir];
  }
  return [];
}
