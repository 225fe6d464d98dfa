/**
 * Metric-name handling shared by the functions: which labels a function drops from its
 * output, and delayed name removal (sample.dropName) as upstream's functions.go does it.
 */
import { Labels, MetricName } from '../../model/labels/index.js';
import type { Sample } from '../value/index.js';
import type { EvalNodeHelper } from './function-call.js';

/** Labels that make up a metric's schema (schema.IsMetadataLabel): name, type and unit. */
const METADATA_LABELS = [MetricName, '__type__', '__unit__'];

/** labels.DropReserved(schema.IsMetadataLabel). */
export function dropMetadataLabels(metric: Labels): Labels {
  const p = metric.pairs;
  for (let i = 0; i < p.length; i += 2) {
    const n = p[i] as string;
    if (n === MetricName || n === '__type__' || n === '__unit__') return metric.without(...METADATA_LABELS);
  }
  return metric;
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
