import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpsGenieConfig } from '../../config/index.js';
import {
  MemoryLogger, RECORDED_KEY_HASH, assertPost, closedPort, notifyFiringThenResolved, notifyRecorded,
  receiverConfig, recordedTemplate, vigilTemplate, withCaptureServer,
} from './capture-server.js';
import { OpsGenieNotifier } from './opsgenie.js';

// Requests recorded from Alertmanager 0.25 (Debian's /usr/bin/prometheus-alertmanager, its
// default templates) for the alerts of recordedAlerts(), api_url pointing at a loopback server.
const CREATE = "{\"alias\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"message\":\"[FIRING:2] HighLatency (page)\",\"description\":\"Latency \\u003chigh\\u003e \\u0026 rising\\nAlerts Firing:\\nLabels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\\n\",\"details\":{\"alertname\":\"HighLatency\",\"severity\":\"page\"},\"source\":\"http://am.example:9093/am/#/alerts?receiver=defaults\"}\n";
const CLOSE = "{\"source\":\"http://am.example:9093/am/#/alerts?receiver=defaults\"}\n";
const CUSTOM_CREATE = "{\"alias\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"message\":\"msg \\u003cHighLatency\\u003e\",\"description\":\"Latency \\u003chigh\\u003e \\u0026 rising\\nAlerts Firing:\\nLabels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\\n\",\"details\":{\"alertname\":\"HighLatency\",\"dk\":\"dv firing\",\"severity\":\"page\"},\"source\":\"http://am.example:9093/am/#/alerts?receiver=custom\",\"responders\":[{\"name\":\"team1\",\"type\":\"team\"},{\"name\":\"t2\",\"type\":\"team\"},{\"name\":\"t3\",\"type\":\"team\"},{\"username\":\"u@x\",\"type\":\"user\"}],\"tags\":[\"a\",\"b\",\"c\"],\"note\":\"n\",\"priority\":\"P2\",\"entity\":\"ent\",\"actions\":[\"x\",\"y\"]}\n";
const CUSTOM_UPDATE_MESSAGE = "{\"message\":\"msg \\u003cHighLatency\\u003e\"}\n";
const CUSTOM_UPDATE_DESCRIPTION = "{\"description\":\"Latency \\u003chigh\\u003e \\u0026 rising\\nAlerts Firing:\\nLabels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\\n\"}\n";
const CUSTOM_CLOSE = "{\"source\":\"http://am.example:9093/am/#/alerts?receiver=custom\"}\n";

const CUSTOM_CONF = {
  api_key: 'ogkey2',
  message: 'msg <{{ .CommonLabels.alertname }}>',
  tags: 'a,b,,c ',
  note: 'n',
  priority: 'P2',
  entity: 'ent',
  actions: 'x,y',
  details: { dk: 'dv {{ .Status }}' },
  update_alerts: true,
  responders: [{ name: 'team1', type: 'team' }, { name: 't2,t3', type: 'teams' }, { username: 'u@x', type: 'user' }],
};


test('opsgenie creates and closes an alert aliased by the group key hash, as Alertmanager 0.25', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<OpsGenieConfig>('opsgenie_configs', { api_key: 'ogkey', api_url: `${srv.url}/og/` });
    const n = new OpsGenieNotifier(conf, await recordedTemplate(), new MemoryLogger());
    await notifyFiringThenResolved(n, 'defaults');
    const [create, close] = srv.requests;
    assertPost(create, 'application/json', '/og/v2/alerts', CREATE, { authorization: 'GenieKey ogkey' });
    assertPost(close, 'application/json', `/og/v2/alerts/${RECORDED_KEY_HASH}/close?identifierType=alias`, CLOSE);
  });
});

test('opsgenie responders, tags, actions, details and update_alerts as Alertmanager 0.25', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<OpsGenieConfig>('opsgenie_configs', { ...CUSTOM_CONF, api_url: `${srv.url}/og2/` });
    const n = new OpsGenieNotifier(conf, await recordedTemplate(), new MemoryLogger());
    await notifyFiringThenResolved(n, 'custom');
    assert.deepEqual(srv.requests.map((r) => `${r.method} ${r.url}`), [
      'POST /og2/v2/alerts',
      `PUT /og2/v2/alerts/${RECORDED_KEY_HASH}/message?identifierType=alias`,
      `PUT /og2/v2/alerts/${RECORDED_KEY_HASH}/description?identifierType=alias`,
      `POST /og2/v2/alerts/${RECORDED_KEY_HASH}/close?identifierType=alias`,
    ]);
    assert.deepEqual(srv.requests.map((r) => r.headers['authorization']), Array(4).fill('GenieKey ogkey2'));
    assert.equal(srv.requests[0]?.body, CUSTOM_CREATE);
    assert.equal(srv.requests[1]?.body, CUSTOM_UPDATE_MESSAGE);
    assert.equal(srv.requests[2]?.body, CUSTOM_UPDATE_DESCRIPTION);
    assert.equal(srv.requests[3]?.body, CUSTOM_CLOSE);
  });
});

test('opsgenie truncates the message to 130 runes and warns', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<OpsGenieConfig>('opsgenie_configs', { api_key: 'k', api_url: `${srv.url}/`, message: 'm'.repeat(200) });
    const logger = new MemoryLogger();
    await notifyRecorded(new OpsGenieNotifier(conf, await recordedTemplate(), logger));
    assert.equal((JSON.parse(srv.requests[0]?.body ?? '') as { message: string }).message, 'm'.repeat(129) + '…');
    assert.deepEqual(logger.records.filter((r) => r.level === 'warn'), [
      { level: 'warn', msg: 'Truncated message', fields: { alert: '{}/{}:{alertname="HighLatency"}', max_runes: 130 } },
    ]);
  });
});

test('opsgenie retries 5xx and 429, not other 4xx; stops at the first failed request', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<OpsGenieConfig>('opsgenie_configs', { api_key: 'k', api_url: `${srv.url}/`, update_alerts: true });
    const n = new OpsGenieNotifier(conf, await recordedTemplate(), new MemoryLogger());
    srv.reply = () => ({ status: 429, body: '{"message":"rate"}' });
    await assert.rejects(notifyRecorded(n), { message: 'unexpected status code 429: {"message":"rate"}', retry: true });
    assert.equal(srv.requests.length, 1);
    srv.reply = () => ({ status: 422, body: '' });
    await assert.rejects(notifyRecorded(n), { message: 'unexpected status code 422', retry: false });
    srv.reply = () => ({ status: 502, body: '' });
    await assert.rejects(notifyRecorded(n, 'r', true), { message: 'unexpected status code 502', retry: true });
  });
  const port = await closedPort();
  const conf = receiverConfig<OpsGenieConfig>('opsgenie_configs', { api_key: 'k', api_url: `http://127.0.0.1:${port}/` });
  await assert.rejects(notifyRecorded(new OpsGenieNotifier(conf, await recordedTemplate(), new MemoryLogger())), {
    message: `Post "http://127.0.0.1:${port}/v2/alerts": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    retry: true,
  });
});

test("with Vigil's own default templates opsgenie sends the same", async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<OpsGenieConfig>('opsgenie_configs', { api_key: 'ogkey', api_url: `${srv.url}/og/` });
    const n = new OpsGenieNotifier(conf, await vigilTemplate(), new MemoryLogger());
    await notifyFiringThenResolved(n, 'defaults');
    assert.deepEqual(srv.requests.map((r) => r.body), [CREATE, CLOSE]);
  });
});
