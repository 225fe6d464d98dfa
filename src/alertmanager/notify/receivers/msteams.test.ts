/**
 * Microsoft Teams (MessageCard) against a real HTTP server on loopback. Alertmanager 0.25 has no
 * msteams integration: the expected payloads follow newer upstream's notify/msteams structs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MSTeamsConfig } from '../../config/index.js';
import type { NotifyError } from '../index.js';
import { writeTempFile } from '../../../../test/alerting/smtp-server.js';
import { MemoryLogger, notifyError, notifyRecorded, receiverConfig, useCaptureServer } from './capture-server.js';
import { MSTeamsNotifier } from './msteams.js';

const fx = useCaptureServer();
const { server } = fx;

function conf(fields: Record<string, unknown> = {}): MSTeamsConfig {
  return receiverConfig<MSTeamsConfig>('msteams_configs', { webhook_url: `${server.url}/teams`, ...fields });
}

function notify(c: MSTeamsConfig, resolved = false): Promise<NotifyError | null> {
  return notifyError(notifyRecorded(new MSTeamsNotifier(c, fx.tmpl, new MemoryLogger()), 'r', resolved));
}

test('MessageCard payloads: fields in upstream order, colour by status, Go JSON escaping', async () => {
  const c = conf({ title: '{{ .Status }} <{{ len .Alerts }}>', summary: 'sum {{ .GroupLabels.alertname }}', text: '{{ .CommonAnnotations.summary }}' });
  assert.equal(await notify(c), null);
  assert.equal(await notify(c, true), null);
  assert.deepEqual(server.requests.map((r) => [r.url, r.headers['content-type'], r.body]), [
    ['/teams', 'application/json',
      '{"@context":"http://schema.org/extensions","type":"MessageCard","title":"firing \\u003c2\\u003e","summary":"sum HighLatency",' +
      '"text":"Latency \\u003chigh\\u003e \\u0026 rising","themeColor":"8C1A1A"}\n'],
    ['/teams', 'application/json',
      '{"@context":"http://schema.org/extensions","type":"MessageCard","title":"resolved \\u003c2\\u003e","summary":"sum HighLatency",' +
      '"text":"Latency \\u003chigh\\u003e \\u0026 rising","themeColor":"2DC72D"}\n'],
  ]);
});

test('default texts', async () => {
  assert.equal(await notify(conf()), null);
  const body = JSON.parse(server.requests[0]?.body ?? '{}') as Record<string, string>;
  assert.equal(body['title'], '[FIRING:2] HighLatency (page)');
  assert.equal(body['summary'], '[FIRING:2] HighLatency (page)');
  assert.ok(body['text']?.startsWith('\n\n# Alerts Firing:\n\nLabels:\n  - alertname = HighLatency\n'), body['text']);
});

test('webhook_url_file and failures', async () => {
  const file = writeTempFile('teams-url', `  ${server.url}/file \n`);
  assert.equal(await notify(conf({ webhook_url: undefined, webhook_url_file: file })), null);
  assert.equal(server.requests[0]?.url, '/file');
  server.reply = () => ({ status: 429, body: 'slow down' });
  const e = await notify(conf());
  assert.equal(e?.message, 'unexpected status code 429: slow down');
  assert.equal(e?.retry, false);
  server.reply = () => ({ status: 502, body: '' });
  const e2 = await notify(conf());
  assert.equal(e2?.message, 'unexpected status code 502');
  assert.equal(e2?.retry, true);
});
