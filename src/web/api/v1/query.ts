/**
 * /api/v1/query and /api/v1/query_range: parameters, the concurrency gate, per-request
 * timeouts, result truncation by `limit`, warnings and the optional `stats` block.
 */
import { goQuote } from '../../../model/strconv/index.js';
import { QueryCanceledError, QueryTimeoutError } from '../../../promql/engine/index.js';
import type { Value } from '../../../promql/value/index.js';
import { annotationStrings } from './context.js';
import type { ApiContext } from './context.js';
import type { ApiQuery } from './deps.js';
import { RawJson } from './envelope.js';
import type { ApiResult } from './envelope.js';
import { ApiError, errorText, invalidParam, toApiError } from './errors.js';
import { jsonString, toJson, valueChunks } from './json.js';
import { limitParam, parseDuration, parseTime, timeParam } from './params.js';

const MAX_POINTS = 11000;

function durationParam(c: ApiContext, name: string): number | null {
  const s = c.form.get(name);
  if (s === '') return null;
  try {
    return parseDuration(s);
  } catch (e) {
    throw invalidParam(name, e);
  }
}

/** extractQueryOpts: the per-query lookback delta. */
function lookbackDelta(c: ApiContext): number {
  const s = c.form.get('lookback_delta');
  if (s === '') return 0;
  try {
    return parseDuration(s);
  } catch (e) {
    throw new ApiError('bad_data', `error parsing lookback delta duration: ${errorText(e)}`);
  }
}

/** The deprecation warning for a `stats` value other than "", "true" and "all". */
function statsWarning(stats: string): string | null {
  if (stats === '' || stats === 'true' || stats === 'all') return null;
  return `value ${goQuote(stats)} for parameter "stats" is deprecated and will be rejected in the next major release, use "true" or "all"`;
}

function truncate(v: Value, limit: number): { value: Value; truncated: boolean } {
  if (limit <= 0) return { value: v, truncated: false };
  if ((v.type === 'vector' || v.type === 'matrix') && v.value.length > limit) {
    return { value: { type: v.type, value: v.value.slice(0, limit) } as Value, truncated: true };
  }
  return { value: v, truncated: false };
}

interface Timings {
  queued: number;
  prepared: number;
  evaluated: number;
}

function statsJson(t: Timings): string {
  const sec = (ms: number): number => ms / 1000;
  return toJson({
    timings: {
      evalTotalTime: sec(t.evaluated),
      resultSortTime: 0,
      queryPreparationTime: sec(t.prepared),
      innerEvalTime: sec(t.evaluated),
      execQueueTime: sec(t.queued),
      execTotalTime: sec(t.queued + t.prepared + t.evaluated),
    },
    samples: { totalQueryableSamples: 0, peakSamples: 0 },
  });
}

/**
 * A signal that also reads as aborted once the deadline has passed: evaluation runs
 * synchronously, so a timer could not fire during it, but the engine polls `aborted`.
 */
function deadlineSignal(signal: AbortSignal, deadline: number): AbortSignal {
  if (deadline === Infinity) return signal;
  return new Proxy(signal, {
    get(target, prop): unknown {
      if (prop === 'aborted') return target.aborted || Date.now() > deadline;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Runs a prepared query under the gate, a client-abort signal and an optional timeout. */
async function execute(c: ApiContext, q: ApiQuery, timeoutMs: number | null, query: string, prepMs: number): Promise<ApiResult> {
  const ac = new AbortController();
  const onAbort = (): void => ac.abort();
  c.signal.addEventListener('abort', onAbort, { once: true });
  const queuedAt = Date.now();
  const deadline = timeoutMs !== null ? queuedAt + timeoutMs : Infinity;
  const timer = timeoutMs !== null ? setTimeout(() => ac.abort(), Math.max(0, timeoutMs)) : null;
  const timedOut = (): boolean => Date.now() >= deadline && !c.signal.aborted;
  let release: (() => void) | null = null;
  try {
    release = await c.gate.acquire(ac.signal);
    const startedAt = Date.now();
    const res = await q.exec(deadlineSignal(ac.signal, deadline));
    const evaluated = Date.now() - startedAt;
    if (res.err !== null) throw res.err;
    if (res.value === null) throw new ApiError('internal', 'query returned no value');
    const limit = limitParam(c.form);
    const { value, truncated } = truncate(res.value, limit);
    const extra: string[] = [];
    if (truncated) extra.push('results truncated due to limit');
    const stats = c.form.get('stats');
    const sw = statsWarning(stats);
    if (sw !== null) extra.push(sw);
    const { warnings, infos } = annotationStrings(res.warnings, query, extra);
    const timings = { queued: startedAt - queuedAt, prepared: prepMs, evaluated };
    const data = new RawJson(function* () {
      yield `{"resultType":${jsonString(value.type)},"result":`;
      yield* valueChunks(value);
      if (stats !== '') yield `,"stats":${statsJson(timings)}`;
      yield '}';
    });
    return { data, warnings, infos };
  } catch (e) {
    if (e instanceof QueryCanceledError && timedOut()) throw toApiError(new QueryTimeoutError(e.where));
    throw toApiError(e);
  } finally {
    if (timer !== null) clearTimeout(timer);
    c.signal.removeEventListener('abort', onAbort);
    release?.();
    q.close();
  }
}

/** GET/POST /api/v1/query. */
export async function instantQuery(c: ApiContext): Promise<ApiResult> {
  limitParam(c.form);
  const ts = timeParam(c.form, 'time', c.now());
  const timeout = durationParam(c, 'timeout');
  const lookback = lookbackDelta(c);
  const qs = c.form.get('query');
  const t0 = Date.now();
  let q: ApiQuery;
  try {
    q = c.deps.engine.newInstantQuery(c.deps.queryable, qs, ts, { lookbackDelta: lookback });
  } catch (e) {
    throw invalidParam('query', e);
  }
  return execute(c, q, timeout, qs, Date.now() - t0);
}

function rangeTime(c: ApiContext, name: string): number {
  try {
    return parseTime(c.form.get(name));
  } catch (e) {
    throw invalidParam(name, e);
  }
}

/** GET/POST /api/v1/query_range. */
export async function rangeQuery(c: ApiContext): Promise<ApiResult> {
  limitParam(c.form);
  const start = rangeTime(c, 'start');
  const end = rangeTime(c, 'end');
  if (end < start) throw invalidParam('end', 'end timestamp must not be before start time');
  let step: number;
  try {
    step = parseDuration(c.form.get('step'));
  } catch (e) {
    throw invalidParam('step', e);
  }
  if (step <= 0) {
    throw invalidParam('step', 'zero or negative query resolution step widths are not accepted. Try a positive integer');
  }
  if (Math.floor((end - start) / step) > MAX_POINTS) {
    throw new ApiError(
      'bad_data',
      'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
    );
  }
  const timeout = durationParam(c, 'timeout');
  const lookback = lookbackDelta(c);
  const qs = c.form.get('query');
  const t0 = Date.now();
  let q: ApiQuery;
  try {
    q = c.deps.engine.newRangeQuery(c.deps.queryable, qs, start, end, Math.max(1, Math.trunc(step)), {
      lookbackDelta: lookback,
    });
  } catch (e) {
    throw invalidParam('query', e);
  }
  return execute(c, q, timeout, qs, Date.now() - t0);
}
