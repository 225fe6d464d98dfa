import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from '../../instrument/index.js';
import { Labels } from '../../model/labels/index.js';
import type { Alert } from '../types/index.js';
import { needsUpdate } from './dedup.js';
import { NotifyMetrics } from './metrics.js';
import { ExponentialBackOff, RetryStage } from './retry.js';
import { contextError, FanoutStage, MultiStage } from './stages.js';
import { NotifyError, type Integration, type Notifier, type NotifyContext, type Stage } from './types.js';

const T0 = Date.parse('2026-03-02T10:00:00Z');

function alert(name: string, endsAt = 0): Alert {
  return { labels: Labels.fromObject({ alertname: name }), annotations: Labels.EMPTY, startsAt: T0 - 1000, endsAt, generatorURL: '', updatedAt: T0, timeout: false };
}

/** An abort signal with a referenced timer (AbortSignal.timeout's does not keep the test alive). */
function deadline(ms: number): AbortSignal {
  const ac = new AbortController();
  setTimeout(() => ac.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  return ac.signal;
}

function ctx(over: Partial<NotifyContext> = {}): NotifyContext {
  return {
    groupKey: 'g',
    routeID: '{}',
    receiverName: 'r',
    groupLabels: Labels.EMPTY,
    now: T0,
    repeatInterval: 3600_000,
    muteTimeIntervals: [],
    activeTimeIntervals: [],
    signal: new AbortController().signal,
    firingAlerts: ['0000000000000001'],
    resolvedAlerts: [],
    ...over,
  };
}

function integration(notifier: Notifier, sendResolved = true, name = 'webhook'): Integration {
  return { name, index: 0, receiverName: 'r', notifier, sendResolved: () => sendResolved };
}

test('exponential backoff with upstream defaults', () => {
  const mid = new ExponentialBackOff({ random: () => 0.5 });
  const seq = Array.from({ length: 14 }, () => Math.round(mid.nextBackOff()));
  assert.deepEqual(seq.slice(0, 5), [500, 750, 1125, 1688, 2531]);
  assert.equal(seq[13], 60_000);
  const low = new ExponentialBackOff({ random: () => 0 });
  assert.equal(low.nextBackOff(), 250);
  assert.equal(low.nextBackOff(), 375);
  low.reset();
  assert.equal(low.nextBackOff(), 250);
  const high = new ExponentialBackOff({ random: () => 0.999999 });
  assert.ok(Math.abs(high.nextBackOff() - 750) < 0.01);
  assert.equal(new ExponentialBackOff({ randomizationFactor: 0 }).nextBackOff(), 500);
});

test('needsUpdate as upstream', () => {
  const e = { groupKey: 'g', receiver: { groupName: 'r', integration: 'webhook', idx: 0 }, timestamp: T0, firingAlerts: ['a', 'b'], resolvedAlerts: ['c'] };
  const s = (...x: string[]): Set<string> => new Set(x);
  const R = 1000;
  assert.equal(needsUpdate(undefined, s('a'), s(), true, R, T0), true);
  assert.equal(needsUpdate(undefined, s(), s('a'), true, R, T0), false);
  assert.equal(needsUpdate(e, s('a', 'x'), s(), true, R, T0), true);
  assert.equal(needsUpdate(e, s('a'), s('c'), true, R, T0), false);
  assert.equal(needsUpdate(e, s('a'), s('b', 'c'), true, R, T0), true);
  assert.equal(needsUpdate(e, s('a'), s('b', 'c'), false, R, T0), false);
  assert.equal(needsUpdate(e, s(), s('a', 'b'), false, R, T0), true);
  assert.equal(needsUpdate({ ...e, firingAlerts: [] }, s(), s('a', 'b'), true, R, T0), false);
  assert.equal(needsUpdate(e, s('a', 'b'), s(), true, R, T0 + R), false);
  assert.equal(needsUpdate(e, s('a', 'b'), s(), true, R, T0 + R + 1), true);
});

test('every 0.25 integration is initialised, with upstream buckets', () => {
  const reg = new Registry();
  new NotifyMetrics(reg);
  const text = reg.expose();
  for (const i of ['email', 'pagerduty', 'wechat', 'pushover', 'slack', 'opsgenie', 'webhook', 'victorops', 'sns', 'telegram']) {
    for (const m of ['notifications_total', 'notifications_failed_total', 'notification_requests_total', 'notification_requests_failed_total']) {
      assert.match(text, new RegExp(`^alertmanager_${m}\\{integration="${i}"\\} 0$`, 'm'));
    }
    assert.match(text, new RegExp(`^alertmanager_notification_latency_seconds_count\\{integration="${i}"\\} 0$`, 'm'));
  }
  const les = [...text.matchAll(/^alertmanager_notification_latency_seconds_bucket\{integration="email",le="([^"]+)"\}/gm)].map((m) => m[1]);
  assert.deepEqual(les, ['1', '5', '10', '15', '20', '+Inf']);
  assert.match(text, /# HELP alertmanager_notifications_total The total number of attempted notifications\./);
  assert.match(text, /# TYPE alertmanager_notification_latency_seconds histogram/);
});

test('any error other than a non-retryable NotifyError is retried', async () => {
  let n = 0;
  const notifier: Notifier = {
    notify: () => {
      n++;
      if (n === 1) throw new Error('sync throw');
      if (n === 2) return Promise.reject(new TypeError('fetch failed'));
      return Promise.resolve();
    },
  };
  const m = new NotifyMetrics();
  const st = new RetryStage(integration(notifier), 'r', m, { backoff: { initialInterval: 1 } });
  const out = await st.exec(ctx(), [alert('A')]);
  assert.equal(out.length, 1);
  assert.equal(n, 3);
  assert.equal(m.numNotificationRequestsFailedTotal.labels('webhook').value, 2);
});

test('a notifier that hangs is abandoned at the deadline', async () => {
  const notifier: Notifier = { notify: () => new Promise<void>(() => {}) };
  const m = new NotifyMetrics();
  const st = new RetryStage(integration(notifier, true, 'pushover'), 'r', m);
  const start = performance.now();
  await assert.rejects(st.exec(ctx({ signal: deadline(50) }), [alert('A')]), {
    message: 'r/pushover[0]: notify retry canceled after 2 attempts: context deadline exceeded',
  });
  assert.ok(performance.now() - start < 1000);
  assert.equal(m.numTotalFailedNotifications.labels('pushover').value, 1);
  assert.equal(m.numNotificationRequestsFailedTotal.labels('pushover').value, 1);
});

test('an already cancelled flush sends nothing', async () => {
  let n = 0;
  const notifier: Notifier = { notify: async () => void n++ };
  const ac = new AbortController();
  ac.abort();
  const st = new RetryStage(integration(notifier), 'r', new NotifyMetrics());
  const err: unknown = await st.exec(ctx({ signal: ac.signal }), [alert('A')]).then(() => undefined, (e: unknown) => e);
  assert.ok(err instanceof NotifyError);
  assert.equal(err.message, 'r/webhook[0]: notify retry canceled after 1 attempts: context canceled');
  assert.equal(n, 0);
  assert.equal(contextError(AbortSignal.abort()).message, 'context canceled');
});

test('without send_resolved only firing alerts are sent; a missing firing list is an error', async () => {
  const got: string[][] = [];
  const notifier: Notifier = { notify: async (_c, alerts) => void got.push(alerts.map((a) => a.labels.get('alertname'))) };
  const st = new RetryStage(integration(notifier, false), 'r', new NotifyMetrics(), { now: () => T0 });
  const out = await st.exec(ctx(), [alert('A'), alert('B', T0 - 1), alert('C', T0 + 1)]);
  assert.deepEqual(got, [['A', 'C']]);
  assert.equal(out.length, 3, 'the stage passes every alert on, to be logged');
  const { firingAlerts: _omit, ...noFiring } = ctx();
  await assert.rejects(st.exec(noFiring, [alert('A')]), { message: 'firing alerts missing' });
});

test('fan-out branches get their own context; a multi stage stops when nothing is left', async () => {
  const seen: (string[] | undefined)[] = [];
  const setter = (fp: string): Stage => ({
    exec: async (c, alerts) => {
      c.firingAlerts = [fp];
      await new Promise((r) => setTimeout(r, 5));
      seen.push(c.firingAlerts);
      return alerts;
    },
  });
  const c = ctx({ firingAlerts: undefined });
  await new FanoutStage([setter('x'), setter('y')]).exec(c, [alert('A')]);
  assert.deepEqual(seen.map((s) => s?.[0]).sort(), ['x', 'y']);
  assert.equal(c.firingAlerts, undefined);
  let reached = false;
  const drop: Stage = { exec: async () => [] };
  const after: Stage = { exec: async (_c, a) => ((reached = true), a) };
  assert.deepEqual(await new MultiStage([drop, after]).exec(ctx(), [alert('A')]), []);
  assert.equal(reached, false);
});
