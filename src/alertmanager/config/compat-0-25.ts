/**
 * The re-serialised config as Alertmanager 0.25's tools can read it. Vigil's config model has
 * the fields of newer Alertmanagers; amtool 0.25 re-parses /api/v2/status's config.original
 * strictly and rejects any field it does not know. Fields 0.25 does not have are left out of
 * the output when they hold nothing (their zero value or the default Vigil filled in); a field
 * a user set to a real value stays (0.25 could not have run that config either).
 */

/** The YAML keys of each of Alertmanager 0.25's config structs. */
const KEYS_025: Readonly<Record<string, readonly string[]>> = {
  config: ['global', 'route', 'inhibit_rules', 'receivers', 'templates', 'mute_time_intervals', 'time_intervals'],
  global: [
    'resolve_timeout', 'http_config', 'smtp_from', 'smtp_hello', 'smtp_smarthost', 'smtp_auth_username', 'smtp_auth_password',
    'smtp_auth_password_file', 'smtp_auth_secret', 'smtp_auth_identity', 'smtp_require_tls', 'slack_api_url', 'slack_api_url_file',
    'pagerduty_url', 'opsgenie_api_url', 'opsgenie_api_key', 'opsgenie_api_key_file', 'wechat_api_url', 'wechat_api_secret',
    'wechat_api_corp_id', 'victorops_api_url', 'victorops_api_key', 'victorops_api_key_file', 'telegram_api_url', 'webex_api_url',
  ],
  route: [
    'receiver', 'group_by', 'match', 'match_re', 'matchers', 'mute_time_intervals', 'active_time_intervals', 'continue', 'routes',
    'group_wait', 'group_interval', 'repeat_interval',
  ],
  inhibit_rules: ['source_match', 'source_match_re', 'source_matchers', 'target_match', 'target_match_re', 'target_matchers', 'equal'],
  receivers: [
    'name', 'discord_configs', 'email_configs', 'pagerduty_configs', 'slack_configs', 'webhook_configs', 'opsgenie_configs',
    'wechat_configs', 'pushover_configs', 'victorops_configs', 'sns_configs', 'telegram_configs', 'webex_configs',
  ],
  discord_configs: ['http_config', 'webhook_url', 'title', 'message'],
  email_configs: [
    'to', 'from', 'hello', 'smarthost', 'auth_username', 'auth_password', 'auth_password_file', 'auth_secret', 'auth_identity',
    'headers', 'html', 'text', 'require_tls', 'tls_config',
  ],
  opsgenie_configs: [
    'http_config', 'api_key', 'api_key_file', 'api_url', 'message', 'description', 'source', 'details', 'entity', 'responders',
    'actions', 'tags', 'note', 'priority', 'update_alerts',
  ],
  pagerduty_configs: [
    'http_config', 'service_key', 'service_key_file', 'routing_key', 'routing_key_file', 'url', 'client', 'client_url',
    'description', 'details', 'images', 'links', 'source', 'severity', 'class', 'component', 'group',
  ],
  pushover_configs: ['http_config', 'user_key', 'token', 'title', 'message', 'url', 'url_title', 'sound', 'priority', 'retry', 'expire', 'html'],
  sns_configs: ['http_config', 'api_url', 'sigv4', 'topic_arn', 'phone_number', 'target_arn', 'subject', 'message', 'attributes'],
  slack_configs: [
    'http_config', 'api_url', 'api_url_file', 'channel', 'username', 'color', 'title', 'title_link', 'pretext', 'text', 'fields',
    'short_fields', 'footer', 'fallback', 'callback_id', 'icon_emoji', 'icon_url', 'image_url', 'thumb_url', 'link_names',
    'mrkdwn_in', 'actions',
  ],
  telegram_configs: ['http_config', 'api_url', 'bot_token', 'chat_id', 'message', 'disable_notifications', 'parse_mode'],
  victorops_configs: [
    'http_config', 'api_key', 'api_key_file', 'api_url', 'routing_key', 'message_type', 'state_message', 'entity_display_name',
    'monitoring_tool', 'custom_fields',
  ],
  webex_configs: ['http_config', 'api_url', 'message', 'room_id'],
  webhook_configs: ['http_config', 'url', 'max_alerts'],
  wechat_configs: [
    'http_config', 'api_secret', 'corp_id', 'message', 'api_url', 'to_user', 'to_party', 'to_tag', 'agent_id', 'message_type',
  ],
};

/** Values newer Alertmanagers fill in by default for fields 0.25 lacks. */
const NEWER_DEFAULTS: ReadonlySet<string> = new Set(['https://slack.com/api/chat.postMessage', 'https://open.rocket.chat/']);

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Holds nothing a user set: a zero value, a default, or a map of such. */
function holdsNothing(v: unknown): boolean {
  if (v === null || v === undefined || v === '' || v === false || v === 0 || v === '0s') return true;
  if (typeof v === 'string') return NEWER_DEFAULTS.has(v);
  if (Array.isArray(v)) return v.length === 0;
  if (isObj(v)) return Object.values(v).every(holdsNothing);
  return false;
}

function trimStruct(o: Obj, kind: string): void {
  const known = new Set(KEYS_025[kind] ?? []);
  if (kind.endsWith('_configs')) known.add('send_resolved');
  for (const [k, v] of Object.entries(o)) if (!known.has(k) && holdsNothing(v)) delete o[k];
}

function trimRoute(r: unknown): void {
  if (!isObj(r)) return;
  trimStruct(r, 'route');
  if (Array.isArray(r['routes'])) for (const sub of r['routes']) trimRoute(sub);
}

/** Removes, in place, the fields of an encoded config that Alertmanager 0.25 would reject and that hold nothing. */
export function trimForAlertmanager025(cfg: Obj): Obj {
  trimStruct(cfg, 'config');
  if (isObj(cfg['global'])) trimStruct(cfg['global'], 'global');
  trimRoute(cfg['route']);
  if (Array.isArray(cfg['inhibit_rules'])) for (const r of cfg['inhibit_rules']) if (isObj(r)) trimStruct(r, 'inhibit_rules');
  if (!Array.isArray(cfg['receivers'])) return cfg;
  for (const r of cfg['receivers']) {
    if (!isObj(r)) continue;
    const labels = r['labels'];
    // Newer Alertmanagers add the receiver's own name as its only label.
    if (isObj(labels) && Object.keys(labels).length === 1 && labels['name'] === r['name']) delete r['labels'];
    trimStruct(r, 'receivers');
    for (const [k, list] of Object.entries(r)) {
      if (!k.endsWith('_configs') || !Array.isArray(list)) continue;
      for (const c of list) if (isObj(c)) trimStruct(c, k);
    }
  }
  return cfg;
}
