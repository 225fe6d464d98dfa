/**
 * The Discord integration (notify/discord of Alertmanager; the payload of 0.25 with the newer
 * content, username and avatar_url fields and embed limits): one embed whose title and
 * description are the templated config texts, coloured by the group's status, POSTed to the
 * webhook URL (webhook_url or the trimmed content of webhook_url_file).
 */
import type { DiscordConfig } from '../../config/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, omitEmpty } from '../index.js';
import type { NotifyContext } from '../index.js';
import { HTTPNotifier, statusColor, webhookURL } from './http-notifier.js';

/** Discord's embed limits (runes). */
export const DISCORD_MAX_TITLE_RUNES = 256;
export const DISCORD_MAX_DESCRIPTION_RUNES = 4096;
export const DISCORD_MAX_CONTENT_RUNES = 2000;

export const DISCORD_COLOR_RED = 0x992d22;
export const DISCORD_COLOR_GREEN = 0x2ecc71;
export const DISCORD_COLOR_GREY = 0x95a5a6;

/** Whether Go's url.Parse accepts the text (it refuses control characters, bad escapes, a leading ":"). */
export function goURLParses(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(s) || /%(?![0-9a-fA-F]{2})/.test(s)) return false;
  return !s.startsWith(':');
}

export class DiscordNotifier extends HTTPNotifier<DiscordConfig> {
  override async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const key = ctx.groupKey;
    this.logger.debug?.('extracted group key', { key });
    const data = getTemplateData(ctx, this.tmpl, alerts);
    const t = new TemplateExpander(this.tmpl, data);
    const title = await this.cut(t, this.conf.title, DISCORD_MAX_TITLE_RUNES, 'Truncated title', key);
    const description = await this.cut(t, this.conf.message, DISCORD_MAX_DESCRIPTION_RUNES, 'Truncated message', key);
    const content = await this.cut(t, this.conf.content, DISCORD_MAX_CONTENT_RUNES, 'Truncated message', key);
    const color = statusColor(data.Status, { firing: DISCORD_COLOR_RED, resolved: DISCORD_COLOR_GREEN, other: DISCORD_COLOR_GREY });
    let avatarURL: string | undefined;
    if (this.conf.avatar_url !== '') {
      if (goURLParses(this.conf.avatar_url)) avatarURL = this.conf.avatar_url;
      else this.logger.warn('Bad avatar url', { key });
    }
    const body = goJSONEncode({
      content,
      embeds: [{ title, description, color }],
      username: omitEmpty(this.conf.username),
      avatar_url: avatarURL,
    });
    await this.postJSON(await webhookURL(this.conf), body, ctx.signal);
  }

  /** The expanded text cut to Discord's limit; a template failure stops the notification. */
  private async cut(t: TemplateExpander, text: string, maxRunes: number, msg: string, key: string): Promise<string> {
    const expanded = await t.text(text);
    t.check();
    return this.truncate(expanded, maxRunes, msg, { key });
  }
}
