/**
 * The Pushover integration (notify/pushover of Alertmanager 0.25): the message's parameters are
 * sent as the query string of an empty `text/plain` POST to the messages API, as 0.25 does;
 * title, message and url are truncated to Pushover's limits.
 */
import type { StructuredLogger } from '../../../log/index.js';
import type { PushoverConfig } from '../../config/index.js';
import type { AlertmanagerTemplate } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData } from '../index.js';
import type { NotifyContext } from '../index.js';
import { HTTPNotifier, settingOrFile } from './http-notifier.js';

export const PUSHOVER_API_URL = 'https://api.pushover.net/1/messages.json';
/** Pushover's limits (runes). */
export const PUSHOVER_MAX_TITLE_RUNES = 250;
export const PUSHOVER_MAX_MESSAGE_RUNES = 1024;
export const PUSHOVER_MAX_URL_RUNES = 512;

export interface PushoverNotifierOptions {
  /** Overrides the messages API URL (tests). */
  apiURL?: string;
}

/** Go's url.QueryEscape: unreserved characters kept, space as '+', the rest %XX. */
export function goQueryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** url.Values.Encode: keys sorted, each `key=value` query-escaped, joined by '&'. */
export function encodeGoValues(values: ReadonlyArray<readonly [string, string]>): string {
  const sorted = [...values].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return sorted.map(([k, v]) => `${goQueryEscape(k)}=${goQueryEscape(v)}`).join('&');
}

export class PushoverNotifier extends HTTPNotifier<PushoverConfig> {
  private readonly apiURL: string;

  constructor(conf: PushoverConfig, tmpl: AlertmanagerTemplate, logger: StructuredLogger, opts: PushoverNotifierOptions = {}) {
    super(conf, tmpl, logger);
    this.apiURL = opts.apiURL ?? PUSHOVER_API_URL;
  }

  override async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const c = this.conf;
    const key = ctx.groupKey;
    const t = new TemplateExpander(this.tmpl, getTemplateData(ctx, this.tmpl, alerts));
    this.logger.debug?.('', { incident: key });
    const token = await settingOrFile(c.token, c.token_file);
    const user = await settingOrFile(c.user_key, c.user_key_file);
    const params: Array<[string, string]> = [
      ['token', await t.text(token)],
      ['user', await t.text(user)],
    ];
    params.push(['title', this.truncate(await t.text(c.title), PUSHOVER_MAX_TITLE_RUNES, 'Truncated title', { incident: key })]);
    if (c.html) params.push(['html', '1']);
    if (c.monospace) params.push(['monospace', '1']);
    const rendered = c.html ? await t.html(c.message) : await t.text(c.message);
    // Pushover rejects empty messages.
    const message = this.truncate(rendered, PUSHOVER_MAX_MESSAGE_RUNES, 'Truncated message', { incident: key }).trim() || '(no details)';
    params.push(['message', message]);
    params.push(['url', this.truncate(await t.text(c.url), PUSHOVER_MAX_URL_RUNES, 'Truncated URL', { incident: key })]);
    params.push(['url_title', await t.text(c.url_title)]);
    if (c.device !== '') params.push(['device', await t.text(c.device)]);
    params.push(
      ['priority', await t.text(c.priority)],
      ['retry', String(Math.trunc(c.retry / 1000))],
      ['expire', String(Math.trunc(c.expire / 1000))],
    );
    if (c.ttl > 0) params.push(['ttl', String(Math.trunc(c.ttl / 1000))]);
    params.push(['sound', await t.text(c.sound)]);
    t.check();
    // The URL carries the token and user key: it is never logged, and redacted in errors.
    const target = `${this.apiURL}?${encodeGoValues(params)}`;
    await this.send('POST', target, { contentType: 'text/plain', body: '' }, ctx.signal);
  }
}
