/**
 * Repair of a corrupt log: everything from the first bad record on is dropped. Segments after
 * the corrupt one go (a record never crosses segments, and later records may depend on the lost
 * ones), and the corrupt segment is cut at the bad record's start, with its last page padded
 * with zeros so that the segment stays page-structured.
 */
import { closeSync, fsyncSync, ftruncateSync, fstatSync, openSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { CorruptionError, WalError } from './errors.js';
import { PAGE_SIZE, listSegments, segmentName, type WalLogger } from './segment.js';

/** The error as a corruption of dir's own segments, or a WalError saying why it cannot be repaired. */
export function repairableCorruption(dir: string, err: unknown): CorruptionError {
  if (!(err instanceof CorruptionError)) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new WalError(`cannot handle error: ${msg}`);
  }
  if (err.segment < 0) throw new WalError('corruption error does not specify position');
  if (resolve(err.dir) !== resolve(dir)) {
    throw new WalError(`corruption is in ${err.dir}, not in the log's own segments (${dir}): cannot repair`);
  }
  return err;
}

/** Repairs dir after err; returns the index of the segment that writing should continue in. */
export function repairSegments(dir: string, origErr: unknown, logger: WalLogger): number {
  const err = repairableCorruption(dir, origErr);
  logger.warn('Starting corruption repair', { segment: err.segment, offset: err.offset });

  logger.warn('Deleting all segments newer than corrupted segment', { segment: err.segment });
  for (const s of listSegments(dir)) {
    if (s.index > err.segment) unlinkSync(segmentName(dir, s.index));
  }

  logger.warn('Truncating corrupted segment after its last intact record', {
    segment: err.segment,
    offset: err.offset,
  });
  const fd = openSync(segmentName(dir, err.segment), 'r+');
  try {
    const size = fstatSync(fd).size;
    const cut = Math.min(err.offset, size);
    ftruncateSync(fd, cut);
    // Extending the file again fills the rest of the last page with zeros.
    ftruncateSync(fd, Math.ceil(cut / PAGE_SIZE) * PAGE_SIZE);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return err.segment + 1;
}
