/**
 * Sending alerts to Alertmanagers (upstream notifier/): the Alert type the rule manager
 * produces, and the NotifierManager with its queue, Alertmanager discovery and metrics.
 */
export { type Alert, type PostableAlert, alertResolvedAt, relabelAlerts, toPostableAlert } from './alert.js';
export { ALERTS_PATH_LABEL, AlertmanagerSet, alertmanagersFromGroup, alertmanagerURL, postPath } from './alertmanager-set.js';
export { AlertPoster, NotifyError } from './http-post.js';
export {
  DEFAULT_MAX_BATCH_SIZE,
  DEFAULT_QUEUE_CAPACITY,
  NotifierManager,
  type NotifierDiscovery,
  type NotifierManagerOptions,
} from './manager.js';
export { NotifierMetrics } from './metrics.js';
