import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Labels, Matcher, MatchType } from '../../model/labels/index.js';
import { ValueType } from '../../storage/index.js';
import type { Querier, SeriesSet } from '../../storage/index.js';
import { Head } from './head.js';

const MIN = 60_000;

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-head-q-'));
}

function collect(ss: SeriesSet): [string, [number, number][]][] {
  const out: [string, [number, number][]][] = [];
  while (ss.next()) {
    const s = ss.at();
    const it = s.iterator();
    const pts: [number, number][] = [];
    while (it.next() !== ValueType.None) pts.push([it.atT(), it.atF()]);
    out.push([s.labels.toString(), pts]);
  }
  const e = ss.err();
  if (e) throw e;
  return out;
}

function eq(name: string, value: string): Matcher {
  return new Matcher(MatchType.Equal, name, value);
}

async function fill(h: Head, t0: number, n: number): Promise<void> {
  for (let k = 0; k < n; k++) {
    const app = h.appender();
    for (const job of ['b', 'a']) {
      for (const inst of ['x', 'y']) app.append(0, Labels.fromObject({ __name__: 'up', job, inst }), t0 + k * MIN, k);
    }
    await app.commit();
  }
}

test('the generic block querier reads the head: matchers, sorting, range trimming, label queries', async () => {
  const dir = tmp();
  const h = Head.open({ dir });
  let q: Querier | null = null;
  try {
    await fill(h, 0, 200);
    q = h.querier(10 * MIN, 20 * MIN);
    const got = collect(q.select(true, null, eq('__name__', 'up'), new Matcher(MatchType.Regexp, 'job', 'a|c')));
    assert.deepEqual(
      got.map((g) => g[0]),
      ['{__name__="up", inst="x", job="a"}', '{__name__="up", inst="y", job="a"}'],
    );
    assert.deepEqual(
      got[0]?.[1].map((p) => p[0]),
      Array.from({ length: 11 }, (_, i) => (10 + i) * MIN),
    );
    assert.deepEqual(q.labelNames(null), ['__name__', 'inst', 'job']);
    assert.deepEqual(q.labelValues('job', null), ['a', 'b']);
    assert.deepEqual(q.labelValues('inst', null, eq('job', 'a')), ['x', 'y']);
  } finally {
    q?.close();
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('deleted ranges are hidden from queries', async () => {
  const dir = tmp();
  const h = Head.open({ dir });
  try {
    await fill(h, 0, 10);
    h.delete(2 * MIN, 7 * MIN, eq('job', 'a'), eq('inst', 'x'));
    const q = h.querier(0, 100 * MIN);
    const got = collect(q.select(true, null, eq('job', 'a')));
    assert.deepEqual(
      got[0]?.[1].map((p) => p[0] / MIN),
      [0, 1, 8, 9],
    );
    assert.equal(got[1]?.[1].length, 10);
    q.close();
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a select does not see samples committed after it listed its series', async () => {
  const dir = tmp();
  const h = Head.open({ dir });
  try {
    await fill(h, 0, 50);
    const q = h.querier(0, 1000 * MIN);
    const ss = q.select(true, null, eq('job', 'b'));
    assert.ok(ss.next());
    const first = ss.at();
    // Samples keep arriving (enough to cut and mmap chunks) while the query is running.
    await fill(h, 50 * MIN, 300);
    const it = first.iterator();
    let n = 0;
    while (it.next() !== ValueType.None) n++;
    assert.equal(n, 50);
    q.close();
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('out-of-order samples are merged into query results', async () => {
  const dir = tmp();
  const h = Head.open({ dir, outOfOrderTimeWindow: 60 * MIN });
  try {
    const l = Labels.fromObject({ __name__: 'ooo' });
    for (const m of [10, 20, 30, 15, 25, 5, 30]) {
      const app = h.appender();
      app.append(0, l, m * MIN, m);
      await app.commit();
    }
    const q = h.querier(0, 100 * MIN);
    assert.deepEqual(collect(q.select(false, null, eq('__name__', 'ooo'))), [
      ['{__name__="ooo"}', [5, 10, 15, 20, 25, 30].map((m) => [m * MIN, m] as [number, number])],
    ]);
    q.close();
  } finally {
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
