/**
 * The retry stage (RetryStage): sends to one integration, retrying with exponential backoff until
 * it succeeds, the error is not retryable, or the flush's signal aborts.
 */
import type { StructuredLogger } from '../../log/index.js';
import { alertResolvedAt, type Alert } from '../types/index.js';
import type { NotifyMetrics } from './metrics.js';
import { contextError, flushFields, sleep } from './stages.js';
import { NotifyError, type Integration, type NotifyContext, type Stage } from './types.js';

/** Parameters of the backoff (cenkalti/backoff's ExponentialBackOff; all durations in ms). */
export interface BackOffOptions {
  initialInterval?: number;
  randomizationFactor?: number;
  multiplier?: number;
  maxInterval?: number;
  /** Source of uniform numbers in [0, 1) (for tests). */
  random?: () => number;
}

/** Exponential backoff with upstream's defaults: 500ms, ±50% jitter, ×1.5, at most 60s; never gives up. */
export class ExponentialBackOff {
  private readonly initialInterval: number;
  private readonly randomizationFactor: number;
  private readonly multiplier: number;
  private readonly maxInterval: number;
  private readonly random: () => number;
  private current: number;

  constructor(o: BackOffOptions = {}) {
    this.initialInterval = o.initialInterval ?? 500;
    this.randomizationFactor = o.randomizationFactor ?? 0.5;
    this.multiplier = o.multiplier ?? 1.5;
    this.maxInterval = o.maxInterval ?? 60_000;
    this.random = o.random ?? Math.random;
    this.current = this.initialInterval;
  }

  reset(): void {
    this.current = this.initialInterval;
  }

  /** The wait before the next attempt: the current interval ± the randomization, then grows it. */
  nextBackOff(): number {
    const cur = this.current;
    let next = cur;
    if (this.randomizationFactor !== 0) {
      const delta = this.randomizationFactor * cur;
      const min = cur - delta;
      const max = cur + delta;
      next = min + this.random() * (max - min);
    }
    this.current = cur >= this.maxInterval / this.multiplier ? this.maxInterval : cur * this.multiplier;
    return next;
  }
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** Resolves with the notifier's outcome, or rejects with the context error once the signal aborts. */
function notifyUntilAbort(integration: Integration, ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
  const signal = ctx.signal;
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => reject(contextError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    let p: Promise<void>;
    try {
      p = integration.notifier.notify(ctx, alerts);
    } catch (e) {
      p = Promise.reject(asError(e));
    }
    void p.then(resolve, (e: unknown) => reject(asError(e))).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export interface RetryStageOptions {
  logger?: StructuredLogger;
  backoff?: BackOffOptions;
  now?: () => number;
}

/** Sends to one integration with retries and counts the attempts in the notification metrics. */
export class RetryStage implements Stage {
  private readonly logger: StructuredLogger | undefined;
  private readonly backoff: BackOffOptions;
  private readonly now: () => number;
  private readonly label: string;

  constructor(
    private readonly integration: Integration,
    private readonly groupName: string,
    private readonly metrics: NotifyMetrics,
    opts: RetryStageOptions = {},
  ) {
    this.logger = opts.logger;
    this.backoff = opts.backoff ?? {};
    this.now = opts.now ?? Date.now;
    this.label = `${integration.name}[${integration.index}]`;
  }

  async exec(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    this.metrics.numNotifications.labels(this.integration.name).inc();
    try {
      return await this.send(ctx, alerts);
    } catch (e) {
      this.metrics.numTotalFailedNotifications.labels(this.integration.name).inc();
      throw e;
    }
  }

  private async send(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    let sent = alerts;
    // Without send_resolved, a flush of only resolved alerts counts as sent (so the log records
    // it) and resolved alerts are left out of a mixed one.
    if (!this.integration.sendResolved()) {
      if (ctx.firingAlerts === undefined) throw new Error('firing alerts missing');
      if (ctx.firingAlerts.length === 0) return alerts;
      const now = this.now();
      sent = alerts.filter((a) => !alertResolvedAt(a, now));
    }
    const fields = { ...flushFields(ctx), receiver: this.groupName, integration: this.label };
    const b = new ExponentialBackOff(this.backoff);
    let next = performance.now();
    let lastErr: Error | undefined;
    for (let i = 1; ; i++) {
      const wait = next - performance.now();
      if (wait > 0 && !ctx.signal.aborted) {
        try {
          await sleep(wait, ctx.signal);
        } catch {
          // Aborted while waiting: reported below.
        }
      }
      if (ctx.signal.aborted) {
        const cause = lastErr ?? contextError(ctx.signal);
        throw new NotifyError(`${this.groupName}/${this.label}: notify retry canceled after ${i} attempts: ${cause.message}`, true);
      }
      const start = performance.now();
      next = start + b.nextBackOff();
      try {
        await notifyUntilAbort(this.integration, ctx, sent);
      } catch (e) {
        const err = asError(e);
        this.observe(start, true);
        if (err instanceof NotifyError && !err.retry) {
          throw new NotifyError(`${this.groupName}/${this.label}: notify retry canceled due to unrecoverable error after ${i} attempts: ${err.message}`, false);
        }
        if (!ctx.signal.aborted && (lastErr === undefined || lastErr.message !== err.message)) {
          this.logger?.warn('Notify attempt failed, will retry later', { ...fields, attempts: i, err });
        }
        lastErr = err;
        continue;
      }
      this.observe(start, false);
      const msg = 'Notify success';
      if (i > 1) this.logger?.info(msg, { ...fields, attempts: i });
      else this.logger?.debug?.(msg, { ...fields, attempts: i });
      return alerts;
    }
  }

  private observe(start: number, failed: boolean): void {
    const name = this.integration.name;
    this.metrics.notificationLatencySeconds.labels(name).observe((performance.now() - start) / 1000);
    this.metrics.numNotificationRequestsTotal.labels(name).inc();
    if (failed) this.metrics.numNotificationRequestsFailedTotal.labels(name).inc();
  }
}
