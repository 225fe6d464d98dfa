export {
  DEFAULT_ROUTE_OPTS,
  Route,
  groupKey,
  groupLabels,
  labelSetString,
  matchersString,
  newRoute,
  type RouteConfig,
  type RouteOpts,
} from './route.js';
export { newRouteFromConfig, routeConfigFromConfig } from './route-config.js';
