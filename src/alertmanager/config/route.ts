/** The route tree and inhibition rules of alertmanager.yml, with upstream's checks. */
import {
  bool,
  type Codec,
  duration,
  list,
  ptr,
  str,
  stringList,
  type Decoder,
  type YNode,
} from '../../config/common/index.js';
import { goQuote } from '../../model/strconv/index.js';
import type { AmMatcher } from '../labels/index.js';
import { isLegacyLabelName, type MatchRegexp, matchersCodec, matchRegexpsCodec, stringStringMap } from './codecs.js';
import { goStruct, kp, oe, type ValueOf } from './go-struct.js';

/** A codec resolved on first use (for the recursive `routes`). */
function lazy<T>(get: () => Codec<T>, goType: string): Codec<T> {
  return {
    goType,
    zero: () => get().zero(),
    decode: (n: YNode, d: Decoder) => get().decode(n, d),
    isZero: (v: T) => get().isZero(v),
    encode: (v: T) => get().encode(v),
  };
}

/** A route node as decoded (group_by split into groupBy / groupByAll by validation). */
export interface Route {
  receiver: string;
  group_by: string[];
  match: Record<string, string>;
  match_re: Record<string, MatchRegexp | undefined>;
  matchers: AmMatcher[];
  mute_time_intervals: string[];
  active_time_intervals: string[];
  continue: boolean;
  routes: (Route | undefined)[];
  /** ms; undefined inherits the parent's. */
  group_wait: number | undefined;
  group_interval: number | undefined;
  repeat_interval: number | undefined;
  labels: Record<string, string>;
  /** The group_by labels other than '...'; undefined when group_by is absent. */
  groupBy: string[] | undefined;
  /** group_by holds '...'. */
  groupByAll: boolean;
  /** True when group_by was given (possibly empty), as Go's non-nil slice. */
  groupBySet: boolean;
}

const subRoutes: Codec<(Route | undefined)[]> = list(ptr(lazy((): Codec<Route> => routeCodec, 'config.plain')));

const routeFields = {
  receiver: oe(str),
  group_by: oe(stringList),
  match: oe(stringStringMap),
  match_re: oe(matchRegexpsCodec),
  matchers: oe(matchersCodec),
  mute_time_intervals: oe(stringList),
  active_time_intervals: oe(stringList),
  continue: kp(bool),
  routes: oe(subRoutes),
  group_wait: oe(ptr(duration)),
  group_interval: oe(ptr(duration)),
  repeat_interval: oe(ptr(duration)),
  labels: oe(stringStringMap),
};


const routeStruct = goStruct({
  goType: 'config.plain',
  fields: routeFields,
  validate(r0, d, n): void {
    const r = r0 as unknown as Route;
    for (const k of Object.keys(r.match)) if (!isLegacyLabelName(k)) d.fail(`invalid label name ${goQuote(k)}`, n.line);
    for (const k of Object.keys(r.labels)) {
      if (!isLegacyLabelName(k)) d.fail(`invalid label name ${goQuote(k)} in route labels`, n.line);
    }
    r.groupByAll = false;
    r.groupBy = undefined;
    r.groupBySet = n.pairs.some((p) => p.key.kind === 'scalar' && p.key.value === 'group_by');
    for (const l of r.group_by) {
      if (l === '...') {
        r.groupByAll = true;
        continue;
      }
      if (!isLegacyLabelName(l)) d.fail(`invalid label name ${goQuote(l)} in group_by list`, n.line);
      (r.groupBy ??= []).push(l);
    }
    if (r.groupBySet && r.group_by.length === 0) r.groupBy = [];
    if ((r.groupBy?.length ?? 0) > 0 && r.groupByAll) {
      d.fail('cannot have wildcard group_by (`...`) and other labels at the same time', n.line);
    }
    const seen = new Set<string>();
    for (const l of r.groupBy ?? []) {
      if (seen.has(l)) d.fail(`duplicated label ${goQuote(l)} in group_by`, n.line);
      seen.add(l);
    }
    if (r.group_interval === 0) d.fail('group_interval cannot be zero', n.line);
    if (r.repeat_interval === 0) d.fail('repeat_interval cannot be zero', n.line);
  },
});

export const routeCodec: Codec<Route> = routeStruct as unknown as Codec<Route>;

const inhibitFields = {
  name: oe(str),
  source_match: oe(stringStringMap),
  source_match_re: oe(matchRegexpsCodec),
  source_matchers: oe(matchersCodec),
  target_match: oe(stringStringMap),
  target_match_re: oe(matchRegexpsCodec),
  target_matchers: oe(matchersCodec),
  equal: oe(stringList),
};
export type InhibitRule = ValueOf<typeof inhibitFields>;
export const inhibitRuleCodec = goStruct({
  goType: 'common.plain',
  fields: inhibitFields,
  validate(r, d, n): void {
    for (const k of [...Object.keys(r.source_match), ...Object.keys(r.target_match)]) {
      if (!isLegacyLabelName(k)) d.fail(`invalid label name ${goQuote(k)}`, n.line);
    }
    for (const l of r.equal) if (!isLegacyLabelName(l)) d.fail(`invalid label name ${goQuote(l)} in equal list`, n.line);
  },
});

/** dispatch.DefaultRouteOpts: what the root route uses for timings it does not set (ms). */
export const DEFAULT_ROUTE_TIMINGS: Readonly<RouteTimings> = { groupWait: 30_000, groupInterval: 300_000, repeatInterval: 14_400_000 };

export interface RouteTimings {
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
}

/** A route's effective timings: its own where set, else its parent's (the root's parent is the defaults). */
export function routeTimings(r: Route, parent: RouteTimings = DEFAULT_ROUTE_TIMINGS): RouteTimings {
  return {
    groupWait: r.group_wait ?? parent.groupWait,
    groupInterval: r.group_interval ?? parent.groupInterval,
    repeatInterval: r.repeat_interval ?? parent.repeatInterval,
  };
}
