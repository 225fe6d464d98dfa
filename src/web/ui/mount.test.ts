import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Registry } from '../../instrument/index.js';
import { Logger } from '../../log/index.js';
import { Engine } from '../../promql/engine/index.js';
import { MemoryStorage } from '../../storage/memory/index.js';
import { ReadyState, WebHandler, type ExtraHandler } from '../index.js';
import { createUiHandler } from './index.js';

async function serve(routePrefix: string, extraHandlers: ExtraHandler[], fn: (base: string) => Promise<void>): Promise<void> {
  const storage = new MemoryStorage();
  const ready = new ReadyState();
  ready.set('ready');
  const h = new WebHandler({
    routePrefix,
    externalPath: routePrefix === '/' ? '' : routePrefix,
    api: { queryable: storage, engine: new Engine() },
    federate: { queryable: storage },
    registry: new Registry(),
    ready,
    enableLifecycle: false,
    reload: async () => null,
    quit: () => {},
    buildInfo: { version: '1', revision: '', branch: '', buildUser: '', buildDate: '', goVersion: '' },
    logger: Logger.nop(),
    extraHandlers,
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

async function get(url: string, method = 'GET'): Promise<{ status: number; body: string; type: string }> {
  const r = await fetch(url, { method, redirect: 'manual' });
  return { status: r.status, body: await r.text(), type: r.headers.get('content-type') ?? '' };
}

test('extra handlers: tried in order after the built-in routes, with the prefix-relative path', async () => {
  const seen: string[] = [];
  const grafana: ExtraHandler = (req, res, rel) => {
    seen.push(`${req.method ?? ''} ${rel}`);
    if (!rel.startsWith('/api/dashboards/')) return false;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"grafana":true}');
    return true;
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ui-mount-'));
  try {
    fs.writeFileSync(path.join(dir, 'index.html'), '<html><head><!--VIGIL_SETTINGS--></head></html>');
    const ui = createUiHandler({ mode: 'prometheus', prefix: '/prom', version: '1', root: dir });
    await serve('/prom', [grafana, ui], async (base) => {
      const root = await get(`${base}/prom`);
      assert.equal(root.status, 200);
      assert.match(root.body, /"prefix":"\/prom"/);
      assert.match((await get(`${base}/prom/graph`)).body, /window\.__VIGIL__/);
      assert.equal((await get(`${base}/prom/api/dashboards/db`, 'POST')).body, '{"grafana":true}');
      // Built-in routes win; unknown API paths stay 404s; outside the prefix nothing is served.
      assert.match((await get(`${base}/prom/metrics`)).body, /prometheus_http_requests_total/);
      assert.equal((await get(`${base}/prom/api/v1/nope`)).status, 404);
      const other = await get(`${base}/prom/api/other`);
      assert.deepEqual([other.status, other.body], [404, '404 page not found\n']);
      assert.equal((await get(`${base}/graph`)).status, 404);
      assert.equal((await get(`${base}/`)).status, 302);
      assert.ok(seen.includes('POST /api/dashboards/db') && seen.includes('GET /graph') && !seen.some((s) => s.includes('metrics')));
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('without extra handlers the landing page stays at "/"', async () => {
  await serve('/', [], async (base) => {
    const r = await get(`${base}/`);
    assert.equal(r.status, 200);
    assert.match(r.type, /text\/html/);
    assert.equal((await get(`${base}/query`)).status, 404);
  });
});
