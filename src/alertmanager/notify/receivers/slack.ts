/**
 * The Slack integration (notify/slack of Alertmanager 0.25): one legacy attachment built from
 * the templated config texts, POSTed as JSON to the incoming-webhook URL (api_url or the
 * trimmed content of api_url_file). A bot app_token, when configured, is sent as a bearer token.
 */
import { goQuote } from '../../../model/strconv/index.js';
import type { SlackConfig } from '../../config/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, omitEmpty, omitEmptyList, readConfigFile } from '../index.js';
import { postJSON } from '../index.js';
import { type NotifyContext, NotifyError } from '../index.js';
import { HTTPNotifier } from './http-notifier.js';

/** Slack's limit on an attachment title (runes). */
export const SLACK_MAX_TITLE_RUNES = 1024;

const DEFAULT_MRKDWN_IN: readonly string[] = ['fallback', 'pretext', 'text'];

type SlackField = NonNullable<SlackConfig['fields'][number]>;
type SlackAction = NonNullable<SlackConfig['actions'][number]>;

export class SlackNotifier extends HTTPNotifier<SlackConfig> {
  override async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const t = new TemplateExpander(this.tmpl, getTemplateData(ctx, this.tmpl, alerts));
    const c = this.conf;
    const title = this.truncate(await t.text(c.title), SLACK_MAX_TITLE_RUNES, 'Truncated title', { key: ctx.groupKey });
    const attachment = {
      title: omitEmpty(title),
      title_link: omitEmpty(await t.text(c.title_link)),
      pretext: omitEmpty(await t.text(c.pretext)),
      text: await t.text(c.text),
      fallback: await t.text(c.fallback),
      callback_id: await t.text(c.callback_id),
      fields: omitEmptyList(await this.fields(t)),
      actions: omitEmptyList(await this.actions(t)),
      image_url: omitEmpty(await t.text(c.image_url)),
      thumb_url: omitEmpty(await t.text(c.thumb_url)),
      footer: await t.text(c.footer),
      color: omitEmpty(await t.text(c.color)),
      mrkdwn_in: omitEmptyList(c.mrkdwn_in.length === 0 ? DEFAULT_MRKDWN_IN : c.mrkdwn_in),
    };
    const channel = await t.text(c.channel);
    const req = {
      channel: omitEmpty(channel),
      username: omitEmpty(await t.text(c.username)),
      icon_emoji: omitEmpty(await t.text(c.icon_emoji)),
      icon_url: omitEmpty(await t.text(c.icon_url)),
      link_names: c.link_names ? true : undefined,
      attachments: [attachment],
    };
    t.check();
    const body = goJSONEncode(req);
    const url = await this.url();
    const headers: Record<string, string> = {};
    const token = await this.appToken();
    if (token !== '') headers['Authorization'] = `Bearer ${token}`;
    const res = await postJSON(this.client, url, body, ctx.signal, { headers });
    try {
      this.retrier.check(res.status, res.body);
    } catch (e) {
      if (e instanceof NotifyError) throw new NotifyError(`channel ${goQuote(channel)}: ${e.message}`, e.retry);
      throw e;
    }
  }

  private async fields(t: TemplateExpander): Promise<object[]> {
    const out: object[] = [];
    for (const f of this.conf.fields as readonly (SlackField | undefined)[]) {
      if (f === undefined) continue;
      out.push({
        title: omitEmpty(await t.text(f.title)),
        value: omitEmpty(await t.text(f.value)),
        short: f.short ?? this.conf.short_fields,
      });
    }
    return out;
  }

  private async actions(t: TemplateExpander): Promise<object[]> {
    const out: object[] = [];
    for (const a of this.conf.actions as readonly (SlackAction | undefined)[]) {
      if (a === undefined) continue;
      const confirm = a.confirm
        ? {
          text: omitEmpty(await t.text(a.confirm.text)),
          title: omitEmpty(await t.text(a.confirm.title)),
          ok_text: omitEmpty(await t.text(a.confirm.ok_text)),
          dismiss_text: omitEmpty(await t.text(a.confirm.dismiss_text)),
        }
        : undefined;
      out.push({
        type: omitEmpty(await t.text(a.type)),
        text: omitEmpty(await t.text(a.text)),
        url: omitEmpty(await t.text(a.url)),
        style: omitEmpty(await t.text(a.style)),
        name: omitEmpty(await t.text(a.name)),
        value: omitEmpty(await t.text(a.value)),
        confirm,
      });
    }
    return out;
  }

  private async url(): Promise<string> {
    if (this.conf.api_url !== undefined) return this.conf.api_url;
    if (this.conf.api_url_file !== '') return (await readConfigFile(this.conf.api_url_file)).trim();
    if (this.conf.app_token !== '' || this.conf.app_token_file !== '') return 'https://slack.com/api/chat.postMessage';
    return (await readConfigFile('')).trim();
  }

  private async appToken(): Promise<string> {
    if (this.conf.app_token !== '') return this.conf.app_token;
    if (this.conf.app_token_file !== '') return (await readConfigFile(this.conf.app_token_file)).trim();
    return '';
  }
}
