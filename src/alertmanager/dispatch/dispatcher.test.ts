import { type TestContext, test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from '../../instrument/index.js';
import type { StructuredLogger } from '../../log/index.js';
import { Labels } from '../../model/labels/index.js';
import type { NotifyContext, Stage } from '../notify/types.js';
import { MemAlerts, alertFingerprint } from '../provider/index.js';
import { AlertMarker } from '../silence/index.js';
import type { Alert } from '../types/index.js';
import { Dispatcher, type RouteConfig, newRoute } from './index.js';

interface Flush {
  at: number;
  ctx: NotifyContext;
  alerts: readonly Alert[];
}

/** A Stage that records every flush; `behave` may delay or fail it. */
class RecordingStage implements Stage {
  readonly flushes: Flush[] = [];
  behave: ((ctx: NotifyContext, alerts: readonly Alert[]) => Promise<void>) | null = null;
  async exec(ctx: NotifyContext, alerts: readonly Alert[]): Promise<readonly Alert[]> {
    this.flushes.push({ at: Date.now(), ctx, alerts });
    if (this.behave !== null) await this.behave(ctx, alerts);
    return alerts;
  }
  of(groupKey: string): Flush[] {
    return this.flushes.filter((f) => f.ctx.groupKey === groupKey);
  }
}

const quiet = { info: (): void => {}, warn: (): void => {}, error: (): void => {} };

function alert(labels: Record<string, string>, o: Partial<Alert> = {}): Alert {
  const now = Date.now();
  return {
    labels: Labels.fromObject(labels),
    annotations: Labels.EMPTY,
    startsAt: now,
    endsAt: now + 300_000,
    generatorURL: '',
    updatedAt: now,
    timeout: true,
    ...o,
  };
}

interface Setup {
  alerts: MemAlerts;
  stage: RecordingStage;
  disp: Dispatcher;
  stop: () => Promise<void>;
}

interface SetupOpts {
  timeout?: (d: number) => number;
  registry?: Registry;
  logger?: StructuredLogger;
  stopTimeoutMs?: number;
}

function setup(t: TestContext, cfg: RouteConfig, o: SetupOpts = {}): Setup {
  const marker = new AlertMarker();
  const alerts = new MemAlerts(marker);
  const stage = new RecordingStage();
  const disp = new Dispatcher(newRoute(cfg), alerts, stage, marker, o.timeout ?? ((d) => d), o.logger ?? quiet, {
    registry: o.registry,
    stopTimeoutMs: o.stopTimeoutMs,
  });
  disp.start();
  const stop = async (): Promise<void> => {
    await disp.stop();
    alerts.stop();
  };
  t.after(stop);
  return { alerts, stage, disp, stop };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(cond: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

const names = (as: readonly Alert[]): string[] => as.map((a) => a.labels.get('alertname') + (a.labels.has('i') ? `/${a.labels.get('i')}` : ''));

test('alerts are grouped by group_by labels and flushed after group_wait', async (t) => {
  const s = setup(t, { receiver: 'team', groupBy: ['alertname'], groupWait: 60, groupInterval: 10_000, repeatInterval: 3_600_000 });
  const t0 = Date.now();
  s.alerts.put(alert({ alertname: 'A', i: '1' }), alert({ alertname: 'B', i: '1' }), alert({ alertname: 'A', i: '2' }));
  assert.equal(s.disp.groupCount, 2);
  await waitFor(() => s.stage.flushes.length === 2);
  const a = s.stage.of('{}:{alertname="A"}');
  assert.equal(a.length, 1);
  const f = a[0] as Flush;
  assert.ok(f.at - t0 >= 55, `flushed after ${f.at - t0}ms`);
  assert.deepEqual(names(f.alerts), ['A/1', 'A/2']);
  assert.equal(f.ctx.receiverName, 'team');
  assert.equal(f.ctx.routeID, '{}');
  assert.equal(f.ctx.repeatInterval, 3_600_000);
  assert.ok(f.ctx.groupLabels.equals(Labels.fromObject({ alertname: 'A' })));
  assert.deepEqual(f.ctx.muteTimeIntervals, []);
  assert.equal(f.ctx.signal.aborted, false);
  assert.ok(Math.abs(f.ctx.now - f.at) < 50);
  assert.equal(f.alerts[0]?.endsAt, 0, 'a firing alert is sent without its endsAt');
  assert.deepEqual(names(s.stage.of('{}:{alertname="B"}')[0]?.alerts ?? []), ['B/1']);
  await s.stop();
});

test("group_by ['...'] makes one group per label set; no group_by makes one group", async (t) => {
  const all = setup(t, { receiver: 'r', groupByAll: true, groupWait: 30, groupInterval: 10_000 });
  all.alerts.put(alert({ alertname: 'A', i: '1' }), alert({ alertname: 'A', i: '2' }), alert({ alertname: 'A', i: '1' }));
  assert.equal(all.disp.groupCount, 2);
  await waitFor(() => all.stage.flushes.length === 2);
  assert.deepEqual(all.stage.flushes.map((f) => f.ctx.groupKey).sort(), ['{}:{alertname="A", i="1"}', '{}:{alertname="A", i="2"}']);
  await all.stop();

  const none = setup(t, { receiver: 'r', groupWait: 30, groupInterval: 10_000 });
  none.alerts.put(alert({ alertname: 'A' }), alert({ alertname: 'B' }));
  assert.equal(none.disp.groupCount, 1);
  await waitFor(() => none.stage.flushes.length === 1);
  assert.equal(none.stage.flushes[0]?.ctx.groupKey, '{}:{}');
  assert.deepEqual(names(none.stage.flushes[0]?.alerts ?? []), ['A', 'B']);
  await none.stop();
});

test('flushes repeat every group_interval; a late alert joins at the next one', async (t) => {
  const s = setup(t, { receiver: 'r', groupBy: ['alertname'], groupWait: 40, groupInterval: 120 });
  const t0 = Date.now();
  s.alerts.put(alert({ alertname: 'A', i: '1' }));
  await waitFor(() => s.stage.flushes.length === 1);
  s.alerts.put(alert({ alertname: 'A', i: '2' }));
  await sleep(30);
  assert.equal(s.stage.flushes.length, 1, 'a late alert does not trigger a flush of its own');
  await waitFor(() => s.stage.flushes.length === 3);
  const [f1, f2, f3] = s.stage.flushes as [Flush, Flush, Flush];
  assert.deepEqual(names(f1.alerts), ['A/1']);
  assert.deepEqual(names(f2.alerts), ['A/1', 'A/2']);
  assert.deepEqual(names(f3.alerts), ['A/1', 'A/2'], 'the stage sees every flush (repeat is decided downstream)');
  assert.ok(f2.at - f1.at >= 100, `interval ${f2.at - f1.at}ms`);
  assert.ok(f3.at - f2.at >= 100, `interval ${f3.at - f2.at}ms`);
  assert.ok(f1.at - t0 >= 35);
  await s.stop();
});

test('an alert whose group_wait is already over is flushed at once', async (t) => {
  const s = setup(t, { receiver: 'r', groupWait: 5_000, groupInterval: 10_000 });
  const t0 = Date.now();
  s.alerts.put(alert({ alertname: 'Old' }, { startsAt: t0 - 60_000 }));
  await waitFor(() => s.stage.flushes.length === 1, 1000);
  assert.ok(Date.now() - t0 < 1000);
  await s.stop();
});

test('resolved alerts are sent, then removed; the empty group is destroyed', async (t) => {
  const reg = new Registry();
  const s = setup(t, { receiver: 'r', groupBy: ['alertname'], groupWait: 30, groupInterval: 80 }, { registry: reg });
  s.alerts.put(alert({ alertname: 'A', i: '1' }), alert({ alertname: 'A', i: '2' }));
  await waitFor(() => s.stage.flushes.length === 1);
  assert.match(reg.expose(), /alertmanager_dispatcher_aggregation_groups 1\n/);
  const now = Date.now();
  s.alerts.put(alert({ alertname: 'A', i: '1' }, { startsAt: now - 1000, endsAt: now - 1, updatedAt: now + 1, timeout: false }));
  await waitFor(() => s.stage.flushes.length === 2);
  const f2 = s.stage.flushes[1] as Flush;
  assert.equal(f2.alerts.find((a) => a.labels.get('i') === '1')?.endsAt, now - 1, 'a resolved alert keeps its endsAt');
  await waitFor(() => s.stage.flushes.length === 3);
  assert.deepEqual(names(s.stage.flushes[2]?.alerts ?? []), ['A/2'], 'the resolved alert was dropped after being sent');
  const later = Date.now();
  s.alerts.put(alert({ alertname: 'A', i: '2' }, { startsAt: later - 1000, endsAt: later - 1, updatedAt: later + 1, timeout: false }));
  await waitFor(() => s.disp.groupCount === 0);
  assert.equal(s.disp.groups(() => true, () => true).groups.length, 0);
  assert.match(reg.expose(), /alertmanager_dispatcher_aggregation_groups 0\n/);
  const flushes = s.stage.flushes.length;
  await sleep(200);
  assert.equal(s.stage.flushes.length, flushes, 'a destroyed group flushes no more');
  await s.stop();
});

test('a failed flush keeps resolved alerts for the next flush', async (t) => {
  const errors: string[] = [];
  const logger = { ...quiet, error: (msg: string, f?: Readonly<Record<string, unknown>>): void => void errors.push(`${msg} num_alerts=${String(f?.num_alerts)}`) };
  const s = setup(t, { receiver: 'r', groupWait: 30, groupInterval: 80 }, { logger });
  s.stage.behave = async () => {
    throw new Error('receiver down');
  };
  const now = Date.now();
  s.alerts.put(alert({ alertname: 'R' }, { startsAt: now - 1000, endsAt: now - 1, updatedAt: now, timeout: false }));
  await waitFor(() => s.stage.flushes.length === 2);
  assert.deepEqual(names(s.stage.flushes[1]?.alerts ?? []), ['R']);
  assert.equal(errors[0], 'Notify for alerts failed num_alerts=1');
  s.stage.behave = null;
  await waitFor(() => s.disp.groupCount === 0);
  await s.stop();
});

test('a resolved alert updated during the flush is not removed', async (t) => {
  const s = setup(t, { receiver: 'r', groupWait: 30, groupInterval: 150 });
  let release: () => void = () => {};
  s.stage.behave = () => new Promise<void>((r) => (release = r));
  const now = Date.now();
  s.alerts.put(alert({ alertname: 'R' }, { startsAt: now - 1000, endsAt: now - 1, updatedAt: now, timeout: false }));
  await waitFor(() => s.stage.flushes.length === 1);
  // It fires again while the notification for its resolution is in flight.
  s.alerts.put(alert({ alertname: 'R' }, { startsAt: Date.now(), updatedAt: Date.now() + 5 }));
  s.stage.behave = null;
  release();
  await waitFor(() => s.stage.flushes.length === 2);
  assert.deepEqual(names(s.stage.flushes[1]?.alerts ?? []), ['R']);
  assert.equal(s.stage.flushes[1]?.alerts[0]?.endsAt, 0, 'sent as firing');
  await s.stop();
});

test('continue fans an alert out to two groups; groups() lists both with receivers', async (t) => {
  const s = setup(t, {
    receiver: 'default',
    groupBy: ['alertname'],
    groupWait: 30,
    groupInterval: 10_000,
    routes: [
      { receiver: 'team-x', match: { team: 'x' }, continue: true },
      { receiver: 'team-all', groupBy: ['team'], match: { team: 'x' } },
    ],
  });
  const a = alert({ alertname: 'A', team: 'x' });
  s.alerts.put(a, alert({ alertname: 'B', team: 'y' }));
  assert.equal(s.disp.groupCount, 3);
  await waitFor(() => s.stage.flushes.length === 3);
  const byReceiver = new Map(s.stage.flushes.map((f) => [f.ctx.receiverName, f.ctx]));
  assert.equal(byReceiver.get('team-x')?.groupKey, '{}/{team="x"}:{alertname="A"}');
  assert.equal(byReceiver.get('team-x')?.routeID, '{}/{team="x"}/0');
  assert.equal(byReceiver.get('team-all')?.groupKey, '{}/{team="x"}:{team="x"}');
  assert.equal(byReceiver.get('team-all')?.routeID, '{}/{team="x"}/1');
  assert.equal(byReceiver.get('default')?.groupKey, '{}:{alertname="B"}');

  const { groups, alertReceivers } = s.disp.groups(() => true, () => true);
  assert.deepEqual(
    groups.map((g) => [g.receiver, g.labels.toObject()]),
    [
      // LabelSet.Before: at the first name of the merged sorted names, the set lacking it is first.
      ['team-all', { team: 'x' }],
      ['team-x', { alertname: 'A' }],
      ['default', { alertname: 'B' }],
    ],
  );
  assert.deepEqual(alertReceivers.get(alertFingerprint(a)), ['team-all', 'team-x']);
  const onlyTeamX = s.disp.groups((r) => r.opts.receiver === 'team-x', () => true);
  assert.deepEqual(onlyTeamX.groups.map((g) => g.receiver), ['team-x']);
  const noneMatch = s.disp.groups(() => true, (al) => al.labels.get('alertname') === 'B');
  assert.deepEqual(noneMatch.groups.map((g) => g.receiver), ['default']);
  assert.equal(noneMatch.alertReceivers.has(alertFingerprint(a)), false);
  await s.stop();
});

test('alerts in a flush and in groups() are ordered by job, instance, then labels', async (t) => {
  const s = setup(t, { receiver: 'r', groupWait: 30, groupInterval: 10_000 });
  s.alerts.put(
    alert({ alertname: 'Z' }),
    alert({ alertname: 'A', job: 'b', instance: '1' }),
    alert({ alertname: 'A', job: 'a', instance: '2' }),
    alert({ alertname: 'A', job: 'a', instance: '1' }),
    alert({ alertname: 'A', instance: '0' }),
    alert({ alertname: 'Y', x: 'y' }),
  );
  await waitFor(() => s.stage.flushes.length === 1);
  const order = (as: readonly Alert[]): string[] => as.map((a) => `${a.labels.get('alertname')}:${a.labels.get('job')}:${a.labels.get('instance')}`);
  const want = ['A:a:1', 'A:a:2', 'A:b:1', 'A::0', 'Z::', 'Y::'];
  assert.deepEqual(order(s.stage.flushes[0]?.alerts ?? []), want);
  assert.deepEqual(order(s.disp.groups(() => true, () => true).groups[0]?.alerts ?? []), want);
  await s.stop();
});

test('a slow flush of one group does not delay another', async (t) => {
  const s = setup(t, { receiver: 'r', groupBy: ['alertname'], groupWait: 30, groupInterval: 60 }, { timeout: () => 10_000 });
  s.stage.behave = (ctx) =>
    ctx.groupKey.includes('Slow')
      ? new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }))
      : Promise.resolve();
  s.alerts.put(alert({ alertname: 'Slow' }), alert({ alertname: 'Fast' }));
  await waitFor(() => s.stage.of('{}:{alertname="Fast"}').length >= 4);
  assert.equal(s.stage.of('{}:{alertname="Slow"}').length, 1, 'the slow group never overlaps its own flushes');
  await s.stop();
  assert.equal(s.stage.of('{}:{alertname="Slow"}')[0]?.ctx.signal.aborted, true, 'stop() aborts the running flush');
});

test('the flush is aborted after timeout(group_interval)', async (t) => {
  const asked: number[] = [];
  const s = setup(t, { receiver: 'r', groupWait: 20, groupInterval: 5_000 }, { timeout: (d) => (asked.push(d), 40) });
  let reason: unknown;
  s.stage.behave = (ctx) =>
    new Promise<void>((_, reject) =>
      ctx.signal.addEventListener('abort', () => {
        reason = ctx.signal.reason;
        reject(new Error('aborted'));
      }),
    );
  const t0 = Date.now();
  s.alerts.put(alert({ alertname: 'A' }));
  await waitFor(() => reason !== undefined);
  assert.ok(Date.now() - t0 >= 55);
  assert.deepEqual(asked, [5_000]);
  assert.ok(reason instanceof DOMException && reason.name === 'TimeoutError');
  await s.stop();
});

test('start() dispatches the alerts already in the provider', async (t) => {
  const marker = new AlertMarker();
  const alerts = new MemAlerts(marker);
  alerts.put(alert({ alertname: 'Before' }));
  const stage = new RecordingStage();
  const disp = new Dispatcher(newRoute({ receiver: 'r', groupWait: 20, groupInterval: 10_000 }), alerts, stage, marker, (d) => d, quiet);
  disp.start();
  t.after(async () => {
    await disp.stop();
    alerts.stop();
  });
  alerts.put(alert({ alertname: 'After' }));
  await waitFor(() => stage.flushes.length === 1);
  assert.deepEqual(names(stage.flushes[0]?.alerts ?? []), ['After', 'Before']);
  await disp.stop();
  alerts.put(alert({ alertname: 'Stopped' }));
  assert.equal(disp.groupCount, 0, 'a stopped dispatcher takes no alerts');
  alerts.stop();
});

test('10,000 alerts in a burst are grouped promptly with bounded memory', async (t) => {
  const reg = new Registry();
  const s = setup(t, { receiver: 'r', groupBy: ['cluster'], groupWait: 50, groupInterval: 10_000 }, { registry: reg });
  const now = Date.now();
  const batch: Alert[] = [];
  for (let i = 0; i < 10_000; i++) {
    batch.push(alert({ alertname: 'Burst', cluster: `c${i % 100}`, instance: `host-${i}` }, { startsAt: now, updatedAt: now }));
  }
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  s.alerts.putAll(batch);
  const putMs = performance.now() - t0;
  assert.equal(s.disp.groupCount, 100);
  await waitFor(() => s.stage.flushes.length === 100, 5000);
  const total = s.stage.flushes.reduce((n, f) => n + f.alerts.length, 0);
  assert.equal(total, 10_000);
  assert.ok(putMs < 3000, `put took ${putMs}ms`);
  const grownMB = (process.memoryUsage().heapUsed - heap0) / 1e6;
  assert.ok(grownMB < 200, `heap grew ${grownMB.toFixed(1)}MB`);
  const text = reg.expose();
  assert.match(text, /alertmanager_dispatcher_aggregation_groups 100\n/);
  assert.match(text, /alertmanager_dispatcher_alert_processing_duration_seconds_count 10000\n/);
  assert.match(text, /# TYPE alertmanager_dispatcher_alert_processing_duration_seconds summary\n/);
  await s.stop();
});

test('stop() clears every timer', async (t) => {
  const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
  const before = timers();
  const s = setup(t, { receiver: 'r', groupBy: ['alertname'], groupWait: 30, groupInterval: 40 });
  s.alerts.start();
  s.alerts.put(alert({ alertname: 'A' }), alert({ alertname: 'B' }), alert({ alertname: 'C' }));
  await waitFor(() => s.stage.flushes.length >= 3);
  assert.ok(timers() > before);
  await s.stop();
  const n = s.stage.flushes.length;
  assert.equal(timers(), before, 'no timer is left behind');
  await sleep(100);
  assert.equal(s.stage.flushes.length, n, 'no flush after stop()');
  assert.equal(s.disp.groupCount, 0);
});

test('stop() does not hang on a stage that ignores its signal', async (t) => {
  const s = setup(t, { receiver: 'r', groupWait: 20, groupInterval: 10_000 }, { stopTimeoutMs: 50 });
  let stuck = 0;
  s.stage.behave = () => {
    stuck++;
    return new Promise<void>(() => {});
  };
  s.alerts.put(alert({ alertname: 'A' }));
  await waitFor(() => stuck === 1);
  const t0 = Date.now();
  await s.stop();
  assert.ok(Date.now() - t0 < 1000);
  assert.equal(s.stage.flushes[0]?.ctx.signal.aborted, true);
  assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length, 0, 'no timer is left behind');
});
