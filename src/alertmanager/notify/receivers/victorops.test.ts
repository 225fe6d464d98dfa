import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { VictorOpsConfig } from '../../config/index.js';
import {
  MemoryLogger, assertPost, closedPort, notifyFiringThenResolved, notifyRecorded, receiverConfig,
  recordedTemplate, vigilTemplate, withCaptureServer,
} from './capture-server.js';
import { VictorOpsNotifier } from './victorops.js';

// Bodies recorded from Alertmanager 0.25 (Debian's /usr/bin/prometheus-alertmanager, its default
// templates) for the alerts of recordedAlerts(), api_url pointing at a loopback server.
const FIRING = "{\"entity_display_name\":\"[FIRING:2] HighLatency (page)\",\"entity_id\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"message_type\":\"CRITICAL\",\"monitoring_tool\":\"Alertmanager\",\"state_message\":\"Latency \\u003chigh\\u003e \\u0026 rising\\nAlerts Firing:\\nLabels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\\n\"}\n";
const RESOLVED = "{\"entity_display_name\":\"[RESOLVED] HighLatency (page)\",\"entity_id\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"message_type\":\"RECOVERY\",\"monitoring_tool\":\"Alertmanager\",\"state_message\":\"Latency \\u003chigh\\u003e \\u0026 rising\\n\\nAlerts Resolved:\\nLabels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\"}\n";
const CUSTOM_FIRING = "{\"cf\":\"c firing\",\"entity_display_name\":\"[FIRING:2] HighLatency (page)\",\"entity_id\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"message_type\":\"WARNING\",\"monitoring_tool\":\"Alertmanager\",\"state_message\":\"Latency \\u003chigh\\u003e \\u0026 rising\\nAlerts Firing:\\nLabels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\\n\"}\n";
const CUSTOM_RESOLVED = "{\"cf\":\"c resolved\",\"entity_display_name\":\"[RESOLVED] HighLatency (page)\",\"entity_id\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"message_type\":\"RECOVERY\",\"monitoring_tool\":\"Alertmanager\",\"state_message\":\"Latency \\u003chigh\\u003e \\u0026 rising\\n\\nAlerts Resolved:\\nLabels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\"}\n";


test('victorops posts CRITICAL then RECOVERY to <api_url><api_key>/<routing_key>, as Alertmanager 0.25', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<VictorOpsConfig>('victorops_configs', { api_key: 'vokey', api_url: `${srv.url}/vo/`, routing_key: 'vork' });
    const n = new VictorOpsNotifier(conf, await recordedTemplate(), new MemoryLogger());
    await notifyFiringThenResolved(n, 'defaults');
    const [firing, resolved] = srv.requests;
    assertPost(firing, 'application/json', '/vo/vokey/vork', FIRING);
    assertPost(resolved, 'application/json', '/vo/vokey/vork', RESOLVED);
  });
});

test('victorops templated routing key, message_type and custom fields as Alertmanager 0.25', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<VictorOpsConfig>('victorops_configs', {
      api_key: 'vokey2',
      api_url: `${srv.url}/vo2/`,
      routing_key: '{{ .CommonLabels.severity }}',
      message_type: 'WARNING',
      custom_fields: { cf: 'c {{ .Status }}' },
    });
    const n = new VictorOpsNotifier(conf, await recordedTemplate(), new MemoryLogger());
    await notifyFiringThenResolved(n, 'custom');
    assert.equal(srv.requests[0]?.url, '/vo2/vokey2/page');
    assert.equal(srv.requests[0]?.body, CUSTOM_FIRING);
    assert.equal(srv.requests[1]?.body, CUSTOM_RESOLVED);
  });
});

test('victorops: an unknown message_type fires as CRITICAL; a long state_message is truncated', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<VictorOpsConfig>('victorops_configs', {
      api_key: 'k', api_url: `${srv.url}/`, routing_key: 'r', message_type: 'BOGUS', state_message: 's'.repeat(20500),
    });
    const logger = new MemoryLogger();
    await notifyRecorded(new VictorOpsNotifier(conf, await recordedTemplate(), logger));
    const body = JSON.parse(srv.requests[0]?.body ?? '') as Record<string, string>;
    assert.equal(body['message_type'], 'CRITICAL');
    assert.equal(body['state_message'], 's'.repeat(20479) + '…');
    assert.equal(logger.records.find((r) => r.level === 'warn')?.msg, 'Truncated state_message');
  });
});

test('victorops retries 5xx and refused connections (URL redacted: it holds the API key), not 4xx', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<VictorOpsConfig>('victorops_configs', { api_key: 'k', api_url: `${srv.url}/`, routing_key: 'r' });
    const n = new VictorOpsNotifier(conf, await recordedTemplate(), new MemoryLogger());
    srv.reply = () => ({ status: 500, body: 'e' });
    await assert.rejects(notifyRecorded(n), { message: 'unexpected status code 500: e', retry: true });
    srv.reply = () => ({ status: 400, body: '' });
    await assert.rejects(notifyRecorded(n), { message: 'unexpected status code 400', retry: false });
  });
  const port = await closedPort();
  const conf = receiverConfig<VictorOpsConfig>('victorops_configs', { api_key: 'secret', api_url: `http://127.0.0.1:${port}/`, routing_key: 'r' });
  await assert.rejects(notifyRecorded(new VictorOpsNotifier(conf, await recordedTemplate(), new MemoryLogger())), {
    message: `Post "<redacted>": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    retry: true,
  });
});

test("with Vigil's own default templates victorops sends the same", async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<VictorOpsConfig>('victorops_configs', { api_key: 'vokey', api_url: `${srv.url}/vo/`, routing_key: 'vork' });
    const n = new VictorOpsNotifier(conf, await vigilTemplate(), new MemoryLogger());
    await notifyFiringThenResolved(n, 'defaults');
    assert.deepEqual(srv.requests.map((r) => r.body), [FIRING, RESOLVED]);
  });
});
