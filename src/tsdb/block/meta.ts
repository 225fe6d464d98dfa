/**
 * meta.json of a block (Prometheus BlockMeta, version 1): read with validation, written
 * atomically in Go's json.MarshalIndent layout (tab-indented, fields in upstream order).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BlockMetaJSON } from './block-reader.js';
import { BlockError } from './errors.js';
import { isULID } from './ulid.js';

export const META_FILENAME = 'meta.json';
export const META_VERSION_1 = 1;

type Json = Record<string, unknown>;

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function int(file: string, v: unknown, what: string, optional = false): number | undefined {
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new BlockError(file, `invalid meta file: ${what} is not an integer`);
  return v;
}

function ulid(file: string, v: unknown, what: string): string {
  if (typeof v !== 'string' || !isULID(v)) throw new BlockError(file, `invalid meta file: ${what} is not a ULID`);
  return v.toUpperCase();
}

function parseStats(file: string, v: unknown): BlockMetaJSON['stats'] {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) throw new BlockError(file, 'invalid meta file: stats is not an object');
  const out: NonNullable<BlockMetaJSON['stats']> = {};
  for (const k of ['numSamples', 'numFloatSamples', 'numHistogramSamples', 'numSeries', 'numChunks', 'numTombstones'] as const) {
    const n = int(file, v[k], `stats.${k}`, true);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

function parseCompaction(file: string, v: unknown): BlockMetaJSON['compaction'] {
  if (!isObj(v)) throw new BlockError(file, 'invalid meta file: compaction is not an object');
  const c: BlockMetaJSON['compaction'] = { level: int(file, v['level'] ?? 0, 'compaction.level') as number };
  const sources = v['sources'];
  if (sources !== undefined && sources !== null) {
    if (!Array.isArray(sources)) throw new BlockError(file, 'invalid meta file: compaction.sources is not a list');
    c.sources = sources.map((s, i) => ulid(file, s, `compaction.sources[${i}]`));
  }
  if (v['deletable'] === true) c.deletable = true;
  const parents = v['parents'];
  if (parents !== undefined && parents !== null) {
    if (!Array.isArray(parents)) throw new BlockError(file, 'invalid meta file: compaction.parents is not a list');
    c.parents = parents.map((p: unknown, i) => {
      if (!isObj(p)) throw new BlockError(file, `invalid meta file: compaction.parents[${i}] is not an object`);
      return {
        ulid: ulid(file, p['ulid'], `compaction.parents[${i}].ulid`),
        minTime: int(file, p['minTime'], 'minTime') as number,
        maxTime: int(file, p['maxTime'], 'maxTime') as number,
      };
    });
  }
  if (v['failed'] === true) c.failed = true;
  const hints = v['hints'];
  if (Array.isArray(hints)) c.hints = hints.filter((h): h is string => typeof h === 'string');
  return c;
}

/** Parses and validates meta.json content. */
export function parseMeta(file: string, text: string): BlockMetaJSON {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new BlockError(file, `invalid meta file: ${(e as Error).message}`);
  }
  if (!isObj(raw)) throw new BlockError(file, 'invalid meta file: not an object');
  const version = raw['version'];
  if (version !== META_VERSION_1) throw new BlockError(file, `unexpected meta file version ${String(version)}`);
  return {
    ulid: ulid(file, raw['ulid'], 'ulid'),
    minTime: int(file, raw['minTime'], 'minTime') as number,
    maxTime: int(file, raw['maxTime'], 'maxTime') as number,
    stats: parseStats(file, raw['stats']),
    compaction: parseCompaction(file, raw['compaction'] ?? {}),
    version: META_VERSION_1,
  };
}

/** Reads dir/meta.json. */
export function readMetaFile(dir: string): { meta: BlockMetaJSON; size: number } {
  const file = path.join(dir, META_FILENAME);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new BlockError(file, (e as Error).message);
  }
  return { meta: parseMeta(file, text), size: Buffer.byteLength(text) };
}

/** meta.json text as Prometheus writes it. */
export function formatMeta(meta: BlockMetaJSON): string {
  const stats: Json = {};
  const s = meta.stats ?? {};
  for (const k of ['numSamples', 'numFloatSamples', 'numHistogramSamples', 'numSeries', 'numChunks', 'numTombstones'] as const) {
    const n = s[k];
    if (n !== undefined && n !== 0) stats[k] = n;
  }
  const c = meta.compaction;
  const compaction: Json = { level: c.level };
  if (c.sources !== undefined && c.sources.length > 0) compaction['sources'] = c.sources;
  if (c.deletable) compaction['deletable'] = true;
  if (c.parents !== undefined && c.parents.length > 0) {
    compaction['parents'] = c.parents.map((p) => ({ ulid: p.ulid, minTime: p.minTime, maxTime: p.maxTime }));
  }
  if (c.failed) compaction['failed'] = true;
  if (c.hints !== undefined && c.hints.length > 0) compaction['hints'] = c.hints;
  const out = { ulid: meta.ulid, minTime: meta.minTime, maxTime: meta.maxTime, stats, compaction, version: META_VERSION_1 };
  return JSON.stringify(out, null, '\t');
}

/** Writes dir/meta.json atomically (temp file, fsync, rename); returns its size. */
export function writeMetaFile(dir: string, meta: BlockMetaJSON): number {
  const file = path.join(dir, META_FILENAME);
  const tmp = `${file}.tmp`;
  const text = formatMeta(meta);
  try {
    const fd = fs.openSync(tmp, 'w', 0o666);
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new BlockError(file, (e as Error).message);
  }
  return Buffer.byteLength(text);
}
