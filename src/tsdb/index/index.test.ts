import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareLabels, Labels } from '../../model/labels/index.js';
import type { ChunkMeta } from '../chunks/index.js';
import { compareBytewise, expandPostings, IndexCorruptionError, IndexError, IndexFileReader, IndexWriter } from './index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface TestSeries {
  labels: Labels;
  chunks: ChunkMeta[];
}

export function writeTestIndex(file: string, series: TestSeries[]): number[] {
  const sorted = [...series].sort((a, b) => compareLabels(a.labels, b.labels));
  const syms = new Set<string>();
  for (const s of sorted) s.labels.forEach((n, v) => (syms.add(n), syms.add(v)));
  const w = new IndexWriter(file);
  for (const s of [...syms].sort(compareBytewise)) w.addSymbol(s);
  const refs = sorted.map((s) => w.addSeries(s.labels, s.chunks));
  w.close();
  return refs;
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-index-'));
}

function makeSeries(n: number, seed: number): TestSeries[] {
  const r = rng(seed);
  const out = new Map<string, TestSeries>();
  let ref = 8;
  while (out.size < n) {
    const obj: Record<string, string> = { __name__: `metric_${Math.floor(r() * 20)}` };
    for (const l of ['job', 'instance', 'path', 'code', 'ünï']) if (r() < 0.7) obj[l] = `${l}-${Math.floor(r() * 15)}${r() < 0.05 ? '😀' : ''}`;
    const labels = Labels.fromObject(obj);
    if (out.has(labels.key())) continue;
    const chunks: ChunkMeta[] = [];
    let t = -5000 + Math.floor(r() * 10000);
    const k = Math.floor(r() * 4);
    for (let i = 0; i < k; i++) {
      const mint = t + 1 + Math.floor(r() * 100);
      const maxt = mint + Math.floor(r() * 7200000);
      chunks.push({ ref, minTime: mint, maxTime: maxt, chunk: null });
      ref += 1 + Math.floor(r() * 300);
      t = maxt;
    }
    out.set(labels.key(), { labels, chunks });
  }
  const sorted = [...out.values()].sort((a, b) => compareLabels(a.labels, b.labels));
  // Chunk refs must increase in label order.
  let next = 16;
  for (const s of sorted) for (const c of s.chunks) c.ref = (next += 100 + (c.ref % 50));
  return sorted;
}

test('index write/read round-trip with many series and labels', () => {
  const dir = tmpdir();
  const file = path.join(dir, 'index');
  const series = makeSeries(3000, 7);
  const refs = writeTestIndex(file, series);
  const ir = IndexFileReader.open(file);

  const out = { labels: Labels.EMPTY, chunks: [] as ChunkMeta[] };
  series.forEach((s, i) => {
    assert.equal(ir.series(refs[i] as number, out), true);
    assert.ok(out.labels.equals(s.labels), `${out.labels.toString()} != ${s.labels.toString()}`);
    assert.deepEqual(out.chunks, s.chunks.map((c) => ({ ...c, chunk: null })));
  });
  assert.equal(ir.series(1, out), false);
  assert.equal(ir.series(1e9, out), false);

  const names = new Set<string>();
  const values = new Map<string, Set<string>>();
  const post = new Map<string, number[]>();
  series.forEach((s, i) =>
    s.labels.forEach((n, v) => {
      names.add(n);
      if (!values.has(n)) values.set(n, new Set());
      values.get(n)?.add(v);
      const k = `${n}\xff${v}`;
      if (!post.has(k)) post.set(k, []);
      post.get(k)?.push(refs[i] as number);
    }),
  );
  assert.deepEqual(ir.labelNames(), [...names].sort());
  for (const [n, vs] of values) assert.deepEqual(ir.sortedLabelValues(n), [...vs].sort());
  assert.deepEqual(ir.sortedLabelValues('nope'), []);
  for (const [k, exp] of post) {
    const [n, v] = k.split('\xff') as [string, string];
    assert.deepEqual(expandPostings(ir.postings(n, v)), exp);
  }
  assert.deepEqual(expandPostings(ir.postings('', '')), refs);
  assert.deepEqual(expandPostings(ir.postings('job', 'nope')), []);
  const all = [...(values.get('job') as Set<string>)];
  const jobAll = expandPostings(ir.postingsForAllLabelValues('job'));
  assert.deepEqual(expandPostings(ir.postings('job', ...all, 'zzz')), jobAll);
  assert.deepEqual(
    expandPostings(ir.postingsForLabelMatching('job', (v) => v.endsWith('3'))),
    refs.filter((_, i) => series[i]?.labels.get('job').endsWith('3')),
  );
  const syms = [...ir.symbols()];
  assert.deepEqual(syms, [...syms].sort(compareBytewise));
  assert.ok(syms.includes('__name__'));
  fs.rmSync(dir, { recursive: true });
});

test('index writer enforces symbol and series order', () => {
  const dir = tmpdir();
  const w = new IndexWriter(path.join(dir, 'index'));
  w.addSymbol('a');
  assert.throws(() => w.addSymbol('a'), /symbol "a" out-of-order/);
  w.addSymbol('b');
  w.addSymbol('c');
  w.addSeries(Labels.fromObject({ b: 'b' }), []);
  assert.throws(() => w.addSeries(Labels.fromObject({ a: 'a' }), []), /out-of-order series added/);
  assert.throws(() => w.addSeries(Labels.fromObject({ b: 'd' }), []), /symbol entry for "d" does not exist/);
  assert.throws(
    () => w.addSeries(Labels.fromObject({ c: 'a' }), [{ ref: 1, minTime: 5, maxTime: 1, chunk: null }]),
    /chunk maxT 1 is less than minT 5/,
  );
  w.abort();
  assert.equal(fs.existsSync(path.join(dir, 'index')), false);
  fs.rmSync(dir, { recursive: true });
});

test('empty index round-trips', () => {
  const dir = tmpdir();
  const file = path.join(dir, 'index');
  new IndexWriter(file).close();
  const ir = IndexFileReader.open(file);
  assert.deepEqual(ir.labelNames(), []);
  assert.deepEqual(expandPostings(ir.postings('', '')), []);
  assert.deepEqual([...ir.symbols()], []);
  fs.rmSync(dir, { recursive: true });
});

test('corrupt index files give typed errors naming the file', () => {
  const dir = tmpdir();
  const file = path.join(dir, 'index');
  writeTestIndex(file, makeSeries(50, 3));
  const good = fs.readFileSync(file);

  const bad = Buffer.from(good);
  bad.writeUInt32BE(0x12345678, 0);
  fs.writeFileSync(file, bad);
  assert.throws(() => IndexFileReader.open(file), (e: unknown) => e instanceof IndexCorruptionError && e.message.includes(file) && /invalid magic number 12345678/.test(e.message));

  fs.writeFileSync(file, good.subarray(0, 3));
  assert.throws(() => IndexFileReader.open(file), IndexCorruptionError);
  fs.writeFileSync(file, good.subarray(0, good.length - 10));
  assert.throws(() => IndexFileReader.open(file), /read TOC: invalid checksum/);

  const flipSym = Buffer.from(good);
  flipSym[12] = (flipSym[12] as number) ^ 0xff;
  fs.writeFileSync(file, flipSym);
  assert.throws(() => IndexFileReader.open(file), /read symbols: invalid checksum/);

  // Corrupt a series entry: the error surfaces when the series is read.
  const ir0 = new IndexFileReader(file, good);
  const ref = expandPostings(ir0.postings('', ''))[3] as number;
  const flipSeries = Buffer.from(good);
  flipSeries[ref * 16 + 2] = (flipSeries[ref * 16 + 2] as number) ^ 0x55;
  const ir = new IndexFileReader(file, flipSeries);
  assert.throws(() => ir.series(ref, { labels: Labels.EMPTY, chunks: [] }), /invalid checksum/);

  const v9 = Buffer.from(good);
  v9[4] = 9;
  assert.throws(() => new IndexFileReader(file, v9), (e: unknown) => e instanceof IndexError && /unknown index file version 9/.test(e.message));
  assert.throws(() => IndexFileReader.open(path.join(dir, 'missing')), IndexError);
  fs.rmSync(dir, { recursive: true });
});
