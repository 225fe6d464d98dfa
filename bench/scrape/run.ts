/**
 * Scrape benchmark: a target farm on loopback (bench/scrape/farm.ts, its own process) scraped
 * by Vigil's ScrapeManager into Vigil's TSDB (in this process) and by the Debian prometheus with
 * the same config, one after the other. Reports CPU seconds per million samples ingested and
 * RSS for both, and the ratio Vigil/Prometheus. See README.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Labels } from '../../src/model/labels/index.js';
import { ScrapeManager, type TargetGroup } from '../../src/scrape/index.js';
import type { Appendable, Appender } from '../../src/storage/index.js';
import { DB } from '../../src/tsdb/index.js';

interface Options {
  targets: number;
  series: number;
  ports: number;
  intervalSec: number;
  warmupSec: number;
  durationSec: number;
  prometheus: string;
  json: string | null;
}

const USAGE = `usage: node dist/bench/scrape/run.js [--targets N] [--series M] [--ports P] [--interval SEC]
  [--warmup SEC] [--duration SEC] [--prometheus PATH|none] [--json FILE]`;

function parseArgs(argv: string[]): Options {
  const o: Options = { targets: 20, series: 1000, ports: 4, intervalSec: 1, warmupSec: 5, durationSec: 20, prometheus: '/usr/bin/prometheus', json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1] ?? '';
    const num = (): number => {
      i++;
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${a} needs a positive number`);
      return n;
    };
    if (a === '--targets') o.targets = num();
    else if (a === '--series') o.series = num();
    else if (a === '--ports') o.ports = num();
    else if (a === '--interval') o.intervalSec = num();
    else if (a === '--warmup') o.warmupSec = num();
    else if (a === '--duration') o.durationSec = num();
    else if (a === '--prometheus') (o.prometheus = v), i++;
    else if (a === '--json') (o.json = v), i++;
    else throw new Error(`unknown argument ${String(a)}\n${USAGE}`);
  }
  return o;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function startFarm(o: Options): Promise<{ proc: ChildProcess; ports: number[] }> {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'farm.js');
  const proc = spawn(process.execPath, [script, '--targets', String(o.targets), '--series', String(o.series), '--ports', String(o.ports)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    proc.stdout?.on('data', (c: Buffer) => {
      buf += c.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve({ proc, ports: (JSON.parse(buf.slice(0, nl)) as { ports: number[] }).ports });
    });
    proc.on('exit', (code) => reject(new Error(`farm exited with ${String(code)}`)));
  });
}

function targetList(o: Options, ports: number[]): { address: string; path: string }[] {
  const out: { address: string; path: string }[] = [];
  for (let t = 0; t < o.targets; t++) out.push({ address: `127.0.0.1:${ports[t % ports.length] as number}`, path: `/t/${t}/metrics` });
  return out;
}

interface Result {
  name: string;
  cpuSec: number;
  samples: number;
  cpuPerMillion: number;
  rssMiB: number;
}

/** Counts samples appended successfully (what Prometheus's prometheus_tsdb_head_samples_appended_total counts). */
function countingAppendable(inner: Appendable, counter: { n: number }): Appendable {
  return {
    appender(): Appender {
      const a = inner.appender();
      let pending = 0;
      return {
        append: (ref, l, t, v) => {
          const r = a.append(ref, l, t, v);
          pending++;
          return r;
        },
        appendHistogram: (ref, l, t, h) => a.appendHistogram(ref, l, t, h),
        commit: async () => {
          await a.commit();
          counter.n += pending;
        },
        rollback: () => a.rollback(),
      };
    },
  };
}

async function runVigil(o: Options, ports: number[]): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-scrape-'));
  const db = await DB.open(dir);
  const counter = { n: 0 };
  const m = new ScrapeManager({ appendable: countingAppendable(db, counter) });
  const interval = o.intervalSec * 1000;
  await m.applyConfig({ scrape_configs: [{ job_name: 'farm', scrape_interval: interval, scrape_timeout: Math.min(interval, 10_000) }] });
  const groups: TargetGroup[] = targetList(o, ports).map((t, i) => ({
    source: `farm/${i}`,
    targets: [Labels.fromObject({ __address__: t.address, __metrics_path__: t.path })],
    labels: Labels.EMPTY,
  }));
  await m.sync(new Map([['farm', groups]]));
  await m.run();
  let rss = 0;
  const rssTimer = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 500);
  await sleep(o.warmupSec * 1000);
  const c0 = process.cpuUsage();
  const n0 = counter.n;
  await sleep(o.durationSec * 1000);
  const c1 = process.cpuUsage(c0);
  const samples = counter.n - n0;
  clearInterval(rssTimer);
  rss = Math.max(rss, process.memoryUsage().rss);
  const down = [...(m.targetsActive().get('farm') ?? [])].filter((t) => t.health !== 'up');
  if (down.length > 0) console.error(`vigil: ${down.length} targets not up, e.g. ${down[0]?.lastError?.message ?? ''}`);
  await m.stop();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  const cpuSec = (c1.user + c1.system) / 1e6;
  return { name: 'vigil', cpuSec, samples, cpuPerMillion: cpuSec / (samples / 1e6), rssMiB: rss / (1 << 20) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

function get(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let b = '';
        res.on('data', (c: Buffer) => (b += c.toString()));
        res.on('end', () => resolve(b));
      })
      .on('error', reject);
  });
}

function procCpuSec(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

function procRssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

async function appendedTotal(base: string): Promise<number> {
  const text = await get(`${base}/metrics`);
  const m = /^prometheus_tsdb_head_samples_appended_total(?:\{[^}]*type="float"[^}]*\})? (\S+)$/m.exec(text);
  return m ? Number(m[1]) : NaN;
}

async function runPrometheus(o: Options, ports: number[]): Promise<Result> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-scrape-prom-'));
  const port = await freePort();
  const interval = `${o.intervalSec}s`;
  const timeout = `${Math.min(o.intervalSec, 10)}s`;
  const statics = targetList(o, ports)
    .map((t) => `      - targets: ['${t.address}']\n        labels: {__metrics_path__: '${t.path}'}`)
    .join('\n');
  writeFileSync(join(dir, 'prometheus.yml'), `scrape_configs:\n  - job_name: farm\n    scrape_interval: ${interval}\n    scrape_timeout: ${timeout}\n    static_configs:\n${statics}\n`);
  const proc = spawn(
    o.prometheus,
    [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (proc.exitCode !== null) throw new Error('prometheus exited during startup');
      if ((await get(`${base}/-/ready`).catch(() => '')).includes('Ready')) break;
      if (i > 300) throw new Error('prometheus not ready after 30 s');
      await sleep(100);
    }
    // Prometheus applies discovered targets on a 5 s tick: wait until all are scraped.
    for (let i = 0; ; i++) {
      const body = await get(`${base}/api/v1/targets?state=active`);
      const up = body.split('"health":"up"').length - 1;
      if (up >= o.targets) break;
      if (i > 600) throw new Error(`prometheus: only ${up} of ${o.targets} targets up after 60 s`);
      await sleep(100);
    }
    const pid = proc.pid as number;
    let rss = 0;
    const rssTimer = setInterval(() => (rss = Math.max(rss, procRssBytes(pid))), 500);
    await sleep(o.warmupSec * 1000);
    const c0 = procCpuSec(pid);
    const n0 = await appendedTotal(base);
    await sleep(o.durationSec * 1000);
    const c1 = procCpuSec(pid);
    const n1 = await appendedTotal(base);
    clearInterval(rssTimer);
    rss = Math.max(rss, procRssBytes(pid));
    const cpuSec = c1 - c0;
    const samples = n1 - n0;
    return { name: 'prometheus', cpuSec, samples, cpuPerMillion: cpuSec / (samples / 1e6), rssMiB: rss / (1 << 20) };
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  console.log(
    `scrape bench: ${o.targets} targets x ${o.series} series every ${o.intervalSec}s on ${o.ports} ports; warm-up ${o.warmupSec}s, measured ${o.durationSec}s; Vigil stores into its TSDB`,
  );
  const farm = await startFarm(o);
  const results: Result[] = [];
  try {
    results.push(await runVigil(o, farm.ports));
    if (o.prometheus !== 'none') {
      if (existsSync(o.prometheus)) results.push(await runPrometheus(o, farm.ports));
      else console.log(`${o.prometheus} not found: reference skipped (apt-get install -y prometheus)`);
    }
  } finally {
    farm.proc.kill('SIGTERM');
  }
  console.log('');
  console.log('system       samples   CPU s   CPU s / 1M samples   RSS MiB');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(11)} ${String(r.samples).padStart(9)} ${r.cpuSec.toFixed(2).padStart(7)} ${r.cpuPerMillion.toFixed(3).padStart(20)} ${r.rssMiB.toFixed(0).padStart(9)}`,
    );
  }
  const [v, p] = results;
  if (v && p) {
    console.log('');
    console.log(`ratio vigil/prometheus: CPU per sample ${(v.cpuPerMillion / p.cpuPerMillion).toFixed(2)}x, RSS ${(v.rssMiB / p.rssMiB).toFixed(2)}x`);
  }
  if (o.json !== null) writeFileSync(o.json, JSON.stringify({ options: o, results }, null, 2));
}

await main();
