/**
 * The generic webhook integration (notify/webhook of Alertmanager 0.25): POSTs the flush's
 * template data as JSON with version "4", the group key and the number of alerts left out by
 * max_alerts.
 */
import { HTTPClient, type HTTPClientConfigLike } from '../../../httpclient/index.js';
import type { StructuredLogger } from '../../../log/index.js';
import type { WebhookConfig } from '../../config/index.js';
import { type AlertmanagerTemplate, type TemplateData, rfc3339Nano } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, readConfigFile } from '../index.js';
import { REDACTED_URL, Retrier, postJSON } from '../index.js';
import { type Notifier, type NotifyContext, NotifyError } from '../index.js';

/** template.Data as encoding/json writes it (KV maps keep Map form: keys sorted on output). */
export function templateDataJSON(data: TemplateData): Record<string, unknown> {
  return {
    receiver: data.Receiver,
    status: data.Status,
    alerts: data.Alerts.map((a) => ({
      status: a.Status,
      labels: a.Labels,
      annotations: a.Annotations,
      startsAt: rfc3339Nano(a.StartsAt.ns),
      endsAt: rfc3339Nano(a.EndsAt.ns),
      generatorURL: a.GeneratorURL,
      fingerprint: a.Fingerprint,
    })),
    groupLabels: data.GroupLabels,
    commonLabels: data.CommonLabels,
    commonAnnotations: data.CommonAnnotations,
    externalURL: data.ExternalURL,
  };
}

export class WebhookNotifier implements Notifier {
  private readonly client: HTTPClient;
  // As 0.25, failures carry the response body after the (here redacted) URL.
  private readonly retrier = new Retrier({ customDetails: (_status, body) => `${REDACTED_URL}: ${body}` });

  constructor(
    private readonly conf: WebhookConfig,
    private readonly tmpl: AlertmanagerTemplate,
    private readonly logger: StructuredLogger,
  ) {
    this.client = new HTTPClient((conf.http_config ?? {}) as HTTPClientConfigLike);
  }

  /** Releases the HTTP client's pooled connections. */
  close(): void {
    this.client.close();
  }

  async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const max = Number(this.conf.max_alerts ?? 0);
    const kept = max > 0 && alerts.length > max ? alerts.slice(0, max) : alerts;
    const data = getTemplateData(ctx, this.tmpl, kept);
    const body = goJSONEncode({
      ...templateDataJSON(data),
      version: '4',
      groupKey: ctx.groupKey,
      truncatedAlerts: alerts.length - kept.length,
    });
    const url = await this.url(data);
    const timeout = Number(this.conf.timeout ?? 0);
    const signal = timeout > 0 ? AbortSignal.any([ctx.signal, AbortSignal.timeout(timeout)]) : ctx.signal;
    const res = await postJSON(this.client, url, body, signal);
    this.retrier.check(res.status, res.body);
  }

  /** The target: url, or url_file's trimmed content; templated when it holds `{{`. */
  private async url(data: TemplateData): Promise<string> {
    let url = this.conf.url;
    if (url === '' && this.conf.url_file !== '') url = (await readConfigFile(this.conf.url_file, 'read url_file')).trim();
    if (!url.includes('{{')) return url;
    const t = new TemplateExpander(this.tmpl, data);
    const out = await t.text(url);
    const err = t.error();
    if (err !== undefined) throw new NotifyError(`failed to template webhook URL: ${err instanceof Error ? err.message : String(err)}`, false);
    if (out === '') throw new NotifyError('webhook URL is empty after templating', false);
    return out;
  }
}
