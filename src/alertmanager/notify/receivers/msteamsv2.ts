/**
 * The Microsoft Teams v2 integration (notify/msteamsv2 of newer Alertmanager, for Teams
 * workflows / Power Automate webhooks): a message with one Adaptive Card attachment holding a
 * heading (the templated title, coloured by the group's status) and the templated text.
 */
import { HTTPClient, type HTTPClientConfigLike } from '../../../httpclient/index.js';
import type { StructuredLogger } from '../../../log/index.js';
import type { MSTeamsV2Config } from '../../config/index.js';
import type { AlertmanagerTemplate } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, readConfigFile } from '../index.js';
import { Retrier, postJSON } from '../index.js';
import type { Notifier, NotifyContext } from '../index.js';

/** Adaptive Card text colours by status. */
export const MSTEAMSV2_COLOR_RED = 'Attention';
export const MSTEAMSV2_COLOR_GREEN = 'Good';
export const MSTEAMSV2_COLOR_GREY = 'Warning';

/** The message body upstream sends (field order and omitempty as its Go structs). */
export function adaptiveCardMessage(title: string, text: string, color: string): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.2',
          body: [
            { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true, style: 'heading', color },
            { type: 'TextBlock', text, wrap: true },
          ],
          msteams: { width: 'full' },
        },
      },
    ],
  };
}

export class MSTeamsV2Notifier implements Notifier {
  private readonly client: HTTPClient;
  private readonly retrier = new Retrier();

  constructor(
    private readonly conf: MSTeamsV2Config,
    private readonly tmpl: AlertmanagerTemplate,
    private readonly logger: StructuredLogger,
  ) {
    this.client = new HTTPClient((conf.http_config ?? {}) as HTTPClientConfigLike);
  }

  async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    this.logger.debug?.('extracted group key', { group_key: ctx.groupKey });
    const data = getTemplateData(ctx, this.tmpl, alerts);
    const t = new TemplateExpander(this.tmpl, data);
    const title = await t.text(this.conf.title);
    const text = await t.text(this.conf.text);
    t.check();
    const color = data.Status === 'firing' ? MSTEAMSV2_COLOR_RED : data.Status === 'resolved' ? MSTEAMSV2_COLOR_GREEN : MSTEAMSV2_COLOR_GREY;
    const url = this.conf.webhook_url ?? (await readConfigFile(this.conf.webhook_url_file, 'read webhook_url_file')).trim();
    const res = await postJSON(this.client, url, goJSONEncode(adaptiveCardMessage(title, text, color)), ctx.signal);
    this.retrier.check(res.status, res.body);
  }
}
