/**
 * Discord against a real HTTP server on loopback. The payloads were recorded from Alertmanager
 * 0.25 (Debian's binary) notifying the same two alerts with the default templates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DiscordConfig } from '../../config/index.js';
import type { NotifyError } from '../index.js';
import { writeTempFile } from '../../../../test/alerting/smtp-server.js';
import { MemoryLogger, REPLY_OK, closedPort, notifyError, notifyRecorded, receiverConfig, useCaptureServer } from './capture-server.js';
import { DISCORD_COLOR_GREEN, DISCORD_COLOR_RED, DiscordNotifier, goURLParses } from './discord.js';

const DISCORD_FIRING =
  "{\"content\":\"\",\"embeds\":[{\"title\":\"[FIRING:2] HighLatency (page)\",\"description\":\"\\n\\nAlerts Firing:\\nLabels:\\n " +
  "- alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s" +
  "\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u00" +
  "3e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Lat" +
  "ency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\\n\\n\\n\",\"color\":10038562}]}\n";
const DISCORD_RESOLVED =
  "{\"content\":\"\",\"embeds\":[{\"title\":\"[RESOLVED] HighLatency (page)\",\"description\":\"\\n\\n\\nAlerts Resolved:\\nLabels" +
  ":\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003" +
  "e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1" +
  "\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary =" +
  " Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\\n\\n\",\"color\":3066993}]}\n";

const fx = useCaptureServer();
const { server } = fx;

function conf(fields: Record<string, unknown> = {}): DiscordConfig {
  return receiverConfig<DiscordConfig>('discord_configs', { webhook_url: `${server.url}/discord`, ...fields });
}

function notify(c: DiscordConfig, resolved = false, logger = new MemoryLogger()): Promise<NotifyError | null> {
  return notifyError(notifyRecorded(new DiscordNotifier(c, fx.tmpl, logger), 'r', resolved));
}

test('firing and resolved payloads as Alertmanager 0.25 sends them', async () => {
  assert.equal(await notify(conf()), null);
  assert.equal(await notify(conf(), true), null);
  assert.deepEqual(server.requests.map((r) => [r.method, r.url, r.headers['content-type'], r.headers['user-agent'], r.body]), [
    ['POST', '/discord', 'application/json', 'Alertmanager/0.25.0', DISCORD_FIRING],
    ['POST', '/discord', 'application/json', 'Alertmanager/0.25.0', DISCORD_RESOLVED],
  ]);
  assert.equal(DISCORD_COLOR_RED, 10038562);
  assert.equal(DISCORD_COLOR_GREEN, 3066993);
});

test('title, description and content are cut to Discord limits; username and avatar_url', async () => {
  const logger = new MemoryLogger();
  const c = conf({
    title: 't'.repeat(300),
    message: 'd'.repeat(5000),
    content: 'c'.repeat(2500),
    username: 'vigil',
    avatar_url: 'https://example.org/a.png',
  });
  assert.equal(await notify(c, false, logger), null);
  const body = JSON.parse(server.requests[0]?.body ?? '{}') as { content: string; embeds: Array<{ title: string; description: string }>; username: string; avatar_url: string };
  assert.equal(body.embeds[0]?.title, `${'t'.repeat(255)}…`);
  assert.equal(body.embeds[0]?.description, `${'d'.repeat(4095)}…`);
  assert.equal(body.content, `${'c'.repeat(1999)}…`);
  assert.equal(body.username, 'vigil');
  assert.equal(body.avatar_url, 'https://example.org/a.png');
  assert.deepEqual(logger.records.filter((r) => r.level === 'warn').map((r) => [r.msg, r.fields['max_runes']]), [
    ['Truncated title', 256],
    ['Truncated message', 4096],
    ['Truncated message', 2000],
  ]);
  assert.equal(goURLParses('http://x/%zz'), false);
});

test('webhook_url_file, template errors, HTTP failures', async () => {
  const file = writeTempFile('discord-url', `${server.url}/from-file\n`);
  assert.equal(await notify(conf({ webhook_url: undefined, webhook_url_file: file })), null);
  assert.equal(server.requests[0]?.url, '/from-file');

  const missing = await notify(conf({ webhook_url: undefined, webhook_url_file: '/does/not/exist' }));
  assert.equal(missing?.message, 'read webhook_url_file: open /does/not/exist: no such file or directory');
  assert.equal(missing?.retry, false);

  const bad = await notify(conf({ title: '{{ template "nope" . }}' }));
  assert.equal(bad?.retry, false);
  assert.match(bad?.message ?? '', /nope/);

  server.reply = () => ({ status: 500, body: 'boom' });
  const e500 = await notify(conf());
  assert.equal(e500?.message, 'unexpected status code 500: boom');
  assert.equal(e500?.retry, true);
  server.reply = () => ({ status: 400, body: 'bad embed' });
  const e400 = await notify(conf());
  assert.equal(e400?.message, 'unexpected status code 400: bad embed');
  assert.equal(e400?.retry, false);
  server.reply = REPLY_OK;

  const port = await closedPort();
  const down = await notify(conf({ webhook_url: `http://127.0.0.1:${port}/secret-token` }));
  assert.equal(down?.message, `Post "<redacted>": dial tcp 127.0.0.1:${port}: connect: connection refused`);
  assert.equal(down?.retry, true);
});
