/**
 * The notification pipeline (upstream notify/): the contracts integrations implement, the
 * stages a flush passes through (inhibit, time intervals, silences, fan-out, dedup against the
 * notification log, retry, set notifies), their metrics, and the kit integrations share
 * (template data, truncation, HTTP requests with 0.25's retry classification, Go-style JSON).
 * The integrations themselves are in receivers/.
 */
export { NotifyError, type Integration, type Notifier, type NotifyContext, type Stage } from './types.js';
export { buildPipeline, receiverStage, type PipelineOptions } from './pipeline.js';
export {
  FanoutStage,
  MultiError,
  MultiStage,
  MuteStage,
  RoutingStage,
  TimeActiveStage,
  TimeMuteStage,
  WaitStage,
  type Muter,
  type TimeIntervalChecker,
} from './stages.js';
export { DedupStage, SetNotifiesStage, needsUpdate, type NotificationLogStore } from './dedup.js';
export { ExponentialBackOff, RetryStage, type BackOffOptions, type RetryStageOptions } from './retry.js';
export { INITIALISED_INTEGRATIONS, NOTIFICATION_LATENCY_BUCKETS, NotifyMetrics } from './metrics.js';
export {
  getTemplateData,
  goJSON,
  goJSONEncode,
  goJSONString,
  hashGroupKey,
  omitEmpty,
  omitEmptyList,
  readConfigFile,
  TemplateExpander,
  type GoJSONOptions,
} from './render.js';
export {
  MAX_RESPONSE_BODY_BYTES,
  parseTargetURL,
  postJSON,
  readBody,
  REDACTED_URL,
  requestErrorText,
  Retrier,
  sendRequest,
  USER_AGENT,
  type HTTPResponse,
  type RetrierOptions,
  type SendOptions,
} from './retrier.js';
export { TRUNCATION_MARKER, truncateInBytes, truncateInRunes } from './truncate.js';
