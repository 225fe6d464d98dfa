/**
 * What the HTTP integrations share: the base class holding the HTTP client built from the
 * config's http_config, the 0.25 retrier and close(), the request steps they repeat (send,
 * classify the answer; cut a text and warn), and the config and template steps they repeat
 * (a setting or its file's trimmed content, the webhook URL, a colour by status, a wrapped
 * templating error).
 *
 * settingOrFile and throwTemplateError would belong in the notify kit (render.ts) beside
 * readConfigFile and TemplateExpander; they live here while only the receivers use them.
 */
import { HTTPClient, type HTTPClientConfigLike } from '../../../httpclient/index.js';
import type { LogFields, StructuredLogger } from '../../../log/index.js';
import type { AlertmanagerTemplate } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { type TemplateExpander, readConfigFile } from '../index.js';
import { Retrier, type SendOptions, sendRequest } from '../index.js';
import { truncateInRunes } from '../index.js';
import { type Notifier, type NotifyContext, NotifyError } from '../index.js';

/** The part of an integration's config every HTTP integration has. */
export interface HTTPNotifierConfig {
  readonly http_config?: unknown;
}

/**
 * An integration that talks HTTP: `client` from the config's http_config (the integration's
 * own, or the global one the config loader copied in), `retrier` classifying answers as 0.25
 * (5xx retried; a subclass overrides the field for other codes or details).
 */
export abstract class HTTPNotifier<C extends HTTPNotifierConfig> implements Notifier {
  protected readonly client: HTTPClient;
  protected readonly retrier: Retrier = new Retrier();

  constructor(
    protected readonly conf: C,
    protected readonly tmpl: AlertmanagerTemplate,
    protected readonly logger: StructuredLogger,
  ) {
    this.client = new HTTPClient((conf.http_config ?? {}) as HTTPClientConfigLike);
  }

  abstract notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void>;

  /** Releases the HTTP client's pooled connections. */
  close(): void {
    this.client.close();
  }

  /** Sends the request; an answer that is not 2xx throws the retrier's NotifyError. */
  protected async send(method: string, url: string, opts: SendOptions, signal: AbortSignal): Promise<void> {
    const res = await sendRequest(this.client, method, url, opts, signal);
    this.retrier.check(res.status, res.body);
  }

  /** POSTs a JSON document (PostJSON upstream) and checks the answer as send() does. */
  protected postJSON(url: string, body: string, signal: AbortSignal): Promise<void> {
    return this.send('POST', url, { contentType: 'application/json', body }, signal);
  }

  /** `text` cut to `maxRunes` (TruncateInRunes); a cut is logged as a warning `msg` with the limit. */
  protected truncate(text: string, maxRunes: number, msg: string, fields: LogFields): string {
    const [out, cut] = truncateInRunes(text, maxRunes);
    if (cut) this.logger.warn(msg, { ...fields, max_runes: maxRunes });
    return out;
  }
}

/** `value`, or when it is empty the trimmed content of `file` (read errors wrapped in `wrap`). */
export async function settingOrFile(value: string, file: string, wrap = ''): Promise<string> {
  if (value !== '') return value;
  return (await readConfigFile(file, wrap)).trim();
}

/** The target of a webhook integration: webhook_url, or the trimmed content of webhook_url_file. */
export async function webhookURL(conf: { readonly webhook_url?: string | undefined; readonly webhook_url_file: string }): Promise<string> {
  if (conf.webhook_url !== undefined) return conf.webhook_url;
  return (await readConfigFile(conf.webhook_url_file, 'read webhook_url_file')).trim();
}

/** The colours an integration shows a group in, by its status. */
export interface StatusColors<T> {
  readonly firing: T;
  readonly resolved: T;
  /** Any other status. */
  readonly other: T;
}

/** The colour for a group's status. */
export function statusColor<T>(status: string, colors: StatusColors<T>): T {
  return status === 'firing' ? colors.firing : status === 'resolved' ? colors.resolved : colors.other;
}

/** Throws the expander's first failure as NotifyError(`<prefix>: <failure>`, retry); nothing when none. */
export function throwTemplateError(t: TemplateExpander, prefix: string, retry: boolean): void {
  const err = t.error();
  if (err !== undefined) throw new NotifyError(`${prefix}: ${err instanceof Error ? err.message : String(err)}`, retry);
}
