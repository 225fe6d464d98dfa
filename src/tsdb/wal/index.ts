/**
 * The write-ahead log in Prometheus's format: the segmented log writer (Wlog), its reader,
 * repair of a corrupt tail, the record encoders/decoders, and checkpoints.
 *
 * Replay, as the head does it:
 *   const w = Wlog.open(walDir);                       // starts a new segment after the last
 *   const cp = lastCheckpoint(walDir);                 // null if none
 *   const r = new WalReader([...(cp ? [{ dir: cp.dir, first: -1, last: -1 }] : []),
 *                            { dir: walDir, first: cp ? cp.index + 1 : -1, last: -1 }]);
 *   while (r.next()) switch (recordType(r.record())) { ... decodeSeries / decodeSamples(rec, batch) ... }
 *   if (r.err() instanceof CorruptionError && r.segmentDir() === walDir) w.repair(r.err());
 * Commit: w.log(encodeSeries(newSeries, buf1), encodeSamples(batch, buf2)).
 * Truncation: checkpoint(walDir, first, last, keep, mint); w.truncate(last + 1).
 */
export { Wlog, type WlogOptions } from './wlog.js';
export { WalReader, segmentFiles } from './reader.js';
export { CorruptionError, UnsupportedCompressionError, WalError } from './errors.js';
export {
  DEFAULT_SEGMENT_SIZE,
  PAGE_SIZE,
  listSegments,
  segmentName,
  segmentRange,
  type SegmentRange,
  type WalLogger,
} from './segment.js';
export {
  RecordType,
  MetricType,
  SampleBatch,
  type IntHistogram,
  type RefExemplar,
  type RefFloatHistogramSample,
  type RefHistogramSample,
  type RefMetadata,
  type RefMmapMarker,
  type RefSeries,
  type SampleColumns,
  type Stone,
} from './record-types.js';
export {
  RecordDecodeError,
  decodeExemplars,
  decodeMetadata,
  decodeMmapMarkers,
  decodeSamples,
  decodeSeries,
  decodeTombstones,
  recordType,
} from './record-decode.js';
export { decodeFloatHistogramSamples, decodeHistogramSamples, intHistogramToFloat } from './histogram-record.js';
export {
  encodeExemplars,
  encodeFloatHistogramSamples,
  encodeHistogramSamples,
  encodeMetadata,
  encodeMmapMarkers,
  encodeSamples,
  encodeSeries,
  encodeTombstones,
} from './record-encode.js';
export {
  checkpoint,
  checkpointDir,
  deleteCheckpoints,
  lastCheckpoint,
  type CheckpointOptions,
  type CheckpointStats,
} from './checkpoint.js';
