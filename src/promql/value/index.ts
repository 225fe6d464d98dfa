export { FPoints } from './points.js';
export {
  type HPoint,
  type Sample,
  type Vector,
  type Series,
  type Matrix,
  type Scalar,
  type StringValue,
  type Value,
  type StartTimestamps,
  newSeries,
  sample,
} from './value.js';
export { Annotations, annotationText, type Annotation, type AnnotationLevel } from './annotations.js';
