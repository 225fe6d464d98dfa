import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels, Matcher, MatchType } from '../model/labels/index.js';
import { isStaleNaN } from '../model/value/index.js';
import { Engine } from '../promql/engine/index.js';
import { MemoryStorage } from '../storage/memory/index.js';
import { ValueType } from '../storage/index.js';
import { RuleManager, type NotifierAlert } from './index.js';

const T0 = 1_700_000_000_000;
const MIN = 60_000;

function ruleFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-rules-'));
  const p = join(dir, 'rules.yml');
  writeFileSync(p, text);
  return p;
}

function setup(opts: { notify?: (a: NotifierAlert[]) => void; outageTolerance?: number; forGracePeriod?: number } = {}): {
  store: MemoryStorage;
  mgr: RuleManager;
  sent: NotifierAlert[][];
} {
  const store = new MemoryStorage();
  const sent: NotifierAlert[][] = [];
  const mgr = new RuleManager({
    appendable: store,
    queryable: store,
    engine: new Engine(),
    notify: opts.notify ?? ((a) => sent.push(a)),
    clock: () => T0,
    externalURL: 'http://vigil:9090',
    outageTolerance: opts.outageTolerance,
    forGracePeriod: opts.forGracePeriod,
  });
  return { store, mgr, sent };
}

function put(store: MemoryStorage, labels: Record<string, string>, t: number, v: number): void {
  store.put(Labels.fromObject(labels), t, ValueType.Float, v, null);
}

function samples(store: MemoryStorage, name: string): Map<string, [number, number][]> {
  const q = store.querier(0, Number.MAX_SAFE_INTEGER);
  const set = q.select(true, null, new Matcher(MatchType.Equal, '__name__', name));
  const out = new Map<string, [number, number][]>();
  while (set.next()) {
    const it = set.at().iterator();
    const pts: [number, number][] = [];
    while (it.next() === ValueType.Float) pts.push([it.atT(), it.atF()]);
    out.set(set.at().labels.toString(), pts);
  }
  return out;
}

test('recording rule: results appended with the record name and labels; vanished series get staleness markers', async () => {
  const { store, mgr } = setup();
  put(store, { __name__: 'up', job: 'a' }, T0, 1);
  put(store, { __name__: 'up', job: 'b' }, T0, 1);
  put(store, { __name__: 'up', job: 'b' }, T0 + MIN, 0);
  await mgr.update(MIN, [ruleFile('groups:\n  - name: g\n    labels: {team: x}\n    rules:\n      - record: job:up\n        expr: up == 1\n')]);
  await mgr.evalAt(T0 + 30_000);
  await mgr.evalAt(T0 + 90_000);
  const got = samples(store, 'job:up');
  assert.deepEqual(got.get('{__name__="job:up", job="a", team="x"}'), [
    [T0 + 30_000, 1],
    [T0 + 90_000, 1],
  ]);
  const b = got.get('{__name__="job:up", job="b", team="x"}') ?? [];
  assert.equal(b.length, 2);
  assert.deepEqual(b[0], [T0 + 30_000, 1]);
  assert.equal(b[1]?.[0], T0 + 90_000);
  assert.ok(isStaleNaN(b[1]?.[1] ?? 0));
  const info = mgr.ruleGroups();
  assert.equal(info[0]?.rules[0]?.health, 'ok');
  assert.equal(info[0]?.interval, 60);
  assert.equal(info[0]?.rules[0]?.query, 'up == 1');
});

test('recording rule: same labelset after applying labels and limit are errors; the group goes on', async () => {
  const { store, mgr } = setup();
  put(store, { __name__: 'up', job: 'a' }, T0, 1);
  put(store, { __name__: 'up', job: 'b' }, T0, 1);
  const f = ruleFile(`groups:
  - name: g
    limit: 1
    rules:
      - record: dup
        expr: up
        labels: {job: same}
      - record: lim
        expr: up
      - record: bad
        expr: up + on() up
      - record: ok
        expr: vector(1)
`);
  await mgr.update(MIN, [f]);
  await mgr.evalAt(T0 + 1000);
  const rules = mgr.ruleGroups()[0]?.rules ?? [];
  assert.deepEqual(
    rules.map((r) => [r.health, r.lastError]),
    [
      ['err', 'vector contains metrics with the same labelset after applying rule labels'],
      ['err', 'exceeded limit of 1 with 2 series'],
      ['err', rules[2]?.lastError ?? ''],
      ['ok', ''],
    ],
  );
  assert.match(rules[2]?.lastError ?? '', /duplicate series for the match group/);
  assert.equal(samples(store, 'ok').size, 1);
});

const ALERT_FILE = `groups:
  - name: alerts
    rules:
      - alert: High
        expr: x > 0
        for: 1m
        labels: {severity: page}
        annotations: {summary: "{{ $labels.inst }} is {{ $value }}"}
`;

test('alerting rule: pending, firing, resolved; ALERTS series; notify with startsAt/endsAt', async () => {
  const { store, mgr, sent } = setup();
  put(store, { __name__: 'x', inst: 'i1' }, T0, 5);
  put(store, { __name__: 'x', inst: 'i1' }, T0 + 2 * MIN, 0);
  await mgr.update(MIN, [ruleFile(ALERT_FILE)]);
  mgr.restoreForStateAt(T0);
  await mgr.evalAt(T0);
  let alerts = mgr.alerts();
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]?.state, 'pending');
  assert.equal(alerts[0]?.labels.toString(), '{alertname="High", inst="i1", severity="page"}');
  assert.equal(alerts[0]?.annotations.get('summary'), 'i1 is 5');
  assert.equal(sent.length, 0);

  await mgr.evalAt(T0 + MIN);
  alerts = mgr.alerts();
  assert.equal(alerts[0]?.state, 'firing');
  assert.equal(sent.length, 1);
  const a = sent[0]?.[0];
  assert.equal(a?.startsAt?.getTime(), T0 + MIN);
  assert.equal(a?.endsAt?.getTime(), T0 + MIN + 4 * MIN);
  assert.equal(a?.generatorURL, 'http://vigil:9090/graph?g0.expr=x+%3E+0&g0.tab=1');

  await mgr.evalAt(T0 + 2 * MIN);
  assert.equal(mgr.alerts().length, 0);
  assert.equal(sent.length, 2);
  assert.equal(sent[1]?.[0]?.endsAt?.getTime(), T0 + 2 * MIN);

  const series = samples(store, 'ALERTS');
  assert.deepEqual(series.get('{__name__="ALERTS", alertname="High", alertstate="pending", inst="i1", severity="page"}')?.[0], [T0, 1]);
  const firing = series.get('{__name__="ALERTS", alertname="High", alertstate="firing", inst="i1", severity="page"}') ?? [];
  assert.deepEqual(firing[0], [T0 + MIN, 1]);
  assert.ok(isStaleNaN(firing[1]?.[1] ?? 0), 'firing series marked stale once resolved');
  const forState = samples(store, 'ALERTS_FOR_STATE').get('{__name__="ALERTS_FOR_STATE", alertname="High", inst="i1", severity="page"}');
  assert.deepEqual(forState?.[0], [T0, T0 / 1000]);
  const ruleInfo = mgr.ruleGroups()[0]?.rules[0];
  assert.equal(ruleInfo?.type, 'alerting');
  if (ruleInfo?.type === 'alerting') {
    assert.equal(ruleInfo.duration, 60);
    assert.equal(ruleInfo.state, 'inactive');
  }
});

test('alerting rule: keep_firing_for keeps a vanished alert firing', async () => {
  const { store, mgr } = setup();
  put(store, { __name__: 'x' }, T0, 1);
  put(store, { __name__: 'x' }, T0 + MIN, 0);
  await mgr.update(MIN, [ruleFile('groups:\n  - name: g\n    rules:\n      - alert: K\n        expr: x > 0\n        keep_firing_for: 2m\n')]);
  mgr.restoreForStateAt(T0);
  await mgr.evalAt(T0);
  assert.equal(mgr.alerts()[0]?.state, 'firing');
  await mgr.evalAt(T0 + MIN);
  assert.equal(mgr.alerts()[0]?.state, 'firing');
  assert.equal(mgr.alerts()[0]?.keepFiringSince, T0 + MIN);
  await mgr.evalAt(T0 + 2 * MIN);
  assert.equal(mgr.alerts()[0]?.state, 'firing');
  await mgr.evalAt(T0 + 3 * MIN);
  assert.equal(mgr.alerts().length, 0);
});

test('alerting rule: limit on alerts', async () => {
  const { store, mgr } = setup();
  put(store, { __name__: 'x', i: '1' }, T0, 1);
  put(store, { __name__: 'x', i: '2' }, T0, 1);
  await mgr.update(MIN, [ruleFile('groups:\n  - name: g\n    limit: 1\n    rules:\n      - alert: L\n        expr: x\n')]);
  await mgr.evalAt(T0);
  const r = mgr.ruleGroups()[0]?.rules[0];
  assert.equal(r?.health, 'err');
  assert.equal(r?.lastError, 'exceeded limit of 1 with 2 alerts');
  assert.equal(mgr.alerts().length, 0);
});

test('restore for state from ALERTS_FOR_STATE after a restart', async () => {
  const { store, mgr } = setup({ forGracePeriod: 10 * MIN, outageTolerance: 60 * MIN });
  const file = ruleFile('groups:\n  - name: g\n    rules:\n      - alert: R\n        expr: x > 0\n        for: 30m\n');
  // Before the restart: active since T0 - 20m, last written at T0 - 5m.
  put(store, { __name__: 'ALERTS_FOR_STATE', alertname: 'R', inst: 'a' }, T0 - 5 * MIN, (T0 - 20 * MIN) / 1000);
  put(store, { __name__: 'x', inst: 'a' }, T0, 1);
  await mgr.update(MIN, [file]);
  await mgr.evalAt(T0);
  assert.equal(samples(store, 'ALERTS').size, 0, 'nothing appended before restoration');
  mgr.restoreForStateAt(T0);
  // 15m spent pending, 15m remaining (> grace period): activeAt moves by the 5m downtime.
  assert.equal(mgr.alerts()[0]?.activeAt, T0 - 15 * MIN);
  await mgr.evalAt(T0 + MIN);
  assert.equal(samples(store, 'ALERTS').size, 1);
});

test('reload: unchanged groups keep running state; changed groups copy alert state', async () => {
  const { store, mgr } = setup();
  put(store, { __name__: 'x', inst: 'i1' }, T0, 5);
  const f = ruleFile(ALERT_FILE);
  await mgr.update(MIN, [f]);
  await mgr.evalAt(T0);
  await mgr.update(MIN, [f]);
  assert.equal(mgr.alerts()[0]?.activeAt, T0);
  writeFileSync(f, ALERT_FILE + '      - record: r\n        expr: x\n');
  await mgr.update(MIN, [f]);
  assert.equal(mgr.ruleGroups()[0]?.rules.length, 2);
  assert.equal(mgr.alerts()[0]?.activeAt, T0);
  await mgr.evalAt(T0 + MIN);
  assert.equal(mgr.alerts()[0]?.state, 'firing');
  writeFileSync(f, 'groups:\n  - name: alerts\n    rules:\n      - record: r\n        expr: x[\n');
  await assert.rejects(mgr.update(MIN, [f]), /could not parse expression/);
  assert.equal(mgr.ruleGroups()[0]?.rules.length, 2, 'old groups kept');
  await mgr.stop();
});

test('group evaluation slots: the group offset within the interval, at or before now', async () => {
  const { mgr } = setup();
  await mgr.update(MIN, [ruleFile('groups:\n  - name: g\n    rules:\n      - record: r\n        expr: vector(1)\n')]);
  const g = mgr.ruleGroupsRaw()[0];
  assert.ok(g);
  const now = T0 + 12_345;
  const slot = g.evalTimestamp(now);
  assert.ok(slot <= now && slot > now - MIN);
  assert.equal(g.evalTimestamp(slot + MIN), slot + MIN);
  assert.equal(g.evalTimestamp(now + 5 * MIN), slot + 5 * MIN);
});

test('run(): groups evaluate on their own timers and stop cleanly', async () => {
  const store = new MemoryStorage();
  const mgr = new RuleManager({ appendable: store, queryable: store, engine: new Engine(), notify: () => undefined });
  await mgr.update(20, [ruleFile('groups:\n  - name: g\n    interval: 20ms\n    rules:\n      - record: r\n        expr: vector(1)\n')]);
  mgr.run();
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && (samples(store, 'r').get('{__name__="r"}') ?? []).length < 3) await new Promise((r) => setTimeout(r, 10));
  await mgr.stop();
  const pts = samples(store, 'r').get('{__name__="r"}') ?? [];
  assert.ok(pts.length >= 3, `evaluations: ${pts.length}`);
  for (let i = 1; i < pts.length; i++) assert.equal(((pts[i]?.[0] ?? 0) - (pts[0]?.[0] ?? 0)) % 20, 0);
});

test('alert templates: Go templates with Prometheus functions; failures render the error text', async () => {
  const { store, mgr } = setup();
  put(store, { __name__: 'x', inst: 'i1' }, T0, 1234567);
  const f = ruleFile(`groups:
  - name: g
    rules:
      - alert: T
        expr: x > 0
        labels: {inst: "{{ $labels.inst | toUpper }}"}
        annotations:
          h: "{{ humanize $value }}"
          q: "{{ with query \\"x\\" }}{{ . | first | value }}{{ end }}"
          e: "{{ $externalURL }}"
          bad: "{{ index $labels 1 }}"
`);
  await mgr.update(MIN, [f]);
  await mgr.evalAt(T0);
  const a = mgr.alerts()[0];
  assert.equal(a?.labels.get('inst'), 'I1');
  assert.equal(a?.annotations.get('h'), '1.235M');
  assert.equal(a?.annotations.get('q'), '1.234567e+06');
  assert.equal(a?.annotations.get('e'), 'http://vigil:9090');
  assert.match(a?.annotations.get('bad') ?? '', /^<error expanding template: error executing template __alert_T: /);
});

test('reload: a removed group stops and its series are marked stale after two intervals', async () => {
  const store = new MemoryStorage();
  let now = T0;
  const mgr = new RuleManager({ appendable: store, queryable: store, engine: new Engine(), notify: () => undefined, clock: () => now });
  const f = ruleFile('groups:\n  - name: g\n    interval: 10ms\n    rules:\n      - record: r\n        expr: vector(1)\n');
  await mgr.update(10, [f]);
  await mgr.evalAt(T0);
  now = T0 + 1000;
  writeFileSync(f, 'groups: []\n');
  await mgr.update(10, [f]);
  assert.equal(mgr.ruleGroups().length, 0);
  await new Promise((r) => setTimeout(r, 60));
  const pts = samples(store, 'r').get('{__name__="r"}') ?? [];
  assert.equal(pts.length, 2);
  assert.equal(pts[1]?.[0], T0 + 1000);
  assert.ok(isStaleNaN(pts[1]?.[1] ?? 0));
});

test('notify: firing alerts are resent only after the resend delay', async () => {
  const { store, mgr, sent } = setup();
  put(store, { __name__: 'x' }, T0, 1);
  await mgr.update(MIN, [ruleFile('groups:\n  - name: g\n    rules:\n      - alert: F\n        expr: x > 0\n')]);
  for (let i = 0; i < 4; i++) await mgr.evalAt(T0 + i * 30_000);
  // Sent at T0, then when lastSentAt + 1m < ts: at T0+90s.
  assert.deepEqual(
    sent.map((b) => b[0]?.endsAt?.getTime()),
    [T0 + 4 * MIN, T0 + 90_000 + 4 * MIN],
  );
  assert.equal(sent[1]?.[0]?.startsAt?.getTime(), T0);
});
