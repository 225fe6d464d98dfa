/**
 * Grafana's value formats (unit ids such as short, percent, bytes, bps, s, reqps), formatting
 * numbers as Grafana does: auto decimals by magnitude, scaled SI/IEC prefixes, time scales.
 */

export interface FormattedValue {
  prefix?: string;
  text: string;
  suffix?: string;
}

type Formatter = (value: number, decimals?: number) => FormattedValue;

/** How many decimals Grafana shows for a value when none are configured. */
export function decimalsForValue(value: number): number {
  if (!Number.isFinite(value) || value === 0) return 0;
  if (value % 1 === 0) return 0;
  const log10 = Math.floor(Math.log(Math.abs(value)) / Math.LN10);
  let dec = -log10 + 1;
  const magn = Math.pow(10, -dec);
  const norm = value / magn;
  if (norm > 2.25) ++dec;
  return Math.max(0, Math.min(dec, 20));
}

export function toFixed(value: number, decimals?: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const d = decimals ?? decimalsForValue(value);
  const fixed = value.toFixed(Math.max(0, Math.min(d, 20)));
  return fixed === '-0' ? '0' : fixed.replace(/^-0(\.0+)?$/, '0$1');
}

function scaled(factor: number, units: readonly string[], start = 0): Formatter {
  return (value, decimals) => {
    if (!Number.isFinite(value)) return { text: toFixed(value, decimals) };
    let step = start;
    let size = value;
    if (size !== 0) {
      while (Math.abs(size) >= factor && step < units.length - 1) {
        step++;
        size /= factor;
      }
      while (Math.abs(size) < 1 && step > 0) {
        step--;
        size *= factor;
      }
    }
    return { text: toFixed(size, decimals), suffix: units[step] ?? '' };
  };
}

const SI = ['f', 'p', 'n', 'µ', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const IEC = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'];

function siPrefix(unit: string, offset = 0): Formatter {
  return scaled(1000, SI.map((p) => ` ${p}${unit}`), 5 + offset);
}

function binaryPrefix(unit: string, offset = 0): Formatter {
  const f = scaled(1024, IEC.map((p) => ` ${p}${unit}`), offset);
  return (value, decimals) => (Math.abs(value) < 1 && offset === 0 ? { text: toFixed(value, decimals), suffix: ` ${unit}` } : f(value, decimals));
}

function countUnit(symbol: string): Formatter {
  const f = scaled(1000, ['', 'K', 'M', 'B', 'T']);
  return (value, decimals) => {
    const r = Math.abs(value) < 1 ? { text: toFixed(value, decimals), suffix: '' } : f(value, decimals);
    return { text: r.text, suffix: `${r.suffix ?? ''} ${symbol}` };
  };
}

function fixedUnit(unit: string, asPrefix = false): Formatter {
  return (value, decimals) => (asPrefix ? { prefix: unit, text: toFixed(value, decimals) } : { text: toFixed(value, decimals), suffix: unit === '' ? '' : ` ${unit}` });
}

const short = scaled(1000, ['', ' K', ' Mil', ' Bil', ' Tri', ' Quadr', ' Quint', ' Sext', ' Sept']);

/** Seconds-based time scale (ns .. year) as Grafana's toSeconds / toMilliSeconds do. */
const TIME_STEPS: readonly [number, string][] = [
  [1e-9, 'ns'],
  [1e-6, 'µs'],
  [1e-3, 'ms'],
  [1, 's'],
  [60, 'min'],
  [3600, 'hour'],
  [86400, 'day'],
  [604800, 'week'],
  [31536000, 'year'],
];

function timeUnit(scaleSeconds: number): Formatter {
  return (value, decimals) => {
    if (!Number.isFinite(value)) return { text: toFixed(value, decimals) };
    const secs = value * scaleSeconds;
    const abs = Math.abs(secs);
    let chosen = TIME_STEPS.findIndex(([s]) => s === scaleSeconds);
    if (chosen < 0) chosen = 3;
    if (abs !== 0) {
      chosen = 0;
      for (let i = 0; i < TIME_STEPS.length; i++) {
        const step = TIME_STEPS[i];
        if (step !== undefined && abs >= step[0]) chosen = i;
      }
      // Seconds scale down to ms/µs/ns as Grafana's toSeconds does; other units keep their base.
      const base = TIME_STEPS.findIndex(([s]) => s === scaleSeconds);
      if (chosen < base && scaleSeconds !== 1) chosen = base;
    }
    const [div, name] = TIME_STEPS[chosen] ?? [1, 's'];
    return { text: toFixed(secs / div, decimals), suffix: ` ${name}` };
  };
}

function durationText(ms: number): FormattedValue {
  const neg = ms < 0;
  let rest = Math.abs(Math.round(ms));
  const parts: string[] = [];
  const units: [number, string][] = [[31536000000, 'y'], [86400000, 'd'], [3600000, 'h'], [60000, 'm'], [1000, 's']];
  for (const [size, name] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${name}`);
      rest %= size;
    }
  }
  if (parts.length === 0) parts.push(`${rest}ms`);
  return { text: (neg ? '-' : '') + parts.slice(0, 3).join(' ') };
}

function dateTime(value: number, tz: 'utc' | 'browser'): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  if (tz === 'utc') return d.toISOString().replace('T', ' ').slice(0, 19);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

const FORMATS: Record<string, Formatter> = {
  none: (v, d) => ({ text: toFixed(v, d) }),
  short,
  percent: (v, d) => ({ text: toFixed(v, d), suffix: '%' }),
  percentunit: (v, d) => ({ text: toFixed(v * 100, d), suffix: '%' }),
  humidity: (v, d) => ({ text: toFixed(v, d), suffix: '%H' }),
  dB: fixedUnit('dB'),
  hex: (v) => ({ text: Math.round(v).toString(16).toUpperCase() }),
  hex0x: (v) => ({ text: `0x${Math.round(v).toString(16).toUpperCase()}` }),
  sci: (v, d) => ({ text: v.toExponential(d) }),
  locale: (v, d) => ({ text: v.toLocaleString(undefined, d === undefined ? {} : { maximumFractionDigits: d }) }),
  // Data (IEC and SI).
  bits: binaryPrefix('b'),
  bytes: binaryPrefix('B'),
  kbytes: binaryPrefix('B', 1),
  mbytes: binaryPrefix('B', 2),
  gbytes: binaryPrefix('B', 3),
  tbytes: binaryPrefix('B', 4),
  pbytes: binaryPrefix('B', 5),
  decbits: siPrefix('b'),
  decbytes: siPrefix('B'),
  deckbytes: siPrefix('B', 1),
  decmbytes: siPrefix('B', 2),
  decgbytes: siPrefix('B', 3),
  dectbytes: siPrefix('B', 4),
  decpbytes: siPrefix('B', 5),
  // Data rates.
  pps: siPrefix('p/s'),
  binbps: binaryPrefix('b/s'),
  bps: siPrefix('b/s'),
  binBps: binaryPrefix('B/s'),
  Bps: siPrefix('B/s'),
  KiBs: binaryPrefix('B/s', 1),
  Kibits: binaryPrefix('b/s', 1),
  MiBs: binaryPrefix('B/s', 2),
  Mibits: binaryPrefix('b/s', 2),
  GiBs: binaryPrefix('B/s', 3),
  Gibits: binaryPrefix('b/s', 3),
  KBs: siPrefix('B/s', 1),
  Kbits: siPrefix('b/s', 1),
  MBs: siPrefix('B/s', 2),
  Mbits: siPrefix('b/s', 2),
  GBs: siPrefix('B/s', 3),
  Gbits: siPrefix('b/s', 3),
  // Throughput.
  cps: countUnit('c/s'),
  ops: countUnit('ops/s'),
  reqps: countUnit('req/s'),
  rps: countUnit('rd/s'),
  wps: countUnit('wr/s'),
  iops: countUnit('io/s'),
  eps: countUnit('evt/s'),
  mps: countUnit('msg/s'),
  recps: countUnit('rec/s'),
  rowsps: countUnit('rows/s'),
  cpm: countUnit('c/m'),
  opm: countUnit('ops/m'),
  reqpm: countUnit('req/m'),
  rpm: countUnit('rd/m'),
  wpm: countUnit('wr/m'),
  // Time.
  ns: timeUnit(1e-9),
  µs: timeUnit(1e-6),
  us: timeUnit(1e-6),
  ms: timeUnit(1e-3),
  s: timeUnit(1),
  m: timeUnit(60),
  h: timeUnit(3600),
  d: timeUnit(86400),
  dtdurationms: (v) => durationText(v),
  dtdurations: (v) => durationText(v * 1000),
  clockms: (v) => durationText(v),
  clocks: (v) => durationText(v * 1000),
  hertz: siPrefix('Hz'),
  watt: siPrefix('W'),
  volt: siPrefix('V'),
  amp: siPrefix('A'),
  celsius: (v, d) => ({ text: toFixed(v, d), suffix: '°C' }),
  dateTimeAsIso: (v) => ({ text: dateTime(v, 'utc') }),
  dateTimeAsSystem: (v) => ({ text: dateTime(v, 'browser') }),
  dateTimeAsLocal: (v) => ({ text: dateTime(v, 'browser') }),
  dateTimeFromNow: (v) => ({ text: `${durationText(Date.now() - v).text} ago` }),
  bool: (v) => ({ text: v === 0 ? 'false' : 'true' }),
  bool_yes_no: (v) => ({ text: v === 0 ? 'no' : 'yes' }),
  bool_on_off: (v) => ({ text: v === 0 ? 'off' : 'on' }),
};

function formatterFor(unit: string): Formatter {
  const known = FORMATS[unit];
  if (known !== undefined) return known;
  const colon = unit.indexOf(':');
  if (colon > 0) {
    const kind = unit.slice(0, colon);
    const arg = unit.slice(colon + 1);
    if (kind === 'suffix') return (v, d) => ({ text: toFixed(v, d), suffix: arg });
    if (kind === 'prefix') return (v, d) => ({ prefix: arg, text: toFixed(v, d) });
    if (kind === 'si') return siPrefix(arg);
    if (kind === 'count') return countUnit(arg);
    if (kind === 'currency') return (v, d) => ({ prefix: arg, ...short(v, d) });
  }
  // Grafana shows an unknown unit id as a custom suffix.
  return fixedUnit(unit);
}

/** Formats a value with a Grafana unit id (undefined or '' = none) into its parts. */
export function formatParts(value: number | null | undefined, unit?: string, decimals?: number): FormattedValue {
  if (value === null || value === undefined) return { text: '' };
  if (Number.isNaN(value)) return { text: 'NaN' };
  const u = unit === undefined || unit === '' ? 'none' : unit;
  return formatterFor(u)(value, decimals);
}

/** A formatted value as one string ("1.5 GiB", "42%", "3 ms"). */
export function formatValue(value: number | null | undefined, unit?: string, decimals?: number): string {
  const p = formatParts(value, unit, decimals);
  return `${p.prefix ?? ''}${p.text}${p.suffix ?? ''}`;
}
