/**
 * The Microsoft Teams integration (notify/msteams of newer Alertmanager; 0.25 has none): a
 * legacy Office 365 connector MessageCard with the templated title, summary and text and a
 * theme colour by the group's status, POSTed to the webhook URL (webhook_url or the trimmed
 * content of webhook_url_file).
 */
import { HTTPClient, type HTTPClientConfigLike } from '../../../httpclient/index.js';
import type { StructuredLogger } from '../../../log/index.js';
import type { MSTeamsConfig } from '../../config/index.js';
import type { AlertmanagerTemplate } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, readConfigFile } from '../index.js';
import { Retrier, postJSON } from '../index.js';
import type { Notifier, NotifyContext } from '../index.js';

export const MSTEAMS_COLOR_RED = '8C1A1A';
export const MSTEAMS_COLOR_GREEN = '2DC72D';
export const MSTEAMS_COLOR_GREY = '808080';

export class MSTeamsNotifier implements Notifier {
  private readonly client: HTTPClient;
  private readonly retrier = new Retrier();

  constructor(
    private readonly conf: MSTeamsConfig,
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
    const summary = await t.text(this.conf.summary);
    t.check();
    const themeColor = data.Status === 'firing' ? MSTEAMS_COLOR_RED : data.Status === 'resolved' ? MSTEAMS_COLOR_GREEN : MSTEAMS_COLOR_GREY;
    const url = this.conf.webhook_url ?? (await readConfigFile(this.conf.webhook_url_file, 'read webhook_url_file')).trim();
    const body = goJSONEncode({
      '@context': 'http://schema.org/extensions',
      type: 'MessageCard',
      title,
      summary,
      text,
      themeColor,
    });
    const res = await postJSON(this.client, url, body, ctx.signal);
    this.retrier.check(res.status, res.body);
  }
}
