/**
 * Texts of the annotations PromQL functions emit, word for word as Prometheus's
 * util/annotations (without the "PromQL warning: " / "PromQL info: " prefix and the position,
 * which the Annotations class and annotationText add).
 */
import { formatGoFloat } from './go-float.js';

const GO_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Go's %q (strconv.Quote) for the strings that appear in annotations. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = GO_ESCAPES[ch];
    if (esc !== undefined) {
      out += esc;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else if ((cp >= 0x80 && cp < 0xa0) || cp === 0xad) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function maybeAddMetricName(text: string, metricName: string): string {
  return metricName === '' ? text : `${text} for metric name ${goQuote(metricName)}`;
}

export function invalidQuantileWarning(q: number): string {
  return `quantile value should be between 0 and 1, got ${formatGoFloat(q)}`;
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

export function nativeHistogramNotCounterWarning(metricName: string): string {
  return `this native histogram metric is not a counter: ${goQuote(metricName)}`;
}

export function nativeHistogramNotGaugeWarning(metricName: string): string {
  return `this native histogram metric is not a gauge: ${goQuote(metricName)}`;
}

export function mixedExponentialCustomHistogramsWarning(metricName: string): string {
  return `vector contains a mix of histograms with exponential and custom buckets schemas for metric name ${goQuote(metricName)}`;
}

/** Emitted by the engine (not by rate() itself, as upstream) once per series with results. */
export function possibleNonCounterInfo(metricName: string): string {
  return `metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${goQuote(metricName)}`;
}

/** Emitted by the engine when the type-and-unit labels feature is on. */
export function possibleNonCounterLabelInfo(metricName: string, typeLabel: string): string {
  return `metric might not be a counter, __type__ label is not set to "counter" or "histogram", got ${goQuote(typeLabel)}: ${goQuote(metricName)}`;
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

export function nativeHistogramQuantileNaNResultInfo(metricName: string): string {
  return maybeAddMetricName('input to histogram_quantile has NaN observations, result is NaN', metricName);
}

export function nativeHistogramQuantileNaNSkewInfo(metricName: string): string {
  return maybeAddMetricName('input to histogram_quantile has NaN observations, result is skewed higher', metricName);
}

export function nativeHistogramFractionNaNsInfo(metricName: string): string {
  return maybeAddMetricName(
    'input to histogram_fraction has NaN observations, which are excluded from all fractions',
    metricName,
  );
}

export function startTimeOverlapBase(metricName: string): string {
  return `sample has start time that overlaps with previous sample timestamp for metric ${goQuote(metricName)}`;
}

export function sortInRangeQueryWarning(): string {
  return 'sort is ineffective for range queries since results are always ordered by labels';
}
