/** Storage errors, with upstream wording. */
export class StorageError extends Error {
  override name = 'StorageError';
}
export class OutOfOrderSampleError extends StorageError {
  override name = 'OutOfOrderSampleError';
  constructor() {
    super('out of order sample');
  }
}
export class OutOfBoundsError extends StorageError {
  override name = 'OutOfBoundsError';
  constructor() {
    super('out of bounds');
  }
}
export class DuplicateSampleForTimestampError extends StorageError {
  override name = 'DuplicateSampleForTimestampError';
  constructor() {
    super('duplicate sample for timestamp');
  }
}
/** Out-of-order ingestion is on but the sample is older than the window (storage.ErrTooOldSample). */
export class TooOldSampleError extends StorageError {
  override name = 'TooOldSampleError';
  constructor() {
    super('too old sample');
  }
}
