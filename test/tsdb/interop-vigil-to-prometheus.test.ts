/**
 * Interop (a): a data dir written by Vigil (DB ingest, head compaction, leveled compaction, a
 * WAL holding the rest) opens in Prometheus 2.42 with the same query answers as Vigil's PromQL
 * engine gives over the DB, and promtool analyzes and dumps it like Vigil does. Also Vigil's
 * backfill is byte-identical to promtool's.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tsdbCreateBlocksFromOpenMetrics } from '../../src/cmd/promtool/tsdb-create-blocks.js';
import { Labels } from '../../src/model/labels/index.js';
import { StaleNaN } from '../../src/model/value/index.js';
import { Engine } from '../../src/promql/engine/index.js';
import { DB } from '../../src/tsdb/index.js';
import { EMPTY_CONFIG, promQueryRange, promtool, sortedLines, startPrometheus, stop, tmpDir, vigilDump, type RunningPrometheus } from './harness.js';

const H = 3600_000;
const STEP = 30_000;
const END = Math.floor(Date.now() / (2 * H)) * 2 * H - H;
const START = END - 14 * H;

const running: RunningPrometheus[] = [];
after(async () => {
  for (const p of running) await stop(p.proc, 'SIGKILL');
});

/** Deterministic counters (with a reset) and gauges (with a stale marker), 30 series. */
async function writeVigilData(dir: string): Promise<number> {
  const db = await DB.open(dir, { compactionInterval: 0, retentionTime: 30 * 24 * H });
  let n = 0;
  const counters = new Float64Array(20);
  for (let t = START; t < END; t += STEP) {
    const app = db.appender();
    for (let i = 0; i < 20; i++) {
      const k = (t - START) / STEP;
      counters[i] = (k === 700 && i === 3 ? 0 : (counters[i] as number)) + ((i * 7 + k) % 13) + 0.25;
      app.append(0, Labels.fromObject({ __name__: 'vigil_requests_total', job: `job${i % 3}`, instance: `host${i}:9100`, code: i % 4 === 0 ? '500' : '200' }), t, counters[i] as number);
      n++;
    }
    for (let i = 0; i < 10; i++) {
      const k = (t - START) / STEP;
      const v = i === 5 && k === 900 ? StaleNaN : Math.sin(k / 50 + i) * 40 + 20 + i;
      if (i === 6 && k > 1200 && k < 1300) continue; // a gap
      app.append(0, Labels.fromObject({ __name__: 'vigil_temp_celsius', sensor: `s${i}`, job: 'env' }), t, v);
      n++;
    }
    await app.commit();
  }
  await db.compact();
  const metas = db.blockMetas();
  assert.ok(metas.some((m) => m.compaction.level > 1), 'leveled compaction ran');
  await db.close();
  return n;
}

const QUERIES = [
  'vigil_requests_total',
  'rate(vigil_requests_total[5m])',
  'sum by (code) (rate(vigil_requests_total[10m]))',
  'vigil_temp_celsius',
  'max_over_time(vigil_temp_celsius[1h])',
  'count(vigil_temp_celsius)',
];

function closeEnough(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

test('Vigil blocks and WAL open in Prometheus 2.42 with the same query answers', { timeout: 120_000 }, async () => {
  const root = tmpDir();
  const dir = path.join(root, 'vigil');
  const n = await writeVigilData(dir);
  assert.ok(n > 40_000);
  const copy = path.join(root, 'prom');
  fs.cpSync(dir, copy, { recursive: true });
  const prom = await startPrometheus(copy, EMPTY_CONFIG);
  running.push(prom);
  const db = await DB.open(dir, { readOnly: true, compactionInterval: 0 });
  try {
    const engine = new Engine({});
    for (const q of QUERIES) {
      // Off the sample grid: Prometheus 3 (Vigil) selects ranges left-open, 2.42 closed; with
      // no sample on a range boundary both select the same samples.
      const start = START + 10 * 60_000 + 7_000;
      const end = END + 10 * 60_000 + 7_000;
      const step = 5 * 60_000;
      const want = await promQueryRange(prom.url, q, start, end, step);
      const res = await engine.newRangeQuery(db, q, start, end, step).exec();
      assert.equal(res.err, null, `${q}: ${String(res.err)}`);
      assert.ok(res.value !== null && res.value.type === 'matrix');
      const got = new Map(res.value.value.map((s) => [JSON.stringify(s.metric.toObject()), s]));
      assert.equal(got.size, want.length, `${q}: series count`);
      for (const w of want) {
        const key = JSON.stringify(Labels.fromObject(w.metric).toObject());
        const g = got.get(key);
        assert.ok(g !== undefined, `${q}: missing ${key}`);
        assert.equal(g.floats.length, w.values.length, `${q} ${key}: point count`);
        for (let i = 0; i < w.values.length; i++) {
          const [ts, vs] = w.values[i] as [number, string];
          assert.equal(g.floats.t[i], Math.round(ts * 1000), `${q} ${key}: timestamp ${i}`);
          assert.ok(closeEnough(g.floats.f[i] as number, Number(vs)), `${q} ${key} @${ts}: ${g.floats.f[i]} vs ${vs}`);
        }
      }
    }
  } finally {
    await db.close();
    await stop(prom.proc, 'SIGTERM');
  }
  assert.doesNotMatch(prom.logs(), /level=error/, prom.logs());
});

test('promtool lists, analyzes and dumps a Vigil data dir as Vigil does', { timeout: 120_000 }, async () => {
  const root = tmpDir();
  const dir = path.join(root, 'vigil');
  const n = await writeVigilData(dir);
  const list = promtool('tsdb', 'list', dir);
  assert.equal(list.status, 0, list.stderr);
  const blockLines = list.stdout.trim().split('\n').slice(1);
  assert.ok(blockLines.length >= 2);
  const analyze = promtool('tsdb', 'analyze', '--extended', dir);
  assert.equal(analyze.status, 0, analyze.stderr);
  assert.match(analyze.stdout, /^Block ID: [0-9A-Z]{26}\nDuration: /);
  assert.match(analyze.stdout, /Highest cardinality metric names:\n20 vigil_requests_total\n10 vigil_temp_celsius\n/);
  const dump = promtool('tsdb', 'dump', dir);
  assert.equal(dump.status, 0, dump.stderr);
  const theirs = sortedLines(dump.stdout);
  // The stale marker is dumped as NaN by both; everything else must match exactly.
  assert.equal(theirs.length, n);
  assert.deepEqual(sortedLines(await vigilDump(dir)), theirs);
});

test('Vigil backfill writes the same index and chunk bytes as promtool', { timeout: 60_000 }, async () => {
  const root = tmpDir();
  const input = path.join(root, 'in.om');
  const lines: string[] = ['# HELP bf_metric A metric.', '# TYPE bf_metric gauge'];
  const base = Math.floor(START / 1000);
  for (let k = 0; k < 2000; k++) for (let i = 0; i < 5; i++) lines.push(`bf_metric{i="${i}"} ${(k * 1.5 + i) % 17} ${base + k * 15}`);
  lines.push('# EOF', '');
  fs.writeFileSync(input, lines.join('\n'));
  const theirs = path.join(root, 'promtool');
  const r = promtool('tsdb', 'create-blocks-from', 'openmetrics', input, theirs);
  assert.equal(r.status, 0, r.stderr);
  const ours = path.join(root, 'vigil');
  const write = process.stdout.write.bind(process.stdout);
  let printed = '';
  process.stdout.write = ((s: string | Uint8Array): boolean => {
    printed += String(s);
    return true;
  }) as typeof process.stdout.write;
  let code: number;
  try {
    code = await tsdbCreateBlocksFromOpenMetrics([input, ours]);
  } finally {
    process.stdout.write = write;
  }
  assert.equal(code, 0);
  const header = (s: string): string[] => s.split('\n').map((l) => l.split(/\s{2,}/).slice(1, 7).join(' '));
  assert.deepEqual(header(printed), header(r.stdout));
  const blocks = (d: string): string[] => fs.readdirSync(d).sort();
  const a = blocks(theirs);
  const b = blocks(ours);
  assert.equal(a.length, b.length);
  // Blocks pair up in time order (ULIDs sort by creation time).
  for (let i = 0; i < a.length; i++) {
    for (const f of ['index', 'chunks/000001']) {
      assert.ok(fs.readFileSync(path.join(theirs, a[i] as string, f)).equals(fs.readFileSync(path.join(ours, b[i] as string, f))), `${f} of block ${i}`);
    }
  }
  // And Prometheus's dump of our backfill equals ours of theirs.
  assert.deepEqual(sortedLines(await vigilDump(theirs)), sortedLines(await vigilDump(ours)));
});
