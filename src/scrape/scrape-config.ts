/**
 * The parts of the configuration the scrape manager reads, with the YAML (snake_case) names
 * src/config uses. Durations are milliseconds. Kept structural so that src/config's types
 * satisfy it; fields a loader fills with defaults are optional here and defaulted by
 * scrapeDefaults() the way upstream's DefaultScrapeConfig does.
 */
import type { HTTPClientConfigLike } from '../httpclient/index.js';
import type { RelabelConfig } from '../model/relabel/index.js';

export interface ScrapeConfig extends HTTPClientConfigLike {
  job_name: string;
  honor_labels?: boolean;
  honor_timestamps?: boolean;
  track_timestamps_staleness?: boolean;
  params?: Readonly<Record<string, readonly string[]>> | null;
  /** ms */
  scrape_interval?: number;
  /** ms */
  scrape_timeout?: number;
  scrape_protocols?: readonly string[] | null;
  fallback_scrape_protocol?: string;
  scrape_native_histograms?: boolean | null;
  always_scrape_classic_histograms?: boolean | null;
  convert_classic_histograms_to_nhcb?: boolean | null;
  metrics_path?: string;
  scheme?: string;
  enable_compression?: boolean;
  /** bytes; 0 = no limit */
  body_size_limit?: number;
  sample_limit?: number;
  target_limit?: number;
  label_limit?: number;
  label_name_length_limit?: number;
  label_value_length_limit?: number;
  keep_dropped_targets?: number;
  metric_name_validation_scheme?: string;
  metric_name_escaping_scheme?: string;
  extra_scrape_metrics?: boolean | null;
  relabel_configs?: readonly RelabelConfig[] | null;
  metric_relabel_configs?: readonly RelabelConfig[] | null;
}

/** What applyConfig reads from the whole configuration. */
export interface ConfigLike {
  global?: { external_labels?: unknown } | null;
  scrape_configs?: readonly ScrapeConfig[] | null;
}

/** A scrape config with every field the scrape loop uses filled in (upstream defaults). */
export interface ResolvedScrapeConfig {
  readonly source: ScrapeConfig;
  readonly jobName: string;
  readonly honorLabels: boolean;
  readonly honorTimestamps: boolean;
  readonly trackTimestampsStaleness: boolean;
  readonly params: Readonly<Record<string, readonly string[]>>;
  readonly interval: number;
  readonly timeout: number;
  readonly protocols: readonly string[];
  readonly fallbackProtocol: string;
  readonly metricsPath: string;
  readonly scheme: string;
  readonly enableCompression: boolean;
  readonly bodySizeLimit: number;
  readonly sampleLimit: number;
  readonly targetLimit: number;
  readonly labelLimit: number;
  readonly labelNameLengthLimit: number;
  readonly labelValueLengthLimit: number;
  readonly keepDroppedTargets: number;
  readonly validationScheme: 'utf8' | 'legacy';
  readonly escapingScheme: string;
  readonly extraScrapeMetrics: boolean;
  readonly scrapeNativeHistograms: boolean;
  readonly alwaysScrapeClassicHistograms: boolean;
  readonly convertClassicHistogramsToNHCB: boolean;
  readonly relabelConfigs: readonly RelabelConfig[];
  readonly metricRelabelConfigs: readonly RelabelConfig[];
}

export const DEFAULT_SCRAPE_PROTOCOLS: readonly string[] = [
  'OpenMetricsText1.0.0',
  'OpenMetricsText0.0.1',
  'PrometheusText1.0.0',
  'PrometheusText0.0.4',
];

/** Fills what the loader may have left out, with upstream's defaults (1m interval, 10s timeout). */
export function resolveScrapeConfig(c: ScrapeConfig): ResolvedScrapeConfig {
  const interval = c.scrape_interval && c.scrape_interval > 0 ? c.scrape_interval : 60_000;
  const timeout = c.scrape_timeout && c.scrape_timeout > 0 ? c.scrape_timeout : Math.min(10_000, interval);
  const validationScheme = c.metric_name_validation_scheme === 'legacy' ? 'legacy' : 'utf8';
  let escapingScheme = c.metric_name_escaping_scheme ?? '';
  if (escapingScheme === '') escapingScheme = validationScheme === 'legacy' ? 'underscores' : 'allow-utf-8';
  return {
    source: c,
    jobName: c.job_name,
    honorLabels: c.honor_labels ?? false,
    honorTimestamps: c.honor_timestamps ?? true,
    trackTimestampsStaleness: c.track_timestamps_staleness ?? false,
    params: c.params ?? {},
    interval,
    timeout,
    protocols: c.scrape_protocols && c.scrape_protocols.length > 0 ? c.scrape_protocols : DEFAULT_SCRAPE_PROTOCOLS,
    fallbackProtocol: c.fallback_scrape_protocol ?? '',
    metricsPath: c.metrics_path || '/metrics',
    scheme: c.scheme || 'http',
    enableCompression: c.enable_compression ?? true,
    bodySizeLimit: c.body_size_limit ?? 0,
    sampleLimit: c.sample_limit ?? 0,
    targetLimit: c.target_limit ?? 0,
    labelLimit: c.label_limit ?? 0,
    labelNameLengthLimit: c.label_name_length_limit ?? 0,
    labelValueLengthLimit: c.label_value_length_limit ?? 0,
    keepDroppedTargets: c.keep_dropped_targets ?? 0,
    validationScheme,
    escapingScheme,
    extraScrapeMetrics: c.extra_scrape_metrics === true,
    scrapeNativeHistograms: c.scrape_native_histograms === true,
    alwaysScrapeClassicHistograms: c.always_scrape_classic_histograms === true,
    convertClassicHistogramsToNHCB: c.convert_classic_histograms_to_nhcb === true,
    relabelConfigs: c.relabel_configs ?? [],
    metricRelabelConfigs: c.metric_relabel_configs ?? [],
  };
}


const HTTP_CLIENT_FIELDS: ReadonlySet<string> = new Set([
  'basic_auth',
  'authorization',
  'oauth2',
  'bearer_token',
  'bearer_token_file',
  'tls_config',
  'proxy_url',
  'no_proxy',
  'proxy_from_environment',
  'proxy_connect_header',
  'follow_redirects',
  'enable_http2',
  'http_headers',
]);

/** Fields that do not change what a scrape stores (upstream zeroConfig). */
const CACHE_NEUTRAL_FIELDS: ReadonlySet<string> = new Set(['scrape_interval', 'scrape_timeout', 'sample_limit', ...HTTP_CLIENT_FIELDS]);

/** Structural equality of plain config values (reflect.DeepEqual for YAML-shaped data). */
export function deepEqual(a: unknown, b: unknown, skip?: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof RegExp || b instanceof RegExp) return String(a) === String(b);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) {
    if (skip?.has(k)) continue;
    const va = ra[k];
    const vb = rb[k];
    if (va === undefined && vb === undefined) continue;
    if (!deepEqual(va, vb)) return false;
  }
  return true;
}

/** Whether a scrape cache built under one config stays valid under the other (reusableCache). */
export function reusableCache(a: ScrapeConfig, b: ScrapeConfig): boolean {
  return deepEqual(a, b, CACHE_NEUTRAL_FIELDS);
}
