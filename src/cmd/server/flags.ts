/**
 * The flags of `vigil server`: the Prometheus 3 server flags Vigil acts on (and a few it
 * accepts for compatibility), their defaults, and the typed settings derived from them.
 */
import { formatBase2Bytes, formatDuration, parseBase2Bytes, parseDuration } from '../../config/index.js';
import { parseLogFormat, parseLogLevel, type LogFormat, type LogLevel } from '../../log/index.js';
import { boolFlag as bool, FlagValueError, parseFlags, stringFlag as str, type FlagSpec, type ParsedFlags } from '../kingpin/index.js';

function checkDuration(v: string): void {
  parseDuration(v);
}

function showDuration(v: string): string {
  return v === '' ? '0s' : formatDuration(parseDuration(v));
}

function checkInt(v: string): void {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v.trim())) throw new Error(`strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
}

function checkBytes(v: string): void {
  parseBase2Bytes(v);
}

const dur = (name: string, help: string, def?: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  help,
  kind: 'string',
  ...(def !== undefined ? { default: def } : {}),
  check: checkDuration,
  show: showDuration,
  ...extra,
});

const int = (name: string, help: string, def: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  help,
  kind: 'string',
  default: def,
  check: checkInt,
  show: (v) => String(Math.trunc(Number(v))),
  ...extra,
});



const bytes = (name: string, help: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  help,
  kind: 'string',
  check: checkBytes,
  show: (v) => formatBase2Bytes(v === '' ? 0 : parseBase2Bytes(v)),
  ...extra,
});

export const FEATURES_HELP =
  'Comma separated feature names to enable. Valid options: promql-experimental-functions, promql-duration-expr, promql-extended-range-selectors, promql-binop-fill-modifiers, promql-delayed-name-removal, exemplar-storage, extra-scrape-metrics, memory-snapshot-on-shutdown, concurrent-rule-eval. See https://prometheus.io/docs/prometheus/latest/feature_flags/ for more details.';

export const SERVER_FLAGS: readonly FlagSpec[] = [
  str('config.file', 'Prometheus configuration file path.', 'prometheus.yml'),
  bool('config.auto-reload', 'Enable automatic configuration file reloading. See also --config.auto-reload-interval.'),
  dur('config.auto-reload-interval', 'Specifies the interval for checking and automatically reloading the Prometheus configuration file upon detecting changes. Only used when --config.auto-reload is set.', '30s'),
  { name: 'web.listen-address', help: 'Address to listen on for UI, API, and telemetry. Can be repeated.', kind: 'strings', default: '0.0.0.0:9090' },
  str('web.config.file', '[EXPERIMENTAL] Path to configuration file that can enable TLS or authentication.', ''),
  dur('web.read-timeout', 'Maximum duration before timing out read of the request, and closing idle connections.', '5m'),
  int('web.max-connections', 'Maximum number of simultaneous connections across all listeners.', '512'),
  str('web.external-url', 'The URL under which Prometheus is externally reachable (for example, if Prometheus is served via a reverse proxy). Used for generating relative and absolute links back to Prometheus itself. If the URL has a path portion, it will be used to prefix all HTTP endpoints served by Prometheus. If omitted, relevant URL components will be derived automatically.', undefined, { placeholder: '<URL>' }),
  str('web.route-prefix', 'Prefix for the internal routes of web endpoints. Defaults to path of --web.external-url.', undefined, { placeholder: '<path>' }),
  str('web.user-assets', 'Path to static asset directory, available at /user.', undefined, { placeholder: '<path>' }),
  bool('web.enable-lifecycle', 'Enable shutdown and reload via HTTP request.'),
  bool('web.enable-admin-api', 'Enable API endpoints for admin control actions.'),
  bool('web.enable-remote-write-receiver', 'Enable API endpoint accepting remote write requests.'),
  bool('web.enable-otlp-receiver', 'Enable API endpoint accepting OTLP write requests.'),
  str('web.console.templates', 'Path to the console template directory, available at /consoles.', 'consoles'),
  str('web.console.libraries', 'Path to the console library directory.', 'console_libraries'),
  str('web.page-title', 'Document title of Prometheus instance.', 'Prometheus Time Series Collection and Processing Server'),
  str('web.cors.origin', "Regex for CORS origin. It is fully anchored. Example: 'https?://(domain1|domain2)\\.com'", '.*'),
  str('storage.tsdb.path', 'Base path for metrics storage.', 'data/'),
  str(
    'dashboards.provisioning-path',
    "Vigil: a Grafana provisioning directory (dashboards/*.yaml providers, datasources/*.yaml) for the dashboards the server shows. Dashboards saved in the UI are kept in <storage.tsdb.path>/dashboards/.",
    '',
  ),
  bool(
    'dashboards.anonymous-viewing',
    'Vigil: let visitors who are not signed in view dashboards (as Grafana\'s [auth.anonymous] enabled). With --no-dashboards.anonymous-viewing, reading dashboards, folders and data sources needs a signed-in user.',
    'true',
  ),
  dur('storage.tsdb.min-block-duration', 'Minimum duration of a data block before being persisted. For use in testing.', '2h', { hidden: true }),
  dur('storage.tsdb.max-block-duration', 'Maximum duration compacted blocks may span. For use in testing. (Defaults to 10% of the retention period.)', undefined, { hidden: true, placeholder: '<duration>' }),
  dur('storage.tsdb.retention', '[DEPRECATED] How long to retain samples in storage. Use "storage.tsdb.retention.time" instead.', undefined, { hidden: true }),
  dur('storage.tsdb.retention.time', '[DEPRECATED] How long to retain samples in storage. If neither this flag nor "storage.tsdb.retention.size" is set, the retention time defaults to 15d. Units Supported: y, w, d, h, m, s, ms. This flag has been deprecated, use the storage.tsdb.retention.time field in the config file instead.'),
  bytes('storage.tsdb.retention.size', '[DEPRECATED] Maximum number of bytes that can be stored for blocks. A unit is required, supported units: B, KB, MB, GB, TB, PB, EB. Ex: "512MB". Based on powers-of-2, so 1KB is 1024B. This flag has been deprecated, use the storage.tsdb.retention.size field in the config file instead.'),
  bool('storage.tsdb.no-lockfile', 'Do not create lockfile in data directory.'),
  bool('storage.tsdb.wal-compression', 'Compress the tsdb WAL.', 'true', { hidden: true }),
  dur('storage.remote.flush-deadline', 'How long to wait flushing sample on shutdown or config reload.', '1m', { placeholder: '<duration>' }),
  dur('rules.alert.for-outage-tolerance', 'Max time to tolerate prometheus outage for restoring "for" state of alert.', '1h'),
  dur('rules.alert.for-grace-period', 'Minimum duration between alert and restored "for" state. This is maintained only for alerts with configured "for" time greater than grace period.', '10m'),
  dur('rules.alert.resend-delay', 'Minimum amount of time to wait before resending an alert to Alertmanager.', '1m'),
  int('rules.max-concurrent-evals', 'Global concurrency limit for independent rules that can run concurrently. When set, "query.max-concurrency" may need to be adjusted accordingly.', '4'),
  int('alertmanager.notification-queue-capacity', 'The capacity of the queue for pending Alertmanager notifications.', '10000'),
  bool('alertmanager.drain-notification-queue-on-shutdown', 'Send any outstanding Alertmanager notifications when shutting down. If false, any outstanding Alertmanager notifications will be dropped when shutting down.', 'true'),
  dur('query.lookback-delta', 'The maximum lookback duration for retrieving metrics during expression evaluations and federation.', '5m'),
  dur('query.timeout', 'Maximum time a query may take before being aborted.', '2m'),
  int('query.max-concurrency', 'Maximum number of queries executed concurrently.', '20'),
  int('query.max-samples', 'Maximum number of samples a single query can load into memory. Note that queries will fail if they try to load more samples than this into memory, so this also limits the number of samples a query can return.', '50000000'),
  dur('scrape.discovery-reload-interval', 'Interval used by scrape manager to throttle target groups updates.', '5s', { hidden: true }),
  { name: 'enable-feature', help: FEATURES_HELP, kind: 'strings', placeholder: '' },
  {
    name: 'log.level',
    help: 'Only log messages with the given severity or above. One of: [debug, info, warn, error]',
    kind: 'string',
    default: 'info',
    check: (v) => {
      if (parseLogLevel(v) === null) throw new Error(`unrecognized log level ${JSON.stringify(v)}`);
    },
  },
  {
    name: 'log.format',
    help: 'Output format of log messages. One of: [logfmt, json]',
    kind: 'string',
    default: 'logfmt',
    check: (v) => {
      if (parseLogFormat(v) === null) throw new Error(`unrecognized log format ${JSON.stringify(v)}`);
    },
  },
];

/** The server's settings, typed (durations in ms). */
export interface ServerFlags {
  configFile: string;
  autoReload: boolean;
  autoReloadInterval: number;
  listenAddresses: string[];
  webConfigFile: string;
  readTimeout: number;
  maxConnections: number;
  externalUrl: string;
  routePrefix: string;
  enableLifecycle: boolean;
  enableAdminApi: boolean;
  corsOrigin: string;
  storagePath: string;
  dashboardsProvisioningPath: string;
  dashboardsAnonymousViewing: boolean;
  minBlockDuration: number;
  maxBlockDuration: number;
  /** 0 when not given. */
  retentionTime: number;
  retentionSize: number;
  noLockfile: boolean;
  walCompression: boolean;
  lookbackDelta: number;
  queryTimeout: number;
  queryMaxConcurrency: number;
  queryMaxSamples: number;
  discoveryReloadInterval: number;
  features: string[];
  /** --rules.alert.for-outage-tolerance, for-grace-period, resend-delay (ms). */
  ruleOutageTolerance: number;
  ruleForGracePeriod: number;
  ruleResendDelay: number;
  notificationQueueCapacity: number;
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** Every flag's value as text, for /api/v1/status/flags. */
  asStrings: Record<string, string>;
  help: boolean;
  version: boolean;
}

function durationOf(p: ParsedFlags, name: string): number {
  const v = p.values.get(name) ?? '';
  return v === '' ? 0 : parseDuration(v);
}

function intOf(p: ParsedFlags, name: string): number {
  return Math.trunc(Number(p.values.get(name) ?? '0'));
}

/** Parses the server's command line (throws FlagSyntaxError / FlagValueError). */
export function parseServerFlags(args: readonly string[]): ServerFlags {
  const p = parseFlags(SERVER_FLAGS, args);
  const v = (n: string): string => p.values.get(n) ?? '';
  const asStrings: Record<string, string> = {};
  for (const s of SERVER_FLAGS) {
    const raw = v(s.name);
    try {
      asStrings[s.name] = s.show !== undefined ? s.show(raw) : raw;
    } catch {
      asStrings[s.name] = raw;
    }
  }
  let retentionTime = durationOf(p, 'storage.tsdb.retention.time');
  if (!p.given.has('storage.tsdb.retention.time') && p.given.has('storage.tsdb.retention')) retentionTime = durationOf(p, 'storage.tsdb.retention');
  const sizeText = v('storage.tsdb.retention.size');
  const features = (p.lists.get('enable-feature') ?? []).flatMap((f) => f.split(',')).map((f) => f.trim()).filter((f) => f !== '');
  const listen = p.lists.get('web.listen-address') ?? [];
  if (listen.length === 0) throw new FlagValueError('no web.listen-address given');
  return {
    configFile: v('config.file'),
    autoReload: v('config.auto-reload') === 'true',
    autoReloadInterval: durationOf(p, 'config.auto-reload-interval'),
    listenAddresses: listen,
    webConfigFile: v('web.config.file'),
    readTimeout: durationOf(p, 'web.read-timeout'),
    maxConnections: intOf(p, 'web.max-connections'),
    externalUrl: v('web.external-url'),
    routePrefix: v('web.route-prefix'),
    enableLifecycle: v('web.enable-lifecycle') === 'true',
    enableAdminApi: v('web.enable-admin-api') === 'true',
    corsOrigin: v('web.cors.origin'),
    storagePath: v('storage.tsdb.path'),
    dashboardsProvisioningPath: v('dashboards.provisioning-path'),
    dashboardsAnonymousViewing: v('dashboards.anonymous-viewing') === 'true',
    minBlockDuration: durationOf(p, 'storage.tsdb.min-block-duration'),
    maxBlockDuration: durationOf(p, 'storage.tsdb.max-block-duration'),
    retentionTime,
    retentionSize: sizeText === '' ? 0 : parseBase2Bytes(sizeText),
    noLockfile: v('storage.tsdb.no-lockfile') === 'true',
    walCompression: v('storage.tsdb.wal-compression') === 'true',
    lookbackDelta: durationOf(p, 'query.lookback-delta'),
    queryTimeout: durationOf(p, 'query.timeout'),
    queryMaxConcurrency: intOf(p, 'query.max-concurrency'),
    queryMaxSamples: intOf(p, 'query.max-samples'),
    discoveryReloadInterval: durationOf(p, 'scrape.discovery-reload-interval'),
    features,
    ruleOutageTolerance: durationOf(p, 'rules.alert.for-outage-tolerance'),
    ruleForGracePeriod: durationOf(p, 'rules.alert.for-grace-period'),
    ruleResendDelay: durationOf(p, 'rules.alert.resend-delay'),
    notificationQueueCapacity: intOf(p, 'alertmanager.notification-queue-capacity'),
    logLevel: parseLogLevel(v('log.level')) ?? 'info',
    logFormat: parseLogFormat(v('log.format')) ?? 'logfmt',
    asStrings,
    help: p.help,
    version: p.version,
  };
}
