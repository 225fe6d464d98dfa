/** Small shared pieces of evaluation: per-call node helpers and sample accounting. */
import type { EvalNodeHelper } from '../functions/index.js';
import type { Matrix } from '../value/index.js';
import { histogramPointSize } from './histogram-ops.js';

/** Cache key under which binary-operator nodes keep their number of match signatures. */
export const NUM_SIGS_KEY = '\x00numSigs';

export function newNodeHelper(enableDelayedNameRemoval: boolean): EvalNodeHelper {
  return { ts: 0, out: [], startTimestamps: null, enableDelayedNameRemoval, cache: new Map() };
}

/** Number of samples a matrix holds, histograms weighted by size (upstream's accounting). */
export function matrixTotalSamples(m: Matrix): number {
  let n = 0;
  for (const s of m) {
    n += s.floats.length;
    for (const hp of s.histograms) n += histogramPointSize(hp.h);
  }
  return n;
}
