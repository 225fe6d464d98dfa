/**
 * Prometheus durations (model.Duration): parsing "1h30m"-style strings and printing them.
 * Durations are carried in milliseconds.
 */
import { goQuote } from '../../model/strconv/index.js';

export class DurationError extends Error {
  override name = 'DurationError';
}

const UNITS: ReadonlyMap<string, { pos: number; ns: bigint }> = new Map([
  ['ms', { pos: 7, ns: 1_000_000n }],
  ['s', { pos: 6, ns: 1_000_000_000n }],
  ['m', { pos: 5, ns: 60n * 1_000_000_000n }],
  ['h', { pos: 4, ns: 3600n * 1_000_000_000n }],
  ['d', { pos: 3, ns: 86400n * 1_000_000_000n }],
  ['w', { pos: 2, ns: 7n * 86400n * 1_000_000_000n }],
  ['y', { pos: 1, ns: 365n * 86400n * 1_000_000_000n }],
]);

const MAX_INT64 = (1n << 63n) - 1n;
const MAX_UINT64 = (1n << 64n) - 1n;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/**
 * model.ParseDuration: units y, w, d, h, m, s, ms in decreasing order, no sign, no fractions.
 * Returns milliseconds; throws DurationError with upstream's message.
 */
export function parseModelDuration(s: string): number {
  if (s === '0') return 0;
  if (s === '') throw new DurationError('empty duration string');
  const invalid = (): DurationError => new DurationError(`not a valid duration string: ${goQuote(s)}`);
  let total = 0n;
  let lastPos = 0;
  let i = 0;
  while (i < s.length) {
    if (!isDigit(s[i])) throw invalid();
    let j = i;
    while (j < s.length && isDigit(s[j])) j++;
    const v = BigInt(s.slice(i, j));
    if (v > MAX_UINT64) throw invalid();
    let k = j;
    while (k < s.length && !isDigit(s[k])) k++;
    if (k === j) throw invalid();
    const u = s.slice(j, k);
    const unit = UNITS.get(u);
    if (unit === undefined) throw new DurationError(`unknown unit ${goQuote(u)} in duration ${goQuote(s)}`);
    if (unit.pos <= lastPos) throw invalid();
    lastPos = unit.pos;
    if (v > (1n << 63n) / unit.ns) throw new DurationError('duration out of range');
    total += v * unit.ns;
    if (total > MAX_INT64) throw new DurationError('duration out of range');
    i = k;
  }
  return Number(total / 1_000_000n);
}

/**
 * Seconds (as a PromQL number literal holds them) to whole milliseconds, the way upstream
 * rounds to a time.Duration in nanoseconds and the engine then truncates to milliseconds.
 */
export function secondsToMs(seconds: number): number {
  const x = seconds * 1e9;
  const ns = x < 0 ? -Math.round(-x) : Math.round(x);
  if (Math.abs(ns) <= Number.MAX_SAFE_INTEGER) return Math.trunc(ns / 1e6);
  if (!Number.isFinite(ns)) return ns;
  return Number(BigInt(ns) / 1_000_000n);
}

/** model.Duration(float seconds * 1e9) truncated to ms, as NumberLiteral printing does. */
export function secondsToMsTruncated(seconds: number): number {
  const ns = Math.trunc(seconds * 1e9);
  if (Math.abs(ns) <= Number.MAX_SAFE_INTEGER) return Math.trunc(ns / 1e6);
  if (!Number.isFinite(ns)) return ns;
  return Number(BigInt(ns) / 1_000_000n);
}

const DURATION_UNITS: ReadonlyArray<[string, number, boolean]> = [
  ['y', 1000 * 60 * 60 * 24 * 365, true],
  ['w', 1000 * 60 * 60 * 24 * 7, true],
  ['d', 1000 * 60 * 60 * 24, false],
  ['h', 1000 * 60 * 60, false],
  ['m', 1000 * 60, false],
  ['s', 1000, false],
  ['ms', 1, false],
];

/** model.Duration.String(): e.g. 1h30m, 5m, 1d, 500ms, 0s; years and weeks only when exact. */
export function formatDuration(ms: number): string {
  let rest = Math.trunc(ms);
  if (rest === 0 || !Number.isFinite(rest)) return '0s';
  let sign = '';
  if (rest < 0) {
    sign = '-';
    rest = -rest;
  }
  let out = '';
  for (const [unit, mult, exact] of DURATION_UNITS) {
    if (exact && rest % mult !== 0) continue;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      rest -= v * mult;
    }
  }
  return sign + out;
}
