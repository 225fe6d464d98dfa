import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from '../../instrument/index.js';
import { NflogError, NotificationLog } from './index.js';

const H = 3600_000;
const T0 = Date.parse('2026-01-01T00:00:00Z');
const RECV = { groupName: 'team-a', integration: 'webhook', idx: 0 } as const;
const FP1 = '0123456789abcdef';
const FP2 = 'fedcba9876543210';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-nflog-'));
}

function clock(start = T0): { now: () => number; advance: (ms: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

async function until(cond: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('log and query by receiver and group key', () => {
  const c = clock();
  const l = new NotificationLog({ now: c.now });
  assert.equal(l.query(RECV, '{}:{a="1"}'), undefined);
  l.log(RECV, '{}:{a="1"}', [FP1], [FP2]);
  const e = l.query(RECV, '{}:{a="1"}');
  assert.deepEqual(e, { groupKey: '{}:{a="1"}', receiver: RECV, timestamp: T0, firingAlerts: [FP1], resolvedAlerts: [FP2] });
  // Another integration index, another receiver or another group: separate entries.
  assert.equal(l.query({ ...RECV, idx: 1 }, '{}:{a="1"}'), undefined);
  assert.equal(l.query({ ...RECV, groupName: 'team-b' }, '{}:{a="1"}'), undefined);
  assert.equal(l.query(RECV, '{}:{a="2"}'), undefined);
  assert.throws(() => l.query(RECV, ''), NflogError);
});

test('a later log replaces the entry; an older timestamp does not', () => {
  const c = clock();
  const l = new NotificationLog({ now: c.now });
  l.log(RECV, 'g', [FP1], []);
  c.advance(1000);
  l.log(RECV, 'g', [FP1, FP2], []);
  assert.deepEqual(l.query(RECV, 'g')?.firingAlerts, [FP1, FP2]);
  c.advance(-5000);
  l.log(RECV, 'g', [], [FP1]);
  assert.deepEqual(l.query(RECV, 'g')?.firingAlerts, [FP1, FP2]);
  assert.equal(l.size, 1);
});

test('entries expire after the retention or the shorter expiry; gc removes them', () => {
  const c = clock();
  const l = new NotificationLog({ now: c.now, retention: 10 * H });
  l.log(RECV, 'short', [FP1], [], 2 * H);
  l.log(RECV, 'long', [FP1], [], 20 * H); // longer than the retention: the retention wins
  l.log(RECV, 'none', [FP1], []);
  c.advance(2 * H - 1);
  assert.equal(l.gc(), 0);
  c.advance(1);
  assert.equal(l.gc(), 1);
  assert.equal(l.query(RECV, 'short'), undefined);
  c.advance(8 * H);
  assert.equal(l.gc(), 2);
  assert.equal(l.size, 0);
});

test('snapshot and load round trip; expired entries are not loaded', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'nflog');
    const c = clock();
    const a = new NotificationLog({ now: c.now, snapshotFile: file, snapshotDebounce: 0 });
    a.log(RECV, 'g1', [FP1], [FP2], 4 * H);
    a.log({ groupName: 'r', integration: 'email', idx: 3 }, 'g2', [], [FP1], 1 * H);
    const size = await a.snapshot();
    assert.equal(size, readFileSync(file).length);
    assert.equal(readdirSync(dir).length, 1, 'no temporary file left');
    await a.stop();

    const b = new NotificationLog({ now: c.now, snapshotFile: file });
    assert.equal(b.loadError, undefined);
    assert.deepEqual(b.query(RECV, 'g1'), { groupKey: 'g1', receiver: RECV, timestamp: T0, firingAlerts: [FP1], resolvedAlerts: [FP2] });
    assert.deepEqual(b.query({ groupName: 'r', integration: 'email', idx: 3 }, 'g2')?.resolvedAlerts, [FP1]);
    await b.stop();

    c.advance(2 * H);
    const d = new NotificationLog({ now: c.now, snapshotFile: file });
    assert.equal(d.size, 1);
    assert.equal(d.query({ groupName: 'r', integration: 'email', idx: 3 }, 'g2'), undefined);
    await d.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a corrupt snapshot is reported, not fatal; valid lines are kept', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'nflog');
    const good = JSON.stringify({ groupKey: 'g', receiver: RECV, timestamp: new Date(T0).toISOString(), firingAlerts: [FP1], resolvedAlerts: [], expiresAt: new Date(T0 + H).toISOString() });
    writeFileSync(file, `${good}\n{not json\n{"groupKey":"x"}\n`);
    const logged: string[] = [];
    const logger = { info: (): void => {}, warn: (): void => {}, error: (m: string, f?: Record<string, unknown>): void => void logged.push(`${m} ${String(f?.['err'])}`) };
    const l = new NotificationLog({ now: () => T0, snapshotFile: file, logger });
    assert.match(l.loadError ?? '', /^corrupt notification log snapshot .*nflog: 2 invalid entries skipped, first at line 2: /);
    assert.equal(logged.length, 1);
    assert.equal(l.size, 1);
    await l.stop();

    writeFileSync(file, Buffer.from([0x0a, 0x3b, 0x0a, 0x01, 0xff]));
    const m = new NotificationLog({ now: () => T0, snapshotFile: file });
    assert.notEqual(m.loadError, undefined);
    assert.equal(m.size, 0);
    await m.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a log() is persisted after the debounce without waiting for maintenance', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'nflog');
    const l = new NotificationLog({ snapshotFile: file, snapshotDebounce: 20 });
    l.run();
    l.log(RECV, 'g', [FP1], []);
    l.log(RECV, 'h', [FP2], []);
    assert.equal(existsSync(file), false);
    await until(() => existsSync(file) && readFileSync(file, 'utf8').split('\n').length === 3);
    // A crash now (no stop()) loses nothing: a new log sees both entries.
    const again = new NotificationLog({ snapshotFile: file });
    assert.deepEqual(again.query(RECV, 'h')?.firingAlerts, [FP2]);
    await l.stop();
    await again.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('maintenance runs gc and snapshot periodically and on stop', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'nflog');
    const c = clock(Date.now());
    const l = new NotificationLog({ now: c.now, snapshotFile: file, snapshotDebounce: 0, maintenanceInterval: 20, retention: H });
    l.log(RECV, 'g', [FP1], []);
    l.run();
    await until(() => existsSync(file));
    c.advance(2 * H);
    await until(() => l.size === 0);
    l.log(RECV, 'late', [FP2], []);
    await l.stop();
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /"groupKey":"late"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('concurrent snapshots are serialised and the last state wins', async () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'nflog');
    const l = new NotificationLog({ snapshotFile: file, snapshotDebounce: 0 });
    l.log(RECV, 'a', [FP1], []);
    const p1 = l.snapshot();
    l.log(RECV, 'b', [FP1], []);
    const p2 = l.snapshot();
    await Promise.all([p1, p2]);
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, 2);
    assert.deepEqual(readdirSync(dir), ['nflog']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('metrics as upstream', async () => {
  const dir = tempDir();
  try {
    const reg = new Registry();
    const l = new NotificationLog({ registry: reg, snapshotFile: join(dir, 'nflog'), snapshotDebounce: 0 });
    l.query(RECV, 'g');
    l.log(RECV, 'g', [FP1], []);
    l.query(RECV, 'g');
    l.gc();
    const size = await l.snapshot();
    const text = reg.expose();
    assert.match(text, /^alertmanager_nflog_queries_total 2$/m);
    assert.match(text, /^alertmanager_nflog_query_errors_total 1$/m);
    assert.match(text, /^alertmanager_nflog_query_duration_seconds_count 2$/m);
    assert.match(text, /^alertmanager_nflog_gc_duration_seconds_count 1$/m);
    assert.match(text, /^alertmanager_nflog_snapshot_duration_seconds_count 1$/m);
    assert.match(text, new RegExp(`^alertmanager_nflog_snapshot_size_bytes ${size}$`, 'm'));
    assert.match(text, /^alertmanager_nflog_gossip_messages_propagated_total 0$/m);
    assert.match(text, /# HELP alertmanager_nflog_queries_total Number of notification log queries were received\./);
    assert.doesNotMatch(text, /alertmanager_nflog_gc_duration_seconds\{quantile/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
