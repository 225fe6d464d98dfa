/**
 * Request parameters of the API: times (Unix seconds or RFC 3339), durations (seconds or
 * Prometheus durations), limits and series selectors, with upstream's error texts.
 */
import type { Matcher } from '../../../model/labels/index.js';
import { goQuote, parseGoFloat } from '../../../model/strconv/index.js';
import { parseMetricSelector, parseModelDuration } from '../../../promql/parser/index.js';
import { ApiError, errorText, invalidParam } from './errors.js';
import type { Form } from './router.js';

/** Defaults of optional time ranges (MinTime / MaxTime upstream), in ms. */
export const MIN_TIME = -9223309901258000;
export const MAX_TIME = 9223309901257974999;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** time.Parse(time.RFC3339Nano, s) to ms (truncated), or null. */
export function parseRfc3339(s: string): number | null {
  const m = RFC3339.exec(s);
  if (m === null) return null;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || se > 59) return null;
  let ms = Date.UTC(y, mo - 1, d, h, mi, se);
  if (y < 100) {
    const dt = new Date(ms);
    dt.setUTCFullYear(y);
    ms = dt.getTime();
  }
  const frac = m[7];
  if (frac !== undefined) ms += Number((frac + '00').slice(0, 3));
  const zone = m[8] as string;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    const off = (oh * 60 + om) * 60000;
    ms += zone[0] === '+' ? -off : off;
  }
  return ms;
}

function tryGoFloat(s: string): number | null {
  try {
    return parseGoFloat(s);
  } catch {
    return null;
  }
}

/** parseTime: a float of Unix seconds (rounded to ms) or RFC 3339; result in ms. */
export function parseTime(s: string): number {
  const f = tryGoFloat(s);
  if (f !== null) {
    const sec = Math.trunc(f);
    const frac = Math.round((f - sec) * 1000);
    return sec * 1000 + frac;
  }
  const t = parseRfc3339(s);
  if (t !== null) return t;
  throw new ApiError('bad_data', `cannot parse ${goQuote(s)} to a valid timestamp`);
}

/** parseTimeParam: the named form value as ms, or the default when it is absent. */
export function timeParam(form: Form, name: string, def: number): number {
  const v = form.get(name);
  if (v === '') return def;
  try {
    return parseTime(v);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw invalidParam(name, `invalid time value for '${name}': ${msg}`);
  }
}

/** parseDuration: float seconds or a Prometheus duration; result in ms (fractional below 1 ms). */
export function parseDuration(s: string): number {
  const f = tryGoFloat(s);
  if (f !== null) {
    const ns = f * 1e9;
    if (ns > 9223372036854775807 || ns < -9223372036854775808 || Number.isNaN(ns)) {
      throw new ApiError('bad_data', `cannot parse ${goQuote(s)} to a valid duration. It overflows int64`);
    }
    return Math.trunc(ns) / 1e6;
  }
  try {
    return parseModelDuration(s);
  } catch {
    throw new ApiError('bad_data', `cannot parse ${goQuote(s)} to a valid duration`);
  }
}

/** strconv.Atoi with Go's error text. */
export function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) && Math.abs(n) >= 9223372036854775807) {
    throw new Error(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  }
  return n;
}

/** parseLimitParam: 0 means no limit. */
export function limitParam(form: Form): number {
  const s = form.get('limit');
  if (s === '') return 0;
  let n: number;
  try {
    n = atoi(s);
  } catch (e) {
    throw invalidParam('limit', e);
  }
  if (n < 0) throw invalidParam('limit', 'limit must be non-negative');
  return n;
}

/** The storage hint for an API limit: one more, to know whether results were truncated. */
export function hintLimit(limit: number): number {
  return limit > 0 ? limit + 1 : limit;
}

/** ParseMetricSelectors over every value; errors are the parser's. */
export function parseMatcherSets(values: readonly string[]): Matcher[][] {
  return values.map((v) => parseMetricSelector(v));
}

/**
 * parseMatchersParam: the match[] selectors, each of which must have a matcher that does not
 * match the empty string.
 */
export function matchersParam(values: readonly string[], paramName?: string): Matcher[][] {
  const fail = (e: unknown): ApiError =>
    paramName !== undefined ? invalidParam(paramName, e) : new ApiError('bad_data', errorText(e));
  let sets: Matcher[][];
  try {
    sets = parseMatcherSets(values);
  } catch (e) {
    throw fail(e);
  }
  for (const ms of sets) {
    if (!ms.some((m) => !m.matches(''))) throw fail('match[] must contain at least one non-empty matcher');
  }
  return sets;
}
