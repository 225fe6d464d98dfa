/**
 * Federation interop: Debian's Prometheus 2.42 scrapes `vigil server`'s /federate with
 * honor_labels and ends up with the same series (label sets incl. Vigil's external labels, and
 * values) as Vigil answers for the same selector.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, freePort, getJson, job, MetricsTarget, queryVector, startServer, stopAll, tmpDir, type ServerProcess } from './harness.js';

const PROMETHEUS = '/usr/bin/prometheus';
const haveProm = fs.existsSync(PROMETHEUS);

let target: MetricsTarget | undefined;
let srv: ServerProcess | undefined;
let prom: ChildProcess | undefined;
let promLogs = '';

before(async () => {
  if (!haveProm) return;
  target = new MetricsTarget();
  await target.start();
  srv = await startServer({
    config: `global:\n  scrape_interval: 1s\n  external_labels:\n    site: e2e\n    replica: a\nscrape_configs:\n${job('target', target.address)}${job('vigil', '$SELF')}`,
  });
});

after(async () => {
  try {
    if (prom !== undefined && prom.exitCode === null && prom.signalCode === null) {
      const p = prom;
      await new Promise<void>((r) => {
        p.once('exit', () => r());
        p.kill('SIGKILL');
      });
    }
    if (srv !== undefined) await srv.stop();
  } finally {
    await stopAll();
    await target?.stop();
  }
});

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

function key(s: Sample): string {
  return JSON.stringify(Object.entries(s.metric).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

test('Debian prometheus federates the target job from vigil with identical series', { skip: haveProm ? false : `${PROMETHEUS} is absent` }, async () => {
  assert.ok(srv !== undefined && target !== undefined);
  const vigil = srv;
  // Fix the target's values so both sides agree regardless of scrape timing.
  target.value = 17.5;
  await eventually(async () => {
    const v = await queryVector(vigil.url, 'e2e_temperature');
    return v.length === 1 && v[0]?.value[1] === '17.5' ? v : null;
  }, 20_000, 'vigil scraped the target');

  const dir = tmpDir('vigil-federate-prom-');
  const port = await freePort();
  const cfg = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    cfg,
    [
      'global:',
      '  scrape_interval: 1s',
      '  evaluation_interval: 1s',
      'scrape_configs:',
      '  - job_name: federate',
      '    scrape_interval: 1s',
      '    scrape_timeout: 900ms',
      '    honor_labels: true',
      '    metrics_path: /federate',
      '    params:',
      "      'match[]': ['{job=\"target\"}']",
      '    static_configs:',
      `      - targets: ["127.0.0.1:${vigil.port}"]`,
      '',
    ].join('\n'),
  );
  prom = spawn(
    PROMETHEUS,
    [`--config.file=${cfg}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir },
  );
  prom.stdout?.on('data', (c: Buffer) => (promLogs += c.toString()));
  prom.stderr?.on('data', (c: Buffer) => (promLogs += c.toString()));
  const promUrl = `http://127.0.0.1:${port}`;

  // The target's counter keeps moving; compare the gauge and `up`-free target series by label set,
  // and values for the series whose value is fixed.
  const selector = '{job="target"}';
  const theirs = await eventually(async () => {
    if (prom?.exitCode !== null) throw new Error(`prometheus exited: ${promLogs}`);
    const r = await getJson(`${promUrl}/api/v1/query?query=${encodeURIComponent(selector)}`, { timeoutMs: 2000 });
    if (r.status !== 'success') return null;
    const res = (r.data as { result: Sample[] }).result;
    return res.some((s) => s.metric['__name__'] === 'e2e_temperature') ? res : null;
  }, 20_000, 'federated series in Debian prometheus');
  const ours = await queryVector(vigil.url, selector);

  // Vigil's own query has no external labels; /federate adds them (and honor_labels keeps them).
  const expected = new Map(ours.map((s) => [key({ metric: { ...s.metric, site: 'e2e', replica: 'a' }, value: s.value }), s]));
  const got = new Map(theirs.map((s) => [key(s), s]));
  assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort(), `prometheus: ${JSON.stringify(theirs)}\nvigil: ${JSON.stringify(ours)}`);
  for (const s of theirs) {
    assert.equal(s.metric['site'], 'e2e');
    assert.equal(s.metric['replica'], 'a');
    assert.equal(s.metric['job'], 'target');
    assert.equal(s.metric['instance'], target.address);
  }
  const temp = theirs.find((s) => s.metric['__name__'] === 'e2e_temperature');
  assert.equal(temp?.value[1], '17.5');
  const vigilTemp = ours.find((s) => s.metric['__name__'] === 'e2e_temperature');
  assert.equal(vigilTemp?.value[1], temp?.value[1]);

  // Values: federation keeps Vigil's sample timestamps, so every federated sample's value must be
  // what Vigil answers for the same series at that sample's timestamp.
  const r = await getJson(`${promUrl}/api/v1/query?query=${encodeURIComponent(`${selector}[30s]`)}`, { timeoutMs: 2000 });
  assert.equal(r.status, 'success');
  const series = (r.data as { result: { metric: Record<string, string>; values: [number, string][] }[] }).result;
  assert.equal(series.length, theirs.length);
  let compared = 0;
  for (const s of series) {
    const last = s.values[s.values.length - 1];
    assert.ok(last !== undefined);
    const at = await queryVector(vigil.url, selector, { time: last[0] });
    const k = key({ metric: s.metric, value: last });
    const mine = at.find((v) => key({ metric: { ...v.metric, site: 'e2e', replica: 'a' }, value: v.value }) === k);
    assert.ok(mine !== undefined, `vigil has no ${k} at ${last[0]}`);
    assert.equal(mine.value[1], last[1], `value of ${k} at ${last[0]}`);
    compared++;
  }
  assert.ok(compared >= 2);
  console.log(`federation interop: ${compared} series identical in Debian prometheus and vigil`);
});
