import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorruptionError, PAGE_SIZE, UnsupportedCompressionError, WalError, WalReader, Wlog, segmentName, type WalLogger } from './index.js';

interface Written {
  dir: string;
  recs: Uint8Array[];
  /** segment and [start, end) offsets of each record. */
  where: { segment: number; start: number; end: number }[];
}

/** Three segments of records of mixed sizes (some span pages), with their positions. */
function writeLog(compress: boolean): Written {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-wal-repair-'));
  const w = Wlog.open(dir, { compress });
  const recs: Uint8Array[] = [];
  for (let seg = 0; seg < 3; seg++) {
    for (let i = 0; i < 30; i++) {
      const n = recs.length;
      const size = n % 7 === 3 ? 45_000 : 200 + n * 31;
      recs.push(new Uint8Array(size).map((_, j) => (n * 31 + j * (j % 5)) & 0xff));
      w.log(recs[n] as Uint8Array);
    }
    if (seg < 2) w.nextSegment();
  }
  w.close();
  const where: Written['where'] = [];
  const r = new WalReader(dir);
  while (r.next()) where.push({ segment: r.segment(), start: r.recordOffset(), end: r.offset() });
  assert.equal(r.err(), null);
  assert.equal(where.length, recs.length);
  return { dir, recs, where };
}

function readUntilError(dir: string): { recs: Uint8Array[]; err: Error | null } {
  const r = new WalReader(dir);
  const recs: Uint8Array[] = [];
  while (r.next()) recs.push(new Uint8Array(r.record()));
  return { recs, err: r.err() };
}

function recordingLogger(): WalLogger & { msgs: string[] } {
  const msgs: string[] = [];
  return { msgs, warn: (m) => msgs.push(m) };
}

function flipByte(path: string, offset: number, xor = 0x01): void {
  const b = readFileSync(path);
  b[offset] = (b[offset] as number) ^ xor;
  writeFileSync(path, b);
}

/** Checks the error, repairs, and checks that exactly the records before `keep` survive and writes go on. */
function expectRepair(wr: Written, keep: number, segment: number, offset: number, reason: RegExp): void {
  const { recs, err } = readUntilError(wr.dir);
  assert.ok(err instanceof CorruptionError, `corruption detected, got ${String(err)}`);
  assert.equal(err.segment, segment);
  assert.equal(err.offset, offset);
  assert.match(err.message, reason);
  assert.match(err.message, new RegExp(`corruption in segment .*${String(segment).padStart(8, '0')} at ${offset}`));
  assert.equal(recs.length, keep);

  const log = recordingLogger();
  const w = Wlog.open(wr.dir, { logger: log });
  w.repair(err);
  assert.ok(log.msgs.some((m) => /corruption repair/.test(m)));
  assert.equal(w.currentSegment(), segment + 1);
  w.log(new Uint8Array([0xaa, 0xbb]));
  w.close();
  assert.deepEqual(readdirSync(wr.dir).sort(), Array.from({ length: segment + 2 }, (_, i) => String(i).padStart(8, '0')));
  assert.equal(statSync(segmentName(wr.dir, segment)).size % PAGE_SIZE, 0);
  const after = readUntilError(wr.dir);
  assert.equal(after.err, null);
  assert.equal(after.recs.length, keep + 1);
  for (let i = 0; i < keep; i++) assert.deepEqual(after.recs[i], wr.recs[i], `record ${i} kept`);
  assert.deepEqual(after.recs[keep], new Uint8Array([0xaa, 0xbb]));
}

for (const compress of [false, true]) {
  test(`bit flip in a record's data is detected and repaired (compress=${compress})`, () => {
    const wr = writeLog(compress);
    try {
      const victim = 40;
      const at = wr.where[victim] as Written['where'][number];
      flipByte(segmentName(wr.dir, at.segment), at.start + 20);
      expectRepair(wr, victim, at.segment, at.start, /unexpected checksum/);
    } finally {
      rmSync(wr.dir, { recursive: true, force: true });
    }
  });

  test(`truncated tail (torn last record) is detected and repaired (compress=${compress})`, () => {
    const wr = writeLog(compress);
    try {
      // The last big record: it spans pages when written raw, compressed it is one fragment.
      const victim = wr.where.findLastIndex((w) => w.end - w.start > 1000);
      const at = wr.where[victim] as Written['where'][number];
      assert.equal(at.segment, 2);
      truncateSync(segmentName(wr.dir, 2), at.start + Math.min(PAGE_SIZE, Math.floor((at.end - at.start) / 2)));
      expectRepair(wr, victim, 2, at.start, /unexpected EOF|last record is torn/);
    } finally {
      rmSync(wr.dir, { recursive: true, force: true });
    }
  });
}

test('a zeroed page followed by data is detected and everything before it kept', () => {
  const wr = writeLog(false);
  try {
    const path = segmentName(wr.dir, 1);
    const b = readFileSync(path);
    assert.ok(b.length > 4 * PAGE_SIZE);
    b.fill(0, 2 * PAGE_SIZE, 3 * PAGE_SIZE);
    writeFileSync(path, b);
    // Records wholly before the zeroed page survive; the one reaching into it is where the cut goes.
    const keep = wr.where.findIndex((w) => w.segment === 1 && w.end > 2 * PAGE_SIZE);
    const cut = (wr.where[keep] as Written['where'][number]).start;
    const { err } = readUntilError(wr.dir);
    assert.ok(err instanceof CorruptionError);
    assert.equal(err.segment, 1);
    expectRepair(wr, keep, 1, cut, /zeroed page|unexpected|checksum/);
  } finally {
    rmSync(wr.dir, { recursive: true, force: true });
  }
});

test('a flipped fragment type and non-zero padding are corruption', () => {
  const wr = writeLog(false);
  try {
    const at = wr.where[5] as Written['where'][number];
    flipByte(segmentName(wr.dir, 0), at.start, 0x01 ^ 0x03); // full -> middle
    const { err } = readUntilError(wr.dir);
    assert.ok(err instanceof CorruptionError);
    assert.equal(err.offset, at.start);
    assert.match(err.message, /unexpected middle record/);
  } finally {
    rmSync(wr.dir, { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(tmpdir(), 'vigil-wal-repair-'));
  try {
    const w = Wlog.open(dir, { compress: false });
    w.log(new Uint8Array(10));
    w.close();
    flipByte(segmentName(dir, 0), 100, 0x40);
    const { recs, err } = readUntilError(dir);
    assert.equal(recs.length, 1);
    assert.ok(err instanceof CorruptionError);
    assert.equal(err.offset, 17);
    assert.match(err.message, /non-zero byte in padded page/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('zstd records are an unsupported-compression error, not repairable corruption', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-wal-repair-'));
  try {
    const w = Wlog.open(dir, { compress: false });
    w.log(new Uint8Array([1, 2, 3]));
    w.close();
    flipByte(segmentName(dir, 0), 0, 0x10);
    const { err } = readUntilError(dir);
    assert.ok(err instanceof UnsupportedCompressionError);
    const w2 = Wlog.open(dir);
    assert.throws(() => w2.repair(err), WalError);
    w2.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a record cut after a complete first fragment is "last record is torn" at its start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-wal-repair-'));
  try {
    const w = Wlog.open(dir, { compress: false });
    w.log(new Uint8Array(100).fill(1));
    w.log(new Uint8Array(3 * PAGE_SIZE).fill(2));
    w.close();
    truncateSync(segmentName(dir, 0), PAGE_SIZE);
    const { recs, err } = readUntilError(dir);
    assert.equal(recs.length, 1);
    assert.ok(err instanceof CorruptionError);
    assert.equal(err.offset, 107);
    assert.match(err.message, /last record is torn/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
