/**
 * The time ranges of test scripts (`eval range from <d> to <d> step <d>`, `expect range vector
 * from ... to ... step ...`): model.ParseDuration durations, in milliseconds.
 */
import { goQuote } from '../../model/strconv/index.js';
import { DurationError, parseModelDuration } from '../parser/index.js';

function durationOrThrow(s: string, what: string): number {
  try {
    return parseModelDuration(s);
  } catch (e) {
    throw new DurationError(`invalid ${what} definition ${goQuote(s)}: ${(e as Error).message}`);
  }
}

/** `from <d> to <d> step <d>` as [start, end, step] in ms; end must not precede start. */
export function parseTimeRange(from: string, to: string, step: string): [number, number, number] {
  const f = durationOrThrow(from, 'start timestamp');
  const t = durationOrThrow(to, 'end timestamp');
  if (t < f) {
    throw new DurationError(`invalid test definition, end timestamp (${to}) is before start timestamp (${from})`);
  }
  return [f, t, durationOrThrow(step, 'step')];
}
