/**
 * Times and durations as the silence form and the lists show them: RFC 3339 timestamps (as
 * Alertmanager's UI), durations such as "2h" or "1d 2h 30m" (units w, d, h, m, s).
 */

const UNITS: readonly [string, number][] = [
  ['w', 604_800_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];
const UNIT_MS = new Map(UNITS);

/** "2h", "1d 2h", "90m", "1.5h" -> milliseconds; null when not a duration (or not positive). */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  const re = /(\d+(?:\.\d+)?)\s*([wdhms])\s*/y;
  let ms = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (m === null) return null;
    ms += Number(m[1]) * (UNIT_MS.get(m[2] ?? '') ?? 0);
    pos = re.lastIndex;
  }
  return ms > 0 ? Math.round(ms) : null;
}

/**
 * Milliseconds -> "1d 2h 30m" (largest units first, zero parts left out; "0s" for none). To
 * the nearest second, and to the minute within 2s of one: the API sets a silence's start to
 * the moment it was saved, so a 2h silence lasts 1h 59m 59.9s.
 */
export function formatDuration(ms: number): string {
  const toMinute = Math.round(ms / 60_000) * 60_000;
  let rest = Math.max(0, ms >= 60_000 && Math.abs(ms - toMinute) < 2000 ? toMinute : Math.round(ms / 1000) * 1000);
  const parts: string[] = [];
  for (const [u, n] of UNITS) {
    const q = Math.floor(rest / n);
    if (q > 0) parts.push(`${q}${u}`);
    rest -= q * n;
  }
  return parts.length === 0 ? '0s' : parts.join(' ');
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** An RFC 3339 timestamp -> milliseconds; null when malformed. */
export function parseTimestamp(text: string): number | null {
  const s = text.trim();
  if (!ISO.test(s)) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

/** Milliseconds -> RFC 3339 in UTC without milliseconds when they are zero. */
export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** An API timestamp shown to people: "2024-05-01 12:00:00 UTC". */
export function displayTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** "5m ago", "in 2h" (coarse, for the lists). */
export function relativeTime(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const d = t - now;
  const abs = Math.abs(d);
  let text: string;
  if (abs < 60_000) text = `${Math.max(0, Math.round(abs / 1000))}s`;
  else if (abs < 3_600_000) text = `${Math.round(abs / 60_000)}m`;
  else if (abs < 172_800_000) text = `${Math.round(abs / 3_600_000)}h`;
  else text = `${Math.round(abs / 86_400_000)}d`;
  return d < 0 ? `${text} ago` : `in ${text}`;
}
