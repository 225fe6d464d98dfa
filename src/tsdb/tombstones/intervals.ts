/**
 * Deletion interval arithmetic (Prometheus tombstones.Intervals). Intervals are inclusive
 * [mint, maxt]; lists are sorted and non-overlapping, with adjacent intervals merged.
 * Open ends may be -Infinity / Infinity.
 */
import type { Interval } from './reader.js';

export function inBounds(iv: Interval, t: number): boolean {
  return t >= iv.mint && t <= iv.maxt;
}

/** True if iv lies entirely inside one of the intervals. */
export function isSubrange(iv: Interval, intervals: readonly Interval[]): boolean {
  for (const r of intervals) if (inBounds(r, iv.mint) && inBounds(r, iv.maxt)) return true;
  return false;
}

/** First index i in [lo, hi) with pred(i) true (hi if none); pred must be monotone. */
function search(lo: number, hi: number, pred: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Adds n to a sorted interval list, merging overlapping and adjacent intervals. Mutates and
 * returns ivs (the caller owns it).
 */
export function addInterval(ivs: Interval[], n: Interval): Interval[] {
  if (ivs.length === 0) {
    ivs.push({ mint: n.mint, maxt: n.maxt });
    return ivs;
  }
  const mini = search(0, ivs.length, (i) => (ivs[i] as Interval).maxt >= n.mint - 1);
  if (mini === ivs.length) {
    ivs.push({ mint: n.mint, maxt: n.maxt });
    return ivs;
  }
  const maxi = search(mini, ivs.length, (i) => (ivs[i] as Interval).mint > n.maxt + 1);
  if (maxi === mini) {
    ivs.splice(mini, 0, { mint: n.mint, maxt: n.maxt });
    return ivs;
  }
  const first = ivs[mini] as Interval;
  const last = ivs[maxi - 1] as Interval;
  const merged = { mint: Math.min(first.mint, n.mint), maxt: Math.max(n.maxt, last.maxt) };
  ivs.splice(mini, maxi - mini, merged);
  return ivs;
}

/** True if [mint, maxt] overlaps the closed interval iv. */
export function overlapsClosed(mint: number, maxt: number, iv: Interval): boolean {
  return mint <= iv.maxt && iv.mint <= maxt;
}
