/**
 * `vigil alertmanager` end to end: the real process on a free loopback port behind a web
 * config with basic auth, a webhook receiver on loopback; alerts posted to /api/v2/alerts are
 * delivered after group_wait; reloads by POST /-/reload and SIGHUP (good and bad configs)
 * keep the old config on error and re-send nothing; a restart keeps silences and re-sends
 * nothing; /metrics has the alertmanager_* names; SIGTERM exits 0 quickly.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import * as path from 'node:path';
import bcrypt from 'bcryptjs';
import { eventually, freePort, repoRoot, request, sleep, tmpDir, type RequestOpts, type Response } from '../server/harness.js';

const auth = { user: 'am', password: 'secret-pw' };

/** `node bin/vigil alertmanager`. */
function command(): string[] {
  return [path.join(repoRoot(), 'bin', 'vigil'), 'alertmanager'];
}

interface Hook {
  path: string;
  status: number;
  body: Record<string, unknown>;
  at: number;
}

/** The webhook receiver on loopback. */
class WebhookReceiver {
  /** Delivered notifications to /hook (answered 200). */
  readonly calls: Hook[] = [];
  /** Every request to /flaky, failed or not. */
  readonly flaky: Hook[] = [];
  /** How many more requests to /flaky fail with 503. */
  flakyFailures = 0;
  private readonly srv = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>;
      } catch {
        // recorded with an empty body
      }
      const path = req.url ?? '';
      const status = path === '/flaky' && this.flakyFailures-- > 0 ? 503 : 200;
      (path === '/flaky' ? this.flaky : this.calls).push({ path, status, body, at: Date.now() });
      res.writeHead(status);
      res.end(status === 200 ? '' : 'down for maintenance');
    });
  });
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((r) => this.srv.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.srv.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.srv.closeAllConnections();
    await new Promise<void>((r) => this.srv.close(() => r()));
  }
}

interface AmProcess {
  proc: ChildProcess;
  url: string;
  logs(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const dir = tmpDir('vigil-am-e2e-');
const dataDir = path.join(dir, 'data');
const configFile = path.join(dir, 'alertmanager.yml');
const webConfigFile = path.join(dir, 'web.yml');
const hook = new WebhookReceiver();
const running = new Set<ChildProcess>();
let port = 0;
let am: AmProcess | undefined;

function config(groupWait: string): string {
  return [
    'route:',
    '  receiver: hook',
    '  group_by: [alertname]',
    `  group_wait: ${groupWait}`,
    '  group_interval: 1s',
    '  repeat_interval: 1h',
    '  routes:',
    '    - receiver: flaky',
    '      matchers: [alertname="F"]',
    'receivers:',
    '  - name: hook',
    '    webhook_configs:',
    `      - url: ${hook.url}/hook`,
    '        send_resolved: true',
    '  - name: flaky',
    '    webhook_configs:',
    `      - url: ${hook.url}/flaky`,
    '',
  ].join('\n');
}

const BAD_CONFIG = 'route:\n  group_wait: 1s\nreceivers:\n  - name: hook\n';

async function startAm(): Promise<AmProcess> {
  const proc = spawn(
    process.execPath,
    [
      ...command(),
      `--config.file=${configFile}`,
      `--storage.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.config.file=${webConfigFile}`,
      '--cluster.listen-address=',
      '--log.level=debug',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
  );
  running.add(proc);
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => {
      running.delete(proc);
      resolve({ code, signal });
    }),
  );
  const p: AmProcess = { proc, url: `http://127.0.0.1:${port}`, logs: () => out, exited };
  await eventually(
    async () => {
      if (proc.exitCode !== null) throw new Error(`alertmanager exited with ${proc.exitCode}:\n${out}`);
      const r = await request(`${p.url}/-/ready`, { auth, timeoutMs: 1000 });
      return r.status === 200 ? true : null;
    },
    15_000,
    'alertmanager ready',
  );
  return p;
}

async function call(p: string, o: RequestOpts = {}): Promise<Response> {
  if (am === undefined) throw new Error('alertmanager not running');
  return request(`${am.url}${p}`, { auth, ...o });
}

function postJSON(p: string, body: unknown): Promise<Response> {
  return call(p, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
}

async function metric(name: string): Promise<number | undefined> {
  const r = await call('/metrics');
  const line = r.body.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

async function stopAm(): Promise<{ code: number | null; elapsed: number }> {
  const p = am;
  if (p === undefined) throw new Error('not running');
  const start = Date.now();
  p.proc.kill('SIGTERM');
  const kill = setTimeout(() => p.proc.kill('SIGKILL'), 10_000);
  const r = await p.exited;
  clearTimeout(kill);
  am = undefined;
  return { code: r.code, elapsed: Date.now() - start };
}

function firingAlert(name: string): Record<string, unknown> {
  return { labels: { alertname: name, severity: 'page' }, annotations: { summary: `${name} is firing` } };
}

before(async () => {
  await hook.start();
  port = await freePort();
  fs.writeFileSync(configFile, config('300ms'));
  fs.writeFileSync(webConfigFile, `basic_auth_users:\n  ${auth.user}: ${bcrypt.hashSync(auth.password, 4)}\n`);
  am = await startAm();
});

after(async () => {
  const waits: Promise<unknown>[] = [];
  for (const c of running) {
    waits.push(new Promise((r) => c.once('exit', r)));
    c.kill('SIGKILL');
  }
  await Promise.all(waits);
  await hook.stop();
});

test('the web config basic auth is enforced on every route', async () => {
  assert.ok(am !== undefined);
  for (const p of ['/-/healthy', '/-/ready', '/metrics', '/api/v2/status', '/api/v2/alerts']) {
    const r = await request(`${am.url}${p}`);
    assert.equal(r.status, 401, p);
  }
  assert.equal((await request(`${am.url}/-/healthy`, { auth: { user: 'am', password: 'wrong' } })).status, 401);
  const ok = await call('/-/healthy');
  assert.deepEqual([ok.status, ok.body], [200, 'OK']);
});

test('a posted alert reaches the webhook after group_wait', async () => {
  const posted = Date.now();
  const r = await postJSON('/api/v2/alerts', [firingAlert('A')]);
  assert.equal(r.status, 200, r.body);
  const calls = await eventually(async () => (hook.calls.length > 0 ? hook.calls : null), 10_000, 'webhook call');
  const first = calls[0] as Hook;
  assert.ok(first.at - posted >= 250, `sent after ${first.at - posted} ms, before group_wait`);
  assert.equal(first.body['version'], '4');
  assert.equal(first.body['receiver'], 'hook');
  assert.equal(first.body['status'], 'firing');
  assert.equal(first.body['groupKey'], '{}:{alertname="A"}');
  assert.deepEqual(first.body['groupLabels'], { alertname: 'A' });
  assert.equal(first.body['externalURL'], `http://${hostname()}:${port}`);
  const alerts = first.body['alerts'] as { labels: Record<string, string>; status: string }[];
  assert.deepEqual(alerts.map((a) => [a.labels['alertname'], a.status]), [['A', 'firing']]);
});

test('/metrics has the alertmanager_* names', async () => {
  const body = (await call('/metrics')).body;
  for (const name of [
    'alertmanager_build_info',
    'alertmanager_config_hash',
    'alertmanager_config_last_reload_successful',
    'alertmanager_config_last_reload_success_timestamp_seconds',
    'alertmanager_cluster_enabled 0',
    'alertmanager_alerts{state="active"}',
    'alertmanager_alerts_received_total{status="firing",version="v2"}',
    'alertmanager_alerts_invalid_total',
    'alertmanager_silences{state="active"}',
    'alertmanager_receivers 2',
    'alertmanager_integrations 2',
    'alertmanager_notifications_total{integration="webhook"}',
    'alertmanager_notification_requests_total{integration="webhook"}',
    'alertmanager_nflog_queries_total',
    'alertmanager_dispatcher_aggregation_groups',
    'alertmanager_http_request_duration_seconds_bucket',
    'process_resident_memory_bytes',
  ]) {
    assert.ok(body.includes(name), `missing ${name}`);
  }
  assert.equal(await metric('alertmanager_config_last_reload_successful'), 1);
});

test('POST /-/reload: a bad config answers 500 and keeps the old one; a good one reloads and re-sends nothing', async () => {
  const before = hook.calls.length;
  const hashBefore = await metric('alertmanager_config_hash');
  fs.writeFileSync(configFile, BAD_CONFIG);
  const bad = await call('/-/reload', { method: 'POST' });
  assert.equal(bad.status, 500);
  assert.equal(bad.body, 'failed to reload config: root route must specify a default receiver\n');
  assert.equal(await metric('alertmanager_config_last_reload_successful'), 0);
  assert.equal(await metric('alertmanager_config_hash'), hashBefore);
  fs.writeFileSync(configFile, config('200ms'));
  const good = await call('/-/reload', { method: 'POST' });
  assert.deepEqual([good.status, good.body], [200, '']);
  assert.equal(await metric('alertmanager_config_last_reload_successful'), 1);
  assert.notEqual(await metric('alertmanager_config_hash'), hashBefore);
  // The new dispatcher regroups alert A; the notification log says it was sent already.
  await sleep(1200);
  assert.equal(hook.calls.length, before, 'nothing re-sent after the reload');
});

test('SIGHUP reloads: a bad config is logged and kept out, a good one applied', async () => {
  assert.ok(am !== undefined);
  const p = am;
  fs.writeFileSync(configFile, BAD_CONFIG);
  p.proc.kill('SIGHUP');
  await eventually(async () => ((await metric('alertmanager_config_last_reload_successful')) === 0 ? true : null), 5000, 'failed reload recorded');
  assert.match(p.logs(), /Loading configuration file failed/);
  assert.equal((await call('/-/healthy')).status, 200);
  fs.writeFileSync(configFile, config('300ms'));
  p.proc.kill('SIGHUP');
  await eventually(async () => ((await metric('alertmanager_config_last_reload_successful')) === 1 ? true : null), 5000, 'good reload recorded');
  // Still delivering with the reloaded config.
  const n = hook.calls.length;
  assert.equal((await postJSON('/api/v2/alerts', [firingAlert('C')])).status, 200);
  const c = await eventually(async () => hook.calls.slice(n).find((h) => h.body['groupKey'] === '{}:{alertname="C"}') ?? null, 10_000, 'alert C delivered');
  assert.equal(c.body['status'], 'firing');
});

test('a receiver that is down is retried with backoff and gets the notification once back', async () => {
  hook.flakyFailures = 2;
  assert.equal((await postJSON('/api/v2/alerts', [firingAlert('F')])).status, 200);
  const ok = await eventually(async () => hook.flaky.find((h) => h.status === 200) ?? null, 15_000, 'delivery once the receiver is back');
  assert.deepEqual(hook.flaky.map((h) => h.status), [503, 503, 200]);
  const [a, b] = hook.flaky as [Hook, Hook, Hook];
  assert.ok(b.at - a.at >= 200, `retried after ${b.at - a.at} ms`);
  assert.equal(ok.body['groupKey'], '{}/{alertname="F"}:{alertname="F"}');
  const body = (await call('/metrics')).body;
  assert.match(body, /alertmanager_notification_requests_failed_total\{integration="webhook"\} [1-9]/);
});

let silenceId = '';

test('a restart keeps silences and re-sends nothing already sent', async () => {
  const now = Date.now();
  const s = await postJSON('/api/v2/silences', {
    matchers: [{ name: 'alertname', value: 'B', isRegex: false, isEqual: true }],
    startsAt: new Date(now - 1000).toISOString(),
    endsAt: new Date(now + 3600_000).toISOString(),
    createdBy: 'e2e',
    comment: 'kept across restarts',
  });
  assert.equal(s.status, 200, s.body);
  silenceId = (JSON.parse(s.body) as { silenceID: string }).silenceID;
  assert.match(silenceId, /^[0-9a-f-]{36}$/);
  const stopped = await stopAm();
  assert.equal(stopped.code, 0);
  assert.ok(fs.existsSync(path.join(dataDir, 'silences')), 'silences snapshot written');
  assert.ok(fs.existsSync(path.join(dataDir, 'nflog')), 'nflog snapshot written');
  const sentBefore = hook.calls.length;

  am = await startAm();
  const list = JSON.parse((await call('/api/v2/silences')).body) as { id: string; status: { state: string }; comment: string }[];
  const kept = list.find((x) => x.id === silenceId);
  assert.ok(kept !== undefined, 'silence restored');
  assert.equal(kept.status.state, 'active');
  assert.equal(kept.comment, 'kept across restarts');

  // Prometheus re-sends its firing alerts; A and C were delivered before the restart.
  assert.equal((await postJSON('/api/v2/alerts', [firingAlert('A'), firingAlert('C'), firingAlert('B'), firingAlert('D')])).status, 200);
  const d = await eventually(async () => hook.calls.slice(sentBefore).find((h) => h.body['groupKey'] === '{}:{alertname="D"}') ?? null, 10_000, 'alert D delivered');
  assert.equal(d.body['status'], 'firing');
  await sleep(800);
  const keys = hook.calls.slice(sentBefore).map((h) => h.body['groupKey']);
  assert.deepEqual(keys, ['{}:{alertname="D"}'], 'only the new alert was sent (A, C deduplicated; B silenced)');
  const alerts = JSON.parse((await call('/api/v2/alerts?filter=alertname%3D%22B%22')).body) as { status: { state: string; silencedBy: string[] } }[];
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]?.status.state, 'suppressed');
  assert.deepEqual(alerts[0]?.status.silencedBy, [silenceId]);
});

test('10,000 alerts posted in a burst are grouped and delivered, memory bounded', async (t) => {
  assert.ok(am !== undefined);
  const groups = 100;
  const perGroup = 100;
  const sentBefore = hook.calls.length;
  const batches: Promise<Response>[] = [];
  for (let g = 0; g < groups; g += 10) {
    const batch: Record<string, unknown>[] = [];
    for (let k = g; k < g + 10; k++) {
      for (let i = 0; i < perGroup; i++) {
        batch.push({ labels: { alertname: `Burst${k}`, instance: `host-${i}:9100`, severity: 'page' }, annotations: { summary: 'burst' } });
      }
    }
    batches.push(postJSON('/api/v2/alerts', batch));
  }
  for (const r of await Promise.all(batches)) assert.equal(r.status, 200, r.body);
  const burst = (): Hook[] => hook.calls.slice(sentBefore).filter((h) => String(h.body['groupKey']).includes('Burst'));
  await eventually(async () => (burst().length >= groups ? true : null), 30_000, `${groups} burst notifications`);
  const sent = burst();
  assert.equal(sent.length, groups, 'one notification per group');
  for (const h of sent) assert.equal((h.body['alerts'] as unknown[]).length, perGroup, String(h.body['groupKey']));
  const status = fs.readFileSync(`/proc/${am.proc.pid ?? 0}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? '0');
  t.diagnostic(`RSS after the burst: ${Math.round(rssKiB / 1024)} MiB`);
  assert.ok(rssKiB > 0 && rssKiB < 400 * 1024, `RSS ${rssKiB} KiB after the burst`);
});

test('SIGTERM exits 0 quickly', async () => {
  const r = await stopAm();
  assert.equal(r.code, 0);
  assert.ok(r.elapsed < 5000, `took ${r.elapsed} ms`);
});
