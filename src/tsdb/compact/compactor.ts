/**
 * The leveled compactor (Prometheus LeveledCompactor): plans which blocks of a data directory to
 * merge, merges blocks into one (meta.json: level = max level + 1, sources = union, parents =
 * the merged blocks), and writes a block from any BlockReader (the head's range: level 1).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BlockMetaJSON, BlockReader } from '../block/index.js';
import { Block, isULID, newULID, readMetaFile, writeBlock, writeMetaFile } from '../block/index.js';
import { planCompaction, type DirMeta } from './plan.js';
import { populateSeries, readersOverlap } from './populate.js';

/** What the compactor reports to. */
export interface CompactorLogger {
  info(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(msg: string, fields?: Readonly<Record<string, unknown>>): void;
}

const nopLogger: CompactorLogger = { info: () => {}, warn: () => {} };

export interface LeveledCompactorOptions {
  /** Block ranges in ms, smallest first (see compactionRanges). */
  ranges: number[];
  logger?: CompactorLogger;
  /** Chunk segment file size of written blocks (default 512 MiB). */
  segmentSize?: number;
}

/** The compaction part of a merged block's meta (Prometheus CompactBlockMetas). */
export interface CompactedMeta {
  minTime: number;
  maxTime: number;
  level: number;
  sources: string[];
  parents: { ulid: string; minTime: number; maxTime: number }[];
  hints: string[];
}

const FROM_OUT_OF_ORDER = 'from-out-of-order';

/** Merges metas: range covering all, max level + 1, union of sources (sorted), parents in order. */
export function compactBlockMetas(metas: readonly BlockMetaJSON[]): CompactedMeta {
  const first = metas[0];
  if (first === undefined) throw new Error('cannot compact zero blocks');
  let mint = first.minTime;
  let maxt = first.maxTime;
  let level = 0;
  let allOOO = true;
  const sources = new Set<string>();
  const parents: CompactedMeta['parents'] = [];
  for (const m of metas) {
    mint = Math.min(mint, m.minTime);
    maxt = Math.max(maxt, m.maxTime);
    level = Math.max(level, m.compaction.level);
    for (const s of m.compaction.sources ?? [m.ulid]) sources.add(s);
    if (!(m.compaction.hints ?? []).includes(FROM_OUT_OF_ORDER)) allOOO = false;
    parents.push({ ulid: m.ulid, minTime: m.minTime, maxTime: m.maxTime });
  }
  return {
    minTime: mint,
    maxTime: maxt,
    level: level + 1,
    sources: [...sources].sort(),
    parents,
    hints: allOOO ? [FROM_OUT_OF_ORDER] : [],
  };
}

/** The block directories (ULID-named) directly under dir, sorted by name. */
export function blockDirs(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return entries
    .filter((e) => e.isDirectory() && isULID(e.name) && e.name.length === 26)
    .map((e) => path.join(dir, e.name))
    .sort();
}

export class LeveledCompactor {
  readonly ranges: readonly number[];
  private readonly logger: CompactorLogger;
  private readonly segmentSize: number | undefined;

  constructor(opts: LeveledCompactorOptions) {
    if (opts.ranges.length === 0) throw new Error('at least one range must be provided');
    this.ranges = [...opts.ranges];
    this.logger = opts.logger ?? nopLogger;
    this.segmentSize = opts.segmentSize;
  }

  /** The block dirs of dir to compact together next ([] if none). Unreadable metas throw. */
  plan(dir: string): string[] {
    const dms: DirMeta[] = blockDirs(dir).map((d) => ({ dir: d, meta: readMetaFile(d).meta }));
    return this.planMetas(dms);
  }

  planMetas(dms: readonly DirMeta[]): string[] {
    return planCompaction(this.ranges, dms);
  }

  /**
   * Merges the blocks in dirs into a new block in dest; returns its ULID, or null when the
   * result has no samples (then the source blocks are marked deletable). Already open blocks
   * are reused. On failure the source blocks are marked as failed compactions.
   */
  async compact(dest: string, dirs: readonly string[], open: readonly Block[] = []): Promise<string | null> {
    const start = Date.now();
    const blocks: Block[] = [];
    const opened: Block[] = [];
    try {
      for (const d of dirs) {
        const { meta } = readMetaFile(d);
        let b = open.find((o) => o.meta().ulid === meta.ulid);
        if (b === undefined) {
          b = Block.open(d);
          opened.push(b);
        }
        blocks.push(b);
      }
      blocks.sort((a, b) => a.meta().minTime - b.meta().minTime);
      const metas = blocks.map((b) => b.meta());
      const cm = compactBlockMetas(metas);
      if (readersOverlap(metas)) this.logger.info('Found overlapping blocks during compaction', { count: blocks.length });
      let ulid: string | null;
      try {
        ulid = await this.writeFrom(dest, blocks, cm);
      } catch (e) {
        for (const b of blocks) {
          try {
            b.setCompactionFailed();
          } catch (e2) {
            this.logger.warn('Setting compaction failed for block failed', { block: b.dir, err: String(e2) });
          }
        }
        throw e;
      }
      const sources = metas.map((m) => m.ulid);
      if (ulid === null) {
        for (const b of blocks) markDeletable(b.dir);
        this.logger.info('compact blocks resulted in empty block', { count: blocks.length, sources, duration_ms: Date.now() - start });
        return null;
      }
      this.logger.info('compact blocks', { count: blocks.length, mint: cm.minTime, maxt: cm.maxTime, ulid, sources, duration_ms: Date.now() - start });
      return ulid;
    } finally {
      for (const b of opened) b.close();
    }
  }

  /**
   * Writes the data of reader in [mint, maxt) (maxt exclusive, as meta.json) as a level-1 block
   * into dest; returns the ULID or null when there are no samples in the range. base (the block
   * being rewritten, e.g. to clean tombstones) becomes the parent; extraHints go to meta.json.
   */
  async write(dest: string, reader: BlockReader, mint: number, maxt: number, base?: BlockMetaJSON, extraHints: readonly string[] = []): Promise<string | null> {
    const start = Date.now();
    const ulid = newULID();
    this.logger.info('write block started', { mint, maxt, ulid });
    const hints = new Set(extraHints);
    if (base !== undefined && (base.compaction.hints ?? []).includes(FROM_OUT_OF_ORDER)) hints.add(FROM_OUT_OF_ORDER);
    const cm: CompactedMeta = {
      minTime: mint,
      maxTime: maxt,
      level: 1,
      sources: [ulid],
      parents: base !== undefined ? [{ ulid: base.ulid, minTime: base.minTime, maxTime: base.maxTime }] : [],
      hints: [...hints],
    };
    const out = await this.writeFrom(dest, [reader], cm, ulid);
    if (out === null) {
      this.logger.info('write block resulted in empty block', { mint, maxt, duration_ms: Date.now() - start });
      return null;
    }
    this.logger.info('write block completed', { mint, maxt, ulid, duration_ms: Date.now() - start });
    return out;
  }

  private async writeFrom(dest: string, readers: readonly BlockReader[], cm: CompactedMeta, ulid: string = newULID()): Promise<string | null> {
    // Block ranges are half-open [minTime, maxTime): samples at maxTime belong to the next block.
    const series = populateSeries(readers, cm.minTime, cm.maxTime - 1);
    return writeBlock(dest, series, {
      ulid,
      minTime: cm.minTime,
      maxTime: cm.maxTime,
      level: cm.level,
      sources: cm.sources,
      parents: cm.parents,
      hints: cm.hints,
      ...(this.segmentSize !== undefined ? { segmentSize: this.segmentSize } : {}),
    });
  }
}

/** Sets compaction.deletable in a block's meta.json (the next reload deletes the block). */
export function markDeletable(dir: string): void {
  const { meta } = readMetaFile(dir);
  writeMetaFile(dir, { ...meta, compaction: { ...meta.compaction, deletable: true } });
}
