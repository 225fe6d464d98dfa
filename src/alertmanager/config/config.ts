/** The top level of alertmanager.yml and the checks Config.UnmarshalYAML makes across sections. */
import { anyValue, type Decoder, list, ptr, str, stringList } from '../../config/common/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { goStruct, kp, oe, type ValueOf } from './go-struct.js';
import { defaultGlobalConfig, globalConfigCodec, type GlobalConfig } from './global.js';
import { inheritGlobals } from './inherit.js';
import { receiverCodec } from './receiver.js';
import { inhibitRuleCodec, type Route, routeCodec } from './route.js';
import { timeIntervalCodec } from './time-interval.js';

const namedIntervalFields = { name: kp(str), time_intervals: kp(list(timeIntervalCodec)) };
export type NamedTimeInterval = ValueOf<typeof namedIntervalFields>;

function namedIntervalCodec(what: string): ReturnType<typeof goStruct<typeof namedIntervalFields>> {
  return goStruct({
    goType: 'config.plain',
    fields: namedIntervalFields,
    validate(c, d, n): void {
      if (c.name === '') d.fail(`missing name in ${what}`, n.line);
    },
  });
}

const configFields = {
  global: oe(ptr(globalConfigCodec)),
  route: oe(ptr(routeCodec)),
  inhibit_rules: oe(list(inhibitRuleCodec)),
  receivers: oe(list(receiverCodec)),
  templates: kp(stringList),
  mute_time_intervals: oe(list(namedIntervalCodec('mute time interval'))),
  time_intervals: oe(list(namedIntervalCodec('time interval'))),
  tracing: oe(anyValue),
  event_recorder: oe(anyValue),
};

type DecodedConfig = ValueOf<typeof configFields>;

/** A loaded alertmanager.yml. `global` is always set after loading. */
export type AlertmanagerConfig = Omit<DecodedConfig, 'global'> & {
  global: GlobalConfig;
  /** The text the config was loaded from. */
  original: string;
};

function checkGlobalPairs(g: GlobalConfig, d: Decoder): void {
  const both = (a: boolean, b: boolean, x: string, y: string): void => {
    if (a && b) d.fail(`at most one of ${x} & ${y} must be configured`);
  };
  both(g.slack_app_token !== '', g.slack_app_token_file !== '', 'slack_app_token', 'slack_app_token_file');
  both(g.slack_api_url !== undefined, g.slack_api_url_file !== '', 'slack_api_url', 'slack_api_url_file');
  const hasToken = g.slack_app_token !== '' || g.slack_app_token_file !== '';
  const hasURL = g.slack_api_url !== undefined || g.slack_api_url_file !== '';
  if (hasToken && hasURL && (g.slack_api_url ?? '') !== (g.slack_app_url ?? '')) {
    d.fail('at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured');
  }
  both(g.opsgenie_api_key !== '', g.opsgenie_api_key_file !== '', 'opsgenie_api_key', 'opsgenie_api_key_file');
  both(g.victorops_api_key !== '', g.victorops_api_key_file !== '', 'victorops_api_key', 'victorops_api_key_file');
  both(g.telegram_bot_token !== '', g.telegram_bot_token_file !== '', 'telegram_bot_token', 'telegram_bot_token_file');
  both(g.smtp_auth_password !== '', g.smtp_auth_password_file !== '', 'smtp_auth_password', 'smtp_auth_password_file');
  both(g.rocketchat_token !== undefined, g.rocketchat_token_file !== '', 'rocketchat_token', 'rocketchat_token_file');
  both(g.rocketchat_token_id !== undefined, g.rocketchat_token_id_file !== '', 'rocketchat_token_id', 'rocketchat_token_id_file');
  both(g.smtp_auth_secret !== '', g.smtp_auth_secret_file !== '', 'smtp_auth_secret', 'smtp_auth_secret_file');
  both(g.wechat_api_secret !== '', g.wechat_api_secret_file !== '', 'wechat_api_secret', 'wechat_api_secret_file');
  both(g.mattermost_webhook_url !== undefined, g.mattermost_webhook_url_file !== '', 'mattermost_webhook_url', 'mattermost_webhook_url_file');
}

function walkRoutes(r: Route, visit: (r: Route) => void): void {
  for (const sr of r.routes) if (sr) walkRoutes(sr, visit);
  visit(r);
}

function checkRouteTree(c: DecodedConfig, names: Set<string>, d: Decoder): void {
  const root = c.route;
  if (root === undefined) return d.fail('no routes provided');
  if (root.receiver === '') d.fail('root route must specify a default receiver');
  if (Object.keys(root.match).length > 0 || Object.keys(root.match_re).length > 0 || root.matchers.length > 0) {
    d.fail('root route must not have any matchers');
  }
  if (root.mute_time_intervals.length > 0) d.fail('root route must not have any mute time intervals');
  if (root.active_time_intervals.length > 0) d.fail('root route must not have any active time intervals');
  walkRoutes(root, (r) => {
    if (r.receiver !== '' && !names.has(r.receiver)) d.fail(`undefined receiver ${goQuote(r.receiver)} used in route`);
  });
  const intervals = new Set<string>();
  for (const mt of c.mute_time_intervals) {
    if (intervals.has(mt.name)) d.fail(`mute time interval ${goQuote(mt.name)} is not unique`);
    intervals.add(mt.name);
  }
  for (const ti of c.time_intervals) {
    if (intervals.has(ti.name)) d.fail(`time interval ${goQuote(ti.name)} is not unique`);
    intervals.add(ti.name);
  }
  walkRoutes(root, (r) => {
    for (const n of [...r.active_time_intervals, ...r.mute_time_intervals]) {
      if (!intervals.has(n)) d.fail(`undefined time interval ${goQuote(n)} used in route`);
    }
  });
}

function validateConfig(c: DecodedConfig, d: Decoder): void {
  c.global ??= defaultGlobalConfig();
  const g = c.global;
  checkGlobalPairs(g, d);
  const names = new Set<string>();
  for (const r of c.receivers) {
    if (names.has(r.name)) d.fail(`notification config name ${goQuote(r.name)} is not unique`);
    try {
      inheritGlobals(r, g);
    } catch (e) {
      d.fail((e as Error).message);
    }
    names.add(r.name);
  }
  checkRouteTree(c, names, d);
}

export const configCodec = goStruct({ goType: 'config.plain', fields: configFields, validate: validateConfig });
