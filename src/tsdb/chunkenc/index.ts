export { Encoding, type Chunk, type ChunkAppender } from './chunk.js';
export { XORChunk, XORAppender, XORIterator, ChunkError } from './xor.js';
export { chunkFromData, encodingName } from './from-data.js';
export { HistogramChunk, HistogramIterator, FloatHistogramIterator } from './histogram.js';
