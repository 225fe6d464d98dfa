/** A block (or one of its files) could not be read or written; the message names the path. */
export class BlockError extends Error {
  override name = 'BlockError';
  constructor(
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${message}`, options);
  }
}
