/** Alertmanager time intervals (timeinterval.go): parsing of the YAML forms and containment checks. */

export class TimeIntervalError extends Error {
  override readonly name = 'TimeIntervalError';
}

/** Minutes within a day; start inclusive, end exclusive. */
export interface TimeRange {
  startMinute: number;
  endMinute: number;
}

/** An inclusive [begin, end] range. */
export interface InclusiveRange {
  begin: number;
  end: number;
}

export interface TimeInterval {
  times?: TimeRange[];
  weekdays?: InclusiveRange[];
  daysOfMonth?: InclusiveRange[];
  months?: InclusiveRange[];
  years?: InclusiveRange[];
  /** IANA zone name; undefined means UTC. "Local" means the process's zone. */
  location?: string;
}

const WEEKDAYS: Readonly<Record<string, number>> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
};
const MONTHS: readonly string[] = [
  '', 'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
const VALID_TIME = /^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)/;

function atoi(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new TimeIntervalError(`strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number.parseInt(s, 10);
}

function rangeFromString(raw: string, member: (s: string) => number): InclusiveRange {
  const s = raw.toLowerCase();
  if (s.includes(':')) {
    const parts = s.split(':');
    if (parts.length !== 2) throw new TimeIntervalError(`couldn't parse range ${s}, invalid format`);
    return { begin: member(parts[0] as string), end: member(parts[1] as string) };
  }
  const v = member(s);
  return { begin: v, end: v };
}

function asString(raw: unknown, what: string): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return String(raw);
  throw new TimeIntervalError(`${what} must be a string`);
}

export function parseWeekdayRange(raw: unknown): InclusiveRange {
  const str = asString(raw, 'weekday range');
  const r = rangeFromString(str, (s) => {
    const v = WEEKDAYS[s];
    if (v === undefined) throw new TimeIntervalError(`${s} is not a valid weekday`);
    return v;
  });
  if (r.begin > r.end) throw new TimeIntervalError('start day cannot be before end day');
  if (r.begin < 0 || r.begin > 6 || r.end < 0 || r.end > 6) {
    throw new TimeIntervalError(`${str} is not a valid day of the week: out of range`);
  }
  return r;
}

export function parseDayOfMonthRange(raw: unknown): InclusiveRange {
  const r = rangeFromString(asString(raw, 'day of month range'), atoi);
  for (const d of [r.begin, r.end]) {
    if (d === 0 || d < -31 || d > 31) throw new TimeIntervalError(`${d} is not a valid day of the month: out of range`);
  }
  if (r.begin < 0 && r.end > 0) throw new TimeIntervalError('end day must be negative if start day is negative');
  const cb = r.begin < 0 ? 28 + r.begin : r.begin;
  const ce = r.end < 0 ? 28 + r.end : r.end;
  if (cb > ce) throw new TimeIntervalError(`end day ${r.end} is always before start day ${r.begin}`);
  return r;
}

export function parseMonthRange(raw: unknown): InclusiveRange {
  const r = rangeFromString(asString(raw, 'month range'), (s) => {
    const i = MONTHS.indexOf(s);
    if (i > 0) return i;
    try {
      return atoi(s);
    } catch {
      throw new TimeIntervalError(`${s} is not a valid month`);
    }
  });
  if (r.begin > r.end) {
    throw new TimeIntervalError(`end month ${MONTHS[r.end] ?? ''} is before start month ${MONTHS[r.begin] ?? ''}`);
  }
  return r;
}

export function parseYearRange(raw: unknown): InclusiveRange {
  const r = rangeFromString(asString(raw, 'year range'), atoi);
  if (r.begin > r.end) throw new TimeIntervalError(`end year ${r.end} is before start year ${r.begin}`);
  return r;
}

function parseClock(s: string): number {
  if (!VALID_TIME.test(s)) throw new TimeIntervalError(`couldn't parse timestamp ${s}, invalid format`);
  const [h, m] = s.split(':');
  return Number(h) * 60 + Number(m);
}

export function parseTimeRange(raw: unknown): TimeRange {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TimeIntervalError('time range must be a mapping with start_time and end_time');
  }
  const o = raw as Record<string, unknown>;
  const start = o['start_time'] === undefined || o['start_time'] === null ? '' : asString(o['start_time'], 'start_time');
  const end = o['end_time'] === undefined || o['end_time'] === null ? '' : asString(o['end_time'], 'end_time');
  if (start === '' || end === '') throw new TimeIntervalError('both start and end times must be provided');
  const s = parseClock(start);
  const e = parseClock(end);
  if (s >= e) throw new TimeIntervalError('start time cannot be equal or greater than end time');
  return { startMinute: s, endMinute: e };
}

/** Validates an IANA zone name as Go's time.LoadLocation would (error text "unknown time zone X"). */
export function parseLocation(raw: unknown): string {
  const s = asString(raw, 'location');
  if (s === '' || s === 'UTC' || s === 'Local') return s === '' ? 'UTC' : s;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: s });
  } catch {
    throw new TimeIntervalError(`unknown time zone ${s}`);
  }
  return s;
}

function parseList<T>(raw: unknown, one: (x: unknown) => T): T[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw new TimeIntervalError('expected a sequence');
  return raw.map(one);
}

/** Parses one time interval in its YAML/JSON form (keys times, weekdays, days_of_month, months, years, location). */
export function parseTimeInterval(raw: unknown): TimeInterval {
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new TimeIntervalError('time interval must be a mapping');
  const o = raw as Record<string, unknown>;
  const ti: TimeInterval = {};
  const times = parseList(o['times'], parseTimeRange);
  if (times) ti.times = times;
  const weekdays = parseList(o['weekdays'], parseWeekdayRange);
  if (weekdays) ti.weekdays = weekdays;
  const dom = parseList(o['days_of_month'], parseDayOfMonthRange);
  if (dom) ti.daysOfMonth = dom;
  const months = parseList(o['months'], parseMonthRange);
  if (months) ti.months = months;
  const years = parseList(o['years'], parseYearRange);
  if (years) ti.years = years;
  if (o['location'] !== undefined && o['location'] !== null) ti.location = parseLocation(o['location']);
  return ti;
}

interface CivilTime {
  year: number;
  month: number; // 1..12
  day: number;
  weekday: number; // 0 = Sunday
  minuteOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAY_SHORT: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function civil(ms: number, location: string | undefined): CivilTime {
  if (location === undefined || location === 'UTC') {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
      weekday: d.getUTCDay(), minuteOfDay: d.getUTCHours() * 60 + d.getUTCMinutes(),
    };
  }
  if (location === 'Local') {
    const d = new Date(ms);
    return {
      year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(),
      weekday: d.getDay(), minuteOfDay: d.getHours() * 60 + d.getMinutes(),
    };
  }
  let f = formatters.get(location);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: location, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      weekday: 'short', hour: 'numeric', minute: 'numeric', era: 'short',
    });
    formatters.set(location, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(ms)) p[part.type] = part.value;
  const y = Number(p['year']);
  return {
    year: p['era'] === 'BC' ? 1 - y : y,
    month: Number(p['month']),
    day: Number(p['day']),
    weekday: WEEKDAY_SHORT[p['weekday'] ?? ''] ?? 0,
    minuteOfDay: (Number(p['hour']) % 24) * 60 + Number(p['minute']),
  };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function clamp(n: number, min: number, max: number): number {
  return n <= min ? min : n >= max ? max : n;
}

function inAny(v: number, ranges: readonly InclusiveRange[]): boolean {
  return ranges.some((r) => v >= r.begin && v <= r.end);
}

function dayOfMonthMatches(c: CivilTime, ranges: readonly InclusiveRange[]): boolean {
  const dim = daysInMonth(c.year, c.month);
  for (const r of ranges) {
    const begin0 = r.begin < 0 ? dim + r.begin + 1 : r.begin;
    const end0 = r.end < 0 ? dim + r.end + 1 : r.end;
    if (begin0 > dim) continue;
    const begin = clamp(begin0, -dim, dim);
    const end = clamp(end0, -dim, dim);
    if (c.day >= begin && c.day <= end) return true;
  }
  return false;
}

/** Reports whether the instant t (Date or ms since epoch) lies within the interval, as ContainsTime. */
export function contains(ti: TimeInterval, t: Date | number): boolean {
  const c = civil(typeof t === 'number' ? t : t.getTime(), ti.location);
  if (ti.times && !ti.times.some((r) => c.minuteOfDay >= r.startMinute && c.minuteOfDay < r.endMinute)) return false;
  if (ti.daysOfMonth && !dayOfMonthMatches(c, ti.daysOfMonth)) return false;
  if (ti.months && !inAny(c.month, ti.months)) return false;
  if (ti.weekdays && !inAny(c.weekday, ti.weekdays)) return false;
  if (ti.years && !inAny(c.year, ti.years)) return false;
  return true;
}

/** Intervener answers whether named time intervals are active now (timeinterval.Intervener). */
export class Intervener {
  private readonly intervals: ReadonlyMap<string, readonly TimeInterval[]>;

  constructor(intervals: ReadonlyMap<string, readonly TimeInterval[]> | Readonly<Record<string, readonly TimeInterval[]>>) {
    this.intervals = intervals instanceof Map ? intervals : new Map(Object.entries(intervals));
  }

  /** Returns [muted, names of the active intervals]; throws for an unknown name. */
  mutes(names: readonly string[], now: Date | number): [boolean, string[]] {
    const active: string[] = [];
    for (const name of names) {
      const list = this.intervals.get(name);
      if (list === undefined) throw new TimeIntervalError(`time interval ${name} doesn't exist in config`);
      if (list.some((ti) => contains(ti, now))) active.push(name);
    }
    return [active.length > 0, active];
  }
}
