import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from '../../../instrument/index.js';
import { loadAlertmanagerConfig } from '../../config/index.js';
import { AlertMarker, Silences } from '../../silence/index.js';
import { MemAlerts } from '../../provider/index.js';
import { AM_YML, rawRequest, startApiFixture, TEST_VERSION } from './api-fixture.js';
import { AlertmanagerAPIv2 } from './api.js';
import { formatDateTime } from './date-time.js';

const JSON_CT = { 'Content-Type': 'application/json' };
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5, 678);

test('POST /alerts applies upstream defaults and stores the alerts', async () => {
  const f = await startApiFixture(AM_YML, { now: () => NOW });
  try {
    const body = JSON.stringify([
      { labels: { alertname: 'A', empty: '' }, annotations: { note: '' } },
      { labels: { alertname: 'B' }, endsAt: '2026-01-02T03:00:00Z' },
      { labels: { alertname: 'C' }, startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-03T00:00:00Z', generatorURL: 'http://prom/graph' },
    ]);
    const res = await rawRequest(f.url, 'POST', '/api/v2/alerts', body, JSON_CT);
    assert.equal(res.status, 200);
    assert.equal(res.body, '');
    assert.equal(res.headers['content-type'], undefined);
    const byName = new Map(f.alerts.list().map((a) => [a.labels.get('alertname'), a]));
    const a = byName.get('A');
    assert.ok(a !== undefined);
    assert.equal(a.labels.has('empty'), false);
    assert.equal(a.annotations.has('note'), true);
    assert.deepEqual([a.startsAt, a.endsAt, a.updatedAt, a.timeout], [NOW, NOW + 300_000, NOW, true]);
    const b = byName.get('B');
    assert.deepEqual([b?.startsAt, b?.endsAt, b?.timeout], [Date.UTC(2026, 0, 2, 3), Date.UTC(2026, 0, 2, 3), false]);
    assert.equal(byName.get('C')?.generatorURL, 'http://prom/graph');
    // B has ended: GET /alerts leaves it out.
    const got = JSON.parse((await rawRequest(f.url, 'GET', '/api/v2/alerts')).body) as { labels: { alertname: string }; startsAt: string }[];
    assert.deepEqual(got.map((x) => x.labels.alertname).sort(), ['A', 'C']);
    assert.ok(got.some((x) => x.startsAt === formatDateTime(NOW)));
  } finally {
    await f.close();
  }
});

test('POST /alerts stores the valid alerts of a batch and answers 400 for the rest', async () => {
  const registry = new Registry();
  const marker = new AlertMarker();
  const alerts = new MemAlerts(marker, { now: () => NOW });
  const api = new AlertmanagerAPIv2({
    alerts, marker, registry, now: () => NOW, versionInfo: TEST_VERSION,
    groups: () => ({ groups: [], alertReceivers: new Map() }),
    silences: new Silences({ now: () => NOW }),
    logger: { error: () => undefined },
  });
  api.update({ config: loadAlertmanagerConfig(AM_YML), original: '', setAlertStatus: () => undefined });
  const server = createServer((req, res) => void api.handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const body = JSON.stringify([{ labels: { ok: '1' } }, { labels: { 'bad-name': 'x' } }, { labels: { ok: '2' }, endsAt: '2020-01-01T00:00:00Z' }]);
    const res = await rawRequest(url, 'POST', '/api/v2/alerts', body, JSON_CT);
    assert.equal(res.status, 400);
    assert.equal(res.body, '"invalid label set: invalid name \\"bad-name\\""\n');
    assert.deepEqual(alerts.list().map((a) => a.labels.get('ok')).sort(), ['1', '2']);
    const text = registry.expose();
    assert.match(text, /alertmanager_alerts_received_total\{status="firing",version="v2"\} 2/);
    assert.match(text, /alertmanager_alerts_received_total\{status="resolved",version="v2"\} 1/);
    assert.match(text, /alertmanager_alerts_invalid_total\{version="v2"\} 1/);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('silences: create, update in place, get, expire twice, 404s', async () => {
  const f = await startApiFixture(AM_YML, { now: () => NOW });
  try {
    const sil = {
      matchers: [{ name: 'alertname', value: 'A', isRegex: false }],
      startsAt: formatDateTime(NOW - 1000), endsAt: formatDateTime(NOW + 3_600_000), createdBy: 'me', comment: 'c',
    };
    const created = await rawRequest(f.url, 'POST', '/api/v2/silences', JSON.stringify(sil), JSON_CT);
    assert.equal(created.status, 200);
    const id = (JSON.parse(created.body) as { silenceID: string }).silenceID;
    assert.equal(created.body, `{"silenceID":"${id}"}\n`);
    // An active silence with the same matchers and start keeps its id when its end moves.
    const upd = { ...sil, id, startsAt: formatDateTime(NOW), endsAt: formatDateTime(NOW + 7_200_000), comment: 'longer' };
    const updated = await rawRequest(f.url, 'POST', '/api/v2/silences', JSON.stringify(upd), JSON_CT);
    assert.equal(updated.body, `{"silenceID":"${id}"}\n`);
    const got = await rawRequest(f.url, 'GET', `/api/v2/silence/${id}`);
    assert.equal(
      got.body,
      `{"id":"${id}","status":{"state":"active"},"updatedAt":"${formatDateTime(NOW)}","comment":"longer","createdBy":"me",` +
        `"endsAt":"${formatDateTime(NOW + 7_200_000)}","matchers":[{"isEqual":true,"isRegex":false,"name":"alertname","value":"A"}],` +
        `"startsAt":"${formatDateTime(NOW)}"}\n`,
    );
    assert.equal((await rawRequest(f.url, 'DELETE', `/api/v2/silence/${id}`)).status, 200);
    assert.equal((await rawRequest(f.url, 'DELETE', `/api/v2/silence/${id}`)).status, 200);
    assert.match((await rawRequest(f.url, 'GET', `/api/v2/silence/${id}`)).body, /"state":"expired"/);
    // Updating an expired silence creates a new one.
    const again = await rawRequest(f.url, 'POST', '/api/v2/silences', JSON.stringify({ ...sil, id }), JSON_CT);
    assert.equal(again.status, 200);
    assert.notEqual((JSON.parse(again.body) as { silenceID: string }).silenceID, id);
    const missing = await rawRequest(f.url, 'GET', '/api/v2/silence/6e2eeca9-06ef-467e-9286-e2823f057886');
    assert.deepEqual([missing.status, missing.body, missing.headers['content-type']], [404, '', undefined]);
  } finally {
    await f.close();
  }
});

test('request limits and bad input never crash the server', async () => {
  const f = await startApiFixture(AM_YML, { maxBodyBytes: 64 * 1024 });
  try {
    const big = await rawRequest(f.url, 'POST', '/api/v2/alerts', `[${'{"labels":{"a":"b"}},'.repeat(4000)}{}]`, JSON_CT);
    assert.equal(big.status, 413);
    assert.equal(big.body, '{"code":413,"message":"request body is larger than 65536 bytes"}');
    const bin = await rawRequest(f.url, 'POST', '/api/v2/silences', Buffer.from([0xff, 0xfe, 0x00, 0x7b]), JSON_CT);
    assert.equal(bin.status, 400);
    assert.match(bin.body, /^\{"code":400,"message":"parsing silence body from \\"\\" failed, because invalid character/);
    const nul = await rawRequest(f.url, 'POST', '/api/v2/alerts', '[null, {"labels":{"a":"b"}}]', JSON_CT);
    assert.equal(nul.status, 200);
    const deep = await rawRequest(f.url, 'POST', '/api/v2/alerts', '['.repeat(20000) + ']'.repeat(20000), JSON_CT);
    assert.equal(deep.status, 400);
    assert.match(deep.body, /invalid character '\[' exceeded max depth/);
    assert.equal((await rawRequest(f.url, 'GET', '/api/v2/status')).status, 200);
  } finally {
    await f.close();
  }
});

test('CORS as rs/cors defaults, trailing slashes, HEAD and the route prefix', async () => {
  const f = await startApiFixture(AM_YML);
  try {
    const simple = await rawRequest(f.url, 'GET', '/api/v2/receivers/', null, { Origin: 'http://ui' });
    assert.equal(simple.status, 200);
    assert.equal(simple.headers['access-control-allow-origin'], '*');
    assert.equal(simple.headers.vary, 'Origin');
    assert.equal(simple.body, '[{"name":"default"},{"name":"team-a"},{"name":"team-b"}]\n');
    const pre = await rawRequest(f.url, 'OPTIONS', '/api/v2/alerts', null, {
      Origin: 'http://ui', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type',
    });
    assert.equal(pre.status, 200);
    assert.equal(pre.headers['access-control-allow-methods'], 'POST');
    assert.equal(pre.headers['access-control-allow-headers'], 'Content-Type');
    const head = await rawRequest(f.url, 'HEAD', '/api/v2/receivers');
    assert.deepEqual([head.status, head.headers.allow], [405, 'GET']);
    assert.equal((await rawRequest(f.url, 'GET', '/other')).status, 404);
  } finally {
    await f.close();
  }
  const marker = new AlertMarker();
  const api = new AlertmanagerAPIv2(
    {
      alerts: new MemAlerts(marker), marker, versionInfo: TEST_VERSION, uptime: Date.UTC(2024, 0, 1),
      groups: () => ({ groups: [], alertReceivers: new Map() }),
      silences: new Silences(), logger: { error: () => undefined },
    },
    { prefix: '/am/api/v2' },
  );
  api.update({ config: loadAlertmanagerConfig(AM_YML), original: 'route: {}\n', setAlertStatus: () => undefined });
  const server = createServer((req, res) => {
    void api.handle(req, res).then((ok) => {
      if (!ok) res.writeHead(418).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const st = await rawRequest(url, 'GET', '/am/api/v2/status');
    assert.equal(
      st.body,
      '{"cluster":{"peers":[],"status":"disabled"},"config":{"original":"route: {}\\n"},"uptime":"2024-01-01T00:00:00.000Z",' +
        '"versionInfo":{"branch":"debian/sid","buildDate":"20230409-09:50:43","buildUser":"team+pkg-go@tracker.debian.org",' +
        '"goVersion":"go1.19.8","revision":"0.25.0-1+b4","version":"0.25.0"}}\n',
    );
    assert.equal((await rawRequest(url, 'GET', '/api/v2/status')).status, 418);
    assert.equal((await rawRequest(url, 'GET', '/am/api/v2/nope')).body, '{"code":404,"message":"path /am/api/v2/nope was not found"}');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
