/**
 * Exposition-format parsers (upstream model/textparse): the Prometheus text format 0.0.4 and
 * OpenMetrics 1.0 text, a pull API over bytes, the OpenMetrics family-rule validator used by the
 * conformance suite, and the expfmt-style metric-family reader + promlint used by `check metrics`.
 */
export {
  type BodyScratch,
  type Entry,
  EntryComment,
  EntryEOF,
  EntryHelp,
  EntryHistogram,
  EntryInvalid,
  EntrySeries,
  EntryType,
  EntryUnit,
  type Exemplar,
  type MetricMetadata,
  type MetricType,
  ParseError,
  type Parser,
  type SeriesLookup,
  type SeriesSample,
  type StringInterner,
} from './interface.js';
export { PromParser, newPromParser, type PromParserOptions } from './prom-parse.js';
export { OpenMetricsParser, type OpenMetricsParserOptions } from './openmetrics-parse.js';
export {
  ContentTypeError,
  extractMediaType,
  newParser,
  type NewParserOptions,
  parseMediaType,
  SCRAPE_PROTOCOL_MEDIA_TYPES,
} from './new-parser.js';
export { formatOpenMetricsFloat, NumberError } from './go-strconv.js';
export { OpenMetricsValidator, validateOpenMetrics } from './openmetrics-validate.js';
export {
  type FamilyMetric,
  type FamilyType,
  type MetricFamily,
  MetricFamilyParser,
  type NameValidation,
  parseMetricFamilies,
} from './metric-families.js';
export { type LintProblem, lintMetricFamilies } from './promlint.js';
