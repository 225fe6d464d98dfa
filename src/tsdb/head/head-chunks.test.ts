import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels, Matcher, MatchType } from '../../model/labels/index.js';
import { ValueType } from '../../storage/index.js';
import type { ChunkMeta } from '../chunks/index.js';
import { dumpBlock } from './block-dump.js';
import { Head } from './head.js';
import { RangeHead } from './head-read.js';
import { computeChunkEndTime, rangeForTimestamp } from './mem-series.js';

const HOUR = 3_600_000;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-head-chunks-'));
}

function series(i: number): Labels {
  return Labels.fromObject({ __name__: 'metric', i: String(i) });
}

/** Appends n samples per series every step ms, one commit per timestamp. */
async function fill(h: Head, nSeries: number, n: number, step: number, t0 = 0): Promise<void> {
  const refs = new Array<number>(nSeries).fill(0);
  for (let k = 0; k < n; k++) {
    const app = h.appender();
    for (let i = 0; i < nSeries; i++) refs[i] = app.append(refs[i] as number, series(i), t0 + k * step, k * 10 + i);
    await app.commit();
  }
}

test('chunk end time prediction matches upstream arithmetic', () => {
  assert.equal(rangeForTimestamp(0, 2 * HOUR), 2 * HOUR);
  assert.equal(rangeForTimestamp(7_199_999, 2 * HOUR), 2 * HOUR);
  assert.equal(rangeForTimestamp(7_200_000, 2 * HOUR), 4 * HOUR);
  assert.equal(computeChunkEndTime(0, 29 * 15_000, 2 * HOUR, 4), 1_800_000);
  assert.equal(computeChunkEndTime(0, 2 * HOUR - 1, 2 * HOUR, 4), 2 * HOUR);
});

test('chunks are cut at 120 samples and full chunks leave memory for chunks_head', async () => {
  const dir = tmp();
  const h = Head.open({ dir });
  try {
    await fill(h, 3, 480, 15_000);
    const s = h.seriesByRef(1);
    assert.ok(s);
    assert.equal(s.numMmapped(), 3);
    assert.equal(s.head?.numSamples(), 120);
    assert.deepEqual(s.mmapped?.filter((_, i) => i % 3 === 1), [0, 1_800_000, 3_600_000]);
    assert.ok(readdirSync(join(dir, 'chunks_head')).length >= 1);
    assert.equal(h.stats().numChunks, 12);
    const d = dumpBlock(h, 0, 10 * HOUR);
    assert.equal(d.length, 3);
    for (const x of d) {
      assert.equal(x.ts.length, 480);
      assert.equal(x.chunks, 4);
    }
    assert.deepEqual(d[2]?.vs.slice(0, 3), [2, 12, 22]);
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('head memory stays bounded: only the open chunk of each series is in memory', async () => {
  const dir = tmp();
  const h = Head.open({ dir });
  try {
    await fill(h, 20, 3000, 1000);
    for (const s of h.byRef.values()) {
      assert.ok((s.head?.numSamples() ?? 0) <= 240);
      assert.ok(s.numMmapped() >= 20);
    }
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a querier sees the open chunk as it was when series were listed', async () => {
  const dir = tmp();
  const h = Head.open({ dir });
  try {
    await fill(h, 1, 100, 1000);
    const ir = h.index();
    const cr = h.chunks();
    const out: { labels: Labels; chunks: ChunkMeta[] } = { labels: Labels.EMPTY, chunks: [] };
    assert.ok(ir.series(1, out));
    const metas = out.chunks.slice();
    assert.equal(metas.length, 1);
    // More samples arrive, enough to cut and mmap the chunk the meta points at.
    await fill(h, 1, 200, 1000, 100_000);
    let n = 0;
    let last = -1;
    const it = cr.chunk(metas[0] as ChunkMeta).iterator();
    while (it.next() !== ValueType.None) {
      n++;
      last = it.atT();
    }
    assert.equal(n, 100);
    assert.equal(last, 99_000);
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('truncate drops old chunks and series, checkpoints the WAL and keeps the rest across restart', async () => {
  const dir = tmp();
  let h = Head.open({ dir, walSegmentSize: 32 * 1024, walCompression: false });
  try {
    // Series 0..4 run for 6h; series 5 only has data in the first hour.
    const app = h.appender();
    app.append(0, series(5), 0, 1);
    await app.commit();
    await fill(h, 5, 6 * 360, 10_000);
    const segsBefore = readdirSync(join(dir, 'wal')).filter((n) => /^\d+$/.test(n)).length;
    assert.ok(segsBefore > 3, `expected several WAL segments, got ${segsBefore}`);
    h.truncate(4 * HOUR);
    assert.equal(h.stats().numSeries, 5);
    assert.equal(h.minTime(), 4 * HOUR);
    assert.deepEqual(h.postings.labelValues('i').sort(), ['0', '1', '2', '3', '4']);
    const walFiles = readdirSync(join(dir, 'wal'));
    assert.ok(walFiles.some((n) => n.startsWith('checkpoint.')), `no checkpoint in ${walFiles.join(',')}`);
    assert.ok(walFiles.filter((n) => /^\d+$/.test(n)).length < segsBefore);
    const before = dumpBlock(h, 4 * HOUR, 10 * HOUR);
    h.close();
    h = Head.open({ dir, minValidTime: 4 * HOUR });
    assert.equal(h.stats().numSeries, 5);
    const after = dumpBlock(h, 4 * HOUR, 10 * HOUR);
    assert.deepEqual(
      after.map((d) => [d.labels.toString(), d.ts, d.vs]),
      before.map((d) => [d.labels.toString(), d.ts, d.vs]),
    );
    assert.equal(after[0]?.ts[0], 4 * HOUR);
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tombstones are logged and replayed', async () => {
  const dir = tmp();
  let h = Head.open({ dir });
  try {
    await fill(h, 2, 10, 1000);
    h.delete(2000, 4000, new Matcher(MatchType.Equal, 'i', '1'));
    const check = (hh: Head): void => {
      const tr = hh.tombstones();
      assert.deepEqual(tr.get(2), [{ mint: 2000, maxt: 4000 }]);
      assert.deepEqual(tr.get(1), []);
    };
    check(h);
    h.close();
    h = Head.open({ dir });
    check(h);
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a range head exposes only the chunks of its range', async () => {
  const dir = tmp();
  const h = Head.open({ dir });
  try {
    await fill(h, 2, 720, 15_000);
    const rh = new RangeHead(h, 0, 2 * HOUR - 1);
    assert.equal(rh.minTime(), 0);
    assert.equal(rh.maxTime(), 2 * HOUR - 1);
    const d = dumpBlock(rh, 0, 2 * HOUR - 1);
    assert.equal(d.length, 2);
    assert.equal(d[0]?.ts.length, 480);
    assert.equal(d[0]?.chunks, 4);
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
