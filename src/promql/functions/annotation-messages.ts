/**
 * Texts of the annotations PromQL functions emit, word for word as Prometheus's
 * util/annotations (without the "PromQL warning: " / "PromQL info: " prefix and the position,
 * which the Annotations class and annotationText add).
 */
import { formatFloat, goQuote } from '../../model/strconv/index.js';

function maybeAddMetricName(text: string, metricName: string): string {
  return metricName === '' ? text : `${text} for metric name ${goQuote(metricName)}`;
}

export function invalidQuantileWarning(q: number): string {
  return `quantile value should be between 0 and 1, got ${formatFloat(q)}`;
}

export function badBucketLabelWarning(metricName: string, label: string): string {
  return maybeAddMetricName(`bucket label "le" is missing or has a malformed value of ${goQuote(label)}`, metricName);
}

export function mixedFloatsHistogramsWarning(metricName: string): string {
  return `encountered a mix of histograms and floats for metric name ${goQuote(metricName)}`;
}

export function mixedClassicNativeHistogramsWarning(metricName: string): string {
  return maybeAddMetricName('vector contains a mix of classic and native histograms', metricName);
}

export function mixedExponentialCustomHistogramsWarning(metricName: string): string {
  return `vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${goQuote(metricName)}`;
}

/** Emitted by the engine (not by rate() itself, as upstream) once per series with results. */
export function possibleNonCounterInfo(metricName: string): string {
  return `metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${goQuote(metricName)}`;
}

export function histogramIgnoredInMixedRangeInfo(metricName: string): string {
  return `ignored histograms in a range containing both floats and histograms for metric name ${goQuote(metricName)}`;
}

export function histogramQuantileForcedMonotonicityBase(metricName: string): string {
  return maybeAddMetricName(
    'input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)',
    metricName,
  );
}

export function startTimeOverlapBase(metricName: string): string {
  return `sample has start time that overlaps with previous sample timestamp for metric ${goQuote(metricName)}`;
}

export function sortInRangeQueryWarning(): string {
  return 'sort is ineffective for range queries since results are always ordered by labels';
}
