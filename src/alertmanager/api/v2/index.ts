/** Alertmanager API v2 (the OpenAPI one amtool and the UI use): handler, dependencies, date-time format. */
export { AlertmanagerAPIv2, type AlertmanagerAPIv2Options } from './api.js';
export type {
  AlertGroupsFn,
  AlertmanagerAPIv2Deps,
  ApiAlertGroup,
  ApiAlertGroups,
  ApiAlertStatusSource,
  ApiAlertStore,
  ApiConfigState,
  ApiLogger,
  ApiSilences,
} from './deps.js';
export type { VersionInfo } from './encode.js';
export { formatDateTime, parseDateTime } from './date-time.js';
