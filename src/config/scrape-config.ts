/**
 * A scrape config (`scrape_configs` entries and scrape_config_files): the job, its targets'
 * discovery, the HTTP client settings inlined, limits, protocols, name validation, and the
 * Validate step that fills unset values from the global config.
 */
import type { RelabelConfig } from '../model/relabel/index.js';
import {
  base2Bytes,
  bool,
  type Decoder,
  duration,
  float64,
  type HTTPClientConfig,
  checkHTTPClientConfig,
  defaultHTTPClientConfig,
  httpClientFields,
  joinDir,
  list,
  namedString,
  optionalBool,
  ptr,
  setHTTPClientDirectory,
  str,
  stringMap,
  struct,
  uint,
} from './common/index.js';
import {
  DEFAULT_PROTO_FIRST_SCRAPE_PROTOCOLS,
  DEFAULT_SCRAPE_PROTOCOLS,
  ESCAPING_SCHEMES,
  type GlobalConfig,
  scrapeProtocols,
  validateScrapeProtocol,
  validateScrapeProtocols,
  validationScheme,
  type ValidationSchemeSetting,
} from './global-config.js';
import { relabelList, validateRelabelList } from './relabel-list.js';
import { collectSDConfigs, encodeSDConfigs, type SDConfig, sdExtraFields, setSDDirectory } from './sd/index.js';

export interface ScrapeConfig extends HTTPClientConfig {
  job_name: string;
  honor_labels: boolean;
  honor_timestamps: boolean;
  track_timestamps_staleness: boolean;
  /** Query parameters (url.Values). */
  params: Record<string, string[]>;
  scrape_interval: number;
  scrape_timeout: number;
  scrape_protocols: string[] | undefined;
  fallback_scrape_protocol: string;
  scrape_native_histograms: boolean | undefined;
  always_scrape_classic_histograms: boolean | undefined;
  convert_classic_histograms_to_nhcb: boolean | undefined;
  scrape_failure_log_file: string;
  metrics_path: string;
  scheme: string;
  enable_compression: boolean;
  body_size_limit: number;
  sample_limit: number;
  target_limit: number;
  label_limit: number;
  label_name_length_limit: number;
  label_value_length_limit: number;
  native_histogram_bucket_limit: number;
  native_histogram_min_bucket_factor: number;
  keep_dropped_targets: number;
  metric_name_validation_scheme: ValidationSchemeSetting;
  metric_name_escaping_scheme: string;
  extra_scrape_metrics: boolean | undefined;
  /** Not a YAML key: every `*_sd_configs` / `static_configs` entry, in upstream's order. */
  service_discovery_configs: SDConfig[];
  relabel_configs: RelabelConfig[];
  metric_relabel_configs: RelabelConfig[];
}

export function defaultScrapeConfig(): ScrapeConfig {
  return {
    job_name: '',
    honor_labels: false,
    honor_timestamps: true,
    track_timestamps_staleness: false,
    params: Object.create(null) as Record<string, string[]>,
    scrape_interval: 0,
    scrape_timeout: 0,
    scrape_protocols: undefined,
    fallback_scrape_protocol: '',
    scrape_native_histograms: undefined,
    always_scrape_classic_histograms: undefined,
    convert_classic_histograms_to_nhcb: undefined,
    scrape_failure_log_file: '',
    metrics_path: '/metrics',
    scheme: 'http',
    enable_compression: true,
    body_size_limit: 0,
    sample_limit: 0,
    target_limit: 0,
    label_limit: 0,
    label_name_length_limit: 0,
    label_value_length_limit: 0,
    native_histogram_bucket_limit: 0,
    native_histogram_min_bucket_factor: 0,
    keep_dropped_targets: 0,
    metric_name_validation_scheme: '',
    metric_name_escaping_scheme: '',
    extra_scrape_metrics: undefined,
    ...defaultHTTPClientConfig(),
    service_discovery_configs: [],
    relabel_configs: [],
    metric_relabel_configs: [],
  };
}

const o = { omitempty: true } as const;

/** CheckTargetAddress: a target must not look like a URL. */
export function checkTargetAddress(address: string): string | null {
  return address.includes('/') ? `"${address}" is not a valid hostname` : null;
}

/** checkStaticTargets over a config's SD list; fails on the first URL-like target. */
export function checkStaticTargets(configs: readonly SDConfig[], d: Decoder): void {
  for (const c of configs) {
    if (c.mechanism !== 'static') continue;
    for (const g of c.groups) {
      for (const t of g.targets) {
        const err = checkTargetAddress(t.get('__address__'));
        if (err) d.fail(err);
      }
    }
  }
}

function afterDecode(c: ScrapeConfig, d: Decoder): void {
  collectSDConfigs(c, d);
  if (c.job_name === '') d.fail('job_name is empty');
  checkHTTPClientConfig(c, d);
  if (c.relabel_configs.length === 0) checkStaticTargets(c.service_discovery_configs, d);
}

export const scrapeConfigCodec = struct<ScrapeConfig>({
  goType: 'config.ScrapeConfig',
  fields: {
    job_name: { codec: str },
    honor_labels: { codec: bool, ...o },
    honor_timestamps: { codec: bool },
    track_timestamps_staleness: { codec: bool },
    params: { codec: stringMap(list(str)), ...o },
    scrape_interval: { codec: duration, ...o },
    scrape_timeout: { codec: duration, ...o },
    scrape_protocols: { codec: scrapeProtocols, ...o },
    fallback_scrape_protocol: { codec: namedString('config.ScrapeProtocol'), ...o },
    scrape_native_histograms: { codec: optionalBool, ...o },
    always_scrape_classic_histograms: { codec: optionalBool, ...o },
    convert_classic_histograms_to_nhcb: { codec: optionalBool, ...o },
    scrape_failure_log_file: { codec: str, ...o },
    metrics_path: { codec: str, ...o },
    scheme: { codec: str, ...o },
    enable_compression: { codec: bool },
    body_size_limit: { codec: base2Bytes, ...o },
    sample_limit: { codec: uint, ...o },
    target_limit: { codec: uint, ...o },
    label_limit: { codec: uint, ...o },
    label_name_length_limit: { codec: uint, ...o },
    label_value_length_limit: { codec: uint, ...o },
    native_histogram_bucket_limit: { codec: uint, ...o },
    native_histogram_min_bucket_factor: { codec: float64, ...o },
    keep_dropped_targets: { codec: uint, ...o },
    metric_name_validation_scheme: { codec: validationScheme, ...o },
    metric_name_escaping_scheme: { codec: str, ...o },
    extra_scrape_metrics: { codec: optionalBool, ...o },
    ...httpClientFields,
    relabel_configs: { codec: relabelList('empty or null target relabeling rule in scrape config'), ...o },
    metric_relabel_configs: { codec: relabelList('empty or null metric relabeling rule in scrape config'), ...o },
  },
  defaults: defaultScrapeConfig,
  validate: afterDecode,
  extra: sdExtraFields<ScrapeConfig>(),
  encodeExtra: (c, out) => encodeSDConfigs(c.service_discovery_configs, out),
});

function inheritLimits(c: ScrapeConfig, g: GlobalConfig): void {
  if (c.body_size_limit === 0) c.body_size_limit = g.body_size_limit;
  if (c.sample_limit === 0) c.sample_limit = g.sample_limit;
  if (c.target_limit === 0) c.target_limit = g.target_limit;
  if (c.label_limit === 0) c.label_limit = g.label_limit;
  if (c.label_name_length_limit === 0) c.label_name_length_limit = g.label_name_length_limit;
  if (c.label_value_length_limit === 0) c.label_value_length_limit = g.label_value_length_limit;
  if (c.keep_dropped_targets === 0) c.keep_dropped_targets = g.keep_dropped_targets;
  if (c.scrape_failure_log_file === '') c.scrape_failure_log_file = g.scrape_failure_log_file;
  if (c.scrape_native_histograms === undefined) c.scrape_native_histograms = g.scrape_native_histograms;
  if (c.extra_scrape_metrics === undefined) c.extra_scrape_metrics = g.extra_scrape_metrics;
}

function escapingError(scope: string, got: string): string {
  return `unknown ${scope} name escaping method specified, must be one of 'allow-utf-8', 'underscores', 'dots', or 'values', got "${got}"`;
}

function validateNaming(c: ScrapeConfig, g: GlobalConfig, d: Decoder): void {
  if (g.metric_name_validation_scheme !== 'legacy' && g.metric_name_validation_scheme !== 'utf8') {
    d.fail('global name validation method must be set');
  }
  const localUnset = c.metric_name_validation_scheme === '';
  if (localUnset) c.metric_name_validation_scheme = g.metric_name_validation_scheme;
  let globalEscaping = g.metric_name_escaping_scheme;
  if (globalEscaping === '') globalEscaping = g.metric_name_validation_scheme === 'legacy' ? 'underscores' : 'allow-utf-8';
  else if (!ESCAPING_SCHEMES.includes(globalEscaping)) d.fail(escapingError('global', globalEscaping));
  if (c.metric_name_escaping_scheme === '') {
    if (localUnset) c.metric_name_escaping_scheme = globalEscaping;
    else c.metric_name_escaping_scheme = c.metric_name_validation_scheme === 'legacy' ? 'underscores' : 'allow-utf-8';
  }
  if (c.metric_name_escaping_scheme === 'allow-utf-8') {
    if (c.metric_name_validation_scheme !== 'utf8') d.fail('utf8 metric names requested but validation scheme is not set to UTF8');
  } else if (!ESCAPING_SCHEMES.includes(c.metric_name_escaping_scheme)) {
    d.fail(escapingError('scrape config', c.metric_name_escaping_scheme));
  }
}

/**
 * ScrapeConfig.Validate: fills unset values from the global config and checks the timeout,
 * protocols, naming schemes and relabel rules. Throws (via d) with upstream's text.
 */
export function validateScrapeConfig(c: ScrapeConfig | undefined, g: GlobalConfig, d: Decoder): asserts c is ScrapeConfig {
  if (c === undefined || c === null) return d.fail('empty or null scrape config section');
  if (c.scrape_interval === 0) c.scrape_interval = g.scrape_interval;
  if (c.scrape_timeout > c.scrape_interval) {
    d.fail(`scrape timeout greater than scrape interval for scrape config with job name "${c.job_name}"`);
  }
  if (c.scrape_timeout === 0) c.scrape_timeout = Math.min(g.scrape_timeout, c.scrape_interval);
  inheritLimits(c, g);
  if (c.scrape_protocols === undefined) {
    if (g.scrape_protocols !== undefined) c.scrape_protocols = [...g.scrape_protocols];
    else if (c.scrape_native_histograms === true) c.scrape_protocols = [...DEFAULT_PROTO_FIRST_SCRAPE_PROTOCOLS];
    else c.scrape_protocols = [...DEFAULT_SCRAPE_PROTOCOLS];
  }
  const perr = validateScrapeProtocols(c.scrape_protocols);
  if (perr) d.fail(`${perr} for scrape config with job name "${c.job_name}"`);
  if (c.fallback_scrape_protocol !== '') {
    const ferr = validateScrapeProtocol(c.fallback_scrape_protocol);
    if (ferr) d.fail(`invalid fallback_scrape_protocol for scrape config with job name "${c.job_name}": ${ferr}`);
  }
  validateNaming(c, g, d);
  if (c.convert_classic_histograms_to_nhcb === undefined) c.convert_classic_histograms_to_nhcb = g.convert_classic_histograms_to_nhcb;
  if (c.always_scrape_classic_histograms === undefined) c.always_scrape_classic_histograms = g.always_scrape_classic_histograms;
  const scheme = c.metric_name_validation_scheme === 'legacy' ? 'legacy' : 'utf8';
  validateRelabelList(c.relabel_configs, scheme, d);
  validateRelabelList(c.metric_relabel_configs, scheme, d);
}

/** ScrapeConfig.SetDirectory. */
export function setScrapeDirectory(c: ScrapeConfig, dir: string): void {
  setSDDirectory(c.service_discovery_configs, dir);
  setHTTPClientDirectory(c, dir);
  c.scrape_failure_log_file = joinDir(dir, c.scrape_failure_log_file);
}

/** `scrape_config_files` file contents: only a scrape_configs list. */
export interface ScrapeConfigs {
  scrape_configs: (ScrapeConfig | undefined)[];
}

export const scrapeConfigsFileCodec = struct<ScrapeConfigs>({
  goType: 'config.ScrapeConfigs',
  fields: { scrape_configs: { codec: list(ptr(scrapeConfigCodec)), ...o } },
  defaults: () => ({ scrape_configs: [] }),
});
