/**
 * The Microsoft Teams integration (notify/msteams of newer Alertmanager; 0.25 has none): a
 * legacy Office 365 connector MessageCard with the templated title, summary and text and a
 * theme colour by the group's status, POSTed to the webhook URL (webhook_url or the trimmed
 * content of webhook_url_file).
 */
import type { MSTeamsConfig } from '../../config/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode } from '../index.js';
import type { NotifyContext } from '../index.js';
import { HTTPNotifier, type HTTPNotifierConfig, statusColor, webhookURL } from './http-notifier.js';

export const MSTEAMS_COLOR_RED = '8C1A1A';
export const MSTEAMS_COLOR_GREEN = '2DC72D';
export const MSTEAMS_COLOR_GREY = '808080';

/** The part of the config both Teams integrations read. */
export interface TeamsWebhookConfig extends HTTPNotifierConfig {
  readonly webhook_url?: string | undefined;
  readonly webhook_url_file: string;
}

/**
 * What both Teams integrations do (newer upstream's msteams and msteamsv2): build the message
 * from the expanded config texts and the group's status, then POST it to the webhook URL.
 */
export abstract class TeamsNotifier<C extends TeamsWebhookConfig> extends HTTPNotifier<C> {
  /** The message; its texts are expanded with `t`, whose failure stops the notification. */
  protected abstract message(t: TemplateExpander, status: string): Promise<object>;

  override async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    this.logger.debug?.('extracted group key', { group_key: ctx.groupKey });
    const data = getTemplateData(ctx, this.tmpl, alerts);
    const t = new TemplateExpander(this.tmpl, data);
    const message = await this.message(t, data.Status);
    t.check();
    await this.postJSON(await webhookURL(this.conf), goJSONEncode(message), ctx.signal);
  }
}

/** A legacy Office 365 connector MessageCard. */
export class MSTeamsNotifier extends TeamsNotifier<MSTeamsConfig> {
  protected override async message(t: TemplateExpander, status: string): Promise<object> {
    const title = await t.text(this.conf.title);
    const text = await t.text(this.conf.text);
    const summary = await t.text(this.conf.summary);
    return {
      '@context': 'http://schema.org/extensions',
      type: 'MessageCard',
      title,
      summary,
      text,
      themeColor: statusColor(status, { firing: MSTEAMS_COLOR_RED, resolved: MSTEAMS_COLOR_GREEN, other: MSTEAMS_COLOR_GREY }),
    };
  }
}
