/**
 * The notifier (upstream notifier.Manager): a bounded queue of alerts that send() fills without
 * ever blocking, drained in batches that go to every Alertmanager of every alerting set at the
 * same time. A failing Alertmanager costs error counts (and drops when none took the batch),
 * never a stuck queue: each POST has the set's timeout.
 */
import type { AlertmanagerConfig, Config } from '../config/index.js';
import { DiscoveryManager, type TargetGroup } from '../discovery/index.js';
import type { MetricFamily, Registry } from '../instrument/index.js';
import type { StructuredLogger } from '../log/index.js';
import { Labels } from '../model/labels/index.js';
import type { RelabelConfig } from '../model/relabel/index.js';
import { type Alert, relabelAlerts, toPostableAlert } from './alert.js';
import { AlertmanagerSet } from './alertmanager-set.js';
import { NotifierMetrics } from './metrics.js';

export const DEFAULT_QUEUE_CAPACITY = 10_000;
export const DEFAULT_MAX_BATCH_SIZE = 256;

/** The part of the DiscoveryManager the notifier uses (injectable in tests). */
export interface NotifierDiscovery {
  applyConfig(cfg: ReadonlyMap<string, AlertmanagerConfig['service_discovery_configs']>): Promise<void>;
  onUpdate(cb: (all: Map<string, TargetGroup[]>) => void): () => void;
  run(): void;
  stop(): Promise<void>;
}

export interface NotifierManagerOptions {
  logger?: StructuredLogger;
  /** Milliseconds clock for latency measurement. */
  clock?: { now(): number };
  queueCapacity?: number;
  maxBatchSize?: number;
  registry?: Registry;
  userAgent?: string;
  discovery?: NotifierDiscovery;
}

const nopLogger: StructuredLogger = { info: () => {}, warn: () => {}, error: () => {} };

export class NotifierManager {
  private readonly logger: StructuredLogger;
  private readonly clock: { now(): number };
  private readonly capacity: number;
  private readonly maxBatch: number;
  private readonly userAgent: string;
  private readonly discovery: NotifierDiscovery;
  private readonly metrics: NotifierMetrics;
  private queue: Alert[] = [];
  private sets = new Map<string, AlertmanagerSet>();
  private externalLabels = Labels.EMPTY;
  private relabelConfigs: readonly RelabelConfig[] = [];
  private wake: (() => void) | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(o: NotifierManagerOptions = {}) {
    this.logger = o.logger ?? nopLogger;
    this.clock = o.clock ?? { now: (): number => performance.now() };
    this.capacity = o.queueCapacity && o.queueCapacity > 0 ? o.queueCapacity : DEFAULT_QUEUE_CAPACITY;
    this.maxBatch = o.maxBatchSize && o.maxBatchSize > 0 ? o.maxBatchSize : DEFAULT_MAX_BATCH_SIZE;
    this.userAgent = o.userAgent ?? 'Prometheus/vigil';
    this.discovery = o.discovery ?? new DiscoveryManager();
    this.metrics = new NotifierMetrics(
      () => this.queue.length,
      () => this.alertmanagers().length,
    );
    this.metrics.queueCapacity.set(this.capacity);
    if (o.registry) this.metrics.register(o.registry);
  }

  /** External labels, alert relabeling and the Alertmanager sets (sets with an unchanged config keep their Alertmanagers). */
  async applyConfig(cfg: Config): Promise<void> {
    this.externalLabels = cfg.global.external_labels;
    this.relabelConfigs = cfg.alerting.alert_relabel_configs;
    const old = new Map<string, AlertmanagerSet>();
    for (const s of this.sets.values()) old.set(JSON.stringify(s.cfg), s);
    const sets = new Map<string, AlertmanagerSet>();
    const sd = new Map<string, AlertmanagerConfig['service_discovery_configs']>();
    cfg.alerting.alertmanagers.forEach((am, i) => {
      if (!am) return;
      const key = `config-${i}`;
      const s = new AlertmanagerSet(am, this.userAgent);
      const prev = old.get(JSON.stringify(am));
      if (prev) s.adopt(prev);
      sets.set(key, s);
      sd.set(key, am.service_discovery_configs);
    });
    const retired = [...this.sets.values()];
    this.sets = sets;
    for (const s of retired) s.close();
    await this.discovery.applyConfig(sd);
  }

  /** Target groups per set id ("config-N") from discovery. */
  reload(groups: ReadonlyMap<string, readonly TargetGroup[]>): void {
    for (const [id, tgs] of groups) {
      const s = this.sets.get(id);
      if (!s) {
        this.logger.error("couldn't sync alert manager set", { err: `invalid id:${id}` });
        continue;
      }
      s.sync(tgs, (e) => this.logger.error('Creating discovered Alertmanagers failed', { err: e instanceof Error ? e.message : String(e) }));
    }
  }

  /** Starts discovery and the send loop; resolves when stopped. */
  run(): Promise<void> {
    if (this.running) return this.running;
    this.unsubscribe = this.discovery.onUpdate((all) => this.reload(all));
    this.discovery.run();
    this.running = this.sendLoop();
    return this.running;
  }

  /** Relabels the alerts and queues them; drops the oldest queued alerts on overflow. Never blocks. */
  send(...alerts: Alert[]): void {
    if (this.stopped) return;
    let as = relabelAlerts(this.relabelConfigs, this.externalLabels, alerts);
    if (as.length === 0) return;
    if (as.length > this.capacity) {
      const d = as.length - this.capacity;
      as = as.slice(d);
      this.logger.warn('Alert batch larger than queue capacity, dropping alerts', { num_dropped: d });
      this.metrics.dropped.inc(d);
    }
    const overflow = this.queue.length + as.length - this.capacity;
    if (overflow > 0) {
      this.queue.splice(0, overflow);
      this.logger.warn('Alert notification queue full, dropping alerts', { num_dropped: overflow });
      this.metrics.dropped.inc(overflow);
    }
    for (const a of as) this.queue.push(a);
    this.wake?.();
  }

  queueLength(): number {
    return this.queue.length;
  }

  /** URLs of the active Alertmanagers, for /api/v1/alertmanagers. */
  alertmanagers(): string[] {
    return [...this.sets.values()].flatMap((s) => [...s.urls()]);
  }

  droppedAlertmanagers(): string[] {
    return [...this.sets.values()].flatMap((s) => [...s.droppedURLs()]);
  }

  collect(): MetricFamily[] {
    return this.metrics.collect();
  }

  async stop(): Promise<void> {
    this.logger.info('Stopping notification manager...');
    this.stopped = true;
    this.wake?.();
    this.unsubscribe?.();
    await this.discovery.stop();
    if (this.running) await this.running;
    for (const s of this.sets.values()) s.close();
  }

  private async sendLoop(): Promise<void> {
    while (!this.stopped) {
      if (this.queue.length === 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = null;
        continue;
      }
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        if (!(await this.sendAll(batch))) this.metrics.dropped.inc(batch.length);
      } catch (e) {
        this.logger.error('Sending alerts failed', { err: e instanceof Error ? e.message : String(e) });
        this.metrics.dropped.inc(batch.length);
      }
    }
  }

  /** Posts the batch to every Alertmanager; true when at least one took it. */
  async sendAll(alerts: readonly Alert[]): Promise<boolean> {
    if (alerts.length === 0) return true;
    const posts: Promise<boolean>[] = [];
    let plain: string | null = null;
    for (const s of this.sets.values()) {
      const urls = s.urls();
      if (urls.length === 0) continue;
      let body: string;
      if (s.cfg.alert_relabel_configs.length > 0) {
        const rel = relabelAlerts(s.cfg.alert_relabel_configs, Labels.EMPTY, alerts);
        if (rel.length === 0) continue;
        body = JSON.stringify(rel.map(toPostableAlert));
      } else {
        plain ??= JSON.stringify(alerts.map(toPostableAlert));
        body = plain;
      }
      const n = alerts.length;
      for (const url of urls) posts.push(this.postOne(s, url, body, n));
    }
    const results = await Promise.all(posts);
    return results.some((ok) => ok);
  }

  private async postOne(s: AlertmanagerSet, url: string, body: string, n: number): Promise<boolean> {
    const start = this.clock.now();
    let ok = true;
    try {
      await s.poster.post(url, body, s.cfg.timeout);
    } catch (e) {
      ok = false;
      this.logger.error('Error sending alerts', { alertmanager: url, count: n, err: e instanceof Error ? e.message : String(e) });
      this.metrics.errors.labels(url).inc(n);
    }
    this.metrics.latency.labels(url).observe((this.clock.now() - start) / 1000);
    this.metrics.sent.labels(url).inc(n);
    return ok;
  }
}
