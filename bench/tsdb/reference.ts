/**
 * The reference side of the TSDB benchmark: Prometheus 2.42 and promtool, on loopback, plus a
 * tiny HTTP server that serves a static exposition for Prometheus to scrape. Every process
 * started here is stopped by stopAll() (also on failure: run.ts calls it in finally).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

export const PROMETHEUS = '/usr/bin/prometheus';
export const PROMTOOL = '/usr/bin/promtool';

const procs = new Set<ChildProcess>();
const servers = new Set<http.Server>();
process.on('exit', () => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
});

export async function stopAll(): Promise<void> {
  for (const p of [...procs]) await stopProc(p);
  for (const s of [...servers]) await new Promise<void>((r) => s.close(() => r()));
  servers.clear();
}

export async function stopProc(p: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.exitCode === null && p.signalCode === null) {
    const done = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill(signal);
    const t = setTimeout(() => p.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(t);
  }
  procs.delete(p);
}

export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = net.createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => {
        const a = s.address();
        const p = typeof a === 'object' && a !== null ? a.port : 0;
        s.close(() => resolve(p));
      });
    });
    if (port !== 9090 && port > 0) return port;
  }
}

export interface Prom {
  url: string;
  proc: ChildProcess;
  log: () => string;
}

/** Starts Prometheus over dataDir with the config text; resolves when /-/ready answers. */
export async function startPrometheus(dataDir: string, config: string, extraArgs: string[] = []): Promise<Prom> {
  const port = await freePort();
  const cfg = path.join(path.dirname(dataDir), `prom-${port}.yml`);
  fs.writeFileSync(cfg, config);
  let log = '';
  const proc = spawn(PROMETHEUS, [`--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${port}`, `--config.file=${cfg}`, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  procs.add(proc);
  proc.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`prometheus exited:\n${log}`);
    try {
      if ((await fetch(`${url}/-/ready`)).status === 200) return { url, proc, log: () => log };
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await stopProc(proc, 'SIGKILL');
  throw new Error(`prometheus not ready:\n${log}`);
}

/** A metric value from Prometheus's own /metrics. */
export async function selfMetric(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  if (m === null) throw new Error(`${name} not found`);
  return Number(m[1]);
}

/** Serves body() as a text exposition on a free loopback port; returns the port. */
export async function exposition(body: () => string): Promise<number> {
  const port = await freePort();
  const srv = http.createServer((_req, res) => {
    const b = body();
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4', 'Content-Length': Buffer.byteLength(b) });
    res.end(b);
  });
  servers.add(srv);
  await new Promise<void>((r) => srv.listen(port, '127.0.0.1', () => r()));
  return port;
}

export function promtool(args: string[], pin = false): { stdout: string; stderr: string; status: number } {
  const cmd = pin && fs.existsSync('/usr/bin/taskset') ? '/usr/bin/taskset' : PROMTOOL;
  const full = cmd === PROMTOOL ? args : ['-c', '0', PROMTOOL, ...args];
  const r = spawnSync(cmd, full, { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 900_000 });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status ?? -1 };
}

/** Go duration text (1.5s, 340.2ms, 12µs, 1m2.5s) in ms. */
export function goDurationMs(s: string): number {
  let ms = 0;
  const re = /([\d.]+)(h|m(?!s)|s|ms|µs|us|ns)/g;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, 'µs': 1e-3, us: 1e-3, ns: 1e-6 };
  for (const m of s.matchAll(re)) ms += Number(m[1]) * (unit[m[2] as string] as number);
  return ms;
}

/** Kernel-reported RSS of a process (bytes), from /proc. */
export function procRss(pid: number): number {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(s);
  return m === null ? 0 : Number(m[1]) * 1024;
}
