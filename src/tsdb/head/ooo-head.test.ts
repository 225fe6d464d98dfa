import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels } from '../../model/labels/index.js';
import { DuplicateSampleForTimestampError, OutOfOrderSampleError } from '../../storage/index.js';
import { dumpBlock } from './block-dump.js';
import { TooOldSampleError } from '../../storage/index.js';
import { Head } from './head.js';
import { OOOSeries } from './ooo-head.js';

const MIN = 60_000;
const a = Labels.fromObject({ __name__: 'm', s: 'a' });

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-head-ooo-'));
}

async function put(h: Head, l: Labels, t: number, v: number): Promise<void> {
  const app = h.appender();
  app.append(0, l, t, v);
  await app.commit();
}

function dump(h: Head): [number[], number[]][] {
  return dumpBlock(h, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).map((d) => [d.ts, d.vs]);
}

test('OOO head chunk keeps time order and rejects a second sample at a timestamp', () => {
  const o = new OOOSeries();
  for (const t of [5, 1, 3, 9, 7]) assert.ok(o.insert(t, t * 10));
  assert.equal(o.insert(3, 99), false);
  assert.deepEqual(Array.from(o.ts.subarray(0, o.n)), [1, 3, 5, 7, 9]);
  assert.deepEqual(Array.from(o.vs.subarray(0, o.n)), [10, 30, 50, 70, 90]);
  assert.deepEqual(o.timeRange(), { mint: 1, maxt: 9 });
});

test('without a window out-of-order samples are rejected', async () => {
  const dir = tmp();
  const h = Head.open({ dir });
  try {
    await put(h, a, 100 * MIN, 1);
    assert.throws(() => h.appender().append(0, a, 99 * MIN, 1), OutOfOrderSampleError);
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with a window, OOO samples are accepted, merged into queries, and too old ones rejected', async () => {
  const dir = tmp();
  let h = Head.open({ dir, outOfOrderTimeWindow: 30 * MIN });
  try {
    for (let m = 100; m <= 200; m += 2) await put(h, a, m * MIN, m);
    // Odd minutes arrive late, within the 30m window; 100 of them force OOO chunks to disk.
    const late: number[] = [];
    for (let m = 171; m < 200; m += 2) late.push(m);
    for (const m of late) await put(h, a, m * MIN, m);
    assert.throws(() => h.appender().append(0, a, 169 * MIN, 1), (e: unknown) => e instanceof TooOldSampleError && e.message === 'too old sample');
    // A duplicate of an in-order sample at the newest timestamp with another value is still an error.
    assert.throws(() => h.appender().append(0, a, 200 * MIN, 5), DuplicateSampleForTimestampError);
    const expectT: number[] = [];
    for (let m = 100; m <= 200; m++) if (m % 2 === 0 || m >= 171) expectT.push(m * MIN);
    const check = (hh: Head): void => {
      const [s] = dump(hh);
      assert.ok(s);
      assert.deepEqual(s[0], expectT);
      assert.deepEqual(s[1], expectT.map((t) => t / MIN));
    };
    check(h);
    assert.equal(h.minOOOTime, 171 * MIN);
    assert.equal(h.maxOOOTime, 199 * MIN);
    h.close();
    h = Head.open({ dir, outOfOrderTimeWindow: 30 * MIN });
    check(h);
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('OOO data written to chunks_head and the WBL survives restarts without duplicates', async () => {
  const dir = tmp();
  let h = Head.open({ dir, outOfOrderTimeWindow: 60 * MIN });
  try {
    await put(h, a, 1000 * MIN, 0);
    // 80 OOO samples: two full OOO chunks go to disk (32 each), 16 stay in memory.
    for (let i = 1; i <= 80; i++) await put(h, a, (1000 - i / 2) * MIN, i);
    const s = h.seriesByRef(1);
    assert.equal(s?.ooo?.mmapped.length, 6);
    assert.equal(s?.ooo?.n, 16);
    const before = dump(h);
    assert.equal(before[0]?.[0].length, 81);
    h.close();
    h = Head.open({ dir, outOfOrderTimeWindow: 60 * MIN });
    assert.deepEqual(dump(h), before);
    assert.equal(h.seriesByRef(1)?.ooo?.n, 16);
    h.close();
    h = Head.open({ dir, outOfOrderTimeWindow: 60 * MIN });
    assert.deepEqual(dump(h), before);
    // Once compacted elsewhere, OOO data can be dropped.
    const wblSegs = (): string[] => readdirSync(join(dir, 'wbl')).filter((n) => /^\d+$/.test(n));
    const before2 = wblSegs();
    h.truncateOOO(2000 * MIN);
    assert.deepEqual(dump(h), [[[1000 * MIN], [0]]]);
    assert.ok(!wblSegs().includes(before2[0] as string), `${before2.join(',')} -> ${wblSegs().join(',')}`);
    h.close();
    h = Head.open({ dir, outOfOrderTimeWindow: 60 * MIN });
    assert.deepEqual(dump(h), [[[1000 * MIN], [0]]]);
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
