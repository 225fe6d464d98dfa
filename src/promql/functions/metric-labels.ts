/**
 * Metric-name handling shared by the functions: which labels a function drops from its
 * output, and delayed name removal (sample.dropName) as upstream's functions.go does it.
 */
import { Labels, MetricName } from '../../model/labels/index.js';
import type { Sample } from '../value/index.js';
import type { EvalNodeHelper } from './function-call.js';

const withoutMetadata = new WeakMap<Labels, Labels>();

/**
 * labels.DropReserved(schema.IsMetadataLabel): the labels without the metric's schema labels
 * __name__, __type__ and __unit__ (memoised per Labels object).
 */
export function dropMetadataLabels(metric: Labels): Labels {
  let r = withoutMetadata.get(metric);
  if (r === undefined) {
    r = computeDropMetadata(metric);
    withoutMetadata.set(metric, r);
  }
  return r;
}

function isMetadataLabel(name: string): boolean {
  return name === MetricName || name === '__type__' || name === '__unit__';
}

function computeDropMetadata(ls: Labels): Labels {
  const p = ls.pairs;
  let hit = false;
  for (let i = 0; i < p.length; i += 2) {
    const n = p[i] as string;
    if (isMetadataLabel(n)) {
      hit = true;
      break;
    }
    if (n > '__unit__') break;
  }
  if (!hit) return ls;
  const out: string[] = [];
  for (let i = 0; i < p.length; i += 2) {
    const n = p[i] as string;
    if (!isMetadataLabel(n)) out.push(n, p[i + 1] as string);
  }
  return Labels.fromSortedPairs(out);
}

export function metricName(metric: Labels): string {
  return metric.get(MetricName);
}

/**
 * The labels of a sample produced by a function that drops the metric name: unchanged when
 * delayed name removal is on (the sample then carries dropName), else without the metadata labels.
 */
export function nameDroppedMetric(enh: EvalNodeHelper, metric: Labels): Labels {
  return enh.enableDelayedNameRemoval ? metric : dropMetadataLabels(metric);
}

/** A float output sample that drops the metric name (upstream: DropName: true). */
export function nameDroppingSample(enh: EvalNodeHelper, metric: Labels, f: number): Sample {
  return { metric: nameDroppedMetric(enh, metric), t: enh.ts, f, h: null, dropName: true };
}

/** A float result of a range-vector function; the engine attaches the series' labels. */
export function rangeResult(enh: EvalNodeHelper, f: number): Sample {
  return { metric: Labels.EMPTY, t: enh.ts, f, h: null, dropName: false };
}
