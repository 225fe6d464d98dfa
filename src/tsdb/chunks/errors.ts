/** Errors of the chunk files (block chunks/ and head chunks_head/). */

/** A chunk file is damaged: bad header, short file, or checksum mismatch. Names the file. */
export class CorruptionError extends Error {
  override name = 'CorruptionError';
  /**
   * @param file path of the damaged file
   * @param fileIndex its sequence number (head chunk files) or segment index (block chunks)
   */
  constructor(
    readonly file: string,
    readonly fileIndex: number,
    readonly detail: string,
  ) {
    super(`corruption in chunk file ${file}: ${detail}`);
  }
}

/** Operation on a closed ChunkDiskMapper (upstream ErrChunkDiskMapperClosed). */
export class ChunkDiskMapperClosedError extends Error {
  override name = 'ChunkDiskMapperClosedError';
  constructor() {
    super('ChunkDiskMapper closed');
  }
}
