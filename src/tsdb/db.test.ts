import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Labels, Matcher, MatchType } from '../model/labels/index.js';
import { ValueType } from '../storage/index.js';
import { DB, LockError, type DBOptions, type TSDBLogger } from './index.js';

const H = 3600_000;
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % (2 * H));

const tmpDirs: string[] = [];
after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-db-'));
  tmpDirs.push(d);
  return d;
}

interface LogLine {
  level: string;
  msg: string;
  fields: Readonly<Record<string, unknown>>;
}

function recordingLogger(): { logger: TSDBLogger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const rec = (level: string) => (msg: string, fields: Readonly<Record<string, unknown>> = {}) => void lines.push({ level, msg, fields });
  return { logger: { info: rec('info'), warn: rec('warn'), error: rec('error') }, lines };
}

const base: DBOptions = { compactionInterval: 0 };

async function ingest(db: DB, nSeries: number, from: number, to: number, step: number): Promise<number> {
  let n = 0;
  for (let t = from; t < to; t += step) {
    const app = db.appender();
    for (let i = 0; i < nSeries; i++) {
      app.append(0, Labels.fromObject({ __name__: 'm', i: String(i) }), t, i + t / 1000);
      n++;
    }
    await app.commit();
  }
  return n;
}

function count(db: DB, mint = Number.MIN_SAFE_INTEGER, maxt = Number.MAX_SAFE_INTEGER, ...ms: Matcher[]): { series: number; samples: number } {
  const q = db.querier(mint, maxt);
  const ss = q.select(true, null, ...(ms.length > 0 ? ms : [new Matcher(MatchType.Equal, '__name__', 'm')]));
  let series = 0;
  let samples = 0;
  while (ss.next()) {
    series++;
    const it = ss.at().iterator();
    let last = -Infinity;
    while (it.next() !== ValueType.None) {
      assert.ok(it.atT() > last, 'samples in time order without duplicates');
      last = it.atT();
      samples++;
    }
    assert.equal(it.err(), null);
  }
  assert.equal(ss.err(), null);
  q.close();
  return { series, samples };
}

test('samples survive close and reopen (WAL replay)', async () => {
  const dir = tmpDir();
  let db = await DB.open(dir, base);
  const n = await ingest(db, 5, T0, T0 + 10 * 60_000, 15_000);
  assert.deepEqual(count(db), { series: 5, samples: n });
  await db.close();
  db = await DB.open(dir, base);
  assert.deepEqual(count(db), { series: 5, samples: n });
  await db.close();
});

test('the head is compacted into 2h blocks, then blocks are compacted by level', async () => {
  const dir = tmpDir();
  const db = await DB.open(dir, base);
  const n = await ingest(db, 4, T0, T0 + 21 * H, 60_000);
  await db.compact();
  const metas = db.blockMetas();
  assert.ok(metas.length >= 2, `blocks: ${metas.length}`);
  for (let i = 1; i < metas.length; i++) assert.ok((metas[i]?.minTime ?? 0) >= (metas[i - 1]?.maxTime ?? 0), 'no overlaps');
  assert.ok(metas.some((m) => m.compaction.level > 1), 'some block was compacted by level');
  assert.ok(metas.every((m) => (m.maxTime - m.minTime) % (2 * H) === 0));
  // The head keeps less than 1.5 block ranges.
  const hs = db.head().stats();
  assert.ok(hs.maxTime - hs.minTime <= 3 * H);
  assert.deepEqual(count(db), { series: 4, samples: n });
  await db.close();
  const again = await DB.open(dir, base);
  assert.deepEqual(count(again), { series: 4, samples: n });
  await again.close();
});

test('a second writer is refused; a read-only open works beside the writer and writes nothing', async () => {
  const dir = tmpDir();
  const db = await DB.open(dir, base);
  const n = await ingest(db, 3, T0, T0 + 5 * H, 60_000);
  await db.compact();
  await assert.rejects(DB.open(dir, base), LockError);
  const before = listTree(dir);
  const ro = await DB.open(dir, { ...base, readOnly: true });
  assert.deepEqual(count(ro), { series: 3, samples: n });
  assert.throws(() => ro.appender());
  await ro.close();
  assert.deepEqual(listTree(dir), before);
  await db.close();
  // The lock is released on close.
  const db2 = await DB.open(dir, base);
  await db2.close();
});

function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${path.relative(dir, p)} ${fs.statSync(p).size}`);
    }
  };
  walk(dir);
  return out.sort();
}

test('a stale lock file of a dead process is replaced with a warning', async () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'lock'), '999999999\n');
  const { logger, lines } = recordingLogger();
  const db = await DB.open(dir, { ...base, logger });
  assert.ok(lines.some((l) => l.msg.includes('lockfile from a previous execution')));
  await db.close();
});

test('time retention deletes the oldest blocks', async () => {
  const dir = tmpDir();
  const db = await DB.open(dir, { ...base, retentionTime: 6 * H });
  await ingest(db, 2, T0, T0 + 16 * H, 5 * 60_000);
  await db.compact();
  const metas = db.blockMetas();
  const newest = Math.max(...metas.map((m) => m.maxTime));
  assert.ok(metas.length > 0);
  for (const m of metas) assert.ok(newest - m.maxTime < 6 * H, `block ${m.minTime}-${m.maxTime} is beyond retention`);
  await db.close();
});

test('size retention deletes the oldest blocks first', async () => {
  const dir = tmpDir();
  const db = await DB.open(dir, { ...base, maxBlockDuration: 2 * H });
  await ingest(db, 50, T0, T0 + 12 * H, 60_000);
  await db.compact();
  const all = db.blockMetas();
  assert.ok(all.length >= 4);
  const stats = db.stats();
  await db.close();
  const limit = stats.headBytes + stats.blocksBytes / 2;
  const db2 = await DB.open(dir, { ...base, maxBlockDuration: 2 * H, retentionSize: limit });
  const kept = db2.blockMetas();
  assert.ok(kept.length < all.length && kept.length > 0);
  // The newest blocks are kept.
  assert.deepEqual(kept.map((m) => m.ulid), all.slice(all.length - kept.length).map((m) => m.ulid));
  assert.ok(db2.stats().blocksBytes + db2.stats().headBytes <= limit);
  await db2.close();
});

test('deleteSeries hides data in blocks and head; cleanTombstones rewrites the blocks', async () => {
  const dir = tmpDir();
  const db = await DB.open(dir, base);
  await ingest(db, 3, T0, T0 + 6 * H, 60_000);
  await db.compact();
  const sel = new Matcher(MatchType.Equal, 'i', '1');
  const before = count(db, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, sel);
  await db.deleteSeries(T0 + H, T0 + 5 * H, sel);
  const after = count(db, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, sel);
  assert.equal(after.samples, before.samples - (4 * 60 + 1));
  assert.ok(db.blocks().some((b) => b.tombstones().total() > 0));
  await db.cleanTombstones();
  assert.ok(db.blocks().every((b) => b.tombstones().total() === 0));
  assert.deepEqual(count(db, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, sel), after);
  await db.close();
  const again = await DB.open(dir, base);
  assert.deepEqual(count(again, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, sel), after);
  await again.close();
});

test('a corrupt block is moved aside with an error naming the file; the DB opens', async () => {
  const dir = tmpDir();
  const db = await DB.open(dir, base);
  await ingest(db, 3, T0, T0 + 7 * H, 60_000);
  await db.compact();
  const blocks = db.blockMetas();
  await db.close();
  assert.ok(blocks.length >= 2);
  const victim = blocks[0]?.ulid as string;
  const index = path.join(dir, victim, 'index');
  fs.truncateSync(index, 20);
  const { logger, lines } = recordingLogger();
  const db2 = await DB.open(dir, { ...base, logger });
  assert.deepEqual(db2.blockMetas().map((m) => m.ulid), blocks.slice(1).map((m) => m.ulid));
  assert.ok(fs.existsSync(path.join(dir, `${victim}.corrupted`)));
  const err = lines.find((l) => l.level === 'error' && String(l.fields['err']).includes(index));
  assert.ok(err !== undefined, JSON.stringify(lines.filter((l) => l.level !== 'info')));
  assert.ok(count(db2).samples > 0);
  await db2.close();
});

test('snapshot with head holds every sample and opens as a DB', async () => {
  const dir = tmpDir();
  const db = await DB.open(dir, base);
  const n = await ingest(db, 3, T0, T0 + 5 * H, 60_000);
  await db.compact();
  const snap = path.join(tmpDir(), 'snap');
  await db.snapshot(snap, true);
  await assert.rejects(db.snapshot(dir, true));
  await db.close();
  const s = await DB.open(snap, { ...base, readOnly: true });
  assert.deepEqual(count(s), { series: 3, samples: n });
  await s.close();
});

test('out-of-order samples within the window are accepted and persisted', async () => {
  const dir = tmpDir();
  const opts = { ...base, outOfOrderTimeWindow: 4 * H };
  const db = await DB.open(dir, opts);
  const n = await ingest(db, 2, T0, T0 + 5 * H, 60_000);
  await db.compact();
  assert.ok(db.head().minTime() > T0 + H + 30_000, 'the OOO sample below lands below the head');
  const app = db.appender();
  app.append(0, Labels.fromObject({ __name__: 'm', i: '0' }), T0 + H + 30_000, 42);
  app.append(0, Labels.fromObject({ __name__: 'm', i: '0' }), T0 + 4 * H + 30_000, 43);
  await app.commit();
  assert.deepEqual(count(db), { series: 2, samples: n + 2 });
  await ingest(db, 2, T0 + 5 * H, T0 + 7 * H, 60_000);
  await db.compact();
  assert.deepEqual(count(db), { series: 2, samples: n + 2 + 2 * 120 });
  await db.close();
  const again = await DB.open(dir, opts);
  assert.deepEqual(count(again), { series: 2, samples: n + 2 + 2 * 120 });
  const metas = again.blockMetas();
  for (let i = 1; i < metas.length; i++) assert.ok((metas[i]?.minTime ?? 0) >= (metas[i - 1]?.maxTime ?? 0), 'overlaps were compacted away');
  await again.close();
});

test('a block replaced by compaction is deleted only once its queriers are closed', async () => {
  const dir = tmpDir();
  const db = await DB.open(dir, { ...base, maxBlockDuration: 6 * H });
  const n = await ingest(db, 2, T0, T0 + 7 * H, 60_000);
  await db.compact();
  // T0 is 2h- but not 6h-aligned: the 6h range starting at T0+2h gets compacted later.
  const victim = db.blockMetas().find((m) => m.minTime === T0 + 2 * H);
  assert.ok(victim !== undefined && (T0 + 2 * H) % (6 * H) === 0);
  const q = db.querier(T0 + 2 * H, T0 + 3 * H);
  const ss = q.select(true, null, new Matcher(MatchType.Equal, '__name__', 'm'));
  await ingest(db, 2, T0 + 7 * H, T0 + 13 * H, 60_000);
  await db.compact();
  assert.ok(!db.blockMetas().some((m) => m.ulid === victim.ulid), 'replaced');
  assert.ok(db.blockMetas().some((m) => m.minTime === T0 + 2 * H && m.maxTime === T0 + 8 * H));
  assert.ok(fs.existsSync(path.join(dir, victim.ulid)), 'kept while read');
  let samples = 0;
  while (ss.next()) {
    const it = ss.at().iterator();
    while (it.next() !== ValueType.None) samples++;
    assert.equal(it.err(), null);
  }
  assert.equal(samples, 2 * 61);
  q.close();
  db.reloadBlocks();
  assert.ok(!fs.existsSync(path.join(dir, victim.ulid)), 'deleted after the querier closed');
  assert.equal(count(db).samples, n + 2 * 6 * 60);
  await db.close();
});
