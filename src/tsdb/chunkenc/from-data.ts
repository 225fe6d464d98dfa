/** Builds a Chunk over encoded bytes read from disk (Prometheus chunkenc.FromData / Pool.Get). */
import { Encoding, type Chunk } from './chunk.js';
import { ChunkError, XORChunk } from './xor.js';
import { HistogramChunk } from './histogram.js';

/** A chunk over `bytes` (not copied: the chunk is a view until appended to). */
export function chunkFromData(encoding: Encoding, bytes: Uint8Array): Chunk {
  switch (encoding) {
    case Encoding.XOR:
      return new XORChunk(bytes);
    case Encoding.Histogram:
    case Encoding.FloatHistogram:
      return new HistogramChunk(bytes, encoding);
    default:
      throw new ChunkError(`invalid chunk encoding ${encodingName(encoding)}`);
  }
}

/** Upstream's Encoding.String(). */
export function encodingName(e: number): string {
  switch (e) {
    case Encoding.None:
      return 'none';
    case Encoding.XOR:
      return 'XOR';
    case Encoding.Histogram:
      return 'histogram';
    case Encoding.FloatHistogram:
      return 'floathistogram';
    default:
      return `<unknown ${e}>`;
  }
}
