/**
 * The slice of Go's time package amtool's output depends on: a time that keeps the zone offset
 * it was parsed with (the API's strfmt.DateTime values print in that zone), time.Parse with
 * RFC 3339 and its error texts (--start, --end), Time.Format with any layout (--date.format),
 * and strfmt's JSON form (millisecond precision, the offset kept).
 */

/** A Go time.Time: an instant, and the zone (offset, abbreviation) it is shown in. */
export interface ZonedTime {
  /** Unix seconds (an integer). */
  readonly sec: number;
  /** Nanoseconds within the second, 0..999999999. */
  readonly nsec: number;
  /** The zone's offset east of UTC, in seconds. */
  readonly offset: number;
  /** The zone's abbreviation; '' for a fixed offset without a name (printed as -0700). */
  readonly zone: string;
}

/** A time error with Go's text (time.ParseError). */
export class GoTimeError extends Error {
  override name = 'GoTimeError';
}

/** The time of a Unix ms value, in UTC. */
export function utcTime(ms: number): ZonedTime {
  const sec = Math.floor(ms / 1000);
  return { sec, nsec: Math.round((ms - sec * 1000) * 1e6), offset: 0, zone: 'UTC' };
}

/** The instant in Unix ms. */
export function timeMs(t: ZonedTime): number {
  return t.sec * 1000 + Math.floor(t.nsec / 1e6);
}

/** t.UTC(). */
export function inUTC(t: ZonedTime): ZonedTime {
  return { sec: t.sec, nsec: t.nsec, offset: 0, zone: 'UTC' };
}

/** t.Add(ms). */
export function addMs(t: ZonedTime, ms: number): ZonedTime {
  const total = timeMs(t) + ms;
  const sec = Math.floor(total / 1000);
  return { ...t, sec, nsec: (total - sec * 1000) * 1e6 + (t.nsec % 1e6) };
}

/** Compares instants: negative when a is before b. */
export function compareTimes(a: ZonedTime, b: ZonedTime): number {
  return a.sec !== b.sec ? a.sec - b.sec : a.nsec - b.nsec;
}

/** The local zone's abbreviation at an instant (CET, EST, ...), as the tz database names it. */
function localZoneName(sec: number, offset: number): string {
  for (const locale of ['en-US', 'en-GB']) {
    try {
      const part = new Intl.DateTimeFormat(locale, { timeZoneName: 'short' })
        .formatToParts(new Date(sec * 1000)).find((p) => p.type === 'timeZoneName');
      const name = part?.value ?? '';
      if (/^[A-Z]{2,5}$/.test(name) && (name !== 'GMT' || offset === 0)) return name;
    } catch {
      break;
    }
  }
  return offset === 0 ? 'UTC' : '';
}

/** The zone a parsed offset ends up in: Local when the local zone has that offset then (as Go). */
function zoneFor(sec: number, offset: number, utc: boolean): { offset: number; zone: string } {
  if (utc) return { offset: 0, zone: 'UTC' };
  const local = -new Date(sec * 1000).getTimezoneOffset() * 60;
  if (local !== offset) return { offset, zone: '' };
  return { offset, zone: localZoneName(sec, offset) };
}

/** Date.UTC without its 0..99 -> 1900s year mapping. */
function utcMs(year: number, month: number, day: number, h: number, m: number, s: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(h, m, s, 0);
  return d.getTime();
}

function daysIn(month: number, year: number): number {
  return new Date(utcMs(year, month + 1, 0, 0, 0, 0)).getUTCDate();
}

const RFC3339 = '2006-01-02T15:04:05Z07:00';

function quoteGo(s: string): string {
  return JSON.stringify(s);
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Go's getnum: one or two digits (two required when fixed). */
function getnum(s: string, fixed: boolean): [number, string] | null {
  if (!isDigit(s, 0)) return null;
  if (!isDigit(s, 1)) return fixed ? null : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

interface ParseState {
  value: string;
  fields: number[];
  nsec: number;
  offset: number | null;
}

type Step = (st: ParseState) => string | null;

/** One std element of the RFC 3339 layout: reads it, or returns a range error name / 'bad'. */
function numberStep(index: number, fixed: boolean, max: number, min: number, range: string): Step {
  return (st) => {
    const r = getnum(st.value, fixed);
    if (r === null) return 'bad';
    st.fields[index] = r[0];
    st.value = r[1];
    return r[0] < min || r[0] >= max ? range : null;
  };
}

const STEPS: ReadonlyArray<readonly [string, string, Step]> = [
  ['', '2006', (st) => {
    if (st.value.length < 4 || !/^\d{4}/.test(st.value)) return 'bad';
    st.fields[0] = Number(st.value.slice(0, 4));
    st.value = st.value.slice(4);
    return null;
  }],
  ['-', '01', numberStep(1, true, 13, 1, 'month')],
  ['-', '02', numberStep(2, true, 32, 0, '')],
  ['T', '15', numberStep(3, false, 24, 0, 'hour')],
  [':', '04', numberStep(4, true, 60, 0, 'minute')],
  [':', '05', (st) => {
    const r = numberStep(5, true, 60, 0, 'second')(st);
    if (r !== null) return r;
    const m = /^[.,](\d+)/.exec(st.value);
    if (m !== null) {
      st.nsec = Number(((m[1] as string) + '000000000').slice(0, 9));
      st.value = st.value.slice(m[0].length);
    }
    return null;
  }],
  ['', 'Z07:00', (st) => {
    const v = st.value;
    if (v.startsWith('Z')) {
      st.value = v.slice(1);
      st.offset = null;
      return null;
    }
    if (v.length < 6 || v[3] !== ':' || (v[0] !== '+' && v[0] !== '-')) return 'bad';
    const hh = getnum(v.slice(1, 3), true);
    const mm = getnum(v.slice(4, 6), true);
    if (hh === null || mm === null) return 'bad';
    st.offset = (v[0] === '-' ? -1 : 1) * (hh[0] * 3600 + mm[0] * 60);
    st.value = v.slice(6);
    return null;
  }],
];

/** time.Parse(time.RFC3339, s), with Go's error texts. */
export function parseRFC3339(s: string): ZonedTime {
  const st: ParseState = { value: s, fields: [0, 1, 1, 0, 0, 0], nsec: 0, offset: null };
  const fail = (msg: string): GoTimeError => new GoTimeError(`parsing time ${quoteGo(s)}${msg}`);
  for (const [prefix, std, step] of STEPS) {
    if (!st.value.startsWith(prefix)) {
      throw fail(` as ${quoteGo(RFC3339)}: cannot parse ${quoteGo(st.value)} as ${quoteGo(prefix)}`);
    }
    st.value = st.value.slice(prefix.length);
    const hold = st.value;
    const r = step(st);
    if (r === 'bad') throw fail(` as ${quoteGo(RFC3339)}: cannot parse ${quoteGo(hold)} as ${quoteGo(std)}`);
    if (r !== null && r !== '') throw fail(`: ${r} out of range`);
  }
  if (st.value !== '') throw fail(`: extra text: ${quoteGo(st.value)}`);
  const [year, month, day, hour, minute, second] = st.fields as [number, number, number, number, number, number];
  if (day < 1 || day > daysIn(month, year)) throw fail(': day out of range');
  const utcSec = Math.floor(utcMs(year, month, day, hour, minute, second) / 1000);
  const offset = st.offset ?? 0;
  const sec = utcSec - offset;
  return { sec, nsec: st.nsec, ...zoneFor(sec, offset, st.offset === null) };
}

/**
 * strfmt.ParseDateTime (the API's date-time values): RFC 3339 with any fraction, `Z` or a
 * numeric offset with or without a colon. Returns null for anything else.
 */
export function parseDateTime(s: string): ZonedTime | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m === null) return null;
  const n = (i: number): number => Number(m[i]);
  const utcSec = Math.floor(utcMs(n(1), n(2), n(3), n(4), n(5), n(6)) / 1000);
  if (!Number.isFinite(utcSec)) return null;
  const nsec = m[7] === undefined ? 0 : Number((m[7] + '000000000').slice(0, 9));
  const z = m[8];
  if (z === undefined || z === 'Z' || z === 'z') return { sec: utcSec, nsec, offset: 0, zone: 'UTC' };
  const digits = z.replace(':', '');
  const offset = (z[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 3600 + Number(digits.slice(3, 5)) * 60);
  const sec = utcSec - offset;
  return { sec, nsec, ...zoneFor(sec, offset, false) };
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

/** Go's std layout elements, longest first within each leading character (as nextStdChunk). */
const STD_CHUNKS = [
  'January', 'Jan', 'Monday', 'Mon', 'MST', '01', '02', '03', '04', '05', '06', '002', '15', '1', '2006', '2',
  '__2', '_2', '3', '4', '5', 'PM', 'pm', '-07:00:00', '-070000', '-07:00', '-0700', '-07', 'Z07:00:00', 'Z070000',
  'Z07:00', 'Z0700', 'Z07',
];

function stdChunkAt(layout: string, i: number): string | null {
  for (const c of STD_CHUNKS) {
    if (!layout.startsWith(c, i)) continue;
    if ((c === 'Jan' || c === 'Mon') && /^[a-z]/.test(layout.slice(i + 3))) continue;
    if (c === '_2' && layout.startsWith('_2006', i)) continue;
    return c;
  }
  const frac = /^[.,](0+|9+)/.exec(layout.slice(i));
  if (frac !== null && !isDigit(layout, i + frac[0].length)) return frac[0];
  return null;
}

function pad(n: number, width: number, padChar = '0'): string {
  return String(n).padStart(width, padChar);
}

function offsetText(offset: number, colon: boolean, withSeconds: boolean, short: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  let s = sign + pad(Math.floor(a / 3600), 2);
  if (short) return s;
  s += (colon ? ':' : '') + pad(Math.floor((a % 3600) / 60), 2);
  if (withSeconds) s += (colon ? ':' : '') + pad(a % 60, 2);
  return s;
}

function zoneChunk(t: ZonedTime, chunk: string): string {
  if (chunk === 'MST') return t.zone !== '' ? t.zone : offsetText(t.offset, false, false, false);
  if (chunk.startsWith('Z') && t.offset === 0) return 'Z';
  const body = chunk.slice(1);
  return offsetText(t.offset, body.includes(':'), body.length > 5, body === '07');
}

function formatChunk(t: ZonedTime, d: Date, chunk: string): string {
  const h = d.getUTCHours();
  switch (chunk) {
    case 'January': return MONTHS[d.getUTCMonth()] as string;
    case 'Jan': return (MONTHS[d.getUTCMonth()] as string).slice(0, 3);
    case 'Monday': return DAYS[d.getUTCDay()] as string;
    case 'Mon': return (DAYS[d.getUTCDay()] as string).slice(0, 3);
    case '2006': return pad(d.getUTCFullYear(), 4);
    case '06': return pad(d.getUTCFullYear() % 100, 2);
    case '01': return pad(d.getUTCMonth() + 1, 2);
    case '1': return String(d.getUTCMonth() + 1);
    case '02': return pad(d.getUTCDate(), 2);
    case '_2': return pad(d.getUTCDate(), 2, ' ');
    case '2': return String(d.getUTCDate());
    case '002': case '__2': {
      const yday = Math.floor((d.getTime() - utcMs(d.getUTCFullYear(), 1, 1, 0, 0, 0)) / 86_400_000) + 1;
      return pad(yday, 3, chunk === '002' ? '0' : ' ');
    }
    case '15': return pad(h, 2);
    case '03': return pad(h % 12 === 0 ? 12 : h % 12, 2);
    case '3': return String(h % 12 === 0 ? 12 : h % 12);
    case '04': return pad(d.getUTCMinutes(), 2);
    case '4': return String(d.getUTCMinutes());
    case '05': return pad(d.getUTCSeconds(), 2);
    case '5': return String(d.getUTCSeconds());
    case 'PM': return h >= 12 ? 'PM' : 'AM';
    case 'pm': return h >= 12 ? 'pm' : 'am';
  }
  if (chunk[0] === '.' || chunk[0] === ',') {
    const digits = pad(t.nsec, 9).slice(0, chunk.length - 1);
    if (chunk[1] === '0') return chunk[0] + digits;
    const trimmed = digits.replace(/0+$/, '');
    return trimmed === '' ? '' : chunk[0] + trimmed;
  }
  return zoneChunk(t, chunk);
}

/** Time.Format(layout). */
export function formatTime(t: ZonedTime, layout: string): string {
  const d = new Date((t.sec + t.offset) * 1000);
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const chunk = stdChunkAt(layout, i);
    if (chunk === null) {
      out += layout[i];
      i++;
      continue;
    }
    out += formatChunk(t, d, chunk);
    i += chunk.length;
  }
  return out;
}

/** strfmt.DateTime's JSON text: RFC 3339 with milliseconds, in the time's own zone. */
export function dateTimeJSON(t: ZonedTime): string {
  return formatTime(t, '2006-01-02T15:04:05.000Z07:00');
}

/** Go's zero time (0001-01-01T00:00:00Z). */
export const ZERO_TIME: ZonedTime = { sec: -62135596800, nsec: 0, offset: 0, zone: 'UTC' };
