/**
 * Microsoft Teams v2 (Adaptive Card for workflow webhooks) against a real HTTP server on
 * loopback. Alertmanager 0.25 has no msteamsv2 integration: the expected payloads follow newer
 * upstream's notify/msteamsv2 structs (field order, omitempty, contentUrl null).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MSTeamsV2Config } from '../../config/index.js';
import type { NotifyError } from '../index.js';
import { MemoryLogger, notifyError, notifyRecorded, receiverConfig, useCaptureServer } from './capture-server.js';
import { MSTeamsV2Notifier } from './msteamsv2.js';

const fx = useCaptureServer();
const { server } = fx;

function conf(fields: Record<string, unknown> = {}): MSTeamsV2Config {
  return receiverConfig<MSTeamsV2Config>('msteamsv2_configs', { webhook_url: `${server.url}/flow?sig=x`, ...fields });
}

function notify(c: MSTeamsV2Config, resolved = false): Promise<NotifyError | null> {
  return notifyError(notifyRecorded(new MSTeamsV2Notifier(c, fx.tmpl, new MemoryLogger()), 'r', resolved));
}

const card = (title: string, text: string, color: string): string =>
  '{"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,' +
  '"content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.2",' +
  `"body":[{"type":"TextBlock","text":"${title}","weight":"Bolder","size":"Medium","wrap":true,"style":"heading","color":"${color}"},` +
  `{"type":"TextBlock","text":"${text}","wrap":true}],"msteams":{"width":"full"}}}]}\n`;

test('Adaptive Card payloads with the colour by status', async () => {
  const c = conf({ title: '{{ .Status | toUpper }}', text: '{{ .CommonAnnotations.summary }}' });
  assert.equal(await notify(c), null);
  assert.equal(await notify(c, true), null);
  assert.deepEqual(server.requests.map((r) => [r.url, r.body]), [
    ['/flow?sig=x', card('FIRING', 'Latency \\u003chigh\\u003e \\u0026 rising', 'Attention')],
    ['/flow?sig=x', card('RESOLVED', 'Latency \\u003chigh\\u003e \\u0026 rising', 'Good')],
  ]);
});

test('default texts and failures', async () => {
  assert.equal(await notify(conf(), true), null);
  const body = JSON.parse(server.requests[0]?.body ?? '{}') as { attachments: Array<{ content: { body: Array<{ text: string }> } }> };
  const blocks = body.attachments[0]?.content.body ?? [];
  assert.equal(blocks[0]?.text, '[RESOLVED] HighLatency (page)');
  assert.ok(blocks[1]?.text.startsWith('\n\n\n# Alerts Resolved:\n\nLabels:\n'), blocks[1]?.text);

  const bad = await notify(conf({ text: '{{ template "missing" . }}' }));
  assert.equal(bad?.retry, false);
  server.reply = () => ({ status: 500, body: 'x' });
  assert.equal((await notify(conf()))?.retry, true);
});
