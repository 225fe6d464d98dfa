/** The alert provider: the in-memory set of alerts received by the API (upstream provider/mem). */
export {
  DEFAULT_ALERTS_GC_INTERVAL_MS,
  MemAlerts,
  alertFingerprint,
  mergeAlerts,
  type AlertListener,
  type MemAlertsOptions,
} from './mem-alerts.js';
