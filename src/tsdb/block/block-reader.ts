/**
 * CONTRACT: what the generic querier reads from (a persisted block or the head),
 * Prometheus's BlockReader.
 */
import type { ChunkReader } from '../chunks/index.js';
import type { IndexReader } from '../index/index.js';
import type { TombstoneReader } from '../tombstones/index.js';

export interface BlockMetaJSON {
  ulid: string;
  minTime: number;
  maxTime: number;
  stats?: { numSamples?: number; numSeries?: number; numChunks?: number; numTombstones?: number; numFloatSamples?: number; numHistogramSamples?: number };
  compaction: {
    level: number;
    sources?: string[];
    parents?: { ulid: string; minTime: number; maxTime: number }[];
    deletable?: boolean;
    failed?: boolean;
    /** Upstream compaction hints, e.g. "from-out-of-order" (added by the block helper). */
    hints?: string[];
  };
  version: number;
}

export interface BlockReader {
  index(): IndexReader;
  chunks(): ChunkReader;
  tombstones(): TombstoneReader;
  meta(): BlockMetaJSON;
  /** Lowest and highest sample time (inclusive, ms). */
  minTime(): number;
  maxTime(): number;
}
