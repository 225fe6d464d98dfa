/**
 * The non-empty buckets of a native histogram in ascending order, with their bounds and
 * inclusiveness, as FloatHistogram.AllBucketIterator yields them (negative buckets, the zero
 * bucket, positive buckets; bounds clamped at the zero threshold).
 */
import type { FloatHistogram, Span } from '../../../model/value/index.js';
import { CustomBucketsSchema } from '../../../model/value/index.js';

export interface HistogramBucket {
  lower: number;
  upper: number;
  lowerInclusive: boolean;
  upperInclusive: boolean;
  count: number;
}

/** Upper bound of bucket idx (histogram.getBound). */
function bound(idx: number, schema: number, custom: readonly number[]): number {
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

function side(h: FloatHistogram, spans: readonly Span[], counts: readonly number[], positive: boolean): HistogramBucket[] {
  const out: HistogramBucket[] = [];
  const custom = h.schema === CustomBucketsSchema;
  let idx = 0;
  let bi = 0;
  for (const span of spans) {
    idx += span.offset;
    for (let j = 0; j < span.length && bi < counts.length; j++, bi++, idx++) {
      const count = counts[bi] as number;
      if (count === 0) continue;
      let lower = positive ? bound(idx - 1, h.schema, h.customValues) : -bound(idx, h.schema, h.customValues);
      let upper = positive ? bound(idx, h.schema, h.customValues) : -bound(idx - 1, h.schema, h.customValues);
      const lowerInclusive = custom ? idx === 0 : lower < 0;
      const upperInclusive = custom ? true : upper > 0;
      if (upper < 0 && upper > -h.zeroThreshold) upper = -h.zeroThreshold;
      else if (lower > 0 && lower < h.zeroThreshold) lower = h.zeroThreshold;
      out.push({ lower, upper, lowerInclusive, upperInclusive, count });
    }
  }
  return out;
}

export function histogramBuckets(h: FloatHistogram): HistogramBucket[] {
  const out = side(h, h.negativeSpans, h.negativeBuckets, false).reverse();
  if (h.zeroCount > 0 && h.schema !== CustomBucketsSchema) {
    out.push({ lower: -h.zeroThreshold, upper: h.zeroThreshold, lowerInclusive: true, upperInclusive: true, count: h.zeroCount });
  }
  for (const b of side(h, h.positiveSpans, h.positiveBuckets, true)) out.push(b);
  return out;
}
