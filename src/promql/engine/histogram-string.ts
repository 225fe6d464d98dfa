/**
 * FloatHistogram.String() as upstream renders it (count_values uses it as a label value):
 * {count:N, sum:S, <negative buckets, highest first>, <zero bucket>, <positive buckets>},
 * each bucket as [lower,upper):count with Go's %g numbers.
 */
import { formatFloat } from '../../model/strconv/index.js';
import type { FloatHistogram, Span } from '../../model/value/index.js';
import { CustomBucketsSchema } from '../../model/value/index.js';

/** Upper bound of bucket idx (histogram.getBound). */
function getBound(idx: number, schema: number, custom: number[]): number {
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

interface Bucket {
  lower: number;
  upper: number;
  lowerInclusive: boolean;
  upperInclusive: boolean;
  count: number;
}

function bucketString(b: Bucket): string {
  return `${b.lowerInclusive ? '[' : '('}${formatFloat(b.lower)},${formatFloat(b.upper)}${b.upperInclusive ? ']' : ')'}:${formatFloat(b.count)}`;
}

function buckets(h: FloatHistogram, spans: Span[], counts: number[], positive: boolean): Bucket[] {
  const out: Bucket[] = [];
  let idx = 0;
  let bi = 0;
  for (let si = 0; si < spans.length; si++) {
    const span = spans[si] as Span;
    idx += span.offset;
    for (let j = 0; j < span.length && bi < counts.length; j++, bi++, idx++) {
      const count = counts[bi] as number;
      if (count === 0) continue;
      const lo = positive ? getBound(idx - 1, h.schema, h.customValues) : -getBound(idx, h.schema, h.customValues);
      const up = positive ? getBound(idx, h.schema, h.customValues) : -getBound(idx - 1, h.schema, h.customValues);
      const custom = h.schema === CustomBucketsSchema;
      out.push({
        lower: lo,
        upper: up,
        lowerInclusive: custom ? idx === 0 : lo < 0,
        upperInclusive: custom ? true : up > 0,
        count,
      });
    }
  }
  return out;
}

export function histogramString(h: FloatHistogram): string {
  let s = `{count:${formatFloat(h.count)}, sum:${formatFloat(h.sum)}`;
  const neg = buckets(h, h.negativeSpans, h.negativeBuckets, false);
  for (let i = neg.length - 1; i >= 0; i--) s += `, ${bucketString(neg[i] as Bucket)}`;
  if (h.zeroCount !== 0) {
    s += `, ${bucketString({ lower: -h.zeroThreshold, upper: h.zeroThreshold, lowerInclusive: true, upperInclusive: true, count: h.zeroCount })}`;
  }
  for (const b of buckets(h, h.positiveSpans, h.positiveBuckets, true)) s += `, ${bucketString(b)}`;
  return `${s}}`;
}
