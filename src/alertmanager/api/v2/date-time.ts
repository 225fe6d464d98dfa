/**
 * go-openapi's strfmt.DateTime as the API v2 reads and writes it: parsing accepts the layouts
 * strfmt tries in turn (RFC 3339 with or without fraction, with "Z07:00" or "Z0700", local
 * "2006-01-02T15:04:05", reduced precision and "2006-01-02 15:04:05"), and a value none of them
 * accepts fails with Go's time.Parse error for the last layout, as strfmt reports it.
 * Formatting is RFC 3339 with milliseconds ("2006-01-02T15:04:05.000Z07:00"), in UTC.
 */

export class DateTimeParseError extends Error {
  override readonly name = 'DateTimeParseError';
}

const ZERO_MS = (() => {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  d.setUTCHours(0, 0, 0, 0);
  return d.getTime();
})();

/** ms since the epoch of Go's zero time. */
export function goZeroTimeMs(): number {
  return ZERO_MS;
}

const LAST_LAYOUT = '2006-01-02 15:04:05';

/** Go's time.quote: double quotes, `"` and `\` escaped, bytes outside printable ASCII as \xNN. */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0x80 || c < 0x20) {
      for (const b of Buffer.from(ch, 'utf8')) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Milliseconds (sub-millisecond digits truncated). */
  ms: number;
  /** Zone offset in minutes east of UTC. */
  offset: number;
}

const DATE = String.raw`(\d{4})-(\d{2})-(\d{2})`;
const FRAC = String.raw`(?:[.,](\d+))?`;
const ACCEPTED: readonly RegExp[] = [
  // RFC3339 / RFC3339Nano (any fraction, "Z" or "±hh:mm").
  new RegExp(String.raw`^${DATE}T(\d{1,2}):(\d{2}):(\d{2})${FRAC}(Z|[+-]\d{2}:\d{2})$`),
  // RFC3339Micro/Millis without colon: the fraction is exactly 6 or 3 digits.
  new RegExp(String.raw`^${DATE}T(\d{1,2}):(\d{2}):(\d{2})\.(\d{6}|\d{3})(Z|[+-]\d{4})$`),
  // ISO8601LocalTime.
  new RegExp(String.raw`^${DATE}T(\d{1,2}):(\d{2}):(\d{2})${FRAC}()$`),
  // Reduced precision, with literal Z or local.
  new RegExp(String.raw`^${DATE}T(\d{1,2}):(\d{2})()()(Z?)$`),
  // Universal sortable.
  new RegExp(String.raw`^${DATE} (\d{1,2}):(\d{2}):(\d{2})${FRAC}()$`),
];

function fieldsOf(m: RegExpExecArray): Fields | null {
  const num = (i: number): number => Number(m[i] ?? '0');
  const frac = m[7] ?? '';
  const zone = m[8] ?? '';
  let offset = 0;
  if (zone !== '' && zone !== 'Z') {
    const digits = zone.replace(':', '');
    const h = Number(digits.slice(1, 3));
    const mm = Number(digits.slice(3, 5));
    if (h >= 24 || mm >= 60) return null;
    offset = (zone[0] === '-' ? -1 : 1) * (h * 60 + mm);
  }
  const f: Fields = {
    year: num(1), month: num(2), day: num(3), hour: num(4), minute: num(5), second: num(6),
    ms: frac === '' ? 0 : Number(frac.slice(0, 3).padEnd(3, '0')), offset,
  };
  if (f.month < 1 || f.month > 12 || f.hour >= 24 || f.minute >= 60 || f.second >= 60) return null;
  if (f.day < 1 || f.day > daysIn(f.month, f.year)) return null;
  return f;
}

function toMs(f: Fields): number {
  const d = new Date(0);
  d.setUTCFullYear(f.year, f.month - 1, f.day);
  d.setUTCHours(f.hour, f.minute, f.second, f.ms);
  return d.getTime() - f.offset * 60_000;
}

/** Reads up to two digits as Go's getnum; null when the first is not a digit (or fixed and the second is not). */
function getnum(s: string, fixed: boolean): [number, string] | null {
  const d0 = s.charCodeAt(0) - 48;
  if (!(d0 >= 0 && d0 <= 9)) return null;
  const d1 = s.charCodeAt(1) - 48;
  if (!(d1 >= 0 && d1 <= 9)) return fixed ? null : [d0, s.slice(1)];
  return [d0 * 10 + d1, s.slice(2)];
}

/** The error Go's time.Parse gives for value with the layout "2006-01-02 15:04:05". */
function lastLayoutError(value: string): string {
  const head = `parsing time ${timeQuote(value)}`;
  const cannot = (rest: string, elem: string): string =>
    `${head} as ${timeQuote(LAST_LAYOUT)}: cannot parse ${timeQuote(rest)} as ${timeQuote(elem)}`;
  let v = value;
  if (v.length < 4 || !/^\d{4}/.test(v)) return cannot(v, '2006');
  const year = Number(v.slice(0, 4));
  v = v.slice(4);
  const steps: { sep: string; elem: string; fixed: boolean; range?: [string, number, number] }[] = [
    { sep: '-', elem: '01', fixed: true, range: ['month', 1, 12] },
    { sep: '-', elem: '02', fixed: true },
    { sep: ' ', elem: '15', fixed: false, range: ['hour', 0, 23] },
    { sep: ':', elem: '04', fixed: true, range: ['minute', 0, 59] },
    { sep: ':', elem: '05', fixed: true, range: ['second', 0, 59] },
  ];
  const got: number[] = [];
  for (const st of steps) {
    if (!v.startsWith(st.sep)) return cannot(v, st.sep);
    v = v.slice(st.sep.length);
    const r = getnum(v, st.fixed);
    if (r === null) return cannot(v, st.elem);
    const [n, rest] = r;
    v = rest;
    if (st.range !== undefined && (n < st.range[1] || n > st.range[2])) return `${head}: ${st.range[0]} out of range`;
    got.push(n);
  }
  // A fraction after the seconds is accepted even though the layout has none.
  const frac = /^[.,]\d+/.exec(v);
  if (frac !== null) v = v.slice(frac[0].length);
  if (v !== '') return `${head}: extra text: ${timeQuote(v)}`;
  const [month = 1, day = 1] = got;
  if (day < 1 || day > daysIn(month, year)) return `${head}: day out of range`;
  return `${head}: cannot parse`;
}

/**
 * strfmt.ParseDateTime: ms since the epoch (sub-millisecond digits truncated). "" is the Unix
 * epoch, as strfmt's NewDateTime(). Throws DateTimeParseError with Go's text.
 */
export function parseDateTime(s: string): number {
  if (s === '') return 0;
  for (const re of ACCEPTED) {
    const m = re.exec(s);
    if (m === null) continue;
    const f = fieldsOf(m);
    if (f !== null) return toMs(f);
  }
  throw new DateTimeParseError(lastLayoutError(s));
}

/** strfmt.DateTime's JSON text (without quotes): "2006-01-02T15:04:05.000Z" in UTC. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '0001-01-01T00:00:00.000Z';
  const y = d.getUTCFullYear();
  if (y >= 0 && y <= 9999) return d.toISOString();
  // Outside four-digit years Go prints the year as is; keep the rest of the ISO form.
  const rest = d.toISOString().replace(/^[+-]\d{6}/, '');
  return `${y}${rest}`;
}
