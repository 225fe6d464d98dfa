/**
 * The VictorOps (Splunk On-Call) integration (notify/victorops of Alertmanager 0.25): POSTs a
 * flat JSON object (message_type, entity_id = sha256 of the group key, state_message, ...,
 * custom fields) to `<api_url><api_key>/<routing_key>`.
 */
import type { VictorOpsConfig } from '../../config/index.js';
import type { TemplateData } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, hashGroupKey } from '../index.js';
import { parseTargetURL } from '../index.js';
import type { NotifyContext } from '../index.js';
import { HTTPNotifier, settingOrFile, throwTemplateError } from './http-notifier.js';

/** VictorOps' limit on state_message (runes). */
export const VICTOROPS_MAX_MESSAGE_RUNES = 20480;

const ALLOWED_FIRING_TYPES = new Set(['INFO', 'WARNING', 'CRITICAL']);

export class VictorOpsNotifier extends HTTPNotifier<VictorOpsConfig> {
  override async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const data = getTemplateData(ctx, this.tmpl, alerts);
    const t = new TemplateExpander(this.tmpl, data);
    const apiKey = await settingOrFile(this.conf.api_key, this.conf.api_key_file, 'failed to read API key from file');
    const u = parseTargetURL(this.conf.api_url ?? '', false);
    u.pathname += `${apiKey}/${await t.text(this.conf.routing_key)}`;
    throwTemplateError(t, 'templating error', false);
    await this.postJSON(u.href, await this.payload(ctx, data), ctx.signal);
  }

  /** The JSON body; as 0.25, a templating failure here is reported as retryable. */
  private async payload(ctx: NotifyContext, data: TemplateData): Promise<string> {
    const status = data.Status;
    const t = new TemplateExpander(this.tmpl, data);
    let messageType = await t.text(this.conf.message_type);
    if (status === 'firing' && !ALLOWED_FIRING_TYPES.has(messageType)) messageType = 'CRITICAL';
    if (status === 'resolved') messageType = 'RECOVERY';
    const stateText = await t.text(this.conf.state_message);
    const stateMessage = this.truncate(stateText, VICTOROPS_MAX_MESSAGE_RUNES, 'Truncated state_message', { incident: ctx.groupKey });
    const msg = new Map<string, string>([
      ['message_type', messageType],
      ['entity_id', hashGroupKey(ctx.groupKey)],
      ['entity_display_name', await t.text(this.conf.entity_display_name)],
      ['state_message', stateMessage],
      ['monitoring_tool', await t.text(this.conf.monitoring_tool)],
    ]);
    throwTemplateError(t, 'templating error', true);
    for (const [k, v] of Object.entries(this.conf.custom_fields)) {
      msg.set(k, await t.text(v));
      throwTemplateError(t, 'templating error', true);
    }
    return goJSONEncode(msg);
  }
}
