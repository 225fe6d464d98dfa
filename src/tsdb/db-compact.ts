/**
 * The DB's compaction cycle (Prometheus DB.Compact): persist the head in block-range pieces
 * while it spans more than 1.5 block ranges (truncating the head and its WAL after each), then
 * the out-of-order data older than the head, then leveled compaction of the blocks, reloading
 * the blocks after every new block.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Block } from './block/index.js';
import { rangeForTimestamp, type LeveledCompactor } from './compact/index.js';
import type { TSDBLogger } from './db-options.js';
import { MAX_TIME, MIN_TIME, RangeHead, type Head } from './head/index.js';

/** What the compaction cycle needs from the DB. */
export interface CompactionHost {
  readonly dir: string;
  readonly logger: TSDBLogger;
  readonly compactor: LeveledCompactor;
  head(): Head;
  blocks(): readonly Block[];
  /** Re-reads the block dirs, applies retention and deletions. */
  reloadBlocks(): void;
  /** Resolves when no head querier is open (or after a bounded wait). */
  waitForHeadReaders(): Promise<void>;
  isClosing(): boolean;
}

/** True when the head spans more than 1.5 block ranges (Prometheus Head.compactable). */
export function headCompactable(h: Head): boolean {
  if (!h.initialized()) return false;
  return h.maxTime() - h.minTime() > (h.chunkRange / 2) * 3;
}

function removeBlock(dir: string, ulid: string | null): void {
  if (ulid !== null) fs.rmSync(path.join(dir, ulid), { recursive: true, force: true });
}

/** Reloads after a new block; if that fails the new block is removed again. */
function reloadOrUndo(host: CompactionHost, ulid: string | null): void {
  try {
    host.reloadBlocks();
  } catch (e) {
    removeBlock(host.dir, ulid);
    throw new Error(`reload blocks: ${(e as Error).message}`, { cause: e });
  }
}

/** Writes [mint, maxt) of the head as a block and truncates the head to maxt. */
export async function compactHeadRange(host: CompactionHost, mint: number, maxt: number): Promise<void> {
  const h = host.head();
  const rh = new RangeHead(h, mint, maxt - 1);
  let ulid: string | null;
  try {
    ulid = await host.compactor.write(host.dir, rh, mint, maxt);
  } catch (e) {
    throw new Error(`persist head block: ${(e as Error).message}`, { cause: e });
  }
  reloadOrUndo(host, ulid);
  await host.waitForHeadReaders();
  h.truncate(maxt);
}

/** Persists out-of-order data older than the head's in-order data as blocks, then drops it from the head. */
async function compactOOOHead(host: CompactionHost): Promise<void> {
  const h = host.head();
  const headMint = h.minTime();
  if (h.minOOOTime >= headMint || h.minOOOTime === MAX_TIME) return;
  const range = h.chunkRange;
  const written: string[] = [];
  for (let t = Math.floor(h.minOOOTime / range) * range; t < headMint; t += range) {
    const end = Math.min(t + range, headMint);
    const ulid = await host.compactor.write(host.dir, new RangeHead(h, t, end - 1), t, end, undefined, ['from-out-of-order']);
    if (ulid !== null) written.push(ulid);
  }
  try {
    host.reloadBlocks();
  } catch (e) {
    for (const u of written) removeBlock(host.dir, u);
    throw e;
  }
  await host.waitForHeadReaders();
  h.truncateOOO(headMint);
  let minOOO = MAX_TIME;
  let maxOOO = MIN_TIME;
  for (const s of h.byRef.values()) {
    if (s.ooo === null) continue;
    const r = s.ooo.timeRange();
    if (r === null) continue;
    minOOO = Math.min(minOOO, r.mint);
    maxOOO = Math.max(maxOOO, r.maxt);
  }
  h.minOOOTime = minOOO;
  h.maxOOOTime = maxOOO;
}

/** Leveled/vertical compaction of the loaded blocks until the plan is empty. */
async function compactBlocks(host: CompactionHost): Promise<void> {
  for (;;) {
    if (host.isClosing()) return;
    if (headCompactable(host.head())) {
      host.logger.warn('aborting block compactions to persist the head block');
      return;
    }
    const plan = host.compactor.planMetas(host.blocks().map((b) => ({ dir: b.dir, meta: b.meta() })));
    if (plan.length === 0) return;
    let ulid: string | null;
    try {
      ulid = await host.compactor.compact(host.dir, plan, host.blocks());
    } catch (e) {
      throw new Error(`compact ${JSON.stringify(plan)}: ${(e as Error).message}`, { cause: e });
    }
    reloadOrUndo(host, ulid);
  }
}

/** One full compaction cycle. */
export async function compactDB(host: CompactionHost): Promise<void> {
  let compactedHead = false;
  while (!host.isClosing()) {
    const h = host.head();
    if (!headCompactable(h)) break;
    const mint = h.minTime();
    const maxt = rangeForTimestamp(mint, h.chunkRange);
    await compactHeadRange(host, mint, maxt);
    compactedHead = true;
    if (h.minTime() <= mint) break; // no progress; never loop forever
  }
  if (compactedHead && !host.isClosing()) await compactOOOHead(host);
  await compactBlocks(host);
}
