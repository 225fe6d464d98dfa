/** A tombstones file could not be read or written; the message names the file. */
export class TombstonesError extends Error {
  override name = 'TombstonesError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}
