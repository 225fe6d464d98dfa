/**
 * model.ParseDuration of prometheus/common v0.38 (the one amtool 0.25 uses for silence
 * durations): units y, w, d, h, m, s, ms in that order, each at most once.
 */
import { AmtoolError } from './errors.js';

const UNITS_MS: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 86_400_000], ['w', 7 * 86_400_000], ['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1],
];

const DURATION_RE = /^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$/;

/** The duration in ms; throws AmtoolError with upstream's text. */
export function parseModelDuration(s: string): number {
  if (s === '0') return 0;
  if (s === '') throw new AmtoolError('empty duration string');
  const m = DURATION_RE.exec(s);
  if (m === null) throw new AmtoolError(`not a valid duration string: ${JSON.stringify(s)}`);
  let total = 0;
  UNITS_MS.forEach(([, ms], i) => {
    const v = m[i + 1];
    if (v !== undefined) total += Number(v) * ms;
  });
  if (total > Number.MAX_SAFE_INTEGER / 1e6) throw new AmtoolError('duration out of range');
  return total;
}
