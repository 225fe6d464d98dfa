import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultHTTPClientConfig, type HTTPSDConfig } from '../../config/index.js';
import { FakeClock } from '../fake-clock.js';
import type { TargetGroup } from '../targetgroup/index.js';
import { HTTPDiscoverer } from './http-sd.js';

type Handler = (res: ServerResponse, headers: IncomingHttpHeaders, path: string) => void;

async function withServer(handler: { current: Handler }, fn: (base: string) => Promise<void>): Promise<void> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((req, res) => handler.current(res, req.headers, req.url ?? ''));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  try {
    await fn(`http://127.0.0.1:${port}`);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

function cfg(url: string, over: Partial<HTTPSDConfig> = {}): HTTPSDConfig {
  return { mechanism: 'http', ...defaultHTTPClientConfig(), refresh_interval: 60_000, url, ...over };
}

function json(res: ServerResponse, body: unknown, type = 'application/json'): void {
  res.writeHead(200, { 'content-type': type });
  res.end(JSON.stringify(body));
}

const opts = { logger: { info: () => {}, warn: () => {}, error: () => {} }, clock: new FakeClock(), userAgent: 'Vigil/test' };

function view(groups: TargetGroup[]): string[] {
  return groups.map((g) => `${g.source} ${g.targets.map((t) => t.get('__address__')).join(',')} ${g.labels.toString()}`);
}

test('http_sd: groups, headers, auth, and empty groups for sources that went away', async () => {
  let seen: IncomingHttpHeaders = {};
  let answer: unknown = [{ targets: ['a:1', 'b:2'], labels: { env: 'x' } }, { targets: ['c:3'] }];
  const handler = {
    current: ((res, headers) => {
      seen = headers;
      json(res, answer, 'application/json; charset=utf-8');
    }) as Handler,
  };
  await withServer(handler, async (base) => {
    const url = `${base}/sd`;
    const d = new HTTPDiscoverer(
      cfg(url, { refresh_interval: 15_000, basic_auth: { username: 'u', password: 'p', username_file: '', username_ref: '', password_file: '', password_ref: '' } }),
      opts,
    );
    const ac = new AbortController();
    const first = await d.refresh(ac.signal);
    assert.deepEqual(view(first), [`${url}:0 a:1,b:2 {__meta_url="${url}", env="x"}`, `${url}:1 c:3 {__meta_url="${url}"}`]);
    assert.equal(seen['accept'], 'application/json');
    assert.equal(seen['x-prometheus-refresh-interval-seconds'], '15');
    assert.equal(seen['user-agent'], 'Vigil/test');
    assert.equal(seen['authorization'], 'Basic ' + Buffer.from('u:p').toString('base64'));
    answer = [{ targets: ['z:9'] }];
    assert.deepEqual(view(await d.refresh(ac.signal)), [`${url}:0 z:9 {__meta_url="${url}"}`, `${url}:1  {}`]);
  });
});

test('http_sd: upstream checks on status, content type and body', async () => {
  const handler = { current: ((res) => json(res, [])) as Handler };
  await withServer(handler, async (base) => {
    const d = new HTTPDiscoverer(cfg(`${base}/sd`), opts);
    const signal = new AbortController().signal;
    handler.current = (res): void => {
      res.writeHead(500);
      res.end('boom');
    };
    await assert.rejects(d.refresh(signal), { message: 'server returned HTTP status 500 Internal Server Error' });
    handler.current = (res): void => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('[]');
    };
    await assert.rejects(d.refresh(signal), { message: 'unsupported content type "text/plain"' });
    handler.current = (res): void => json(res, [{ targets: ['a:1'], bogus: 1 }]);
    await assert.rejects(d.refresh(signal), /unknown field "bogus"/);
    handler.current = (res): void => json(res, [null]);
    await assert.rejects(d.refresh(signal), /nil target group item found/);
  });
});

test('http_sd: a hanging server times out after refresh_interval; failures keep the last groups', async () => {
  let hang = false;
  const handler = {
    current: ((res) => {
      if (!hang) json(res, [{ targets: ['a:1'] }]);
    }) as Handler,
  };
  await withServer(handler, async (base) => {
    const errors: string[] = [];
    const clock = new FakeClock();
    const d = new HTTPDiscoverer(cfg(`${base}/sd`, { refresh_interval: 200 }), {
      ...opts,
      clock,
      logger: { info: () => {}, warn: () => {}, error: (m, f) => errors.push(`${m}: ${String(f?.['err'])}`) },
    });
    const ups: TargetGroup[][] = [];
    const ac = new AbortController();
    const done = d.run(ac.signal, (g) => ups.push(g));
    const deadline = Date.now() + 5000;
    while (ups.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(ups.length, 1);
    hang = true;
    clock.advance(200);
    while (errors.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.match(errors[0] ?? '', /^Unable to refresh target groups: Get "http:\/\/127\.0\.0\.1:\d+\/sd": context deadline exceeded/);
    assert.equal(ups.length, 1);
    ac.abort();
    await done;
  });
});
