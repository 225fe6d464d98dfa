/**
 * The alerting acceptance test, run side by side with the reference stack: a misbehaving
 * loopback target (high 5xx share, slow p95, cache misses, a long task queue) plus a target
 * that is down are scraped by Vigil and by Debian's Prometheus 2.42 with the same
 * prometheus.yml and rule file; each sends to its own Debian Alertmanager 0.25. Both
 * Alertmanagers must end up holding the same alerts: same labels, same rendered annotations,
 * same generator URL path.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { eventually, freePort, job, request, sleep, startServer, stopAll, tmpDir, type ServerProcess } from '../server/harness.js';

const PROMETHEUS = '/usr/bin/prometheus';
const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const missing = [PROMETHEUS, ALERTMANAGER].filter((b) => !fs.existsSync(b));
const skipReason = missing.length > 0 ? `${missing.join(', ')} not installed (apt-get install -y prometheus prometheus-alertmanager)` : false;
if (skipReason !== false) console.log(`# side-by-side alerting test skipped: ${skipReason}`);

const EXPECTED = ['HighErrorRate', 'HighP95Latency', 'LowCacheHitRate', 'ServiceDown', 'TaskQueueBacklog'];

/** The seeds' alert rules, with annotations exercising $labels, $value, $externalLabels and functions. */
const RULES = `groups:
  - name: service-health
    rules:
      - alert: HighErrorRate
        expr: |
          sum by (job) (rate(http_requests_total{status=~"5.."}[10s]))
            / sum by (job) (rate(http_requests_total[10s])) > 0.05
        for: 2s
        labels:
          severity: warning
          team: "{{ $labels.job }}-oncall"
        annotations:
          summary: "High error rate on {{ $labels.job }}"
          description: "{{ $value | humanizePercentage }} of requests to {{ $labels.job }} fail (monitor {{ $externalLabels.monitor }})."
      - alert: HighP95Latency
        expr: histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket[10s]))) > 0.5
        for: 2s
        labels:
          severity: warning
        annotations:
          summary: "p95 latency of {{ $labels.job | toUpper }} is {{ $value | humanize }}s"
          description: '{{ printf "%.3f" $value }} seconds, {{ humanizeDuration $value }}'
      - alert: LowCacheHitRate
        expr: rate(cache_hits_total[10s]) / (rate(cache_hits_total[10s]) + rate(cache_misses_total[10s])) < 0.8
        for: 2s
        labels:
          severity: info
        annotations:
          summary: "Cache hit rate of {{ $labels.cache }} on {{ $labels.instance }} is {{ $value | humanizePercentage }}"
      - alert: TaskQueueBacklog
        expr: task_queue_length > 100
        for: 2s
        labels:
          severity: warning
        annotations:
          summary: "{{ $labels.queue | title }} queue holds {{ $value }} tasks ({{ $value | humanize }})"
          description: >-
            {{ with query "sum(task_queue_length)" }}{{ . | first | value | humanize1024 }} queued in total{{ end }};
            {{ reReplaceAll ":[0-9]+$" "" $labels.instance }}
      - alert: ServiceDown
        expr: up{job="worker"} == 0
        for: 2s
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.job }} target {{ $labels.instance }} is down"
          description: "up = {{ $value }}; {{ if eq $value 0.0 }}unreachable{{ else }}reachable{{ end }}"
          targets: '{{ range query "up" | sortByLabel "job" }}{{ .Labels.job }}={{ .Value }} {{ end }}'
          runbook: '{{ humanizeDuration "soon" }}'
          layout: '[{{ printf "%6.2f|%-4s|%q|%x" 3.14159 "ab" $labels.job 255 }}]'
`;

/** A target that answers like a sick service; counters grow linearly in time, so rates and their ratios are constant. */
class SickService {
  private readonly srv: http.Server;
  private readonly t0 = Date.now();
  port = 0;

  constructor() {
    this.srv = http.createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404);
        res.end();
        return;
      }
      const s = (Date.now() - this.t0) / 1000;
      const c = (base: number, perSec: number): string => String(base + perSec * s);
      const buckets: [string, number][] = [['0.1', 10], ['0.25', 20], ['0.5', 40], ['1', 90], ['2.5', 100], ['+Inf', 100]];
      res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
      res.end(
        '# TYPE http_requests_total counter\n' +
          `http_requests_total{method="GET",status="200"} ${c(600000, 60)}\n` +
          `http_requests_total{method="GET",status="500"} ${c(150000, 15)}\n` +
          `http_requests_total{method="POST",status="503"} ${c(50000, 5)}\n` +
          '# TYPE http_request_duration_seconds histogram\n' +
          buckets.map(([le, r]) => `http_request_duration_seconds_bucket{le="${le}"} ${c(r * 10000, r)}\n`).join('') +
          `http_request_duration_seconds_sum ${c(1000000, 120)}\n` +
          `http_request_duration_seconds_count ${c(1000000, 100)}\n` +
          '# TYPE cache_hits_total counter\n' +
          `cache_hits_total{cache="sessions"} ${c(300000, 30)}\n` +
          '# TYPE cache_misses_total counter\n' +
          `cache_misses_total{cache="sessions"} ${c(200000, 20)}\n` +
          '# TYPE task_queue_length gauge\n' +
          'task_queue_length{queue="reports"} 1536\n' +
          'task_queue_length{queue="emails"} 12\n',
      );
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.srv.listen(0, '127.0.0.1', r));
    const a = this.srv.address();
    this.port = typeof a === 'object' && a !== null ? a.port : 0;
  }

  async stop(): Promise<void> {
    this.srv.closeAllConnections();
    await new Promise<void>((r) => this.srv.close(() => r()));
  }
}

interface Proc {
  name: string;
  proc: ChildProcess;
  url: string;
  logs(): string;
}

const procs: Proc[] = [];

function spawnBinary(name: string, bin: string, port: number, args: string[]): Proc {
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
  proc.stderr?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
  proc.on('error', (e) => (out += `\nspawn error: ${String(e)}`));
  const p: Proc = { name, proc, url: `http://127.0.0.1:${port}`, logs: () => out };
  procs.push(p);
  return p;
}

async function waitUp(p: Proc, timeoutMs = 20_000): Promise<void> {
  await eventually(
    async () => {
      if (p.proc.exitCode !== null) throw new Error(`${p.name} exited with ${p.proc.exitCode}:\n${p.logs()}`);
      const r = await request(`${p.url}/-/ready`, { timeoutMs: 2000 });
      return r.status === 200 ? true : null;
    },
    timeoutMs,
    `${p.name} ready`,
  );
}

async function startAlertmanager(name: string): Promise<Proc> {
  const dir = tmpDir('vigil-side-by-side-am-');
  const port = await freePort();
  const cfg = path.join(dir, 'alertmanager.yml');
  fs.writeFileSync(cfg, 'route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n');
  const p = spawnBinary(name, ALERTMANAGER, port, [
    `--config.file=${cfg}`,
    `--storage.path=${path.join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ]);
  await waitUp(p);
  return p;
}

function prometheusYml(amUrl: string, rulesFile: string, targetAddr: string, downAddr: string): string {
  return (
    'global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n  external_labels:\n    monitor: side-by-side\n' +
    `rule_files:\n  - ${JSON.stringify(rulesFile)}\n` +
    `alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: ["${new URL(amUrl).host}"]\n` +
    `scrape_configs:\n${job('api', targetAddr)}${job('worker', downAddr)}`
  );
}

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorURL: string;
  status: { state: string };
}

async function amAlerts(url: string): Promise<AmAlert[]> {
  const r = await request(`${url}/api/v2/alerts`);
  if (r.status !== 200) throw new Error(`GET ${url}/api/v2/alerts: ${r.status} ${r.body}`);
  return JSON.parse(r.body) as AmAlert[];
}

/** A comparable view of one alert: everything but times, fingerprints and the generator URL's origin. */
function comparable(a: AmAlert): string {
  const g = new URL(a.generatorURL);
  const sorted = (o: Record<string, string>): [string, string][] => Object.entries(o).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return JSON.stringify({ labels: sorted(a.labels), annotations: sorted(a.annotations), generator: g.pathname + g.search, state: a.status.state });
}

const hasAll = (alerts: AmAlert[]): boolean => EXPECTED.every((n) => alerts.some((a) => a.labels['alertname'] === n));

let target: SickService;
let vigil: ServerProcess | undefined;
let amVigil: Proc;
let amProm: Proc;

before(async () => {
  if (skipReason !== false) return;
  target = new SickService();
  await target.start();
  const downAddr = `127.0.0.1:${await freePort()}`;
  const targetAddr = `127.0.0.1:${target.port}`;
  [amVigil, amProm] = await Promise.all([startAlertmanager('alertmanager (vigil)'), startAlertmanager('alertmanager (prometheus)')]);
  const dir = tmpDir('vigil-side-by-side-');
  const rulesFile = path.join(dir, 'rules.yml');
  fs.writeFileSync(rulesFile, RULES);
  const promCfg = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(promCfg, prometheusYml(amProm.url, rulesFile, targetAddr, downAddr));
  const promPort = await freePort();
  const prom = spawnBinary('prometheus', PROMETHEUS, promPort, [
    `--config.file=${promCfg}`,
    `--storage.tsdb.path=${path.join(dir, 'prom-data')}`,
    `--web.listen-address=127.0.0.1:${promPort}`,
  ]);
  vigil = await startServer({ config: prometheusYml(amVigil.url, rulesFile, targetAddr, downAddr) });
  await waitUp(prom);
});

after(async () => {
  const waits = procs
    .filter((p) => p.proc.exitCode === null && p.proc.signalCode === null)
    .map((p) => {
      const done = new Promise((r) => p.proc.once('exit', r));
      p.proc.kill('SIGKILL');
      return done;
    });
  await Promise.all(waits);
  if (vigil) await vigil.stop();
  await stopAll();
  if (target) await target.stop();
});

test('Vigil and Prometheus 2.42 send the same alerts to their Alertmanagers', { skip: skipReason, timeout: 60_000 }, async () => {
  const deadline = Date.now() + 40_000;
  let fromVigil: AmAlert[] = [];
  let fromProm: AmAlert[] = [];
  for (;;) {
    [fromVigil, fromProm] = await Promise.all([amAlerts(amVigil.url), amAlerts(amProm.url)]);
    if (hasAll(fromVigil) && hasAll(fromProm)) break;
    if (Date.now() > deadline) {
      const names = (as: AmAlert[]): string => as.map((a) => a.labels['alertname']).join(', ');
      assert.fail(
        `alerts missing after 40 s: vigil's Alertmanager has [${names(fromVigil)}], prometheus's has [${names(fromProm)}]\n` +
          `vigil logs:\n${vigil?.logs().slice(-4000) ?? ''}`,
      );
    }
    await sleep(500);
  }
  const v = fromVigil.map(comparable).sort();
  const p = fromProm.map(comparable).sort();
  assert.deepEqual(v, p);
  assert.equal(fromVigil.length, EXPECTED.length);
  // What a user sees in Vigil's Alertmanager (the same text as Prometheus's, compared above).
  const annotation = (alertname: string, key: string): string | undefined =>
    fromVigil.find((a) => a.labels['alertname'] === alertname)?.annotations[key];
  assert.equal(annotation('HighErrorRate', 'description'), '25% of requests to api fail (monitor side-by-side).');
  assert.equal(annotation('HighP95Latency', 'summary'), 'p95 latency of API is 1.75s');
  assert.equal(annotation('HighP95Latency', 'description'), '1.750 seconds, 1.75s');
  assert.match(annotation('LowCacheHitRate', 'summary') ?? '', /^Cache hit rate of sessions on 127\.0\.0\.1:\d+ is 60%$/);
  assert.equal(annotation('TaskQueueBacklog', 'summary'), 'Reports queue holds 1536 tasks (1.536k)');
  assert.equal(annotation('TaskQueueBacklog', 'description'), '1.512ki queued in total; 127.0.0.1');
  assert.equal(annotation('ServiceDown', 'targets'), 'api=1 worker=0 ');
  assert.match(annotation('ServiceDown', 'runbook') ?? '', /^<error expanding template: .*error calling humanizeDuration: strconv\.ParseFloat: parsing "soon": invalid syntax>$/);
  for (const a of fromVigil) assert.equal(a.status.state, 'active');
});
