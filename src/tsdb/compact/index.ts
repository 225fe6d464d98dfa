/**
 * Compaction (Prometheus tsdb/compact.go): block ranges, planning, and the leveled compactor
 * that merges blocks and writes the head's ranges as blocks.
 */
export {
  DEFAULT_BLOCK_DURATION,
  MAX_BLOCK_DURATION_CAP,
  compactionRanges,
  defaultMaxBlockDuration,
  exponentialBlockRanges,
  rangeForTimestamp,
} from './ranges.js';
export { planCompaction, selectDirs, selectOverlappingDirs, splitByRange, type DirMeta } from './plan.js';
export { SAMPLES_PER_COMPACTED_CHUNK, populateSeries, readersOverlap, type PopulatedSeries } from './populate.js';
export {
  LeveledCompactor,
  blockDirs,
  compactBlockMetas,
  markDeletable,
  type CompactedMeta,
  type CompactorLogger,
  type LeveledCompactorOptions,
} from './compactor.js';
