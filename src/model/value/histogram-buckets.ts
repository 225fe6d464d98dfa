/**
 * The non-empty buckets of a native histogram with their bounds and inclusiveness, in
 * ascending order (negative buckets, the zero bucket, positive buckets), as upstream's bucket
 * iterators yield them; and FloatHistogram.String() built from them.
 */
import { formatFloat } from '../strconv/index.js';
import { CustomBucketsSchema, type FloatHistogram, type Span } from './histogram.js';

export interface HistogramBucket {
  lower: number;
  upper: number;
  lowerInclusive: boolean;
  upperInclusive: boolean;
  count: number;
}

/** Upper bound of bucket idx under a schema (histogram.getBound). */
export function bucketBound(idx: number, schema: number, custom: readonly number[]): number {
  if (schema === CustomBucketsSchema) {
    if (idx === custom.length) return Infinity;
    if (idx === -1) return -Infinity;
    return custom[idx] ?? NaN;
  }
  if (schema < 0) {
    const exp = idx * 2 ** -schema;
    if (exp === 1024) return Number.MAX_VALUE;
    return 2 ** exp;
  }
  const div = 2 ** schema;
  const fracIdx = ((idx % div) + div) % div;
  const exp = Math.floor(idx / div) + 1;
  const frac = 0.5 * 2 ** (fracIdx / div);
  if (frac === 0.5 && exp === 1025) return Number.MAX_VALUE;
  return frac * 2 ** exp;
}

/**
 * One side's buckets in index order. `clamp` keeps bounds outside the zero bucket, as the
 * API's AllBucketIterator does; String() prints the raw bounds.
 */
function side(h: FloatHistogram, spans: readonly Span[], counts: readonly number[], positive: boolean, clamp: boolean): HistogramBucket[] {
  const out: HistogramBucket[] = [];
  const custom = h.schema === CustomBucketsSchema;
  let idx = 0;
  let bi = 0;
  for (const span of spans) {
    idx += span.offset;
    for (let j = 0; j < span.length && bi < counts.length; j++, bi++, idx++) {
      const count = counts[bi] as number;
      if (count === 0) continue;
      let lower = positive ? bucketBound(idx - 1, h.schema, h.customValues) : -bucketBound(idx, h.schema, h.customValues);
      let upper = positive ? bucketBound(idx, h.schema, h.customValues) : -bucketBound(idx - 1, h.schema, h.customValues);
      const lowerInclusive = custom ? idx === 0 : lower < 0;
      const upperInclusive = custom ? true : upper > 0;
      if (clamp) {
        if (upper < 0 && upper > -h.zeroThreshold) upper = -h.zeroThreshold;
        else if (lower > 0 && lower < h.zeroThreshold) lower = h.zeroThreshold;
      }
      out.push({ lower, upper, lowerInclusive, upperInclusive, count });
    }
  }
  return out;
}

function zeroBucket(h: FloatHistogram): HistogramBucket {
  return { lower: -h.zeroThreshold, upper: h.zeroThreshold, lowerInclusive: true, upperInclusive: true, count: h.zeroCount };
}

/** The buckets the HTTP API lists (FloatHistogram.AllBucketIterator). */
export function histogramBuckets(h: FloatHistogram): HistogramBucket[] {
  const out = side(h, h.negativeSpans, h.negativeBuckets, false, true).reverse();
  if (h.zeroCount > 0 && h.schema !== CustomBucketsSchema) out.push(zeroBucket(h));
  for (const b of side(h, h.positiveSpans, h.positiveBuckets, true, true)) out.push(b);
  return out;
}

function bucketString(b: HistogramBucket): string {
  return `${b.lowerInclusive ? '[' : '('}${formatFloat(b.lower)},${formatFloat(b.upper)}${b.upperInclusive ? ']' : ')'}:${formatFloat(b.count)}`;
}

/**
 * FloatHistogram.String() (count_values uses it as a label value):
 * {count:N, sum:S, <negative buckets, highest first>, <zero bucket>, <positive buckets>}.
 */
export function histogramString(h: FloatHistogram): string {
  let s = `{count:${formatFloat(h.count)}, sum:${formatFloat(h.sum)}`;
  for (const b of side(h, h.negativeSpans, h.negativeBuckets, false, false).reverse()) s += `, ${bucketString(b)}`;
  if (h.zeroCount !== 0) s += `, ${bucketString(zeroBucket(h))}`;
  for (const b of side(h, h.positiveSpans, h.positiveBuckets, true, false)) s += `, ${bucketString(b)}`;
  return `${s}}`;
}
