/**
 * The DB's persisted blocks: opening the block directories (a corrupt block is logged with the
 * file at fault and moved aside, never fatal), picking the blocks to delete (replaced by a
 * compacted block, marked deletable, or beyond time/size retention), deleting them atomically,
 * and the directory housekeeping done at open.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Block, isTmpBlockDir, readMetaFile, TMP_FOR_DELETION_SUFFIX } from './block/index.js';
import type { BlockMetaJSON } from './block/index.js';
import { blockDirs } from './compact/index.js';
import type { TSDBLogger } from './db-options.js';

/** Suffix of a block directory moved aside because it could not be opened. */
export const CORRUPTED_SUFFIX = '.corrupted';

export interface LoadResult {
  /** Open blocks, sorted by minTime. */
  blocks: Block[];
  /** ULIDs of blocks that could not be opened (moved aside unless read-only). */
  corrupted: Map<string, Error>;
}

function errMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Moves a block dir aside as <dir>.corrupted (or .corrupted.N); returns the new path. */
export function moveAside(dir: string): string {
  let target = dir + CORRUPTED_SUFFIX;
  for (let i = 1; fs.existsSync(target); i++) target = `${dir}${CORRUPTED_SUFFIX}.${i}`;
  fs.renameSync(dir, target);
  return target;
}

/**
 * Opens the block dirs of dir, reusing loaded blocks by ULID. A block that fails to open is
 * reported in corrupted (keyed by its directory name) and logged; the caller decides what to do.
 */
export function openBlocks(dir: string, loaded: readonly Block[], logger: TSDBLogger): LoadResult {
  const blocks: Block[] = [];
  const corrupted = new Map<string, Error>();
  for (const bdir of blockDirs(dir)) {
    const name = path.basename(bdir);
    const have = loaded.find((b) => b.dir === bdir || b.ulid() === name);
    if (have !== undefined) {
      blocks.push(have);
      continue;
    }
    try {
      blocks.push(Block.open(bdir));
    } catch (e) {
      corrupted.set(name, e instanceof Error ? e : new Error(String(e)));
      logger.error('Failed to open block', { block: name, dir: bdir, err: errMessage(e) });
    }
  }
  blocks.sort((a, b) => a.minTime() - b.minTime());
  return { blocks, corrupted };
}

/** The current meta.json of a block (the file may have changed, e.g. marked deletable). */
function freshMeta(b: Block): BlockMetaJSON {
  try {
    return readMetaFile(b.dir).meta;
  } catch {
    return b.meta();
  }
}

export interface RetentionSettings {
  retentionTime: number;
  retentionSize: number;
  /** Bytes of the head on disk (WAL, WBL, chunks_head), counted against retentionSize. */
  headSize: number;
}

/**
 * ULIDs of blocks to delete: marked deletable, parents of a loaded block (it replaced them),
 * beyond time retention (newest block's maxTime minus the block's maxTime >= retention), or
 * beyond size retention (oldest first, with the head's size counted), as upstream.
 */
export function deletableBlocks(blocks: readonly Block[], r: RetentionSettings, logger: TSDBLogger): Set<string> {
  const out = new Set<string>();
  for (const b of blocks) {
    if (freshMeta(b).compaction.deletable === true) out.add(b.ulid());
    for (const p of b.meta().compaction.parents ?? []) out.add(p.ulid);
  }
  const live = blocks.filter((b) => !out.has(b.ulid())).sort((a, b) => b.meta().maxTime - a.meta().maxTime);
  if (live.length === 0) return out;
  const newest = (live[0] as Block).meta().maxTime;
  if (r.retentionTime > 0) {
    for (let i = 1; i < live.length; i++) {
      if (newest - (live[i] as Block).meta().maxTime >= r.retentionTime) {
        for (const b of live.slice(i)) out.add(b.ulid());
        logger.info('Blocks beyond time retention', { count: live.length - i, retention_ms: r.retentionTime });
        break;
      }
    }
  }
  if (r.retentionSize > 0) {
    let size = r.headSize;
    for (let i = 0; i < live.length; i++) {
      size += (live[i] as Block).size();
      if (size > r.retentionSize) {
        for (const b of live.slice(i)) out.add(b.ulid());
        logger.info('Blocks beyond size retention', { count: live.length - i, retention_bytes: r.retentionSize });
        break;
      }
    }
  }
  return out;
}

/** Deletes a block directory atomically (rename to .tmp-for-deletion, then remove). */
export function deleteBlockDir(dir: string, ulid: string): boolean {
  const full = path.join(dir, ulid);
  if (!fs.existsSync(full)) return false;
  const tmp = full + TMP_FOR_DELETION_SUFFIX;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.renameSync(full, tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
  return true;
}

/** Removes leftovers of interrupted block creation/deletion and checkpoint creation. */
export function removeTmpDirs(dir: string, logger: TSDBLogger): void {
  for (const d of [dir, path.join(dir, 'wal')]) {
    let names: string[];
    try {
      names = fs.readdirSync(d);
    } catch {
      continue;
    }
    for (const n of names) {
      const isCheckpointTmp = n.startsWith('checkpoint.') && n.endsWith('.tmp');
      if (!isTmpBlockDir(n) && !isCheckpointTmp) continue;
      const p = path.join(d, n);
      try {
        if (!fs.statSync(p).isDirectory()) continue;
        fs.rmSync(p, { recursive: true, force: true });
        logger.info('Removed tmp directory', { dir: p });
      } catch (e) {
        logger.warn('Failed to remove tmp directory', { dir: p, err: errMessage(e) });
      }
    }
  }
}

/** Total size in bytes of the regular files under p (0 if it does not exist). */
export function dirSize(p: string): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(p, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const full = path.join(p, e.name);
    if (e.isDirectory()) total += dirSize(full);
    else if (e.isFile()) {
      try {
        total += fs.statSync(full).size;
      } catch {
        // Removed meanwhile.
      }
    }
  }
  return total;
}

/** Time ranges where loaded blocks overlap, for a warning (upstream OverlappingBlocks). */
export function overlapDescription(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (let i = 1; i < blocks.length; i++) {
    const prev = blocks[i - 1] as Block;
    const cur = blocks[i] as Block;
    if (cur.meta().minTime < prev.meta().maxTime) {
      parts.push(`[mint: ${cur.meta().minTime}, maxt: ${Math.min(prev.meta().maxTime, cur.meta().maxTime)}]: <ulid: ${prev.ulid()}>, <ulid: ${cur.ulid()}>`);
    }
  }
  return parts.join(', ');
}

/** A data directory's blocks could not all be opened (read-only listing, as promtool). */
export class CorruptedBlocksError extends Error {
  override name = 'CorruptedBlocksError';
}

/**
 * Opens every block of dir for reading (promtool's DBReadOnly.Blocks): sorted by minTime; a
 * corrupt block that a loaded block replaced is ignored, any other makes it fail with
 * "corrupted block <ulid>: <error>" (the blocks opened so far are closed).
 */
export function openBlocksReadOnly(dir: string): Block[] {
  if (!fs.existsSync(dir)) throw new Error(`opening the db dir: stat ${dir}: no such file or directory`);
  const { blocks, corrupted } = openBlocks(dir, [], { info: () => {}, warn: () => {}, error: () => {} });
  for (const b of blocks) for (const p of b.meta().compaction.parents ?? []) corrupted.delete(p.ulid);
  if (corrupted.size > 0) {
    for (const b of blocks) b.close();
    throw new CorruptedBlocksError([...corrupted].map(([u, e]) => `corrupted block ${u}: ${e.message}`).join('; '));
  }
  return blocks;
}
