/**
 * Grafana's time expressions (now-6h, now/d, now-1d/d, epoch ms, ISO dates), the interval
 * arithmetic of its query runner ($__interval from range / max data points, rounded) and the
 * Prometheus data source's step and $__rate_interval.
 */

export interface TimeRange {
  /** Epoch ms. */
  from: number;
  to: number;
  raw: { from: string; to: string };
}

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60000,
  h: 3600000,
  d: 86400000,
  w: 604800000,
  M: 2592000000,
  y: 31536000000,
};

function startOf(t: number, unit: string, utc: boolean, roundUp: boolean): number {
  const d = new Date(t);
  const get = (f: 'FullYear' | 'Month' | 'Date' | 'Hours' | 'Minutes' | 'Seconds' | 'Day'): number => (utc ? d[`getUTC${f}`]() : d[`get${f}`]());
  const y = get('FullYear');
  let parts: [number, number, number, number, number, number];
  switch (unit) {
    case 'y': parts = [y, 0, 1, 0, 0, 0]; break;
    case 'M': parts = [y, get('Month'), 1, 0, 0, 0]; break;
    case 'w': parts = [y, get('Month'), get('Date') - get('Day'), 0, 0, 0]; break;
    case 'd': parts = [y, get('Month'), get('Date'), 0, 0, 0]; break;
    case 'h': parts = [y, get('Month'), get('Date'), get('Hours'), 0, 0]; break;
    case 'm': parts = [y, get('Month'), get('Date'), get('Hours'), get('Minutes'), 0]; break;
    default: parts = [y, get('Month'), get('Date'), get('Hours'), get('Minutes'), get('Seconds')];
  }
  const start = utc ? Date.UTC(...parts) : new Date(...parts).getTime();
  if (!roundUp) return start;
  const [py, pm, pd, ph, pmi, ps] = parts;
  const next: [number, number, number, number, number, number] =
    unit === 'y' ? [py + 1, pm, pd, ph, pmi, ps]
    : unit === 'M' ? [py, pm + 1, pd, ph, pmi, ps]
    : unit === 'w' ? [py, pm, pd + 7, ph, pmi, ps]
    : unit === 'd' ? [py, pm, pd + 1, ph, pmi, ps]
    : unit === 'h' ? [py, pm, pd, ph + 1, pmi, ps]
    : unit === 'm' ? [py, pm, pd, ph, pmi + 1, ps]
    : [py, pm, pd, ph, pmi, ps + 1];
  return (utc ? Date.UTC(...next) : new Date(...next).getTime()) - 1;
}

/** Parses a Grafana time expression; `roundUp` for the `to` end (now/d -> end of day). */
export function parseTime(text: string, now: number, roundUp = false, utc = false): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    // Grafana URLs carry epoch ms; accept 8-digit dates (YYYYMMDD) as Grafana does too.
    if (s.length === 8) return Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)));
    return n;
  }
  if (s.startsWith('now')) {
    let t = now;
    let rest = s.slice(3);
    const re = /^([+-])(\d+)(ms|s|m|h|d|w|M|y)|^\/(s|m|h|d|w|M|y)/;
    while (rest !== '') {
      const m = re.exec(rest);
      if (m === null) return null;
      if (m[4] !== undefined) t = startOf(t, m[4], utc, roundUp);
      else t += (m[1] === '-' ? -1 : 1) * Number(m[2]) * (UNIT_MS[m[3] ?? 's'] ?? 1000);
      rest = rest.slice(m[0].length);
    }
    return t;
  }
  // "YYYY-MM-DD HH:mm:ss" (Grafana's picker format) or ISO 8601.
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m === null) return null;
  if (m[8] !== undefined) return Date.parse(s.replace(' ', 'T'));
  const parts = [Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0'))] as const;
  return utc ? Date.UTC(...parts) : new Date(...parts).getTime();
}

export function resolveRange(raw: { from: string; to: string }, now: number, utc: boolean): TimeRange | null {
  const from = parseTime(raw.from, now, false, utc);
  const to = parseTime(raw.to, now, true, utc);
  if (from === null || to === null || from >= to) return null;
  return { from, to, raw };
}

/** Parses a Prometheus/Grafana duration ("15s", "1m30s", "500ms", "1h") into ms. */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    total += Number(m[1]) * (UNIT_MS[m[2] ?? 's'] ?? 0);
    consumed += m[0].length;
  }
  return consumed === s.length && consumed > 0 ? total : null;
}

/** Grafana's rounding of an interval to a "nice" value (rangeutil.roundInterval). */
export function roundInterval(ms: number): number {
  const table: [number, number][] = [
    [10, 1], [15, 10], [35, 20], [75, 50], [150, 100], [350, 200], [750, 500], [1500, 1000],
    [3500, 2000], [7500, 5000], [12500, 10000], [17500, 15000], [25000, 20000], [45000, 30000],
    [90000, 60000], [210000, 120000], [450000, 300000], [750000, 600000], [1050000, 900000],
    [1500000, 1200000], [2700000, 1800000], [5400000, 3600000], [9000000, 7200000],
    [16200000, 10800000], [32400000, 21600000], [86400000, 43200000], [604800000, 86400000],
    [1814400000, 604800000], [3628800000, 2592000000],
  ];
  for (const [limit, value] of table) if (ms < limit) return value;
  return 31536000000;
}

/** An interval in ms as Grafana writes it: 15s, 1m, 2h, 500ms, 1d. */
export function formatInterval(ms: number): string {
  const units: [number, string][] = [[31536000000, 'y'], [604800000, 'w'], [86400000, 'd'], [3600000, 'h'], [60000, 'm'], [1000, 's']];
  for (const [size, name] of units) if (ms >= size && ms % size === 0) return `${ms / size}${name}`;
  if (ms >= 1000) return `${Math.round(ms / 1000)}s`;
  return `${Math.max(1, Math.round(ms))}ms`;
}

/** The Prometheus data source's scrape interval when its jsonData.timeInterval is not set. */
export const DEFAULT_SCRAPE_INTERVAL_MS = 15000;

/**
 * The scrape interval of the default Prometheus data source (else the first one): its
 * jsonData.timeInterval ("30s", ">1m"), else DEFAULT_SCRAPE_INTERVAL_MS.
 */
export function scrapeIntervalOf(datasources: readonly { type: string; isDefault: boolean; timeInterval?: string }[]): number {
  const prom = datasources.filter((d) => d.type === 'prometheus');
  const ds = prom.find((d) => d.isDefault) ?? prom[0];
  const ms = parseDuration((ds?.timeInterval ?? '').trim().replace(/^>/, ''));
  return ms !== null && ms > 0 ? ms : DEFAULT_SCRAPE_INTERVAL_MS;
}

export interface QueryInterval {
  /** $__interval in ms. */
  intervalMs: number;
  /** The step of the range query, in ms. */
  stepMs: number;
  /** $__rate_interval in ms. */
  rateIntervalMs: number;
}

/**
 * The interval of one target's query. Grafana's query runner divides the range by max data
 * points (or the panel width), rounds it, and keeps it above the panel's minimum interval
 * (else the data source's scrape interval, its timeInterval); the Prometheus data source then takes the largest
 * of that times intervalFactor, the target's own `interval`, and range/11000 (Prometheus'
 * 11,000 points limit) as the step, which $__interval and $__rate_interval (at least four
 * scrape intervals, and one more than the step) then reflect.
 */
export function queryInterval(range: TimeRange, maxDataPoints: number, panelInterval: string, targetInterval = '', intervalFactor = 1, scrapeIntervalMs = DEFAULT_SCRAPE_INTERVAL_MS): QueryInterval {
  const span = range.to - range.from;
  const scrape = scrapeIntervalMs > 0 ? scrapeIntervalMs : DEFAULT_SCRAPE_INTERVAL_MS;
  const lowLimit = parseDuration(panelInterval.replace(/^>/, '')) ?? scrape;
  let runnerMs = roundInterval(span / Math.max(1, maxDataPoints));
  if (runnerMs < lowLimit) runnerMs = lowLimit;
  const targetMin = parseDuration(targetInterval.replace(/^>/, '')) ?? 0;
  let safe = span / 11000;
  if (safe > 1000) safe = Math.ceil(safe / 1000) * 1000;
  const stepMs = Math.max(runnerMs * Math.max(1, intervalFactor), targetMin, safe, 1);
  const rateIntervalMs = Math.max(stepMs + scrape, 4 * scrape);
  return { intervalMs: stepMs, stepMs, rateIntervalMs };
}

/** "Last 6 hours" style text of a raw range, else the absolute times. */
export function describeRange(raw: { from: string; to: string }, range: TimeRange | null, utc: boolean): string {
  const m = /^now-(\d+)([smhdwMy])$/.exec(raw.from);
  if (m !== null && raw.to === 'now') {
    const names: Record<string, string> = { s: 'second', m: 'minute', h: 'hour', d: 'day', w: 'week', M: 'month', y: 'year' };
    const n = Number(m[1]);
    return `Last ${n} ${names[m[2] ?? 'h'] ?? ''}${n === 1 ? '' : 's'}`;
  }
  if (range === null || (raw.from.startsWith('now') && raw.to.startsWith('now'))) return `${raw.from} to ${raw.to}`;
  return `${formatTime(range.from, utc)} to ${formatTime(range.to, utc)}`;
}

/** "YYYY-MM-DD HH:mm:ss" in UTC or local time. */
export function formatTime(ms: number, utc: boolean): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number): string => String(n).padStart(2, '0');
  if (utc) return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
