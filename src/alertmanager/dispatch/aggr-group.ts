/**
 * An aggregation group (upstream dispatch.aggrGroup): the alerts of one route that share the
 * same group labels, flushed down the notification pipeline after group_wait and then every
 * group_interval. Each group owns its timer; a slow flush delays only its own group.
 */
import type { StructuredLogger } from '../../log/index.js';
import { type Labels, compareStrings } from '../../model/labels/index.js';
import type { NotifyContext } from '../notify/types.js';
import { alertFingerprint } from '../provider/index.js';
import { type Alert, alertResolvedAt } from '../types/index.js';
import { type Route, groupKey } from './route.js';

/** Sends one flush's alerts down the pipeline; resolves true when the pipeline succeeded. */
export type NotifyFunc = (ctx: NotifyContext, alerts: readonly Alert[]) => Promise<boolean>;

export interface AggrGroupOptions {
  labels: Labels;
  route: Route;
  notify: NotifyFunc;
  /** Maps group_interval to the flush's deadline (upstream's timeoutFunc). */
  timeout: (d: number) => number;
  now: () => number;
  /** Called once the group has no alert left after a flush (the dispatcher forgets it). */
  onEmpty: (ag: AggrGroup) => void;
  logger?: StructuredLogger;
}

/** model.LabelSet.Before: fewer labels first, then the first differing name or value. */
export function labelSetBefore(a: Labels, b: Labels): boolean {
  if (a.length !== b.length) return a.length < b.length;
  const names = [...a.names(), ...b.names()].sort(compareStrings);
  for (const n of names) {
    if (!a.has(n)) return true;
    if (!b.has(n)) return false;
    const x = a.get(n);
    const y = b.get(n);
    if (x !== y) return x < y;
  }
  return false;
}

/** types.AlertSlice's order: by the `job` label, then `instance` (absent last), then labels. */
export function alertLess(a: Alert, b: Alert): boolean {
  for (const key of ['job', 'instance']) {
    const ah = a.labels.has(key);
    const bh = b.labels.has(key);
    if (!ah && !bh) continue;
    if (!ah) return false;
    if (!bh) return true;
    const av = a.labels.get(key);
    const bv = b.labels.get(key);
    if (av !== bv) return av < bv;
  }
  return labelSetBefore(a.labels, b.labels);
}

/** Comparator form of alertLess for Array.prototype.sort (which is stable). */
export function compareAlerts(a: Alert, b: Alert): number {
  if (alertLess(a, b)) return -1;
  if (alertLess(b, a)) return 1;
  return 0;
}

export class AggrGroup {
  readonly labels: Labels;
  readonly route: Route;
  /** Upstream's group key: `<route key>:<group labels>`. */
  readonly groupKey: string;
  private readonly alerts = new Map<string, Alert>();
  private readonly o: AggrGroupOptions;
  private timer: NodeJS.Timeout | null = null;
  private hasFlushed = false;
  private flushing: Promise<void> | null = null;
  /** The tick time of a flush that came due while the previous one was still running. */
  private pendingTick: number | null = null;
  private abortCtl: AbortController | null = null;
  private stopped = false;

  constructor(o: AggrGroupOptions) {
    this.o = o;
    this.labels = o.labels;
    this.route = o.route;
    this.groupKey = groupKey(o.route, o.labels);
    this.schedule(o.route.opts.groupWait);
  }

  /** Adds or replaces an alert; flushes at once if the alert's group_wait is already over. */
  insert(alert: Alert): void {
    if (this.stopped) return;
    this.alerts.set(alertFingerprint(alert), alert);
    if (!this.hasFlushed && alert.startsAt + this.route.opts.groupWait < this.o.now()) this.schedule(0);
  }

  /** The group's alerts as stored (not sorted). */
  list(): Alert[] {
    return [...this.alerts.values()];
  }

  empty(): boolean {
    return this.alerts.size === 0;
  }

  get size(): number {
    return this.alerts.size;
  }

  /** Whether stop() was called (the group takes no more alerts). */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Stops the timer and aborts a running flush; resolves once that flush has settled. */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pendingTick = null;
    this.abortCtl?.abort(new DOMException('aggregation group stopped', 'AbortError'));
    return this.flushing ?? Promise.resolve();
  }

  toString(): string {
    return this.groupKey;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onTick(), Math.max(0, ms));
  }

  private onTick(): void {
    this.timer = null;
    const tick = this.o.now();
    if (this.flushing !== null) {
      this.pendingTick = tick;
      return;
    }
    this.startFlush(tick);
  }

  private startFlush(tick: number): void {
    this.hasFlushed = true;
    this.schedule(this.route.opts.groupInterval);
    this.flushing = this.flush(tick).finally(() => this.afterFlush());
  }

  private afterFlush(): void {
    this.flushing = null;
    if (this.stopped) return;
    if (this.pendingTick !== null) {
      const tick = this.pendingTick;
      this.pendingTick = null;
      this.startFlush(tick);
      return;
    }
    if (this.empty()) this.o.onEmpty(this);
  }

  private notifyContext(tick: number, signal: AbortSignal): NotifyContext {
    const opts = this.route.opts;
    return {
      groupKey: this.groupKey,
      routeID: this.route.id(),
      receiverName: opts.receiver,
      groupLabels: this.labels,
      now: tick,
      repeatInterval: opts.repeatInterval,
      muteTimeIntervals: opts.muteTimeIntervals,
      activeTimeIntervals: opts.activeTimeIntervals,
      signal,
    };
  }

  /** Sends the group's alerts; after success, drops the resolved ones that were not updated since. */
  private async flush(tick: number): Promise<void> {
    if (this.empty()) return;
    const now = this.o.now();
    const sent: Alert[] = [];
    for (const a of this.alerts.values()) {
      // A firing alert is sent without its (future) endsAt, so it does not resolve later on.
      sent.push(alertResolvedAt(a, now) ? a : { ...a, endsAt: 0 });
    }
    sent.sort(compareAlerts);
    this.o.logger?.debug?.('flushing', { aggrGroup: this.groupKey, alerts: sent.length });

    const ctl = new AbortController();
    this.abortCtl = ctl;
    const deadline = setTimeout(
      () => ctl.abort(new DOMException('flush deadline exceeded', 'TimeoutError')),
      Math.max(0, this.o.timeout(this.route.opts.groupInterval)),
    );
    // Aborted by stop(): the deadline is moot even if the stage never settles.
    ctl.signal.addEventListener('abort', () => clearTimeout(deadline), { once: true });
    let ok: boolean;
    try {
      ok = await this.o.notify(this.notifyContext(tick, ctl.signal), sent);
    } catch {
      ok = false;
    } finally {
      clearTimeout(deadline);
      if (this.abortCtl === ctl) this.abortCtl = null;
    }
    if (!ok) return;
    const after = this.o.now();
    for (const a of sent) {
      if (!alertResolvedAt(a, after)) continue;
      const fp = alertFingerprint(a);
      const got = this.alerts.get(fp);
      if (got !== undefined && got.updatedAt === a.updatedAt) this.alerts.delete(fp);
    }
  }
}
