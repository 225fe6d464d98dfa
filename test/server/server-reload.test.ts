/**
 * Configuration reloads of `vigil server`: SIGHUP and POST /-/reload with good and bad files
 * (a bad one keeps the old configuration running and sets
 * prometheus_config_last_reload_successful to 0), /-/quit, and a bad file at start-up.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, getJson, job, MetricsTarget, queryVector, request, sleep, startServer, stopAll, type ServerProcess } from './harness.js';

let first: MetricsTarget;
let second: MetricsTarget;
let srv: ServerProcess;

function config(...jobs: string[]): string {
  return `global:\n  scrape_interval: 1s\nscrape_configs:\n${jobs.join('')}`;
}

async function reloadMetric(): Promise<string> {
  const r = await request(`${srv.url}/metrics`);
  return /^prometheus_config_last_reload_successful (\S+)$/m.exec(r.body)?.[1] ?? '';
}

before(async () => {
  first = new MetricsTarget();
  second = new MetricsTarget();
  await first.start();
  await second.start();
  srv = await startServer({ config: config(job('first', first.address)), args: ['--web.enable-lifecycle', '--web.enable-admin-api'] });
  await eventually(async () => ((await queryVector(srv.url, 'up{job="first"} == 1')).length === 1 ? true : null), 15_000, 'first target up');
});

after(async () => {
  if (srv.proc.exitCode === null) await srv.stop();
  await stopAll();
  await first.stop();
  await second.stop();
});

test('SIGHUP applies a new configuration; the unchanged target keeps being scraped', async () => {
  fs.writeFileSync(srv.configFile, config(job('first', first.address), job('second', second.address)));
  const hitsBefore = first.hits;
  srv.proc.kill('SIGHUP');
  await eventually(async () => ((await queryVector(srv.url, 'up{job="second"} == 1')).length === 1 ? true : null), 15_000, 'second target up');
  await eventually(async () => (first.hits > hitsBefore + 1 ? true : null), 5000, 'first target still scraped');
  const t = (await getJson(`${srv.url}/api/v1/targets?state=active`)).data as { activeTargets: { scrapePool: string; health: string }[] };
  assert.deepEqual(t.activeTargets.map((a) => a.scrapePool).sort(), ['first', 'second']);
  assert.equal(await reloadMetric(), '1');
  assert.match(srv.logs(), /msg="Completed loading of configuration file"/);
});

test('a bad configuration via /-/reload answers 500 and keeps the old one running', async () => {
  fs.writeFileSync(srv.configFile, 'scrape_configs:\n  - job_name: [unclosed\n');
  const r = await request(`${srv.url}/-/reload`, { method: 'POST' });
  assert.equal(r.status, 500);
  assert.ok(r.body.startsWith(`failed to reload config: couldn't load configuration (--config.file=${JSON.stringify(srv.configFile)}): `), r.body);
  assert.equal(await reloadMetric(), '0');
  const hits = second.hits;
  await sleep(2500);
  assert.ok(second.hits > hits, 'targets of the old config are still scraped');
  const cfg = (await getJson(`${srv.url}/api/v1/status/config`)).data as { yaml: string };
  assert.match(cfg.yaml, /job_name: second/);
  const rt = (await getJson(`${srv.url}/api/v1/status/runtimeinfo`)).data as { reloadConfigSuccess: boolean };
  assert.equal(rt.reloadConfigSuccess, false);
  assert.match(srv.logs(), /level=ERROR .*msg="Error reloading config"/);
});

test('a bad configuration via SIGHUP is logged and the server lives on', async () => {
  fs.writeFileSync(srv.configFile, 'global:\n  scrape_interval: banana\n');
  srv.proc.kill('SIGHUP');
  await eventually(async () => ((srv.logs().match(/msg="Error reloading config"/g) ?? []).length >= 2 ? true : null), 5000, 'error logged');
  assert.equal((await request(`${srv.url}/-/ready`)).status, 200);
});

test('a good configuration via PUT /-/reload succeeds and removes a job', async () => {
  fs.writeFileSync(srv.configFile, config(job('second', second.address)));
  const r = await request(`${srv.url}/-/reload`, { method: 'PUT' });
  assert.equal(r.status, 200, r.body);
  assert.equal(await reloadMetric(), '1');
  const t = (await getJson(`${srv.url}/api/v1/targets?state=active`)).data as { activeTargets: { scrapePool: string }[] };
  assert.deepEqual(t.activeTargets.map((a) => a.scrapePool), ['second']);
});

test('with --web.enable-admin-api: snapshot and delete_series work', async () => {
  const snap = await request(`${srv.url}/api/v1/admin/tsdb/snapshot`, { method: 'POST' });
  assert.equal(snap.status, 200, snap.body);
  const name = (JSON.parse(snap.body) as { data: { name: string } }).data.name;
  assert.ok(fs.existsSync(path.join(srv.dataDir, 'snapshots', name)));
  assert.equal((await queryVector(srv.url, 'count_over_time(up{job="first"}[1h])')).length, 1);
  const del = await request(`${srv.url}/api/v1/admin/tsdb/delete_series?match[]=${encodeURIComponent('up{job="first"}')}`, { method: 'POST' });
  assert.equal(del.status, 204, del.body);
  assert.equal((await queryVector(srv.url, 'count_over_time(up{job="first"}[1h])')).length, 0);
});

test('/-/quit stops the server cleanly', async () => {
  const r = await request(`${srv.url}/-/quit`, { method: 'POST' });
  assert.equal(r.status, 200);
  assert.equal(r.body, 'Requesting termination... Goodbye!');
  const e = await srv.exited;
  assert.equal(e.code, 0, srv.logs());
  assert.match(srv.logs(), /msg="See you next time!"/);
});

test('an invalid configuration at start-up is logged and the process exits 2', async () => {
  const bad = await startServer({ config: 'global:\n  scrape_interval: banana\n', waitReady: false });
  const e = await bad.exited;
  assert.equal(e.code, 2, bad.logs());
  assert.match(bad.logs(), /level=ERROR .*msg="Error loading config \(--config\.file=.*prometheus\.yml\)" file=\S+ err=/);
});
