/** Errors of the index module. Every message names the index file it concerns. */
export class IndexError extends Error {
  override name = 'IndexError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** The index file is damaged: bad magic, checksum mismatch, truncated section. */
export class IndexCorruptionError extends IndexError {
  override name = 'IndexCorruptionError';
}
