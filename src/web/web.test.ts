import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import { Registry } from '../instrument/index.js';
import { Logger } from '../log/index.js';
import { Engine } from '../promql/engine/index.js';
import { MemoryStorage } from '../storage/memory/index.js';
import { ReadyState, WebHandler, type WebHandlerOptions } from './index.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function withServer(o: Partial<WebHandlerOptions>, fn: (base: string, h: WebHandler, opts: WebHandlerOptions) => Promise<void>): Promise<void> {
  const storage = new MemoryStorage();
  const opts: WebHandlerOptions = {
    routePrefix: '/',
    externalPath: '',
    api: { queryable: storage, engine: new Engine() },
    federate: { queryable: storage },
    registry: new Registry(),
    ready: new ReadyState(),
    enableLifecycle: true,
    reload: async () => null,
    quit: () => {},
    buildInfo: { version: '1', revision: '', branch: '', buildUser: '', buildDate: '', goVersion: '' },
    logger: Logger.nop(),
    ...o,
  };
  const h = new WebHandler(opts);
  const srv = http.createServer(h.handle);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const a = srv.address();
  const port = typeof a === 'object' && a !== null ? a.port : 0;
  try {
    await fn(`http://127.0.0.1:${port}`, h, opts);
  } finally {
    srv.closeAllConnections();
    await new Promise<void>((r) => srv.close(() => r()));
  }
}

async function call(url: string, method = 'GET'): Promise<Reply> {
  const r = await fetch(url, { method, redirect: 'manual' });
  return { status: r.status, headers: Object.fromEntries(r.headers), body: await r.text() };
}

test('readiness gates /-/ready, /federate and the API with 503 until ready', async () => {
  await withServer({}, async (base, _h, o) => {
    for (const p of ['/-/ready', '/federate?match[]=up', '/api/v1/query?query=1']) {
      const r = await call(base + p);
      assert.equal(r.status, 503, p);
      assert.equal(r.body, 'Service Unavailable');
      assert.equal(r.headers['x-prometheus-stopping'], 'false');
    }
    assert.equal((await call(base + '/-/healthy')).status, 200);
    assert.equal((await call(base + '/api/v1/status/walreplay')).status, 200);
    o.ready.set('ready');
    assert.equal((await call(base + '/-/ready')).body, 'Vigil Server is Ready.\n');
    assert.equal((await call(base + '/api/v1/query?query=1')).status, 200);
    o.ready.set('stopping');
    const s = await call(base + '/-/ready');
    assert.equal(s.status, 503);
    assert.equal(s.headers['x-prometheus-stopping'], 'true');
  });
});

test('a route prefix moves every route under it; the root redirects there', async () => {
  await withServer({ routePrefix: '/prom' }, async (base, _h, o) => {
    o.ready.set('ready');
    assert.equal((await call(base + '/prom/-/ready')).status, 200);
    assert.equal((await call(base + '/prom/api/v1/query?query=1')).status, 200);
    assert.equal((await call(base + '/prom/metrics')).status, 200);
    assert.equal((await call(base + '/metrics')).status, 404);
    assert.equal((await call(base + '/api/v1/query?query=1')).status, 404);
    const root = await call(base + '/');
    assert.equal(root.status, 302);
    assert.equal(root.headers['location'], '/prom');
  });
});

test('lifecycle endpoints: reload errors answer 500, quit answers once', async () => {
  let quits = 0;
  let fail = true;
  await withServer(
    { reload: async () => (fail ? 'couldn\'t load configuration (--config.file="x"): boom' : null), quit: () => quits++ },
    async (base) => {
      const bad = await call(base + '/-/reload', 'POST');
      assert.equal(bad.status, 500);
      assert.equal(bad.body, 'failed to reload config: couldn\'t load configuration (--config.file="x"): boom\n');
      fail = false;
      assert.equal((await call(base + '/-/reload', 'PUT')).status, 200);
      assert.equal((await call(base + '/-/quit', 'POST')).body, 'Requesting termination... Goodbye!');
      assert.equal((await call(base + '/-/quit', 'POST')).body, 'Termination already in progress.');
      assert.equal(quits, 1);
    },
  );
});

test('requests are counted by route pattern, not raw path', async () => {
  await withServer({}, async (base, _h, o) => {
    o.ready.set('ready');
    await call(base + '/api/v1/label/job/values');
    await call(base + '/api/v1/label/instance/values');
    await call(base + '/not/routed');
    const text = o.registry.expose();
    assert.match(text, /^prometheus_http_requests_total\{code="200",handler="\/api\/v1\/label\/:name\/values"\} 2$/m);
    assert.doesNotMatch(text, /not\/routed/);
  });
});
