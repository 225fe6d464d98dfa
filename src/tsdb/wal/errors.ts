/** Typed errors of the write-ahead log. */

/** A misuse or I/O-level failure of the log (closed log, bad options, gaps between segments). */
export class WalError extends Error {
  override name = 'WalError';
}

/**
 * Corruption found while reading: a bad checksum, an unexpected fragment type, a torn record
 * at the end of a segment, a zeroed page. `offset` is the byte offset in the segment of the
 * start of the first record that could not be read; everything before it is intact, so
 * Wlog.repair can cut the segment there.
 */
export class CorruptionError extends Error {
  override name = 'CorruptionError';
  constructor(
    readonly dir: string,
    readonly segment: number,
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`corruption in segment ${dir}/${String(segment).padStart(8, '0')} at ${offset}: ${reason}`);
  }
}

/** A record compressed with a codec this build cannot decode (zstd). Not a corruption: never repaired. */
export class UnsupportedCompressionError extends Error {
  override name = 'UnsupportedCompressionError';
  constructor(
    readonly segment: number,
    readonly offset: number,
    readonly codec: string,
  ) {
    super(`unsupported WAL compression ${codec} in segment ${segment} at ${offset}: open this WAL with a Prometheus that writes it`);
  }
}
