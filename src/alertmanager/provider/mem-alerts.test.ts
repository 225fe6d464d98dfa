import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Registry } from '../../instrument/index.js';
import { Labels } from '../../model/labels/index.js';
import { AlertMarker, fingerprintString } from '../silence/index.js';
import type { Alert } from '../types/index.js';
import { MemAlerts, alertFingerprint, mergeAlerts } from './index.js';

const T = 1_700_000_000_000;

function alert(labels: Record<string, string>, o: Partial<Alert> = {}): Alert {
  return {
    labels: Labels.fromObject(labels),
    annotations: Labels.EMPTY,
    startsAt: T,
    endsAt: T + 300_000,
    generatorURL: '',
    updatedAt: T,
    timeout: false,
    ...o,
  };
}

test('put, get, list and count key alerts by fingerprint', () => {
  const m = new MemAlerts(new AlertMarker(), { now: () => T });
  const a = alert({ alertname: 'A' });
  m.put(a, alert({ alertname: 'B' }));
  const fp = fingerprintString(a.labels);
  assert.equal(alertFingerprint(a), fp);
  assert.equal(m.count, 2);
  assert.deepEqual(m.get(fp)?.labels, a.labels);
  assert.notEqual(m.get(fp), a, 'the provider stores its own copy');
  assert.equal(m.get('0000000000000000'), undefined);
  const snap = m.list();
  m.put(alert({ alertname: 'C' }));
  assert.equal(snap.length, 2, 'list() is a snapshot');
  assert.equal(m.getPending().length, 3);
});

test('mergeAlerts: the newer update wins, the earliest start is kept', () => {
  const old = alert({ alertname: 'A' }, { startsAt: T - 1000, annotations: Labels.fromObject({ v: 'old' }), updatedAt: T });
  const neu = alert({ alertname: 'A' }, { startsAt: T, annotations: Labels.fromObject({ v: 'new' }), updatedAt: T + 10 });
  for (const r of [mergeAlerts(old, neu, T), mergeAlerts(neu, old, T)]) {
    assert.equal(r.annotations.get('v'), 'new');
    assert.equal(r.startsAt, T - 1000);
    assert.equal(r.updatedAt, T + 10);
  }
});

test('mergeAlerts: endsAt rules for resolved, firing and timeout alerts', () => {
  const now = T + 100_000;
  // Both resolved: the latest explicit resolution wins.
  const r1 = alert({ a: '1' }, { endsAt: T + 50_000, updatedAt: T });
  const r2 = alert({ a: '1' }, { endsAt: T + 20_000, updatedAt: T + 1 });
  assert.equal(mergeAlerts(r1, r2, now).endsAt, T + 50_000);
  // Newer resolved, older firing: the resolution stands.
  const firing = alert({ a: '1' }, { endsAt: T + 500_000, updatedAt: T });
  assert.equal(mergeAlerts(firing, r2, now).endsAt, T + 20_000);
  // Newer firing: an older later explicit endsAt is kept...
  const newer = alert({ a: '1' }, { endsAt: T + 200_000, updatedAt: T + 1, timeout: true });
  assert.equal(mergeAlerts(firing, newer, now).endsAt, T + 500_000);
  // ...but not when that endsAt came from the resolve timeout.
  assert.equal(mergeAlerts({ ...firing, timeout: true }, newer, now).endsAt, T + 200_000);
  assert.equal(mergeAlerts(firing, newer, now).timeout, true, 'the newer alert keeps its timeout flag');
});

test('put merges only when the activity ranges overlap', () => {
  let now = T;
  const m = new MemAlerts(new AlertMarker(), { now: () => now });
  const a = alert({ alertname: 'A' }, { startsAt: T, endsAt: T + 60_000, updatedAt: T, timeout: true });
  m.put(a);
  const fp = alertFingerprint(a);
  // A repeat with a later start inside the old range: merged, the old start kept.
  now = T + 30_000;
  m.put(alert({ alertname: 'A' }, { startsAt: T + 30_000, endsAt: T + 90_000, updatedAt: now, timeout: true }));
  assert.equal(m.get(fp)?.startsAt, T);
  assert.equal(m.get(fp)?.endsAt, T + 90_000);
  assert.equal(m.get(fp)?.timeout, true);
  // A new firing after the old one ended: replaces it.
  now = T + 200_000;
  m.put(alert({ alertname: 'A' }, { startsAt: T + 200_000, endsAt: T + 260_000, updatedAt: now }));
  assert.equal(m.get(fp)?.startsAt, T + 200_000);
});

test('subscribe: current alerts first, then every put; unsubscribe stops it', () => {
  const m = new MemAlerts(new AlertMarker(), { now: () => T });
  m.put(alert({ alertname: 'A' }), alert({ alertname: 'B' }));
  const seen: string[] = [];
  const unsub = m.subscribe((a) => seen.push(a.labels.get('alertname')));
  assert.deepEqual(seen.sort(), ['A', 'B']);
  m.put(alert({ alertname: 'C' }));
  assert.deepEqual(seen, ['A', 'B', 'C']);
  unsub();
  m.put(alert({ alertname: 'D' }));
  assert.equal(seen.length, 3);
});

test('a throwing listener neither breaks put nor starves other listeners', () => {
  const errors: string[] = [];
  const logger = { info: (): void => {}, warn: (): void => {}, error: (msg: string): void => void errors.push(msg) };
  const m = new MemAlerts(new AlertMarker(), { now: () => T, logger });
  m.subscribe(() => {
    throw new Error('boom');
  });
  let n = 0;
  m.subscribe(() => n++);
  m.put(alert({ alertname: 'A' }), alert({ alertname: 'B' }));
  assert.equal(n, 2);
  assert.equal(m.count, 2);
  assert.equal(errors.length, 2);
});

test('gc drops resolved alerts, their marker entries, and reports them', () => {
  let now = T;
  const marker = new AlertMarker();
  const dropped: string[] = [];
  const m = new MemAlerts(marker, { now: () => now, onGC: (rs) => rs.forEach((r) => dropped.push(r.labels.get('alertname'))) });
  const firing = alert({ alertname: 'F' }, { endsAt: T + 60_000 });
  const resolved = alert({ alertname: 'R' }, { endsAt: T - 1 });
  const unset = alert({ alertname: 'U' }, { endsAt: 0 });
  m.put(firing, resolved, unset);
  marker.setSilenced(alertFingerprint(resolved), ['s1']);
  marker.setSilenced(alertFingerprint(firing), ['s1']);
  const got = m.gc();
  assert.deepEqual(got.map((a) => a.labels.get('alertname')), ['R']);
  assert.deepEqual(dropped, ['R']);
  assert.equal(m.count, 2);
  assert.equal(marker.status(alertFingerprint(resolved)).state, 'unprocessed');
  assert.equal(marker.status(alertFingerprint(firing)).state, 'suppressed');
  now = T + 60_000;
  assert.equal(m.gc().length, 1, 'the firing alert resolves by its endsAt');
  assert.equal(m.count, 1);
});

test('the GC loop runs every gc interval until stop()', async () => {
  const m = new MemAlerts(new AlertMarker(), { gcIntervalMs: 20 });
  m.put(alert({ alertname: 'R' }, { startsAt: Date.now() - 1000, endsAt: Date.now() - 1 }));
  m.start();
  m.start();
  const deadline = Date.now() + 2000;
  while (m.count > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  assert.equal(m.count, 0);
  m.stop();
});

test('countByState and alertmanager_alerts follow the marker', () => {
  const marker = new AlertMarker();
  const m = new MemAlerts(marker, { now: () => T });
  const a = alert({ alertname: 'A' });
  const b = alert({ alertname: 'B' });
  const c = alert({ alertname: 'C' });
  m.put(a, b, c, alert({ alertname: 'R' }, { endsAt: T - 1 }));
  marker.setSilenced(alertFingerprint(a), []);
  marker.setInhibited(alertFingerprint(b), ['x']);
  assert.equal(m.countByState('active'), 1);
  assert.equal(m.countByState('suppressed'), 1);
  assert.equal(m.countByState('unprocessed'), 1, 'resolved alerts are not counted');
  const reg = new Registry();
  m.registerMetrics(reg);
  const text = reg.expose();
  assert.match(text, /# HELP alertmanager_alerts How many alerts by state\.\n# TYPE alertmanager_alerts gauge\n/);
  assert.match(text, /alertmanager_alerts\{state="active"\} 1\n/);
  assert.match(text, /alertmanager_alerts\{state="suppressed"\} 1\n/);
  assert.match(text, /alertmanager_alerts\{state="unprocessed"\} 1\n/);
});

test('10,000 alerts put in a burst reach a subscriber with no queue', () => {
  const m = new MemAlerts(new AlertMarker());
  let n = 0;
  m.subscribe(() => n++);
  const now = Date.now();
  const batch: Alert[] = [];
  for (let i = 0; i < 10_000; i++) batch.push(alert({ alertname: 'Burst', instance: `host-${i}` }, { startsAt: now, endsAt: now + 300_000, updatedAt: now }));
  const t0 = performance.now();
  m.put(...batch);
  assert.equal(n, 10_000);
  assert.equal(m.count, 10_000);
  assert.ok(performance.now() - t0 < 5000);
  m.put(...batch);
  assert.equal(m.count, 10_000, 'a re-post replaces, it does not add');
});
