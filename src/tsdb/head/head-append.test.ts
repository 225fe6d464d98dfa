import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels } from '../../model/labels/index.js';
import { StaleNaN, isStaleNaN, FloatHistogram } from '../../model/value/index.js';
import { DuplicateSampleForTimestampError, OutOfBoundsError, OutOfOrderSampleError } from '../../storage/index.js';
import { dumpBlock } from './block-dump.js';
import { AppenderClosedError, InvalidSampleError, NativeHistogramsDisabledError } from './errors.js';
import { Head } from './head.js';
import type { HeadOptions } from './head.js';

function withHead(fn: (h: Head, dir: string) => Promise<void> | void, opts: Partial<HeadOptions> = {}): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-head-'));
    const h = Head.open({ dir, ...opts });
    try {
      await fn(h, dir);
    } finally {
      h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

const up = Labels.fromObject({ __name__: 'up', job: 'a' });

function samples(h: Head): { ts: number[]; vs: number[] }[] {
  return dumpBlock(h, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).map((d) => ({ ts: d.ts, vs: d.vs }));
}

test(
  'committed samples are visible, uncommitted and rolled back ones are not',
  withHead(async (h) => {
    const app = h.appender();
    const ref = app.append(0, up, 1000, 1);
    assert.ok(ref > 0);
    assert.equal(app.append(ref, up, 2000, 2), ref);
    assert.deepEqual(samples(h), [{ ts: [], vs: [] }]);
    await app.commit();
    assert.deepEqual(samples(h), [{ ts: [1000, 2000], vs: [1, 2] }]);
    const app2 = h.appender();
    app2.append(ref, up, 3000, 3);
    app2.rollback();
    assert.deepEqual(samples(h), [{ ts: [1000, 2000], vs: [1, 2] }]);
    assert.throws(() => app2.append(ref, up, 4000, 4), AppenderClosedError);
    await assert.rejects(app2.commit(), AppenderClosedError);
    assert.equal(h.stats().numSamples, 2);
    assert.equal(h.stats().numSeries, 1);
    assert.equal(h.minTime(), 1000);
    assert.equal(h.maxTime(), 2000);
  }),
);

test(
  'a series with a stale ref falls back to labels',
  withHead(async (h) => {
    const app = h.appender();
    const ref = app.append(12345, up, 1000, 1);
    await app.commit();
    assert.notEqual(ref, 12345);
    assert.equal(h.stats().numSeries, 1);
  }),
);

test(
  'out of order, duplicate and out of bounds errors as upstream',
  withHead(async (h) => {
    let app = h.appender();
    app.append(0, up, 10_000_000, 1);
    await app.commit();
    app = h.appender();
    assert.throws(() => app.append(0, up, 9_999_000, 1), (e: unknown) => e instanceof OutOfOrderSampleError && e.message === 'out of order sample');
    assert.throws(
      () => app.append(0, up, 10_000_000, 2),
      (e: unknown) => e instanceof DuplicateSampleForTimestampError && e.message === 'duplicate sample for timestamp',
    );
    // Same timestamp and value: accepted, and a no-op.
    app.append(0, up, 10_000_000, 1);
    // Below the min valid time (maxt - chunkRange/2): out of bounds.
    assert.throws(() => app.append(0, up, 10_000_000 - 3_600_001, 1), (e: unknown) => e instanceof OutOfBoundsError && e.message === 'out of bounds');
    await app.commit();
    assert.deepEqual(samples(h), [{ ts: [10_000_000], vs: [1] }]);
  }),
);

test(
  'in-batch out of order samples are dropped at commit',
  withHead(async (h) => {
    const app = h.appender();
    app.append(0, up, 2000, 2);
    app.append(0, up, 1000, 1);
    app.append(0, up, 3000, 3);
    await app.commit();
    assert.deepEqual(samples(h), [{ ts: [2000, 3000], vs: [2, 3] }]);
  }),
);

test(
  'stale markers are stored with their bits and duplicate detection tells NaNs apart',
  withHead(async (h) => {
    let app = h.appender();
    app.append(0, up, 1000, StaleNaN);
    await app.commit();
    app = h.appender();
    app.append(0, up, 1000, StaleNaN);
    assert.throws(() => app.append(0, up, 1000, Number.NaN), DuplicateSampleForTimestampError);
    app.append(0, up, 2000, Number.NaN);
    await app.commit();
    const [s] = samples(h);
    assert.ok(s && isStaleNaN(s.vs[0] as number));
    assert.ok(s && Number.isNaN(s.vs[1]) && !isStaleNaN(s.vs[1] as number));
  }),
);

test(
  'label sets are validated',
  withHead((h) => {
    const app = h.appender();
    assert.throws(() => app.append(0, Labels.EMPTY, 1, 1), (e: unknown) => e instanceof InvalidSampleError && e.message === 'empty labelset: invalid sample');
    assert.throws(
      () => app.append(0, Labels.fromSortedPairs(['a', '1', 'a', '2']), 1, 1),
      (e: unknown) => e instanceof InvalidSampleError && e.message === 'label name "a" is not unique: invalid sample',
    );
    assert.throws(() => app.append(0, Labels.fromSortedPairs(['a', '']), 1, 1), InvalidSampleError);
    // Empty values are dropped, as upstream does.
    const ref = app.append(0, Labels.fromSortedPairs(['a', '1', 'b', '']), 1, 1);
    assert.deepEqual(h.seriesByRef(ref)?.labels.pairs, ['a', '1']);
    app.rollback();
  }),
);

test(
  'native histograms are rejected clearly',
  withHead((h) => {
    const app = h.appender();
    assert.throws(() => app.appendHistogram(0, up, 1, new FloatHistogram()), NativeHistogramsDisabledError);
    app.rollback();
  }),
);

test(
  'series created by a rolled back appender are logged, so later samples replay',
  withHead(async (h, dir) => {
    const app = h.appender();
    const ref = app.append(0, up, 1000, 1);
    app.rollback();
    assert.equal(h.stats().numSeries, 1);
    const app2 = h.appender();
    assert.equal(app2.append(ref, up, 2000, 2), ref);
    await app2.commit();
    h.close();
    const h2 = Head.open({ dir });
    try {
      const d = dumpBlock(h2, 0, 10_000);
      assert.deepEqual(
        d.map((x) => [x.labels.toString(), x.ts]),
        [['{__name__="up", job="a"}', [2000]]],
      );
    } finally {
      h2.close();
    }
  }),
);

test('stale markers reach the WAL with the exact upstream bit pattern and replay as stale', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-head-'));
  let h = Head.open({ dir, walCompression: false });
  try {
    const app = h.appender();
    app.append(0, up, 1000, 1);
    app.append(0, up, 2000, StaleNaN);
    await app.commit();
    h.close();
    const seg = readFileSync(join(dir, 'wal', '00000000'));
    assert.ok(seg.includes(Buffer.from([0x7f, 0xf0, 0, 0, 0, 0, 0, 0x02])), seg.subarray(0, 120).toString('hex'));
    h = Head.open({ dir });
    const [s] = samples(h);
    assert.ok(s && isStaleNaN(s.vs[1] as number));
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
