/**
 * The reference Prometheus for the bench: installs the Debian package if needed, backfills the
 * bench data with promtool (cached per scale), and runs it on a free loopback port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dataSpec, writeOpenMetrics, type Scale } from './data.js';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const PROMTOOL_BIN = '/usr/bin/promtool';
const DONE_MARKER = '.vigil-bench-complete';
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export type Log = (msg: string) => void;

export interface ReferenceServer {
  readonly url: string;
  stop(): Promise<void>;
}

function run(cmd: string, args: string[], logFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fd = openSync(logFile, 'a');
    const p = spawn(cmd, args, { stdio: ['ignore', fd, fd] });
    p.once('error', (e) => {
      closeSync(fd);
      reject(e);
    });
    p.once('exit', (code, signal) => {
      closeSync(fd);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit ${String(code)}`}); see ${logFile}`));
    });
  });
}

/** Installs the Debian `prometheus` package when the binary is missing. */
export async function ensurePrometheusInstalled(log: Log, logFile: string): Promise<void> {
  if (existsSync(PROMETHEUS_BIN) && existsSync(PROMTOOL_BIN)) return;
  log('prometheus not found: apt-get install -y prometheus');
  await run('apt-get', ['update'], logFile);
  await run('apt-get', ['install', '-y', 'prometheus'], logFile);
}

/** A TSDB directory holding the bench data for `scale`, built once and reused. */
export async function prepareReferenceData(cacheDir: string, scale: Scale, log: Log): Promise<string> {
  const dir = join(cacheDir, scale);
  const tsdb = join(dir, 'tsdb');
  if (existsSync(join(tsdb, DONE_MARKER))) {
    log(`reusing backfilled TSDB ${tsdb}`);
    return tsdb;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(tsdb, { recursive: true });
  const om = join(dir, 'data.om');
  let t = performance.now();
  log(`writing OpenMetrics ${om}`);
  await writeOpenMetrics(om, dataSpec(scale));
  log(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s; backfilling with promtool`);
  t = performance.now();
  await run(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', om, tsdb], join(dir, 'promtool.log'));
  log(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  rmSync(om, { force: true });
  writeFileSync(join(tsdb, DONE_MARKER), `${new Date().toISOString()}\n`);
  return tsdb;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function blockCount(tsdb: string): number {
  return readdirSync(tsdb).filter((n) => ULID.test(n) && existsSync(join(tsdb, n, 'meta.json'))).length;
}

async function waitReady(url: string, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error('prometheus exited during startup');
    try {
      const r = await fetch(`${url}/-/ready`);
      await r.arrayBuffer();
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`prometheus at ${url} not ready after ${timeoutMs / 1000} s`);
}

/** Waits until background compaction of the backfilled blocks has stopped changing them. */
async function waitCompactionSettled(tsdb: string, quietMs: number, maxMs: number, log: Log): Promise<void> {
  const deadline = Date.now() + maxMs;
  let count = blockCount(tsdb);
  let since = Date.now();
  log(`  ${count} blocks; waiting for compaction to settle (quiet for ${quietMs / 1000} s)`);
  while (Date.now() < deadline && Date.now() - since < quietMs) {
    await sleep(2000);
    const c = blockCount(tsdb);
    if (c !== count) {
      log(`  ${c} blocks`);
      count = c;
      since = Date.now();
    }
  }
}

function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/**
 * Starts `prometheus` over `tsdb` on a free loopback port with no scrape targets. The caller
 * must call stop() (also on error). `settleMs` > 0 waits for block compaction to finish.
 */
export async function startReference(tsdb: string, cacheDir: string, settleMs: number, log: Log): Promise<ReferenceServer> {
  const port = await freePort();
  const config = join(cacheDir, 'prometheus.yml');
  writeFileSync(config, '# Vigil PromQL bench: no scrape targets.\nglobal: {}\n');
  const logFile = join(cacheDir, 'prometheus.log');
  const fd = openSync(logFile, 'w');
  const proc = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${tsdb}`,
      '--storage.tsdb.retention.time=10y',
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  const killOnExit = (): void => {
    proc.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await stopProcess(proc);
  };
  try {
    log(`starting prometheus on ${url} (log: ${logFile})`);
    await waitReady(url, proc, 300_000);
    if (settleMs > 0) await waitCompactionSettled(tsdb, settleMs, 15 * 60_000, log);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, stop };
}
