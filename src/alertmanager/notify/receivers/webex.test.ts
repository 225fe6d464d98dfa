/**
 * Webex against a real HTTP server on loopback. The payloads were recorded from Alertmanager
 * 0.25 (Debian's binary) notifying the same two alerts with the default templates.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebexConfig } from '../../config/index.js';
import type { NotifyError } from '../index.js';
import { MemoryLogger, REPLY_OK, notifyError, notifyRecorded, receiverConfig, useCaptureServer } from './capture-server.js';
import { WEBEX_MAX_MESSAGE_BYTES, WebexNotifier } from './webex.js';

const WEBEX_FIRING =
  "{\"markdown\":\"Latency \\u003chigh\\u003e \\u0026 rising\\n\\nAlerts Firing:\\nLabels:\\n - alertname = HighLatency\\n -" +
  " instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003c" +
  "high\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = H" +
  "ighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 " +
  "rising\\nSource: http://prom/graph\\n\\n\\n\\n\",\"roomId\":\"room-1\"}\n";
const WEBEX_RESOLVED =
  "{\"markdown\":\"Latency \\u003chigh\\u003e \\u0026 rising\\n\\n\\nAlerts Resolved:\\nLabels:\\n - alertname = HighLatency" +
  "\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u" +
  "003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname" +
  " = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0" +
  "026 rising\\nSource: http://prom/graph\\n\\n\\n\",\"roomId\":\"room-1\"}\n";

const fx = useCaptureServer();
const { server } = fx;

function conf(fields: Record<string, unknown> = {}): WebexConfig {
  return receiverConfig<WebexConfig>('webex_configs', {
    api_url: `${server.url}/webex`,
    room_id: 'room-1',
    http_config: { authorization: { credentials: 'tok' } },
    ...fields,
  });
}

function notify(c: WebexConfig, resolved = false, logger = new MemoryLogger()): Promise<NotifyError | null> {
  return notifyError(notifyRecorded(new WebexNotifier(c, fx.tmpl, logger), 'r', resolved));
}

test('firing and resolved payloads as Alertmanager 0.25 sends them, with the bearer token', async () => {
  assert.equal(await notify(conf()), null);
  assert.equal(await notify(conf(), true), null);
  assert.deepEqual(server.requests.map((r) => [r.method, r.url, r.headers['authorization'], r.headers['content-type'], r.body]), [
    ['POST', '/webex', 'Bearer tok', 'application/json', WEBEX_FIRING],
    ['POST', '/webex', 'Bearer tok', 'application/json', WEBEX_RESOLVED],
  ]);
});

test('the message is cut to 7439 bytes without splitting a rune', async () => {
  const logger = new MemoryLogger();
  assert.equal(await notify(conf({ message: 'é'.repeat(5000) }), false, logger), null);
  const body = JSON.parse(server.requests[0]?.body ?? '{}') as { markdown: string };
  assert.ok(Buffer.byteLength(body.markdown) <= WEBEX_MAX_MESSAGE_BYTES);
  assert.equal(body.markdown, `${'é'.repeat(3718)}…`);
  assert.ok(logger.records.some((r) => r.msg === 'message truncated due to exceeding maximum allowed length by webex'));
});

test('failures: 5xx retried, 4xx not, template errors not', async () => {
  server.reply = () => ({ status: 503, body: 'busy' });
  const e503 = await notify(conf());
  assert.equal(e503?.message, 'unexpected status code 503: busy');
  assert.equal(e503?.retry, true);
  server.reply = () => ({ status: 401, body: '{"message":"unauthorized"}' });
  const e401 = await notify(conf());
  assert.equal(e401?.message, 'unexpected status code 401: {"message":"unauthorized"}');
  assert.equal(e401?.retry, false);
  server.reply = REPLY_OK;
  const bad = await notify(conf({ message: '{{ .Nope.Deeper }}' }));
  assert.equal(bad?.retry, false);
});
