/**
 * Prometheus durations (model.Duration) as target labels carry them: `__scrape_interval__` and
 * `__scrape_timeout__` are printed with format() and read back with parse(). Milliseconds.
 */
import { goQuote } from '../model/strconv/index.js';

export class DurationError extends Error {
  override name = 'DurationError';
}

const UNITS: ReadonlyMap<string, { pos: number; ms: number }> = new Map([
  ['ms', { pos: 7, ms: 1 }],
  ['s', { pos: 6, ms: 1000 }],
  ['m', { pos: 5, ms: 60_000 }],
  ['h', { pos: 4, ms: 3_600_000 }],
  ['d', { pos: 3, ms: 86_400_000 }],
  ['w', { pos: 2, ms: 7 * 86_400_000 }],
  ['y', { pos: 1, ms: 365 * 86_400_000 }],
]);

/** The largest duration Go can hold (int64 nanoseconds), in ms. */
const MAX_MS = 9_223_372_036_854;

const quote = goQuote;

/** model.ParseDuration: "1h30m", "15s", "0"; units y w d h m s ms in decreasing order. */
export function parseModelDuration(s: string): number {
  if (s === '0') return 0;
  if (s === '') throw new DurationError('empty duration string');
  const invalid = (): DurationError => new DurationError(`not a valid duration string: ${quote(s)}`);
  let total = 0;
  let lastPos = 0;
  let i = 0;
  while (i < s.length) {
    let j = i;
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    if (j === i) throw invalid();
    let k = j;
    while (k < s.length && !(s.charCodeAt(k) >= 48 && s.charCodeAt(k) <= 57)) k++;
    if (k === j) throw invalid();
    const u = s.slice(j, k);
    const unit = UNITS.get(u);
    if (unit === undefined) throw new DurationError(`unknown unit ${quote(u)} in duration ${quote(s)}`);
    if (unit.pos <= lastPos) throw invalid();
    lastPos = unit.pos;
    const v = Number(s.slice(i, j));
    total += v * unit.ms;
    if (!Number.isFinite(total) || total > MAX_MS) throw new DurationError('duration out of range');
    i = k;
  }
  return total;
}

/** model.Duration.String(): "1m30s", "1h", "0s"; years and weeks only when exact. */
export function formatModelDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  const unit = (name: string, mult: number, exact: boolean): void => {
    if (exact && rest % mult !== 0) return;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${name}`;
      rest -= v * mult;
    }
  };
  unit('y', 365 * 86_400_000, true);
  unit('w', 7 * 86_400_000, true);
  unit('d', 86_400_000, false);
  unit('h', 3_600_000, false);
  unit('m', 60_000, false);
  unit('s', 1000, false);
  unit('ms', 1, false);
  return out;
}
