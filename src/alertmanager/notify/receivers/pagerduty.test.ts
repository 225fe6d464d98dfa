import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PagerdutyConfig } from '../../config/index.js';
import {
  MemoryLogger, assertPost, closedPort, notifyFiringThenResolved, notifyRecorded, receiverConfig,
  recordedTemplate, vigilTemplate, withCaptureServer,
} from './capture-server.js';
import { PagerdutyNotifier, metricBytes } from './pagerduty.js';

// Bodies recorded from Alertmanager 0.25 (Debian's /usr/bin/prometheus-alertmanager, its default
// templates) posting the alerts of recordedAlerts() to a loopback server (v1 through a proxy).
const V2_FIRING = "{\"routing_key\":\"rk1\",\"dedup_key\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"[FIRING:2] HighLatency (page)\",\"source\":\"Alertmanager\",\"severity\":\"error\",\"custom_details\":{\"firing\":\"Labels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\",\"num_firing\":\"2\",\"num_resolved\":\"0\",\"resolved\":\"\"}},\"client\":\"Alertmanager\",\"client_url\":\"http://am.example:9093/am/#/alerts?receiver=defaults\"}\n";
const V2_RESOLVED = "{\"routing_key\":\"rk1\",\"dedup_key\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"event_action\":\"resolve\",\"payload\":{\"summary\":\"[RESOLVED] HighLatency (page)\",\"source\":\"Alertmanager\",\"severity\":\"error\",\"custom_details\":{\"firing\":\"\",\"num_firing\":\"0\",\"num_resolved\":\"2\",\"resolved\":\"Labels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\"}},\"client\":\"Alertmanager\",\"client_url\":\"http://am.example:9093/am/#/alerts?receiver=defaults\"}\n";
const V2_CUSTOM_FIRING = "{\"routing_key\":\"rk2\",\"dedup_key\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"[FIRING:2] HighLatency (page)\",\"source\":\"src\",\"severity\":\"page\",\"class\":\"cls\",\"component\":\"comp\",\"group\":\"grp\",\"custom_details\":{\"extra\":\"e firing\",\"firing\":\"Labels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\",\"num_firing\":\"2\",\"num_resolved\":\"0\",\"resolved\":\"\"}},\"client\":\"Alertmanager\",\"client_url\":\"http://am.example:9093/am/#/alerts?receiver=custom\",\"images\":[{\"src\":\"http://img\",\"alt\":\"alt\",\"href\":\"http://href\"}],\"links\":[{\"href\":\"http://link\",\"text\":\"lt\"}]}\n";
const V2_CUSTOM_RESOLVED = "{\"routing_key\":\"rk2\",\"dedup_key\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"event_action\":\"resolve\",\"payload\":{\"summary\":\"[RESOLVED] HighLatency (page)\",\"source\":\"src\",\"severity\":\"page\",\"class\":\"cls\",\"component\":\"comp\",\"group\":\"grp\",\"custom_details\":{\"extra\":\"e resolved\",\"firing\":\"\",\"num_firing\":\"0\",\"num_resolved\":\"2\",\"resolved\":\"Labels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\"}},\"client\":\"Alertmanager\",\"client_url\":\"http://am.example:9093/am/#/alerts?receiver=custom\",\"images\":[{\"src\":\"http://img\",\"alt\":\"alt\",\"href\":\"http://href\"}],\"links\":[{\"href\":\"http://link\",\"text\":\"lt\"}]}\n";
const V1_FIRING = "{\"service_key\":\"sk1\",\"incident_key\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"event_type\":\"trigger\",\"description\":\"[FIRING:2] HighLatency (page)\",\"event_action\":\"\",\"payload\":null,\"client\":\"Alertmanager\",\"client_url\":\"http://am.example:9093/am/#/alerts?receiver=defaults\",\"details\":{\"firing\":\"Labels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\",\"num_firing\":\"2\",\"num_resolved\":\"0\",\"resolved\":\"\"}}\n";
const V1_RESOLVED = "{\"service_key\":\"sk1\",\"incident_key\":\"075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a\",\"event_type\":\"resolve\",\"description\":\"[RESOLVED] HighLatency (page)\",\"event_action\":\"\",\"payload\":null,\"details\":{\"firing\":\"\",\"num_firing\":\"0\",\"num_resolved\":\"2\",\"resolved\":\"Labels:\\n - alertname = HighLatency\\n - instance = a:1\\n - severity = page\\nAnnotations:\\n - description = p99 \\u003e 1s\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph?g0.expr=up\\u0026x=\\u003c1\\u003e\\nLabels:\\n - alertname = HighLatency\\n - instance = b:2\\n - severity = page\\nAnnotations:\\n - summary = Latency \\u003chigh\\u003e \\u0026 rising\\nSource: http://prom/graph\\n\"}}\n";

const CUSTOM_CONF = {
  routing_key: 'rk2',
  severity: '{{ .CommonLabels.severity }}',
  class: 'cls',
  component: 'comp',
  group: 'grp',
  source: 'src',
  details: { extra: 'e {{ .Status }}' },
  images: [{ src: 'http://img', alt: 'alt', href: 'http://href' }, { src: '', alt: 'skipped' }],
  links: [{ href: 'http://link', text: 'lt' }],
};


test('metricBytes prints sizes as alecthomas/units MetricBytes', () => {
  assert.equal(metricBytes(512000), '512KB');
  assert.equal(metricBytes(600123), '600KB123B');
  assert.equal(metricBytes(0), '0B');
  assert.equal(metricBytes(1_000_001), '1MB1B');
});

test('pagerduty Events API v2 trigger and resolve as Alertmanager 0.25', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<PagerdutyConfig>('pagerduty_configs', { routing_key: 'rk1', url: `${srv.url}/pd` });
    const n = new PagerdutyNotifier(conf, await recordedTemplate(), new MemoryLogger());
    await notifyFiringThenResolved(n, 'defaults');
    const [firing, resolved] = srv.requests;
    assertPost(firing, 'application/json', '/pd', V2_FIRING);
    assert.equal(resolved?.body, V2_RESOLVED);
  });
});

test('pagerduty v2 severity, class, details, images and links as Alertmanager 0.25', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<PagerdutyConfig>('pagerduty_configs', { ...CUSTOM_CONF, url: `${srv.url}/pd2` });
    const n = new PagerdutyNotifier(conf, await recordedTemplate(), new MemoryLogger());
    await notifyFiringThenResolved(n, 'custom');
    assert.equal(srv.requests[0]?.body, V2_CUSTOM_FIRING);
    assert.equal(srv.requests[1]?.body, V2_CUSTOM_RESOLVED);
  });
});

test('pagerduty v1 (service_key) trigger and resolve as Alertmanager 0.25', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<PagerdutyConfig>('pagerduty_configs', { service_key: 'sk1' });
    const n = new PagerdutyNotifier(conf, await recordedTemplate(), new MemoryLogger(), { apiV1URL: `${srv.url}/generic/2010-04-15/create_event.json` });
    await notifyFiringThenResolved(n, 'defaults');
    assert.equal(srv.requests[0]?.url, '/generic/2010-04-15/create_event.json');
    assert.equal(srv.requests[0]?.body, V1_FIRING);
    assert.equal(srv.requests[1]?.body, V1_RESOLVED);
  });
});

test('pagerduty retries 5xx and 429 (v2) or 403 (v1), explains a 400', async () => {
  await withCaptureServer(async (srv) => {
    const tmpl = await recordedTemplate();
    const v2 = new PagerdutyNotifier(receiverConfig<PagerdutyConfig>('pagerduty_configs', { routing_key: 'k', url: `${srv.url}/pd` }), tmpl, new MemoryLogger());
    const v1 = new PagerdutyNotifier(receiverConfig<PagerdutyConfig>('pagerduty_configs', { service_key: 'k' }), tmpl, new MemoryLogger(), { apiV1URL: `${srv.url}/v1` });
    srv.reply = () => ({ status: 400, body: '{"status":"invalid event","message":"Event object is invalid","errors":["Length of \'routing_key\' is incorrect (should be 32 characters)"]}' });
    await assert.rejects(notifyRecorded(v2), {
      message: "unexpected status code 400: Event object is invalid: Length of 'routing_key' is incorrect (should be 32 characters)",
      retry: false,
    });
    srv.reply = () => ({ status: 429, body: 'slow' });
    await assert.rejects(notifyRecorded(v2), { message: 'unexpected status code 429', retry: true });
    await assert.rejects(notifyRecorded(v1), { message: 'unexpected status code 429', retry: false });
    srv.reply = () => ({ status: 403, body: '' });
    await assert.rejects(notifyRecorded(v1), { message: 'unexpected status code 403', retry: true });
    await assert.rejects(notifyRecorded(v2), { message: 'unexpected status code 403', retry: false });
    srv.reply = () => ({ status: 500, body: 'x' });
    await assert.rejects(notifyRecorded(v2), { message: 'unexpected status code 500', retry: true });
  });
  const port = await closedPort();
  const conf = receiverConfig<PagerdutyConfig>('pagerduty_configs', { routing_key: 'k', url: `http://127.0.0.1:${port}/v2/enqueue` });
  await assert.rejects(notifyRecorded(new PagerdutyNotifier(conf, await recordedTemplate(), new MemoryLogger())), {
    message: `failed to post message to PagerDuty: Post "http://127.0.0.1:${port}/v2/enqueue": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    retry: true,
  });
});

test('pagerduty truncates the summary to 1024 runes and drops details of an oversized event', async () => {
  await withCaptureServer(async (srv) => {
    const conf = receiverConfig<PagerdutyConfig>('pagerduty_configs', {
      routing_key: 'k',
      url: `${srv.url}/pd`,
      description: 'x'.repeat(2000),
      details: { big: 'y'.repeat(600000) },
    });
    const logger = new MemoryLogger();
    await notifyRecorded(new PagerdutyNotifier(conf, await recordedTemplate(), logger));
    const body = JSON.parse(srv.requests[0]?.body ?? '') as { payload: { summary: string; custom_details: unknown } };
    assert.equal(body.payload.summary, 'x'.repeat(1023) + '…');
    assert.deepEqual(body.payload.custom_details, {
      error: 'Custom details have been removed because the original event exceeds the maximum size of 512KB',
    });
    const warns = logger.records.filter((r) => r.level === 'warn').map((r) => r.msg);
    assert.equal(warns[0], 'Truncated summary');
    assert.match(warns[1] ?? '', /^Truncated Details because message of size 60\dKB\d*B? exceeds limit 512KB$/);
  });
});

test('pagerduty: a routing key empty after templating and a bad details template are not retried', async () => {
  const tmpl = await recordedTemplate();
  const empty = receiverConfig<PagerdutyConfig>('pagerduty_configs', { routing_key: '{{ .CommonLabels.nothing }}', url: 'http://127.0.0.1:1/' });
  await assert.rejects(notifyRecorded(new PagerdutyNotifier(empty, tmpl, new MemoryLogger())), {
    message: 'routing key cannot be empty',
    retry: false,
  });
  const bad = receiverConfig<PagerdutyConfig>('pagerduty_configs', { routing_key: 'k', url: 'http://127.0.0.1:1/', details: { d: '{{ template "nope" . }}' } });
  await assert.rejects(notifyRecorded(new PagerdutyNotifier(bad, tmpl, new MemoryLogger())), (e: unknown) => {
    assert.match((e as Error).message, /^"d": failed to template "\{\{ template \\"nope\\" \. \}\}": /);
    return true;
  });
});

test("with Vigil's own default templates pagerduty sends the same", async () => {
  await withCaptureServer(async (srv) => {
    const tmpl = await vigilTemplate();
    const v2 = new PagerdutyNotifier(receiverConfig<PagerdutyConfig>('pagerduty_configs', { routing_key: 'rk1', url: `${srv.url}/pd` }), tmpl, new MemoryLogger());
    const v1 = new PagerdutyNotifier(receiverConfig<PagerdutyConfig>('pagerduty_configs', { service_key: 'sk1' }), tmpl, new MemoryLogger(), { apiV1URL: `${srv.url}/v1` });
    await notifyFiringThenResolved(v2, 'defaults');
    await notifyFiringThenResolved(v1, 'defaults');
    assert.deepEqual(srv.requests.map((r) => r.body), [V2_FIRING, V2_RESOLVED, V1_FIRING, V1_RESOLVED]);
  });
});
