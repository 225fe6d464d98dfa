/**
 * Alertmanager benchmark: the same alert bursts are posted to `vigil alertmanager` and to the
 * Debian Alertmanager 0.25, one after the other, each delivering to a webhook on loopback.
 * Reports, for each, the time from the first POST until every group's notification arrived,
 * the CPU seconds the process used and its RSS afterwards, and the ratio Vigil/Alertmanager.
 * See README.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Options {
  alerts: number;
  groups: number;
  batch: number;
  alertmanager: string;
}

interface Result {
  name: string;
  deliverMs: number;
  cpuSec: number;
  rssMiB: number;
}

const USAGE = 'usage: node dist/bench/alertmanager/run.js [--alerts N] [--groups G] [--batch B] [--alertmanager PATH|none]';

function parseArgs(argv: string[]): Options {
  const o: Options = { alerts: 20_000, groups: 200, batch: 1_000, alertmanager: '/usr/bin/prometheus-alertmanager' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[++i] ?? '';
    if (a === '--alertmanager') o.alertmanager = v;
    else if (a === '--alerts' || a === '--groups' || a === '--batch') {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${a} needs a positive integer\n${USAGE}`);
      o[a.slice(2) as 'alerts' | 'groups' | 'batch'] = n;
    } else throw new Error(`unknown argument ${String(a)}\n${USAGE}`);
  }
  return o;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

/** utime + stime of a process from /proc, in seconds (clock ticks of 100 Hz). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) / 1024;
}

async function post(url: string, body: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  if (res.status !== 200) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
}

async function runOne(name: string, cmd: readonly string[], o: Options): Promise<Result> {
  const groupsSeen = new Set<string>();
  const hook = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as { groupKey: string };
      groupsSeen.add(body.groupKey);
      res.end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const hookPort = (hook.address() as net.AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), `vigil-bench-am-${name}-`));
  writeFileSync(
    join(dir, 'am.yml'),
    `route: { receiver: hook, group_by: [alertname], group_wait: 1s, group_interval: 1m }\nreceivers:\n  - name: hook\n    webhook_configs: [{ url: "http://127.0.0.1:${hookPort}/" }]\n`,
  );
  const port = await freePort();
  const child: ChildProcess = spawn(cmd[0] as string, [
    ...cmd.slice(1), `--config.file=${join(dir, 'am.yml')}`, `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=',
  ], { stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`${base}/-/ready`).then((r) => r.ok, () => false);
      if (ok) break;
      await sleep(100);
    }
    const pid = child.pid ?? 0;
    const cpu0 = cpuSeconds(pid);
    const start = Date.now();
    const perGroup = Math.ceil(o.alerts / o.groups);
    const posts: Promise<void>[] = [];
    let batch: unknown[] = [];
    for (let i = 0; i < o.alerts; i++) {
      batch.push({ labels: { alertname: `Bench${i % o.groups}`, instance: `host-${Math.floor(i / o.groups)}:9100`, severity: 'page' }, annotations: { summary: `alert ${i} of ${perGroup} per group` } });
      if (batch.length === o.batch || i === o.alerts - 1) {
        posts.push(post(`${base}/api/v2/alerts`, JSON.stringify(batch)));
        batch = [];
      }
    }
    await Promise.all(posts);
    const deadline = Date.now() + 120_000;
    while (groupsSeen.size < o.groups && Date.now() < deadline) await sleep(20);
    if (groupsSeen.size < o.groups) throw new Error(`${name}: ${groupsSeen.size} of ${o.groups} groups notified in 120 s`);
    const deliverMs = Date.now() - start;
    await sleep(500);
    return { name, deliverMs, cpuSec: cpuSeconds(pid) - cpu0, rssMiB: rssMiB(pid) };
  } finally {
    child.kill('SIGKILL');
    await new Promise<void>((r) => hook.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const vigil = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'vigil');
  console.log(`${o.alerts} alerts in ${o.groups} groups, POSTed in batches of ${o.batch}; group_wait 1s`);
  const results = [await runOne('vigil', [process.execPath, vigil, 'alertmanager'], o)];
  if (o.alertmanager !== 'none' && existsSync(o.alertmanager)) results.push(await runOne('alertmanager', [o.alertmanager], o));
  console.log('name           deliver_ms   cpu_s   rss_MiB');
  for (const r of results) console.log(`${r.name.padEnd(14)} ${String(r.deliverMs).padStart(10)} ${r.cpuSec.toFixed(2).padStart(7)} ${r.rssMiB.toFixed(0).padStart(9)}`);
  const [v, a] = results;
  if (v && a) {
    console.log(`ratio Vigil/Alertmanager: deliver ${(v.deliverMs / a.deliverMs).toFixed(2)}, cpu ${(v.cpuSec / a.cpuSec).toFixed(2)}, rss ${(v.rssMiB / a.rssMiB).toFixed(2)}`);
  }
}

await main();
