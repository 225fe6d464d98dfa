/**
 * Durations as the test scripting language writes them: Prometheus's model.ParseDuration
 * (units y w d h m s ms, largest first, integers only, "0" allowed). Result in milliseconds.
 */

const UNITS: readonly [string, number][] = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

export class DurationError extends Error {
  override name = 'DurationError';
}

/** Parses a duration such as `1h30m` into milliseconds. Throws DurationError. */
export function parseModelDuration(s: string): number {
  if (s === '') throw new DurationError('empty duration string');
  if (s === '0') return 0;
  const m = DURATION_RE.exec(s);
  if (!m) throw new DurationError(`not a valid duration string: ${JSON.stringify(s)}`);
  let ms = 0;
  let any = false;
  for (let i = 0; i < UNITS.length; i++) {
    const g = m[i + 1];
    if (g === undefined) continue;
    any = true;
    ms += Number(g) * (UNITS[i] as [string, number])[1];
  }
  if (!any) throw new DurationError(`not a valid duration string: ${JSON.stringify(s)}`);
  if (!Number.isSafeInteger(ms)) throw new DurationError(`not a valid duration string: ${JSON.stringify(s)}`);
  return ms;
}

function durationOrThrow(s: string, what: string): number {
  try {
    return parseModelDuration(s);
  } catch (e) {
    throw new DurationError(`invalid ${what} definition ${JSON.stringify(s)}: ${(e as Error).message}`);
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
