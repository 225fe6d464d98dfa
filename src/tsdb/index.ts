/**
 * Vigil's TSDB, in Prometheus's on-disk format: `await DB.open(dir, opts)` gives a Storage
 * (querier + appender + close) over persisted blocks and the WAL-backed head, with background
 * compaction and retention.
 */
export { DB, DBError, type DBStats } from './db.js';
export { DEFAULT_RETENTION_TIME, nopTSDBLogger, resolveDBOptions, type DBOptions, type ResolvedDBOptions, type TSDBLogger } from './db-options.js';
export { LockError, LOCK_FILENAME } from './db-lock.js';
export { CORRUPTED_SUFFIX } from './db-blocks.js';
export type { BlockMetaJSON } from './block/index.js';
export type { HeadStats } from './head/index.js';
export {
  DEFAULT_BLOCK_DURATION,
  LeveledCompactor,
  compactionRanges,
  defaultMaxBlockDuration,
  exponentialBlockRanges,
} from './compact/index.js';
export { CorruptedBlocksError, openBlocksReadOnly } from './db-blocks.js';
export { Block } from './block/index.js';
export { ALL_POSTINGS_KEY } from './index/index.js';
export { Encoding } from './chunkenc/index.js';
export { BlockWriter, NoSeriesAppendedError } from './db-block-writer.js';
