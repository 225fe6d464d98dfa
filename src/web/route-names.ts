/**
 * The `handler` label of prometheus_http_requests_total and friends: the route pattern a
 * request matched (e.g. /api/v1/label/:name/values), never the raw path, so that the label's
 * cardinality stays bounded.
 */

const API_ROUTES = new Set([
  '/query',
  '/query_range',
  '/query_exemplars',
  '/format_query',
  '/parse_query',
  '/labels',
  '/series',
  '/scrape_pools',
  '/targets',
  '/targets/metadata',
  '/alertmanagers',
  '/metadata',
  '/status/config',
  '/status/runtimeinfo',
  '/status/buildinfo',
  '/status/flags',
  '/status/tsdb',
  '/status/walreplay',
  '/alerts',
  '/rules',
  '/admin/tsdb/delete_series',
  '/admin/tsdb/clean_tombstones',
  '/admin/tsdb/snapshot',
]);

const WEB_ROUTES = new Set(['/', '/-/healthy', '/-/ready', '/-/reload', '/-/quit', '/metrics', '/federate', '/version']);

/** The handler label for a path relative to the route prefix, or null for unrouted paths. */
export function handlerName(path: string): string | null {
  if (path.startsWith('/api/v1/')) {
    const sub = path.slice('/api/v1'.length);
    if (API_ROUTES.has(sub)) return '/api/v1' + sub;
    if (/^\/label\/[^/]+\/values$/.test(sub)) return '/api/v1/label/:name/values';
    return '/api/v1/*';
  }
  return WEB_ROUTES.has(path) ? path : null;
}
