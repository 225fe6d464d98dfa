import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Labels, Matcher, MatchType } from '../../model/labels/index.js';
import { ValueType } from '../../storage/index.js';
import { Block, readMetaFile, writeBlock } from '../block/index.js';
import { XORChunk } from '../chunkenc/index.js';
import type { ChunkMeta } from '../chunks/index.js';
import { LeveledCompactor, compactBlockMetas } from './compactor.js';

const tmpDirs: string[] = [];
after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-compact-'));
  tmpDirs.push(d);
  return d;
}

function chunksOf(ts: number[], vs: (t: number) => number, per = 120): ChunkMeta[] {
  const out: ChunkMeta[] = [];
  for (let i = 0; i < ts.length; i += per) {
    const c = new XORChunk();
    const app = c.appender();
    const part = ts.slice(i, i + per);
    for (const t of part) app.append(t, vs(t));
    out.push({ ref: 0, minTime: part[0] as number, maxTime: part[part.length - 1] as number, chunk: c });
  }
  return out;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let t = from; t < to; t += step) out.push(t);
  return out;
}

const lbl = (i: number): Labels => Labels.fromObject({ __name__: 'up', i: String(i) });

async function mkBlock(dir: string, mint: number, maxt: number, series: { l: Labels; ts: number[]; v: (t: number) => number }[]): Promise<string> {
  const ulid = await writeBlock(dir, series.map((s) => ({ labels: s.l, chunks: chunksOf(s.ts, s.v) })), { minTime: mint, maxTime: maxt, level: 1 });
  assert.ok(ulid !== null);
  return path.join(dir, ulid);
}

function readSamples(b: Block, mint = -Infinity, maxt = Infinity): Map<string, [number, number][]> {
  const q = b.querier(Number.isFinite(mint) ? mint : Number.MIN_SAFE_INTEGER, Number.isFinite(maxt) ? maxt : Number.MAX_SAFE_INTEGER);
  const ss = q.select(true, null, new Matcher(MatchType.Regexp, '__name__', '.+'));
  const out = new Map<string, [number, number][]>();
  while (ss.next()) {
    const it = ss.at().iterator();
    const list: [number, number][] = [];
    while (it.next() !== ValueType.None) list.push([it.atT(), it.atF()]);
    out.set(ss.at().labels.toString(), list);
  }
  assert.equal(ss.err(), null);
  q.close();
  return out;
}

test('compacting adjacent blocks copies chunks and records the lineage', async () => {
  const dir = tmpDir();
  const a = await mkBlock(dir, 0, 1000, [{ l: lbl(1), ts: range(0, 1000, 10), v: (t) => t }]);
  const b = await mkBlock(dir, 1000, 2000, [{ l: lbl(1), ts: range(1000, 2000, 10), v: (t) => t }, { l: lbl(2), ts: range(1000, 2000, 100), v: () => 7 }]);
  const c = new LeveledCompactor({ ranges: [1000, 3000] });
  const ulid = await c.compact(dir, [a, b]);
  assert.ok(ulid !== null);
  const out = Block.open(path.join(dir, ulid));
  const m = out.meta();
  assert.equal(m.minTime, 0);
  assert.equal(m.maxTime, 2000);
  assert.equal(m.compaction.level, 2);
  assert.equal(m.compaction.parents?.length, 2);
  assert.deepEqual(m.compaction.sources, [path.basename(a), path.basename(b)].sort());
  assert.equal(m.stats?.numSamples, 200 + 10);
  assert.equal(m.stats?.numSeries, 2);
  const got = readSamples(out);
  assert.equal(got.get(lbl(1).toString())?.length, 200);
  out.close();
});

test('overlapping blocks are merged sample by sample without duplicates', async () => {
  const dir = tmpDir();
  const a = await mkBlock(dir, 0, 1000, [{ l: lbl(1), ts: range(0, 1000, 10), v: (t) => t }]);
  const b = await mkBlock(dir, 500, 1500, [{ l: lbl(1), ts: range(505, 1500, 10), v: (t) => -t }, { l: lbl(1).with('x', 'y'), ts: [600], v: () => 1 }]);
  const dup = await mkBlock(dir, 0, 1000, [{ l: lbl(1), ts: range(0, 1000, 10), v: (t) => t }]);
  const c = new LeveledCompactor({ ranges: [1000, 3000] });
  assert.deepEqual(c.planMetas([a, b, dup].map((d) => ({ dir: d, meta: readMetaFile(d).meta }))).length, 3);
  const ulid = await c.compact(dir, [a, b, dup]);
  assert.ok(ulid !== null);
  const out = Block.open(path.join(dir, ulid));
  const s = out.meta();
  assert.equal(s.minTime, 0);
  assert.equal(s.maxTime, 1500);
  const got = readSamples(out).get(lbl(1).toString()) ?? [];
  assert.equal(got.length, 100 + 100);
  for (let i = 1; i < got.length; i++) assert.ok((got[i] as [number, number])[0] > (got[i - 1] as [number, number])[0]);
  // Chunks are re-cut to at most 120 samples.
  const ir = out.index();
  const buf = { labels: Labels.EMPTY, chunks: [] as ChunkMeta[] };
  const p = ir.postings('i', '1');
  let maxPerChunk = 0;
  while (p.next()) {
    ir.series(p.at(), buf);
    for (const m of buf.chunks) maxPerChunk = Math.max(maxPerChunk, out.chunks().chunk(m).numSamples());
  }
  assert.ok(maxPerChunk <= 120);
  out.close();
});

test('write applies tombstones and trims to the range', async () => {
  const dir = tmpDir();
  const a = await mkBlock(dir, 0, 2000, [{ l: lbl(1), ts: range(0, 2000, 10), v: (t) => t }, { l: lbl(2), ts: range(0, 2000, 10), v: (t) => t }]);
  const blk = Block.open(a);
  blk.delete(100, 199, new Matcher(MatchType.Equal, 'i', '1'));
  blk.delete(0, 5000, new Matcher(MatchType.Equal, 'i', '2'));
  const c = new LeveledCompactor({ ranges: [1000] });
  const ulid = await c.write(dir, blk, 0, 1000, blk.meta());
  assert.ok(ulid !== null);
  const out = Block.open(path.join(dir, ulid));
  const got = readSamples(out);
  assert.deepEqual([...got.keys()], [lbl(1).toString()]);
  const s1 = got.get(lbl(1).toString()) ?? [];
  assert.equal(s1.length, 100 - 10);
  assert.ok(s1.every(([t]) => t < 1000 && (t < 100 || t > 199)));
  assert.equal(out.meta().compaction.parents?.[0]?.ulid, blk.ulid());
  out.close();
  blk.close();
});

test('a compaction without samples marks its sources deletable', async () => {
  const dir = tmpDir();
  const a = await mkBlock(dir, 0, 1000, [{ l: lbl(1), ts: range(0, 1000, 10), v: (t) => t }]);
  const blk = Block.open(a);
  blk.delete(0, 1000, new Matcher(MatchType.Equal, '__name__', 'up'));
  blk.close();
  const c = new LeveledCompactor({ ranges: [1000] });
  assert.equal(await c.compact(dir, [a]), null);
  assert.equal(readMetaFile(a).meta.compaction.deletable, true);
});

test('compactBlockMetas keeps the out-of-order hint only if every source has it', () => {
  const m = (ulid: string, level: number, hints?: string[]) => ({
    ulid,
    minTime: 0,
    maxTime: 10,
    version: 1,
    compaction: { level, sources: [ulid], ...(hints ? { hints } : {}) },
  });
  assert.deepEqual(compactBlockMetas([m('A', 1, ['from-out-of-order']), m('B', 3)]).hints, []);
  const both = compactBlockMetas([m('A', 1, ['from-out-of-order']), m('B', 2, ['from-out-of-order'])]);
  assert.deepEqual(both.hints, ['from-out-of-order']);
  assert.equal(both.level, 3);
});
