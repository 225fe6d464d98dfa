/**
 * A persisted block directory opened for reading (Prometheus tsdb.Block): meta.json, index,
 * chunks/ and tombstones, plus deletion of series ranges via a new tombstones file.
 */
import * as path from 'node:path';
import { Labels, type Matcher } from '../../model/labels/index.js';
import type { Querier } from '../../storage/index.js';
import { ChunkDirReader, type ChunkMeta } from '../chunks/index.js';
import { IndexFileReader, postingsForMatchers } from '../index/index.js';
import { MemTombstones, readTombstones, writeTombstones } from '../tombstones/index.js';
import type { BlockMetaJSON, BlockReader } from './block-reader.js';
import { BlockError } from './errors.js';
import { readMetaFile, writeMetaFile } from './meta.js';
import { blockQuerier } from './querier.js';

export const INDEX_FILENAME = 'index';
export const CHUNKS_DIRNAME = 'chunks';

export class Block implements BlockReader {
  private pendingReaders = 0;
  private closed = false;

  private constructor(
    readonly dir: string,
    private blockMeta: BlockMetaJSON,
    private readonly ir: IndexFileReader,
    private readonly cr: ChunkDirReader,
    private stones: MemTombstones,
    private readonly sizes: { meta: number; tombstones: number },
  ) {}

  /** Opens the block in dir; any unreadable part throws a BlockError naming the file (cause kept). */
  static open(dir: string): Block {
    const closers: { close(): void }[] = [];
    try {
      const { meta, size: metaSize } = readMetaFile(dir);
      const cr = new ChunkDirReader(path.join(dir, CHUNKS_DIRNAME));
      closers.push(cr);
      const ir = IndexFileReader.open(path.join(dir, INDEX_FILENAME));
      closers.push(ir);
      const { reader, size } = readTombstones(dir);
      return new Block(dir, meta, ir, cr, reader, { meta: metaSize, tombstones: size });
    } catch (e) {
      for (const c of closers) c.close();
      if (e instanceof BlockError) throw e;
      throw new BlockError(dir, `open block: ${(e as Error).message}`, { cause: e });
    }
  }

  index(): IndexFileReader {
    return this.ir;
  }

  chunks(): ChunkDirReader {
    return this.cr;
  }

  tombstones(): MemTombstones {
    return this.stones;
  }

  meta(): BlockMetaJSON {
    return this.blockMeta;
  }

  minTime(): number {
    return this.blockMeta.minTime;
  }

  /** Inclusive max time: meta.json's maxTime is exclusive. */
  maxTime(): number {
    return this.blockMeta.maxTime - 1;
  }

  ulid(): string {
    return this.blockMeta.ulid;
  }

  /** Bytes on disk (index + chunks + tombstones + meta). */
  size(): number {
    return this.ir.size() + this.cr.size() + this.sizes.tombstones + this.sizes.meta;
  }

  /** True if the block's half-open range [minTime, maxTime) overlaps the closed [mint, maxt]. */
  overlapsClosedInterval(mint: number, maxt: number): boolean {
    return this.blockMeta.minTime <= maxt && mint < this.blockMeta.maxTime;
  }

  /** A querier over [mint, maxt]; the block counts it as a pending reader until closed. */
  querier(mint: number, maxt: number): Querier {
    if (this.closed) throw new BlockError(this.dir, 'block is closing');
    this.pendingReaders++;
    return blockQuerier(this, mint, maxt, () => {
      this.pendingReaders--;
    });
  }

  /** Number of queriers not yet closed. */
  pending(): number {
    return this.pendingReaders;
  }

  /**
   * Marks [mint, maxt] deleted for the series matching matchers: writes a new tombstones file
   * (merged with the existing tombstones) and meta.json with the new tombstone count.
   */
  delete(mint: number, maxt: number, ...matchers: Matcher[]): void {
    if (this.closed) throw new BlockError(this.dir, 'block is closing');
    const p = postingsForMatchers(this.ir, ...matchers);
    const stones = new MemTombstones();
    const buf = { labels: Labels.EMPTY, chunks: [] as ChunkMeta[] };
    while (p.next()) {
      if (!this.ir.series(p.at(), buf)) continue;
      const chks = buf.chunks;
      if (!chks.some((c) => c.minTime <= maxt && mint <= c.maxTime)) continue;
      const lo = Math.max(mint, (chks[0] as ChunkMeta).minTime);
      const hi = Math.min(maxt, (chks[chks.length - 1] as ChunkMeta).maxTime);
      stones.addInterval(p.at(), { mint: lo, maxt: hi });
    }
    const e = p.err();
    if (e) throw e;
    this.stones.forEach((ref, ivs) => stones.addInterval(ref, ...ivs));
    this.sizes.tombstones = writeTombstones(this.dir, stones);
    this.stones = stones;
    const stats = { ...(this.blockMeta.stats ?? {}), numTombstones: stones.total() };
    this.blockMeta = { ...this.blockMeta, stats };
    this.sizes.meta = writeMetaFile(this.dir, this.blockMeta);
  }

  /** Records in meta.json that compacting this block failed (upstream setCompactionFailed). */
  setCompactionFailed(): void {
    this.blockMeta = { ...this.blockMeta, compaction: { ...this.blockMeta.compaction, failed: true } };
    this.sizes.meta = writeMetaFile(this.dir, this.blockMeta);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ir.close();
    this.cr.close();
    this.stones.close();
  }
}
