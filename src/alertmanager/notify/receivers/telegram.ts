/**
 * The Telegram integration (notify/telegram of Alertmanager 0.25, which sends through telebot
 * v3): the templated message (HTML-escaped values when parse_mode is HTML), cut to 4096 runes,
 * sent with the Bot API's sendMessage to `<api_url>/bot<token>/sendMessage`. As telebot, the
 * answer's JSON decides: `"ok": false` is an error "telegram: <description> (<code>)"; every
 * failure is retried. The token and chat ID may come from files (newer upstream).
 */
import type { TelegramConfig } from '../../config/index.js';
import type { Alert } from '../../types/index.js';
import { TemplateExpander, getTemplateData, goJSONEncode, readConfigFile } from '../index.js';
import { sendRequest } from '../index.js';
import { type NotifyContext, NotifyError } from '../index.js';
import { HTTPNotifier } from './http-notifier.js';

/** Telegram's limit on a message (runes). */
export const TELEGRAM_MAX_MESSAGE_RUNES = 4096;

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * The error telebot makes of a Bot API answer, or null when it counts as sent (telebot takes
 * an answer that is not JSON as success too).
 */
export function telegramAnswerError(body: string): string | null {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isRecord(v) || v['ok'] === true) return null;
  const code = typeof v['error_code'] === 'number' ? v['error_code'] : 0;
  const description = typeof v['description'] === 'string' ? v['description'] : '';
  const params = isRecord(v['parameters']) ? v['parameters'] : {};
  let msg = description;
  if (code === 429 && 'retry_after' in params) {
    // A FloodError: telebot's Error prints the part after "Too Many Requests: ".
    const parts = description.split(': ');
    if (parts.length === 2) msg = parts[1] ?? description;
  }
  return `telegram: ${msg} (${code})`;
}

/** Telegram (the Bot API's answer, not the retrier, decides; see telegramAnswerError). */
export class TelegramNotifier extends HTTPNotifier<TelegramConfig> {
  override async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const t = new TemplateExpander(this.tmpl, getTemplateData(ctx, this.tmpl, alerts));
    const rendered = this.conf.parse_mode === 'HTML' ? await t.html(this.conf.message) : await t.text(this.conf.message);
    t.check();
    const text = this.truncate(rendered, TELEGRAM_MAX_MESSAGE_RUNES, 'Truncated message', { alert: ctx.groupKey });
    const token = await this.botToken();
    const chatID = await this.chatID();
    // telebot sends a map[string]string: keys sorted, every value a string.
    const params = new Map<string, string>([
      ['chat_id', String(chatID)],
      ['text', text],
      ['disable_web_page_preview', 'true'],
    ]);
    if (this.conf.parse_mode !== '') params.set('parse_mode', this.conf.parse_mode);
    if (this.conf.disable_notifications) params.set('disable_notification', 'true');
    if (this.conf.message_thread_id !== 0) params.set('message_thread_id', String(this.conf.message_thread_id));
    const url = `${this.conf.api_url ?? ''}/bot${token}/sendMessage`;
    let res;
    try {
      res = await sendRequest(this.client, 'POST', url, { contentType: 'application/json', body: goJSONEncode(params) }, ctx.signal);
    } catch (e) {
      throw new NotifyError(`telebot: ${e instanceof Error ? e.message : String(e)}`, true);
    }
    const err = telegramAnswerError(res.body);
    if (err !== null) throw new NotifyError(err, true);
    const result = (() => {
      try {
        const v: unknown = JSON.parse(res.body);
        return isRecord(v) && isRecord(v['result']) ? v['result'] : {};
      } catch {
        return {};
      }
    })();
    const chat = isRecord(result['chat']) ? result['chat'] : {};
    this.logger.debug?.('Telegram message successfully published', { message_id: result['message_id'], chat_id: chat['id'] });
  }

  private async botToken(): Promise<string> {
    if (this.conf.bot_token_file === '') return this.conf.bot_token;
    return this.readSettingFile(this.conf.bot_token_file);
  }

  private async chatID(): Promise<number | string> {
    if (this.conf.chat_id_file === '') return this.conf.chat_id;
    const text = await this.readSettingFile(this.conf.chat_id_file);
    if (!/^[+-]?[0-9]+$/.test(text)) {
      throw new NotifyError(`could not parse chat_id from ${this.conf.chat_id_file}: strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`, true);
    }
    return BigInt(text).toString();
  }

  /** The trimmed content of a *_file setting; a read failure is retried. */
  private async readSettingFile(file: string): Promise<string> {
    try {
      return (await readConfigFile(file)).trim();
    } catch (e) {
      throw new NotifyError(`could not read ${file}: ${e instanceof Error ? e.message : String(e)}`, true);
    }
  }
}
