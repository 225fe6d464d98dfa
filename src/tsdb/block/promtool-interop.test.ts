/**
 * Interop with Prometheus 2.42's promtool: blocks written by Vigil are analysed and dumped by
 * promtool with every sample intact, and blocks promtool creates from OpenMetrics are read back
 * by Vigil sample for sample.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Labels, MatchType, Matcher } from '../../model/labels/index.js';
import type { ChunkMeta } from '../chunks/index.js';
import { expandPostings } from '../index/index.js';
import { Block, formatMeta, mergeQueriers, parseMeta, readMetaFile, writeBlock } from './index.js';
import { drainSeriesSet, toChunks, type FixtureSeries } from './series-fixtures.js';

const PROMTOOL = process.env['PROMTOOL'] ?? '/usr/bin/promtool';
const hasPromtool = fs.existsSync(PROMTOOL);
const skip = hasPromtool ? false : `promtool not found at ${PROMTOOL} (install Debian's prometheus package)`;
if (!hasPromtool) console.log(`# skipping promtool interop: ${skip as string}`);

function promtool(...args: string[]): string {
  return execFileSync(PROMTOOL, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SPECIAL_VALUES = [0, -0.5, 1e300, -1e-300, 1234567.125, NaN, Infinity, -Infinity, 42];

function interopSeries(): FixtureSeries[] {
  const r = rng(11);
  const out: FixtureSeries[] = [];
  const base = 1700000000000;
  for (let i = 0; i < 60; i++) {
    const labels = Labels.fromObject({
      __name__: i % 4 === 0 ? 'http_requests_total' : `vigil_metric_${i % 5}`,
      instance: `10.0.0.${i}:9100`,
      job: ['node', 'api', 'db'][i % 3] as string,
      ...(i % 6 === 0 ? { path: `/a "quoted" \\ path/ünïcödé/${i}` } : {}),
    });
    const ts: number[] = [];
    const vs: number[] = [];
    let t = base + Math.floor(r() * 5000);
    const n = 50 + Math.floor(r() * 700);
    let v = r() * 100;
    for (let k = 0; k < n; k++) {
      ts.push(t);
      vs.push(k % 37 === 5 ? (SPECIAL_VALUES[k % SPECIAL_VALUES.length] as number) : v);
      t += r() < 0.9 ? 15000 : 1 + Math.floor(r() * 600000);
      v = r() < 0.5 ? v + r() * 10 : Math.round(r() * 1000);
    }
    out.push({ labels, ts, vs });
  }
  return out;
}

function parseDump(text: string): Map<string, { ts: number[]; vs: number[] }> {
  const m = new Map<string, { ts: number[]; vs: number[] }>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const j = line.lastIndexOf(' ');
    const i = line.lastIndexOf(' ', j - 1);
    const key = line.slice(0, i);
    const v = line.slice(i + 1, j);
    const parsed = v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v);
    let e = m.get(key);
    if (e === undefined) m.set(key, (e = { ts: [], vs: [] }));
    e.ts.push(Number(line.slice(j + 1)));
    e.vs.push(parsed);
  }
  return m;
}

test('promtool 2.42 analyzes and dumps a block written by Vigil', { skip }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-interop-'));
  const series = interopSeries();
  const minTime = Math.min(...series.map((s) => s.ts[0] as number));
  const maxTime = Math.max(...series.map((s) => s.ts[s.ts.length - 1] as number)) + 1;
  // Small segments force several chunk files (refs with a non-zero segment index).
  const ulid = await writeBlock(
    dir,
    series.map((s) => ({ labels: s.labels, chunks: toChunks(s.ts, s.vs) })),
    { minTime, maxTime, level: 1, segmentSize: 16 * 1024 },
  );
  assert.ok(ulid !== null);
  assert.ok(fs.readdirSync(path.join(dir, ulid, 'chunks')).length > 2);
  fs.mkdirSync(path.join(dir, 'wal'));

  const analysis = promtool('tsdb', 'analyze', dir, ulid);
  assert.match(analysis, new RegExp(`Block ID: ${ulid}`));
  assert.match(analysis, /\nSeries: 60\n/);
  const names = new Set<string>();
  const pairs = new Set<string>();
  let entries = 0;
  for (const s of series) s.labels.forEach((n, v) => (names.add(n), pairs.add(`${n}=${v}`), entries++));
  assert.match(analysis, new RegExp(`\\nLabel names: ${names.size}\\n`));
  assert.match(analysis, new RegExp(`\\nPostings \\(unique label pairs\\): ${pairs.size}\\n`));
  assert.match(analysis, new RegExp(`\\nPostings entries \\(total label pairs\\): ${entries}\\n`));

  const dumped = parseDump(promtool('tsdb', 'dump', dir));
  assert.equal(dumped.size, series.length);
  let total = 0;
  for (const s of series) {
    const got = dumped.get(s.labels.toString());
    assert.ok(got, `series ${s.labels.toString()} missing from dump`);
    assert.deepEqual(got.ts, s.ts);
    assert.deepEqual(got.vs, s.vs);
    total += got.ts.length;
  }
  const list = promtool('tsdb', 'list', dir);
  assert.match(list, new RegExp(`${ulid}\\s+${minTime}\\s+${maxTime}\\s+\\S+\\s+${total}\\s+\\d+\\s+60\\s`));

  // A deletion through Vigil's tombstones is honoured by promtool.
  const b = Block.open(path.join(dir, ulid));
  const victim = series[7] as FixtureSeries;
  const cut = victim.ts[20] as number;
  b.delete(-Infinity, cut, new Matcher(MatchType.Equal, 'instance', victim.labels.get('instance')));
  b.close();
  const after = parseDump(promtool('tsdb', 'dump', `--match={instance="${victim.labels.get('instance')}"}`, dir));
  assert.deepEqual(after.get(victim.labels.toString())?.ts, victim.ts.filter((t) => t > cut));
  fs.rmSync(dir, { recursive: true });
});

function formatOM(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/**
 * Rewrites each block with writeBlock from what Vigil read (same ULID, series, chunk bytes, time
 * range) and checks index, chunks and tombstones are byte-identical to promtool's, and meta.json
 * re-formats to the same text apart from the numFloatSamples stat 2.42 does not know.
 */
async function assertRewriteIdentical(out: string, blocks: Block[]): Promise<void> {
  const dest = path.join(out, 'rewritten');
  fs.mkdirSync(dest);
  for (const b of blocks) {
    const ix = b.index();
    const input = expandPostings(ix.postings('', '')).map((ref) => {
      const s = { labels: Labels.EMPTY, chunks: [] as ChunkMeta[] };
      ix.series(ref, s);
      for (const c of s.chunks) c.chunk = b.chunks().chunk(c);
      return s;
    });
    const m = b.meta();
    const u = await writeBlock(dest, input, { minTime: m.minTime, maxTime: m.maxTime, level: m.compaction.level, ulid: m.ulid, ...(m.compaction.sources ? { sources: m.compaction.sources } : {}) });
    assert.equal(u, m.ulid);
    const theirs = path.join(out, m.ulid);
    const ours = path.join(dest, m.ulid);
    for (const f of ['index', 'tombstones', ...fs.readdirSync(path.join(theirs, 'chunks')).map((c) => path.join('chunks', c))]) {
      assert.ok(fs.readFileSync(path.join(theirs, f)).equals(fs.readFileSync(path.join(ours, f))), `${f} of ${m.ulid} differs`);
    }
    const theirMeta = fs.readFileSync(path.join(theirs, 'meta.json'), 'utf8');
    assert.equal(formatMeta(parseMeta('meta.json', theirMeta)), theirMeta);
    const ourMeta = readMetaFile(ours).meta;
    delete ourMeta.stats?.numFloatSamples;
    assert.deepEqual(ourMeta, b.meta());
  }
}

test('Vigil reads every sample of blocks created by promtool from OpenMetrics', { skip }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-backfill-'));
  const r = rng(23);
  const base = 1700000000000;
  const expect = new Map<string, { ts: number[]; vs: number[] }>();
  const lines: string[] = [];
  for (const fam of ['backfill_a', 'backfill_b', 'backfill_c']) {
    lines.push(`# TYPE ${fam} gauge`);
    for (let i = 0; i < 8; i++) {
      const labels = Labels.fromObject({ __name__: fam, shard: String(i), zone: i % 2 ? 'eu' : 'us' });
      const e = { ts: [] as number[], vs: [] as number[] };
      let t = base + i * 250;
      // ~7h of data: promtool cuts it into several 2h blocks.
      for (let k = 0; k < 400; k++) {
        const v = k % 50 === 7 ? (SPECIAL_VALUES[k % SPECIAL_VALUES.length] as number) : Math.round(r() * 1e6) / 8;
        e.ts.push(t);
        e.vs.push(v);
        lines.push(`${fam}{shard="${i}",zone="${labels.get('zone')}"} ${formatOM(v)} ${t / 1000}`);
        t += 60000 + (r() < 0.2 ? 250 * Math.floor(r() * 100) : 0);
      }
      expect.set(labels.toString(), e);
    }
  }
  lines.push('# EOF');
  const input = path.join(dir, 'input.om');
  fs.writeFileSync(input, `${lines.join('\n')}\n`);
  const out = path.join(dir, 'data');
  promtool('tsdb', 'create-blocks-from', 'openmetrics', input, out);

  const ulids = fs.readdirSync(out).filter((n) => /^[0-9A-Z]{26}$/.test(n));
  assert.ok(ulids.length >= 3, `expected several blocks, got ${ulids.join(',')}`);
  const blocks = ulids.map((u) => Block.open(path.join(out, u)));
  const q = mergeQueriers(blocks.map((b) => b.querier(-Infinity, Infinity)));
  const got = drainSeriesSet(q.select(true, null, new Matcher(MatchType.Regexp, '__name__', 'backfill_.*')));
  assert.equal(got.size, expect.size);
  for (const [k, e] of expect) {
    const g = got.get(k);
    assert.ok(g, `missing ${k}`);
    assert.deepEqual(g.ts, e.ts, k);
    assert.deepEqual(g.vs, e.vs, k);
  }
  assert.deepEqual(q.labelValues('zone', null), ['eu', 'us']);
  await assertRewriteIdentical(out, blocks);
  assert.deepEqual(q.labelNames(null), ['__name__', 'shard', 'zone']);
  q.close();
  for (const b of blocks) {
    assert.equal(b.pending(), 0);
    b.close();
  }
  fs.rmSync(dir, { recursive: true });
});
