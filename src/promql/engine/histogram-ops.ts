/**
 * The few native-histogram operations the engine needs itself. Full histogram arithmetic
 * (adding histograms of different layouts, compaction) belongs to the native-histogram
 * issue; until then addition is done when the bucket layouts agree and reported as
 * unsupported (null) otherwise.
 */
import { CustomBucketsSchema } from '../../model/value/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import type { Span } from '../../model/value/index.js';

/** FloatHistogram.Size() in bytes, as upstream estimates it. */
export function histogramByteSize(h: FloatHistogram): number {
  return (
    168 +
    8 * (h.positiveSpans.length + h.negativeSpans.length) +
    8 * (h.positiveBuckets.length + h.negativeBuckets.length + h.customValues.length)
  );
}

/** HPoint.size(): how many float samples a histogram point counts as. */
export function histogramPointSize(h: FloatHistogram): number {
  return Math.floor((histogramByteSize(h) + 8) / 16);
}

/** Vector.TotalSamples() contribution of one histogram sample (beyond the 1 every sample counts). */
export function histogramSampleExtra(h: FloatHistogram): number {
  return Math.floor(histogramByteSize(h) / 16);
}

/** A copy of h with every count and the sum multiplied by factor (FloatHistogram.Mul). */
export function scaleHistogram(h: FloatHistogram, factor: number): FloatHistogram {
  const r = h.copy();
  r.zeroCount *= factor;
  r.count *= factor;
  r.sum *= factor;
  for (let i = 0; i < r.positiveBuckets.length; i++) r.positiveBuckets[i] = (r.positiveBuckets[i] as number) * factor;
  for (let i = 0; i < r.negativeBuckets.length; i++) r.negativeBuckets[i] = (r.negativeBuckets[i] as number) * factor;
  return r;
}

/** A copy of h divided by d (FloatHistogram.Div). */
export function divideHistogram(h: FloatHistogram, d: number): FloatHistogram {
  const r = h.copy();
  r.zeroCount /= d;
  r.count /= d;
  r.sum /= d;
  for (let i = 0; i < r.positiveBuckets.length; i++) r.positiveBuckets[i] = (r.positiveBuckets[i] as number) / d;
  for (let i = 0; i < r.negativeBuckets.length; i++) r.negativeBuckets[i] = (r.negativeBuckets[i] as number) / d;
  return r;
}

function spansEqual(a: Span[], b: Span[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as Span;
    const y = b[i] as Span;
    if (x.offset !== y.offset || x.length !== y.length) return false;
  }
  return true;
}

function numsEqual(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i]) && a[i] !== b[i]) return false;
  return true;
}

function sameLayout(a: FloatHistogram, b: FloatHistogram): boolean {
  return (
    a.schema === b.schema &&
    a.zeroThreshold === b.zeroThreshold &&
    spansEqual(a.positiveSpans, b.positiveSpans) &&
    spansEqual(a.negativeSpans, b.negativeSpans) &&
    (a.schema !== CustomBucketsSchema || numsEqual(a.customValues, b.customValues))
  );
}

/**
 * a + sign*b when both share one bucket layout; null when the layouts differ (needs the
 * full histogram arithmetic, not available yet).
 */
export function addHistograms(a: FloatHistogram, b: FloatHistogram, sign: 1 | -1): FloatHistogram | null {
  if (!sameLayout(a, b)) return null;
  const r = a.copy();
  r.zeroCount += sign * b.zeroCount;
  r.count += sign * b.count;
  r.sum += sign * b.sum;
  for (let i = 0; i < r.positiveBuckets.length; i++) {
    r.positiveBuckets[i] = (r.positiveBuckets[i] as number) + sign * (b.positiveBuckets[i] as number);
  }
  for (let i = 0; i < r.negativeBuckets.length; i++) {
    r.negativeBuckets[i] = (r.negativeBuckets[i] as number) + sign * (b.negativeBuckets[i] as number);
  }
  return r;
}

