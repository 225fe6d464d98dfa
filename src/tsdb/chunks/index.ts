export type { ChunkMeta, ChunkReader } from './meta.js';
export { CorruptionError, ChunkDiskMapperClosedError } from './errors.js';
export { ChunkWriter, DEFAULT_CHUNK_SEGMENT_SIZE, type ChunkWriterOptions } from './writer.js';
export { ChunkDirReader } from './reader.js';
export {
  ChunkDiskMapper,
  MAX_HEAD_CHUNK_FILE_SIZE,
  type ChunkDiskMapperOptions,
  type ChunkDiskMapperLogger,
  type HeadChunkVisitor,
} from './head-chunks.js';
export { MAGIC_CHUNKS, MAGIC_HEAD_CHUNKS } from './segment-files.js';
