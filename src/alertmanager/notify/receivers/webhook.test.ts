import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebhookConfig } from '../../config/index.js';
import { templatesFromTexts } from '../../template/index.js';
import { NotifyError } from '../index.js';
import {
  MemoryLogger, RECORDED_EXTERNAL_URL, assertPost, closedPort, notifyFiringThenResolved, notifyRecorded, receiverConfig,
  withCaptureServer,
} from './capture-server.js';
import { WebhookNotifier } from './webhook.js';

// Bodies recorded from Alertmanager 0.25 (Debian's /usr/bin/prometheus-alertmanager) posting the
// alerts of recordedAlerts() to a loopback server, external URL http://am.example:9093/am.
const FIRING = "{\"receiver\":\"defaults\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"HighLatency\",\"instance\":\"a:1\",\"severity\":\"page\"},\"annotations\":{\"description\":\"p99 \\u003e 1s\",\"summary\":\"Latency \\u003chigh\\u003e \\u0026 rising\"},\"startsAt\":\"2026-01-01T00:00:00.123Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\",\"fingerprint\":\"46149817ad2b45a7\"},{\"status\":\"firing\",\"labels\":{\"alertname\":\"HighLatency\",\"instance\":\"b:2\",\"severity\":\"page\"},\"annotations\":{\"summary\":\"Latency \\u003chigh\\u003e \\u0026 rising\"},\"startsAt\":\"2026-01-01T00:00:01Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prom/graph\",\"fingerprint\":\"2a8de9dea27311bb\"}],\"groupLabels\":{\"alertname\":\"HighLatency\"},\"commonLabels\":{\"alertname\":\"HighLatency\",\"severity\":\"page\"},\"commonAnnotations\":{\"summary\":\"Latency \\u003chigh\\u003e \\u0026 rising\"},\"externalURL\":\"http://am.example:9093/am\",\"version\":\"4\",\"groupKey\":\"{}/{}:{alertname=\\\"HighLatency\\\"}\",\"truncatedAlerts\":0}\n";
const RESOLVED = "{\"receiver\":\"defaults\",\"status\":\"resolved\",\"alerts\":[{\"status\":\"resolved\",\"labels\":{\"alertname\":\"HighLatency\",\"instance\":\"a:1\",\"severity\":\"page\"},\"annotations\":{\"description\":\"p99 \\u003e 1s\",\"summary\":\"Latency \\u003chigh\\u003e \\u0026 rising\"},\"startsAt\":\"2026-01-01T00:00:00.123Z\",\"endsAt\":\"2026-11-21T19:34:05.478Z\",\"generatorURL\":\"http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\",\"fingerprint\":\"46149817ad2b45a7\"},{\"status\":\"resolved\",\"labels\":{\"alertname\":\"HighLatency\",\"instance\":\"b:2\",\"severity\":\"page\"},\"annotations\":{\"summary\":\"Latency \\u003chigh\\u003e \\u0026 rising\"},\"startsAt\":\"2026-01-01T00:00:01Z\",\"endsAt\":\"2026-11-21T19:34:05.478Z\",\"generatorURL\":\"http://prom/graph\",\"fingerprint\":\"2a8de9dea27311bb\"}],\"groupLabels\":{\"alertname\":\"HighLatency\"},\"commonLabels\":{\"alertname\":\"HighLatency\",\"severity\":\"page\"},\"commonAnnotations\":{\"summary\":\"Latency \\u003chigh\\u003e \\u0026 rising\"},\"externalURL\":\"http://am.example:9093/am\",\"version\":\"4\",\"groupKey\":\"{}/{}:{alertname=\\\"HighLatency\\\"}\",\"truncatedAlerts\":0}\n";
const MAX_ALERTS_1 = "{\"receiver\":\"custom\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"HighLatency\",\"instance\":\"a:1\",\"severity\":\"page\"},\"annotations\":{\"description\":\"p99 \\u003e 1s\",\"summary\":\"Latency \\u003chigh\\u003e \\u0026 rising\"},\"startsAt\":\"2026-01-01T00:00:00.123Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":\"http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\",\"fingerprint\":\"46149817ad2b45a7\"}],\"groupLabels\":{\"alertname\":\"HighLatency\"},\"commonLabels\":{\"alertname\":\"HighLatency\",\"instance\":\"a:1\",\"severity\":\"page\"},\"commonAnnotations\":{\"description\":\"p99 \\u003e 1s\",\"summary\":\"Latency \\u003chigh\\u003e \\u0026 rising\"},\"externalURL\":\"http://am.example:9093/am\",\"version\":\"4\",\"groupKey\":\"{}/{}:{alertname=\\\"HighLatency\\\"}\",\"truncatedAlerts\":1}\n";

function template(): ReturnType<typeof templatesFromTexts> {
  const t = templatesFromTexts([], { defaults: [] });
  t.externalURL = RECORDED_EXTERNAL_URL;
  return t;
}

test('webhook posts version 4 of the template data as Alertmanager 0.25', async () => {
  await withCaptureServer(async (srv) => {
    const n = new WebhookNotifier(receiverConfig<WebhookConfig>('webhook_configs', { url: `${srv.url}/webhook` }), template(), new MemoryLogger());
    await notifyFiringThenResolved(n, 'defaults');
    assert.equal(srv.requests.length, 2);
    const [firing, resolved] = srv.requests;
    assertPost(firing, 'application/json', '/webhook', FIRING);
    assert.equal(resolved?.body, RESOLVED);
  });
});

test('webhook max_alerts keeps the first alerts and counts the rest in truncatedAlerts', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<WebhookConfig>('webhook_configs', { url: `${srv.url}/webhook2`, max_alerts: 1 });
    await notifyRecorded(new WebhookNotifier(conf, template(), new MemoryLogger()), 'custom');
    assert.equal(srv.requests[0]?.body, MAX_ALERTS_1);
  });
});

test('webhook url_file is read and trimmed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-webhook-'));
  try {
    await withCaptureServer(async (srv) => {
      writeFileSync(join(dir, 'url'), `${srv.url}/from-file\n`);
      const conf = receiverConfig<WebhookConfig>('webhook_configs', { url_file: join(dir, 'url') });
      await notifyRecorded(new WebhookNotifier(conf, template(), new MemoryLogger()), 'defaults');
      assert.equal(srv.requests[0]?.url, '/from-file');
      assert.equal(srv.requests[0]?.body, FIRING);
    });
    const conf = receiverConfig<WebhookConfig>('webhook_configs', { url_file: join(dir, 'missing') });
    await assert.rejects(notifyRecorded(new WebhookNotifier(conf, template(), new MemoryLogger())), {
      message: `read url_file: open ${join(dir, 'missing')}: no such file or directory`,
      retry: false,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('webhook failures: 5xx and refused connections are retried, 4xx not; the URL never shows', async () => {
  await withCaptureServer(async (srv) => {
    const n = new WebhookNotifier(receiverConfig<WebhookConfig>('webhook_configs', { url: `${srv.url}/secret` }), template(), new MemoryLogger());
    srv.reply = () => ({ status: 500, body: 'boom' });
    await assert.rejects(notifyRecorded(n), (e: unknown) => {
      assert.ok(e instanceof NotifyError);
      assert.equal(e.retry, true);
      assert.equal(e.message, 'unexpected status code 500: <redacted>: boom');
      return true;
    });
    srv.reply = () => ({ status: 400, body: '' });
    await assert.rejects(notifyRecorded(n), {
      message: 'unexpected status code 400: <redacted>: ',
      retry: false,
    });
  });
  const port = await closedPort();
  const n = new WebhookNotifier(receiverConfig<WebhookConfig>('webhook_configs', { url: `http://127.0.0.1:${port}/x` }), template(), new MemoryLogger());
  await assert.rejects(notifyRecorded(n), {
    message: `Post "<redacted>": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    retry: true,
  });
});

test('webhook http_config: basic auth and authorization credentials are sent', async () => {
  await withCaptureServer(async (srv) => {
    const basic = receiverConfig<WebhookConfig>('webhook_configs', { url: `${srv.url}/a`, http_config: { basic_auth: { username: 'u', password: 'p' } } });
    await notifyRecorded(new WebhookNotifier(basic, template(), new MemoryLogger()));
    const bearer = receiverConfig<WebhookConfig>('webhook_configs', { url: `${srv.url}/b`, http_config: { authorization: { credentials: 'tok' } } });
    await notifyRecorded(new WebhookNotifier(bearer, template(), new MemoryLogger()));
    assert.equal(srv.requests[0]?.headers['authorization'], `Basic ${Buffer.from('u:p').toString('base64')}`);
    assert.equal(srv.requests[1]?.headers['authorization'], 'Bearer tok');
  });
});
