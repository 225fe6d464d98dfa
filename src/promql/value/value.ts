/**
 * Values PromQL evaluation produces (Prometheus promql/value.go): Scalar, String,
 * Vector (one sample per series at one time) and Matrix (a range of points per series).
 */
import type { Labels } from '../../model/labels/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import { FPoints } from './points.js';

export interface HPoint {
  t: number;
  h: FloatHistogram;
}

/** One sample of a Vector. h !== null means a histogram sample (then f is unused). */
export interface Sample {
  metric: Labels;
  t: number;
  f: number;
  h: FloatHistogram | null;
  /** The __name__ label is to be dropped at the end of evaluation (delayed name removal). */
  dropName: boolean;
}

export type Vector = Sample[];

/** A series of a Matrix: float points in columnar typed arrays, histogram points as objects. */
export interface Series {
  metric: Labels;
  floats: FPoints;
  histograms: HPoint[];
  dropName: boolean;
}

export type Matrix = Series[];

export interface Scalar {
  t: number;
  v: number;
}

export interface StringValue {
  t: number;
  v: string;
}

export type Value =
  | { type: 'vector'; value: Vector }
  | { type: 'matrix'; value: Matrix }
  | { type: 'scalar'; value: Scalar }
  | { type: 'string'; value: StringValue };

export function newSeries(metric: Labels, capacity = 16): Series {
  return { metric, floats: new FPoints(capacity), histograms: [], dropName: false };
}

export function sample(metric: Labels, t: number, f: number, h: FloatHistogram | null = null, dropName = false): Sample {
  return { metric, t, f, h, dropName };
}

/** Start timestamps aligned with the points handed to a function (StartTimestamps upstream). */
export interface StartTimestamps {
  floats: number[];
  histograms: number[];
}
