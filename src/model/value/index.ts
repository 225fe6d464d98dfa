export { FloatHistogram, CounterResetHint, CustomBucketsSchema, type Span } from './histogram.js';
export { StaleNaN, isStaleNaN } from './stale.js';
