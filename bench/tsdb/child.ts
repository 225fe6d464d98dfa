/**
 * Vigil side of the TSDB benchmark, run in a fresh child process per measurement (clean heap,
 * optional CPU pinning): `node --expose-gc child.js <mode> <dir> <args...>` prints one JSON line.
 *   memory <dir> <series>            RSS growth per head series after 4 scrapes
 *   throughput <dir> <series> <scrapes> <compress 0|1>   promtool "tsdb bench write" workload
 *   replay <dir>                     time to open the DB (WAL replay)
 *   fill-wal <dir> <series> <samples> write a WAL (no compaction) for the replay measurement
 */
import { Labels } from '../../src/model/labels/index.js';
import type { SeriesRef } from '../../src/storage/index.js';
import { DB } from '../../src/tsdb/index.js';
import { makeSeries, ValueGenerator } from './data.js';

const T0 = 1_700_000_000_000 - (1_700_000_000_000 % 7_200_000);

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g !== undefined) {
    g();
    g();
  }
}

async function ingest(db: DB, labels: readonly Labels[], scrapes: number, step: number, batch = 10_000): Promise<number> {
  const refs = new Array<SeriesRef>(labels.length).fill(0);
  const gen = new ValueGenerator(makeSeries(labels.length));
  const vals = new Float64Array(labels.length);
  let n = 0;
  for (let k = 0; k < scrapes; k++) {
    gen.next(vals);
    const t = T0 + k * step;
    for (let from = 0; from < labels.length; from += batch) {
      const app = db.appender();
      const to = Math.min(labels.length, from + batch);
      for (let i = from; i < to; i++) refs[i] = app.append(refs[i] as SeriesRef, labels[i] as Labels, t, vals[i] as number);
      await app.commit();
      n += to - from;
    }
  }
  return n;
}

async function memory(dir: string, n: number): Promise<object> {
  const db = await DB.open(dir, { compactionInterval: 0 });
  gc();
  const before = process.memoryUsage().rss;
  const labels = makeSeries(n).map((s) => s.labels);
  await ingest(db, labels, 4, 15_000);
  gc();
  const after = process.memoryUsage().rss;
  const heap = process.memoryUsage().heapUsed;
  await db.close();
  return { series: n, rssBefore: before, rssAfter: after, heapUsed: heap, bytesPerSeries: (after - before) / n };
}

/** promtool tsdb bench write: rounds of 100 scrapes, shards of 1000 series, one commit per shard scrape. */
async function throughput(dir: string, n: number, scrapes: number, compress: boolean): Promise<object> {
  const db = await DB.open(dir, { compactionInterval: 0, walCompression: compress });
  const labels = makeSeries(n).map((s) => s.labels);
  const refs = new Array<SeriesRef>(n).fill(0);
  const values = new Float64Array(n).fill(123456789);
  const start = process.hrtime.bigint();
  let total = 0;
  for (let i = 0; i < scrapes; i += 100) {
    for (let from = 0; from < n; from += 1000) {
      const to = Math.min(n, from + 1000);
      let ts = 30_000 * i;
      for (let s = 0; s < 100; s++) {
        const app = db.appender();
        ts += 30_000;
        for (let j = from; j < to; j++) {
          values[j] = (values[j] as number) + 1000;
          refs[j] = app.append(refs[j] as SeriesRef, labels[j] as Labels, ts, values[j] as number);
          total++;
        }
        await app.commit();
      }
    }
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  await db.close();
  return { samples: total, seconds: secs, samplesPerSec: total / secs };
}

async function fillWal(dir: string, n: number, samples: number): Promise<object> {
  const db = await DB.open(dir, { compactionInterval: 0 });
  const labels = makeSeries(n).map((s) => s.labels);
  const total = await ingest(db, labels, samples, 15_000);
  await db.close();
  return { samples: total };
}

async function replay(dir: string): Promise<object> {
  const start = process.hrtime.bigint();
  const db = await DB.open(dir, { compactionInterval: 0 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const series = db.head().stats().numSeries;
  gc();
  const rss = process.memoryUsage().rss;
  await db.close();
  return { ms, series, rss };
}

async function main(): Promise<void> {
  const [mode, dir, a, b, c] = process.argv.slice(2);
  if (dir === undefined) throw new Error('usage: child.js <mode> <dir> ...');
  let out: object;
  switch (mode) {
    case 'memory':
      out = await memory(dir, Number(a));
      break;
    case 'throughput':
      out = await throughput(dir, Number(a), Number(b), c === '1');
      break;
    case 'fill-wal':
      out = await fillWal(dir, Number(a), Number(b));
      break;
    case 'replay':
      out = await replay(dir);
      break;
    default:
      throw new Error(`unknown mode ${String(mode)}`);
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
