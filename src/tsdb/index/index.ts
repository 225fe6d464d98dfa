export type { IndexReader, Postings } from './reader.js';
export { IndexError, IndexCorruptionError } from './errors.js';
export { compareBytewise } from './byte-order.js';
export { IndexWriter, MAGIC_INDEX, INDEX_FORMAT_V2 } from './index-writer.js';
export { IndexFileReader } from './index-reader.js';
export {
  ALL_POSTINGS_KEY,
  BigEndianPostings,
  ListPostings,
  emptyPostings,
  errPostings,
  expandPostings,
  findIntersectingPostings,
  intersect,
  isEmptyPostings,
  merge,
  without,
} from './postings.js';
export { labelNamesWithMatchers, labelValuesWithMatchers, postingsForMatchers, setMatches } from './postings-for-matchers.js';
