/**
 * The second half of Config.UnmarshalYAML: each receiver's integrations take the global
 * values they leave unset (URLs, keys, SMTP settings, the HTTP client), and the ones that
 * stay missing are reported with upstream's texts.
 */
import { type HTTPClientConfig } from '../../config/common/index.js';
import type { GlobalConfig } from './global.js';
import type { Receiver } from './receiver.js';
import { opsGenieConfigCodec, rocketchatConfigCodec } from './integrations.js';
import { slackConfigCodec, wechatConfigCodec } from './notifiers.js';

export class AmConfigError extends Error {
  override name = 'AmConfigError';
}

function fail(msg: string): never {
  throw new AmConfigError(msg);
}

/** Go's url.Path gets a trailing slash: done on the URL text. */
function withTrailingSlash(u: string): string {
  const q = u.search(/[?#]/);
  const base = q < 0 ? u : u.slice(0, q);
  const rest = q < 0 ? '' : u.slice(q);
  return base.endsWith('/') ? u : `${base}/${rest}`;
}

function copyHTTP(g: GlobalConfig): HTTPClientConfig {
  return structuredClone(g.http_config) as HTTPClientConfig;
}

function inheritHTTP<T extends { http_config: HTTPClientConfig | undefined }>(list: (T | undefined)[], g: GlobalConfig, missing: string): T[] {
  return list.map((c) => {
    if (c === undefined) return fail(missing);
    c.http_config ??= g.http_config;
    return c;
  });
}

function inheritEmail(r: Receiver, g: GlobalConfig): void {
  for (const ec of r.email_configs) {
    if (ec === undefined) fail('missing email config');
    ec.tls_config ??= g.smtp_tls_config;
    if (ec.smarthost === '') ec.smarthost = g.smtp_smarthost;
    if (ec.smarthost === '') fail('no global SMTP smarthost set');
    if (ec.from === '') ec.from = g.smtp_from;
    if (ec.from === '') fail('no global SMTP from set');
    if (ec.hello === '') ec.hello = g.smtp_hello;
    if (ec.auth_username === '') ec.auth_username = g.smtp_auth_username;
    if (ec.auth_password === '' && ec.auth_password_file === '') {
      ec.auth_password = g.smtp_auth_password;
      ec.auth_password_file = g.smtp_auth_password_file;
    }
    if (ec.auth_secret === '' && ec.auth_secret_file === '') {
      ec.auth_secret = g.smtp_auth_secret;
      ec.auth_secret_file = g.smtp_auth_secret_file;
    }
    if (ec.auth_identity === '') ec.auth_identity = g.smtp_auth_identity;
    ec.require_tls ??= g.smtp_require_tls;
    ec.force_implicit_tls ??= g.smtp_force_implicit_tls;
  }
}

function inheritSlack(r: Receiver, g: GlobalConfig): void {
  r.slack_configs = r.slack_configs.map((c) => c ?? slackConfigCodec.zero());
  for (const sc of r.slack_configs) {
    if (sc === undefined) continue;
    sc.app_url ??= g.slack_app_url;
    if (sc.app_url === undefined) fail('no global Slack App URL set');
    if (sc.app_token === '' && sc.app_token_file === '' && sc.http_config?.authorization === undefined && sc.api_url === undefined) {
      sc.app_token = g.slack_app_token;
      sc.app_token_file = g.slack_app_token_file;
    }
    if (sc.api_url === undefined && sc.api_url_file === '') {
      sc.api_url = g.slack_api_url;
      sc.api_url_file = g.slack_api_url_file;
    }
    if (sc.api_url === undefined && sc.api_url_file === '' && sc.app_token === '' && sc.app_token_file === '') {
      fail('no Slack API URL nor App token set either inline or in a file');
    }
    sc.http_config ??= copyHTTP(g);
    if (sc.app_token !== '' || sc.app_token_file !== '') {
      if (sc.http_config.authorization !== undefined) fail("http authorization can't be set when using Slack App tokens");
      sc.http_config.authorization = { type: 'Bearer', credentials: sc.app_token, credentials_file: sc.app_token_file, credentials_ref: '' };
      sc.api_url = sc.app_url;
    }
  }
}

function inheritOpsGenie(r: Receiver, g: GlobalConfig): void {
  r.opsgenie_configs = r.opsgenie_configs.map((c) => c ?? opsGenieConfigCodec.zero());
  for (const oc of r.opsgenie_configs) {
    if (oc === undefined) continue;
    oc.http_config ??= g.http_config;
    oc.api_url ??= g.opsgenie_api_url;
    if (oc.api_url === undefined) fail('no global OpsGenie URL set');
    oc.api_url = withTrailingSlash(oc.api_url);
    if (oc.api_key === '') oc.api_key = g.opsgenie_api_key;
    if (oc.api_key_file === '') oc.api_key_file = g.opsgenie_api_key_file;
    if (oc.api_key === '' && oc.api_key_file === '') fail('no global OpsGenie API Key set either inline or in a file');
  }
}

function inheritWechat(r: Receiver, g: GlobalConfig): void {
  r.wechat_configs = r.wechat_configs.map((c) => c ?? wechatConfigCodec.zero());
  for (const wc of r.wechat_configs) {
    if (wc === undefined) continue;
    wc.http_config ??= g.http_config;
    wc.api_url ??= g.wechat_api_url;
    if (wc.api_url === undefined) fail('no global Wechat URL set');
    if (wc.api_secret === '' && wc.api_secret_file === '') {
      if (g.wechat_api_secret === '' && g.wechat_api_secret_file === '') fail('no global Wechat Api Secret set either inline or in a file');
      wc.api_secret = g.wechat_api_secret;
      wc.api_secret_file = g.wechat_api_secret_file;
    }
    if (wc.corp_id === '') wc.corp_id = g.wechat_api_corp_id;
    if (wc.corp_id === '') fail('no global Wechat CorpID set');
    wc.api_url = withTrailingSlash(wc.api_url);
  }
}

function inheritVictorOps(r: Receiver, g: GlobalConfig): void {
  for (const vc of inheritHTTP(r.victorops_configs, g, 'missing victorops config')) {
    vc.api_url ??= g.victorops_api_url;
    if (vc.api_url === undefined) fail('no global VictorOps URL set');
    vc.api_url = withTrailingSlash(vc.api_url);
    if (vc.api_key === '') vc.api_key = g.victorops_api_key;
    if (vc.api_key_file === '') vc.api_key_file = g.victorops_api_key_file;
    if (vc.api_key === '' && vc.api_key_file === '') fail('no global VictorOps API Key set');
  }
}

function inheritTelegram(r: Receiver, g: GlobalConfig): void {
  for (const tc of inheritHTTP(r.telegram_configs, g, 'missing telegram config')) {
    tc.api_url ??= g.telegram_api_url;
    if (tc.bot_token === '' && tc.bot_token_file === '') {
      if (g.telegram_bot_token === '' && g.telegram_bot_token_file === '') fail('missing bot_token or bot_token_file on telegram_config');
      tc.bot_token = g.telegram_bot_token;
      tc.bot_token_file = g.telegram_bot_token_file;
    }
  }
}

function inheritRocketchat(r: Receiver, g: GlobalConfig): void {
  r.rocketchat_configs = r.rocketchat_configs.map((c) => c ?? rocketchatConfigCodec.zero());
  for (const rc of r.rocketchat_configs) {
    if (rc === undefined) continue;
    rc.http_config ??= g.http_config;
    rc.api_url ??= g.rocketchat_api_url;
    rc.token_id ??= g.rocketchat_token_id;
    if (rc.token_id_file === '') rc.token_id_file = g.rocketchat_token_id_file;
    if (rc.token_id === undefined && rc.token_id_file === '') fail('no global Rocketchat TokenID set either inline or in a file');
    rc.token ??= g.rocketchat_token;
    if (rc.token_file === '') rc.token_file = g.rocketchat_token_file;
    if (rc.token === undefined && rc.token_file === '') fail('no global Rocketchat Token set either inline or in a file');
  }
}

function inheritPagerduty(r: Receiver, g: GlobalConfig): void {
  for (const pc of inheritHTTP(r.pagerduty_configs, g, 'missing pagerduty config')) {
    pc.url ??= g.pagerduty_url;
    if (pc.url === undefined) fail('no global PagerDuty URL set');
  }
}

function inheritWebhooks(r: Receiver, g: GlobalConfig): void {
  for (const dc of inheritHTTP(r.discord_configs, g, 'missing discord config')) {
    if (dc.webhook_url === undefined && dc.webhook_url_file === '') fail('no discord webhook URL or URLFile provided');
  }
  for (const wc of inheritHTTP(r.webex_configs, g, 'missing webex config')) {
    wc.api_url ??= g.webex_api_url;
    if (wc.api_url === undefined) fail('no global Webex URL set');
  }
  for (const mc of inheritHTTP(r.msteams_configs, g, 'missing msteams config')) {
    if (mc.webhook_url === undefined && mc.webhook_url_file === '') fail('no msteams webhook URL or URLFile provided');
  }
  for (const mc of r.msteamsv2_configs) {
    if (mc === undefined) fail('missing msteamsv2 config');
    if (mc.http_config === undefined) mc.http_config = copyHTTP(g);
    else if (mc.http_config.proxy_url === undefined || mc.http_config.proxy_url === '') mc.http_config.proxy_url = g.http_config?.proxy_url;
    if (mc.webhook_url === undefined && mc.webhook_url_file === '') fail('no msteamsv2 webhook URL or URLFile provided');
  }
  for (const jc of inheritHTTP(r.jira_configs, g, 'missing jira config')) {
    jc.api_url ??= g.jira_api_url;
    if (jc.api_url === undefined) fail('no global Jira Cloud URL set');
  }
}

function inheritMattermost(r: Receiver, g: GlobalConfig): void {
  for (const mc of inheritHTTP(r.mattermost_configs, g, 'missing mattermost config')) {
    if (mc.webhook_url === undefined && mc.webhook_url_file === '') {
      if (g.mattermost_webhook_url === undefined && g.mattermost_webhook_url_file === '') {
        fail('missing webhook_url or webhook_url_file on mattermost_config');
      }
      mc.webhook_url = g.mattermost_webhook_url;
      mc.webhook_url_file = g.mattermost_webhook_url_file;
    }
  }
}

/** Fills one receiver's integrations from the global section, in upstream's order of checks. */
export function inheritGlobals(r: Receiver, g: GlobalConfig): void {
  inheritHTTP(r.webhook_configs, g, 'missing webhook config');
  inheritEmail(r, g);
  inheritSlack(r, g);
  inheritHTTP(r.pushover_configs, g, 'missing pushover config');
  inheritPagerduty(r, g);
  inheritHTTP(r.incidentio_configs, g, 'missing incidentio config');
  inheritOpsGenie(r, g);
  inheritWechat(r, g);
  inheritVictorOps(r, g);
  inheritHTTP(r.sns_configs, g, 'missing sns config');
  inheritTelegram(r, g);
  inheritWebhooks(r, g);
  inheritRocketchat(r, g);
  inheritMattermost(r, g);
}
