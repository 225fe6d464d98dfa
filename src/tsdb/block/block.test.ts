import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MatchType, Matcher } from '../../model/labels/index.js';
import { ValueType, type SampleIterator } from '../../storage/index.js';
import { Block, BlockError, readMetaFile, writeBlock, type BlockSeriesInput } from './index.js';
import { drainSeriesSet, makeFixtureSeries, toChunks, type FixtureSeries } from './series-fixtures.js';

type TestSeries = FixtureSeries;
const makeTestSeries = makeFixtureSeries;
const readAll = drainSeriesSet;

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-block-'));
}

async function writeTest(dir: string, series: TestSeries[]): Promise<string> {
  const input: BlockSeriesInput[] = series.map((s) => ({ labels: s.labels, chunks: toChunks(s.ts, s.vs) }));
  const minTime = Math.min(...series.map((s) => s.ts[0] as number));
  const maxTime = Math.max(...series.map((s) => s.ts[s.ts.length - 1] as number)) + 1;
  const ulid = await writeBlock(dir, input.reverse(), { minTime, maxTime, level: 1 });
  assert.ok(ulid !== null);
  return ulid;
}

const eq = (n: string, v: string): Matcher => new Matcher(MatchType.Equal, n, v);

test('block write -> open -> query returns every sample', async () => {
  const dir = tmpdir();
  const series = makeTestSeries(40, 500);
  const ulid = await writeTest(dir, series);
  assert.deepEqual(fs.readdirSync(dir), [ulid]);
  const bdir = path.join(dir, ulid);
  assert.deepEqual(fs.readdirSync(bdir).sort(), ['chunks', 'index', 'meta.json', 'tombstones']);
  const { meta } = readMetaFile(bdir);
  assert.equal(meta.stats?.numSeries, 40);
  assert.equal(meta.stats?.numSamples, 40 * 500);
  assert.equal(meta.stats?.numChunks, 40 * 5);
  assert.deepEqual(meta.compaction, { level: 1, sources: [ulid] });

  const b = Block.open(bdir);
  const q = b.querier(b.minTime(), b.maxTime());
  const got = readAll(q.select(true, null, new Matcher(MatchType.Regexp, '__name__', '.+')));
  assert.equal(got.size, 40);
  for (const s of series) {
    const g = got.get(s.labels.toString());
    assert.ok(g);
    assert.deepEqual(g.ts, s.ts);
    assert.deepEqual(g.vs, s.vs);
  }
  // Sorted output.
  const order: string[] = [];
  const ss = q.select(true, null, eq('job', 'even'));
  while (ss.next()) order.push(ss.at().labels.toString());
  assert.equal(order.length, 20);
  assert.deepEqual(order, [...order].sort((a, b) => (a < b ? -1 : 1)));

  assert.deepEqual(q.labelNames(null), ['__name__', 'instance', 'job']);
  assert.deepEqual(q.labelValues('job', null), ['even', 'odd']);
  assert.deepEqual(q.labelValues('__name__', null, eq('instance', 'host-4')), ['metric_1']);
  assert.deepEqual(q.labelNames(null, eq('job', 'nope')), []);
  assert.deepEqual(q.labelValues('instance', { limit: 2 }), ['host-0', 'host-1']);
  assert.equal(b.pending(), 1);
  q.close();
  assert.equal(b.pending(), 0);
  b.close();
  fs.rmSync(dir, { recursive: true });
});

test('querier trims to the range, seeks across chunks and honours hints', async () => {
  const dir = tmpdir();
  const series = makeTestSeries(3, 1000, 0, 1000);
  const b = Block.open(path.join(dir, await writeTest(dir, series)));
  const s0 = series.find((s) => s.labels.get('instance') === 'host-0') as TestSeries;

  const q = b.querier(250500, 400000);
  const got = readAll(q.select(false, null, eq('instance', 'host-0'))).get(s0.labels.toString());
  assert.deepEqual(got?.ts, s0.ts.filter((t) => t >= 250500 && t <= 400000));

  // Hints override the querier range.
  const h = readAll(q.select(false, { start: 10000, end: 12000 }, eq('instance', 'host-0')));
  assert.deepEqual(h.get(s0.labels.toString())?.ts, [10000, 11000, 12000]);
  // func=series: labels only.
  const meta = readAll(q.select(false, { start: 0, end: 1e9, func: 'series' }, eq('job', 'even')));
  assert.equal(meta.size, 2);
  for (const v of meta.values()) assert.deepEqual(v.ts, []);
  // Out of range: no series at all.
  assert.equal(readAll(b.querier(2e6, 3e6).select(false, null, eq('job', 'even'))).size, 0);

  const ss = b.querier(0, 1e9).select(false, null, eq('instance', 'host-0'));
  assert.ok(ss.next());
  const it: SampleIterator = ss.at().iterator();
  assert.equal(it.seek(500500), ValueType.Float);
  assert.equal(it.atT(), 501000);
  assert.equal(it.seek(100), ValueType.Float, 'seek does not go back');
  assert.equal(it.atT(), 501000);
  assert.equal(it.next(), ValueType.Float);
  assert.equal(it.atT(), 502000);
  assert.equal(it.seek(999000), ValueType.Float);
  assert.equal(it.seek(999001), ValueType.None);
  b.close();
  fs.rmSync(dir, { recursive: true });
});

test('block delete writes tombstones that queries apply and that survive reopening', async () => {
  const dir = tmpdir();
  const series = makeTestSeries(4, 600, 0, 1000);
  const bdir = path.join(dir, await writeTest(dir, series));
  const b = Block.open(bdir);
  b.delete(100000, 199999, eq('job', 'even'));
  b.delete(150000, 300000, eq('instance', 'host-0'));
  b.delete(-1e12, 10000, eq('instance', 'host-3'));
  assert.equal(b.tombstones().total(), 3);
  assert.equal(b.meta().stats?.numTombstones, 3);
  b.close();

  const b2 = Block.open(bdir);
  assert.equal(b2.meta().stats?.numTombstones, 3);
  const got = readAll(b2.querier(0, 1e9).select(false, null, new Matcher(MatchType.Regexp, 'job', '.+')));
  for (const s of series) {
    const inst = s.labels.get('instance');
    const deleted = (t: number): boolean =>
      (s.labels.get('job') === 'even' && t >= 100000 && t <= 199999) || (inst === 'host-0' && t >= 150000 && t <= 300000) || (inst === 'host-3' && t <= 10000);
    assert.deepEqual(got.get(s.labels.toString())?.ts, s.ts.filter((t) => !deleted(t)), inst);
  }
  // A series entirely deleted disappears.
  b2.delete(-1e15, 1e15, eq('instance', 'host-1'));
  assert.equal(readAll(b2.querier(0, 1e9).select(false, null, eq('instance', 'host-1'))).size, 0);
  b2.close();
  fs.rmSync(dir, { recursive: true });
});

test('writeBlock edge cases and open errors', async () => {
  const dir = tmpdir();
  assert.equal(await writeBlock(dir, [], { minTime: 0, maxTime: 1, level: 1 }), null);
  assert.deepEqual(fs.readdirSync(dir), []);
  const dup = makeTestSeries(1, 5);
  const d = dup[0] as TestSeries;
  await assert.rejects(
    writeBlock(dir, [{ labels: d.labels, chunks: toChunks(d.ts, d.vs) }, { labels: d.labels, chunks: toChunks(d.ts, d.vs) }], { minTime: 0, maxTime: 1e9, level: 1 }),
    /duplicate series/,
  );
  assert.deepEqual(fs.readdirSync(dir), [], 'failed writes leave nothing behind');

  const bdir = path.join(dir, await writeTest(dir, makeTestSeries(2, 10)));
  fs.writeFileSync(path.join(bdir, 'index'), 'garbage!');
  assert.throws(() => Block.open(bdir), (e: unknown) => e instanceof BlockError && e.message.includes(path.join(bdir, 'index')));
  fs.rmSync(path.join(bdir, 'meta.json'));
  assert.throws(() => Block.open(bdir), (e: unknown) => e instanceof BlockError && e.message.includes('meta.json'));
  fs.rmSync(dir, { recursive: true });
});

test('random deletes, ranges and seeks agree with brute force', async () => {
  const dir = tmpdir();
  let seed = 77;
  const r = (): number => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const series = makeTestSeries(6, 700, 0, 1000);
  const bdir = path.join(dir, await writeTest(dir, series));
  const b = Block.open(bdir);
  const deleted: { inst: string; mint: number; maxt: number }[] = [];
  for (let k = 0; k < 12; k++) {
    const inst = `host-${Math.floor(r() * 6)}`;
    const mint = Math.floor(r() * 700000);
    const maxt = mint + Math.floor(r() * 90000);
    b.delete(mint, maxt, eq('instance', inst));
    deleted.push({ inst, mint, maxt });
  }
  const alive = (s: TestSeries, t: number): boolean => !deleted.some((d) => d.inst === s.labels.get('instance') && t >= d.mint && t <= d.maxt);
  for (let q = 0; q < 40; q++) {
    const mint = Math.floor(r() * 700000) - 50000;
    const maxt = mint + Math.floor(r() * 400000);
    const ss = b.querier(mint, maxt).select(true, null, new Matcher(MatchType.Regexp, 'instance', 'host-.*'));
    const seen = new Set<string>();
    while (ss.next()) {
      const s = ss.at();
      const fx = series.find((x) => x.labels.equals(s.labels)) as TestSeries;
      const want = fx.ts.filter((t) => t >= mint && t <= maxt && alive(fx, t));
      seen.add(s.labels.toString());
      // Interleave seeks and nexts against a reference cursor over want.
      const it = s.iterator();
      let pos = -1;
      for (let step = 0; step < 400; step++) {
        let vt: ValueType;
        if (r() < 0.2) {
          const target = (pos >= 0 && pos < want.length ? (want[pos] as number) : mint) + Math.floor(r() * 30000) - 5000;
          vt = it.seek(target);
          if (pos < 0) pos = 0;
          while (pos < want.length && (want[pos] as number) < target) pos++;
        } else {
          vt = it.next();
          pos++;
        }
        if (pos >= want.length) {
          assert.equal(vt, ValueType.None);
          break;
        }
        assert.equal(vt, ValueType.Float);
        assert.equal(it.atT(), want[pos]);
      }
      assert.equal(it.err(), null);
    }
    for (const fx of series) {
      const any = fx.ts.some((t) => t >= mint && t <= maxt && alive(fx, t));
      if (any) assert.ok(seen.has(fx.labels.toString()), `missing ${fx.labels.toString()} in [${mint}, ${maxt}]`);
    }
  }
  b.close();
  fs.rmSync(dir, { recursive: true });
});
