/**
 * Shared pieces of the `vigil server` end-to-end suites: temp dirs, free loopback ports, a
 * metrics target on loopback, starting `node bin/vigil server ...` and waiting for readiness,
 * and small HTTP(S) helpers. Every child process and listener started here is stopped (also
 * when a test fails: the exit hook kills what is left).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROMTOOL = '/usr/bin/promtool';

const tmpDirs: string[] = [];
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Kills every server still running (call from an after() hook: a failed test may leave one). */
export async function stopAll(): Promise<void> {
  const waits: Promise<unknown>[] = [];
  for (const c of children) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    waits.push(new Promise((r) => c.once('exit', r)));
    c.kill('SIGKILL');
  }
  await Promise.all(waits);
}

export function tmpDir(prefix = 'vigil-server-e2e-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(d);
  return d;
}

export function repoRoot(): string {
  let d = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(d, 'package.json')) || !fs.existsSync(path.join(d, 'bin', 'vigil'))) {
    const up = path.dirname(d);
    if (up === d) throw new Error('repository root not found');
    d = up;
  }
  return d;
}

export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once('error', reject);
      srv.listen(0, '127.0.0.1', () => {
        const a = srv.address();
        const p = typeof a === 'object' && a !== null ? a.port : 0;
        srv.close(() => resolve(p));
      });
    });
    if (port !== 9090 && port !== 0) return port;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RequestOpts {
  method?: string;
  auth?: { user: string; password: string };
  /** CA for https (PEM); https requests without it skip verification. */
  ca?: string;
  body?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** One HTTP(S) request; rejects on connection errors. */
export function request(url: string, o: RequestOpts = {}): Promise<Response> {
  const u = new URL(url);
  const headers: Record<string, string> = { ...(o.headers ?? {}) };
  if (o.auth) headers['Authorization'] = 'Basic ' + Buffer.from(`${o.auth.user}:${o.auth.password}`).toString('base64');
  if (o.body !== undefined) {
    headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
    headers['Content-Length'] = String(Buffer.byteLength(o.body));
  }
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = mod.request(
      u,
      {
        method: o.method ?? 'GET',
        headers,
        agent: false,
        ...(u.protocol === 'https:' ? (o.ca !== undefined ? { ca: o.ca, servername: 'localhost' } : { rejectUnauthorized: false }) : {}),
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(o.timeoutMs ?? 10_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}

export async function getJson(url: string, o: RequestOpts = {}): Promise<{ status: string; data: unknown; error?: string; errorType?: string }> {
  const r = await request(url, o);
  return JSON.parse(r.body) as { status: string; data: unknown };
}

/** A loopback HTTP server exposing a counter and a gauge in the text format. */
export class MetricsTarget {
  private readonly srv: http.Server;
  hits = 0;
  value = 42;
  port = 0;

  constructor() {
    this.srv = http.createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404);
        res.end();
        return;
      }
      this.hits++;
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(
        '# HELP e2e_requests_total Requests.\n# TYPE e2e_requests_total counter\n' +
          `e2e_requests_total{path="/a"} ${this.hits}\n` +
          '# HELP e2e_temperature A gauge.\n# TYPE e2e_temperature gauge\n' +
          `e2e_temperature ${this.value}\n`,
      );
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.srv.listen(0, '127.0.0.1', r));
    const a = this.srv.address();
    this.port = typeof a === 'object' && a !== null ? a.port : 0;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    this.srv.closeAllConnections();
    await new Promise<void>((r) => this.srv.close(() => r()));
  }
}

export interface ServerProcess {
  proc: ChildProcess;
  port: number;
  /** http(s)://127.0.0.1:port */
  url: string;
  dataDir: string;
  configFile: string;
  logs(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface StartOpts {
  config: string;
  dataDir?: string;
  port?: number;
  args?: string[];
  scheme?: 'http' | 'https';
  /** Wait for /-/ready (default true). */
  waitReady?: boolean;
  request?: RequestOpts;
  configFile?: string;
}

/** Spawns `node bin/vigil server` on a free loopback port with a temp data dir. */
export async function startServer(o: StartOpts): Promise<ServerProcess> {
  const dir = tmpDir();
  const port = o.port ?? (await freePort());
  const dataDir = o.dataDir ?? path.join(dir, 'data');
  const configFile = o.configFile ?? path.join(dir, 'prometheus.yml');
  fs.writeFileSync(configFile, o.config.replaceAll('$SELF', `127.0.0.1:${port}`));
  const args = [
    path.join(repoRoot(), 'bin', 'vigil'),
    'server',
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${dataDir}`,
    `--web.listen-address=127.0.0.1:${port}`,
    ...(o.args ?? []),
  ];
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  children.add(proc);
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => {
      children.delete(proc);
      resolve({ code, signal });
    }),
  );
  const url = `${o.scheme ?? 'http'}://127.0.0.1:${port}`;
  const sp: ServerProcess = {
    proc,
    port,
    url,
    dataDir,
    configFile,
    logs: () => out,
    exited,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
  };
  if (o.waitReady !== false) await waitReady(sp, o.request);
  return sp;
}

export async function waitReady(sp: ServerProcess, o: RequestOpts = {}, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (sp.proc.exitCode !== null) throw new Error(`server exited with ${sp.proc.exitCode}:\n${sp.logs()}`);
    try {
      const r = await request(`${sp.url}/-/ready`, { ...o, timeoutMs: 2000 });
      if (r.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready after ${timeoutMs} ms:\n${sp.logs()}`);
    await sleep(100);
  }
}

/** Polls fn until it returns a non-null value. */
export async function eventually<T>(fn: () => Promise<T | null>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await fn();
      if (v !== null) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(200);
  }
}

interface VectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** An instant query's vector result (throws on API errors). */
export async function queryVector(base: string, q: string, o: RequestOpts & { time?: number } = {}): Promise<VectorSample[]> {
  const t = o.time !== undefined ? `&time=${o.time}` : '';
  const r = await getJson(`${base}/api/v1/query?query=${encodeURIComponent(q)}${t}`, o);
  if (r.status !== 'success') throw new Error(`query ${q}: ${r.error ?? 'error'}`);
  const d = r.data as { resultType: string; result: VectorSample[] };
  return d.result;
}

/** A scrape config block for a job scraping addr every second. */
export function job(name: string, addr: string, extra = ''): string {
  return `  - job_name: ${name}\n    scrape_interval: 1s\n    scrape_timeout: 900ms\n    static_configs:\n      - targets: ["${addr}"]\n${extra}`;
}
