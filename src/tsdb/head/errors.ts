/** Errors of the head beyond the storage seam's own (storage/errors.ts), with upstream wording. */
import { StorageError } from '../../storage/index.js';

/** A sample whose labels cannot form a series (tsdb.ErrInvalidSample, wrapped). */
export class InvalidSampleError extends StorageError {
  override name = 'InvalidSampleError';
  constructor(detail: string) {
    super(`${detail}: invalid sample`);
  }
}

/** Commit or rollback of an appender that is already done (tsdb.ErrAppenderClosed). */
export class AppenderClosedError extends StorageError {
  override name = 'AppenderClosedError';
  constructor() {
    super('appender closed');
  }
}

/** Native histograms are not stored by this head yet (storage.ErrNativeHistogramsDisabled). */
export class NativeHistogramsDisabledError extends StorageError {
  override name = 'NativeHistogramsDisabledError';
  constructor() {
    super('native histograms are disabled');
  }
}

/** The WAL could not be written; the transaction was rolled back. */
export class WalWriteError extends StorageError {
  override name = 'WalWriteError';
  constructor(cause: unknown) {
    super(`write to WAL: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** The head is closed. */
export class HeadClosedError extends StorageError {
  override name = 'HeadClosedError';
  constructor() {
    super("can't read from a closed head");
  }
}

/** A series or chunk the reader asked for is gone (garbage collected or truncated): storage.ErrNotFound. */
export class SeriesNotFoundError extends StorageError {
  override name = 'SeriesNotFoundError';
  constructor() {
    super('not found');
  }
}
