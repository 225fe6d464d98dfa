/**
 * `vigil server` under load: a burst of 1,000 concurrent API requests, slow and never-ending
 * clients (the server keeps answering others and its memory stays bounded), and an expensive
 * query that hits --query.max-samples / --query.timeout instead of exhausting memory.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { eventually, job, queryVector, request, sleep, startServer, stopAll, type ServerProcess } from './harness.js';

let srv: ServerProcess;

before(async () => {
  srv = await startServer({
    config: `global:\n  scrape_interval: 1s\nscrape_configs:\n${job('vigil', '$SELF')}`,
    args: ['--query.max-samples=100000', '--query.timeout=2s'],
  });
  await eventually(async () => {
    const v = await queryVector(srv.url, 'count_over_time(up[1m])');
    return v.length === 1 && Number(v[0]?.value[1]) >= 2 ? v : null;
  }, 20_000, 'two scrapes of vigil itself');
});

after(async () => {
  try {
    await srv.stop();
  } finally {
    await stopAll();
  }
});

function rssKiB(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : 0;
}

function pid(): number {
  const p = srv.proc.pid;
  assert.ok(p !== undefined);
  return p;
}

test('a burst of 1,000 concurrent requests is answered in full', async () => {
  const agent = new http.Agent({ keepAlive: false, maxSockets: 1000 });
  const now = Math.floor(Date.now() / 1000);
  const q = (e: string): string => `/api/v1/query?query=${encodeURIComponent(e)}`;
  const paths = [
    q('up'),
    q('topk(3, sum by (handler) (rate(prometheus_http_request_duration_seconds_bucket[1m])))'),
    `/api/v1/query_range?query=${encodeURIComponent('rate(prometheus_http_requests_total[30s])')}&start=${now - 60}&end=${now}&step=1`,
    '/api/v1/labels',
    '/metrics',
  ];
  const statuses = new Map<string, number>();
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: 1000 }, (_, i) => {
      const p = paths[i % paths.length] ?? '/metrics';
      return new Promise<number>((resolve) => {
        const req = http.get(`${srv.url}${p}`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(-1));
        });
        req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
        req.on('error', (e: NodeJS.ErrnoException) => {
          statuses.set(e.code ?? e.message, (statuses.get(e.code ?? e.message) ?? 0) + 1);
          resolve(-1);
        });
      });
    }),
  );
  const ms = performance.now() - t0;
  agent.destroy();
  for (const s of results) if (s !== -1) statuses.set(String(s), (statuses.get(String(s)) ?? 0) + 1);
  console.log(`load: 1000 concurrent requests in ${ms.toFixed(0)} ms; outcomes ${JSON.stringify(Object.fromEntries(statuses))}; RSS ${(rssKiB(pid()) / 1024).toFixed(0)} MiB`);
  assert.deepEqual(Object.fromEntries(statuses), { '200': 1000 });
  assert.equal(srv.proc.exitCode, null);
  const h = await request(`${srv.url}/-/healthy`);
  assert.equal(h.status, 200);
});

/** Latency of a cheap query while something else is going on. */
async function probeLatency(n: number): Promise<number> {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await request(`${srv.url}/api/v1/query?query=up`, { timeoutMs: 5000 });
    assert.equal(r.status, 200);
    worst = Math.max(worst, performance.now() - t);
  }
  return worst;
}

test('50 slowloris clients do not stall other requests', async () => {
  const socks: net.Socket[] = [];
  for (let i = 0; i < 50; i++) {
    const s = net.connect(srv.port, '127.0.0.1');
    s.on('error', () => undefined);
    socks.push(s);
  }
  await Promise.all(socks.map((s) => new Promise<void>((r) => (s.connecting ? s.once('connect', () => r()) : r()))));
  const line = 'GET /api/v1/query?query=up HTTP/1.1\r\nHost: 127.0.0.1\r\n';
  let i = 0;
  const drip = setInterval(() => {
    for (const s of socks) if (!s.destroyed) s.write(i < line.length ? line[i] ?? 'x' : 'X-Slow: y\r\n'.slice(0, 1));
    i++;
  }, 50);
  try {
    await sleep(300);
    const worst = await probeLatency(20);
    console.log(`load: with 50 slow clients, worst latency of 20 queries ${worst.toFixed(0)} ms`);
    assert.ok(worst < 1000, `worst latency ${worst} ms`);
  } finally {
    clearInterval(drip);
    for (const s of socks) s.destroy();
  }
});

test('a never-ending POST body is cut at 10 MB with a 400 and memory stays bounded', async () => {
  const before = rssKiB(pid());
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKiB(pid()))), 50);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  try {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${srv.url}/api/v1/query`, {
        method: 'POST',
        agent: false,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' },
      });
      let done = false;
      const pump = (): void => {
        // Stream until the server answers (or 200 MB, which upstream would never read).
        while (!done && sent < 200 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
      };
      req.on('response', (r) => {
        done = true;
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () => {
          resolve({ status: r.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') });
          req.destroy();
        });
      });
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (done) return;
        // The server may close the socket after its 400 while we are still writing: the client
        // then sees EPIPE/ECONNRESET before it parses the response. The body was still cut off.
        if (e.code === 'EPIPE' || e.code === 'ECONNRESET') {
          done = true;
          resolve({ status: 400, body: `(connection closed by the server: ${e.code})` });
          return;
        }
        reject(e);
      });
      req.setTimeout(20_000, () => req.destroy(new Error('no response to a never-ending body')));
      req.write('query=up&x=');
      pump();
    });
    await sleep(200);
    console.log(`load: never-ending POST answered ${res.status} after ${(sent / 1048576).toFixed(0)} MiB sent; RSS ${(before / 1024).toFixed(0)} -> peak ${(peak / 1024).toFixed(0)} MiB; body ${res.body.trim()}`);
    assert.ok(res.status === 400 || res.status === 413, `status ${res.status}: ${res.body}`);
    assert.ok(sent < 100 * 1024 * 1024, `server read ${sent} bytes before answering`);
    assert.ok(peak - before < 200 * 1024, `RSS grew by ${(peak - before) / 1024} MiB`);
  } finally {
    clearInterval(sampler);
  }
  assert.equal(srv.proc.exitCode, null);
  assert.equal((await request(`${srv.url}/-/healthy`)).status, 200);
});

test('an expensive query hits the sample limit or the timeout, not memory', async () => {
  const before = rssKiB(pid());
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKiB(pid()))), 50);
  const t0 = performance.now();
  let r;
  try {
    r = await request(`${srv.url}/api/v1/query?query=${encodeURIComponent('count_over_time({__name__=~".+"}[10m:1ms])')}`, { timeoutMs: 20_000 });
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - t0;
  console.log(`load: expensive query answered ${r.status} in ${ms.toFixed(0)} ms; RSS ${(before / 1024).toFixed(0)} -> peak ${(peak / 1024).toFixed(0)} MiB; ${r.body}`);
  const body = JSON.parse(r.body) as { status: string; errorType?: string; error?: string };
  assert.equal(body.status, 'error');
  if (r.status === 422) {
    assert.equal(body.errorType, 'execution');
    assert.equal(body.error, 'query processing would load too many samples into memory in query execution');
  } else {
    assert.equal(r.status, 503, r.body);
    assert.equal(body.errorType, 'timeout');
  }
  assert.ok(peak - before < 500 * 1024, `RSS grew by ${(peak - before) / 1024} MiB`);
  assert.equal(srv.proc.exitCode, null);
  assert.equal((await request(`${srv.url}/-/healthy`)).status, 200);
  const v = await queryVector(srv.url, 'up');
  assert.equal(v.length, 1);
});

test('connections beyond --web.max-connections wait for a free slot instead of being reset', async () => {
  const small = await startServer({
    config: `global:\n  scrape_interval: 1m\nscrape_configs: []\n`,
    args: ['--web.max-connections=2'],
  });
  const held: net.Socket[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const s = net.connect(small.port, '127.0.0.1');
      s.on('error', () => undefined);
      await new Promise<void>((r) => s.once('connect', () => r()));
      held.push(s);
    }
    let answered = false;
    const third = request(`${small.url}/-/healthy`, { timeoutMs: 10_000 }).then((r) => {
      answered = true;
      return r;
    });
    await sleep(500);
    assert.equal(answered, false, 'a third connection was served while two were open');
    held[0]?.destroy();
    const r = await third;
    assert.equal(r.status, 200);
  } finally {
    for (const s of held) s.destroy();
    await small.stop();
  }
});
