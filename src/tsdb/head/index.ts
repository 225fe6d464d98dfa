/**
 * The head block: in-memory recent data with its WAL (Prometheus tsdb.Head), appendable,
 * readable as a BlockReader by the generic block querier, truncated after compaction.
 */
export { Head, DEFAULT_CHUNK_RANGE, nopHeadLogger, seriesTimeRange, type HeadLogger, type HeadOptions, type HeadStats } from './head.js';
export { HeadAppender, validateLabels } from './head-appender.js';
export { RangeHead, HeadIndexReader, HeadChunkReader, headChunkRef, unpackHeadChunkRef } from './head-read.js';
export { MemPostings } from './mem-postings.js';
export { MIN_TIME, MAX_TIME, SAMPLES_PER_CHUNK } from './mem-series.js';
export { OOO_CAP_MAX } from './ooo-head.js';
export { dumpBlock, type DumpedSeries } from './block-dump.js';
export {
  AppenderClosedError,
  HeadClosedError,
  InvalidSampleError,
  NativeHistogramsDisabledError,
  SeriesNotFoundError,
  WalWriteError,
} from './errors.js';
