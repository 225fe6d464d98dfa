/**
 * Durations and times as the Prometheus UI shows them: "5d 5m 2.123s" (humanized),
 * "1d2h3m4s" (Prometheus duration syntax), "12s ago" (relative to now) and RFC 3339 timestamps.
 */

const DURATION_UNITS: readonly { unit: string; mult: number; exact: boolean }[] = [
  // Years and weeks only when they divide exactly: "90d" reads better than "12w6d".
  { unit: 'y', mult: 365 * 24 * 3600 * 1000, exact: true },
  { unit: 'w', mult: 7 * 24 * 3600 * 1000, exact: true },
  { unit: 'd', mult: 24 * 3600 * 1000, exact: false },
  { unit: 'h', mult: 3600 * 1000, exact: false },
  { unit: 'm', mult: 60 * 1000, exact: false },
  { unit: 's', mult: 1000, exact: false },
  { unit: 'ms', mult: 1, exact: false },
];

function formatDuration(d: number, separator: string, fractionalSeconds: boolean): string {
  if (!Number.isFinite(d)) return String(d);
  if (d === 0) return '0s';
  const sign = d < 0 ? '-' : '';
  let ms = Math.abs(d);
  const parts: string[] = [];
  for (const { unit, mult, exact } of DURATION_UNITS) {
    if (exact && ms % mult !== 0) continue;
    const v = Math.floor(ms / mult);
    if (v > 0) {
      ms -= v * mult;
      if (fractionalSeconds && unit === 's' && ms > 0) {
        parts.push(`${parseFloat((v + ms / 1000).toFixed(3))}s`);
        break;
      }
      parts.push(`${v}${unit}`);
    }
    if (parts.length === 0 && unit === 'ms') parts.push(`${Math.round(ms)}ms`);
  }
  return sign + parts.join(separator);
}

/** Milliseconds in Prometheus's duration syntax: 93784000 -> "1d2h3m4s". */
export function formatPrometheusDuration(ms: number): string {
  return formatDuration(ms, '', false);
}

/** Milliseconds for people: 93784123 -> "1d 2h 3m 4.123s". */
export function humanizeDuration(ms: number): string {
  return formatDuration(ms, ' ', true);
}

/** Seconds as the API gives them (a number, or a string holding one) -> milliseconds. */
export function secondsToMs(s: number | string | undefined): number {
  const n = typeof s === 'number' ? s : parseFloat(s ?? '');
  return Number.isFinite(n) ? n * 1000 : NaN;
}

/** An RFC 3339 time from the API -> Unix milliseconds (NaN when unparsable). */
export function parseTime(text: string): number {
  return Date.parse(text);
}

/**
 * How long ago an API time was: "12.5s ago". Go's zero time (0001-01-01, "never scraped or
 * evaluated") and unparsable times read "never".
 */
export function humanizeDurationRelative(start: string, now: number, suffix = ' ago'): string {
  const t = parseTime(start);
  if (!Number.isFinite(t) || t < 0) return 'never';
  return humanizeDuration(now - t) + suffix;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Unix milliseconds -> "2024-05-01T12:00:00Z" (UTC) or with the local offset. */
export function formatTimestamp(ms: number, localTime = false): string {
  if (!Number.isFinite(ms)) return 'Invalid Date';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'Invalid Date';
  if (!localTime) return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const off = -d.getTimezoneOffset();
  const zone = off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}
