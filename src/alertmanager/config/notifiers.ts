/**
 * The integration configs declared in Alertmanager's config package (email, Slack, WeChat,
 * VictorOps, Webex): fields, defaults and the checks their UnmarshalYAML runs.
 */
import {
  bool,
  canonicalHeaderKey,
  list,
  optionalBool,
  ptr,
  secret,
  str,
  stringList,
  tlsConfigCodec,
} from '../../config/common/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { amURL, goDuration, hostPort, secretURL, stringStringMap } from './codecs.js';
import { goStruct, kp, oe, type ValueOf } from './go-struct.js';
import { httpConfig, sendResolved, tpl } from './integration-fields.js';


const emailThreadingFields = { enabled: oe(bool), thread_by_date: oe(str) };
const threadingCodec = goStruct({ goType: 'config.ThreadingConfig', fields: emailThreadingFields });

const emailFields = {
  send_resolved: sendResolved,
  to: oe(str),
  from: oe(str),
  hello: oe(str),
  smarthost: oe(hostPort),
  auth_username: oe(str),
  auth_password: oe(secret),
  auth_password_file: oe(str),
  auth_secret: oe(secret),
  auth_secret_file: oe(str),
  auth_identity: oe(str),
  headers: oe(stringStringMap),
  html: oe(str),
  text: oe(str),
  require_tls: oe(optionalBool),
  tls_config: oe(ptr(tlsConfigCodec)),
  force_implicit_tls: oe(optionalBool),
  threading: oe(threadingCodec),
};
export type EmailConfig = ValueOf<typeof emailFields>;
export const emailConfigCodec = goStruct({
  goType: 'config.plain',
  fields: emailFields,
  defaults: () => ({ html: tpl('email.default.html') }),
  validate(c, d): void {
    if (c.to === '') d.fail('missing to address in email config');
    const headers: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [h, v] of Object.entries(c.headers)) {
      const key = canonicalHeaderKey(h);
      if (key in headers) d.fail(`duplicate header ${goQuote(key)} in email config`);
      headers[key] = v;
    }
    c.headers = headers;
    if (c.threading.enabled) {
      if ('References' in headers) d.fail('conflicting configuration: threading.enabled conflicts with custom References header');
      if ('In-Reply-To' in headers) d.fail('conflicting configuration: threading.enabled conflicts with custom In-Reply-To header');
      if (c.threading.thread_by_date !== 'none' && c.threading.thread_by_date !== 'daily') {
        d.fail("threading.thread_by_date must be either 'none' or 'daily'");
      }
    }
  },
});

const slackConfirmCodec = goStruct({
  goType: 'config.plain',
  fields: { text: oe(str), title: oe(str), ok_text: oe(str), dismiss_text: oe(str) },
  validate(c, d): void {
    if (c.text === '') d.fail('missing text in Slack confirmation configuration');
  },
});

const slackActionCodec = goStruct({
  goType: 'config.plain',
  fields: {
    type: oe(str),
    text: oe(str),
    url: oe(str),
    style: oe(str),
    name: oe(str),
    value: oe(str),
    confirm: oe(ptr(slackConfirmCodec)),
  },
  validate(c, d): void {
    if (c.type === '') d.fail('missing type in Slack action configuration');
    if (c.text === '') d.fail('missing text in Slack action configuration');
    if (c.url !== '') {
      c.name = '';
      c.value = '';
      c.confirm = undefined;
    } else if (c.name === '') {
      d.fail('missing name or url in Slack action configuration');
    }
  },
});

const slackFieldCodec = goStruct({
  goType: 'config.plain',
  fields: { title: oe(str), value: oe(str), short: oe(optionalBool) },
  validate(c, d): void {
    if (c.title === '') d.fail('missing title in Slack field configuration');
    if (c.value === '') d.fail('missing value in Slack field configuration');
  },
});

const slackFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  api_url: oe(secretURL),
  api_url_file: oe(str),
  app_token: oe(secret),
  app_token_file: oe(str),
  app_url: oe(amURL),
  channel: oe(str),
  username: oe(str),
  color: oe(str),
  title: oe(str),
  title_link: oe(str),
  pretext: oe(str),
  text: oe(str),
  message_text: oe(str),
  fields: oe(list(ptr(slackFieldCodec))),
  short_fields: kp(bool),
  footer: oe(str),
  fallback: oe(str),
  callback_id: oe(str),
  icon_emoji: oe(str),
  icon_url: oe(str),
  image_url: oe(str),
  thumb_url: oe(str),
  link_names: kp(bool),
  mrkdwn_in: oe(stringList),
  actions: oe(list(ptr(slackActionCodec))),
  update_message: kp(bool),
  timeout: kp(goDuration),
};
export type SlackConfig = ValueOf<typeof slackFields>;
export const SLACK_POST_MESSAGE_URL = 'https://slack.com/api/chat.postMessage';
export const slackConfigCodec = goStruct({
  goType: 'config.plain',
  fields: slackFields,
  defaults: () => ({
    color: tpl('slack.default.color'),
    username: tpl('slack.default.username'),
    title: tpl('slack.default.title'),
    title_link: tpl('slack.default.titlelink'),
    icon_emoji: tpl('slack.default.iconemoji'),
    icon_url: tpl('slack.default.iconurl'),
    pretext: tpl('slack.default.pretext'),
    text: tpl('slack.default.text'),
    fallback: tpl('slack.default.fallback'),
    callback_id: tpl('slack.default.callbackid'),
    footer: tpl('slack.default.footer'),
  }),
  validate(c, d): void {
    const hasURL = c.api_url !== undefined || c.api_url_file !== '';
    const hasToken = c.app_token !== '' || c.app_token_file !== '';
    if (c.api_url !== undefined && c.api_url_file !== '') d.fail('at most one of api_url & api_url_file must be configured');
    if (c.app_token !== '' && c.app_token_file !== '') d.fail('at most one of app_token & app_token_file must be configured');
    if (hasURL && hasToken) d.fail('at most one of api_url/api_url_file & app_token/app_token_file must be configured');
    if (c.update_message && c.api_url !== SLACK_POST_MESSAGE_URL) {
      d.fail(`update_message can only be used with bot tokens. api_url must be set to ${SLACK_POST_MESSAGE_URL}`);
    }
  },
});

const WECHAT_TYPES_RE = '^(text|markdown)$';
const wechatFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  api_secret: oe(secret),
  api_secret_file: oe(str),
  corp_id: oe(str),
  message: oe(str),
  api_url: oe(amURL),
  to_user: oe(str),
  to_party: oe(str),
  to_tag: oe(str),
  agent_id: oe(str),
  message_type: oe(str),
};
export type WechatConfig = ValueOf<typeof wechatFields>;
export const wechatConfigCodec = goStruct({
  goType: 'config.plain',
  fields: wechatFields,
  defaults: () => ({
    message: tpl('wechat.default.message'),
    to_user: tpl('wechat.default.to_user'),
    to_party: tpl('wechat.default.to_party'),
    to_tag: tpl('wechat.default.to_tag'),
    agent_id: tpl('wechat.default.agent_id'),
  }),
  validate(c, d): void {
    if (c.message_type === '') c.message_type = 'text';
    if (!new RegExp(WECHAT_TYPES_RE).test(c.message_type)) {
      d.fail(`weChat message type ${goQuote(c.message_type)} does not match valid options ${WECHAT_TYPES_RE}`);
    }
    if (c.api_secret !== '' && c.api_secret_file !== '') d.fail('at most one of api_secret & api_secret_file must be configured');
  },
});

const VICTOROPS_RESERVED = ['routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool', 'entity_id', 'entity_state'];
const victorOpsFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  api_key: oe(secret),
  api_key_file: oe(str),
  api_url: kp(amURL),
  routing_key: kp(str),
  message_type: kp(str),
  state_message: kp(str),
  entity_display_name: kp(str),
  monitoring_tool: kp(str),
  custom_fields: oe(stringStringMap),
};
export type VictorOpsConfig = ValueOf<typeof victorOpsFields>;
export const victorOpsConfigCodec = goStruct({
  goType: 'config.plain',
  fields: victorOpsFields,
  defaults: () => ({
    send_resolved: true,
    message_type: 'CRITICAL',
    state_message: tpl('victorops.default.state_message'),
    entity_display_name: tpl('victorops.default.entity_display_name'),
    monitoring_tool: tpl('victorops.default.monitoring_tool'),
  }),
  validate(c, d): void {
    if (c.routing_key === '') d.fail('missing Routing key in VictorOps config');
    if (c.api_key !== '' && c.api_key_file !== '') d.fail('at most one of api_key & api_key_file must be configured');
    for (const f of VICTOROPS_RESERVED) {
      if (f in c.custom_fields) {
        d.fail(`victorOps config contains custom field ${f} which cannot be used as it conflicts with the fixed/static fields`);
      }
    }
  },
});

const webexFields = {
  send_resolved: sendResolved,
  http_config: httpConfig,
  api_url: oe(amURL),
  message: oe(str),
  room_id: kp(str),
};
export type WebexConfig = ValueOf<typeof webexFields>;
export const webexConfigCodec = goStruct({
  goType: 'config.plain',
  fields: webexFields,
  defaults: () => ({ send_resolved: true, message: tpl('webex.default.message') }),
  validate(c, d): void {
    if (c.room_id === '') d.fail('missing room_id on webex_config');
    if (c.http_config === undefined || c.http_config.authorization === undefined) {
      d.fail('missing webex_configs.http_config.authorization');
    }
  },
});
