import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { loadConfig } from '../config/index.js';
import { Labels } from '../model/labels/index.js';
import { type Alert, NotifierManager, postPath, type PostableAlert } from './index.js';

interface FakeAM {
  server: Server;
  addr: string;
  batches: PostableAlert[][];
  headers: IncomingMessage['headers'][];
  status: number;
  delayMs: number;
}

async function startAM(status = 200): Promise<FakeAM> {
  const am: FakeAM = { server: createServer(), addr: '', batches: [], headers: [], status, delayMs: 0 };
  am.server.on('request', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (): void => {
        if (req.method === 'POST' && req.url === '/api/v2/alerts') {
          am.batches.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as PostableAlert[]);
          am.headers.push(req.headers);
        }
        res.statusCode = am.status;
        res.end();
      };
      if (am.delayMs > 0) setTimeout(answer, am.delayMs);
      else answer();
    });
  });
  await new Promise<void>((r) => am.server.listen(0, '127.0.0.1', r));
  am.addr = `127.0.0.1:${(am.server.address() as AddressInfo).port}`;
  return am;
}

function stopAM(am: FakeAM): Promise<void> {
  am.server.closeAllConnections();
  return new Promise((r) => am.server.close(() => r()));
}

function alert(name: string, extra: Record<string, string> = {}): Alert {
  return {
    labels: Labels.fromObject({ alertname: name, ...extra }),
    annotations: Labels.fromObject({ summary: `about ${name}` }),
    startsAt: new Date('2024-01-02T03:04:05.000Z'),
    generatorURL: 'http://vigil/graph?g0.expr=up',
  };
}

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function metric(n: NotifierManager, name: string, label?: string): number {
  for (const f of n.collect()) {
    if (f.name !== name) continue;
    for (const s of f.samples) {
      if (label === undefined || s.labels.some(([, v]) => v === label)) return s.value;
    }
  }
  return NaN;
}

async function manager(yaml: string, o: ConstructorParameters<typeof NotifierManager>[0] = {}): Promise<NotifierManager> {
  const n = new NotifierManager(o);
  await n.applyConfig(loadConfig(yaml));
  void n.run();
  return n;
}

test('posts API v2 JSON to every Alertmanager with external labels and relabeling', async () => {
  const a1 = await startAM();
  const a2 = await startAM();
  const n = await manager(`
global:
  external_labels: {cluster: c1, severity: low}
alerting:
  alert_relabel_configs:
    - {source_labels: [alertname], regex: Drop.*, action: drop}
  alertmanagers:
    - static_configs: [{targets: ['${a1.addr}', '${a2.addr}']}]
`);
  try {
    await waitFor(() => n.alertmanagers().length === 2);
    assert.deepEqual(n.alertmanagers().sort(), [`http://${a1.addr}/api/v2/alerts`, `http://${a2.addr}/api/v2/alerts`].sort());
    n.send(alert('HighLoad', { severity: 'page' }), alert('DropMe'));
    await waitFor(() => a1.batches.length === 1 && a2.batches.length === 1);
    const want: PostableAlert[] = [
      {
        labels: { alertname: 'HighLoad', cluster: 'c1', severity: 'page' },
        annotations: { summary: 'about HighLoad' },
        startsAt: '2024-01-02T03:04:05.000Z',
        generatorURL: 'http://vigil/graph?g0.expr=up',
      },
    ];
    assert.deepEqual(a1.batches[0], want);
    assert.deepEqual(a2.batches[0], want);
    assert.equal(a1.headers[0]?.['content-type'], 'application/json');
    await waitFor(() => metric(n, 'prometheus_notifications_sent_total', `http://${a1.addr}/api/v2/alerts`) === 1);
    assert.equal(metric(n, 'prometheus_notifications_alertmanagers_discovered'), 2);
    assert.equal(metric(n, 'prometheus_notifications_queue_capacity'), 10000);
  } finally {
    await n.stop();
    await stopAM(a1);
    await stopAM(a2);
  }
});

test('batches by maxBatchSize, per-set alert relabeling, path_prefix and basic auth', async () => {
  const am = await startAM();
  am.delayMs = 50;
  const n = await manager(
    `
alerting:
  alertmanagers:
    - path_prefix: /
      basic_auth: {username: u, password: p}
      alert_relabel_configs:
        - {target_label: via, replacement: set0}
      static_configs: [{targets: ['${am.addr}']}]
    - path_prefix: /sub
      static_configs: [{targets: ['127.0.0.1:1']}]
      relabel_configs:
        - {source_labels: [__address__], regex: '127.0.0.1:1', action: drop}
`,
    { maxBatchSize: 3 },
  );
  try {
    await waitFor(() => n.alertmanagers().length === 1);
    assert.deepEqual(n.droppedAlertmanagers(), ['http://127.0.0.1:1/sub/api/v2/alerts']);
    for (let i = 0; i < 7; i++) n.send(alert(`A${i}`));
    await waitFor(() => am.batches.reduce((s, b) => s + b.length, 0) === 7);
    assert.ok(am.batches.every((b) => b.length <= 3));
    assert.equal(am.batches[0]?.[0]?.labels['via'], 'set0');
    assert.equal(am.headers[0]?.authorization, 'Basic ' + Buffer.from('u:p').toString('base64'));
  } finally {
    await n.stop();
    await stopAM(am);
  }
});

test('queue overflow drops the oldest alerts and counts them', async () => {
  const n = new NotifierManager({ queueCapacity: 5 });
  await n.applyConfig(loadConfig(''));
  for (let i = 0; i < 8; i++) n.send(alert(`A${i}`));
  assert.equal(n.queueLength(), 5);
  assert.equal(metric(n, 'prometheus_notifications_dropped_total'), 3);
  assert.equal(metric(n, 'prometheus_notifications_queue_length'), 5);
  n.send(...Array.from({ length: 7 }, (_, i) => alert(`B${i}`)));
  assert.equal(n.queueLength(), 5);
  assert.equal(metric(n, 'prometheus_notifications_dropped_total'), 10);
  await n.stop();
});

test('an unreachable or failing Alertmanager costs errors and drops, not a stuck queue', async () => {
  const bad = await startAM(500);
  const n = await manager(`
alerting:
  alertmanagers:
    - timeout: 200ms
      static_configs: [{targets: ['127.0.0.1:1', '${bad.addr}']}]
`);
  try {
    await waitFor(() => n.alertmanagers().length === 2);
    const t0 = Date.now();
    n.send(alert('X'));
    assert.ok(Date.now() - t0 < 50, 'send() must not block');
    await waitFor(() => metric(n, 'prometheus_notifications_dropped_total') === 1);
    assert.equal(metric(n, 'prometheus_notifications_errors_total', 'http://127.0.0.1:1/api/v2/alerts'), 1);
    assert.equal(metric(n, 'prometheus_notifications_errors_total', `http://${bad.addr}/api/v2/alerts`), 1);
    n.send(alert('Y'));
    await waitFor(() => metric(n, 'prometheus_notifications_dropped_total') === 2);
    assert.equal(n.queueLength(), 0);
  } finally {
    await n.stop();
    await stopAM(bad);
  }
});

test('postPath joins the prefix like path.Join', () => {
  assert.equal(postPath('', 'v2'), '/api/v2/alerts');
  assert.equal(postPath('/am/', 'v2'), '/am/api/v2/alerts');
  assert.equal(postPath('am', 'v2'), '/am/api/v2/alerts');
});
