/**
 * The contracts of the notification pipeline (upstream notify.Notifier, notify.Stage,
 * notify.Integration and the context values the dispatcher passes down the pipeline).
 */
import type { Labels } from '../../model/labels/index.js';
import type { Alert } from '../types/index.js';

/**
 * What a flush of one aggregation group carries down the pipeline (upstream keeps these as
 * context values: notify.WithGroupKey, WithReceiverName, WithGroupLabels, WithNow, ...).
 */
export interface NotifyContext {
  /** The aggregation group's key, e.g. `{}/{severity="page"}:{alertname="X"}`. */
  groupKey: string;
  /** The route's ID (Route.id()), e.g. `{}/{severity="page"}`. */
  routeID: string;
  receiverName: string;
  groupLabels: Labels;
  /** The flush time in ms since the epoch; every stage of one flush sees the same value. */
  now: number;
  /** ms */
  repeatInterval: number;
  muteTimeIntervals: readonly string[];
  activeTimeIntervals: readonly string[];
  /** Set by the dedup stage: fingerprints (fingerprintString) of the firing alerts sent. */
  firingAlerts?: string[];
  /** Set by the dedup stage: fingerprints of the resolved alerts sent. */
  resolvedAlerts?: string[];
  /** Aborted when the flush's deadline passes or the Alertmanager stops. */
  signal: AbortSignal;
}

/**
 * One notification attempt failed. `retry` says whether sending again may succeed (a 5xx or a
 * connection error: yes; a 4xx: no), as upstream's (bool, error) result of Notify.
 */
export class NotifyError extends Error {
  override name = 'NotifyError';
  constructor(message: string, readonly retry: boolean) {
    super(message);
  }
}

/** Sends a notification for a group's alerts to one integration (upstream notify.Notifier). */
export interface Notifier {
  /** Resolves when delivered; throws NotifyError (or any error: then retried) when not. */
  notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void>;
}

/** One configured integration of a receiver: `webhook` #0, `email` #1, ... */
export interface Integration {
  /** The integration's name as upstream's metrics and logs give it: webhook, email, slack, pagerduty, ... */
  readonly name: string;
  /** Its position among the receiver's integrations of the same name. */
  readonly index: number;
  readonly receiverName: string;
  /** Whether the integration is told about resolved alerts (send_resolved). */
  sendResolved(): boolean;
  readonly notifier: Notifier;
}

/** A step of the pipeline: takes a flush's alerts and passes on the ones it keeps. */
export interface Stage {
  exec(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]>;
}
