/**
 * What the API v2 needs from the rest of Alertmanager, as narrow structural interfaces: the
 * alert provider (MemAlerts), the dispatcher's aggregation groups, the marker, the silence
 * store, the loaded configuration, a logger and a clock.
 */
import type { Registry } from '../../../instrument/index.js';
import type { Labels } from '../../../model/labels/index.js';
import type { AlertmanagerConfig } from '../../config/index.js';
import type { Route } from '../../dispatch/index.js';
import type { AlertStatus, Silence, SilenceInput, SilenceQuery, SilenceState } from '../../silence/index.js';
import type { Alert } from '../../types/index.js';
import type { VersionInfo } from './encode.js';

/** The alert provider (provider.Alerts): stores posted alerts and lists the pending ones. */
export interface ApiAlertStore {
  /** Stores the alerts (merging with stored ones of the same fingerprint). */
  putAll(alerts: readonly Alert[]): void;
  /** Every alert not yet garbage-collected (GetPending). */
  getPending(): Iterable<Alert>;
}

/** An aggregation group as dispatch.AlertGroup. */
export interface ApiAlertGroup {
  labels: Labels;
  receiver: string;
  alerts: Alert[];
}

export interface ApiAlertGroups {
  /** Already in upstream's order (labels, then receiver). */
  groups: ApiAlertGroup[];
  /** Fingerprint -> receivers of the groups holding that alert. */
  alertReceivers: Map<string, string[]>;
}

/** Dispatcher.Groups(routeFilter, alertFilter). */
export type AlertGroupsFn = (
  routeFilter: (r: Route) => boolean,
  alertFilter: (a: Alert, now: number) => boolean,
) => ApiAlertGroups;

/** The marker (types.AlertMarker): the suppression status of an alert by fingerprint. */
export interface ApiAlertStatusSource {
  status(fp: string): AlertStatus;
}

/** The silence store (silence.Silences). */
export interface ApiSilences {
  set(input: SilenceInput): string;
  expire(id: string): void;
  get(id: string): Silence | undefined;
  query(q?: SilenceQuery): Silence[];
  state(s: Silence): SilenceState;
}

export interface ApiLogger {
  debug?(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export interface AlertmanagerAPIv2Deps {
  alerts: ApiAlertStore;
  /** The dispatcher's groups; may be replaced on reload through update(). */
  groups: AlertGroupsFn;
  marker: ApiAlertStatusSource;
  silences: ApiSilences;
  logger: ApiLogger;
  versionInfo: VersionInfo;
  /** Registers alertmanager_alerts_received_total / alertmanager_alerts_invalid_total when given. */
  registry?: Registry;
  /** Clock in ms since the epoch (default Date.now). */
  now?: () => number;
  /** Start time reported as uptime (default: construction time). */
  uptime?: number;
}

/**
 * What changes on reload (API.Update upstream): the configuration (its text for /status, its
 * receivers, global.resolve_timeout and route tree) and the function that refreshes the
 * marker for a label set (inhibitor and silencer Mutes).
 */
export interface ApiConfigState {
  config: AlertmanagerConfig;
  /** The configuration as /api/v2/status shows it (secrets hidden). */
  original: string;
  setAlertStatus: (labels: Labels) => void;
}
