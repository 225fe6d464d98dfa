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
export { AggrGroup, alertLess, compareAlerts, labelSetBefore, type AggrGroupOptions, type NotifyFunc } from './aggr-group.js';
export {
  Dispatcher,
  DispatcherMetrics,
  dispatcherMetrics,
  type AlertGroup,
  type AlertGroupsResult,
  type DispatcherOptions,
} from './dispatcher.js';
