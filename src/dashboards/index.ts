/**
 * Grafana-compatible dashboards for `vigil server`: storage of dashboards under
 * <dataDir>/dashboards/, Grafana's HTTP API (/api/dashboards/*, /api/search, /api/datasources,
 * /api/user, /login), provisioning from Grafana's YAML, and the bundled dashboards.
 */
export { createDashboardsHandler, bundledDashboardsDir, DashboardsHandler, type DashboardsOptions } from './handler.js';
export { DashboardApiError, DashboardValidationError, ProvisioningError } from './errors.js';
export { validateDashboard } from './validate.js';
export { SESSION_COOKIE } from './auth.js';
