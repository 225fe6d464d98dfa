/**
 * Metric-name dropping: operations that change a metric's meaning drop __name__ (and the
 * __type__/__unit__ metadata labels) right away, or, with delayed name removal, mark the
 * series and drop the labels at the end of evaluation (engine.go cleanupMetricLabels,
 * mergeSeriesWithSameLabelset).
 */
import { dropMetadataLabels } from '../functions/index.js';
import type { HPoint, Matrix, Series } from '../value/index.js';
import { FPoints } from '../value/index.js';
import { EvalError } from './errors.js';

const DUP = 'vector cannot contain metrics with the same labelset';

/**
 * Merges series that ended up with equal label sets (e.g. after dropping names) when their
 * timestamps do not overlap; overlapping timestamps are an error.
 */
export function mergeSeriesWithSameLabelset(mat: Matrix): Matrix {
  if (mat.length <= 1) return mat;
  const groups = new Map<string, Series[]>();
  let dup = false;
  for (const s of mat) {
    const k = s.metric.key();
    const g = groups.get(k);
    if (g === undefined) groups.set(k, [s]);
    else {
      g.push(s);
      dup = true;
    }
  }
  if (!dup) return mat;
  const merged: Matrix = [];
  for (const g of groups.values()) {
    if (g.length === 1) {
      merged.push(g[0] as Series);
      continue;
    }
    merged.push(mergeGroup(g));
  }
  return merged;
}

function mergeGroup(g: Series[]): Series {
  const base = g[0] as Series;
  const pts: { t: number; f: number }[] = [];
  const hs: HPoint[] = [];
  for (const s of g) {
    for (let i = 0; i < s.floats.length; i++) pts.push({ t: s.floats.t[i] as number, f: s.floats.f[i] as number });
    hs.push(...s.histograms);
  }
  pts.sort((a, b) => a.t - b.t);
  hs.sort((a, b) => a.t - b.t);
  for (let i = 1; i < pts.length; i++) if ((pts[i] as { t: number }).t === (pts[i - 1] as { t: number }).t) throw new EvalError(DUP);
  for (let i = 1; i < hs.length; i++) if ((hs[i] as HPoint).t === (hs[i - 1] as HPoint).t) throw new EvalError(DUP);
  const floats = new FPoints(Math.max(1, pts.length));
  for (const p of pts) floats.push(p.t, p.f);
  return { metric: base.metric, floats, histograms: hs, dropName: base.dropName };
}

/** At the end of evaluation with delayed name removal: drop marked names, then check uniqueness. */
export function cleanupMatrix(mat: Matrix): Matrix {
  for (const s of mat) if (s.dropName) s.metric = dropMetadataLabels(s.metric);
  return mergeSeriesWithSameLabelset(mat);
}
