import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DashboardStore, type DashboardRecord } from './store.js';
import { RecordingLogger, tempDir } from './test-harness.js';

function record(uid: string, id: number): DashboardRecord {
  return {
    id,
    uid,
    title: `t-${uid}`,
    folderUid: '',
    version: 1,
    created: '2026-01-01T00:00:00.000Z',
    updated: '2026-01-01T00:00:00.000Z',
    createdBy: 'admin',
    updatedBy: 'admin',
    message: '',
    pluginId: '',
    dashboard: { uid, title: `t-${uid}`, panels: [] },
  };
}

test('records round-trip; unreadable files and write leftovers are skipped', async () => {
  const dir = tempDir('store');
  try {
    const logger = new RecordingLogger();
    const s = new DashboardStore(dir, logger);
    await s.open();
    await s.put(record('a', 3));
    await s.put(record('b', 7));
    const db = path.join(dir, 'db');
    writeFileSync(path.join(db, 'bad.json'), '{"uid": "bad", "dashboard": {"panels": 3}}');
    writeFileSync(path.join(db, 'c.json'), JSON.stringify(record('other', 9)));
    writeFileSync(path.join(db, 'a.json.tmp-123456'), 'partial');
    mkdirSync(path.join(db, 'sub'));

    const again = new DashboardStore(dir, logger);
    await again.open();
    assert.deepEqual([...again.all()].map((r) => r.uid).sort(), ['a', 'b']);
    assert.equal(again.highestId(), 7);
    assert.deepEqual(again.get('a'), record('a', 3));
    const errs = logger.errors();
    assert.equal(errs.length, 2, errs.join('\n'));
    assert.ok(errs.some((e) => e.includes('bad.json') && e.includes('dashboard.panels must be an array, got a number')));
    assert.ok(errs.some((e) => e.includes('does not match the file name')));
    assert.ok(!readdirSync(db).some((n) => n.includes('.tmp-')), 'leftovers removed');

    assert.equal(await again.delete('a'), true);
    assert.equal(await again.delete('a'), false);
    assert.ok(!readdirSync(db).includes('a.json'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('oversized dashboards are refused', async () => {
  const dir = tempDir('store');
  try {
    const s = new DashboardStore(dir, new RecordingLogger());
    await s.open();
    const big = record('big', 1);
    big.dashboard['description'] = 'x'.repeat(5 * 1024 * 1024);
    await assert.rejects(s.put(big), /dashboard is too large/);
    assert.equal(s.get('big'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
