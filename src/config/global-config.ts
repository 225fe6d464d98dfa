/**
 * The `global` and `runtime` sections: defaults every scrape config inherits, external labels,
 * scrape protocols, metric name validation and escaping schemes.
 */
import { compareStrings, Labels } from '../model/labels/index.js';
import { isValidLabelName, type NameValidationScheme } from '../model/relabel/index.js';
import { goQuote } from '../model/strconv/index.js';
import {
  base2Bytes,
  type Codec,
  type Decoder,
  duration,
  int,
  joinDir,
  list,
  namedString,
  optionalBool,
  stringMap,
  str,
  struct,
  uint,
  bool,
} from './common/index.js';
import { isValidLabelValue } from './sd/index.js';

export const SCRAPE_PROTOCOL_HEADERS: Readonly<Record<string, string>> = {
  PrometheusProto: 'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited',
  'PrometheusText0.0.4': 'text/plain;version=0.0.4',
  'PrometheusText1.0.0': 'text/plain;version=1.0.0',
  'OpenMetricsText0.0.1': 'application/openmetrics-text;version=0.0.1',
  'OpenMetricsText1.0.0': 'application/openmetrics-text;version=1.0.0',
};

export const DEFAULT_SCRAPE_PROTOCOLS: readonly string[] = ['OpenMetricsText1.0.0', 'OpenMetricsText0.0.1', 'PrometheusText1.0.0', 'PrometheusText0.0.4'];
export const DEFAULT_PROTO_FIRST_SCRAPE_PROTOCOLS: readonly string[] = ['PrometheusProto', ...DEFAULT_SCRAPE_PROTOCOLS];

/** The escaping schemes a scrape may request (model.EscapingKey values). */
export const ESCAPING_SCHEMES: readonly string[] = ['allow-utf-8', 'underscores', 'dots', 'values'];

/** '' when unset in the file. */
export type ValidationSchemeSetting = '' | NameValidationScheme;

export interface GlobalConfig {
  scrape_interval: number;
  scrape_timeout: number;
  /** undefined: not set (each scrape config then picks a default). */
  scrape_protocols: string[] | undefined;
  evaluation_interval: number;
  rule_query_offset: number;
  query_log_file: string;
  scrape_failure_log_file: string;
  external_labels: Labels;
  body_size_limit: number;
  sample_limit: number;
  target_limit: number;
  label_limit: number;
  label_name_length_limit: number;
  label_value_length_limit: number;
  keep_dropped_targets: number;
  metric_name_validation_scheme: ValidationSchemeSetting;
  metric_name_escaping_scheme: string;
  scrape_native_histograms: boolean | undefined;
  convert_classic_histograms_to_nhcb: boolean;
  always_scrape_classic_histograms: boolean;
  extra_scrape_metrics: boolean | undefined;
}

export function defaultGlobalConfig(): GlobalConfig {
  return {
    scrape_interval: 60_000,
    scrape_timeout: 10_000,
    scrape_protocols: undefined,
    evaluation_interval: 60_000,
    rule_query_offset: 0,
    query_log_file: '',
    scrape_failure_log_file: '',
    external_labels: Labels.EMPTY,
    body_size_limit: 0,
    sample_limit: 0,
    target_limit: 0,
    label_limit: 0,
    label_name_length_limit: 0,
    label_value_length_limit: 0,
    keep_dropped_targets: 0,
    metric_name_validation_scheme: 'utf8',
    metric_name_escaping_scheme: 'allow-utf-8',
    scrape_native_histograms: false,
    convert_classic_histograms_to_nhcb: false,
    always_scrape_classic_histograms: false,
    extra_scrape_metrics: false,
  };
}

/** model.ValidationScheme's YAML form: '', 'legacy' or 'utf8'. */
export const validationScheme: Codec<ValidationSchemeSetting> = namedString('model.ValidationScheme', (v, d) => {
  if (v !== '' && v !== 'legacy' && v !== 'utf8') d.fail(`unrecognized ValidationScheme: ${goQuote(v)}`);
}) as Codec<ValidationSchemeSetting>;

/** labels.FromMap: sorted pairs; unlike Labels.fromObject, empty values are kept (external labels may be blank). */
export function labelsKeepingEmpty(obj: Readonly<Record<string, string>>): Labels {
  const pairs: string[] = [];
  for (const n of Object.keys(obj).sort(compareStrings)) pairs.push(n, obj[n] as string);
  return Labels.fromSortedPairs(pairs);
}

/** labels.Labels: a map[string]string (names validated later against the scheme). */
export const labelsMap: Codec<Labels> = {
  goType: 'map[string]string',
  zero: () => Labels.EMPTY,
  decode(n, d): Labels {
    return labelsKeepingEmpty(stringMap(str).decode(n, d));
  },
  isZero: (v) => v === undefined || v.isEmpty(),
  encode: (v) => v.toObject(),
};

/** A ScrapeProtocol list; nil stays undefined so scrape configs can tell "unset". */
export const scrapeProtocols: Codec<string[] | undefined> = {
  goType: '[]config.ScrapeProtocol',
  zero: () => undefined,
  decode: (n, d) => list(str).decode(n, d),
  isZero: (v) => v === undefined || v.length === 0,
  encode: (v) => v,
};

/** validateAcceptScrapeProtocols: returns the error text or null. */
export function validateScrapeProtocols(sps: readonly string[]): string | null {
  if (sps.length === 0) return 'scrape_protocols cannot be empty';
  const seen = new Set<string>();
  for (const sp of sps) {
    if (seen.has(sp.toLowerCase())) return `duplicated protocol in scrape_protocols, got [${sps.join(' ')}]`;
    const err = validateScrapeProtocol(sp);
    if (err) return `scrape_protocols: ${err}`;
    seen.add(sp.toLowerCase());
  }
  return null;
}

/** ScrapeProtocol.Validate. */
export function validateScrapeProtocol(sp: string): string | null {
  if (sp in SCRAPE_PROTOCOL_HEADERS) return null;
  return `unknown scrape protocol ${sp}, supported: [${Object.keys(SCRAPE_PROTOCOL_HEADERS).sort().join(' ')}]`;
}

const o = { omitempty: true } as const;

function validateGlobal(gc: GlobalConfig, d: Decoder): void {
  if (gc.metric_name_validation_scheme !== 'utf8' && gc.metric_name_validation_scheme !== 'legacy') {
    gc.metric_name_validation_scheme = 'utf8';
  }
  const scheme = gc.metric_name_validation_scheme;
  gc.external_labels.forEach((name, value) => {
    if (!isValidLabelName(name, scheme)) d.fail(`${goQuote(name)} is not a valid label name`);
    if (!isValidLabelValue(value)) d.fail(`${goQuote(value)} is not a valid label value`);
  });
  if (gc.scrape_interval === 0) gc.scrape_interval = 60_000;
  if (gc.scrape_timeout > gc.scrape_interval) d.fail('global scrape timeout greater than scrape interval');
  if (gc.scrape_timeout === 0) gc.scrape_timeout = Math.min(10_000, gc.scrape_interval);
  if (gc.evaluation_interval === 0) gc.evaluation_interval = 60_000;
  if (gc.scrape_native_histograms === undefined) gc.scrape_native_histograms = false;
  if (gc.extra_scrape_metrics === undefined) gc.extra_scrape_metrics = false;
  if (gc.scrape_protocols !== undefined) {
    const err = validateScrapeProtocols(gc.scrape_protocols);
    if (err) d.fail(`${err} for global config`);
  }
}

/** GlobalConfig.UnmarshalYAML: decoded over an empty config, then defaults and checks. */
export const globalConfigCodec = struct<GlobalConfig>({
  goType: 'config.plain',
  fields: {
    scrape_interval: { codec: duration, ...o },
    scrape_timeout: { codec: duration, ...o },
    scrape_protocols: { codec: scrapeProtocols, ...o },
    evaluation_interval: { codec: duration, ...o },
    rule_query_offset: { codec: duration, ...o },
    query_log_file: { codec: str, ...o },
    scrape_failure_log_file: { codec: str, ...o },
    external_labels: { codec: labelsMap, ...o },
    body_size_limit: { codec: base2Bytes, ...o },
    sample_limit: { codec: uint, ...o },
    target_limit: { codec: uint, ...o },
    label_limit: { codec: uint, ...o },
    label_name_length_limit: { codec: uint, ...o },
    label_value_length_limit: { codec: uint, ...o },
    keep_dropped_targets: { codec: uint, ...o },
    metric_name_validation_scheme: { codec: validationScheme, ...o },
    metric_name_escaping_scheme: { codec: str, ...o },
    scrape_native_histograms: { codec: optionalBool, ...o },
    convert_classic_histograms_to_nhcb: { codec: bool, ...o },
    always_scrape_classic_histograms: { codec: bool, ...o },
    extra_scrape_metrics: { codec: optionalBool, ...o },
  },
  defaults: () => ({
    ...defaultGlobalConfig(),
    scrape_interval: 0,
    scrape_timeout: 0,
    evaluation_interval: 0,
    metric_name_validation_scheme: '',
    metric_name_escaping_scheme: '',
    scrape_native_histograms: undefined,
    extra_scrape_metrics: undefined,
  }),
  validate: validateGlobal,
});

/** GlobalConfig.SetDirectory. */
export function setGlobalDirectory(gc: GlobalConfig, dir: string): void {
  gc.query_log_file = joinDir(dir, gc.query_log_file);
  gc.scrape_failure_log_file = joinDir(dir, gc.scrape_failure_log_file);
}

export interface RuntimeConfig {
  /** The Go GC target percentage upstream tunes; kept for compatibility (GOGC env or 75). */
  gogc: number;
}

export function defaultGoGC(): number {
  const env = process.env['GOGC'];
  if (env) {
    if (env.toLowerCase() === 'off') return -1;
    if (/^[+-]?\d+$/.test(env)) return Number(env);
  }
  return 75;
}

export const runtimeConfigCodec = struct<RuntimeConfig>({
  goType: 'config.RuntimeConfig',
  fields: { gogc: { codec: int, ...o } },
  defaults: () => ({ gogc: 0 }),
});

