/** Alertmanager's global section with upstream's defaults (DefaultGlobalConfig). */
import {
  bool,
  defaultHTTPClientConfig,
  defaultTLSConfig,
  duration,
  httpClientConfigCodec,
  optionalBool,
  ptr,
  secret,
  str,
  tlsConfigCodec,
} from '../../config/common/index.js';
import { amURL, hostPort, secretURL } from './codecs.js';
import { goStruct, kp, oe, type ValueOf } from './go-struct.js';

const globalFields = {
  resolve_timeout: kp(duration),
  http_config: oe(ptr(httpClientConfigCodec)),
  jira_api_url: oe(amURL),
  smtp_from: oe(str),
  smtp_hello: oe(str),
  smtp_smarthost: oe(hostPort),
  smtp_auth_username: oe(str),
  smtp_auth_password: oe(secret),
  smtp_auth_password_file: oe(str),
  smtp_auth_secret: oe(secret),
  smtp_auth_secret_file: oe(str),
  smtp_auth_identity: oe(str),
  smtp_require_tls: kp(bool),
  smtp_tls_config: oe(ptr(tlsConfigCodec)),
  smtp_force_implicit_tls: oe(optionalBool),
  slack_api_url: oe(secretURL),
  slack_api_url_file: oe(str),
  slack_app_token: oe(secret),
  slack_app_token_file: oe(str),
  slack_app_url: oe(amURL),
  pagerduty_url: oe(amURL),
  opsgenie_api_url: oe(amURL),
  opsgenie_api_key: oe(secret),
  opsgenie_api_key_file: oe(str),
  wechat_api_url: oe(amURL),
  wechat_api_secret: oe(secret),
  wechat_api_secret_file: oe(str),
  wechat_api_corp_id: oe(str),
  victorops_api_url: oe(amURL),
  victorops_api_key: oe(secret),
  victorops_api_key_file: oe(str),
  telegram_api_url: oe(amURL),
  telegram_bot_token: oe(secret),
  telegram_bot_token_file: oe(str),
  webex_api_url: oe(amURL),
  rocketchat_api_url: oe(amURL),
  rocketchat_token: oe(ptr(secret)),
  rocketchat_token_file: oe(str),
  rocketchat_token_id: oe(ptr(secret)),
  rocketchat_token_id_file: oe(str),
  mattermost_webhook_url: oe(secretURL),
  mattermost_webhook_url_file: oe(str),
};

export type GlobalConfig = ValueOf<typeof globalFields>;

function globalDefaults(): Partial<GlobalConfig> {
  return {
    resolve_timeout: 5 * 60_000,
    http_config: defaultHTTPClientConfig(),
    smtp_hello: 'localhost',
    smtp_require_tls: true,
    smtp_tls_config: defaultTLSConfig(),
    pagerduty_url: 'https://events.pagerduty.com/v2/enqueue',
    opsgenie_api_url: 'https://api.opsgenie.com/',
    wechat_api_url: 'https://qyapi.weixin.qq.com/cgi-bin/',
    victorops_api_url: 'https://alert.victorops.com/integrations/generic/20131114/alert/',
    telegram_api_url: 'https://api.telegram.org',
    webex_api_url: 'https://webexapis.com/v1/messages',
    rocketchat_api_url: 'https://open.rocket.chat/',
    slack_app_url: 'https://slack.com/api/chat.postMessage',
  };
}

export const globalConfigCodec = goStruct({ goType: 'config.plain', fields: globalFields, defaults: globalDefaults });

/** DefaultGlobalConfig(): what an absent or empty global section means. */
export function defaultGlobalConfig(): GlobalConfig {
  const g = globalConfigCodec.zero();
  Object.assign(g, globalDefaults());
  return g;
}
