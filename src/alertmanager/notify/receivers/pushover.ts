/**
 * The Pushover integration (notify/pushover of Alertmanager 0.25): the message's parameters are
 * sent as the query string of an empty `text/plain` POST to the messages API, as 0.25 does;
 * title, message and url are truncated to Pushover's limits.
 */
import { HTTPClient, type HTTPClientConfigLike } from '../../../httpclient/index.js';
import type { StructuredLogger } from '../../../log/index.js';
import type { PushoverConfig } from '../../config/index.js';
import type { AlertmanagerTemplate } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, readConfigFile } from '../index.js';
import { Retrier, sendRequest } from '../index.js';
import { truncateInRunes } from '../index.js';
import type { Notifier, NotifyContext } from '../index.js';

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

export class PushoverNotifier implements Notifier {
  private readonly client: HTTPClient;
  private readonly retrier = new Retrier();
  private readonly apiURL: string;

  constructor(
    private readonly conf: PushoverConfig,
    private readonly tmpl: AlertmanagerTemplate,
    private readonly logger: StructuredLogger,
    opts: PushoverNotifierOptions = {},
  ) {
    this.client = new HTTPClient((conf.http_config ?? {}) as HTTPClientConfigLike);
    this.apiURL = opts.apiURL ?? PUSHOVER_API_URL;
  }

  /** Releases the HTTP client's pooled connections. */
  close(): void {
    this.client.close();
  }

  async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const c = this.conf;
    const key = ctx.groupKey;
    const t = new TemplateExpander(this.tmpl, getTemplateData(ctx, this.tmpl, alerts));
    this.logger.debug?.('', { incident: key });
    const token = c.token !== '' ? c.token : (await readConfigFile(c.token_file)).trim();
    const user = c.user_key !== '' ? c.user_key : (await readConfigFile(c.user_key_file)).trim();
    const params: Array<[string, string]> = [
      ['token', await t.text(token)],
      ['user', await t.text(user)],
    ];
    const [title, titleCut] = truncateInRunes(await t.text(c.title), PUSHOVER_MAX_TITLE_RUNES);
    if (titleCut) this.logger.warn('Truncated title', { incident: key, max_runes: PUSHOVER_MAX_TITLE_RUNES });
    params.push(['title', title]);
    if (c.html) params.push(['html', '1']);
    if (c.monospace) params.push(['monospace', '1']);
    let [message, messageCut] = truncateInRunes(c.html ? await t.html(c.message) : await t.text(c.message), PUSHOVER_MAX_MESSAGE_RUNES);
    if (messageCut) this.logger.warn('Truncated message', { incident: key, max_runes: PUSHOVER_MAX_MESSAGE_RUNES });
    message = message.trim();
    // Pushover rejects empty messages.
    if (message === '') message = '(no details)';
    params.push(['message', message]);
    const [url, urlCut] = truncateInRunes(await t.text(c.url), PUSHOVER_MAX_URL_RUNES);
    if (urlCut) this.logger.warn('Truncated URL', { incident: key, max_runes: PUSHOVER_MAX_URL_RUNES });
    params.push(['url', url], ['url_title', await t.text(c.url_title)]);
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
    const res = await sendRequest(this.client, 'POST', target, { contentType: 'text/plain', body: '' }, ctx.signal);
    this.retrier.check(res.status, res.body);
  }
}
