/**
 * WAL record types and their decoded shapes (Prometheus tsdb/record). Series references are
 * uint64 upstream; here they are numbers (exact up to 2^53).
 */
import type { Labels } from '../../model/labels/index.js';
import type { FloatHistogram, Span } from '../../model/value/index.js';
import type { Interval } from '../tombstones/index.js';

/** The first byte of a record. */
export const RecordType = {
  Unknown: 255,
  Series: 1,
  Samples: 2,
  Tombstones: 3,
  Exemplars: 4,
  MmapMarkers: 5,
  Metadata: 6,
  HistogramSamples: 7,
  FloatHistogramSamples: 8,
  CustomBucketsHistogramSamples: 9,
  CustomBucketsFloatHistogramSamples: 10,
  /** Samples with start timestamps (Prometheus 3.x); decoded, never written. */
  SamplesV2: 11,
  HistogramSamplesV2: 12,
  FloatHistogramSamplesV2: 13,
} as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];

/** Metric types of metadata records. */
export const MetricType = {
  Unknown: 0,
  Counter: 1,
  Gauge: 2,
  Histogram: 3,
  GaugeHistogram: 4,
  Summary: 5,
  Info: 6,
  Stateset: 7,
} as const;

export interface RefSeries {
  ref: number;
  labels: Labels;
}

/** A series' deleted intervals (a decoded record yields one interval per stone). */
export interface Stone {
  ref: number;
  intervals: Interval[];
}

export interface RefExemplar {
  ref: number;
  t: number;
  v: number;
  labels: Labels;
}

/** All samples of the series up to now are in the head chunk file at mmapRef. */
export interface RefMmapMarker {
  ref: number;
  mmapRef: number;
}

export interface RefMetadata {
  ref: number;
  /** One of MetricType. */
  type: number;
  unit: string;
  help: string;
}

/** An integer native histogram as the WAL stores it: bucket counts are deltas. */
export interface IntHistogram {
  counterResetHint: number;
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  count: number;
  sum: number;
  positiveSpans: Span[];
  negativeSpans: Span[];
  /** Delta-encoded counts (each relative to the previous bucket). */
  positiveBuckets: number[];
  negativeBuckets: number[];
  customValues: number[];
}

export interface RefHistogramSample {
  ref: number;
  t: number;
  /** Start timestamp (V2 records only; 0 otherwise). */
  st: number;
  h: IntHistogram;
}

export interface RefFloatHistogramSample {
  ref: number;
  t: number;
  st: number;
  fh: FloatHistogram;
}

/** Column view of float samples, as the samples encoder reads them. */
export interface SampleColumns {
  readonly length: number;
  readonly refs: ArrayLike<number>;
  readonly ts: ArrayLike<number>;
  readonly vs: ArrayLike<number>;
}

/**
 * Reusable columns for decoded samples: refs, timestamps, values in typed arrays (no object
 * per sample). Values keep their exact bit patterns (stale markers included).
 */
export class SampleBatch implements SampleColumns {
  length = 0;
  refs: Float64Array;
  ts: Float64Array;
  vs: Float64Array;
  /** Start timestamps; only filled by SamplesV2 records (0 = none). */
  sts: Float64Array;
  /** The bits of vs as native-endian 32-bit words (decoders copy values without float conversion). */
  vsBits: Uint32Array;

  constructor(capacity = 1024) {
    this.refs = new Float64Array(capacity);
    this.ts = new Float64Array(capacity);
    this.vs = new Float64Array(capacity);
    this.sts = new Float64Array(capacity);
    this.vsBits = new Uint32Array(this.vs.buffer);
  }

  get capacity(): number {
    return this.refs.length;
  }

  reset(): void {
    this.length = 0;
  }

  /** Ensures room for n samples in total, keeping the first `length`. */
  reserve(n: number): void {
    if (n <= this.refs.length) return;
    let cap = Math.max(16, this.refs.length * 2);
    while (cap < n) cap *= 2;
    this.refs = grow(this.refs, cap, this.length);
    this.ts = grow(this.ts, cap, this.length);
    this.vs = grow(this.vs, cap, this.length);
    this.sts = grow(this.sts, cap, this.length);
    this.vsBits = new Uint32Array(this.vs.buffer);
  }

  push(ref: number, t: number, v: number): void {
    this.reserve(this.length + 1);
    const i = this.length++;
    this.refs[i] = ref;
    this.ts[i] = t;
    this.vs[i] = v;
    this.sts[i] = 0;
  }
}

function grow(a: Float64Array, cap: number, keep: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a.subarray(0, keep));
  return b;
}
