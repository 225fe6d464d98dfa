/**
 * The YAML form of Alertmanager's time intervals (timeinterval package upstream): times as
 * hh:mm ranges, weekday, day-of-month, month and year ranges, and a location, validated with
 * upstream's error texts. Decoded values are plain data for the time interval evaluator.
 */
import { type Codec, decodeString, list, ptr, str, type Decoder, type YNode } from '../../config/common/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { goStruct, kp, oe } from './go-struct.js';

/** Minutes since midnight, [start, end). */
export interface TimeRange {
  startMinute: number;
  endMinute: number;
}

/** An inclusive range of weekdays (0 = sunday), days of month (negative: from the end), months (1-12) or years. */
export interface InclusiveRange {
  begin: number;
  end: number;
}

export interface TimeInterval {
  times: TimeRange[];
  weekdays: InclusiveRange[];
  days_of_month: InclusiveRange[];
  months: InclusiveRange[];
  years: InclusiveRange[];
  /** An IANA zone name, 'UTC' or 'Local'; undefined means UTC. */
  location: string | undefined;
}

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const VALID_TIME_RE = /^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)/;

class RangeError_ extends Error {}

/** Go's strconv.Atoi with its error text. */
function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new RangeError_(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new RangeError_(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  return n;
}

function parseRange(input: string, member: (s: string) => number): InclusiveRange {
  const s = input.toLowerCase();
  if (s.includes(':')) {
    const parts = s.split(':');
    if (parts.length !== 2) throw new RangeError_(`couldn't parse range ${s}, invalid format`);
    return { begin: member(parts[0] as string), end: member(parts[1] as string) };
  }
  const v = member(s);
  return { begin: v, end: v };
}

function weekday(s: string): number {
  const i = WEEKDAYS.indexOf(s);
  if (i < 0) throw new RangeError_(`${s} is not a valid weekday`);
  return i;
}

function month(s: string): number {
  const i = MONTHS.indexOf(s);
  if (i >= 0) return i + 1;
  try {
    return atoi(s);
  } catch {
    throw new RangeError_(`${s} is not a valid month`);
  }
}

function checkWeekdays(r: InclusiveRange, s: string): string | null {
  if (r.begin > r.end) return 'start day cannot be before end day';
  if (r.begin < 0 || r.begin > 6 || r.end < 0 || r.end > 6) return `${s} is not a valid day of the week: out of range`;
  return null;
}

function checkDaysOfMonth(r: InclusiveRange): string | null {
  for (const v of [r.begin, r.end]) {
    if (v === 0 || v < -31 || v > 31) return `${v} is not a valid day of the month: out of range`;
  }
  if (r.begin < 0 && r.end > 0) return 'end day must be negative if start day is negative';
  const b = r.begin < 0 ? 28 + r.begin : r.begin;
  const e = r.end < 0 ? 28 + r.end : r.end;
  if (b > e) return `end day ${r.end} is always before start day ${r.begin}`;
  return null;
}

function checkMonths(r: InclusiveRange): string | null {
  if (r.begin > r.end) return `end month ${MONTHS[r.end - 1] ?? ''} is before start month ${MONTHS[r.begin - 1] ?? ''}`;
  return null;
}

function checkYears(r: InclusiveRange): string | null {
  return r.begin > r.end ? `end year ${r.end} is before start year ${r.begin}` : null;
}

function rangeCodec(goType: string, member: (s: string) => number, check: (r: InclusiveRange, s: string) => string | null): Codec<InclusiveRange> {
  return {
    goType,
    zero: () => ({ begin: 0, end: 0 }),
    decode(n: YNode, d: Decoder): InclusiveRange {
      const s = decodeString(n, d);
      if (s === undefined) return { begin: 0, end: 0 };
      let r: InclusiveRange;
      try {
        r = parseRange(s, member);
      } catch (e) {
        return d.fail((e as Error).message, n.line);
      }
      const err = check(r, s);
      if (err !== null) d.fail(err, n.line);
      return r;
    },
    isZero: () => false,
    encode: (r) => (goType === 'timeinterval.WeekdayRange' ? weekdayText(r) : rangeText(r)),
  };
}

function rangeText(r: InclusiveRange): string {
  return r.begin === r.end ? String(r.begin) : `${r.begin}:${r.end}`;
}

function weekdayText(r: InclusiveRange): string {
  const b = WEEKDAYS[r.begin] ?? '';
  return r.begin === r.end ? b : `${b}:${WEEKDAYS[r.end] ?? ''}`;
}

/** "hh:mm" (or 24:00) to minutes; throws with upstream's text. */
export function parseClockTime(s: string): number {
  if (!VALID_TIME_RE.test(s)) throw new RangeError_(`couldn't parse timestamp ${s}, invalid format`);
  const [h, m] = s.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

function clockText(mins: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(mins / 60))}:${pad(mins % 60)}`;
}

const yamlTimeRange = goStruct({ goType: 'timeinterval.yamlTimeRange', fields: { start_time: kp(str), end_time: kp(str) } });

const timeRangeCodec: Codec<TimeRange> = {
  goType: 'timeinterval.TimeRange',
  zero: () => ({ startMinute: 0, endMinute: 0 }),
  decode(n, d): TimeRange {
    const before = d.terrors.length;
    const y = yamlTimeRange.decode(n, d);
    if (d.terrors.length !== before) return { startMinute: 0, endMinute: 0 };
    if (y.start_time === '' || y.end_time === '') d.fail('both start and end times must be provided', n.line);
    let start: number;
    let end: number;
    try {
      start = parseClockTime(y.start_time);
      end = parseClockTime(y.end_time);
    } catch (e) {
      return d.fail((e as Error).message, n.line);
    }
    if (start >= end) d.fail('start time cannot be equal or greater than end time', n.line);
    return { startMinute: start, endMinute: end };
  },
  isZero: () => false,
  encode: (t) => ({ start_time: clockText(t.startMinute), end_time: clockText(t.endMinute) }),
};

/** True when the runtime knows the zone (Go's time.LoadLocation). */
export function isKnownLocation(name: string): boolean {
  if (name === '' || name === 'UTC' || name === 'Local') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const locationCodec: Codec<string> = {
  goType: 'timeinterval.Location',
  zero: () => '',
  decode(n, d): string {
    const s = decodeString(n, d) ?? '';
    if (!isKnownLocation(s)) d.fail(`unknown time zone ${s}`, n.line);
    return s === '' ? 'UTC' : s;
  },
  isZero: (v) => v === '' || v === undefined,
  encode: (v) => v,
};

const timeIntervalStruct = goStruct({
  goType: 'timeinterval.TimeInterval',
  fields: {
    times: oe(list(timeRangeCodec)),
    weekdays: oe(list(rangeCodec('timeinterval.WeekdayRange', weekday, checkWeekdays))),
    days_of_month: oe(list(rangeCodec('timeinterval.DayOfMonthRange', atoi, checkDaysOfMonth))),
    months: oe(list(rangeCodec('timeinterval.MonthRange', month, checkMonths))),
    years: oe(list(rangeCodec('timeinterval.YearRange', atoi, checkYears))),
    location: oe(ptr(locationCodec)),
  },
});

export const timeIntervalCodec: Codec<TimeInterval> = timeIntervalStruct;
