/**
 * Alertmanager acceptance, side by side: the same alertmanager.yml is loaded by Debian's
 * Alertmanager 0.25 and by `vigil alertmanager`; the same alerts, silences and expiries are sent
 * to both at the same moments; each delivers to its own webhook receivers on loopback. Both must
 * produce the same notifications (same payload up to the external URL and receipt-time
 * timestamps), per receiver in the same order, each within a second of the other's.
 *
 * Timeline: alerts start at t0, so group_wait (1s) holds the first flush until t0+1s, then every
 * group_interval (2s): flushes at 1, 3, 5, 7 s. Every event sits at least 0.5 s from a flush: the
 * late alert arrives at 2 s, the resolving alert ends at 2 s, the silence expires at 4 s, the
 * repeat interval (3 s) makes the repeated alert go out again at 5 s.
 *
 * Scenarios (one config, run concurrently, each with its own route and receiver):
 * grouping and group_wait, a late alert joining at group_interval, repeat_interval, resolved
 * notifications, inhibition, a silence created and expired through the API, continue fan-out.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { eventually, freePort, repoRoot, request, sleep, tmpDir } from '../server/harness.js';
import { missingReference } from '../skips.js';

const ALERTMANAGER = '/usr/bin/prometheus-alertmanager';
const skip = missingReference(ALERTMANAGER);

const SCENARIOS = ['grouping', 'late', 'repeat', 'resolved', 'inhibit', 'silence', 'fanout-a', 'fanout-b'];
/** How long notifications are collected after the first alerts are sent (ms). */
const OBSERVE_MS = 8_500;

interface Notification {
  receiver: string;
  /** ms after the scenario's start. */
  at: number;
  body: Record<string, unknown>;
}

class Recorder {
  readonly got: Notification[] = [];
  t0 = 0;
  private server: http.Server | null = null;
  port = 0;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          this.got.push({ receiver: (req.url ?? '/').slice(1), at: Date.now() - this.t0, body });
        } catch {
          // Not a webhook payload: recorded as nothing; the comparison will show the gap.
        }
        res.end();
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    const a = this.server.address();
    this.port = typeof a === 'object' && a !== null ? a.port : 0;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

function config(webhookPort: number): string {
  const receivers = ['default', ...SCENARIOS]
    .map((n) => `  - name: ${n}\n    webhook_configs:\n      - url: http://127.0.0.1:${webhookPort}/${n}\n`)
    .join('');
  return `global:
  resolve_timeout: 5m
route:
  receiver: default
  group_by: [alertname]
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 1h
  routes:
    - { matchers: ['scenario="grouping"'], receiver: grouping }
    - { matchers: ['scenario="late"'], receiver: late }
    - { matchers: ['scenario="repeat"'], receiver: repeat, repeat_interval: 3s }
    - { matchers: ['scenario="resolved"'], receiver: resolved }
    - { matchers: ['scenario="inhibit"'], receiver: inhibit }
    - { matchers: ['scenario="silence"'], receiver: silence }
    - { matchers: ['scenario="fanout"'], receiver: fanout-a, continue: true }
    - { matchers: ['scenario="fanout"'], receiver: fanout-b }
inhibit_rules:
  - source_matchers: ['scenario="inhibit"', 'severity="critical"']
    target_matchers: ['scenario="inhibit"', 'severity="warning"']
    equal: [cluster]
receivers:
${receivers}`;
}

interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  recorder: Recorder;
  stderr: string[];
}

async function startInstance(name: string, cmd: readonly string[], recorder: Recorder): Promise<Instance> {
  const dir = tmpDir(`vigil-am-scenario-${name}-`);
  const cfg = path.join(dir, 'alertmanager.yml');
  fs.writeFileSync(cfg, config(recorder.port));
  const port = await freePort();
  const args = [
    ...cmd.slice(1),
    `--config.file=${cfg}`,
    `--storage.path=${path.join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
  ];
  const child = spawn(cmd[0] as string, args, { cwd: repoRoot(), stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr: string[] = [];
  child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`${name} exited ${child.exitCode}: ${stderr.join('')}`);
    try {
      return (await request(`${url}/-/ready`)).status === 200 ? true : null;
    } catch {
      return null;
    }
  }, 20_000, `${name} ready`);
  return { name, url, child, recorder, stderr };
}

async function post(inst: Instance, p: string, body: unknown, method = 'POST'): Promise<unknown> {
  const res = await request(`${inst.url}${p}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
  });
  assert.ok(res.status >= 200 && res.status < 300, `${inst.name} ${method} ${p}: ${res.status} ${res.body}`);
  return res.body === '' ? null : JSON.parse(res.body);
}

function alert(labels: Record<string, string>, t0: number, endsInMs?: number): Record<string, unknown> {
  const a: Record<string, unknown> = {
    labels,
    annotations: { summary: `${labels['alertname']} on ${labels['instance'] ?? 'all'}` },
    startsAt: new Date(t0).toISOString(),
    generatorURL: 'http://prometheus.example/graph',
  };
  if (endsInMs !== undefined) a['endsAt'] = new Date(t0 + endsInMs).toISOString();
  return a;
}

/** The payload with what legitimately differs between two Alertmanagers removed. */
function normalise(body: Record<string, unknown>): unknown {
  const alerts = (body['alerts'] as Record<string, unknown>[]).map((a) => ({
    ...a,
    // A firing alert's endsAt is receipt time + resolve_timeout: differs by the POST's latency.
    endsAt: a['status'] === 'firing' ? '<receipt+resolve_timeout>' : a['endsAt'],
  }));
  return { ...body, externalURL: '<external>', alerts };
}

/** Drives every scenario against the instances at once. */
async function runScenarios(instances: readonly Instance[]): Promise<void> {
  const t0 = Date.now();
  for (const i of instances) i.recorder.t0 = t0;
  const all = (fn: (i: Instance) => Promise<unknown>): Promise<unknown[]> => Promise.all(instances.map(fn));
  const silenceIds = new Map<string, string>();
  await all(async (i) => {
    const created = (await post(i, '/api/v2/silences', {
      matchers: [{ name: 'scenario', value: 'silence', isRegex: false, isEqual: true }],
      startsAt: new Date(t0 - 1_000).toISOString(),
      endsAt: new Date(t0 + 3_600_000).toISOString(),
      createdBy: 'acceptance',
      comment: 'maintenance window',
    })) as { silenceID: string };
    silenceIds.set(i.name, created.silenceID);
  });
  const first = [
    alert({ alertname: 'Grouped', scenario: 'grouping', instance: 'a' }, t0),
    alert({ alertname: 'Grouped', scenario: 'grouping', instance: 'b' }, t0),
    alert({ alertname: 'Late', scenario: 'late', instance: 'a' }, t0),
    alert({ alertname: 'Repeated', scenario: 'repeat', instance: 'a' }, t0),
    alert({ alertname: 'Resolving', scenario: 'resolved', instance: 'a' }, t0, 2_000),
    alert({ alertname: 'Inhibited', scenario: 'inhibit', severity: 'critical', cluster: 'c1' }, t0),
    alert({ alertname: 'Inhibited', scenario: 'inhibit', severity: 'warning', cluster: 'c1', instance: 'w' }, t0),
    alert({ alertname: 'Silenced', scenario: 'silence', instance: 'a' }, t0),
    alert({ alertname: 'FannedOut', scenario: 'fanout', instance: 'a' }, t0),
  ];
  await all((i) => post(i, '/api/v2/alerts', first));
  await sleep(2_000 - (Date.now() - t0));
  await all((i) => post(i, '/api/v2/alerts', [alert({ alertname: 'Late', scenario: 'late', instance: 'b' }, t0)]));
  await sleep(4_000 - (Date.now() - t0));
  await all((i) => post(i, `/api/v2/silence/${silenceIds.get(i.name) ?? ''}`, undefined, 'DELETE'));
  await sleep(OBSERVE_MS - (Date.now() - t0));
}

const instances: Instance[] = [];

before(async () => {
  if (skip !== false) return;
  const vigilCmd = process.env['VIGIL_AM_SCENARIO_REFERENCE_ONLY'] === '1' ? [ALERTMANAGER] : [process.execPath, 'bin/vigil', 'alertmanager'];
  for (const [name, cmd] of [['reference', [ALERTMANAGER]], ['vigil', vigilCmd]] as const) {
    const rec = new Recorder();
    await rec.start();
    instances.push(await startInstance(name, cmd, rec));
  }
});

after(async () => {
  for (const i of instances) {
    if (i.child.exitCode === null) {
      const exited = new Promise((r) => i.child.once('exit', r));
      i.child.kill('SIGKILL');
      await exited;
    }
    await i.recorder.stop();
  }
});

test('Vigil and Alertmanager 0.25 send the same notifications at the same times', { skip, timeout: 60_000 }, async () => {
  await runScenarios(instances);
  const [ref, vig] = instances as [Instance, Instance];
  const byReceiver = (i: Instance, r: string): Notification[] => i.recorder.got.filter((n) => n.receiver === r);
  // What the reference must have done, so that the comparison checks something.
  const refCounts = Object.fromEntries(SCENARIOS.map((r) => [r, byReceiver(ref, r).length]));
  if (process.env["AM_SCENARIO_DEBUG"]) console.log(JSON.stringify(ref.recorder.got.map((n) => [n.receiver, n.at, (n.body["alerts"] as unknown[]).length])));
  assert.deepEqual(refCounts, { grouping: 1, late: 2, repeat: 2, resolved: 2, inhibit: 1, silence: 1, 'fanout-a': 1, 'fanout-b': 1 },
    'reference notifications per receiver');
  assert.equal(byReceiver(ref, 'default').length, 0);
  for (const r of ['default', ...SCENARIOS]) {
    const want = byReceiver(ref, r);
    const got = byReceiver(vig, r);
    const show = (ns: Notification[]): string => ns.map((n) => `${n.at}ms ${JSON.stringify(normalise(n.body))}`).join('\n  ');
    assert.equal(got.length, want.length, `receiver ${r}: ${got.length} notifications, want ${want.length}\n got:\n  ${show(got)}\n want:\n  ${show(want)}`);
    for (let k = 0; k < want.length; k++) {
      const w = want[k] as Notification;
      const g = got[k] as Notification;
      assert.deepEqual(normalise(g.body), normalise(w.body), `receiver ${r} notification ${k}`);
      assert.ok(Math.abs(g.at - w.at) <= 1_000, `receiver ${r} notification ${k}: at ${g.at}ms, reference at ${w.at}ms`);
    }
  }
});
