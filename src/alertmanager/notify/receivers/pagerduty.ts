/**
 * The PagerDuty integration (notify/pagerduty of Alertmanager 0.25): Events API v2 (routing_key)
 * or the v1 generic API (service_key). One incident per aggregation group, keyed by the sha256
 * of the group key; "trigger" while any alert fires, "resolve" once all have resolved.
 */
import type { StructuredLogger } from '../../../log/index.js';
import { goQuote } from '../../../model/strconv/index.js';
import type { PagerdutyConfig } from '../../config/index.js';
import type { AlertmanagerTemplate, TemplateData } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, hashGroupKey, omitEmpty, omitEmptyList } from '../index.js';
import { Retrier, postJSON } from '../index.js';
import { type NotifyContext, NotifyError } from '../index.js';
import { HTTPNotifier, settingOrFile, throwTemplateError } from './http-notifier.js';

/** The v1 generic events endpoint. */
export const PAGERDUTY_V1_URL = 'https://events.pagerduty.com/generic/2010-04-15/create_event.json';
/** PagerDuty's limit on an event (bytes of JSON). */
export const PAGERDUTY_MAX_EVENT_BYTES = 512000;
/** Limits on the v1 description and the v2 summary (runes). */
export const PAGERDUTY_MAX_DESCRIPTION_RUNES = 1024;

export interface PagerdutyNotifierOptions {
  /** Overrides the v1 endpoint (tests). */
  apiV1URL?: string;
}

/** alecthomas/units MetricBytes.String(): 512000 -> "512KB", 600123 -> "600KB123B". */
export function metricBytes(n: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  const parts: string[] = [];
  let rest = Math.trunc(n);
  for (let i = 0; i < units.length; i++) {
    const r = rest % 1000;
    if (r !== 0 || (i === 0 && rest === 0)) parts.unshift(`${r}${units[i] as string}B`);
    rest = Math.trunc(rest / 1000);
    if (rest === 0) break;
  }
  return parts.join('');
}

/** PagerDuty's 400 answer: `message: err1,err2`; nothing for other statuses. */
function errDetails(status: number, body: string): string {
  if (status !== 400 || body === '') return '';
  try {
    const v: unknown = JSON.parse(body);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return '';
    const o = v as Record<string, unknown>;
    const message = typeof o['message'] === 'string' ? o['message'] : '';
    const errors = Array.isArray(o['errors']) ? o['errors'].filter((e): e is string => typeof e === 'string') : [];
    return `${message}: ${errors.join(',')}`;
  } catch {
    return '';
  }
}

type Details = Map<string, string>;

/** Whether the config uses the v1 generic API (a service key) rather than Events API v2. */
function usesV1(conf: PagerdutyConfig): boolean {
  return conf.service_key !== '' || conf.service_key_file !== '';
}

export class PagerdutyNotifier extends HTTPNotifier<PagerdutyConfig> {
  // v1 retries rate limiting answered with 403, v2 with 429.
  protected override readonly retrier = new Retrier({ retryCodes: [usesV1(this.conf) ? 403 : 429], customDetails: errDetails });
  private readonly apiV1: string;

  constructor(conf: PagerdutyConfig, tmpl: AlertmanagerTemplate, logger: StructuredLogger, opts: PagerdutyNotifierOptions = {}) {
    super(conf, tmpl, logger);
    this.apiV1 = usesV1(conf) ? (opts.apiV1URL ?? PAGERDUTY_V1_URL) : '';
  }

  override async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const data = getTemplateData(ctx, this.tmpl, alerts);
    const eventType = data.Status === 'resolved' ? 'resolve' : 'trigger';
    this.logger.debug?.('', { incident: ctx.groupKey, eventType });
    const details = await this.details(data);
    if (this.apiV1 !== '') await this.notifyV1(ctx, eventType, data, details);
    else await this.notifyV2(ctx, eventType, data, details);
  }

  private async details(data: TemplateData): Promise<Details> {
    const out: Details = new Map();
    for (const [k, v] of Object.entries(this.conf.details)) {
      const text = typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
      try {
        out.set(k, await this.tmpl.executeTextString(text, data));
      } catch (e) {
        throw new NotifyError(`${goQuote(k)}: failed to template ${goQuote(text)}: ${e instanceof Error ? e.message : String(e)}`, false);
      }
    }
    return out;
  }

  private async notifyV1(ctx: NotifyContext, eventType: string, data: TemplateData, details: Details): Promise<void> {
    const t = new TemplateExpander(this.tmpl, data);
    const descriptionText = await t.text(this.conf.description);
    const description = this.truncate(descriptionText, PAGERDUTY_MAX_DESCRIPTION_RUNES, 'Truncated description', { key: ctx.groupKey });
    const serviceKey = await settingOrFile(this.conf.service_key, this.conf.service_key_file, 'failed to read service key from file');
    const msg: Record<string, unknown> = {
      service_key: omitEmpty(await t.text(serviceKey)),
      incident_key: hashGroupKey(ctx.groupKey),
      event_type: eventType,
      description: omitEmpty(description),
      event_action: '',
      payload: null,
      client: eventType === 'trigger' ? omitEmpty(await t.text(this.conf.client)) : undefined,
      client_url: eventType === 'trigger' ? omitEmpty(await t.text(this.conf.client_url)) : undefined,
      details: details.size > 0 ? details : undefined,
    };
    throwTemplateError(t, 'failed to template PagerDuty v1 message', false);
    if (msg['service_key'] === undefined) throw new NotifyError('service key cannot be empty', false);
    const body = this.encode(msg, (m) => (m['details'] = this.tooBigDetails()));
    await this.post(this.apiV1, body, 'failed to post message to PagerDuty v1', ctx.signal);
  }

  private async notifyV2(ctx: NotifyContext, eventType: string, data: TemplateData, details: Details): Promise<void> {
    const c = this.conf;
    const t = new TemplateExpander(this.tmpl, data);
    const summary = this.truncate(await t.text(c.description), PAGERDUTY_MAX_DESCRIPTION_RUNES, 'Truncated summary', { key: ctx.groupKey });
    const routingKey = await settingOrFile(c.routing_key, c.routing_key_file, 'failed to read routing key from file');
    const client = await t.text(c.client);
    const clientURL = await t.text(c.client_url);
    const key = await t.text(routingKey);
    const payload: Record<string, unknown> = {
      summary,
      source: await t.text(c.source),
      severity: await t.text(c.severity === '' ? 'error' : c.severity),
      class: omitEmpty(await t.text(c.class)),
      component: omitEmpty(await t.text(c.component)),
      group: omitEmpty(await t.text(c.group)),
      custom_details: details.size > 0 ? details : undefined,
    };
    const images: object[] = [];
    for (const i of c.images) {
      const image = { src: await t.text(i.src), alt: await t.text(i.alt), href: await t.text(i.href) };
      if (image.src !== '') images.push(image);
    }
    const links: object[] = [];
    for (const l of c.links) {
      const link = { href: await t.text(l.href), text: await t.text(l.text) };
      if (link.href !== '') links.push(link);
    }
    const msg: Record<string, unknown> = {
      routing_key: omitEmpty(key),
      dedup_key: hashGroupKey(ctx.groupKey),
      event_action: eventType,
      payload,
      client: omitEmpty(client),
      client_url: omitEmpty(clientURL),
      images: omitEmptyList(images),
      links: omitEmptyList(links),
    };
    throwTemplateError(t, 'failed to template PagerDuty v2 message', false);
    if (key === '') throw new NotifyError('routing key cannot be empty', false);
    const body = this.encode(msg, () => (payload['custom_details'] = this.tooBigDetails()));
    await this.post(c.url ?? '', body, 'failed to post message to PagerDuty', ctx.signal);
  }

  private tooBigDetails(): Details {
    const text = `Custom details have been removed because the original event exceeds the maximum size of ${metricBytes(PAGERDUTY_MAX_EVENT_BYTES)}`;
    return new Map([['error', text]]);
  }

  /** Encodes the event; one too big for PagerDuty is re-encoded with its details replaced. */
  private encode(msg: Record<string, unknown>, dropDetails: (m: Record<string, unknown>) => void): string {
    let body = goJSONEncode(msg);
    const size = Buffer.byteLength(body, 'utf8');
    if (size > PAGERDUTY_MAX_EVENT_BYTES) {
      dropDetails(msg);
      const limit = metricBytes(PAGERDUTY_MAX_EVENT_BYTES);
      this.logger.warn(`Truncated Details because message of size ${metricBytes(size)} exceeds limit ${limit}`);
      body = goJSONEncode(msg);
    }
    return body;
  }

  private async post(url: string, body: string, wrap: string, signal: AbortSignal): Promise<void> {
    let res;
    try {
      res = await postJSON(this.client, url, body, signal, { redactURL: false });
    } catch (e) {
      if (e instanceof NotifyError) throw new NotifyError(`${wrap}: ${e.message}`, e.retry);
      throw e;
    }
    this.retrier.check(res.status, res.body);
  }
}
