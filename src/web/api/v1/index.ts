/**
 * Prometheus's HTTP API v1 as a request handler over injected dependencies.
 *
 *   const api = createApiV1({ queryable, engine, ... });
 *   http.createServer(async (req, res) => { if (!(await api(req, res))) notFound(res); });
 *
 * The handler answers every path under /api/v1/ (404 and 405 included) and returns false for
 * any other path, so the server can chain it with the UI, /federate and /metrics.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { adminRoutes } from './admin.js';
import type { ApiContext, ApiHandler } from './context.js';
import type { ApiV1Deps } from './deps.js';
import { respond, respondError } from './envelope.js';
import { ApiError, toApiError } from './errors.js';
import { alertmanagers, scrapePools, targetMetadata, targets } from './targets.js';
import { formatQuery, parseQuery } from './format.js';
import { labelNames, labelValues } from './labels.js';
import { QueryGate } from './limiter.js';
import { metricMetadata } from './metadata.js';
import { instantQuery, rangeQuery } from './query.js';
import { methodNotAllowed, notFound, readForm, Router, setCors } from './router.js';
import { alerts, rules } from './rules.js';
import { series } from './series.js';
import { statusBuildInfo, statusConfig, statusFlags, statusRuntimeInfo, statusTsdb, statusWalReplay } from './status.js';
import { queryExemplars } from './exemplars.js';
import { targetRelabelSteps } from './relabel-steps.js';
import { features } from './features.js';

export type { ApiV1Deps } from './deps.js';
export type * from './deps.js';
export { ApiError, toApiError, statusCodeOf } from './errors.js';
export { QueryGate } from './limiter.js';
export { computeTsdbStats } from './status.js';
export { formatSampleValue, formatTimestamp, labelsJson, valueChunks } from './json.js';
export { parseTime, parseDuration } from './params.js';

export type ApiV1Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface ApiV1Options {
  /** Path prefix of the API (with --web.route-prefix); default "/api/v1". */
  prefix?: string;
}

interface Route {
  handler: ApiHandler;
  /** Refused in agent mode ("unavailable with Prometheus Agent"). */
  agent: boolean;
  /** Served before the server is ready (walreplay). */
  always: boolean;
}

function buildRouter(): Router<Route> {
  const r = new Router<Route>();
  const q = (handler: ApiHandler): Route => ({ handler, agent: true, always: false });
  const p = (handler: ApiHandler): Route => ({ handler, agent: false, always: false });
  const GP = ['GET', 'POST'];
  r.add(GP, '/query', q(instantQuery));
  r.add(GP, '/query_range', q(rangeQuery));
  r.add(GP, '/query_exemplars', q(queryExemplars));
  r.add(GP, '/format_query', q(formatQuery));
  r.add(GP, '/parse_query', q(parseQuery));
  r.add(GP, '/labels', q(labelNames));
  r.add('GET', '/label/:name/values', q(labelValues));
  r.add(GP, '/series', q(series));
  r.add('GET', '/scrape_pools', p(scrapePools));
  r.add('GET', '/targets', p(targets));
  r.add('GET', '/targets/metadata', p(targetMetadata));
  r.add('GET', '/targets/relabel_steps', p(targetRelabelSteps));
  r.add('GET', '/alertmanagers', q(alertmanagers));
  r.add('GET', '/metadata', p(metricMetadata));
  r.add('GET', '/status/config', p(statusConfig));
  r.add('GET', '/status/runtimeinfo', p(statusRuntimeInfo));
  r.add('GET', '/status/buildinfo', p(statusBuildInfo));
  r.add('GET', '/status/flags', p(statusFlags));
  r.add('GET', '/status/tsdb', q(statusTsdb));
  r.add('GET', '/features', p(features));
  r.add('GET', '/status/walreplay', { handler: statusWalReplay, agent: false, always: true });
  r.add('GET', '/alerts', q(alerts));
  r.add('GET', '/rules', q(rules));
  for (const [path, handler] of adminRoutes) r.add(['POST', 'PUT'], path, q(handler));
  return r;
}

function serviceUnavailable(res: ServerResponse): void {
  res.writeHead(503);
  res.end('Service Unavailable');
}

/** Aborts when the client goes away before the response is complete. */
function clientSignal(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const ac = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) ac.abort();
  });
  req.once('aborted', () => ac.abort());
  return ac.signal;
}

export function createApiV1(deps: ApiV1Deps, opts: ApiV1Options = {}): ApiV1Handler {
  const prefix = (opts.prefix ?? '/api/v1').replace(/\/+$/, '');
  const router = buildRouter();
  const gate = new QueryGate(deps.maxConcurrency && deps.maxConcurrency > 0 ? deps.maxConcurrency : 20);
  const now = deps.now ?? Date.now;
  const ready = deps.ready ?? ((): boolean => true);

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== prefix && !url.pathname.startsWith(prefix + '/')) return false;
    const sub = url.pathname.slice(prefix.length) || '/';
    const method = req.method ?? 'GET';
    try {
      if (method === 'OPTIONS') {
        if (!ready()) return (serviceUnavailable(res), true);
        setCors(req, res, deps.corsOrigin);
        await respond(req, res, { data: null });
        return true;
      }
      const m = router.lookup(method, sub);
      if (m === null) return (notFound(res), true);
      if ('allowed' in m) return (methodNotAllowed(res, m.allowed), true);
      const route = m.handler;
      if (!route.always && !ready()) return (serviceUnavailable(res), true);
      setCors(req, res, deps.corsOrigin);
      try {
        if (route.agent && deps.isAgent) throw new ApiError('execution', 'unavailable with Prometheus Agent');
        const form = await readForm(req, url);
        const c: ApiContext = { deps, form, params: m.params, signal: clientSignal(req, res), now, gate };
        const result = await route.handler(c);
        await respond(req, res, result);
      } catch (e) {
        if (res.headersSent) throw e;
        await respondError(req, res, toApiError(e));
      }
    } catch {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('internal server error\n');
      } else {
        res.destroy();
      }
    }
    return true;
  };
}
