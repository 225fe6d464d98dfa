/**
 * The routing tree (Alertmanager's dispatch.Route): each node of alertmanager.yml's `route`
 * becomes a Route whose options are inherited from its parent unless set, and whose matchers
 * (from `matchers`, `match` and `match_re`) select the alerts it takes.
 */
import { Labels } from '../../model/labels/index.js';
import { AmMatcher, AmMatchType, compareMatchers, matchersMatch, matchersToString } from '../labels/index.js';
import { goQuote } from '../../model/strconv/index.js';

/**
 * The route section of alertmanager.yml as the tree needs it (durations in ms, `undefined` =
 * not set, so inherited). routeConfigFromConfig (route-config.ts) converts the config
 * loader's route to it; tests build it directly.
 */
export interface RouteConfig {
  receiver?: string;
  /** Label names of `group_by` without '...'; undefined when `group_by` is absent or is ['...']. */
  groupBy?: readonly string[];
  /** `group_by: ['...']`: group by all labels. */
  groupByAll?: boolean;
  continue?: boolean;
  /** The parsed `matchers` list. */
  matchers?: readonly AmMatcher[];
  /** `match`: label name to exact value. */
  match?: Readonly<Record<string, string>>;
  /** `match_re`: label name to regex, as written in the file (anchored here, as upstream). */
  matchRE?: Readonly<Record<string, string>>;
  groupWait?: number;
  groupInterval?: number;
  repeatInterval?: number;
  muteTimeIntervals?: readonly string[];
  activeTimeIntervals?: readonly string[];
  routes?: readonly RouteConfig[];
}

/** The options a route applies to the alerts it takes (upstream RouteOpts). */
export interface RouteOpts {
  receiver: string;
  /** Sorted label names to group by (empty with groupByAll). */
  groupBy: readonly string[];
  groupByAll: boolean;
  /** Durations in ms. */
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  muteTimeIntervals: readonly string[];
  activeTimeIntervals: readonly string[];
}

export const DEFAULT_ROUTE_OPTS: RouteOpts = Object.freeze({
  receiver: '',
  groupBy: [],
  groupByAll: false,
  groupWait: 30_000,
  groupInterval: 5 * 60_000,
  repeatInterval: 4 * 60 * 60_000,
  muteTimeIntervals: [],
  activeTimeIntervals: [],
});

export class Route {
  readonly parent: Route | null;
  readonly opts: RouteOpts;
  /** Sorted as upstream's labels.Matchers (by name, then value, then type). */
  readonly matchers: readonly AmMatcher[];
  readonly continue: boolean;
  readonly routes: Route[] = [];
  private keyCache: string | null = null;

  constructor(cfg: RouteConfig, parent: Route | null) {
    this.parent = parent;
    this.opts = routeOpts(cfg, parent ? parent.opts : DEFAULT_ROUTE_OPTS);
    this.matchers = routeMatchers(cfg);
    this.continue = cfg.continue ?? false;
    for (const child of cfg.routes ?? []) this.routes.push(new Route(child, this));
  }

  /** The routes an alert with these labels goes to: depth first, first match unless `continue`. */
  match(lset: Labels): Route[] {
    if (!matchersMatch(this.matchers, lset)) return [];
    const all: Route[] = [];
    for (const child of this.routes) {
      const got = child.match(lset);
      all.push(...got);
      if (got.length > 0 && !child.continue) break;
    }
    if (all.length === 0) all.push(this);
    return all;
  }

  /** Identifies the route by its matchers and its parents' (not unique: siblings may share it). */
  key(): string {
    if (this.keyCache === null) {
      const own = matchersString(this.matchers);
      this.keyCache = this.parent ? `${this.parent.key()}/${own}` : own;
    }
    return this.keyCache;
  }

  /** Unique among the tree: key() plus, below the root, the index among its siblings. */
  id(): string {
    const own = matchersString(this.matchers);
    if (!this.parent) return own;
    return `${this.parent.id()}/${own}/${this.parent.routes.indexOf(this)}`;
  }

  /** Visits this route and then its descendants, depth first. */
  walk(visit: (r: Route) => void): void {
    visit(this);
    for (const child of this.routes) child.walk(visit);
  }
}

/** The routing tree of a route config (upstream NewRoute(cfg, nil)). */
export function newRoute(cfg: RouteConfig, parent: Route | null = null): Route {
  return new Route(cfg, parent);
}

function routeOpts(cfg: RouteConfig, inherited: RouteOpts): RouteOpts {
  const opts: RouteOpts = { ...inherited };
  if (cfg.receiver !== undefined && cfg.receiver !== '') opts.receiver = cfg.receiver;
  if (cfg.groupBy !== undefined) {
    opts.groupBy = [...new Set(cfg.groupBy)].sort();
    opts.groupByAll = false;
  } else if (cfg.groupByAll === true) {
    opts.groupBy = [];
    opts.groupByAll = true;
  }
  if (cfg.groupWait !== undefined) opts.groupWait = cfg.groupWait;
  if (cfg.groupInterval !== undefined) opts.groupInterval = cfg.groupInterval;
  if (cfg.repeatInterval !== undefined) opts.repeatInterval = cfg.repeatInterval;
  // Time intervals are the route's own, not inherited (as in Alertmanager 0.25).
  opts.muteTimeIntervals = cfg.muteTimeIntervals ?? [];
  opts.activeTimeIntervals = cfg.activeTimeIntervals ?? [];
  return opts;
}

function routeMatchers(cfg: RouteConfig): AmMatcher[] {
  const ms: AmMatcher[] = [];
  for (const [name, value] of Object.entries(cfg.match ?? {})) ms.push(new AmMatcher(AmMatchType.Equal, name, value));
  for (const [name, re] of Object.entries(cfg.matchRE ?? {})) {
    // config.Regexp keeps the anchored source, which is what the matcher (and its text) shows.
    ms.push(new AmMatcher(AmMatchType.Regexp, name, `^(?:${re})$`));
  }
  ms.push(...(cfg.matchers ?? []));
  return ms.sort(compareMatchers);
}

/** Alertmanager's labels.Matchers text: `{a="b",c=~"d"}`. */
export function matchersString(ms: readonly AmMatcher[]): string {
  return matchersToString(ms);
}

/** The labels of an alert that define its aggregation group on a route (group_by / '...'). */
export function groupLabels(route: Route, alertLabels: Labels): Labels {
  if (route.opts.groupByAll) return alertLabels;
  const pairs: string[] = [];
  for (const name of route.opts.groupBy) {
    if (alertLabels.has(name)) pairs.push(name, alertLabels.get(name));
  }
  return Labels.fromPairs(pairs);
}

/**
 * Text of a label set as Prometheus common's model.LabelSet in Alertmanager 0.25:
 * `name="value"` items (Go %q quoting) sorted as strings, joined by ", ", in braces.
 */
export function labelSetString(lset: Labels): string {
  const items: string[] = [];
  lset.forEach((n, v) => items.push(`${n}=${goQuote(v)}`));
  items.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${items.join(', ')}}`;
}

/** An aggregation group's key as in notifications: `<route key>:<group labels>`. */
export function groupKey(route: Route, groupLabelSet: Labels): string {
  return `${route.key()}:${labelSetString(groupLabelSet)}`;
}
