import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Labels, MatchType, Matcher } from '../../model/labels/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import { ValueType, type Querier, type SampleIterator, type Series, type SeriesSet } from '../../storage/index.js';
import { Block, ChainSampleIterator, MergeSeriesSet, mergeQueriers, writeBlock } from './index.js';
import { drainSeriesSet, toChunks } from './series-fixtures.js';

class ArrayIterator implements SampleIterator {
  private i = -1;
  constructor(
    private readonly ts: number[],
    private readonly vs: number[],
  ) {}
  next(): ValueType {
    if (this.i + 1 >= this.ts.length) {
      this.i = this.ts.length;
      return ValueType.None;
    }
    this.i++;
    return ValueType.Float;
  }
  seek(t: number): ValueType {
    if (this.i < 0) this.i = 0;
    while (this.i < this.ts.length && (this.ts[this.i] as number) < t) this.i++;
    return this.i < this.ts.length ? ValueType.Float : ValueType.None;
  }
  atT(): number {
    return this.ts[this.i] as number;
  }
  atF(): number {
    return this.vs[this.i] as number;
  }
  atFloatHistogram(): FloatHistogram {
    throw new Error('no histograms');
  }
  atST(): number {
    return 0;
  }
  err(): Error | null {
    return null;
  }
}

function drain(it: SampleIterator): [number, number][] {
  const out: [number, number][] = [];
  while (it.next() !== ValueType.None) out.push([it.atT(), it.atF()]);
  return out;
}

test('ChainSampleIterator merges by time and keeps one sample per timestamp', () => {
  const it = new ChainSampleIterator([
    new ArrayIterator([1, 3, 5, 7], [10, 30, 50, 70]),
    new ArrayIterator([2, 3, 6], [20, 31, 60]),
    new ArrayIterator([], []),
    new ArrayIterator([0, 7, 9], [0, 71, 90]),
  ]);
  const got = drain(it);
  assert.deepEqual(
    got.map((p) => p[0]),
    [0, 1, 2, 3, 5, 6, 7, 9],
  );
  for (const [t, v] of got) assert.ok(Math.floor(v / 10) === t, `value for ${t}`);

  const s = new ChainSampleIterator([new ArrayIterator([1, 3, 5], [1, 3, 5]), new ArrayIterator([2, 4, 6], [2, 4, 6])]);
  assert.equal(s.seek(3), ValueType.Float);
  assert.equal(s.atT(), 3);
  assert.equal(s.seek(2), ValueType.Float);
  assert.equal(s.atT(), 3, 'seek never goes back');
  assert.deepEqual(drain(s), [
    [4, 4],
    [5, 5],
    [6, 6],
  ]);
  assert.equal(new ChainSampleIterator([]).next(), ValueType.None);
});

class ArraySet implements SeriesSet {
  private i = -1;
  constructor(private readonly series: Series[]) {}
  next(): boolean {
    return ++this.i < this.series.length;
  }
  at(): Series {
    return this.series[this.i] as Series;
  }
  err(): Error | null {
    return null;
  }
  warnings(): string[] {
    return [];
  }
}

const ser = (name: string, ts: number[]): Series => ({ labels: Labels.fromObject({ __name__: name }), iterator: () => new ArrayIterator(ts, ts) });

test('MergeSeriesSet merges sorted sets and chains equal series', () => {
  const ss = new MergeSeriesSet([
    new ArraySet([ser('a', [1, 2]), ser('c', [5])]),
    new ArraySet([ser('b', [1]), ser('c', [4, 5, 6])]),
    new ArraySet([]),
  ]);
  const got = drainSeriesSet(ss);
  assert.deepEqual([...got.keys()], ['{__name__="a"}', '{__name__="b"}', '{__name__="c"}']);
  assert.deepEqual(got.get('{__name__="c"}')?.ts, [4, 5, 6]);
  const limited = new MergeSeriesSet([new ArraySet([ser('a', [1]), ser('b', [1])]), new ArraySet([ser('c', [1])])], 2);
  assert.equal(drainSeriesSet(limited).size, 2);
});

test('mergeQueriers over overlapping blocks dedups samples and merges label values', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-merge-'));
  const mk = (job: string, ts: number[]): { labels: Labels; chunks: ReturnType<typeof toChunks> } => ({
    labels: Labels.fromObject({ __name__: 'up', job }),
    chunks: toChunks(ts, ts.map((t) => t / 1000)),
  });
  const range = (a: number, b: number): number[] => Array.from({ length: (b - a) / 1000 + 1 }, (_, i) => a + i * 1000);
  const u1 = await writeBlock(dir, [mk('a', range(0, 200000)), mk('b', range(0, 50000))], { minTime: 0, maxTime: 200001, level: 1 });
  const u2 = await writeBlock(dir, [mk('a', range(150000, 400000)), mk('c', range(300000, 310000))], { minTime: 150000, maxTime: 400001, level: 1 });
  assert.ok(u1 !== null && u2 !== null);
  const blocks = [u1, u2].map((u) => Block.open(path.join(dir, u)));
  const q: Querier = mergeQueriers(blocks.map((b) => b.querier(100000, 305000)));
  const got = drainSeriesSet(q.select(false, null, new Matcher(MatchType.Equal, '__name__', 'up')));
  assert.deepEqual([...got.keys()], ['{__name__="up", job="a"}', '{__name__="up", job="c"}']);
  assert.deepEqual(got.get('{__name__="up", job="a"}')?.ts, range(100000, 305000));
  assert.deepEqual(got.get('{__name__="up", job="c"}')?.ts, range(300000, 305000));
  assert.deepEqual(q.labelValues('job', null), ['a', 'b', 'c']);
  assert.deepEqual(q.labelValues('job', { limit: 2 }), ['a', 'b']);
  assert.deepEqual(q.labelValues('job', null, new Matcher(MatchType.NotEqual, 'job', 'a')), ['b', 'c']);
  assert.deepEqual(q.labelNames(null), ['__name__', 'job']);
  q.close();
  assert.deepEqual(blocks.map((b) => b.pending()), [0, 0]);
  assert.equal(mergeQueriers([]).select(true, null).next(), false);
  for (const b of blocks) b.close();
  fs.rmSync(dir, { recursive: true });
});
