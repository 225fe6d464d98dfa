/**
 * alertmanager.yml: loading, validation (upstream's texts), global inheritance into
 * receivers, and re-serialisation with secrets hidden.
 */
export { type AlertmanagerConfig, type NamedTimeInterval } from './config.js';
export { loadAlertmanagerConfig, loadAlertmanagerConfigFile, resolveFilepaths, configToYaml } from './load.js';
export { AmConfigError } from './inherit.js';
export { type GlobalConfig, defaultGlobalConfig } from './global.js';
export { type Route, type InhibitRule, type RouteTimings, DEFAULT_ROUTE_TIMINGS, routeTimings } from './route.js';
export { type Receiver, INTEGRATION_KEYS } from './receiver.js';
export { type MatchRegexp, SECRET_TOKEN, formatGoDuration, parseGoDuration } from './codecs.js';
export {
  type TimeInterval,
  type TimeRange,
  type InclusiveRange,
  MONTHS,
  WEEKDAYS,
  parseClockTime,
  isKnownLocation,
} from './time-interval.js';
export type { EmailConfig, SlackConfig, VictorOpsConfig, WebexConfig, WechatConfig } from './notifiers.js';
export type {
  DiscordConfig,
  IncidentioConfig,
  JiraConfig,
  JiraFieldConfig,
  MSTeamsConfig,
  MSTeamsV2Config,
  OpsGenieConfig,
  PagerdutyConfig,
  PushoverConfig,
  RocketchatConfig,
  SigV4Config,
  SNSConfig,
  TelegramConfig,
  WebhookConfig,
} from './integrations.js';
export { DEFAULT_PAGERDUTY_DETAILS } from './integrations.js';
export type { MattermostConfig } from './mattermost.js';
