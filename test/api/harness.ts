/**
 * Shared pieces of the HTTP API suites: a deterministic data set (as Vigil samples and as
 * OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`), a loopback server
 * running createApiV1 over MemoryStorage, Debian's Prometheus 2.42 on a free port with the
 * same data backfilled, and small HTTP helpers. Every process started here is stopped.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareLabels, Labels } from '../../src/model/labels/index.js';
import { Engine } from '../../src/promql/engine/index.js';
import { ValueType } from '../../src/storage/index.js';
import { MemoryStorage } from '../../src/storage/memory/index.js';
import { createApiV1 } from '../../src/web/api/v1/index.js';
import type { ApiV1Deps } from '../../src/web/api/v1/index.js';
import { serveFederation } from '../../src/web/federate.js';
import type { FederateDeps } from '../../src/web/federate.js';

export const PROMETHEUS = '/usr/bin/prometheus';
export const PROMTOOL = '/usr/bin/promtool';

/** First sample time (s); samples every 15 s for an hour. */
export const T0 = 1700000000;
export const STEP_S = 15;
export const POINTS = 240;

export interface DataSeries {
  labels: Record<string, string>;
  /** [unix seconds, value] */
  points: Array<[number, number]>;
}

function series(labels: Record<string, string>, f: (i: number) => number | null, n = POINTS): DataSeries {
  const points: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const v = f(i);
    if (v !== null) points.push([T0 + i * STEP_S, v]);
  }
  return { labels, points };
}

/** The data set: counters, gauges, a classic histogram, up, special and extreme values. */
export function dataSet(): DataSeries[] {
  const out: DataSeries[] = [];
  let seed = 0;
  for (const job of ['api', 'web']) {
    for (const instance of ['10.0.0.1:9100', '10.0.0.2:9100']) {
      seed++;
      const s = seed;
      out.push(series({ __name__: 'up', job, instance }, (i) => (s === 4 && i > 200 ? 0 : 1)));
      for (const code of ['200', '500']) {
        const rate = (code === '200' ? 10 : 1) * s;
        out.push(
          series({ __name__: 'http_requests_total', job, instance, code }, (i) =>
            s === 2 && code === '200' && i >= 120 ? (i - 120) * rate : i * rate + (i % 7),
          ),
        );
      }
    }
  }
  for (const room of ['kitchen', 'bedroom', 'attic']) {
    const phase = room.length;
    out.push(series({ __name__: 'node_temp', room }, (i) => Math.round((20 + 5 * Math.sin(i / 10 + phase)) * 1000) / 1000));
  }
  const bounds = ['0.1', '0.5', '1', '+Inf'];
  bounds.forEach((le, b) => {
    out.push(series({ __name__: 'request_duration_seconds_bucket', job: 'api', le }, (i) => i * (b + 1) * 3 + (b === 3 ? i : 0)));
  });
  out.push(series({ __name__: 'request_duration_seconds_sum', job: 'api' }, (i) => i * 5.5));
  out.push(series({ __name__: 'request_duration_seconds_count', job: 'api' }, (i) => i * 13));
  out.push(series({ __name__: 'gone_metric', job: 'api' }, (i) => i, 120));
  out.push(series({ __name__: 'tiny_values' }, (i) => (i + 1) * 1.5e-9));
  out.push(series({ __name__: 'big_values' }, (i) => (i + 1) * 1.25e22));
  out.push(series({ __name__: 'special_values' }, (i) => (i % 3 === 0 ? NaN : i % 3 === 1 ? Infinity : -i)));
  out.push(series({ __name__: 'escaped_labels', path: '/a<b>&"c"', note: 'line\\n' }, (i) => i));
  return out;
}

function omValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function omEscape(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** The data set as OpenMetrics text (families as `unknown`, grouped by name). */
export function openMetrics(data: readonly DataSeries[]): string {
  const byName = new Map<string, DataSeries[]>();
  for (const s of data) {
    const n = s.labels['__name__'] ?? '';
    const l = byName.get(n);
    if (l) l.push(s);
    else byName.set(n, [s]);
  }
  let out = '';
  for (const [name, list] of byName) {
    out += `# TYPE ${name} unknown\n`;
    for (const s of list) {
      const lbl = Object.entries(s.labels)
        .filter(([k]) => k !== '__name__')
        .map(([k, v]) => `${k}="${omEscape(v)}"`)
        .join(',');
      for (const [t, v] of s.points) out += `${name}{${lbl}} ${omValue(v)} ${t}\n`;
    }
  }
  return out + '# EOF\n';
}

/**
 * MemoryStorage with the series inserted in label order, so that unsorted selects yield them
 * in the order Prometheus's TSDB does (instant vector results keep the storage order).
 */
export function loadStorage(data: readonly DataSeries[]): MemoryStorage {
  const st = new MemoryStorage();
  const sorted = data.map((s) => ({ l: Labels.fromObject(s.labels), s })).sort((a, b) => compareLabels(a.l, b.l));
  for (const { l, s } of sorted) {
    for (const [t, v] of s.points) st.put(l, t * 1000, ValueType.Float, v, null);
  }
  return st;
}

export function tmpDir(prefix = 'vigil-api-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A free TCP port on 127.0.0.1 (never 9090). */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const addr = srv.address();
        const p = typeof addr === 'object' && addr !== null ? addr.port : 0;
        srv.close(() => resolve(p));
      });
    });
    if (port !== 9090 && port !== 0) return port;
  }
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Serves createApiV1 (and /federate) on 127.0.0.1:<random>. */
export async function startApiServer(deps: ApiV1Deps, fed?: Partial<FederateDeps>): Promise<TestServer> {
  const api = createApiV1(deps);
  const srv = http.createServer((req, res) => {
    void (async (): Promise<void> => {
      if (await api(req, res)) return;
      if (new URL(req.url ?? '/', 'http://x').pathname === '/federate') {
        await serveFederation({ queryable: deps.queryable, ...fed }, req, res);
        return;
      }
      res.writeHead(404);
      res.end('not found\n');
    })();
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const addr = srv.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        srv.closeAllConnections();
        srv.close(() => resolve());
      }),
  };
}

/** A server over the standard data set with a default engine. */
export async function startDataServer(extra: Partial<ApiV1Deps> = {}): Promise<TestServer> {
  return startApiServer({ queryable: loadStorage(dataSet()), engine: new Engine(), ...extra });
}

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export function request(
  url: string,
  opts: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.body !== undefined && headers['Content-Type'] === undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const req = http.request(url, { method: opts.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** GET (or POST) and parse the JSON envelope. */
export async function getJson(url: string, opts: { method?: string; body?: string } = {}): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await request(url, opts);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(r.body) as Record<string, unknown>;
  } catch {
    throw new Error(`not JSON (${r.status}): ${r.body.slice(0, 200)}`);
  }
  return { status: r.status, json };
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

export async function stopProcess(c: ChildProcess, graceMs = 5000): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  c.kill('SIGTERM');
  const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface RunningPrometheus {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/** Backfills the data set into a temp dir and starts Debian's Prometheus on a free port. */
export async function startPrometheusWithData(data: readonly DataSeries[]): Promise<RunningPrometheus> {
  const dir = tmpDir('vigil-api-prom-');
  const om = path.join(dir, 'data.om');
  fs.writeFileSync(om, openMetrics(data));
  const db = path.join(dir, 'db');
  const r = spawnSync(PROMTOOL, ['tsdb', 'create-blocks-from', 'openmetrics', om, db], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`create-blocks-from failed: ${r.stderr}`);
  const cfg = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(cfg, 'global:\n  scrape_interval: 1m\nscrape_configs: []\n');
  const port = await freePort();
  const child = spawn(
    PROMETHEUS,
    [
      `--config.file=${cfg}`,
      `--storage.tsdb.path=${db}`,
      '--storage.tsdb.retention.time=10y',
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=error',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  children.add(child);
  child.once('exit', () => children.delete(child));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await stopProcess(child);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prometheus exited: ${stderr}`);
    try {
      const res = await request(`${url}/-/ready`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, dir, stop };
}

export function haveReference(): boolean {
  return fs.existsSync(PROMETHEUS) && fs.existsSync(PROMTOOL);
}

/** Runs Debian's promtool (synchronously, with a timeout). */
export function promtool(args: string[]): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(PROMTOOL, args, { encoding: 'utf8', timeout: 20_000 });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status ?? -1 };
}

/** Runs Debian's promtool without blocking the event loop (needed when it talks to our in-process server). */
export function promtoolAsync(args: string[]): Promise<{ stdout: string; stderr: string; status: number }> {
  return new Promise((resolve) => {
    const c = spawn(PROMTOOL, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(c);
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => c.kill('SIGKILL'), 20_000);
    c.once('close', (code) => {
      clearTimeout(timer);
      children.delete(c);
      resolve({ stdout, stderr, status: code ?? -1 });
    });
  });
}
