/**
 * `vigil server` end to end: readiness, scraping a loopback target and itself, the query API,
 * /metrics with upstream metric names, /federate, status endpoints, lifecycle and admin API
 * gating, command-line errors, and Debian's promtool querying it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, getJson, job, MetricsTarget, PROMTOOL, queryVector, repoRoot, request, startServer, stopAll, type ServerProcess } from './harness.js';

let target: MetricsTarget;
let srv: ServerProcess;

before(async () => {
  target = new MetricsTarget();
  await target.start();
  srv = await startServer({
    config: `global:\n  scrape_interval: 1s\n  external_labels:\n    site: e2e\nscrape_configs:\n${job('target', target.address)}${job('vigil', '$SELF')}`,
  });
});

after(async () => {
  try {
    const r = await srv.stop();
    assert.equal(r.code, 0, srv.logs());
  } finally {
    await stopAll();
    await target.stop();
  }
});

test('health and readiness endpoints answer', async () => {
  const h = await request(`${srv.url}/-/healthy`);
  assert.equal(h.status, 200);
  assert.match(h.body, /is Healthy\.\n$/);
  const r = await request(`${srv.url}/-/ready`);
  assert.equal(r.status, 200);
  assert.match(r.body, /is Ready\.\n$/);
  const head = await request(`${srv.url}/-/ready`, { method: 'HEAD' });
  assert.equal(head.status, 200);
});

test('both targets are scraped and up answers 1 for each', async () => {
  const up = await eventually(async () => {
    const v = await queryVector(srv.url, 'up');
    return v.length === 2 && v.every((s) => s.value[1] === '1') ? v : null;
  }, 20_000, 'up == 1 for both targets');
  const jobs = up.map((s) => s.metric['job']).sort();
  assert.deepEqual(jobs, ['target', 'vigil']);
  const t = await eventually(async () => {
    const v = await queryVector(srv.url, 'e2e_temperature');
    return v.length === 1 ? v : null;
  });
  assert.deepEqual(t[0]?.metric, { __name__: 'e2e_temperature', instance: target.address, job: 'target' });
  assert.equal(t[0]?.value[1], '42');
  const targets = await getJson(`${srv.url}/api/v1/targets`);
  const active = (targets.data as { activeTargets: { health: string; scrapePool: string }[] }).activeTargets;
  assert.deepEqual(active.map((a) => [a.scrapePool, a.health]).sort(), [['target', 'up'], ['vigil', 'up']]);
});

test('/metrics exposes the upstream metric names in the text format', async () => {
  const r = await request(`${srv.url}/metrics`);
  assert.equal(r.status, 200);
  assert.match(String(r.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  for (const name of [
    'prometheus_tsdb_head_series',
    'prometheus_tsdb_head_samples_appended_total{type="float"}',
    'prometheus_engine_query_duration_seconds{slice="inner_eval",quantile="0.5"}',
    'prometheus_http_requests_total{code="200",handler="/api/v1/query"}',
    'prometheus_http_request_duration_seconds_bucket{handler="/api/v1/query",le="0.1"}',
    'prometheus_config_last_reload_successful 1',
    'prometheus_config_last_reload_success_timestamp_seconds',
    'prometheus_ready 1',
    'prometheus_build_info{',
    'process_cpu_seconds_total',
    'process_resident_memory_bytes',
    'process_start_time_seconds',
    'process_open_fds',
  ]) {
    assert.ok(r.body.includes(name), `missing ${name}`);
  }
  assert.match(r.body, /^# TYPE prometheus_http_requests_total counter$/m);
  const series = Number(/^prometheus_tsdb_head_series (\S+)$/m.exec(r.body)?.[1]);
  assert.ok(series > 10, `head series ${series}`);
  // The server scrapes itself: its own metrics are queryable.
  await eventually(async () => ((await queryVector(srv.url, 'prometheus_tsdb_head_series{job="vigil"}')).length === 1 ? true : null));
});

test('/federate exposes matched series with the external labels', async () => {
  const r = await request(`${srv.url}/federate?match[]=${encodeURIComponent('e2e_temperature')}`);
  assert.equal(r.status, 200);
  assert.match(r.body, /^e2e_temperature\{instance="127\.0\.0\.1:\d+",job="target",site="e2e"\} 42 \d+$/m);
});

test('status endpoints: flags as strings, config, runtime and build info', async () => {
  const flags = (await getJson(`${srv.url}/api/v1/status/flags`)).data as Record<string, string>;
  assert.equal(flags['web.listen-address'], `127.0.0.1:${srv.port}`);
  assert.equal(flags['query.timeout'], '2m');
  assert.equal(flags['query.max-samples'], '50000000');
  assert.equal(flags['query.lookback-delta'], '5m');
  assert.equal(flags['web.enable-lifecycle'], 'false');
  assert.equal(flags['web.max-connections'], '512');
  assert.equal(flags['storage.tsdb.retention.time'], '0s');
  assert.equal(flags['log.level'], 'info');
  assert.ok(Object.values(flags).every((v) => typeof v === 'string'));
  const cfg = (await getJson(`${srv.url}/api/v1/status/config`)).data as { yaml: string };
  assert.match(cfg.yaml, /job_name: target/);
  const rt = (await getJson(`${srv.url}/api/v1/status/runtimeinfo`)).data as Record<string, unknown>;
  assert.equal(rt['reloadConfigSuccess'], true);
  assert.equal(rt['storageRetention'], '15d');
  const wal = await getJson(`${srv.url}/api/v1/status/walreplay`);
  assert.equal(wal.status, 'success');
  const tsdb = (await getJson(`${srv.url}/api/v1/status/tsdb`)).data as { headStats: { numSeries: number } };
  assert.ok(tsdb.headStats.numSeries > 10);
});

test('lifecycle and admin APIs are refused unless enabled', async () => {
  for (const p of ['/-/reload', '/-/quit']) {
    const post = await request(`${srv.url}${p}`, { method: 'POST' });
    assert.equal(post.status, 403);
    assert.equal(post.body, 'Lifecycle API is not enabled.');
    const put = await request(`${srv.url}${p}`, { method: 'PUT' });
    assert.equal(put.status, 403);
    const get = await request(`${srv.url}${p}`);
    assert.equal(get.status, 405);
    assert.equal(get.body, 'Only POST or PUT requests allowed');
  }
  const del = await request(`${srv.url}/api/v1/admin/tsdb/delete_series?match[]=up`, { method: 'POST' });
  assert.equal(del.status, 500);
  assert.deepEqual(JSON.parse(del.body), { status: 'error', errorType: 'unavailable', error: 'admin APIs disabled' });
  const nf = await request(`${srv.url}/no/such/page`);
  assert.equal(nf.status, 404);
});

test("Debian's promtool queries the server", { skip: !fs.existsSync(PROMTOOL) && 'promtool not installed' }, async () => {
  await eventually(async () => ((await queryVector(srv.url, 'up')).length === 2 ? true : null));
  const r = spawnSync(PROMTOOL, ['query', 'instant', srv.url, 'sort(up)'], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^up\{instance="127\.0\.0\.1:\d+", job="target"\} => 1 @\[[\d.]+\]$/m);
  assert.match(r.stdout, /^up\{instance="127\.0\.0\.1:\d+", job="vigil"\} => 1 @\[[\d.]+\]$/m);
  const labels = spawnSync(PROMTOOL, ['query', 'labels', srv.url, 'job'], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(labels.status, 0, labels.stderr);
  assert.deepEqual(labels.stdout.trim().split('\n'), ['target', 'vigil']);
});

test('command-line errors: unknown flag, bad value, help', () => {
  const vigil = path.join(repoRoot(), 'bin', 'vigil');
  const unknown = spawnSync(process.execPath, [vigil, 'server', '--foo'], { encoding: 'utf8' });
  assert.equal(unknown.status, 1);
  assert.equal(unknown.stderr, "Error parsing command line arguments: unknown long flag '--foo'\nvigil: error: unknown long flag '--foo'\n");
  const bad = spawnSync(process.execPath, [vigil, 'server', '--query.timeout=xx'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.equal(bad.stderr, 'Error parsing command line arguments: not a valid duration string: "xx"\n');
  assert.match(bad.stdout, /^usage: vigil server \[<flags>\]/);
  const help = spawnSync(process.execPath, [vigil, 'server', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--web\.enable-lifecycle/);
  assert.match(help.stdout, /--storage\.tsdb\.path="data\/"/);
});
