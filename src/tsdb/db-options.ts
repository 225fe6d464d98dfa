/**
 * Options of the TSDB (Prometheus tsdb.Options plus the defaults cmd/prometheus applies).
 */
import { DEFAULT_BLOCK_DURATION, compactionRanges, defaultMaxBlockDuration } from './compact/index.js';

/** Structured logger the TSDB reports to (a slog-like interface; fields are key/value pairs). */
export interface TSDBLogger {
  info(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(msg: string, fields?: Readonly<Record<string, unknown>>): void;
  error(msg: string, fields?: Readonly<Record<string, unknown>>): void;
}

export const nopTSDBLogger: TSDBLogger = { info: () => {}, warn: () => {}, error: () => {} };

const DAY = 24 * 60 * 60 * 1000;

/** Prometheus's default time retention (15d). */
export const DEFAULT_RETENTION_TIME = 15 * DAY;

export interface DBOptions {
  /** Blocks whose data is older than this (ms, relative to the newest block) are deleted. 0 = off. Default 15d. */
  retentionTime?: number;
  /** Oldest blocks are deleted while blocks + WAL + chunks_head exceed this many bytes. 0 = off (default). */
  retentionSize?: number;
  /** The head's block range and the smallest block (ms, default 2h). */
  minBlockDuration?: number;
  /** The largest block compaction builds (ms, default 10% of the retention time, at most 31d). */
  maxBlockDuration?: number;
  /** Accept out-of-order samples this far (ms) behind the newest one. Default 0 (reject). */
  outOfOrderTimeWindow?: number;
  /** Open for reading only: no lock file, no writes to the directory, no compaction. */
  readOnly?: boolean;
  /** Do not create or check the lock file. */
  noLockfile?: boolean;
  /** Snappy-compress WAL records (default true, as Prometheus 2.42). */
  walCompression?: boolean;
  /** WAL segment size in bytes (default 128 MiB). */
  walSegmentSize?: number;
  logger?: TSDBLogger;
  /** Wall clock in ms (tests). */
  clock?: () => number;
  /** How often blocks are reloaded and compaction is checked (ms, default 60s; 0 disables the loop). */
  compactionInterval?: number;
  /** Where a read-only open replays the head (a copy of wal/ and chunks_head/); default a temp dir. */
  sandboxDir?: string;
}

export interface ResolvedDBOptions {
  retentionTime: number;
  retentionSize: number;
  minBlockDuration: number;
  maxBlockDuration: number;
  outOfOrderTimeWindow: number;
  readOnly: boolean;
  noLockfile: boolean;
  walCompression: boolean;
  walSegmentSize: number | undefined;
  logger: TSDBLogger;
  clock: () => number;
  compactionInterval: number;
  sandboxDir: string | undefined;
  /** Compaction ranges derived from min/max block duration. */
  ranges: number[];
}

function nonNegative(v: number | undefined, dflt: number): number {
  return v === undefined || !Number.isFinite(v) || v < 0 ? dflt : v;
}

/** Fills defaults the way Prometheus does (validateOpts and cmd/prometheus). */
export function resolveDBOptions(o: DBOptions = {}): ResolvedDBOptions {
  const retentionTime = nonNegative(o.retentionTime, DEFAULT_RETENTION_TIME);
  const minBlockDuration = o.minBlockDuration !== undefined && o.minBlockDuration > 0 ? o.minBlockDuration : DEFAULT_BLOCK_DURATION;
  let maxBlockDuration = o.maxBlockDuration !== undefined && o.maxBlockDuration > 0 ? o.maxBlockDuration : defaultMaxBlockDuration(retentionTime);
  if (minBlockDuration > maxBlockDuration) maxBlockDuration = minBlockDuration;
  return {
    retentionTime,
    retentionSize: nonNegative(o.retentionSize, 0),
    minBlockDuration,
    maxBlockDuration,
    outOfOrderTimeWindow: nonNegative(o.outOfOrderTimeWindow, 0),
    readOnly: o.readOnly ?? false,
    noLockfile: o.noLockfile ?? false,
    walCompression: o.walCompression ?? true,
    walSegmentSize: o.walSegmentSize,
    logger: o.logger ?? nopTSDBLogger,
    clock: o.clock ?? Date.now,
    compactionInterval: nonNegative(o.compactionInterval, 60_000),
    sandboxDir: o.sandboxDir,
    ranges: compactionRanges(minBlockDuration, maxBlockDuration),
  };
}
