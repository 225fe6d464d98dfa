/**
 * The notification metrics of Alertmanager 0.25 (notify.Metrics): attempts and failures per
 * integration, for whole notifications and for single requests, and the request latency.
 */
import { Registry } from '../../instrument/index.js';
import type { Counter, Histogram } from '../../instrument/index.js';

/** The integrations Alertmanager 0.25 initialises to 0 at start, in its order. */
export const INITIALISED_INTEGRATIONS: readonly string[] = [
  'email',
  'pagerduty',
  'wechat',
  'pushover',
  'slack',
  'opsgenie',
  'webhook',
  'victorops',
  'sns',
  'telegram',
];

/** Upstream's buckets of alertmanager_notification_latency_seconds. */
export const NOTIFICATION_LATENCY_BUCKETS: readonly number[] = [1, 5, 10, 15, 20];

/** Created once per process and shared by every pipeline built on reloads. */
export class NotifyMetrics {
  readonly numNotifications: Counter;
  readonly numTotalFailedNotifications: Counter;
  readonly numNotificationRequestsTotal: Counter;
  readonly numNotificationRequestsFailedTotal: Counter;
  readonly notificationLatencySeconds: Histogram;

  /** Registers the metrics in `registry` (a private registry when absent, e.g. in tests). */
  constructor(registry: Registry = new Registry()) {
    const labelNames = ['integration'];
    this.numNotifications = registry.counter({
      name: 'alertmanager_notifications_total',
      help: 'The total number of attempted notifications.',
      labelNames,
    });
    this.numTotalFailedNotifications = registry.counter({
      name: 'alertmanager_notifications_failed_total',
      help: 'The total number of failed notifications.',
      labelNames,
    });
    this.numNotificationRequestsTotal = registry.counter({
      name: 'alertmanager_notification_requests_total',
      help: 'The total number of attempted notification requests.',
      labelNames,
    });
    this.numNotificationRequestsFailedTotal = registry.counter({
      name: 'alertmanager_notification_requests_failed_total',
      help: 'The total number of failed notification requests.',
      labelNames,
    });
    this.notificationLatencySeconds = registry.histogram({
      name: 'alertmanager_notification_latency_seconds',
      help: 'The latency of notifications in seconds.',
      labelNames,
      buckets: NOTIFICATION_LATENCY_BUCKETS,
    });
    for (const integration of INITIALISED_INTEGRATIONS) {
      this.numNotifications.labels(integration);
      this.numTotalFailedNotifications.labels(integration);
      this.numNotificationRequestsTotal.labels(integration);
      this.numNotificationRequestsFailedTotal.labels(integration);
      this.notificationLatencySeconds.labels(integration);
    }
  }
}
