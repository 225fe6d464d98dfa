/**
 * The top-level Config (prometheus.yml) and its decode-time validation (upstream's
 * Config.UnmarshalYAML): section defaults, rule file patterns, scrape config validation and
 * job name uniqueness, alerting, remote write/read names.
 */
import {
  type Decoder,
  isNull,
  list,
  ptr,
  stringList,
  struct,
  type YNode,
} from './common/index.js';
import { type AlertingConfig, alertingConfigCodec, validateAlerting } from './alerting-config.js';
import {
  defaultGlobalConfig,
  defaultGoGC,
  type GlobalConfig,
  globalConfigCodec,
  type RuntimeConfig,
  runtimeConfigCodec,
} from './global-config.js';
import { type RemoteReadConfig, remoteReadCodec, type RemoteWriteConfig, remoteWriteCodec } from './remote-config.js';
import { type ScrapeConfig, scrapeConfigCodec, validateScrapeConfig } from './scrape-config.js';
import {
  defaultOTLPConfig,
  type OTLPConfig,
  otlpConfigCodec,
  type StorageConfig,
  storageConfigCodec,
  type TracingConfig,
  tracingConfigCodec,
  zeroTracingConfig,
} from './storage-config.js';
import { validateRelabelList } from './relabel-list.js';

export interface Config {
  global: GlobalConfig;
  runtime: RuntimeConfig;
  alerting: AlertingConfig;
  rule_files: string[];
  scrape_config_files: string[];
  scrape_configs: ScrapeConfig[];
  storage: StorageConfig;
  tracing: TracingConfig;
  remote_write: RemoteWriteConfig[];
  remote_read: RemoteReadConfig[];
  otlp: OTLPConfig;
}

/** Rule and scrape config file patterns: a glob only in the last path element. */
const PAT_RULE_PATH = /^[^*]*(\*[^/]*)?$/;

const o = { omitempty: true } as const;

/** The Config as decoded, before the nulls of pointer lists are rejected. */
interface RawConfig extends Omit<Config, 'scrape_configs' | 'remote_write' | 'remote_read'> {
  scrape_configs: (ScrapeConfig | undefined)[];
  remote_write: (RemoteWriteConfig | undefined)[];
  remote_read: (RemoteReadConfig | undefined)[];
}

function isZeroGlobal(g: GlobalConfig): boolean {
  return globalConfigCodec.isZero(g);
}

export function defaultTSDBConfig(): NonNullable<StorageConfig['tsdb']> {
  return { out_of_order_time_window: 0, stale_series_compaction_threshold: 0, chunk_encoding: { floats: '' }, retention: { time: 0, size: 0, percentage: 0 } };
}

function checkPatterns(c: RawConfig, d: Decoder): void {
  for (const rf of c.rule_files) if (!PAT_RULE_PATH.test(rf)) d.fail(`invalid rule file path "${rf}"`);
  for (const sf of c.scrape_config_files) if (!PAT_RULE_PATH.test(sf)) d.fail(`invalid scrape config file path "${sf}"`);
}

function validateRemotes(c: RawConfig, d: Decoder): void {
  const scheme = c.global.metric_name_validation_scheme === 'legacy' ? 'legacy' : 'utf8';
  const rwNames = new Set<string>();
  for (const rw of c.remote_write) {
    if (!rw) return d.fail('empty or null remote write config section');
    if (rw.name !== '' && rwNames.has(rw.name)) d.fail(`found multiple remote write configs with job name "${rw.name}"`);
    validateRelabelList(rw.write_relabel_configs, scheme, d);
    rwNames.add(rw.name);
  }
  const rrNames = new Set<string>();
  for (const rr of c.remote_read) {
    if (!rr) return d.fail('empty or null remote read config section');
    if (rr.name !== '' && rrNames.has(rr.name)) d.fail(`found multiple remote read configs with job name "${rr.name}"`);
    rrNames.add(rr.name);
  }
}

function validateConfig(c: RawConfig, d: Decoder): void {
  if (isZeroGlobal(c.global)) c.global = defaultGlobalConfig();
  if (c.runtime.gogc === 0) c.runtime = { gogc: defaultGoGC() };
  if (c.storage.tsdb === undefined) c.storage.tsdb = defaultTSDBConfig();
  checkPatterns(c, d);
  const jobs = new Set<string>();
  for (const sc of c.scrape_configs) {
    validateScrapeConfig(sc, c.global, d);
    if (jobs.has(sc.job_name)) d.fail(`found multiple scrape configs with job name "${sc.job_name}"`);
    jobs.add(sc.job_name);
  }
  validateAlerting(c.alerting, c.global.metric_name_validation_scheme === 'legacy' ? 'legacy' : 'utf8', d);
  validateRemotes(c, d);
}

export function defaultConfig(): Config {
  return {
    global: defaultGlobalConfig(),
    runtime: { gogc: defaultGoGC() },
    alerting: { alert_relabel_configs: [], alertmanagers: [] },
    rule_files: [],
    scrape_config_files: [],
    scrape_configs: [],
    storage: { tsdb: defaultTSDBConfig(), exemplars: undefined },
    tracing: zeroTracingConfig(),
    remote_write: [],
    remote_read: [],
    otlp: defaultOTLPConfig(),
  };
}

export const configCodec = struct<RawConfig>({
  goType: 'config.plain',
  fields: {
    global: { codec: globalConfigCodec },
    runtime: { codec: runtimeConfigCodec, ...o },
    alerting: { codec: alertingConfigCodec, ...o },
    rule_files: { codec: stringList, ...o },
    scrape_config_files: { codec: stringList, ...o },
    scrape_configs: { codec: list(ptr(scrapeConfigCodec)), ...o },
    storage: { codec: storageConfigCodec, ...o },
    tracing: { codec: tracingConfigCodec, ...o },
    remote_write: { codec: list(ptr(remoteWriteCodec)), ...o },
    remote_read: { codec: list(ptr(remoteReadCodec)), ...o },
    otlp: { codec: otlpConfigCodec, ...o },
  },
  defaults: (): RawConfig => ({ ...defaultConfig(), storage: { tsdb: undefined, exemplars: undefined } }),
  validate: validateConfig,
});

/** Decodes a whole document (null for an empty one) into a validated Config. */
export function decodeConfig(root: YNode | null, d: Decoder): Config {
  if (root === null || isNull(root)) return defaultConfig();
  const c = configCodec.decode(root, d);
  d.finish();
  return c as Config;
}
