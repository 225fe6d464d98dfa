/**
 * Block time ranges (Prometheus ExponentialBlockRanges and the rules of db.go / cmd/prometheus):
 * the head is cut into blocks of the smallest range (2h by default), and the leveled compactor
 * merges them into blocks of 3x, 9x, ... that range, up to the max block duration.
 */

/** 2h in ms: the default (and minimum) block duration. */
export const DEFAULT_BLOCK_DURATION = 2 * 60 * 60 * 1000;
const DAY = 24 * 60 * 60 * 1000;
/** The upper bound of the max block duration (31d), as cmd/prometheus. */
export const MAX_BLOCK_DURATION_CAP = 31 * DAY;

/** steps ranges starting at minSize, each stepSize times the previous one. */
export function exponentialBlockRanges(minSize: number, steps: number, stepSize: number): number[] {
  const out: number[] = [];
  let cur = minSize;
  for (let i = 0; i < steps; i++) {
    out.push(cur);
    cur *= stepSize;
  }
  return out;
}

/**
 * The max block duration Prometheus picks when none is configured: 10% of the time retention,
 * at most 31d (31d when time retention is off).
 */
export function defaultMaxBlockDuration(retentionTime: number): number {
  if (retentionTime > 0 && retentionTime / 10 < MAX_BLOCK_DURATION_CAP) return Math.trunc(retentionTime / 10);
  return MAX_BLOCK_DURATION_CAP;
}

/** The compaction ranges: exponential from minBlockDuration (x3, 10 steps), none above maxBlockDuration. */
export function compactionRanges(minBlockDuration: number, maxBlockDuration: number): number[] {
  const all = exponentialBlockRanges(minBlockDuration, 10, 3);
  const out: number[] = [];
  for (const r of all) {
    if (r > maxBlockDuration) break;
    out.push(r);
  }
  // The head always needs its block range, even when the max is below the min.
  return out.length > 0 ? out : [minBlockDuration];
}

/** The end of the width-aligned range holding t (Go's integer division: truncation). */
export function rangeForTimestamp(t: number, width: number): number {
  return Math.trunc(t / width) * width + width;
}
