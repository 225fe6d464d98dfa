import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from '../instrument/index.js';
import { Labels } from '../model/labels/index.js';
import { Engine } from '../promql/engine/index.js';
import { MemoryStorage } from '../storage/memory/index.js';
import { ValueType } from '../storage/index.js';
import { RuleManager } from './index.js';

const T0 = 1_700_000_000_000;
const MIN = 60_000;

function ruleFile(text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'vigil-rule-metrics-')), 'rules.yml');
  writeFileSync(p, text);
  return p;
}

/** The value of one exposed series line (`name{labels}`), or undefined when absent. */
function value(exposition: string, series: string): number | undefined {
  for (const line of exposition.split('\n')) {
    if (line.startsWith(series + ' ')) return Number(line.slice(series.length + 1));
  }
  return undefined;
}

function setup(clock: () => number = () => T0): { store: MemoryStorage; mgr: RuleManager; reg: Registry } {
  const store = new MemoryStorage();
  const reg = new Registry();
  const mgr = new RuleManager({ appendable: store, queryable: store, engine: new Engine(), notify: () => undefined, clock, registry: reg });
  return { store, mgr, reg };
}

const GROUPS = `groups:
  - name: ok
    interval: 30s
    rules:
      - record: job:up
        expr: up
      - alert: Up
        expr: up > 0
  - name: bad
    rules:
      - record: dup
        expr: '{__name__=~"up|other"}'
`;

test('rule metrics after evaluations: counts, failures, samples, gauges per rule_group', async () => {
  const { store, mgr, reg } = setup();
  for (const job of ['a', 'b']) store.put(Labels.fromObject({ __name__: 'up', job }), T0, ValueType.Float, 1, null);
  store.put(Labels.fromObject({ __name__: 'other', job: 'a' }), T0, ValueType.Float, 1, null);
  const f = ruleFile(GROUPS);
  await mgr.update(MIN, [f]);
  const ok = `rule_group="${f};ok"`;
  const bad = `rule_group="${f};bad"`;
  let text = reg.expose();
  // Series exist with zero values before the first evaluation, as upstream's NewGroup.
  assert.equal(value(text, `prometheus_rule_evaluations_total{${ok}}`), 0);
  assert.equal(value(text, `prometheus_rule_group_rules{${ok}}`), 2);
  assert.equal(value(text, `prometheus_rule_group_rules{${bad}}`), 1);
  assert.equal(value(text, `prometheus_rule_group_interval_seconds{${ok}}`), 30);
  assert.equal(value(text, `prometheus_rule_group_interval_seconds{${bad}}`), 60);
  assert.equal(value(text, `prometheus_rule_group_last_restore_duration_seconds{${ok}}`), undefined);

  await mgr.evalAt(T0);
  await mgr.evalAt(T0 + 30_000);
  text = reg.expose();
  assert.equal(value(text, `prometheus_rule_evaluations_total{${ok}}`), 4);
  assert.equal(value(text, `prometheus_rule_evaluation_failures_total{${ok}}`), 0);
  assert.equal(value(text, `prometheus_rule_evaluations_total{${bad}}`), 2);
  assert.equal(value(text, `prometheus_rule_evaluation_failures_total{${bad}}`), 2);
  // Two series from the recording rule; the alerting rule writes none until its state is
  // restored; the failing rule returns none.
  assert.equal(value(text, `prometheus_rule_group_last_evaluation_samples{${ok}}`), 2);
  assert.equal(value(text, `prometheus_rule_group_last_evaluation_samples{${bad}}`), 0);
  assert.equal(value(text, `prometheus_rule_group_last_evaluation_timestamp_seconds{${ok}}`), T0 / 1000);
  const last = value(text, `prometheus_rule_group_last_duration_seconds{${ok}}`) ?? -1;
  assert.ok(last > 0 && last < 10, `last duration ${last}`);
  const sum = value(text, `prometheus_rule_group_last_rule_duration_sum_seconds{${ok}}`) ?? -1;
  assert.ok(sum > 0 && sum <= last, `rule duration sum ${sum}`);
  assert.equal(value(text, 'prometheus_rule_evaluation_duration_seconds_count'), 6);
  assert.ok((value(text, 'prometheus_rule_evaluation_duration_seconds{quantile="0.99"}') ?? -1) >= 0);
  assert.equal(value(text, 'prometheus_rule_group_duration_seconds_count'), 4);
  assert.equal(value(text, 'prometheus_rule_evaluation_duration_histogram_seconds_bucket{le="+Inf"}'), 6);
  assert.equal(value(text, 'prometheus_rule_evaluation_duration_histogram_seconds_bucket{le="10"}'), 6);
  assert.equal(value(text, 'prometheus_rule_group_duration_histogram_seconds_count'), 4);
  assert.ok(value(text, 'prometheus_rule_group_duration_seconds{quantile="0.01"}') !== undefined);
  // evalAt is not a scheduled iteration.
  assert.equal(value(text, `prometheus_rule_group_iterations_total{${ok}}`), 0);
  assert.equal(value(text, `prometheus_rule_group_iterations_missed_total{${ok}}`), 0);

  mgr.restoreForStateAt(T0 + 30_000);
  text = reg.expose();
  const restore = value(text, `prometheus_rule_group_last_restore_duration_seconds{${ok}}`) ?? -1;
  assert.ok(restore >= 0 && restore < 10, `restore duration ${restore}`);
  await mgr.evalAt(T0 + 60_000);
  text = reg.expose();
  // Now also ALERTS and ALERTS_FOR_STATE of the two firing alerts.
  assert.equal(value(text, `prometheus_rule_group_last_evaluation_samples{${ok}}`), 6);
  assert.equal(value(text, `prometheus_rule_evaluations_total{${ok}}`), 6);
  assert.equal(value(text, `prometheus_rule_evaluation_failures_total{${bad}}`), 3);
});

test('rule metrics: upstream help texts and types', async () => {
  const { mgr, reg } = setup();
  await mgr.update(MIN, [ruleFile('groups:\n  - name: g\n    rules:\n      - record: r\n        expr: vector(1)\n')]);
  await mgr.evalAt(T0);
  mgr.restoreForStateAt(T0);
  const text = reg.expose();
  const want: [string, string, string][] = [
    ['prometheus_rule_evaluations_total', 'counter', 'The total number of rule evaluations.'],
    ['prometheus_rule_evaluation_failures_total', 'counter', 'The total number of rule evaluation failures.'],
    ['prometheus_rule_group_last_duration_seconds', 'gauge', 'The duration of the last rule group evaluation.'],
    ['prometheus_rule_group_interval_seconds', 'gauge', 'The interval of a rule group.'],
    ['prometheus_rule_group_last_evaluation_timestamp_seconds', 'gauge', 'The timestamp of the last rule group evaluation in seconds.'],
    ['prometheus_rule_group_last_evaluation_samples', 'gauge', 'The number of samples returned during the last rule group evaluation.'],
    ['prometheus_rule_group_rules', 'gauge', 'The number of rules.'],
    ['prometheus_rule_group_iterations_total', 'counter', 'The total number of scheduled rule group evaluations, whether executed or missed.'],
    [
      'prometheus_rule_group_iterations_missed_total',
      'counter',
      'The total number of rule group evaluations missed due to slow rule group evaluation.',
    ],
    ['prometheus_rule_evaluation_duration_seconds', 'summary', 'The duration for a rule to execute.'],
    ['prometheus_rule_group_duration_seconds', 'summary', 'The duration of rule group evaluations.'],
    ['prometheus_rule_evaluation_duration_histogram_seconds', 'histogram', 'The duration for a rule to execute.'],
    ['prometheus_rule_group_duration_histogram_seconds', 'histogram', 'The duration of rule group evaluations.'],
    [
      'prometheus_rule_group_last_restore_duration_seconds',
      'gauge',
      'The duration of the last alert rules alerts restoration using the `ALERTS_FOR_STATE` series.',
    ],
  ];
  for (const [name, type, help] of want) {
    assert.ok(text.includes(`# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`), `help/type of ${name}`);
  }
  for (const q of ['0.5', '0.9', '0.99']) assert.ok(text.includes(`prometheus_rule_evaluation_duration_seconds{quantile="${q}"} `), q);
  for (const q of ['0.01', '0.05', '0.5', '0.9', '0.99']) assert.ok(text.includes(`prometheus_rule_group_duration_seconds{quantile="${q}"} `), q);
});

test('rule metrics: a removed group loses its series on reload, a changed one keeps its counters', async () => {
  const { mgr, reg } = setup();
  const f = ruleFile('groups:\n  - name: a\n    rules:\n      - record: r\n        expr: vector(1)\n  - name: b\n    rules:\n      - record: s\n        expr: vector(2)\n');
  await mgr.update(MIN, [f]);
  await mgr.evalAt(T0);
  writeFileSync(f, 'groups:\n  - name: a\n    rules:\n      - record: r\n        expr: vector(1)\n      - record: r2\n        expr: vector(3)\n');
  await mgr.update(MIN, [f]);
  const text = reg.expose();
  assert.ok(!text.includes(`rule_group="${f};b"`), 'series of the removed group b remain');
  assert.equal(value(text, `prometheus_rule_evaluations_total{rule_group="${f};a"}`), 1);
  assert.equal(value(text, `prometheus_rule_group_rules{rule_group="${f};a"}`), 2);
});

test('rule metrics: a failed reload leaves the series of the running groups as they were', async () => {
  const { mgr, reg } = setup();
  const f = ruleFile('groups:\n  - name: a\n    rules:\n      - record: r\n        expr: vector(1)\n');
  const broken = ruleFile('groups:\n  - name: c\n    rules:\n      - record: r\n        expr: vector(\n');
  await mgr.update(MIN, [f]);
  await assert.rejects(mgr.update(MIN, [f, broken]));
  const text = reg.expose();
  assert.equal(value(text, `prometheus_rule_group_rules{rule_group="${f};a"}`), 1);
  assert.ok(!text.includes(`rule_group="${broken};c"`));
});

test('rule metrics: scheduled iterations are counted', async () => {
  const { mgr, reg } = setup(Date.now);
  const f = ruleFile('groups:\n  - name: g\n    interval: 20ms\n    rules:\n      - record: r\n        expr: vector(1)\n');
  await mgr.update(20, [f]);
  mgr.run();
  const series = `prometheus_rule_group_iterations_total{rule_group="${f};g"}`;
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && (value(reg.expose(), series) ?? 0) < 3) await new Promise((r) => setTimeout(r, 10));
  await mgr.stop();
  const text = reg.expose();
  const iterations = value(text, series) ?? 0;
  const missed = value(text, `prometheus_rule_group_iterations_missed_total{rule_group="${f};g"}`) ?? 0;
  assert.ok(iterations >= 3, `iterations ${iterations}`);
  // Every executed iteration evaluated the group's single rule once.
  assert.equal(value(text, `prometheus_rule_evaluations_total{rule_group="${f};g"}`), iterations - missed);
});
