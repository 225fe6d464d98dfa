/**
 * The generic webhook integration (notify/webhook of Alertmanager 0.25): POSTs the flush's
 * template data as JSON with version "4", the group key and the number of alerts left out by
 * max_alerts.
 */
import type { WebhookConfig } from '../../config/index.js';
import { type TemplateData, rfc3339Nano } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, readConfigFile } from '../index.js';
import { REDACTED_URL, Retrier } from '../index.js';
import { type NotifyContext, NotifyError } from '../index.js';
import { HTTPNotifier, throwTemplateError } from './http-notifier.js';

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

export class WebhookNotifier extends HTTPNotifier<WebhookConfig> {
  // As 0.25, failures carry the response body after the (here redacted) URL.
  protected override readonly retrier = new Retrier({ customDetails: (_status, body) => `${REDACTED_URL}: ${body}` });

  override async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
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
    await this.postJSON(url, body, signal);
  }

  /** The target: url, or url_file's trimmed content; templated when it holds `{{`. */
  private async url(data: TemplateData): Promise<string> {
    let url = this.conf.url;
    if (url === '' && this.conf.url_file !== '') url = (await readConfigFile(this.conf.url_file, 'read url_file')).trim();
    if (!url.includes('{{')) return url;
    const t = new TemplateExpander(this.tmpl, data);
    const out = await t.text(url);
    throwTemplateError(t, 'failed to template webhook URL', false);
    if (out === '') throw new NotifyError('webhook URL is empty after templating', false);
    return out;
  }
}
