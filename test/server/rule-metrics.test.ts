/**
 * The rule manager's prometheus_rule_* metrics on the /metrics of a running `vigil server`:
 * per-group evaluations and failures after scheduled evaluations, and the series of a removed
 * group gone after a reload.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { eventually, request, startServer, stopAll, tmpDir, type ServerProcess } from './harness.js';

let srv: ServerProcess;
let rulesFile: string;

const RULES = `groups:
  - name: good
    rules:
      - record: answer
        expr: vector(42)
  - name: failing
    rules:
      # Two series of the self-scrape that differ only in their name: a duplicate labelset.
      - record: dup
        expr: '{__name__=~"prometheus_ready|prometheus_tsdb_head_series", job="vigil"}'
`;

function metricValue(body: string, series: string): number | undefined {
  for (const line of body.split('\n')) if (line.startsWith(series + ' ')) return Number(line.slice(series.length + 1));
  return undefined;
}

before(async () => {
  rulesFile = path.join(tmpDir(), 'rules.yml');
  fs.writeFileSync(rulesFile, RULES);
  srv = await startServer({
    config: `global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:\n  - ${rulesFile}\nscrape_configs:\n  - job_name: vigil\n    static_configs:\n      - targets: ['$SELF']\n`,
    args: ['--web.enable-lifecycle'],
  });
});

after(async () => {
  try {
    if (srv.proc.exitCode === null) await srv.stop();
  } finally {
    await stopAll();
  }
});

test('/metrics shows the rule group metrics after evaluations', async () => {
  const good = `rule_group="${rulesFile};good"`;
  const failing = `rule_group="${rulesFile};failing"`;
  const body = await eventually(async () => {
    const r = await request(`${srv.url}/metrics`);
    const evals = metricValue(r.body, `prometheus_rule_evaluations_total{${good}}`) ?? 0;
    const fails = metricValue(r.body, `prometheus_rule_evaluation_failures_total{${failing}}`) ?? 0;
    return evals >= 2 && fails >= 1 ? r.body : null;
  }, 15_000, 'rule evaluations');
  assert.match(body, /^# TYPE prometheus_rule_evaluations_total counter$/m);
  assert.match(body, /^# TYPE prometheus_rule_evaluation_duration_seconds summary$/m);
  assert.equal(metricValue(body, `prometheus_rule_evaluation_failures_total{${good}}`), 0);
  assert.equal(metricValue(body, `prometheus_rule_group_rules{${good}}`), 1);
  assert.equal(metricValue(body, `prometheus_rule_group_rules{${failing}}`), 1);
  assert.equal(metricValue(body, `prometheus_rule_group_interval_seconds{${good}}`), 1);
  assert.ok((metricValue(body, `prometheus_rule_group_iterations_total{${good}}`) ?? 0) >= 2);
  assert.ok((metricValue(body, `prometheus_rule_group_last_evaluation_timestamp_seconds{${good}}`) ?? 0) > 1e9);
  assert.equal(metricValue(body, `prometheus_rule_group_last_evaluation_samples{${good}}`), 1);
  assert.ok(metricValue(body, `prometheus_rule_group_last_duration_seconds{${good}}`) !== undefined);
  assert.ok(metricValue(body, 'prometheus_rule_evaluation_duration_seconds{quantile="0.99"}') !== undefined);
  assert.ok(metricValue(body, 'prometheus_rule_group_duration_seconds{quantile="0.5"}') !== undefined);
});

test('a reload that removes a group deletes its series', async () => {
  fs.writeFileSync(rulesFile, 'groups:\n  - name: good\n    rules:\n      - record: answer\n        expr: vector(42)\n');
  const r = await request(`${srv.url}/-/reload`, { method: 'POST' });
  assert.equal(r.status, 200);
  const body = (await request(`${srv.url}/metrics`)).body;
  assert.ok(!body.includes(`rule_group="${rulesFile};failing"`), 'series of the removed group remain');
  assert.equal(metricValue(body, `prometheus_rule_group_rules{rule_group="${rulesFile};good"}`), 1);
});
