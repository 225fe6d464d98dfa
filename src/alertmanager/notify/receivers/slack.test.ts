import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SlackConfig } from '../../config/index.js';
import {
  MemoryLogger, assertPost, closedPort, notifyRecorded, receiverConfig, recordedTemplate, vigilTemplate,
  withCaptureServer,
} from './capture-server.js';
import { SlackNotifier } from './slack.js';

// Bodies recorded from Alertmanager 0.25 (Debian's /usr/bin/prometheus-alertmanager, its default
// templates) posting the alerts of recordedAlerts() to a loopback server.
const DEFAULTS = "{\"channel\":\"#alerts\",\"username\":\"Alertmanager\",\"attachments\":[{\"title\":\"[FIRING:2] HighLatency (page)\",\"title_link\":\"http://am.example:9093/am/#/alerts?receiver=defaults\",\"text\":\"\",\"fallback\":\"[FIRING:2] HighLatency (page) | http://am.example:9093/am/#/alerts?receiver=defaults\",\"callback_id\":\"\",\"footer\":\"\",\"color\":\"danger\",\"mrkdwn_in\":[\"fallback\",\"pretext\",\"text\"]}]}\n";
const CUSTOM = "{\"channel\":\"#c\",\"username\":\"bot \\u003cx\\u003e\",\"icon_url\":\"http://icon/x.png\",\"link_names\":true,\"attachments\":[{\"title\":\"HighLatency \\u0026 more\",\"title_link\":\"http://am.example:9093/am/#/alerts?receiver=custom\",\"text\":\"\",\"fallback\":\"[FIRING:2] HighLatency (page) | http://am.example:9093/am/#/alerts?receiver=custom\",\"callback_id\":\"\",\"fields\":[{\"title\":\"sev\",\"value\":\"page\",\"short\":true},{\"title\":\"long\",\"value\":\"v\",\"short\":false}],\"actions\":[{\"type\":\"button\",\"text\":\"Runbook\",\"url\":\"http://runbook/HighLatency\",\"style\":\"primary\"},{\"type\":\"button\",\"text\":\"Ack\",\"name\":\"ack\",\"value\":\"yes\",\"confirm\":{\"text\":\"Sure?\",\"title\":\"T\",\"ok_text\":\"Y\",\"dismiss_text\":\"N\"}}],\"image_url\":\"http://img\",\"thumb_url\":\"http://thumb\",\"footer\":\"\",\"color\":\"danger\",\"mrkdwn_in\":[\"text\"]}]}\n";

const CUSTOM_CONF = {
  channel: '#c',
  username: 'bot <x>',
  icon_url: 'http://icon/x.png',
  link_names: true,
  short_fields: true,
  image_url: 'http://img',
  thumb_url: 'http://thumb',
  mrkdwn_in: ['text'],
  title: '{{ .CommonLabels.alertname }} & more',
  fields: [{ title: 'sev', value: '{{ .CommonLabels.severity }}' }, { title: 'long', value: 'v', short: false }],
  actions: [
    { type: 'button', text: 'Runbook', url: 'http://runbook/{{ .CommonLabels.alertname }}', style: 'primary' },
    { type: 'button', text: 'Ack', name: 'ack', value: 'yes', confirm: { text: 'Sure?', title: 'T', ok_text: 'Y', dismiss_text: 'N' } },
  ],
};


test('slack posts the default attachment as Alertmanager 0.25', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<SlackConfig>('slack_configs', { api_url: `${srv.url}/slack`, channel: '#alerts' });
    await notifyRecorded(new SlackNotifier(conf, await recordedTemplate(), new MemoryLogger()), 'defaults');
    assertPost(srv.requests[0], 'application/json', '/slack', DEFAULTS, { authorization: undefined });
  });
});

test('slack fields, actions, short_fields, mrkdwn_in and icons as Alertmanager 0.25', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<SlackConfig>('slack_configs', { api_url: `${srv.url}/slack2`, ...CUSTOM_CONF });
    await notifyRecorded(new SlackNotifier(conf, await recordedTemplate(), new MemoryLogger()), 'custom');
    assert.equal(srv.requests[0]?.body, CUSTOM);
  });
});

test('slack truncates a long title to 1024 runes and warns', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<SlackConfig>('slack_configs', { api_url: `${srv.url}/s`, title: 'é'.repeat(1100) });
    const logger = new MemoryLogger();
    await notifyRecorded(new SlackNotifier(conf, await recordedTemplate(), logger));
    const body = JSON.parse(srv.requests[0]?.body ?? '') as { attachments: Array<{ title: string }> };
    assert.equal(body.attachments[0]?.title, 'é'.repeat(1023) + '…');
    assert.deepEqual(logger.records.filter((l) => l.level === 'warn'), [
      { level: 'warn', msg: 'Truncated title', fields: { key: '{}/{}:{alertname="HighLatency"}', max_runes: 1024 } },
    ]);
  });
});

test('slack api_url_file and app_token', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-slack-'));
  try {
    await withCaptureServer(async (srv) => {
      writeFileSync(join(dir, 'url'), ` ${srv.url}/file \n`);
      const conf = receiverConfig<SlackConfig>('slack_configs', { api_url_file: join(dir, 'url'), channel: '#alerts' });
      await notifyRecorded(new SlackNotifier(conf, await recordedTemplate(), new MemoryLogger()), 'defaults');
      assert.equal(srv.requests[0]?.url, '/file');
      assert.equal(srv.requests[0]?.body, DEFAULTS);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('slack failures name the channel; 5xx and refused connections retry, 4xx not', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<SlackConfig>('slack_configs', { api_url: `${srv.url}/s`, channel: '#ops' });
    const n = new SlackNotifier(conf, await recordedTemplate(), new MemoryLogger());
    srv.reply = () => ({ status: 503, body: 'unavailable' });
    await assert.rejects(notifyRecorded(n), {
      message: 'channel "#ops": unexpected status code 503: unavailable',
      retry: true,
    });
    srv.reply = () => ({ status: 404, body: 'channel_not_found' });
    await assert.rejects(notifyRecorded(n), {
      message: 'channel "#ops": unexpected status code 404: channel_not_found',
      retry: false,
    });
  });
  const port = await closedPort();
  const conf = receiverConfig<SlackConfig>('slack_configs', { api_url: `http://127.0.0.1:${port}/hooks/T000/B000/XXXX` });
  await assert.rejects(notifyRecorded(new SlackNotifier(conf, await recordedTemplate(), new MemoryLogger())), {
    message: `Post "<redacted>": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    retry: true,
  });
});

test('a template error is not retried', async () => {
  const conf = receiverConfig<SlackConfig>('slack_configs', { api_url: 'http://127.0.0.1:1/s', text: '{{ template "missing" . }}' });
  await assert.rejects(notifyRecorded(new SlackNotifier(conf, await recordedTemplate(), new MemoryLogger())), {
    retry: false,
  });
});

test("with Vigil's own default templates slack sends the same", async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<SlackConfig>('slack_configs', { api_url: `${srv.url}/slack`, channel: '#alerts' });
    await notifyRecorded(new SlackNotifier(conf, await vigilTemplate(), new MemoryLogger()), 'defaults');
    assert.equal(srv.requests[0]?.body, DEFAULTS);
  });
});
