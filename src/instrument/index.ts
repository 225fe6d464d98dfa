/**
 * Instrumentation: a metrics registry (counters, gauges, histograms, summaries, function-backed
 * values), the text exposition format 0.0.4, and the process_* collector.
 */
export {
  Counter,
  CounterChild,
  DEFAULT_BUCKETS,
  FuncMetric,
  Gauge,
  GaugeChild,
  Histogram,
  HistogramChild,
  MetricDefinitionError,
  Summary,
  SummaryChild,
  type Collector,
  type MetricFamily,
  type MetricOpts,
  type MetricSample,
  type MetricType,
} from './metric.js';
export { Registry, TEXT_CONTENT_TYPE, writeTextFormat } from './registry.js';
export { NodeRuntimeCollector, ProcessCollector } from './process-collector.js';
