/**
 * Quantile arithmetic (upstream promql/quantile.go): the φ-quantile of a set of values
 * (quantile_over_time, mad_over_time) and of classic histogram buckets (histogram_quantile,
 * histogram_fraction), with the monotonicity fix for inconsistent bucket counts.
 */
import { isStaleNaN } from '../../model/value/index.js';

/**
 * Relative difference between adjacent bucket counts below which histogram_quantile treats
 * them as equal (floating point artifacts), in either direction.
 */
const SMALL_DELTA_TOLERANCE = 1e-12;
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * util/almost.Equal: a and b differ by less than epsilon relative to their size; NaN equals
 * NaN, but a stale marker equals only a stale marker.
 */
export function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    // A stale marker is a NaN that equals only a stale marker.
    const sa = isStaleNaN(a);
    const sb = isStaleNaN(b);
    if (sa || sb) return sa && sb;
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/**
 * Sorts values[0:n] in place the way upstream sorts samples by value: NaNs first, then ascending.
 */
export function sortValuesNaNFirst(values: Float64Array, n: number): void {
  let nans = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) {
      values[i] = values[nans] as number;
      values[nans] = v;
      nans++;
    }
  }
  values.subarray(nans, n).sort();
}

/**
 * The q-quantile of values[0:n] (sorted in place first), interpolating between the two closest
 * ranks. NaN for no values or q = NaN; -Inf for q < 0; +Inf for q > 1.
 */
export function quantileOfValues(q: number, values: Float64Array, n: number): number {
  if (n === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  sortValuesNaNFirst(values, n);
  const rank = q * (n - 1);
  const lowerIndex = Math.max(0, Math.floor(rank));
  const upperIndex = Math.min(n - 1, lowerIndex + 1);
  const weight = rank - Math.floor(rank);
  return (values[lowerIndex] as number) * (1 - weight) + (values[upperIndex] as number) * weight;
}

/** The buckets of one classic histogram: parallel upper bounds and cumulative counts. */
export class ClassicBuckets {
  upper: number[] = [];
  count: number[] = [];
  length = 0;

  push(upperBound: number, count: number): void {
    this.upper[this.length] = upperBound;
    this.count[this.length] = count;
    this.length++;
  }

  clear(): void {
    this.length = 0;
  }

  /** Sorts by upper bound (insertion sort: bucket lists are short and often nearly sorted). */
  sort(): void {
    const u = this.upper;
    const c = this.count;
    for (let i = 1; i < this.length; i++) {
      const ub = u[i] as number;
      const cnt = c[i] as number;
      let j = i - 1;
      while (j >= 0 && (u[j] as number) > ub) {
        u[j + 1] = u[j] as number;
        c[j + 1] = c[j] as number;
        j--;
      }
      u[j + 1] = ub;
      c[j + 1] = cnt;
    }
  }

  /** Merges buckets with the same upper bound (input sorted), summing their counts. */
  coalesce(): void {
    if (this.length === 0) return;
    const u = this.upper;
    const c = this.count;
    let lastU = u[0] as number;
    let lastC = c[0] as number;
    let k = 0;
    for (let i = 1; i < this.length; i++) {
      if (u[i] === lastU) {
        lastC += c[i] as number;
      } else {
        u[k] = lastU;
        c[k] = lastC;
        k++;
        lastU = u[i] as number;
        lastC = c[i] as number;
      }
    }
    u[k] = lastU;
    c[k] = lastC;
    this.length = k + 1;
  }
}

export interface MonotonicityFix {
  forcedMonotonic: boolean;
  fixedPrecision: boolean;
  minBucket: number;
  maxBucket: number;
  maxDiff: number;
}

/**
 * ensureMonotonicAndIgnoreSmallDeltas: flattens numerically insignificant differences between
 * adjacent counts, then removes any decrease (the envelope of the counts).
 */
export function ensureMonotonic(b: ClassicBuckets, tolerance: number): BucketQuantileResult {
  const fix: BucketQuantileResult = {
    quantile: NaN,
    forcedMonotonic: false,
    fixedPrecision: false,
    minBucket: Infinity,
    maxBucket: -Infinity,
    maxDiff: 0,
  };
  const c = b.count;
  let prev = c[0] as number;
  for (let i = 1; i < b.length; i++) {
    const curr = c[i] as number;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, tolerance)) {
      c[i] = prev;
      fix.fixedPrecision = true;
      continue;
    }
    if (curr < prev) {
      c[i] = prev;
      fix.forcedMonotonic = true;
      const ub = b.upper[i] as number;
      if (ub < fix.minBucket) fix.minBucket = ub;
      if (ub > fix.maxBucket) fix.maxBucket = ub;
      if (prev - curr > fix.maxDiff) fix.maxDiff = prev - curr;
      continue;
    }
    prev = curr;
  }
  return fix;
}

export interface BucketQuantileResult extends MonotonicityFix {
  quantile: number;
}

function noFix(quantile: number): BucketQuantileResult {
  return { quantile, forcedMonotonic: false, fixedPrecision: false, minBucket: 0, maxBucket: 0, maxDiff: 0 };
}

/**
 * BucketQuantile: the q-quantile of a classic histogram, interpolating linearly within the
 * bucket (lower bound 0 for the first bucket if its upper bound is positive; the upper bound of
 * the second-highest bucket if the quantile falls into the +Inf bucket). Sorts and fixes b.
 */
export function bucketQuantile(q: number, b: ClassicBuckets): BucketQuantileResult {
  if (Number.isNaN(q)) return noFix(NaN);
  if (q < 0) return noFix(-Infinity);
  if (q > 1) return noFix(Infinity);
  b.sort();
  if (b.upper[b.length - 1] !== Infinity) return noFix(NaN);
  b.coalesce();
  const fix = ensureMonotonic(b, SMALL_DELTA_TOLERANCE);
  const n = b.length;
  const observations = b.count[n - 1] as number;
  if (n < 2 || observations === 0) return fix;
  let rank = q * observations;
  // First bucket among the first n-1 with count >= rank (sort.Search).
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((b.count[mid] as number) >= rank) hi = mid;
    else lo = mid + 1;
  }
  const i = lo;
  let quantile: number;
  if (i === n - 1) {
    quantile = b.upper[n - 2] as number;
  } else if (i === 0 && (b.upper[0] as number) <= 0) {
    quantile = b.upper[0] as number;
  } else {
    let bucketStart = 0;
    const bucketEnd = b.upper[i] as number;
    let count = b.count[i] as number;
    if (i > 0) {
      bucketStart = b.upper[i - 1] as number;
      count -= b.count[i - 1] as number;
      rank -= b.count[i - 1] as number;
    }
    quantile = bucketStart + (bucketEnd - bucketStart) * (rank / count);
  }
  fix.quantile = quantile;
  return fix;
}

/** BucketFraction: the fraction of observations between lower and upper in a classic histogram. */
export function bucketFraction(lower: number, upper: number, b: ClassicBuckets): number {
  b.sort();
  if (b.upper[b.length - 1] !== Infinity) return NaN;
  b.coalesce();
  const n = b.length;
  const count = b.count[n - 1] as number;
  if (count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;

  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  let lowerBound = (b.upper[0] as number) <= 0 ? -Infinity : 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) lowerBound = b.upper[i - 1] as number;
    const upperBound = b.upper[i] as number;
    const bucketCount = b.count[i] as number;
    const interpolate = (v: number): number =>
      lowerBound === -Infinity ? bucketCount : rank + ((bucketCount - rank) * (v - lowerBound)) / (upperBound - lowerBound);
    if (!lowerSet && lowerBound >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && lowerBound >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && lowerBound < lower && upperBound > lower) {
      lowerRank = interpolate(lower);
      lowerSet = true;
    }
    if (!upperSet && lowerBound < upper && upperBound > upper) {
      upperRank = interpolate(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank = bucketCount;
  }
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return (upperRank - lowerRank) / count;
}
