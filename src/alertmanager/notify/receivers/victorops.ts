/**
 * The VictorOps (Splunk On-Call) integration (notify/victorops of Alertmanager 0.25): POSTs a
 * flat JSON object (message_type, entity_id = sha256 of the group key, state_message, ...,
 * custom fields) to `<api_url><api_key>/<routing_key>`.
 */
import { HTTPClient, type HTTPClientConfigLike } from '../../../httpclient/index.js';
import type { StructuredLogger } from '../../../log/index.js';
import type { VictorOpsConfig } from '../../config/index.js';
import type { AlertmanagerTemplate, TemplateData } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, hashGroupKey, readConfigFile } from '../index.js';
import { Retrier, parseTargetURL, postJSON } from '../index.js';
import { truncateInRunes } from '../index.js';
import { type Notifier, type NotifyContext, NotifyError } from '../index.js';

/** VictorOps' limit on state_message (runes). */
export const VICTOROPS_MAX_MESSAGE_RUNES = 20480;

const ALLOWED_FIRING_TYPES = new Set(['INFO', 'WARNING', 'CRITICAL']);

function templatingError(t: TemplateExpander, retry: boolean): void {
  const err = t.error();
  if (err !== undefined) throw new NotifyError(`templating error: ${err instanceof Error ? err.message : String(err)}`, retry);
}

export class VictorOpsNotifier implements Notifier {
  private readonly client: HTTPClient;
  private readonly retrier = new Retrier();

  constructor(
    private readonly conf: VictorOpsConfig,
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
    const data = getTemplateData(ctx, this.tmpl, alerts);
    const t = new TemplateExpander(this.tmpl, data);
    let apiKey = this.conf.api_key;
    if (apiKey === '') apiKey = (await readConfigFile(this.conf.api_key_file, 'failed to read API key from file')).trim();
    const u = parseTargetURL(this.conf.api_url ?? '', false);
    u.pathname += `${apiKey}/${await t.text(this.conf.routing_key)}`;
    templatingError(t, false);
    const body = await this.payload(ctx, data);
    const res = await postJSON(this.client, u.href, body, ctx.signal);
    this.retrier.check(res.status, res.body);
  }

  /** The JSON body; as 0.25, a templating failure here is reported as retryable. */
  private async payload(ctx: NotifyContext, data: TemplateData): Promise<string> {
    const status = data.Status;
    const t = new TemplateExpander(this.tmpl, data);
    let messageType = await t.text(this.conf.message_type);
    if (status === 'firing' && !ALLOWED_FIRING_TYPES.has(messageType)) messageType = 'CRITICAL';
    if (status === 'resolved') messageType = 'RECOVERY';
    const [stateMessage, truncated] = truncateInRunes(await t.text(this.conf.state_message), VICTOROPS_MAX_MESSAGE_RUNES);
    if (truncated) this.logger.warn('Truncated state_message', { incident: ctx.groupKey, max_runes: VICTOROPS_MAX_MESSAGE_RUNES });
    const msg = new Map<string, string>([
      ['message_type', messageType],
      ['entity_id', hashGroupKey(ctx.groupKey)],
      ['entity_display_name', await t.text(this.conf.entity_display_name)],
      ['state_message', stateMessage],
      ['monitoring_tool', await t.text(this.conf.monitoring_tool)],
    ]);
    templatingError(t, true);
    for (const [k, v] of Object.entries(this.conf.custom_fields)) {
      msg.set(k, await t.text(v));
      templatingError(t, true);
    }
    return goJSONEncode(msg);
  }
}
