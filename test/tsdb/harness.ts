/**
 * Shared pieces of the TSDB end-to-end suites: temp dirs, free loopback ports, running
 * Prometheus 2.42 / promtool (every started process is stopped, also when a test fails), the
 * HTTP query API, and Vigil-side dumps in promtool's format.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSeriesSet } from '../../src/cmd/promtool/tsdb-dump.js';
import { Matcher, MatchType } from '../../src/model/labels/index.js';
import { DB } from '../../src/tsdb/index.js';

export const PROMETHEUS = '/usr/bin/prometheus';
export const PROMTOOL = '/usr/bin/promtool';

const tmpDirs: string[] = [];

/** A new temp dir, removed when the test process exits. */
export function tmpDir(prefix = 'vigil-tsdb-e2e-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(d);
  return d;
}

/** The repository root (where package.json is). */
export function repoRoot(): string {
  let d = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(d, 'package.json'))) {
    const up = path.dirname(d);
    if (up === d) throw new Error('package.json not found');
    d = up;
  }
  return d;
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

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Tracks a child so it is killed if the test process exits early. */
export function track(c: ChildProcess): ChildProcess {
  children.add(c);
  c.once('exit', () => children.delete(c));
  return c;
}

/** Stops a child: signal, then SIGKILL after graceMs; resolves when it has exited. */
export async function stop(c: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5000): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  c.kill(signal);
  const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface RunningPrometheus {
  url: string;
  proc: ChildProcess;
  logs: () => string;
}

/** Starts Prometheus 2.42 on a free loopback port over dataDir; resolves when it is ready. */
export async function startPrometheus(dataDir: string, configYaml: string, opts: { port?: number; extraArgs?: string[] } = {}): Promise<RunningPrometheus> {
  const p = opts.port ?? (await freePort());
  const cfg = path.join(path.dirname(dataDir), `prometheus-${p}.yml`);
  fs.writeFileSync(cfg, configYaml.replaceAll('$PORT', String(p)));
  let log = '';
  const proc = track(
    spawn(PROMETHEUS, [`--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${p}`, `--config.file=${cfg}`, '--log.level=warn', ...(opts.extraArgs ?? [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  proc.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`prometheus exited (${proc.exitCode}):\n${log}`);
    try {
      const r = await fetch(`${url}/-/ready`);
      if (r.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop(proc, 'SIGKILL');
      throw new Error(`prometheus not ready after 30s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, proc, logs: () => log };
}

export const EMPTY_CONFIG = 'global:\n  scrape_interval: 1m\nscrape_configs: []\n';

export interface PromSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

/** GET /api/v1/query_range (times in ms, step in ms). */
export async function promQueryRange(url: string, q: string, start: number, end: number, step: number): Promise<PromSeries[]> {
  const u = `${url}/api/v1/query_range?query=${encodeURIComponent(q)}&start=${start / 1000}&end=${end / 1000}&step=${step / 1000}`;
  const r = await fetch(u);
  const body = (await r.json()) as { status: string; error?: string; data?: { result: PromSeries[] } };
  if (body.status !== 'success' || body.data === undefined) throw new Error(`query ${q}: ${body.error ?? r.status}`);
  return body.data.result;
}

/** Runs promtool synchronously; returns stdout, stderr and the exit code. */
export function promtool(...args: string[]): { stdout: string; stderr: string; status: number } {
  const r = spawnSync(PROMTOOL, args, { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 120_000 });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status ?? -1 };
}

/** Vigil's `tsdb dump` of a data dir (read-only open) as text. */
export async function vigilDump(dir: string): Promise<string> {
  const db = await DB.open(dir, { readOnly: true, compactionInterval: 0 });
  try {
    const q = db.querier(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const parts: string[] = [];
    const err = await writeSeriesSet(q.select(false, null, new Matcher(MatchType.Regexp, '__name__', '.*')), async (s) => {
      parts.push(s);
    });
    q.close();
    if (err !== null) throw err;
    return parts.join('');
  } finally {
    await db.close();
  }
}

/** Lines sorted, for order-insensitive comparison of dumps. */
export function sortedLines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '').sort();
}
