export type { Interval, TombstoneReader } from './reader.js';
export { addInterval, inBounds, isSubrange, overlapsClosed } from './intervals.js';
export { MemTombstones } from './mem-tombstones.js';
export { TombstonesError } from './errors.js';
export {
  MAGIC_TOMBSTONE,
  TOMBSTONES_FILENAME,
  decodeTombstones,
  encodeTombstones,
  readTombstones,
  writeTombstones,
} from './tombstones-file.js';
