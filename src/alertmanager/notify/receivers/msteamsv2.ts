/**
 * The Microsoft Teams v2 integration (notify/msteamsv2 of newer Alertmanager, for Teams
 * workflows / Power Automate webhooks): a message with one Adaptive Card attachment holding a
 * heading (the templated title, coloured by the group's status) and the templated text.
 */
import type { MSTeamsV2Config } from '../../config/index.js';
import type { TemplateExpander } from '../index.js';
import { statusColor } from './http-notifier.js';
import { TeamsNotifier } from './msteams.js';

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

export class MSTeamsV2Notifier extends TeamsNotifier<MSTeamsV2Config> {
  protected override async message(t: TemplateExpander, status: string): Promise<object> {
    const title = await t.text(this.conf.title);
    const text = await t.text(this.conf.text);
    const color = statusColor(status, { firing: MSTEAMSV2_COLOR_RED, resolved: MSTEAMSV2_COLOR_GREEN, other: MSTEAMSV2_COLOR_GREY });
    return adaptiveCardMessage(title, text, color);
  }
}
