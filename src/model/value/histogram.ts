/**
 * Native histogram value (float flavour), the shape of Prometheus's histogram.FloatHistogram.
 * The native-histogram issue fills in the arithmetic; the value model already carries it so that
 * a sample can be a float or a histogram.
 */
export interface Span {
  offset: number;
  length: number;
}

export enum CounterResetHint {
  Unknown = 0,
  CounterReset = 1,
  NotCounterReset = 2,
  Gauge = 3,
}

export class FloatHistogram {
  counterResetHint: CounterResetHint = CounterResetHint.Unknown;
  schema = 0;
  zeroThreshold = 0;
  zeroCount = 0;
  count = 0;
  sum = 0;
  positiveSpans: Span[] = [];
  negativeSpans: Span[] = [];
  positiveBuckets: number[] = [];
  negativeBuckets: number[] = [];
  /** Upper bounds for custom-bucket (NHCB, schema -53) histograms. */
  customValues: number[] = [];

  copy(): FloatHistogram {
    const h = new FloatHistogram();
    h.counterResetHint = this.counterResetHint;
    h.schema = this.schema;
    h.zeroThreshold = this.zeroThreshold;
    h.zeroCount = this.zeroCount;
    h.count = this.count;
    h.sum = this.sum;
    h.positiveSpans = this.positiveSpans.map((s) => ({ ...s }));
    h.negativeSpans = this.negativeSpans.map((s) => ({ ...s }));
    h.positiveBuckets = [...this.positiveBuckets];
    h.negativeBuckets = [...this.negativeBuckets];
    h.customValues = [...this.customValues];
    return h;
  }
}

/** Schema of custom-bucket histograms. */
export const CustomBucketsSchema = -53;
