/**
 * The TSDB (Prometheus tsdb.DB): a data directory of persisted blocks plus the head (recent
 * data, WAL-backed), behind the storage seam. Queries merge the blocks and the head; appends go
 * to the head; a background loop compacts the head into blocks, merges blocks, and applies
 * retention. A corrupt block is moved aside (never fatal); a read-only open takes no lock and
 * writes nothing (the head is replayed from a copy of the WAL in a sandbox directory).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Matcher } from '../model/labels/index.js';
import type { Appender, Querier, Storage } from '../storage/index.js';
import { StorageError } from '../storage/index.js';
import { Block, isULID, mergeQueriers } from './block/index.js';
import type { BlockMetaJSON } from './block/index.js';
import { LeveledCompactor, markDeletable } from './compact/index.js';
import { compactDB, headCompactable, type CompactionHost } from './db-compact.js';
import {
  deletableBlocks,
  deleteBlockDir,
  dirSize,
  moveAside,
  openBlocks,
  overlapDescription,
  removeTmpDirs,
} from './db-blocks.js';
import { DirLock } from './db-lock.js';
import { resolveDBOptions, type DBOptions, type ResolvedDBOptions, type TSDBLogger } from './db-options.js';
import { Head, MIN_TIME, RangeHead, type HeadStats } from './head/index.js';
import { snapshotBlock } from './db-snapshot.js';

const HEAD_READER_WAIT_MS = 30_000;

/** The DB was closed, or is read-only and was asked to write. */
export class DBError extends StorageError {
  override name = 'DBError';
}

export interface DBStats {
  head: HeadStats;
  /** Metas of the loaded blocks, oldest first. */
  blocks: BlockMetaJSON[];
  /** Bytes of the loaded blocks. */
  blocksBytes: number;
  /** Bytes of the head on disk (WAL, WBL, chunks_head). */
  headBytes: number;
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class DB implements Storage, CompactionHost {
  readonly compactor: LeveledCompactor;
  readonly logger: TSDBLogger;
  private loaded: Block[] = [];
  private theHead!: Head;
  /** Blocks deleted while queriers still read them: closed and removed once unused. */
  private retiring: Block[] = [];
  private headReaders = 0;
  private timer: NodeJS.Timeout | null = null;
  /** The exclusive operation in progress (settles without throwing). */
  private running: Promise<void> | null = null;
  private closing = false;
  private backoff = 0;
  private sandbox: string | null = null;

  private constructor(
    readonly dir: string,
    readonly opts: ResolvedDBOptions,
    private readonly lock: DirLock | null,
  ) {
    this.logger = opts.logger;
    this.compactor = new LeveledCompactor({ ranges: opts.ranges, logger: opts.logger });
  }

  /** Opens (creating if needed) the data directory dir. */
  static async open(dir: string, options: DBOptions = {}): Promise<DB> {
    const opts = resolveDBOptions(options);
    if (opts.readOnly) {
      if (!fs.existsSync(dir)) throw new DBError(`open DB in read-only mode: ${dir}: no such file or directory`);
    } else {
      fs.mkdirSync(dir, { recursive: true });
    }
    const lock = opts.readOnly || opts.noLockfile ? null : DirLock.acquire(dir, opts.logger);
    const db = new DB(dir, opts, lock);
    try {
      if (!opts.readOnly) removeTmpDirs(dir, opts.logger);
      db.reloadBlocks();
      db.theHead = db.openHead();
    } catch (e) {
      db.closeBlocks();
      lock?.release();
      db.removeSandbox();
      throw e;
    }
    if (!opts.readOnly && opts.compactionInterval > 0) db.schedule(opts.compactionInterval);
    return db;
  }

  private openHead(): Head {
    const o = this.opts;
    let headDir = this.dir;
    if (o.readOnly) {
      const root = o.sandboxDir ?? os.tmpdir();
      fs.mkdirSync(root, { recursive: true });
      this.sandbox = fs.mkdtempSync(path.join(root, 'vigil-tsdb-readonly-'));
      for (const sub of ['wal', 'wbl', 'chunks_head']) {
        const src = path.join(this.dir, sub);
        if (fs.existsSync(src)) fs.cpSync(src, path.join(this.sandbox, sub), { recursive: true });
      }
      headDir = this.sandbox;
    }
    return Head.open({
      dir: headDir,
      chunkRange: o.ranges[0] as number,
      outOfOrderTimeWindow: o.outOfOrderTimeWindow,
      minValidTime: this.inOrderBlocksMaxTime(),
      logger: o.logger,
      clock: o.clock,
      walCompression: o.walCompression,
      ...(o.walSegmentSize !== undefined ? { walSegmentSize: o.walSegmentSize } : {}),
    });
  }

  /** The newest end of the blocks not made only of out-of-order data (MIN_TIME if none). */
  private inOrderBlocksMaxTime(): number {
    let maxt = MIN_TIME;
    for (const b of this.loaded) {
      if ((b.meta().compaction.hints ?? []).includes('from-out-of-order')) continue;
      maxt = Math.max(maxt, b.meta().maxTime);
    }
    return maxt;
  }

  // --- storage seam ---------------------------------------------------------------------------

  /** A querier over [mint, maxt] (inclusive, ms) merging the overlapping blocks and the head. */
  querier(mint: number, maxt: number): Querier {
    this.checkOpen();
    const qs: Querier[] = [];
    const h = this.theHead;
    if (h.initialized() && maxt >= h.queryMinTime()) {
      const q = h.querier(mint, maxt);
      this.headReaders++;
      let open = true;
      qs.push({
        select: (sorted, hints, ...ms) => q.select(sorted, hints, ...ms),
        labelValues: (name, hints, ...ms) => q.labelValues(name, hints, ...ms),
        labelNames: (hints, ...ms) => q.labelNames(hints, ...ms),
        close: () => {
          if (!open) return;
          open = false;
          this.headReaders--;
          q.close();
        },
      });
    }
    for (const b of this.loaded) if (b.overlapsClosedInterval(mint, maxt)) qs.push(b.querier(mint, maxt));
    return mergeQueriers(qs);
  }

  /** An appender into the head; a commit that makes the head compactable triggers compaction. */
  appender(): Appender {
    this.checkOpen();
    if (this.opts.readOnly) throw new DBError('cannot append to a read-only DB');
    const app = this.theHead.appender();
    return {
      append: (ref, l, t, v) => app.append(ref, l, t, v),
      appendHistogram: (ref, l, t, fh) => app.appendHistogram(ref, l, t, fh),
      commit: async () => {
        await app.commit();
        if (headCompactable(this.theHead) && this.running === null && this.timer !== null) this.schedule(0);
      },
      rollback: () => app.rollback(),
    };
  }

  /** Changes the out-of-order time window (config reload, as upstream ApplyConfig). */
  setOutOfOrderTimeWindow(ms: number): void {
    this.checkOpen();
    if (this.opts.readOnly) return;
    this.theHead.setOutOfOrderTimeWindow(Math.max(0, ms));
  }

  // --- blocks -------------------------------------------------------------------------------

  head(): Head {
    return this.theHead;
  }

  blocks(): readonly Block[] {
    return this.loaded;
  }

  blockMetas(): BlockMetaJSON[] {
    return this.loaded.map((b) => b.meta());
  }

  /** Bytes of the head on disk: WAL, WBL and chunks_head (counted by size retention). */
  headSize(): number {
    return ['wal', 'wbl', 'chunks_head'].reduce((n, d) => n + dirSize(path.join(this.dir, d)), 0);
  }

  stats(): DBStats {
    this.checkOpen();
    return {
      head: this.theHead.stats(),
      blocks: this.blockMetas(),
      blocksBytes: this.loaded.reduce((n, b) => n + b.size(), 0),
      headBytes: this.headSize(),
    };
  }

  /**
   * Re-reads the block directories: opens new blocks, moves corrupt ones aside, deletes blocks
   * replaced by compaction or beyond retention (blocks still being read are deleted later).
   */
  reloadBlocks(): void {
    // Retiring blocks (deleted, still read by queriers) are reused, not reopened, and stay out.
    const retiring = new Set(this.retiring.map((b) => b.ulid()));
    const opened = openBlocks(this.dir, [...this.loaded, ...this.retiring], this.logger);
    const blocks = opened.blocks.filter((b) => !retiring.has(b.ulid()));
    const corrupted = opened.corrupted;
    const parents = new Set<string>();
    for (const b of blocks) for (const p of b.meta().compaction.parents ?? []) parents.add(p.ulid);
    for (const [ulid, err] of corrupted) this.handleCorrupted(ulid, err, parents.has(ulid));
    if (this.opts.readOnly) {
      this.loaded = blocks;
      return;
    }
    const headBytes = this.opts.retentionSize > 0 ? this.headSize() : 0;
    const del = deletableBlocks(blocks, { retentionTime: this.opts.retentionTime, retentionSize: this.opts.retentionSize, headSize: headBytes }, this.logger);
    const old = this.loaded;
    this.loaded = blocks.filter((b) => !del.has(b.ulid()));
    const overlaps = overlapDescription(this.loaded);
    if (overlaps !== '') this.logger.warn('Overlapping blocks found during reloadBlocks', { detail: overlaps });
    const byUlid = new Map<string, Block>();
    for (const b of [...old, ...blocks, ...this.retiring]) byUlid.set(b.ulid(), b);
    // A loaded block whose directory vanished is retired too (closed once unread).
    const present = new Set(blocks.map((b) => b.ulid()));
    for (const b of old) if (!present.has(b.ulid()) && !retiring.has(b.ulid())) this.retiring.push(b);
    for (const ulid of del) {
      const b = byUlid.get(ulid);
      if (b !== undefined) {
        if (!retiring.has(ulid)) this.retiring.push(b);
      } else if (deleteBlockDir(this.dir, ulid)) this.logger.info('Deleting obsolete block', { block: ulid });
    }
    this.retireUnused();
  }

  private handleCorrupted(ulid: string, err: Error, replaced: boolean): void {
    if (this.opts.readOnly) {
      this.logger.error('Skipping corrupted block (read-only: left in place)', { block: ulid, err: err.message });
      return;
    }
    const dir = path.join(this.dir, ulid);
    try {
      if (replaced) {
        deleteBlockDir(this.dir, ulid);
        this.logger.warn('Found corrupted block, but replaced by compacted one so it is safe to delete', { block: ulid, err: err.message });
        return;
      }
      const to = moveAside(dir);
      this.logger.error('Corrupted block moved aside; the DB continues without it', { block: ulid, moved_to: to, err: err.message });
    } catch (e) {
      this.logger.error('Corrupted block could not be moved aside', { block: ulid, dir, err: errMessage(e), cause: err.message });
    }
  }

  /** Closes and deletes retired blocks that no querier reads any more. */
  private retireUnused(force = false): void {
    const still: Block[] = [];
    for (const b of this.retiring) {
      if (b.pending() > 0 && !force) {
        still.push(b);
        continue;
      }
      b.close();
      try {
        if (deleteBlockDir(this.dir, b.ulid())) this.logger.info('Deleting obsolete block', { block: b.ulid() });
      } catch (e) {
        this.logger.warn('Deleting obsolete block failed', { block: b.ulid(), err: errMessage(e) });
      }
    }
    this.retiring = still;
  }

  private closeBlocks(): void {
    for (const b of this.loaded) b.close();
    this.loaded = [];
  }

  // --- compaction ---------------------------------------------------------------------------

  isClosing(): boolean {
    return this.closing;
  }

  async waitForHeadReaders(): Promise<void> {
    const deadline = Date.now() + HEAD_READER_WAIT_MS;
    while (this.headReaders > 0 && Date.now() < deadline && !this.closing) await new Promise((r) => setTimeout(r, 5));
    if (this.headReaders > 0) this.logger.warn('Truncating the head while queriers are still open', { open: this.headReaders });
  }

  /** Runs a compaction cycle now (serialised with the background loop). */
  async compact(): Promise<void> {
    this.checkOpen();
    if (this.opts.readOnly) throw new DBError('cannot compact a read-only DB');
    await this.exclusive(() => compactDB(this));
  }

  /** Runs fn while nothing else changes the blocks (compaction, deletion, tombstone cleaning). */
  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    await this.idle();
    const run = fn();
    const mine = run.then(
      () => undefined,
      () => undefined,
    );
    this.running = mine;
    try {
      return await run;
    } finally {
      if (this.running === mine) this.running = null;
    }
  }

  /** Waits until no compaction (or tombstone cleaning) runs; their errors are the runner's. */
  private async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  private schedule(delay: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delay);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.closing) return;
    try {
      this.reloadBlocks();
      await this.compact();
      this.backoff = 0;
    } catch (e) {
      this.logger.error('compaction failed', { err: errMessage(e) });
      this.backoff = Math.min(Math.max(this.backoff * 2, 1000), 60_000);
    }
    if (!this.closing) this.schedule(this.opts.compactionInterval + this.backoff);
  }

  // --- deletion, snapshots ------------------------------------------------------------------

  /** Deletes [mint, maxt] of the series matching all matchers (tombstones in blocks and head). */
  async deleteSeries(mint: number, maxt: number, ...matchers: Matcher[]): Promise<void> {
    this.checkOpen();
    if (this.opts.readOnly) throw new DBError('cannot delete from a read-only DB');
    await this.exclusive(async () => {
      for (const b of this.loaded) if (b.overlapsClosedInterval(mint, maxt)) b.delete(mint, maxt, ...matchers);
      const h = this.theHead;
      if (h.initialized() && mint <= h.queryMaxTime() && maxt >= h.queryMinTime()) h.delete(mint, maxt, ...matchers);
    });
  }

  /** Rewrites every block that has tombstones without the deleted data. */
  async cleanTombstones(): Promise<void> {
    this.checkOpen();
    if (this.opts.readOnly) throw new DBError('cannot clean tombstones of a read-only DB');
    await this.exclusive(() => this.cleanTombstonesNow());
  }

  private async cleanTombstonesNow(): Promise<void> {
    for (let again = true; again; ) {
      again = false;
      for (const b of this.loaded) {
        if (b.tombstones().total() === 0) continue;
        const m = b.meta();
        const ulid = await this.compactor.write(this.dir, b, m.minTime, m.maxTime, m);
        markDeletable(b.dir);
        try {
          this.reloadBlocks();
        } catch (e) {
          if (ulid !== null) fs.rmSync(path.join(this.dir, ulid), { recursive: true, force: true });
          throw e;
        }
        again = true;
        break;
      }
    }
  }

  /** Writes the blocks (hard links) and, withHead, the head as a block into dir. */
  async snapshot(dir: string, withHead: boolean): Promise<void> {
    this.checkOpen();
    if (path.resolve(dir) === path.resolve(this.dir)) throw new DBError('cannot snapshot into base directory');
    if (isULID(path.basename(dir))) throw new DBError('dir must not be a valid ULID');
    fs.mkdirSync(dir, { recursive: true });
    for (const b of this.loaded) {
      this.logger.info('Snapshotting block', { block: b.ulid() });
      try {
        snapshotBlock(b.dir, dir);
      } catch (e) {
        throw new DBError(`error snapshotting block: ${b.dir}: ${errMessage(e)}`, { cause: e });
      }
    }
    const h = this.theHead;
    if (!withHead || !h.initialized()) return;
    const mint = h.queryMinTime();
    const maxt = h.queryMaxTime();
    try {
      await this.compactor.write(dir, new RangeHead(h, mint, maxt), mint, maxt + 1);
    } catch (e) {
      throw new DBError(`snapshot head block: ${errMessage(e)}`, { cause: e });
    }
  }

  // --- lifecycle ----------------------------------------------------------------------------

  private checkOpen(): void {
    if (this.closing) throw new DBError('DB is closed');
  }

  /** Stops compaction, closes blocks and the head (its WAL), releases the lock. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
    this.retireUnused(true);
    this.closeBlocks();
    this.theHead.close();
    this.lock?.release();
    this.removeSandbox();
  }

  private removeSandbox(): void {
    if (this.sandbox === null) return;
    fs.rmSync(this.sandbox, { recursive: true, force: true });
    this.sandbox = null;
  }
}
