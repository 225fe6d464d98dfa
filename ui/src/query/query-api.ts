/**
 * The Query page's calls to /api/v1/query and /api/v1/query_range, with the answer's shape
 * checked (a type does not validate what the server sent).
 */
import { promApi } from '../lib/api';
import type { Metric } from './series-name';

/** [unix seconds, value text] as the API writes a float sample. */
export type SamplePair = [number, string];

export interface HistogramValue {
  count: string;
  sum: string;
  /** [boundary rule, lower, upper, count]. */
  buckets?: [number, string, string, string][];
}

export type HistogramPair = [number, HistogramValue];

export interface InstantSample { metric: Metric; value?: SamplePair; histogram?: HistogramPair }
export interface RangeSeries { metric: Metric; values?: SamplePair[]; histograms?: HistogramPair[] }

export type QueryData =
  | { resultType: 'vector'; result: InstantSample[] }
  | { resultType: 'matrix'; result: RangeSeries[] }
  | { resultType: 'scalar'; result: SamplePair }
  | { resultType: 'string'; result: SamplePair };

export interface QueryAnswer<T> {
  data: T;
  warnings: string[];
  infos: string[];
  /** Round trip time in ms. */
  elapsed: number;
}

export class BadResponseError extends Error {
  override name = 'BadResponseError';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isPair(v: unknown): v is SamplePair {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';
}

function isMetric(v: unknown): v is Metric {
  return isObject(v) && Object.values(v).every((x) => typeof x === 'string');
}

function isHistogramPair(v: unknown): v is HistogramPair {
  return Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && isObject(v[1]);
}

/** Checks the `data` of a query answer; throws BadResponseError naming what is wrong. */
export function parseQueryData(data: unknown): QueryData {
  if (!isObject(data)) throw new BadResponseError('invalid query response: data is not an object');
  const { resultType, result } = data;
  switch (resultType) {
    case 'scalar':
    case 'string':
      if (!isPair(result)) throw new BadResponseError(`invalid query response: bad ${resultType} result`);
      return { resultType, result };
    case 'vector':
      if (!Array.isArray(result) || !result.every((s) => isObject(s) && isMetric(s.metric) && (isPair(s.value) || isHistogramPair(s.histogram)))) {
        throw new BadResponseError('invalid query response: bad vector result');
      }
      return { resultType, result: result as InstantSample[] };
    case 'matrix':
      if (!Array.isArray(result) || !result.every((s) => isObject(s) && isMetric(s.metric)
        && (s.values === undefined || (Array.isArray(s.values) && s.values.every(isPair)))
        && (s.histograms === undefined || (Array.isArray(s.histograms) && s.histograms.every(isHistogramPair))))) {
        throw new BadResponseError('invalid query response: bad matrix result');
      }
      return { resultType, result: result as RangeSeries[] };
    default:
      throw new BadResponseError(`invalid query response: unknown result type ${JSON.stringify(resultType)}`);
  }
}

export async function instantQuery(expr: string, timeMs: number, signal: AbortSignal): Promise<QueryAnswer<QueryData>> {
  const t0 = performance.now();
  const r = await promApi<unknown>('/api/v1/query', { query: expr, time: timeMs / 1000 }, { method: 'POST', signal });
  return { data: parseQueryData(r.data), warnings: r.warnings, infos: r.infos, elapsed: performance.now() - t0 };
}

export interface RangeParams { start: number; end: number; step: number }

export async function rangeQuery(expr: string, p: RangeParams, signal: AbortSignal): Promise<QueryAnswer<RangeSeries[]>> {
  const t0 = performance.now();
  const r = await promApi<unknown>('/api/v1/query_range', {
    query: expr, start: p.start / 1000, end: p.end / 1000, step: p.step / 1000,
  }, { method: 'POST', signal });
  const data = parseQueryData(r.data);
  if (data.resultType !== 'matrix') throw new BadResponseError(`invalid query response: expected a matrix, got ${data.resultType}`);
  return { data: data.result, warnings: r.warnings, infos: r.infos, elapsed: performance.now() - t0 };
}
