/**
 * Corruption (d): a truncated or bit-flipped WAL segment, chunk file, index, meta.json or head
 * chunk file. Each gives a clear log line or error naming the file, and the DB still opens with
 * its healthy blocks and the intact part of the WAL.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Labels, Matcher, MatchType } from '../../src/model/labels/index.js';
import { ValueType } from '../../src/storage/index.js';
import { DB, type TSDBLogger } from '../../src/tsdb/index.js';
import { tmpDir } from './harness.js';

const H = 3600_000;
const T0 = 1_700_000_000_000 - (1_700_000_000_000 % (2 * H));
const SERIES = 10;

interface Line {
  level: string;
  msg: string;
  text: string;
}

function logger(): { logger: TSDBLogger; lines: Line[] } {
  const lines: Line[] = [];
  const rec = (level: string) => (msg: string, f: Readonly<Record<string, unknown>> = {}) => void lines.push({ level, msg, text: `${msg} ${JSON.stringify(f)}` });
  return { logger: { info: rec('info'), warn: rec('warn'), error: rec('error') }, lines };
}

/** hours of data at 1/min for SERIES series; compacts when asked. */
async function makeDB(hours: number, compact: boolean): Promise<string> {
  const dir = path.join(tmpDir(), 'data');
  const db = await DB.open(dir, { compactionInterval: 0 });
  for (let t = T0; t < T0 + hours * H; t += 60_000) {
    const app = db.appender();
    for (let i = 0; i < SERIES; i++) app.append(0, Labels.fromObject({ __name__: 'c', i: String(i) }), t, t / 1000 + i);
    await app.commit();
  }
  if (compact) await db.compact();
  await db.close();
  return dir;
}

/** Samples per series (timestamps checked strictly increasing); iterator errors collected. */
function read(db: DB, mint = Number.MIN_SAFE_INTEGER, maxt = Number.MAX_SAFE_INTEGER): { samples: number; errors: string[] } {
  const q = db.querier(mint, maxt);
  const ss = q.select(true, null, new Matcher(MatchType.Equal, '__name__', 'c'));
  let samples = 0;
  const errors: string[] = [];
  while (ss.next()) {
    const it = ss.at().iterator();
    let last = -Infinity;
    while (it.next() !== ValueType.None) {
      assert.ok(it.atT() > last);
      last = it.atT();
      samples++;
    }
    const e = it.err();
    if (e !== null) errors.push(e.message);
  }
  if (ss.err() !== null) errors.push(String(ss.err()?.message));
  q.close();
  return { samples, errors };
}

function lastNonEmptySegment(dir: string): string {
  const wal = path.join(dir, 'wal');
  const segs = fs.readdirSync(wal).filter((n) => /^\d{8}$/.test(n)).sort();
  for (let i = segs.length - 1; i >= 0; i--) {
    const p = path.join(wal, segs[i] as string);
    if (fs.statSync(p).size > 0) return p;
  }
  throw new Error('no WAL data');
}

/** Bytes of a segment up to its last non-zero byte (the rest is page padding). */
function dataEnd(file: string): number {
  const b = fs.readFileSync(file);
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  return end;
}

function flipByte(file: string, at: number): void {
  const b = fs.readFileSync(file);
  b[at] = (b[at] as number) ^ 0x5a;
  fs.writeFileSync(file, b);
}

test('a torn WAL tail is repaired with a warning naming the segment; earlier samples stay', async () => {
  const dir = await makeDB(1, false);
  const seg = lastNonEmptySegment(dir);
  fs.truncateSync(seg, dataEnd(seg) - 37);
  const { logger: l, lines } = logger();
  const db = await DB.open(dir, { compactionInterval: 0, logger: l });
  const { samples, errors } = read(db);
  assert.deepEqual(errors, []);
  assert.ok(samples >= 60 * SERIES - 2 * SERIES && samples < 60 * SERIES, `samples ${samples}`);
  assert.ok(lines.some((x) => x.level === 'warn' && x.text.includes(path.basename(seg))), lines.map((x) => x.text).join('\n'));
  // Appends continue after the repair and survive a restart.
  const app = db.appender();
  app.append(0, Labels.fromObject({ __name__: 'c', i: '0' }), T0 + 2 * H, 1);
  await app.commit();
  await db.close();
  const again = await DB.open(dir, { compactionInterval: 0 });
  assert.equal(read(again).samples, samples + 1);
  await again.close();
});

test('a bit flip inside a WAL segment truncates the WAL there with a warning', async () => {
  const dir = await makeDB(1, false);
  const seg = lastNonEmptySegment(dir);
  flipByte(seg, Math.floor(dataEnd(seg) / 2));
  const { logger: l, lines } = logger();
  const db = await DB.open(dir, { compactionInterval: 0, logger: l });
  const { samples, errors } = read(db);
  assert.deepEqual(errors, []);
  assert.ok(samples > 0 && samples < 60 * SERIES, `samples ${samples}`);
  const warn = lines.find((x) => x.level === 'warn' && x.msg.includes('WAL'));
  assert.ok(warn !== undefined && warn.text.includes(path.basename(seg)), lines.map((x) => x.text).join('\n'));
  await db.close();
});

test('a corrupt block chunk file: the DB opens; reads of that block fail naming the file', async () => {
  const dir = await makeDB(7, true);
  const db0 = await DB.open(dir, { compactionInterval: 0 });
  const metas = db0.blockMetas();
  await db0.close();
  assert.ok(metas.length >= 2);
  const victim = metas[0];
  assert.ok(victim !== undefined);
  const chunkFile = path.join(dir, victim.ulid, 'chunks', '000001');
  flipByte(chunkFile, 40);
  const db = await DB.open(dir, { compactionInterval: 0 });
  assert.equal(db.blockMetas().length, metas.length);
  const bad = read(db, victim.minTime, victim.maxTime - 1);
  assert.ok(bad.errors.length > 0);
  assert.ok(bad.errors.every((e) => e.includes(chunkFile)), bad.errors.join('\n'));
  const good = read(db, victim.maxTime, Number.MAX_SAFE_INTEGER);
  assert.deepEqual(good.errors, []);
  assert.ok(good.samples > 0);
  await db.close();
});

for (const [name, damage, file] of [
  ['truncated index', (f: string) => fs.truncateSync(f, 100), 'index'],
  ['bit-flipped index TOC', (f: string) => flipByte(f, fs.statSync(f).size - 10), 'index'],
  ['broken meta.json', (f: string) => fs.writeFileSync(f, '{"ulid": '), 'meta.json'],
  ['missing chunks dir', (f: string) => fs.rmSync(f, { recursive: true }), 'chunks'],
] as const) {
  test(`a block with a ${name} is moved aside with an error naming the file; the rest opens`, async () => {
    const dir = await makeDB(7, true);
    const db0 = await DB.open(dir, { compactionInterval: 0 });
    const metas = db0.blockMetas();
    const total = read(db0).samples;
    await db0.close();
    const victim = metas[metas.length - 1];
    assert.ok(victim !== undefined && metas.length >= 2);
    const target = path.join(dir, victim.ulid, file);
    damage(target);
    const { logger: l, lines } = logger();
    const db = await DB.open(dir, { compactionInterval: 0, logger: l });
    assert.deepEqual(db.blockMetas().map((m) => m.ulid), metas.slice(0, -1).map((m) => m.ulid));
    const err = lines.find((x) => x.level === 'error' && x.text.includes(target));
    assert.ok(err !== undefined, lines.map((x) => x.text).join('\n'));
    assert.ok(lines.some((x) => x.msg.includes('moved aside')));
    assert.ok(fs.existsSync(path.join(dir, `${victim.ulid}.corrupted`)));
    const after = read(db);
    assert.deepEqual(after.errors, []);
    // Samples of the lost block that the WAL still holds come back from the WAL.
    assert.ok(after.samples >= total - (victim.stats?.numSamples ?? 0) && after.samples <= total);
    await db.close();
  });
}

test('a corrupt head chunk file is truncated with a warning; the WAL restores the samples', async () => {
  const dir = await makeDB(4, false);
  const hd = path.join(dir, 'chunks_head');
  const files = fs.readdirSync(hd).sort();
  assert.ok(files.length > 0);
  const f = path.join(hd, files[files.length - 1] as string);
  flipByte(f, Math.floor(fs.statSync(f).size / 2));
  const { logger: l, lines } = logger();
  const db = await DB.open(dir, { compactionInterval: 0, logger: l });
  const { samples, errors } = read(db);
  assert.deepEqual(errors, []);
  assert.equal(samples, 4 * 60 * SERIES);
  assert.ok(lines.some((x) => x.level === 'warn' && x.text.includes(f)), lines.map((x) => x.text).join('\n'));
  await db.close();
});
