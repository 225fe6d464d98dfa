export {
  contains,
  Intervener,
  parseDayOfMonthRange,
  parseLocation,
  parseMonthRange,
  parseTimeInterval,
  parseTimeRange,
  parseWeekdayRange,
  parseYearRange,
  TimeIntervalError,
} from './time-interval.js';
export type { InclusiveRange, TimeInterval, TimeRange } from './time-interval.js';
