export {
  ValueType,
  type SampleIterator,
  type Series,
  type SeriesSet,
  type SelectHints,
  type LabelHints,
  type Querier,
  type Queryable,
  type SeriesRef,
  type Appender,
  type Appendable,
  type Storage,
} from './interface.js';
export { StorageError, OutOfOrderSampleError, OutOfBoundsError, DuplicateSampleForTimestampError, TooOldSampleError } from './errors.js';
