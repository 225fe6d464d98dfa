/**
 * Read-only comparisons of native histograms used by changes() and resets():
 * FloatHistogram.Equals and a partial FloatHistogram.DetectReset.
 */
import { CounterResetHint, CustomBucketsSchema, type FloatHistogram, type Span } from '../../model/value/index.js';

const bitsView = new DataView(new ArrayBuffer(16));

function sameBits(a: number, b: number): boolean {
  if (a === b && a !== 0) return true;
  bitsView.setFloat64(0, a);
  bitsView.setFloat64(8, b);
  return bitsView.getBigUint64(0) === bitsView.getBigUint64(8);
}

function usesCustomBuckets(h: FloatHistogram): boolean {
  return h.schema === CustomBucketsSchema;
}

function boundsMatch(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Spans describing the same bucket layout, ignoring empty spans (spansMatch). */
function spansMatch(s1: Span[], s2: Span[]): boolean {
  const norm = (s: Span[]): Span[] => {
    const out: Span[] = [];
    let pendingOffset = 0;
    for (const sp of s) {
      if (sp.length === 0) {
        pendingOffset += sp.offset;
        continue;
      }
      out.push({ offset: sp.offset + pendingOffset, length: sp.length });
      pendingOffset = 0;
    }
    return out;
  };
  const a = norm(s1);
  const b = norm(s2);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Span;
    const y = b[i] as Span;
    if (x.offset !== y.offset || x.length !== y.length) return false;
  }
  return true;
}

function bucketsMatch(b1: number[], b2: number[]): boolean {
  if (b1.length !== b2.length) return false;
  for (let i = 0; i < b1.length; i++) if (!sameBits(b1[i] as number, b2[i] as number)) return false;
  return true;
}

/** FloatHistogram.Equals: same schema, counts, sum (bitwise), thresholds, layout and buckets. */
export function histogramEquals(h: FloatHistogram, h2: FloatHistogram): boolean {
  if (h.schema !== h2.schema || !sameBits(h.count, h2.count) || !sameBits(h.sum, h2.sum)) return false;
  if (usesCustomBuckets(h) && !boundsMatch(h.customValues, h2.customValues)) return false;
  if (h.zeroThreshold !== h2.zeroThreshold || !sameBits(h.zeroCount, h2.zeroCount)) return false;
  return (
    spansMatch(h.negativeSpans, h2.negativeSpans) &&
    bucketsMatch(h.negativeBuckets, h2.negativeBuckets) &&
    spansMatch(h.positiveSpans, h2.positiveSpans) &&
    bucketsMatch(h.positiveBuckets, h2.positiveBuckets)
  );
}

/** Bucket counts by absolute index, reduced to targetSchema (exponential schemas only). */
function bucketsByIndex(spans: Span[], buckets: number[], schema: number, targetSchema: number): Map<number, number> {
  const out = new Map<number, number>();
  const shift = schema - targetSchema;
  let idx = 0;
  let bi = 0;
  for (let s = 0; s < spans.length; s++) {
    const sp = spans[s] as Span;
    idx += sp.offset;
    for (let j = 0; j < sp.length; j++, idx++, bi++) {
      const target = shift > 0 ? ((idx - 1) >> shift) + 1 : idx;
      out.set(target, (out.get(target) ?? 0) + (buckets[bi] ?? 0));
    }
  }
  return out;
}

function anyBucketDecreased(cur: Map<number, number>, prev: Map<number, number>): boolean {
  for (const [idx, count] of prev) {
    if (count !== 0 && (cur.get(idx) ?? 0) < count) return true;
  }
  return false;
}

/**
 * FloatHistogram.DetectReset: whether h is a counter reset relative to previous.
 * TODO(native histograms): two cases are coarser than upstream: any change of the zero
 * threshold counts as a reset (upstream accepts a larger threshold that does not cut through a
 * populated bucket), and mismatched custom bounds count as a reset only via the total count
 * (upstream compares the reconciled buckets). The native-histogram issue brings the exact logic.
 */
export function detectHistogramReset(h: FloatHistogram, previous: FloatHistogram): boolean {
  if (h.counterResetHint === CounterResetHint.CounterReset) return true;
  if (h.counterResetHint === CounterResetHint.NotCounterReset) return false;
  if (h.count < previous.count) return true;
  if (usesCustomBuckets(h)) {
    if (!usesCustomBuckets(previous)) return true;
    if (!boundsMatch(h.customValues, previous.customValues)) return false;
  }
  if (h.schema > previous.schema) return true;
  if (h.zeroThreshold !== previous.zeroThreshold) return true;
  if (h.zeroCount < previous.zeroCount) return true;
  const target = h.schema;
  const curPos = bucketsByIndex(h.positiveSpans, h.positiveBuckets, h.schema, target);
  const prevPos = bucketsByIndex(previous.positiveSpans, previous.positiveBuckets, previous.schema, target);
  if (anyBucketDecreased(curPos, prevPos)) return true;
  const curNeg = bucketsByIndex(h.negativeSpans, h.negativeBuckets, h.schema, target);
  const prevNeg = bucketsByIndex(previous.negativeSpans, previous.negativeBuckets, previous.schema, target);
  return anyBucketDecreased(curNeg, prevNeg);
}
