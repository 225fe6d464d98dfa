/**
 * Deduplication against the notification log (DedupStage) and recording of what was sent
 * (SetNotifiesStage).
 */
import type { NflogEntry, NflogReceiver } from '../nflog/index.js';
import { fingerprintString } from '../silence/index.js';
import { alertResolvedAt, type Alert } from '../types/index.js';
import type { NotifyContext, Stage } from './types.js';

/** What the pipeline needs from the notification log (nflog.NotificationLog implements it). */
export interface NotificationLogStore {
  log(receiver: NflogReceiver, groupKey: string, firingAlerts: readonly string[], resolvedAlerts: readonly string[], expiry?: number): void;
  query(receiver: NflogReceiver, groupKey: string): NflogEntry | undefined;
}

/** True when every member of `subset` is in `set`. */
function isSubset(set: ReadonlySet<string>, subset: ReadonlySet<string>): boolean {
  for (const k of subset) if (!set.has(k)) return false;
  return true;
}

/**
 * Whether a notification is due given the last logged one (DedupStage.needsUpdate): something
 * newly firing; everything resolved after firing alerts were sent (regardless of send_resolved,
 * so the log is cleared); newly resolved alerts when the integration sends resolved ones; or the
 * repeat interval has passed.
 */
export function needsUpdate(
  entry: NflogEntry | undefined,
  firing: ReadonlySet<string>,
  resolved: ReadonlySet<string>,
  sendResolved: boolean,
  repeatInterval: number,
  now: number,
): boolean {
  if (entry === undefined) return firing.size > 0;
  if (!isSubset(new Set(entry.firingAlerts), firing)) return true;
  if (firing.size === 0) return entry.firingAlerts.length > 0;
  if (sendResolved && !isSubset(new Set(entry.resolvedAlerts), resolved)) return true;
  return entry.timestamp < now - repeatInterval;
}

/**
 * Passes the alerts on only when the receiver integration needs to hear about them; records the
 * firing and resolved fingerprints in the context for the SetNotifiesStage.
 */
export class DedupStage implements Stage {
  constructor(
    private readonly resolvedSender: { sendResolved(): boolean },
    private readonly nflog: NotificationLogStore,
    private readonly recv: NflogReceiver,
    private readonly now: () => number = Date.now,
  ) {}

  async exec(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    const now = this.now();
    const firing: string[] = [];
    const resolved: string[] = [];
    for (const a of alerts) {
      const fp = fingerprintString(a.labels);
      if (alertResolvedAt(a, now)) resolved.push(fp);
      else firing.push(fp);
    }
    ctx.firingAlerts = firing;
    ctx.resolvedAlerts = resolved;
    const entry = this.nflog.query(this.recv, ctx.groupKey);
    const due = needsUpdate(entry, new Set(firing), new Set(resolved), this.resolvedSender.sendResolved(), ctx.repeatInterval, now);
    return due ? alerts : [];
  }
}

/** Logs the sent alerts' fingerprints in the notification log, kept for twice the repeat interval. */
export class SetNotifiesStage implements Stage {
  constructor(
    private readonly nflog: NotificationLogStore,
    private readonly recv: NflogReceiver,
  ) {}

  async exec(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    if (ctx.firingAlerts === undefined) throw new Error('firing alerts missing');
    if (ctx.resolvedAlerts === undefined) throw new Error('resolved alerts missing');
    this.nflog.log(this.recv, ctx.groupKey, ctx.firingAlerts, ctx.resolvedAlerts, 2 * ctx.repeatInterval);
    return alerts;
  }
}
