/**
 * The in-memory alert provider (Alertmanager's provider/mem): the set of alerts the API has
 * received, keyed by fingerprint, merged on re-post, fanned out to subscribers (the dispatcher,
 * the inhibitor) and garbage-collected once resolved.
 */
import type { Registry } from '../../instrument/index.js';
import { Logger, type StructuredLogger } from '../../log/index.js';
import type { Labels } from '../../model/labels/index.js';
import { type AlertMarker, type AlertState, fingerprintString } from '../silence/index.js';
import { type Alert, alertResolvedAt } from '../types/index.js';

/** Receives every alert put into the provider (after merging), synchronously. */
export type AlertListener = (alert: Alert) => void;

export interface MemAlertsOptions {
  /** --alerts.gc-interval in ms (default 30m). */
  gcIntervalMs?: number;
  logger?: StructuredLogger;
  /** Called after each GC with the resolved alerts it dropped (their marker entries are already deleted). */
  onGC?: (resolved: readonly Alert[]) => void;
  /** Clock in ms since the epoch (default Date.now). */
  now?: () => number;
}

export const DEFAULT_ALERTS_GC_INTERVAL_MS = 30 * 60_000;

const fpCache = new WeakMap<Labels, string>();

/** The alert's fingerprint (fingerprintString of its labels), cached per Labels object. */
export function alertFingerprint(alert: Alert): string {
  let fp = fpCache.get(alert.labels);
  if (fp === undefined) {
    fp = fingerprintString(alert.labels);
    fpCache.set(alert.labels, fp);
  }
  return fp;
}

/**
 * Merges two versions of one alert as upstream's Alert.Merge: the more recently updated one
 * gives labels, annotations and the rest; the earliest startsAt is kept; endsAt follows the
 * resolution rules (the latest explicit resolution wins; a firing update keeps an older,
 * later endsAt unless that one came from the resolve timeout).
 */
export function mergeAlerts(a: Alert, o: Alert, now: number): Alert {
  if (o.updatedAt < a.updatedAt) return mergeAlerts(o, a, now);
  const res: Alert = { ...o };
  if (a.startsAt < o.startsAt) res.startsAt = a.startsAt;
  if (alertResolvedAt(o, now)) {
    if (alertResolvedAt(a, now) && a.endsAt > o.endsAt) res.endsAt = a.endsAt;
  } else if (a.endsAt > o.endsAt && !a.timeout) {
    res.endsAt = a.endsAt;
  }
  return res;
}

/** Whether the activity ranges overlap so that the new alert is merged into the stored one. */
function overlaps(alert: Alert, old: Alert): boolean {
  return (
    (alert.endsAt > old.startsAt && alert.endsAt < old.endsAt) ||
    (alert.startsAt > old.startsAt && alert.startsAt < old.endsAt)
  );
}

export class MemAlerts {
  private readonly alerts = new Map<string, Alert>();
  private readonly listeners = new Set<AlertListener>();
  private readonly gcIntervalMs: number;
  private readonly logger: StructuredLogger | undefined;
  private readonly onGC: ((resolved: readonly Alert[]) => void) | undefined;
  private readonly now: () => number;
  private gcTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly marker: AlertMarker,
    opts: MemAlertsOptions = {},
  ) {
    const iv = opts.gcIntervalMs ?? DEFAULT_ALERTS_GC_INTERVAL_MS;
    this.gcIntervalMs = Number.isFinite(iv) && iv > 0 ? iv : DEFAULT_ALERTS_GC_INTERVAL_MS;
    this.logger = opts.logger instanceof Logger ? opts.logger.with({ component: 'provider' }) : opts.logger;
    this.onGC = opts.onGC;
    this.now = opts.now ?? Date.now;
  }

  /** Starts the GC loop (every gcIntervalMs). Idempotent. */
  start(): void {
    if (this.gcTimer !== null) return;
    this.gcTimer = setInterval(() => this.gc(), this.gcIntervalMs);
  }

  /** Stops the GC loop and drops every subscriber. */
  stop(): void {
    if (this.gcTimer !== null) clearInterval(this.gcTimer);
    this.gcTimer = null;
    this.listeners.clear();
  }

  /**
   * Stores the alerts, each merged with the stored alert of the same fingerprint when their
   * activity ranges overlap, and hands each stored result to every subscriber.
   */
  put(...alerts: Alert[]): void {
    this.putAll(alerts);
  }

  /** put() for an array (no spread of a large batch onto the stack). */
  putAll(alerts: readonly Alert[]): void {
    const now = this.now();
    for (const incoming of alerts) {
      const fp = alertFingerprint(incoming);
      let alert: Alert = { ...incoming };
      const old = this.alerts.get(fp);
      if (old !== undefined && overlaps(alert, old)) alert = mergeAlerts(old, alert, now);
      this.alerts.set(fp, alert);
      this.notify(alert);
    }
  }

  /** The stored alert with this fingerprint (16 hex digits). */
  get(fp: string): Alert | undefined {
    return this.alerts.get(fp);
  }

  /** A snapshot of every stored alert (later puts do not change it). */
  list(): Alert[] {
    return [...this.alerts.values()];
  }

  /** Every stored alert, as upstream's GetPending (alerts not yet garbage-collected). */
  getPending(): Alert[] {
    return this.list();
  }

  /** How many alerts are stored. */
  get count(): number {
    return this.alerts.size;
  }

  /**
   * Subscribes to every alert put from now on; the listener first receives every stored
   * alert (synchronously, before subscribe returns). Returns the unsubscribe function.
   */
  subscribe(listener: AlertListener): () => void {
    for (const a of this.list()) this.call(listener, a);
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Drops the resolved alerts, deletes their marker entries and calls onGC. Returns them. */
  gc(): Alert[] {
    const now = this.now();
    const resolved: Alert[] = [];
    for (const [fp, a] of this.alerts) {
      if (alertResolvedAt(a, now)) {
        this.alerts.delete(fp);
        this.marker.delete(fp);
        resolved.push(a);
      }
    }
    if (this.onGC !== undefined) {
      try {
        this.onGC(resolved);
      } catch (err) {
        this.logger?.error('GC callback failed', { err });
      }
    }
    return resolved;
  }

  /** The number of unresolved alerts whose marker state is `state` (alertmanager_alerts). */
  countByState(state: AlertState): number {
    const now = this.now();
    let n = 0;
    for (const [fp, a] of this.alerts) {
      if (alertResolvedAt(a, now)) continue;
      if (this.marker.status(fp).state === state) n++;
    }
    return n;
  }

  /** Registers alertmanager_alerts{state="active|suppressed|unprocessed"} on the registry. */
  registerMetrics(registry: Registry): void {
    registry.gaugeFunc({ name: 'alertmanager_alerts', help: 'How many alerts by state.', labelNames: ['state'] }, () =>
      ALERT_STATES.map((s) => [[s], this.countByState(s)] as const),
    );
  }

  private notify(alert: Alert): void {
    for (const l of [...this.listeners]) this.call(l, alert);
  }

  private call(listener: AlertListener, alert: Alert): void {
    try {
      listener(alert);
    } catch (err) {
      this.logger?.error('Alert listener failed', { err });
    }
  }
}

const ALERT_STATES: readonly AlertState[] = ['active', 'suppressed', 'unprocessed'];
