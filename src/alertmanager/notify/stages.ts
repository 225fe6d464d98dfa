/**
 * The generic stages of the notification pipeline (upstream notify.go): sequencing, concurrent
 * fan-out, routing by receiver, muting by inhibitor and silencer, time intervals and the wait
 * that staggers clustered peers.
 */
import type { Labels } from '../../model/labels/index.js';
import type { StructuredLogger } from '../../log/index.js';
import type { Alert } from '../types/index.js';
import type { NotifyContext, Stage } from './types.js';

/** Anything that can suppress an alert by its labels (types.Muter): inhibitor, silencer. */
export interface Muter {
  mutes(labels: Labels): boolean;
}

/** What the time stages need from timeinterval.Intervener. */
export interface TimeIntervalChecker {
  /** [whether `now` lies in any of the named intervals, the names that contain it]; throws for an unknown name. */
  mutes(names: readonly string[], now: number): [boolean, string[]];
}

/** Several errors of concurrent branches (types.MultiError); the message joins them with "; ". */
export class MultiError extends Error {
  override readonly name = 'MultiError';
  constructor(readonly errors: readonly Error[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

/** The error a stage reports when the flush's signal has aborted (Go's ctx.Err() texts). */
export function contextError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  const timedOut = reason instanceof Error && reason.name === 'TimeoutError';
  return new Error(timedOut ? 'context deadline exceeded' : 'context canceled');
}

/** The fields upstream's dispatcher puts on every pipeline log line. */
export function flushFields(ctx: NotifyContext): Record<string, unknown> {
  return { aggrGroup: ctx.groupKey };
}

/** Resolves after `ms`, or rejects with the context error when the signal aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(contextError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(contextError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs stages in order; stops early when no alert is left (MultiStage). */
export class MultiStage implements Stage {
  constructor(readonly stages: readonly Stage[]) {}

  async exec(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    let cur = alerts;
    for (const s of this.stages) {
      if (cur.length === 0) return [];
      cur = await s.exec(ctx, cur);
    }
    return cur;
  }
}

/**
 * Runs its stages concurrently, each with its own copy of the context, and waits for all of
 * them; passes its input on, or throws a MultiError of the branches that failed (FanoutStage).
 */
export class FanoutStage implements Stage {
  constructor(readonly stages: readonly Stage[]) {}

  async exec(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    const results = await Promise.allSettled(this.stages.map((s) => s.exec({ ...ctx }, alerts)));
    const errors: Error[] = [];
    for (const r of results) {
      if (r.status === 'rejected') errors.push(r.reason instanceof Error ? r.reason : new Error(String(r.reason)));
    }
    if (errors.length > 0) throw new MultiError(errors);
    return alerts;
  }
}

/** Runs the stage of the context's receiver (RoutingStage). */
export class RoutingStage implements Stage {
  constructor(readonly stages: ReadonlyMap<string, Stage>) {}

  exec(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    const s = this.stages.get(ctx.receiverName);
    if (s === undefined) return Promise.reject(new Error('stage for receiver missing'));
    return s.exec(ctx, alerts);
  }
}

/** Drops the alerts a Muter mutes (MuteStage); the muter records why in the marker. */
export class MuteStage implements Stage {
  constructor(private readonly muter: Muter) {}

  async exec(_ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    return alerts.filter((a) => !this.muter.mutes(a.labels));
  }
}

/** Drops every alert while the route is inside one of its mute_time_intervals (TimeMuteStage). */
export class TimeMuteStage implements Stage {
  constructor(
    private readonly intervals: TimeIntervalChecker,
    private readonly logger?: StructuredLogger,
  ) {}

  async exec(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    if (ctx.muteTimeIntervals.length === 0) return alerts;
    const [muted] = this.intervals.mutes(ctx.muteTimeIntervals, ctx.now);
    if (!muted) return alerts;
    this.logger?.debug?.('Notifications not sent, route is within mute time', flushFields(ctx));
    return [];
  }
}

/**
 * Drops every alert while the route has active_time_intervals and is inside none of them
 * (TimeActiveStage).
 */
export class TimeActiveStage implements Stage {
  constructor(
    private readonly intervals: TimeIntervalChecker,
    private readonly logger?: StructuredLogger,
  ) {}

  async exec(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    if (ctx.activeTimeIntervals.length === 0) return alerts;
    const [active] = this.intervals.mutes(ctx.activeTimeIntervals, ctx.now);
    if (active) return alerts;
    this.logger?.debug?.('Notifications not sent, route is not within active time', flushFields(ctx));
    return [];
  }
}

/** Waits `wait()` ms before passing the alerts on, or fails when the flush is aborted (WaitStage). */
export class WaitStage implements Stage {
  constructor(private readonly wait: () => number) {}

  async exec(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    const ms = this.wait();
    if (ctx.signal.aborted) throw contextError(ctx.signal);
    if (ms > 0) await sleep(ms, ctx.signal);
    return alerts;
  }
}
