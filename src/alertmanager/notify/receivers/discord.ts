/**
 * The Discord integration (notify/discord of Alertmanager; the payload of 0.25 with the newer
 * content, username and avatar_url fields and embed limits): one embed whose title and
 * description are the templated config texts, coloured by the group's status, POSTed to the
 * webhook URL (webhook_url or the trimmed content of webhook_url_file).
 */
import { HTTPClient, type HTTPClientConfigLike } from '../../../httpclient/index.js';
import type { StructuredLogger } from '../../../log/index.js';
import type { DiscordConfig } from '../../config/index.js';
import type { AlertmanagerTemplate } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, omitEmpty, readConfigFile } from '../index.js';
import { Retrier, postJSON } from '../index.js';
import { truncateInRunes } from '../index.js';
import type { Notifier, NotifyContext } from '../index.js';

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

export class DiscordNotifier implements Notifier {
  private readonly client: HTTPClient;
  private readonly retrier = new Retrier();

  constructor(
    private readonly conf: DiscordConfig,
    private readonly tmpl: AlertmanagerTemplate,
    private readonly logger: StructuredLogger,
  ) {
    this.client = new HTTPClient((conf.http_config ?? {}) as HTTPClientConfigLike);
  }

  async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const key = ctx.groupKey;
    this.logger.debug?.('extracted group key', { key });
    const data = getTemplateData(ctx, this.tmpl, alerts);
    const t = new TemplateExpander(this.tmpl, data);
    const [title, titleCut] = truncateInRunes(await t.text(this.conf.title), DISCORD_MAX_TITLE_RUNES);
    t.check();
    if (titleCut) this.logger.warn('Truncated title', { key, max_runes: DISCORD_MAX_TITLE_RUNES });
    const [description, descCut] = truncateInRunes(await t.text(this.conf.message), DISCORD_MAX_DESCRIPTION_RUNES);
    t.check();
    if (descCut) this.logger.warn('Truncated message', { key, max_runes: DISCORD_MAX_DESCRIPTION_RUNES });
    const [content, contentCut] = truncateInRunes(await t.text(this.conf.content), DISCORD_MAX_CONTENT_RUNES);
    t.check();
    if (contentCut) this.logger.warn('Truncated message', { key, max_runes: DISCORD_MAX_CONTENT_RUNES });

    const color = data.Status === 'firing' ? DISCORD_COLOR_RED : data.Status === 'resolved' ? DISCORD_COLOR_GREEN : DISCORD_COLOR_GREY;
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
    const res = await postJSON(this.client, await this.url(), body, ctx.signal);
    this.retrier.check(res.status, res.body);
  }

  private async url(): Promise<string> {
    if (this.conf.webhook_url !== undefined) return this.conf.webhook_url;
    return (await readConfigFile(this.conf.webhook_url_file, 'read webhook_url_file')).trim();
  }
}
