export type { BlockReader, BlockMetaJSON } from './block-reader.js';
export { BlockError } from './errors.js';
export { newULID, isULID, ulidTime } from './ulid.js';
export { META_FILENAME, formatMeta, parseMeta, readMetaFile, writeMetaFile } from './meta.js';
export { Block, CHUNKS_DIRNAME, INDEX_FILENAME } from './block.js';
export {
  TMP_FOR_CREATION_SUFFIX,
  TMP_FOR_DELETION_SUFFIX,
  isTmpBlockDir,
  writeBlock,
  type BlockSeriesInput,
  type WriteBlockOptions,
} from './block-writer.js';
export { BlockSeriesSet, blockQuerier, errSeriesSet } from './querier.js';
export { ChainSampleIterator, MergeSeriesSet, mergeQueriers } from './merge-querier.js';
export { ChunkPopulateError, DeletedIterator, PopulateWithDelSeriesIterator, emptyIterator } from './series-iterator.js';
