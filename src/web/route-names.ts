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
  '/targets/relabel_steps',
  '/features',
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

/**
 * The app's pages, each its own route as upstream registers its React router paths (web.go),
 * plus the root files the app bundles; Vigil's own pages (dashboards, login, ...) likewise.
 */
const UI_ROUTES = new Set([
  '/query',
  '/graph',
  '/alerts',
  '/targets',
  '/service-discovery',
  '/alertmanager-discovery',
  '/rules',
  '/status',
  '/tsdb-status',
  '/flags',
  '/config',
  '/favicon.svg',
  '/favicon.ico',
  '/manifest.json',
  '/dashboards',
  '/login',
  '/profile',
  '/admin',
]);

/** Catch-all routes, named like upstream's httprouter patterns (e.g. /assets/*filepath). */
const UI_PREFIX_ROUTES: readonly (readonly [prefix: string, name: string])[] = [
  ['/assets/', '/assets/*filepath'],
  ['/d/', '/d/*path'],
  ['/d-solo/', '/d-solo/*path'],
  ['/dashboard/', '/dashboard/*path'],
  ['/admin/', '/admin/*path'],
];

/** The handler label for a path relative to the route prefix, or null for unrouted paths. */
export function handlerName(path: string): string | null {
  if (path.startsWith('/api/v1/')) {
    const sub = path.slice('/api/v1'.length);
    if (API_ROUTES.has(sub)) return '/api/v1' + sub;
    if (/^\/label\/[^/]+\/values$/.test(sub)) return '/api/v1/label/:name/values';
    return '/api/v1/*';
  }
  if (WEB_ROUTES.has(path) || UI_ROUTES.has(path)) return path;
  for (const [prefix, name] of UI_PREFIX_ROUTES) if (path.startsWith(prefix)) return name;
  return null;
}
