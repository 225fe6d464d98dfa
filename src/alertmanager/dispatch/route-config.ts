/** Builds the routing tree from the loaded alertmanager.yml `route` (src/alertmanager/config). */
import type { Route as ConfigRoute } from '../config/index.js';
import { Route, type RouteConfig } from './route.js';

/** The tree's view of a loaded route: unset durations and group_by stay undefined (inherited). */
export function routeConfigFromConfig(r: ConfigRoute): RouteConfig {
  const cfg: RouteConfig = {
    receiver: r.receiver,
    continue: r.continue,
    matchers: r.matchers,
    match: r.match,
    matchRE: Object.fromEntries(
      Object.entries(r.match_re).flatMap(([name, re]) => (re === undefined ? [] : [[name, re.original]])),
    ),
    muteTimeIntervals: r.mute_time_intervals,
    activeTimeIntervals: r.active_time_intervals,
    routes: r.routes.flatMap((c) => (c === undefined ? [] : [routeConfigFromConfig(c)])),
  };
  // As upstream, an empty group_by list (a nil slice in Go) inherits the parent's grouping.
  if (r.groupBy !== undefined && r.groupBy.length > 0) cfg.groupBy = r.groupBy;
  else if (r.groupByAll) cfg.groupByAll = true;
  if (r.group_wait !== undefined) cfg.groupWait = r.group_wait;
  if (r.group_interval !== undefined) cfg.groupInterval = r.group_interval;
  if (r.repeat_interval !== undefined) cfg.repeatInterval = r.repeat_interval;
  return cfg;
}

/** Upstream dispatch.NewRoute(cfg.Route, nil) over the loaded config's root route. */
export function newRouteFromConfig(root: ConfigRoute): Route {
  return new Route(routeConfigFromConfig(root), null);
}
