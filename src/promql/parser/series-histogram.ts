/**
 * Histogram addition and subtraction for the `{{..}}+{{..}}xN` expansion of series
 * descriptions: buckets are added index by index after bringing both histograms to the
 * coarser schema, as upstream's FloatHistogram.Add/Sub do.
 */
import { CounterResetHint, CustomBucketsSchema, FloatHistogram, type Span } from '../../model/value/index.js';

export class HistogramCombineError extends Error {
  override name = 'HistogramCombineError';
}

function toIndexMap(spans: readonly Span[], buckets: readonly number[]): Map<number, number> {
  const m = new Map<number, number>();
  let idx = 0;
  let k = 0;
  for (let s = 0; s < spans.length; s++) {
    const span = spans[s] as Span;
    idx += span.offset;
    for (let j = 0; j < span.length; j++) {
      m.set(idx, (m.get(idx) ?? 0) + (buckets[k++] ?? 0));
      idx++;
    }
  }
  return m;
}

function reduceIndex(idx: number, delta: number): number {
  return Math.floor((idx - 1) / 2 ** delta) + 1;
}

function reduceMap(m: Map<number, number>, delta: number): Map<number, number> {
  if (delta <= 0) return m;
  const out = new Map<number, number>();
  for (const [idx, v] of m) {
    const t = reduceIndex(idx, delta);
    out.set(t, (out.get(t) ?? 0) + v);
  }
  return out;
}

function fromIndexMap(m: Map<number, number>): { spans: Span[]; buckets: number[] } {
  const indices = [...m.keys()].sort((a, b) => a - b);
  const spans: Span[] = [];
  const buckets: number[] = [];
  let prevEnd = 0;
  for (const idx of indices) {
    const last = spans[spans.length - 1];
    if (last !== undefined && idx === prevEnd) {
      last.length++;
    } else {
      spans.push({ offset: spans.length === 0 ? idx : idx - prevEnd, length: 1 });
    }
    buckets.push(m.get(idx) as number);
    prevEnd = idx + 1;
  }
  return { spans, buckets };
}

function combineSide(
  aSpans: readonly Span[], aBuckets: readonly number[], aSchema: number,
  bSpans: readonly Span[], bBuckets: readonly number[], bSchema: number,
  target: number, sign: number,
): { spans: Span[]; buckets: number[] } {
  const a = reduceMap(toIndexMap(aSpans, aBuckets), aSchema - target);
  const b = reduceMap(toIndexMap(bSpans, bBuckets), bSchema - target);
  for (const [idx, v] of b) a.set(idx, (a.get(idx) ?? 0) + sign * v);
  return fromIndexMap(a);
}

function combinedHint(a: CounterResetHint, b: CounterResetHint): CounterResetHint {
  if (a === b || a === CounterResetHint.Gauge) return a;
  if (b === CounterResetHint.Gauge) return CounterResetHint.Gauge;
  return CounterResetHint.Unknown;
}

/** a + b (or a - b when subtract is set); a and b are not modified. */
export function combineHistograms(a: FloatHistogram, b: FloatHistogram, subtract: boolean): FloatHistogram {
  const aCustom = a.schema === CustomBucketsSchema;
  if (aCustom !== (b.schema === CustomBucketsSchema)) {
    throw new HistogramCombineError('cannot apply this operation on histograms with a mix of exponential and custom bucket schemas');
  }
  const sign = subtract ? -1 : 1;
  const res = a.copy();
  res.counterResetHint = combinedHint(a.counterResetHint, b.counterResetHint);
  res.count += sign * b.count;
  res.sum += sign * b.sum;
  if (aCustom) {
    const pos = combineSide(a.positiveSpans, a.positiveBuckets, 0, b.positiveSpans, b.positiveBuckets, 0, 0, sign);
    res.positiveSpans = pos.spans;
    res.positiveBuckets = pos.buckets;
    return res;
  }
  res.zeroThreshold = Math.max(a.zeroThreshold, b.zeroThreshold);
  res.zeroCount += sign * b.zeroCount;
  const target = Math.min(a.schema, b.schema);
  const pos = combineSide(a.positiveSpans, a.positiveBuckets, a.schema, b.positiveSpans, b.positiveBuckets, b.schema, target, sign);
  const neg = combineSide(a.negativeSpans, a.negativeBuckets, a.schema, b.negativeSpans, b.negativeBuckets, b.schema, target, sign);
  res.schema = target;
  res.positiveSpans = pos.spans;
  res.positiveBuckets = pos.buckets;
  res.negativeSpans = neg.spans;
  res.negativeBuckets = neg.buckets;
  return res;
}
