/**
 * CONTRACT: chunk references and metadata (Prometheus tsdb/chunks.Meta).
 * A block chunk ref is (segmentFileIndex * 2^32 + byteOffset); a head chunk ref packs the series
 * ref and the chunk id, a chunks_head (mmapped head chunk) ref is (fileSeq * 2^32 + offset).
 */
import type { Chunk } from '../chunkenc/index.js';

export interface ChunkMeta {
  ref: number;
  /** Time range covered, inclusive (ms). */
  minTime: number;
  maxTime: number;
  /** Set when the chunk is in memory (written or loaded); null when only the ref is known. */
  chunk: Chunk | null;
}

/** Reads chunks by reference (a block's chunks/ dir, or the head). */
export interface ChunkReader {
  chunk(meta: ChunkMeta): Chunk;
  close(): void;
}
