/**
 * amtool's API commands against a fake Alertmanager on loopback (no reference binaries needed):
 * the requests sent (paths, query, bodies as amtool 0.25 sends them), the outputs printed, and
 * the texts of API errors. The expected texts were taken from amtool 0.25.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { amtoolCommand } from './index.js';

interface Seen {
  method: string;
  url: string;
  body: string;
}

const seen: Seen[] = [];
let server: Server;
let base = '';

const ALERTS = [
  { annotations: { summary: 'disk full' }, endsAt: '2030-01-01T00:05:00.000Z', fingerprint: 'f1', receivers: [{ name: 'r' }],
    startsAt: '2030-01-01T00:00:00.000+02:00', status: { inhibitedBy: [], silencedBy: ['s1'], state: 'suppressed' },
    updatedAt: '2030-01-01T00:00:00.000Z', labels: { alertname: 'Disk', instance: 'a:1' } },
  { annotations: {}, endsAt: '2030-01-01T00:05:00.000Z', fingerprint: 'f2', receivers: [{ name: 'r' }],
    startsAt: '2029-12-31T23:00:00.123456Z', status: { inhibitedBy: [], silencedBy: [], state: 'active' },
    updatedAt: '2030-01-01T00:00:00.000Z', generatorURL: 'http://prom/graph', labels: { alertname: 'Up' } },
];

const SILENCE = { id: 'b1405221-6220-467a-be8d-585497ee8925', status: { state: 'active' }, updatedAt: '2030-01-01T00:00:00.000Z',
  comment: 'maintenance', createdBy: 'bob', endsAt: '2099-01-01T00:00:00.000Z',
  matchers: [{ isEqual: true, isRegex: false, name: 'alertname', value: 'Disk' }, { isEqual: false, isRegex: true, name: 'x', value: 'a|b' }],
  startsAt: '2030-01-01T00:00:00.000Z' };

function answer(method: string, url: string, body: string): [number, unknown] {
  if (url.startsWith('/api/v2/status')) return [200, { versionInfo: { version: '0.25.0' }, cluster: { status: 'disabled', peers: [] } }];
  if (url.startsWith('/api/v2/alerts') && method === 'GET') return [200, ALERTS];
  if (url.startsWith('/api/v2/alerts')) return body.includes('bad') ? [400, 'bad alert'] : [200, ''];
  if (url.startsWith('/api/v2/silences') && method === 'GET') return [200, [SILENCE]];
  if (url.startsWith('/api/v2/silences')) return [200, { silenceID: '11111111-2222-3333-4444-555555555555' }];
  if (url.startsWith('/api/v2/silence/') && method === 'DELETE') return [500, 'silence not found'];
  if (url.startsWith('/api/v2/silence/')) return [404, ''];
  return [404, ''];
}

before(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => void (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body });
      const [status, payload] = answer(req.method ?? '', req.url ?? '', body);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(payload === '' ? '' : JSON.stringify(payload));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`;
});

after(() => {
  server.close();
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  seen.length = 0;
  const code = await amtoolCommand([`--alertmanager.url=${base}`, ...args], { out: (s) => void (out += s), err: (s) => void (err += s) });
  return { code, out, err };
}

test('alert query: request and the three formats', async () => {
  const simple = await run('alert', 'Disk', '-s', '-r', 'r.*');
  assert.deepEqual(seen.map((s) => s.url), ['/api/v2/status',
    '/api/v2/alerts?active=false&filter=alertname%3DDisk&inhibited=false&receiver=r.%2A&silenced=true&unprocessed=false']);
  assert.equal(simple.out, 'Alertname  Starts At                  Summary    State       \n'
    + 'Disk       2030-01-01 00:00:00 +0200  disk full  suppressed  \n'
    + 'Up         2029-12-31 23:00:00 UTC               active      \n');
  const ext = await run('alert', '-o', 'extended', '--date.format=15:04:05.000 MST');
  const row = (cells: string[], widths: number[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('');
  const widths = [33, 21, 20, 18, 19, 12];
  assert.equal(ext.out.split('\n')[2], row(['alertname="Up"', '', '23:00:00.123 UTC', '00:05:00.000 UTC', 'http://prom/graph', 'active'], widths));
  assert.equal(ext.out.split('\n')[0], row(['Labels', 'Annotations', 'Starts At', 'Ends At', 'Generator URL', 'State'], widths));
  const json = await run('alert', '-o', 'json');
  assert.equal(json.out, `${JSON.stringify(ALERTS).replace('"startsAt":"2029-12-31T23:00:00.123456Z"', '"startsAt":"2029-12-31T23:00:00.123Z"')}\n`);
});

test('alert add: the posted alert', async () => {
  const r = await run('--no-version-check', 'alert', 'add', 'Disk', 'node=a', '--annotation=summary=<full>', '--start=2030-01-01T00:00:00+02:00');
  assert.deepEqual(r, { code: 0, out: '', err: '' });
  assert.deepEqual(seen, [{ method: 'POST', url: '/api/v2/alerts', body: '[{"annotations":{"summary":"\\u003cfull\\u003e"},'
    + '"endsAt":"0001-01-01T00:00:00.000Z","startsAt":"2030-01-01T00:00:00.000+02:00","labels":{"alertname":"Disk","node":"a"}}]\n' }]);
  const bad = await run('--no-version-check', 'alert', 'add', 'bad');
  assert.deepEqual(bad, { code: 1, out: '', err: 'amtool: error: [POST /alerts][400] postAlertsBadRequest  bad alert\n\n' });
});

test('silence add, query, expire, update', async () => {
  const add = await run('--no-version-check', 'silence', 'add', 'Disk', 'x=~a|b', '-c', 'why', '-a', 'me', '--start=2030-01-01T00:00:00Z', '-d', '1d');
  assert.deepEqual(add, { code: 0, out: '11111111-2222-3333-4444-555555555555\n', err: '' });
  assert.equal(seen[0]?.body, '{"comment":"why","createdBy":"me","endsAt":"2030-01-02T00:00:00.000Z","matchers":['
    + '{"isEqual":true,"isRegex":false,"name":"alertname","value":"Disk"},{"isEqual":true,"isRegex":true,"name":"x","value":"a|b"}],'
    + '"startsAt":"2030-01-01T00:00:00.000Z"}\n');
  const q = await run('silence');
  assert.equal(q.out, 'ID                                    Matchers                   Ends At                  Created By  Comment      \n'
    + 'b1405221-6220-467a-be8d-585497ee8925  alertname="Disk" x!~"a|b"  2099-01-01 00:00:00 UTC  bob         maintenance  \n');
  assert.deepEqual(await run('silence', 'query', '--expired', '-q'), { code: 0, out: '', err: '' });
  assert.deepEqual(await run('silence', '-q', '--within', '1h'), { code: 0, out: '', err: '' });
  const exp = await run('silence', 'expire', 'abc');
  assert.deepEqual(exp, { code: 1, out: '', err: 'amtool: error: [DELETE /silence/{silenceID}][500] deleteSilenceInternalServerError  silence not found\n\n' });
  const upd = await run('silence', 'update', 'abc', '-c', 'x');
  assert.deepEqual(upd, { code: 1, out: '', err: 'amtool: error: [GET /silence/{silenceID}][404] getSilenceNotFound \n\n' });
});

test('a version mismatch is a warning; cluster show', async () => {
  const r = await run('cluster', '-o', 'extended');
  assert.deepEqual(r, { code: 0, out: 'Cluster Status:  disabled\nNode Name:       \n\nAddress  Name\n', err: '' });
});

test('transport errors name the request as Go does', async () => {
  let err = '';
  const code = await amtoolCommand(['--alertmanager.url=http://127.0.0.1:1/am', 'silence', 'expire', 'a b'], { out: () => undefined, err: (s) => void (err += s) });
  assert.equal(code, 1);
  assert.equal(err, 'amtool: error: Delete "http://127.0.0.1:1/am/api/v2/silence/a%20b": dial tcp 127.0.0.1:1: connect: connection refused\n\n');
});
