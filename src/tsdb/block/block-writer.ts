/**
 * Writes a block directory from series with encoded chunks, as Prometheus's compactor does:
 * chunks/, index, an empty tombstones file and meta.json go to "<ulid>.tmp-for-creation", which is
 * then renamed into place (atomic: a crash leaves only the temporary directory).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareLabels, type Labels } from '../../model/labels/index.js';
import { Encoding } from '../chunkenc/index.js';
import { ChunkWriter, type ChunkMeta } from '../chunks/index.js';
import { compareBytewise, IndexWriter } from '../index/index.js';
import { MemTombstones, writeTombstones } from '../tombstones/index.js';
import type { BlockMetaJSON } from './block-reader.js';
import { CHUNKS_DIRNAME, INDEX_FILENAME } from './block.js';
import { BlockError } from './errors.js';
import { writeMetaFile } from './meta.js';
import { newULID } from './ulid.js';

export const TMP_FOR_CREATION_SUFFIX = '.tmp-for-creation';
export const TMP_FOR_DELETION_SUFFIX = '.tmp-for-deletion';
const TMP_LEGACY_SUFFIX = '.tmp';

/** True for leftovers of an interrupted block creation or deletion. */
export function isTmpBlockDir(name: string): boolean {
  return name.endsWith(TMP_FOR_CREATION_SUFFIX) || name.endsWith(TMP_FOR_DELETION_SUFFIX) || name.endsWith(TMP_LEGACY_SUFFIX);
}

/** A series to write: labels and its chunks (time-ordered, each with `chunk` set). */
export interface BlockSeriesInput {
  labels: Labels;
  chunks: ChunkMeta[];
}

export interface WriteBlockOptions {
  /** Block time range: minTime inclusive, maxTime exclusive (as meta.json). */
  minTime: number;
  maxTime: number;
  level: number;
  sources?: string[];
  parents?: { ulid: string; minTime: number; maxTime: number }[];
  hints?: string[];
  /** The block's ULID (default: a new one). */
  ulid?: string;
  /** Chunk segment file size (default 512 MiB). */
  segmentSize?: number;
}

type Stats = NonNullable<BlockMetaJSON['stats']> & { numSamples: number; numSeries: number; numChunks: number };

const YIELD_EVERY = 1000;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function collect(series: Iterable<BlockSeriesInput> | AsyncIterable<BlockSeriesInput>): Promise<BlockSeriesInput[]> {
  const out: BlockSeriesInput[] = [];
  for await (const s of series) if (s.chunks.length > 0) out.push(s);
  let sorted = true;
  for (let i = 1; i < out.length && sorted; i++) sorted = compareLabels((out[i - 1] as BlockSeriesInput).labels, (out[i] as BlockSeriesInput).labels) < 0;
  if (!sorted) out.sort((a, b) => compareLabels(a.labels, b.labels));
  return out;
}

function countChunks(stats: Stats, chks: ChunkMeta[]): void {
  stats.numSeries++;
  stats.numChunks += chks.length;
  for (const c of chks) {
    const chunk = c.chunk;
    if (chunk === null) continue;
    const n = chunk.numSamples();
    stats.numSamples += n;
    if (chunk.encoding() === Encoding.XOR) stats.numFloatSamples = (stats.numFloatSamples ?? 0) + n;
    else stats.numHistogramSamples = (stats.numHistogramSamples ?? 0) + n;
  }
}

async function writeContents(tmp: string, series: BlockSeriesInput[], opts: WriteBlockOptions): Promise<Stats> {
  // Upstream's head lists the all-postings key among its symbols, so "" is always one.
  const syms = new Set<string>(['']);
  for (const s of series) {
    const p = s.labels.pairs;
    for (let i = 0; i < p.length; i++) syms.add(p[i] as string);
  }
  const stats: Stats = { numSamples: 0, numSeries: 0, numChunks: 0 };
  const cw = new ChunkWriter(path.join(tmp, CHUNKS_DIRNAME), opts.segmentSize !== undefined ? { segmentSize: opts.segmentSize } : {});
  const iw = new IndexWriter(path.join(tmp, INDEX_FILENAME));
  try {
    for (const s of [...syms].sort(compareBytewise)) iw.addSymbol(s);
    let prev: Labels | null = null;
    for (let i = 0; i < series.length; i++) {
      const s = series[i] as BlockSeriesInput;
      if (prev !== null && prev.equals(s.labels)) throw new BlockError(tmp, `duplicate series ${s.labels.toString()}`);
      prev = s.labels;
      cw.writeChunks(...s.chunks);
      iw.addSeries(s.labels, s.chunks);
      countChunks(stats, s.chunks);
      if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
    }
    cw.close();
    iw.close();
  } catch (e) {
    cw.close();
    iw.abort();
    throw e;
  }
  return stats;
}

/**
 * Writes a block into parent dir and returns its ULID, or null when the series hold no samples
 * (nothing is written, as upstream's compactor). Series are sorted by labels if needed; series
 * without chunks are skipped. Chunk metas get their refs into the new chunk files.
 */
export async function writeBlock(
  dir: string,
  series: Iterable<BlockSeriesInput> | AsyncIterable<BlockSeriesInput>,
  opts: WriteBlockOptions,
): Promise<string | null> {
  const ulid = opts.ulid ?? newULID();
  const final = path.join(dir, ulid);
  const tmp = final + TMP_FOR_CREATION_SUFFIX;
  const input = await collect(series);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    const stats = await writeContents(tmp, input, opts);
    if (stats.numSamples === 0) {
      fs.rmSync(tmp, { recursive: true, force: true });
      return null;
    }
    const meta: BlockMetaJSON = {
      ulid,
      minTime: opts.minTime,
      maxTime: opts.maxTime,
      stats,
      compaction: {
        level: opts.level,
        sources: opts.sources ?? [ulid],
        ...(opts.parents !== undefined && opts.parents.length > 0 ? { parents: opts.parents } : {}),
        ...(opts.hints !== undefined && opts.hints.length > 0 ? { hints: opts.hints } : {}),
      },
      version: 1,
    };
    writeMetaFile(tmp, meta);
    writeTombstones(tmp, new MemTombstones());
    syncDir(tmp);
    fs.rmSync(final, { recursive: true, force: true });
    fs.renameSync(tmp, final);
    syncDir(dir);
    return ulid;
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (e instanceof BlockError) throw e;
    throw new BlockError(final, `write block: ${(e as Error).message}`, { cause: e });
  }
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Not supported everywhere; the rename is still atomic.
  }
}
