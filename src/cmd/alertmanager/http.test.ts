import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from '../../instrument/index.js';
import { AlertmanagerHttp, type AlertmanagerHttpOptions, type HttpHandler } from './http.js';

const quiet = { info: (): void => undefined, warn: (): void => undefined, error: (): void => undefined };

async function withServer(o: Partial<AlertmanagerHttpOptions>, fn: (base: string) => Promise<void>): Promise<void> {
  const h = new AlertmanagerHttp({
    routePrefix: '/',
    registry: new Registry(),
    reload: async () => null,
    apiV2: () => null,
    getConcurrency: 0,
    timeout: 0,
    logger: quiet,
    ...o,
  });
  const srv = http.createServer(h.handle);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  try {
    await fn(`http://127.0.0.1:${(srv.address() as AddressInfo).port}`);
  } finally {
    srv.closeAllConnections();
    await new Promise<void>((r) => srv.close(() => r()));
  }
}

async function get(url: string, method = 'GET'): Promise<{ status: number; body: string; headers: Headers }> {
  const r = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(5000) });
  return { status: r.status, body: await r.text(), headers: r.headers };
}

test('health, readiness, metrics and the index page at the root prefix', async () => {
  await withServer({}, async (base) => {
    assert.deepEqual((({ status, body }) => ({ status, body }))(await get(`${base}/-/healthy`)), { status: 200, body: 'OK' });
    assert.deepEqual((({ status, body }) => ({ status, body }))(await get(`${base}/-/ready`)), { status: 200, body: 'OK' });
    assert.equal((await get(`${base}/-/healthy`, 'HEAD')).status, 200);
    const idx = await get(`${base}/`);
    assert.equal(idx.status, 200);
    assert.match(idx.headers.get('content-type') ?? '', /text\/html/);
    const m = await get(`${base}/metrics`);
    assert.equal(m.status, 200);
    assert.match(m.body, /alertmanager_http_request_duration_seconds_count\{handler="\/-\/healthy",method="get"\} 1/);
    assert.match(m.body, /alertmanager_http_requests_in_flight\{method="get"\}/);
    const nf = await get(`${base}/nope`);
    assert.deepEqual([nf.status, nf.body], [404, '404 page not found\n']);
    const na = await get(`${base}/-/reload`);
    assert.deepEqual([na.status, na.body], [405, 'Method Not Allowed\n']);
  });
});

test('POST /-/reload answers 200, or 500 with the error text', async () => {
  let err: string | null = null;
  await withServer({ reload: async () => err }, async (base) => {
    const ok = await get(`${base}/-/reload`, 'POST');
    assert.deepEqual([ok.status, ok.body], [200, '']);
    err = 'root route must specify a default receiver';
    const bad = await get(`${base}/-/reload`, 'POST');
    assert.deepEqual([bad.status, bad.body], [500, 'failed to reload config: root route must specify a default receiver\n']);
  });
});

test('a route prefix moves every route and "/" redirects to it; /api/v2 goes to the API handler', async () => {
  const seen: string[] = [];
  const api: HttpHandler = (req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  };
  await withServer({ routePrefix: '/am', apiV2: () => api }, async (base) => {
    const r = await get(`${base}/`);
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), '/am');
    assert.equal((await get(`${base}/am/-/healthy`)).status, 200);
    assert.equal((await get(`${base}/-/healthy`)).status, 404);
    assert.equal((await get(`${base}/am`)).status, 200);
    const a = await get(`${base}/am/api/v2/status?x=1`);
    assert.deepEqual([a.status, a.body], [200, '{}']);
    assert.deepEqual(seen, ['/api/v2/status?x=1']);
  });
});

test('GET concurrency limit answers 503 and the --web.timeout cuts slow requests', async () => {
  const release: (() => void)[] = [];
  const slow: HttpHandler = (_req, res) =>
    new Promise<void>((r) => {
      release.push(() => {
        res.end('late');
        r();
      });
    });
  await withServer({ apiV2: () => slow, getConcurrency: 1, timeout: 300 }, async (base) => {
    const first = get(`${base}/api/v2/alerts`);
    await new Promise((r) => setTimeout(r, 50));
    const second = await get(`${base}/api/v2/alerts`);
    assert.equal(second.status, 503);
    assert.equal(second.body, 'Limit of concurrent GET requests reached (1), try again later.\n\n');
    const f = await first;
    assert.deepEqual([f.status, f.body], [503, 'Exceeded configured timeout of 300ms.\n']);
    for (const r of release) r();
  });
});
