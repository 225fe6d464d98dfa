/**
 * The dispatcher (upstream dispatch.Dispatcher): takes every alert from the provider, finds
 * the routes it matches and puts it into the aggregation group of each route for its group
 * labels; the groups flush themselves down the notification pipeline.
 */
import type { Gauge, Registry, Summary } from '../../instrument/index.js';
import { Logger, type StructuredLogger } from '../../log/index.js';
import type { NotifyContext, Stage } from '../notify/types.js';
import { type MemAlerts, alertFingerprint } from '../provider/index.js';
import type { AlertMarker } from '../silence/index.js';
import { type Alert, alertResolvedAt } from '../types/index.js';
import type { Labels } from '../../model/labels/index.js';
import { AggrGroup, compareAlerts, labelSetBefore } from './aggr-group.js';
import { type Route, groupLabels } from './route.js';

/** The dispatcher's metrics; create once per registry and share across reloads. */
export class DispatcherMetrics {
  readonly aggrGroups: Gauge;
  readonly processingDuration: Summary;

  constructor(registry: Registry) {
    this.aggrGroups = registry.gauge({
      name: 'alertmanager_dispatcher_aggregation_groups',
      help: 'Number of active aggregation groups',
    });
    this.processingDuration = registry.summary({
      name: 'alertmanager_dispatcher_alert_processing_duration_seconds',
      help: 'Summary of latencies for the processing of alerts.',
      quantiles: [],
    });
  }
}

const metricsByRegistry = new WeakMap<Registry, DispatcherMetrics>();

/** The registry's DispatcherMetrics, registered on first use (so a reloaded dispatcher reuses them). */
export function dispatcherMetrics(registry: Registry): DispatcherMetrics {
  let m = metricsByRegistry.get(registry);
  if (m === undefined) {
    m = new DispatcherMetrics(registry);
    metricsByRegistry.set(registry, m);
  }
  return m;
}

export interface DispatcherOptions {
  /** Registers (or reuses) the dispatcher's metrics on this registry. */
  registry?: Registry;
  /** Metrics to use instead of `registry`'s. */
  metrics?: DispatcherMetrics;
  /** Clock in ms since the epoch (default Date.now). */
  now?: () => number;
  /** How long stop() waits for aborted flushes to settle (default 10s). */
  stopTimeoutMs?: number;
}

/** An aggregation group as the API lists it (upstream dispatch.AlertGroup). */
export interface AlertGroup {
  labels: Labels;
  receiver: string;
  alerts: Alert[];
}

export interface AlertGroupsResult {
  /** Sorted by labels (LabelSet.Before), then receiver; each group's alerts in AlertSlice order. */
  groups: AlertGroup[];
  /** Fingerprint -> the receivers of the groups holding the alert, sorted. */
  alertReceivers: Map<string, string[]>;
}

export class Dispatcher {
  private readonly groupsByRoute = new Map<Route, Map<string, AggrGroup>>();
  private readonly metrics: DispatcherMetrics | undefined;
  private readonly now: () => number;
  private readonly logger: StructuredLogger;
  private unsubscribe: (() => void) | null = null;
  private numGroups = 0;
  private stopping: Promise<void> | null = null;
  private readonly stopTimeoutMs: number;

  constructor(
    private readonly route: Route,
    private readonly alerts: MemAlerts,
    private readonly stage: Stage,
    // Kept for parity with upstream's constructor; the pipeline's stages set the marks.
    readonly marker: AlertMarker,
    private readonly timeout: (d: number) => number,
    logger: StructuredLogger,
    options: DispatcherOptions = {},
  ) {
    this.logger = logger instanceof Logger ? logger.with({ component: 'dispatcher' }) : logger;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    this.metrics = options.metrics ?? (options.registry !== undefined ? dispatcherMetrics(options.registry) : undefined);
    this.now = options.now ?? Date.now;
  }

  /** Subscribes to the provider: every stored alert, then every new one, is dispatched. */
  start(): void {
    if (this.unsubscribe !== null || this.stopping !== null) return;
    this.metrics?.aggrGroups.set(0);
    this.unsubscribe = this.alerts.subscribe((a) => this.dispatch(a));
  }

  /** Unsubscribes, stops every group's timer and aborts running flushes; resolves when they settled. */
  stop(): Promise<void> {
    if (this.stopping !== null) return this.stopping;
    this.unsubscribe?.();
    this.unsubscribe = null;
    const waits: Promise<void>[] = [];
    for (const groups of this.groupsByRoute.values()) {
      for (const ag of groups.values()) waits.push(ag.stop());
    }
    this.groupsByRoute.clear();
    this.metrics?.aggrGroups.dec(this.numGroups);
    this.numGroups = 0;
    this.stopping = settleWithin(Promise.all(waits), this.stopTimeoutMs);
    return this.stopping;
  }

  /** The number of aggregation groups. */
  get groupCount(): number {
    return this.numGroups;
  }

  /** Routes one alert into the aggregation groups of every route it matches. */
  dispatch(alert: Alert): void {
    if (this.stopping !== null) return;
    const start = performance.now();
    if (this.logger.debug !== undefined) this.logger.debug('Received alert', { alert: alertText(alert, this.now()) });
    for (const r of this.route.match(alert.labels)) this.processAlert(alert, r);
    this.metrics?.processingDuration.observe((performance.now() - start) / 1000);
  }

  /**
   * The aggregation groups of the routes `routeFilter` accepts with the alerts `alertFilter`
   * accepts (groups left empty are omitted), and the receivers of each listed alert.
   */
  groups(routeFilter: (r: Route) => boolean, alertFilter: (a: Alert, now: number) => boolean): AlertGroupsResult {
    const groups: AlertGroup[] = [];
    const alertReceivers = new Map<string, string[]>();
    const now = this.now();
    for (const [route, ags] of this.groupsByRoute) {
      if (!routeFilter(route)) continue;
      const receiver = route.opts.receiver;
      for (const ag of ags.values()) {
        const alerts: Alert[] = [];
        for (const a of ag.list()) {
          if (!alertFilter(a, now)) continue;
          const fp = alertFingerprint(a);
          const rs = alertReceivers.get(fp);
          if (rs === undefined) alertReceivers.set(fp, [receiver]);
          else rs.push(receiver);
          alerts.push(a);
        }
        if (alerts.length === 0) continue;
        groups.push({ labels: ag.labels, receiver, alerts: alerts.sort(compareAlerts) });
      }
    }
    groups.sort(compareAlertGroups);
    for (const rs of alertReceivers.values()) rs.sort();
    return { groups, alertReceivers };
  }

  private processAlert(alert: Alert, route: Route): void {
    const labels = groupLabels(route, alert.labels);
    let routeGroups = this.groupsByRoute.get(route);
    if (routeGroups === undefined) {
      routeGroups = new Map();
      this.groupsByRoute.set(route, routeGroups);
    }
    const key = labels.key();
    const existing = routeGroups.get(key);
    if (existing !== undefined) {
      existing.insert(alert);
      return;
    }
    const ag = new AggrGroup({
      labels,
      route,
      notify: (ctx, alerts) => this.notify(ctx, alerts),
      timeout: this.timeout,
      now: this.now,
      onEmpty: (g) => this.destroy(g, key),
      logger: this.logger,
    });
    routeGroups.set(key, ag);
    this.numGroups++;
    this.metrics?.aggrGroups.inc();
    ag.insert(alert);
  }

  private destroy(ag: AggrGroup, key: string): void {
    const routeGroups = this.groupsByRoute.get(ag.route);
    if (routeGroups?.get(key) !== ag) return;
    routeGroups.delete(key);
    if (routeGroups.size === 0) this.groupsByRoute.delete(ag.route);
    void ag.stop();
    this.numGroups--;
    this.metrics?.aggrGroups.dec();
  }

  private async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<boolean> {
    try {
      await this.stage.exec(ctx, alerts);
      return true;
    } catch (err) {
      const msg = 'Notify for alerts failed';
      const fields = { num_alerts: alerts.length, err };
      // Cancelled by shutdown or reload: expected, so only at debug level (as upstream).
      const cancelled = ctx.signal.aborted && ctx.signal.reason instanceof DOMException && ctx.signal.reason.name === 'AbortError';
      if (cancelled) this.logger.debug?.(msg, fields);
      else this.logger.error(msg, fields);
      return false;
    }
  }
}

/** Resolves when `p` settles or after `ms`, whichever is first (a stage ignoring its signal cannot hang stop()). */
async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([p.then(() => undefined), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

function compareAlertGroups(a: AlertGroup, b: AlertGroup): number {
  if (a.labels.equals(b.labels)) return a.receiver < b.receiver ? -1 : a.receiver > b.receiver ? 1 : 0;
  if (labelSetBefore(a.labels, b.labels)) return -1;
  return labelSetBefore(b.labels, a.labels) ? 1 : 0;
}

/** types.Alert's String(): `name[fp7]`, with `[resolved]` once resolved. */
function alertText(a: Alert, now: number): string {
  const s = `${a.labels.get('alertname')}[${alertFingerprint(a).slice(0, 7)}]`;
  return alertResolvedAt(a, now) ? `${s}[resolved]` : s;
}
