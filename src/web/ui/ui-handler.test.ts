import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createUiHandler, isApiPath, type UiHandlerOptions } from './index.js';

const SECRET = 'top-secret-outside-dist';
const INDEX = '<!doctype html><html><head><!--VIGIL_SETTINGS--><script type="module" src="./assets/app-abc123.js"></script></head><body><div id="app"></div></body></html>';
const APP_JS = `console.log(${JSON.stringify('x'.repeat(4000))});\n`;

let tmp = '';
let dist = '';

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-ui-test-'));
  dist = path.join(tmp, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), APP_JS);
  fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.css'), 'body{color:red}');
  fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
  fs.writeFileSync(path.join(dist, '.env'), SECRET);
  fs.writeFileSync(path.join(tmp, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(dist, 'link.txt'));
  fs.symlinkSync(tmp, path.join(dist, 'up'));
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Serves the handler with the raw request path (no URL normalisation) as `rel`, as a 404 when it passes. */
async function withUi(o: Partial<UiHandlerOptions>, fn: (get: (p: string, h?: Record<string, string>, method?: string) => Promise<Reply>) => Promise<void>): Promise<void> {
  const ui = createUiHandler({ mode: 'prometheus', prefix: '/prom', version: '9.9.9', root: dist, ...o });
  const srv = http.createServer((req, res) => {
    ui(req, res, (req.url ?? '/').split('?')[0] ?? '/').then(
      (served) => {
        if (!served) {
          res.writeHead(404);
          res.end('passed');
        }
      },
      () => {
        res.writeHead(500);
        res.end('threw');
      },
    );
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  const get = (p: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: p, method, headers, agent: false }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      });
      req.on('error', reject);
      req.end();
    });
  try {
    await fn(get);
  } finally {
    srv.closeAllConnections();
    await new Promise<void>((r) => srv.close(() => r()));
  }
}

test('index.html at the root: settings injected, revalidated on every load', async () => {
  await withUi({}, async (get) => {
    for (const p of ['/', '/index.html']) {
      const r = await get(p);
      assert.equal(r.status, 200, p);
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(r.headers['cache-control'], 'no-cache');
      const html = r.body.toString();
      assert.match(html, /window\.__VIGIL__ = \{"mode":"prometheus","prefix":"\/prom","version":"9\.9\.9"\}/);
      assert.match(html, /src="\/prom\/assets\/app-abc123\.js"/);
      assert.ok(!html.includes('<!--VIGIL_SETTINGS-->'));
    }
  });
});

test('files with their content types; hashed assets cached for a year; gzip when accepted', async () => {
  await withUi({}, async (get) => {
    const js = await get('/assets/app-abc123.js');
    assert.equal(js.status, 200);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(js.headers['x-content-type-options'], 'nosniff');
    assert.equal(js.headers['content-encoding'], undefined);
    assert.equal(js.body.toString(), APP_JS);
    const z = await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    assert.equal(z.headers['content-encoding'], 'gzip');
    assert.equal(z.headers['vary'], 'Accept-Encoding');
    assert.ok(z.body.length < APP_JS.length / 10);
    assert.equal(gunzipSync(z.body).toString(), APP_JS);
    assert.equal((await get('/assets/app-abc123.js', { 'Accept-Encoding': 'gzip;q=0' })).headers['content-encoding'], undefined);
    const css = await get('/assets/app-abc123.css');
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    const svg = await get('/favicon.svg');
    assert.equal(svg.headers['content-type'], 'image/svg+xml');
    assert.equal(svg.headers['cache-control'], 'no-cache');
    const again = await get('/assets/app-abc123.js', { 'If-None-Match': String(js.headers['etag']) });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const head = await get('/assets/app-abc123.js', {}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(Buffer.byteLength(APP_JS)));
    assert.equal(head.body.length, 0);
  });
});

test('SPA fallback: the app\'s page paths get index.html; API paths, missing assets and other methods pass', async () => {
  await withUi({}, async (get) => {
    for (const p of ['/query', '/graph', '/targets', '/d/abc/my-dashboard', '/dashboards']) {
      const r = await get(`${p}?g0.expr=up`);
      assert.equal(r.status, 200, p);
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(r.body.toString(), /window\.__VIGIL__/, p);
    }
    // Not a page of the app: the app (showing its "Not found") with upstream's status.
    for (const p of ['/no/such/page', '/silences/new', '/querys']) {
      const r = await get(p);
      assert.equal(r.status, 404, p);
      assert.match(r.body.toString(), /window\.__VIGIL__/, p);
    }
    for (const p of ['/api/v1/query', '/api/dashboards/db', '/api', '/-/ready', '/metrics', '/federate', '/version', '/debug/pprof', '/assets/gone-123.js', '/gone.css', '/favicon.ico']) {
      assert.equal((await get(p)).status, 404, p);
    }
    assert.equal((await get('/query', {}, 'POST')).status, 404);
    assert.equal((await get('/', {}, 'DELETE')).status, 404);
  });
  assert.ok(isApiPath('/api/v1/query') && isApiPath('/-/healthy') && isApiPath('/metrics') && !isApiPath('/alerts') && !isApiPath('/apis'));
});

test('alertmanager mode: the app at the root only (hash routes), no fallback', async () => {
  await withUi({ mode: 'alertmanager', prefix: '' }, async (get) => {
    const r = await get('/');
    assert.match(r.body.toString(), /"mode":"alertmanager","prefix":""/);
    assert.match(r.body.toString(), /src="\/assets\/app-abc123\.js"/);
    assert.equal((await get('/assets/app-abc123.js')).status, 200);
    assert.equal((await get('/alerts')).status, 404);
  });
});

test('never serves anything outside ui/dist', async () => {
  await withUi({}, async (get) => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2E%2E%2F%2E%2E%2Fsecret.txt',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/link.txt',
      '/up/secret.txt',
      '/.env',
      '/assets/%00.js',
      '/%E0%A4%A',
      '/' + encodeURIComponent(path.join(tmp, 'secret.txt')),
    ];
    for (const p of attempts) {
      const r = await get(p);
      assert.ok(r.status === 404 || r.status === 200, `${p}: ${r.status}`);
      const body = r.body.toString();
      assert.ok(!body.includes(SECRET), `${p} leaked the file`);
      assert.ok(!body.includes('root:'), `${p} leaked /etc/passwd`);
      assert.ok(body === 'passed' || body.includes('window.__VIGIL__'), `${p} is the app or nothing: ${body.slice(0, 80)}`);
    }
  });
});

test('without ui/dist: a page saying how to build the UI, never a crash', async () => {
  await withUi({ root: path.join(tmp, 'not-built') }, async (get) => {
    for (const [p, status] of [['/', 200], ['/query', 200], ['/nope', 404]] as const) {
      const r = await get(p);
      assert.equal(r.status, status, p);
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(r.body.toString(), /The web UI was not built.*npm run build:ui/);
    }
    assert.equal((await get('/assets/app-abc123.js')).status, 404);
  });
});
