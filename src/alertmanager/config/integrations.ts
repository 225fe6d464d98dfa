/**
 * The integration configs that live in Alertmanager's notify/<name> packages: PagerDuty,
 * OpsGenie, Pushover, webhook, Discord, incident.io, Jira, Mattermost, MS Teams (v1, v2),
 * Rocket.Chat, SNS and Telegram, with their defaults and UnmarshalYAML checks.
 */
import {
  anyValue,
  type Codec,
  bool,
  duration,
  int,
  int64,
  list,
  optionalBool,
  ptr,
  secret,
  str,
  stringList,
  stringMap,
  uint64,
} from '../../config/common/index.js';
import { amURL, containsTemplating, goDuration, secretTemplateURL, secretURL, stringStringMap, textDuration } from './codecs.js';
import { goStruct, kp, oe, type ValueOf } from './go-struct.js';
import { httpConfig, sendResolved, tpl } from './integration-fields.js';


export const DEFAULT_PAGERDUTY_DETAILS: Readonly<Record<string, string>> = {
  firing: '{{ template "pagerduty.default.instances" .Alerts.Firing }}',
  resolved: '{{ template "pagerduty.default.instances" .Alerts.Resolved }}',
  num_firing: '{{ .Alerts.Firing | len }}',
  num_resolved: '{{ .Alerts.Resolved | len }}',
};

const pdLink = goStruct({ goType: 'pagerduty.PagerdutyLink', fields: { href: oe(str), text: oe(str) } });
const pdImage = goStruct({ goType: 'pagerduty.PagerdutyImage', fields: { src: oe(str), alt: oe(str), href: oe(str) } });
const pagerdutyFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  service_key: oe(secret),
  service_key_file: oe(str),
  routing_key: oe(secret),
  routing_key_file: oe(str),
  url: oe(amURL),
  client: oe(str),
  client_url: oe(str),
  description: oe(str),
  details: oe(stringMap(anyValue)),
  images: oe(list(pdImage)),
  links: oe(list(pdLink)),
  source: oe(str),
  severity: oe(str),
  class: oe(str),
  component: oe(str),
  group: oe(str),
  timeout: kp(goDuration),
};
export type PagerdutyConfig = ValueOf<typeof pagerdutyFields>;
export const pagerdutyConfigCodec = goStruct({
  goType: 'pagerduty.plain',
  fields: pagerdutyFields,
  defaults: () => ({
    send_resolved: true,
    description: '{{ template "pagerduty.default.description" .}}',
    client: tpl('pagerduty.default.client'),
    client_url: tpl('pagerduty.default.clientURL'),
  }),
  validate(c, d): void {
    if (c.routing_key === '' && c.service_key === '' && c.routing_key_file === '' && c.service_key_file === '') {
      d.fail('missing service or routing key in PagerDuty config');
    }
    if (c.routing_key !== '' && c.routing_key_file !== '') d.fail('at most one of routing_key & routing_key_file must be configured');
    if (c.service_key !== '' && c.service_key_file !== '') d.fail('at most one of service_key & service_key_file must be configured');
    if (c.source === '') c.source = c.client;
    for (const [k, v] of Object.entries(DEFAULT_PAGERDUTY_DETAILS)) if (!(k in c.details)) c.details[k] = v;
  },
});

const OPSGENIE_TYPES_RE = '^(team|teams|user|escalation|schedule)$';
const responderFields = { id: oe(str), name: oe(str), username: oe(str), type: oe(str) };
const responderCodec = goStruct({ goType: 'opsgenie.OpsGenieConfigResponder', fields: responderFields });
const opsgenieFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  api_key: oe(secret),
  api_key_file: oe(str),
  api_url: oe(amURL),
  message: oe(str),
  description: oe(str),
  source: oe(str),
  details: oe(stringStringMap),
  entity: oe(str),
  responders: oe(list(responderCodec)),
  actions: oe(str),
  tags: oe(str),
  note: oe(str),
  priority: oe(str),
  update_alerts: oe(bool),
};
export type OpsGenieConfig = ValueOf<typeof opsgenieFields>;

/** Go's %v of the responder struct: `{id name username type}`. */
function responderText(r: ValueOf<typeof responderFields>): string {
  return `{${r.id} ${r.name} ${r.username} ${r.type}}`;
}

export const opsGenieConfigCodec = goStruct({
  goType: 'opsgenie.plain',
  fields: opsgenieFields,
  defaults: () => ({
    send_resolved: true,
    message: tpl('opsgenie.default.message'),
    description: tpl('opsgenie.default.description'),
    source: tpl('opsgenie.default.source'),
  }),
  validate(c, d): void {
    if (c.api_key !== '' && c.api_key_file !== '') d.fail('at most one of api_key & api_key_file must be configured');
    for (const r of c.responders) {
      if (r.id === '' && r.username === '' && r.name === '') {
        d.fail(`opsGenieConfig responder ${responderText(r)} has to have at least one of id, username or name specified`);
      }
      let templated: boolean;
      try {
        templated = containsTemplating(r.type);
      } catch (e) {
        return d.fail(`opsGenieConfig responder ${responderText(r)} type contains invalid template syntax: ${(e as Error).message}`);
      }
      if (!templated) {
        r.type = r.type.toLowerCase();
        if (!new RegExp(OPSGENIE_TYPES_RE).test(r.type)) {
          d.fail(`opsGenieConfig responder ${responderText(r)} type does not match valid options ${OPSGENIE_TYPES_RE}`);
        }
      }
    }
  },
});

const pushoverFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  user_key: oe(secret),
  user_key_file: oe(str),
  token: oe(secret),
  token_file: oe(str),
  title: oe(str),
  message: oe(str),
  url: oe(str),
  url_title: oe(str),
  device: oe(str),
  sound: oe(str),
  priority: oe(str),
  retry: oe(textDuration),
  expire: oe(textDuration),
  ttl: oe(textDuration),
  html: oe(bool),
  monospace: oe(bool),
};
export type PushoverConfig = ValueOf<typeof pushoverFields>;
export const pushoverConfigCodec = goStruct({
  goType: 'pushover.plain',
  fields: pushoverFields,
  defaults: () => ({
    send_resolved: true,
    title: tpl('pushover.default.title'),
    message: tpl('pushover.default.message'),
    url: tpl('pushover.default.url'),
    priority: '{{ if eq .Status "firing" }}2{{ else }}0{{ end }}',
    retry: 60_000,
    expire: 3_600_000,
  }),
  validate(c, d): void {
    if (c.user_key === '' && c.user_key_file === '') d.fail('one of user_key or user_key_file must be configured');
    if (c.user_key !== '' && c.user_key_file !== '') d.fail('at most one of user_key & user_key_file must be configured');
    if (c.token === '' && c.token_file === '') d.fail('one of token or token_file must be configured');
    if (c.token !== '' && c.token_file !== '') d.fail('at most one of token & token_file must be configured');
    if (c.html && c.monospace) d.fail('at most one of monospace & html must be configured');
  },
});

const webhookFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  url: oe(secretTemplateURL),
  url_file: kp(str),
  max_alerts: kp(uint64),
  timeout: kp(goDuration),
  payload: oe(anyValue),
};
export type WebhookConfig = ValueOf<typeof webhookFields>;
export const webhookConfigCodec = goStruct({
  goType: 'webhook.plain',
  fields: webhookFields,
  defaults: () => ({ send_resolved: true }),
  validate(c, d): void {
    if (c.url === '' && c.url_file === '') d.fail('one of url or url_file must be configured');
    if (c.url !== '' && c.url_file !== '') d.fail('at most one of url & url_file must be configured');
  },
});

/** The webhook_url / webhook_url_file pair checks shared by Discord and MS Teams. */
function webhookURLPair(c: { webhook_url: string | undefined; webhook_url_file: string }, fail: (m: string) => never): void {
  if (c.webhook_url === undefined && c.webhook_url_file === '') fail('one of webhook_url or webhook_url_file must be configured');
  if (c.webhook_url !== undefined && c.webhook_url_file !== '') fail('at most one of webhook_url & webhook_url_file must be configured');
}

const discordFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  webhook_url: oe(secretURL),
  webhook_url_file: oe(str),
  content: oe(str),
  title: oe(str),
  message: oe(str),
  username: oe(str),
  avatar_url: oe(str),
};
export type DiscordConfig = ValueOf<typeof discordFields>;
export const discordConfigCodec = goStruct({
  goType: 'discord.plain',
  fields: discordFields,
  defaults: () => ({ send_resolved: true, title: tpl('discord.default.title'), message: tpl('discord.default.message') }),
  validate: (c, d) => webhookURLPair(c, (m) => d.fail(m)),
});

const msteamsFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  webhook_url: oe(secretURL),
  webhook_url_file: oe(str),
  title: oe(str),
  summary: oe(str),
  text: oe(str),
};
export type MSTeamsConfig = ValueOf<typeof msteamsFields>;
export const msTeamsConfigCodec = goStruct({
  goType: 'msteams.plain',
  fields: msteamsFields,
  defaults: () => ({
    send_resolved: true,
    title: tpl('msteams.default.title'),
    summary: tpl('msteams.default.summary'),
    text: tpl('msteams.default.text'),
  }),
  validate: (c, d) => webhookURLPair(c, (m) => d.fail(m)),
});

const msteamsV2Fields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  webhook_url: oe(secretURL),
  webhook_url_file: oe(str),
  title: oe(str),
  text: oe(str),
};
export type MSTeamsV2Config = ValueOf<typeof msteamsV2Fields>;
export const msTeamsV2ConfigCodec = goStruct({
  goType: 'msteamsv2.plain',
  fields: msteamsV2Fields,
  defaults: () => ({ send_resolved: true, title: tpl('msteamsv2.default.title'), text: tpl('msteamsv2.default.text') }),
  validate: (c, d) => webhookURLPair(c, (m) => d.fail(m)),
});

const incidentioFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  url: kp(amURL),
  url_file: kp(str),
  alert_source_token: oe(secret),
  alert_source_token_file: oe(str),
  max_alerts: kp(uint64),
  timeout: kp(goDuration),
};
export type IncidentioConfig = ValueOf<typeof incidentioFields>;
export const incidentioConfigCodec = goStruct({
  goType: 'incidentio.plain',
  fields: incidentioFields,
  defaults: () => ({ send_resolved: true }),
  validate(c, d): void {
    const hasToken = c.alert_source_token !== '' || c.alert_source_token_file !== '';
    if (c.url === undefined && c.url_file === '') d.fail('one of url or url_file must be configured');
    if (c.url !== undefined && c.url_file !== '') d.fail('at most one of url & url_file must be configured');
    if (c.alert_source_token !== '' && c.alert_source_token_file !== '') {
      d.fail('at most one of alert_source_token & alert_source_token_file must be configured');
    }
    if (c.http_config?.authorization !== undefined && hasToken) {
      d.fail('cannot specify alert_source_token or alert_source_token_file when using http_config.authorization');
    }
    if (c.http_config !== undefined && c.http_config.authorization === undefined && !hasToken) {
      d.fail('at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured');
    }
  },
});

const jiraFieldFields = { template: oe(str), enable_update: oe(optionalBool) };
export type JiraFieldConfig = ValueOf<typeof jiraFieldFields>;
const jiraFieldStruct = goStruct({ goType: 'jira.plain', fields: jiraFieldFields });
/** A Jira field: a template string, or { template, enable_update }. */
const jiraFieldCodec: Codec<JiraFieldConfig> = {
  ...jiraFieldStruct,
  decode: (n, d) =>
    n.kind === 'scalar' ? { template: str.decode(n, d), enable_update: undefined } : jiraFieldStruct.decode(n, d),
};
const jiraFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  api_url: oe(amURL),
  api_type: oe(str),
  project: oe(str),
  summary: oe(jiraFieldCodec),
  description: oe(jiraFieldCodec),
  labels: oe(stringList),
  priority: oe(str),
  issue_type: oe(str),
  reopen_transition: oe(str),
  resolve_transition: oe(str),
  wont_fix_resolution: oe(str),
  reopen_duration: oe(duration),
  fields: oe(stringMap(anyValue)),
};
export type JiraConfig = ValueOf<typeof jiraFields>;
export const jiraConfigCodec = goStruct({
  goType: 'jira.plain',
  fields: jiraFields,
  defaults: () => ({
    send_resolved: true,
    api_type: 'auto',
    summary: { template: tpl('jira.default.summary'), enable_update: undefined },
    description: { template: tpl('jira.default.description'), enable_update: undefined },
    priority: tpl('jira.default.priority'),
  }),
  validate(c, d): void {
    if (c.project === '') d.fail('missing project in jira_config');
    if (c.issue_type === '') d.fail('missing issue_type in jira_config');
    if (c.api_type !== 'auto' && c.api_type !== 'cloud' && c.api_type !== 'datacenter') {
      d.fail('unknown api_type on jira_config, must be auto, cloud or datacenter');
    }
  },
});

const rocketFieldCodec = goStruct({
  goType: 'rocketchat.RocketchatAttachmentField',
  fields: { short: kp(optionalBool), title: oe(str), value: oe(str) },
});
const rocketActionCodec = goStruct({
  goType: 'rocketchat.RocketchatAttachmentAction',
  fields: {
    type: oe(str),
    text: oe(str),
    url: oe(str),
    image_url: oe(str),
    is_webview: kp(bool),
    webview_height_ratio: oe(str),
    msg: oe(str),
    msg_in_chat_window: kp(bool),
    msg_processing_type: oe(str),
  },
});
/** *config.Secret: undefined when absent. */
const optionalSecret = ptr(secret);
const rocketchatFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  api_url: oe(amURL),
  token_id: oe(optionalSecret),
  token_id_file: oe(str),
  token: oe(optionalSecret),
  token_file: oe(str),
  channel: oe(str),
  color: oe(str),
  title: oe(str),
  title_link: oe(str),
  text: oe(str),
  fields: oe(list(ptr(rocketFieldCodec))),
  short_fields: kp(bool),
  emoji: oe(str),
  icon_url: oe(str),
  image_url: oe(str),
  thumb_url: oe(str),
  link_names: kp(bool),
  actions: oe(list(ptr(rocketActionCodec))),
};
export type RocketchatConfig = ValueOf<typeof rocketchatFields>;
export const rocketchatConfigCodec = goStruct({
  goType: 'rocketchat.plain',
  fields: rocketchatFields,
  defaults: () => ({
    color: '{{ if eq .Status "firing" }}red{{ else }}green{{ end }}',
    emoji: tpl('rocketchat.default.emoji'),
    icon_url: tpl('rocketchat.default.iconurl'),
    text: tpl('rocketchat.default.text'),
    title: tpl('rocketchat.default.title'),
    title_link: tpl('rocketchat.default.titlelink'),
  }),
  validate(c, d): void {
    if (c.token !== undefined && c.token_file !== '') d.fail('at most one of token & token_file must be configured');
    if (c.token_id !== undefined && c.token_id_file !== '') d.fail('at most one of token_id & token_id_file must be configured');
  },
});

const sigv4Fields = {
  region: oe(str),
  access_key: oe(str),
  secret_key: oe(secret),
  profile: oe(str),
  role_arn: oe(str),
  external_id: oe(str),
  use_fips_sts_endpoint: oe(bool),
};
export type SigV4Config = ValueOf<typeof sigv4Fields>;
const sigv4Codec = goStruct({
  goType: 'sigv4.plain',
  fields: sigv4Fields,
  validate(c, d): void {
    if ((c.access_key === '') !== (c.secret_key === '')) {
      d.fail('must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config');
    }
  },
});
const snsFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  api_url: oe(str),
  sigv4: kp(sigv4Codec),
  topic_arn: oe(str),
  phone_number: oe(str),
  target_arn: oe(str),
  subject: oe(str),
  message: oe(str),
  attributes: oe(stringStringMap),
  use_aws_http_client: oe(bool),
};
export type SNSConfig = ValueOf<typeof snsFields>;
export const snsConfigCodec = goStruct({
  goType: 'sns.plain',
  fields: snsFields,
  defaults: () => ({ send_resolved: true, subject: tpl('sns.default.subject'), message: tpl('sns.default.message') }),
  validate(c, d): void {
    // Go's chained != on three booleans: (a != b) != c.
    if ((c.target_arn === '') !== (c.topic_arn === '') !== (c.phone_number === '')) {
      d.fail('must provide either a Target ARN, Topic ARN, or Phone Number for SNS config');
    }
  },
});

const telegramFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  api_url: kp(amURL),
  bot_token: oe(secret),
  bot_token_file: oe(str),
  chat_id: oe(int64),
  chat_id_file: oe(str),
  message_thread_id: oe(int),
  message: oe(str),
  disable_notifications: oe(bool),
  parse_mode: oe(str),
};
export type TelegramConfig = ValueOf<typeof telegramFields>;
export const telegramConfigCodec = goStruct({
  goType: 'telegram.plain',
  fields: telegramFields,
  defaults: () => ({ send_resolved: true, message: tpl('telegram.default.message'), parse_mode: 'HTML' }),
  validate(c, d): void {
    if (c.bot_token !== '' && c.bot_token_file !== '') d.fail('at most one of bot_token & bot_token_file must be configured');
    if (c.chat_id === 0 && c.chat_id_file === '') d.fail('missing chat_id or chat_id_file on telegram_config');
    if (c.chat_id !== 0 && c.chat_id_file !== '') d.fail('at most one of chat_id & chat_id_file must be configured');
    if (!['', 'Markdown', 'MarkdownV2', 'HTML'].includes(c.parse_mode)) {
      d.fail('unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string');
    }
  },
});
