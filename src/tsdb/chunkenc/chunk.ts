/**
 * CONTRACT (chunkenc helper implements): chunk encodings, bit-for-bit Prometheus's tsdb/chunkenc.
 */
import type { SampleIterator } from '../../storage/index.js';

/** Chunk encodings as stored on disk (one byte). */
export enum Encoding {
  None = 0,
  XOR = 1,
  Histogram = 2,
  FloatHistogram = 3,
}

export interface ChunkAppender {
  /** Appends a float sample (t strictly increasing). */
  append(t: number, v: number): void;
}

/** An encoded chunk of samples of one series. */
export interface Chunk {
  encoding(): Encoding;
  /** The encoded bytes (a view; valid until the chunk is appended to again). */
  bytes(): Uint8Array;
  numSamples(): number;
  /** An appender that continues the chunk (XOR: re-reads the last sample state). */
  appender(): ChunkAppender;
  /** A cursor over the samples (storage SampleIterator; seek/next/atT/atF). */
  iterator(): SampleIterator;
}
