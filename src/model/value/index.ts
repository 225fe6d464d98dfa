export { FloatHistogram, CounterResetHint, CustomBucketsSchema, type Span } from './histogram.js';
export { bucketBound, histogramBuckets, histogramString, type HistogramBucket } from './histogram-buckets.js';
export { StaleNaN, isStaleNaN } from './stale.js';
