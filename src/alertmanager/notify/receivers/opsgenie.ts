/**
 * The Opsgenie integration (notify/opsgenie of Alertmanager 0.25): creates an alert aliased by
 * the sha256 of the group key while any alert fires (and, with update_alerts, updates its
 * message and description), closes it once all have resolved. Authenticates with
 * `Authorization: GenieKey <api_key>`.
 */
import type { OpsGenieConfig } from '../../config/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, hashGroupKey, omitEmpty, omitEmptyList } from '../index.js';
import { Retrier, parseTargetURL } from '../index.js';
import type { NotifyContext } from '../index.js';
import { HTTPNotifier, settingOrFile, throwTemplateError } from './http-notifier.js';

/** Opsgenie's limit on an alert message (runes). */
export const OPSGENIE_MAX_MESSAGE_RUNES = 130;

interface OpsgenieRequest {
  method: string;
  url: string;
  body: string;
}

interface Responder {
  id?: string;
  name?: string;
  username?: string;
  type: string;
}

/** strings.Split of the trimmed text, empty parts dropped (safeSplit upstream). */
function safeSplit(s: string, sep: string): string[] {
  return s.trim().split(sep).filter((x) => x !== '');
}

/** The API URL with `path` appended to its path and `identifierType=alias` when asked. */
function endpoint(apiURL: string, path: string, alias: boolean): string {
  const u = parseTargetURL(apiURL, false);
  u.pathname += path;
  if (!alias) return u.href;
  // url.Values.Encode: keys sorted, one value set for identifierType.
  u.searchParams.set('identifierType', 'alias');
  u.searchParams.sort();
  return u.href;
}

export class OpsGenieNotifier extends HTTPNotifier<OpsGenieConfig> {
  protected override readonly retrier = new Retrier({ retryCodes: [429] });

  override async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const { requests, apiKey } = await this.createRequests(ctx, alerts);
    const headers = { Authorization: `GenieKey ${apiKey}` };
    for (const r of requests) {
      await this.send(r.method, r.url, { contentType: 'application/json', headers, body: r.body, redactURL: false }, ctx.signal);
    }
  }

  private async createRequests(ctx: NotifyContext, alerts: readonly Alert[]): Promise<{ requests: OpsgenieRequest[]; apiKey: string }> {
    const data = getTemplateData(ctx, this.tmpl, alerts);
    const t = new TemplateExpander(this.tmpl, data);
    this.logger.debug?.('', { alert: ctx.groupKey });
    const details = new Map<string, string>(data.CommonLabels);
    for (const [k, v] of Object.entries(this.conf.details)) details.set(k, await t.text(v));
    const alias = hashGroupKey(ctx.groupKey);
    const apiURL = this.conf.api_url ?? '';
    const requests: OpsgenieRequest[] = [];
    if (data.Status === 'resolved') {
      const body = goJSONEncode({ source: await t.text(this.conf.source) });
      requests.push({ method: 'POST', url: endpoint(apiURL, `v2/alerts/${alias}/close`, true), body });
    } else {
      const message = this.truncate(await t.text(this.conf.message), OPSGENIE_MAX_MESSAGE_RUNES, 'Truncated message', { alert: ctx.groupKey });
      const description = await t.text(this.conf.description);
      const msg = {
        alias,
        message,
        description: omitEmpty(description),
        details,
        source: await t.text(this.conf.source),
        responders: omitEmptyList(await this.responders(t)),
        tags: omitEmptyList(safeSplit(await t.text(this.conf.tags), ',')),
        note: omitEmpty(await t.text(this.conf.note)),
        priority: omitEmpty(await t.text(this.conf.priority)),
        entity: omitEmpty(await t.text(this.conf.entity)),
        actions: omitEmptyList(safeSplit(await t.text(this.conf.actions), ',')),
      };
      requests.push({ method: 'POST', url: endpoint(apiURL, 'v2/alerts', false), body: goJSONEncode(msg) });
      if (this.conf.update_alerts) {
        requests.push({
          method: 'PUT',
          url: endpoint(apiURL, `v2/alerts/${alias}/message`, true),
          body: goJSONEncode({ message: omitEmpty(message) }),
        });
        requests.push({
          method: 'PUT',
          url: endpoint(apiURL, `v2/alerts/${alias}/description`, true),
          body: goJSONEncode({ description: omitEmpty(description) }),
        });
      }
    }
    const apiKey = await t.text(await settingOrFile(this.conf.api_key, this.conf.api_key_file, 'read key_file error'));
    throwTemplateError(t, 'templating error', false);
    return { requests, apiKey };
  }

  private async responders(t: TemplateExpander): Promise<Responder[]> {
    const out: Responder[] = [];
    for (const r of this.conf.responders) {
      const responder = { id: await t.text(r.id), name: await t.text(r.name), username: await t.text(r.username), type: await t.text(r.type) };
      if (responder.id === '' && responder.name === '' && responder.username === '' && responder.type === '') continue;
      if (responder.type === 'teams') {
        for (const team of safeSplit(responder.name, ',')) out.push({ name: omitEmpty(await t.text(team)), type: await t.text('team') });
        continue;
      }
      out.push({
        id: omitEmpty(responder.id),
        name: omitEmpty(responder.name),
        username: omitEmpty(responder.username),
        type: responder.type,
      });
    }
    return out;
  }
}
