/**
 * model.Duration as config files write it ("1h30m", units y w d h m s ms, biggest first, no
 * sign), carried in milliseconds, and its String() form for re-serialisation.
 */
import { goQuote } from '../../model/strconv/index.js';

const UNITS: ReadonlyMap<string, { pos: number; ms: bigint }> = new Map([
  ['ms', { pos: 7, ms: 1n }],
  ['s', { pos: 6, ms: 1000n }],
  ['m', { pos: 5, ms: 60_000n }],
  ['h', { pos: 4, ms: 3_600_000n }],
  ['d', { pos: 3, ms: 86_400_000n }],
  ['w', { pos: 2, ms: 604_800_000n }],
  ['y', { pos: 1, ms: 31_536_000_000n }],
]);

/** Nanoseconds in an int64, as milliseconds. */
const MAX_MS = ((1n << 63n) - 1n) / 1_000_000n;

/** model.ParseDuration, in milliseconds; throws Error with upstream's text. */
export function parseDuration(s: string): number {
  if (s === '0') return 0;
  if (s === '') throw new Error('empty duration string');
  const invalid = (): Error => new Error(`not a valid duration string: ${goQuote(s)}`);
  let total = 0n;
  let lastPos = 0;
  let i = 0;
  const digit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  while (i < s.length) {
    if (!digit(s[i])) throw invalid();
    let j = i;
    while (j < s.length && digit(s[j])) j++;
    const v = BigInt(s.slice(i, j));
    let k = j;
    while (k < s.length && !digit(s[k])) k++;
    if (k === j) throw invalid();
    const u = s.slice(j, k);
    const unit = UNITS.get(u);
    if (unit === undefined) throw new Error(`unknown unit ${goQuote(u)} in duration ${goQuote(s)}`);
    if (unit.pos <= lastPos) throw invalid();
    lastPos = unit.pos;
    total += v * unit.ms;
    if (total > MAX_MS) throw new Error('duration out of range');
    i = k;
  }
  return Number(total);
}

const FORMAT_UNITS: ReadonlyArray<readonly [string, number, boolean]> = [
  ['y', 31_536_000_000, true],
  ['w', 604_800_000, true],
  ['d', 86_400_000, false],
  ['h', 3_600_000, false],
  ['m', 60_000, false],
  ['s', 1000, false],
  ['ms', 1, false],
];

/** model.Duration.String(): 1h30m, 5m, 0s; years and weeks only when exact. */
export function formatDuration(ms: number): string {
  let rest = Math.trunc(ms);
  if (rest === 0 || !Number.isFinite(rest)) return '0s';
  const sign = rest < 0 ? '-' : '';
  rest = Math.abs(rest);
  let out = '';
  for (const [unit, mult, exact] of FORMAT_UNITS) {
    if (exact && rest % mult !== 0) continue;
    const v = Math.floor(rest / mult);
    if (v > 0) {
      out += `${v}${unit}`;
      rest -= v * mult;
    }
  }
  return sign + out;
}
