/**
 * Structured logging (Prometheus 3's promslog output): logfmt or JSON lines with time, level,
 * source, msg and key/value fields.
 */
export {
  Logger,
  LOG_FORMATS,
  LOG_LEVELS,
  parseLogFormat,
  parseLogLevel,
  type LogFields,
  type LogFormat,
  type LoggerOptions,
  type LogLevel,
  type LogSink,
  type StructuredLogger,
} from './logger.js';
