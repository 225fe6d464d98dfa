/**
 * The flags of `vigil alertmanager`: Alertmanager 0.25's command line (kingpin v2), with its
 * defaults and help texts, the cluster flags accepted for compatibility (Vigil runs a single
 * node), and the typed settings derived from them (durations in ms).
 */
import { formatGoDuration, parseGoDuration } from '../../alertmanager/config/index.js';
import { parseLogFormat, parseLogLevel, type LogFormat, type LogLevel } from '../../log/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { boolFlag as bool, parseFlags, stringFlag as str, wrapWords, type FlagSpec, type ParsedFlags } from '../kingpin/index.js';

const GO_UNITS = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h']);

/** time.ParseDuration as kingpin's Duration() flag applies it (Go's error texts). */
export function parseFlagDuration(v: string): number {
  for (const m of v.matchAll(/[0-9.]+([^0-9.]+)/g)) {
    const unit = m[1] ?? '';
    if (!GO_UNITS.has(unit)) throw new Error(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(v)}`);
  }
  return parseGoDuration(v);
}

function checkInt(v: string): void {
  if (!/^[+-]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(v)) throw new Error(`strconv.ParseFloat: parsing ${goQuote(v)}: invalid syntax`);
}

const dur = (name: string, help: string, def: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({
  name,
  help,
  kind: 'string',
  default: def,
  check: (v) => void parseFlagDuration(v),
  show: (v) => formatGoDuration(v === '' ? 0 : parseFlagDuration(v)),
  ...extra,
});



export const ALERTMANAGER_FLAGS: readonly FlagSpec[] = [
  str('config.file', 'Alertmanager configuration file name.', 'alertmanager.yml'),
  str('storage.path', 'Base path for data storage.', 'data/'),
  dur('data.retention', 'How long to keep data for.', '120h'),
  dur('data.maintenance-interval', 'Interval between garbage collection and snapshotting to disk of the silences and the notification logs.', '15m'),
  dur('alerts.gc-interval', 'Interval between alert GC.', '30m'),
  bool('web.systemd-socket', 'Use systemd socket activation listeners instead of port listeners (Linux only).'),
  { name: 'web.listen-address', help: 'Addresses on which to expose metrics and web interface. Repeatable for multiple addresses.', kind: 'strings', default: ':9093' },
  str('web.config.file', '[EXPERIMENTAL] Path to configuration file that can enable TLS or authentication.', ''),
  str(
    'web.external-url',
    'The URL under which Alertmanager is externally reachable (for example, if Alertmanager is served via a reverse proxy). Used for generating relative and absolute links back to Alertmanager itself. If the URL has a path portion, it will be used to prefix all HTTP endpoints served by Alertmanager. If omitted, relevant URL components will be derived automatically.',
  ),
  str('web.route-prefix', 'Prefix for the internal routes of web endpoints. Defaults to path of --web.external-url.'),
  {
    name: 'web.get-concurrency',
    help: 'Maximum number of GET requests processed concurrently. If negative or zero, the limit is GOMAXPROC or 8, whichever is larger.',
    kind: 'string',
    default: '0',
    check: checkInt,
  },
  dur('web.timeout', 'Timeout for HTTP requests. If negative or zero, no timeout is set.', '0'),
  str('cluster.listen-address', 'Listen address for cluster. Set to empty string to disable HA mode.', '0.0.0.0:9094'),
  str('cluster.advertise-address', 'Explicit address to advertise in cluster.'),
  { name: 'cluster.peer', help: 'Initial peers (may be repeated).', kind: 'strings' },
  dur('cluster.peer-timeout', 'Time to wait between peers to send notifications.', '15s'),
  dur(
    'cluster.gossip-interval',
    'Interval between sending gossip messages. By lowering this value (more frequent) gossip messages are propagated across the cluster more quickly at the expense of increased bandwidth.',
    '200ms',
  ),
  dur(
    'cluster.pushpull-interval',
    'Interval for gossip state syncs. Setting this interval lower (more frequent) will increase convergence speeds across larger clusters at the expense of increased bandwidth usage.',
    '1m0s',
  ),
  dur('cluster.tcp-timeout', 'Timeout for establishing a stream connection with a remote node for a full state sync, and for stream read and write operations.', '10s'),
  dur(
    'cluster.probe-timeout',
    'Timeout to wait for an ack from a probed node before assuming it is unhealthy. This should be set to 99-percentile of RTT (round-trip time) on your network.',
    '500ms',
  ),
  dur(
    'cluster.probe-interval',
    'Interval between random node probes. Setting this lower (more frequent) will cause the cluster to detect failed nodes more quickly at the expense of increased bandwidth usage.',
    '1s',
  ),
  dur('cluster.settle-timeout', 'Maximum time to wait for cluster connections to settle before evaluating notifications.', '1m0s'),
  dur('cluster.reconnect-interval', 'Interval between attempting to reconnect to lost peers.', '10s'),
  dur('cluster.reconnect-timeout', 'Length of time to attempt to reconnect to a lost peer.', '6h0m0s'),
  str('cluster.tls-config', '[EXPERIMENTAL] Path to config yaml file that can enable mutual TLS within the gossip protocol.', ''),
  bool('cluster.allow-insecure-public-advertise-address-discovery', '[EXPERIMENTAL] Allow alertmanager to discover and listen on a public IP address.'),
  {
    name: 'log.level',
    help: 'Only log messages with the given severity or above. One of: [debug, info, warn, error]',
    kind: 'string',
    default: 'info',
    check: (v) => {
      if (parseLogLevel(v) === null) throw new Error(`unrecognized log level ${goQuote(v)}`);
    },
  },
  {
    name: 'log.format',
    help: 'Output format of log messages. One of: [logfmt, json]',
    kind: 'string',
    default: 'logfmt',
    check: (v) => {
      if (parseLogFormat(v) === null) throw new Error(`unrecognized log format ${goQuote(v)}`);
    },
  },
];

/** The Alertmanager's settings, typed (durations in ms). */
export interface AlertmanagerFlags {
  configFile: string;
  storagePath: string;
  retention: number;
  maintenanceInterval: number;
  alertGCInterval: number;
  listenAddresses: string[];
  webConfigFile: string;
  externalUrl: string;
  routePrefix: string;
  /** --web.get-concurrency as given (<= 0: max(CPUs, 8)). */
  getConcurrency: number;
  /** --web.timeout in ms (<= 0: none). */
  httpTimeout: number;
  /** --cluster.listen-address ("" disables HA mode; Vigil never clusters). */
  clusterListenAddress: string;
  clusterPeers: string[];
  logLevel: LogLevel;
  logFormat: LogFormat;
  /** Every flag's value as text. */
  asStrings: Record<string, string>;
  help: boolean;
  version: boolean;
}

function durationOf(p: ParsedFlags, name: string): number {
  const v = p.values.get(name) ?? '';
  try {
    return v === '' ? 0 : parseFlagDuration(v);
  } catch {
    // Only reached with --help/--version, which skip value checks.
    return 0;
  }
}

/** Parses the command line (throws FlagSyntaxError / FlagValueError with kingpin's texts). */
export function parseAlertmanagerFlags(args: readonly string[]): AlertmanagerFlags {
  const p = parseFlags(ALERTMANAGER_FLAGS, args);
  const v = (n: string): string => p.values.get(n) ?? '';
  const asStrings: Record<string, string> = {};
  for (const s of ALERTMANAGER_FLAGS) {
    const raw = v(s.name);
    try {
      asStrings[s.name] = s.show !== undefined ? s.show(raw) : raw;
    } catch {
      asStrings[s.name] = raw;
    }
  }
  return {
    configFile: v('config.file'),
    storagePath: v('storage.path'),
    retention: durationOf(p, 'data.retention'),
    maintenanceInterval: durationOf(p, 'data.maintenance-interval'),
    alertGCInterval: durationOf(p, 'alerts.gc-interval'),
    listenAddresses: p.lists.get('web.listen-address') ?? [],
    webConfigFile: v('web.config.file'),
    externalUrl: v('web.external-url'),
    routePrefix: v('web.route-prefix'),
    getConcurrency: Math.trunc(Number(v('web.get-concurrency') || '0')),
    httpTimeout: durationOf(p, 'web.timeout'),
    clusterListenAddress: v('cluster.listen-address'),
    clusterPeers: p.lists.get('cluster.peer') ?? [],
    logLevel: parseLogLevel(v('log.level')) ?? 'info',
    logFormat: parseLogFormat(v('log.format')) ?? 'logfmt',
    asStrings,
    help: p.help,
    version: p.version,
  };
}

function flagLeft(s: FlagSpec): string {
  if (s.kind === 'bool') return `--${s.name}`;
  const dots = s.kind === 'strings' ? ' ...' : '';
  if (s.default !== undefined) {
    // kingpin quotes the default of a plain string flag, not of durations, numbers or lists.
    const shown = s.kind === 'string' && s.check === undefined ? goQuote(s.default) : s.default;
    return `--${s.name}=${shown}${dots}`;
  }
  return `--${s.name}=${s.name.toUpperCase()}${dots}`;
}


/** kingpin v2's usage text as Alertmanager 0.25 prints it for --help. */
export function alertmanagerUsage(app: string): string {
  const rows: [string, string][] = [['-h, --help', 'Show context-sensitive help (also try --help-long and --help-man).']];
  for (const s of ALERTMANAGER_FLAGS) if (!s.hidden) rows.push([`    ${flagLeft(s)}`, s.help]);
  rows.push(['    --version', 'Show application version.']);
  const col = 31;
  const lines = [`usage: ${app} [<flags>]`, '', 'Flags:'];
  for (const [left, help] of rows) {
    const wrapped = wrapWords(help, 47);
    if (left.length + 2 <= col) {
      lines.push(`  ${left.padEnd(col)}${wrapped[0] ?? ''}`);
    } else {
      lines.push(`  ${left}  `);
      if (wrapped[0] !== undefined) lines.push(`  ${''.padEnd(col)}${wrapped[0]}`);
    }
    for (const w of wrapped.slice(1)) lines.push(`  ${''.padEnd(col)}${w}`);
  }
  return lines.join('\n') + '\n\n';
}
