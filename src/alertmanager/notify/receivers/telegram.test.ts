/**
 * Telegram against a real HTTP server standing in for the Bot API (api_url points at it). The
 * requests were recorded from Alertmanager 0.25 (Debian's binary, telebot v3) notifying the
 * same two alerts with the default template, with parse_mode HTML (the default) and none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TelegramConfig } from '../../config/index.js';
import type { NotifyError } from '../index.js';
import { writeTempFile } from '../../../../test/alerting/smtp-server.js';
import { MemoryLogger, closedPort, notifyError, notifyRecorded, receiverConfig, useCaptureServer } from './capture-server.js';
import { TelegramNotifier, telegramAnswerError } from './telegram.js';

const TELEGRAM_HTML_FIRING =
  "{\"chat_id\":\"-100123\",\"disable_web_page_preview\":\"true\",\"parse_mode\":\"HTML\",\"text\":\"\\n\\nAlerts Firing:\\nLabels:" +
  "\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u0026" +
  "gt; 1s\\n - summary = Latency \\u0026lt;high\\u0026gt; \\u0026amp; rising\\nSource: http://prom/graph?g0.expr=up\\u0" +
  "026amp;x=\\u0026lt;1\\u0026gt;\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnno" +
  "tations:\\n - summary = Latency \\u0026lt;high\\u0026gt; \\u0026amp; rising\\nSource: http://prom/graph\\n\\n\\n\\n\"}\n";
const TELEGRAM_HTML_RESOLVED =
  "{\"chat_id\":\"-100123\",\"disable_web_page_preview\":\"true\",\"parse_mode\":\"HTML\",\"text\":\"\\n\\n\\nAlerts Resolved:\\nLab" +
  "els:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u" +
  "0026gt; 1s\\n - summary = Latency \\u0026lt;high\\u0026gt; \\u0026amp; rising\\nSource: http://prom/graph?g0.expr=u" +
  "p\\u0026amp;x=\\u0026lt;1\\u0026gt;\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\n" +
  "Annotations:\\n - summary = Latency \\u0026lt;high\\u0026gt; \\u0026amp; rising\\nSource: http://prom/graph\\n\\n\\n\"}" +
  "\n";
const TELEGRAM_PLAIN_FIRING =
  "{\"chat_id\":\"42\",\"disable_notification\":\"true\",\"disable_web_page_preview\":\"true\",\"text\":\"\\n\\nAlerts Firing:\\nLa" +
  "bels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\" +
  "u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u0" +
  "03c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summa" +
  "ry = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\\n\\n\\n\"}\n";
const TELEGRAM_PLAIN_RESOLVED =
  "{\"chat_id\":\"42\",\"disable_notification\":\"true\",\"disable_web_page_preview\":\"true\",\"text\":\"\\n\\n\\nAlerts Resolved:" +
  "\\nLabels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p" +
  "99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x" +
  "=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - s" +
  "ummary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\\n\\n\"}\n";

const OK = '{"ok":true,"result":{"message_id":7,"chat":{"id":-100123}}}';

const fx = useCaptureServer(() => ({ status: 200, body: OK }));
const { server } = fx;

function conf(fields: Record<string, unknown> = {}): TelegramConfig {
  return receiverConfig<TelegramConfig>('telegram_configs', { api_url: `${server.url}/tg`, bot_token: 'TOKEN', chat_id: -100123, ...fields });
}

function notify(c: TelegramConfig, resolved = false, logger = new MemoryLogger()): Promise<NotifyError | null> {
  return notifyError(notifyRecorded(new TelegramNotifier(c, fx.tmpl, logger), 'r', resolved));
}

test('sendMessage requests as Alertmanager 0.25 sends them (HTML and plain)', async () => {
  const logger = new MemoryLogger();
  assert.equal(await notify(conf(), false, logger), null);
  assert.equal(await notify(conf(), true), null);
  const plain = conf({ api_url: `${server.url}/tg2`, bot_token: 'TOKEN2', chat_id: 42, parse_mode: '', disable_notifications: true });
  assert.equal(await notify(plain), null);
  assert.equal(await notify(plain, true), null);
  assert.deepEqual(server.requests.map((r) => [r.method, r.url, r.headers['content-type'], r.body]), [
    ['POST', '/tg/botTOKEN/sendMessage', 'application/json', TELEGRAM_HTML_FIRING],
    ['POST', '/tg/botTOKEN/sendMessage', 'application/json', TELEGRAM_HTML_RESOLVED],
    ['POST', '/tg2/botTOKEN2/sendMessage', 'application/json', TELEGRAM_PLAIN_FIRING],
    ['POST', '/tg2/botTOKEN2/sendMessage', 'application/json', TELEGRAM_PLAIN_RESOLVED],
  ]);
  assert.deepEqual(logger.records.find((r) => r.msg === 'Telegram message successfully published')?.fields, { message_id: 7, chat_id: -100123 });
});

test('message cut to 4096 runes; token and chat ID from files; message_thread_id', async () => {
  const logger = new MemoryLogger();
  const token = writeTempFile('token', 'FILETOKEN\n');
  const chat = writeTempFile('chat', ' -1009876543210 \n');
  assert.equal(await notify(conf({ message: '✓'.repeat(5000), parse_mode: '', bot_token: '', bot_token_file: token, chat_id: 0, chat_id_file: chat, message_thread_id: 12 }), false, logger), null);
  const r = server.requests[0];
  assert.equal(r?.url, '/tg/botFILETOKEN/sendMessage');
  const body = JSON.parse(r?.body ?? '{}') as Record<string, string>;
  assert.equal(body['chat_id'], '-1009876543210');
  assert.equal(body['message_thread_id'], '12');
  assert.equal(body['text'], `${'✓'.repeat(4095)}…`);
  assert.deepEqual(logger.records.find((x) => x.level === 'warn')?.fields, { alert: '{}/{}:{alertname="HighLatency"}', max_runes: 4096 });

  const badChat = writeTempFile('chat', 'abc');
  const e = await notify(conf({ chat_id: 0, chat_id_file: badChat }));
  assert.equal(e?.message, `could not parse chat_id from ${badChat}: strconv.ParseInt: parsing "abc": invalid syntax`);
});

test('Bot API errors (telebot texts), all retried; the token never shows', async () => {
  const cases: Array<[string, string | null]> = [
    ['{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}', 'telegram: Bad Request: chat not found (400)'],
    ['{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}', 'telegram: retry after 5 (429)'],
    ['not json', null],
    [OK, null],
  ];
  for (const [body, want] of cases) assert.equal(telegramAnswerError(body), want, body);

  server.reply = () => ({ status: 400, body: '{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}' });
  const e = await notify(conf());
  assert.equal(e?.message, 'telegram: Bad Request: chat not found (400)');
  assert.equal(e?.retry, true);
  server.reply = () => ({ status: 200, body: OK });

  const port = await closedPort();
  const down = await notify(conf({ api_url: `http://127.0.0.1:${port}` }));
  assert.equal(down?.message, `telebot: Post "<redacted>": dial tcp 127.0.0.1:${port}: connect: connection refused`);
  assert.equal(down?.retry, true);
});
