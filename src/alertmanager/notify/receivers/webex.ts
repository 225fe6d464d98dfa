/**
 * The Webex integration (notify/webex of Alertmanager 0.25): the templated message as
 * markdown, cut to Webex's byte limit, POSTed with the room ID to api_url; the bearer token
 * comes from http_config.authorization.
 */
import type { WebexConfig } from '../../config/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, omitEmpty } from '../index.js';
import { truncateInBytes } from '../index.js';
import { type NotifyContext, NotifyError } from '../index.js';
import { HTTPNotifier } from './http-notifier.js';

/** The longest message Webex takes (bytes). */
export const WEBEX_MAX_MESSAGE_BYTES = 7439;

export class WebexNotifier extends HTTPNotifier<WebexConfig> {
  override async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    this.logger.debug?.('extracted group key', { incident: ctx.groupKey });
    const t = new TemplateExpander(this.tmpl, getTemplateData(ctx, this.tmpl, alerts));
    const rendered = await t.text(this.conf.message);
    t.check();
    const [markdown, truncated] = truncateInBytes(rendered, WEBEX_MAX_MESSAGE_BYTES);
    if (truncated) {
      this.logger.debug?.('message truncated due to exceeding maximum allowed length by webex', { truncated_message: markdown });
    }
    const url = this.conf.api_url;
    if (url === undefined) throw new NotifyError('no global Webex URL set', false);
    await this.postJSON(url, goJSONEncode({ markdown, roomId: omitEmpty(this.conf.room_id) }), ctx.signal);
  }
}
