import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAGE_SIZE, WalReader, Wlog, segmentName } from './index.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'vigil-wal-'));
}

/** Deterministic pseudo-random bytes; `compressible` repeats a short pattern. */
function makeRecord(seed: number, size: number, compressible: boolean): Uint8Array {
  const b = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    if (compressible) {
      b[i] = (seed + (i % 17)) & 0xff;
    } else {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      b[i] = x & 0xff;
    }
  }
  return b;
}

function readAll(dir: string): Uint8Array[] {
  const r = new WalReader(dir);
  const out: Uint8Array[] = [];
  while (r.next()) out.push(new Uint8Array(r.record()));
  assert.equal(r.err(), null);
  return out;
}

const SIZES = [0, 1, 7, 100, PAGE_SIZE - 7, PAGE_SIZE - 8, PAGE_SIZE, 40_000, 100_000, 3, 200_001];

for (const compress of [false, true]) {
  for (const compressible of [false, true]) {
    test(`records of every size round-trip (compress=${compress}, compressible=${compressible})`, () => {
      const dir = tempDir();
      try {
        const w = Wlog.open(dir, { compress });
        const recs = SIZES.map((s, i) => makeRecord(i + 1, s, compressible));
        for (const r of recs) w.log(r);
        w.log(...recs.slice(0, 4));
        w.close();
        const got = readAll(dir);
        assert.equal(got.length, recs.length + 4);
        [...recs, ...recs.slice(0, 4)].forEach((r, i) => assert.deepEqual(got[i], r, `record ${i}`));
        assert.equal(statSync(segmentName(dir, 0)).size % PAGE_SIZE, 0, 'close pads the last page');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}

test('fragments: header layout, page boundaries and zero padding', () => {
  const dir = tempDir();
  try {
    const w = Wlog.open(dir, { compress: false });
    w.log(new Uint8Array([1, 2, 3]));
    // Fill the page so that fewer than 7 bytes remain: the rest must be padded.
    w.log(new Uint8Array(PAGE_SIZE - 10 - 7 - 3));
    w.log(new Uint8Array(PAGE_SIZE + 100).fill(9));
    const raw = readFileSync(segmentName(dir, 0));
    assert.deepEqual([...raw.subarray(0, 10)], [1, 0, 3, ...crcBytes(new Uint8Array([1, 2, 3])), 1, 2, 3]);
    const second = 10;
    assert.equal(raw[second], 1);
    assert.equal((raw[second + 1] as number) * 256 + (raw[second + 2] as number), PAGE_SIZE - 20);
    assert.equal(raw.length, PAGE_SIZE * 2 + 7 + 107, 'the last fragment holds the 107 bytes left');
    // Page 2 begins with the first fragment (type 2) of the large record, page 3 with its last (4).
    assert.equal(raw[PAGE_SIZE], 2);
    assert.equal(raw[2 * PAGE_SIZE], 4);
    w.close();
    const got = readAll(dir);
    assert.equal(got.length, 3);
    assert.equal(got[2]?.length, PAGE_SIZE + 100);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function crcBytes(b: Uint8Array): number[] {
  // crc32c of [1,2,3] computed independently (bitwise).
  let crc = ~0;
  for (const x of b) {
    crc ^= x;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  crc = ~crc >>> 0;
  return [crc >>> 24, (crc >>> 16) & 0xff, (crc >>> 8) & 0xff, crc & 0xff];
}

test('snappy flag is set only when compression saves bytes', () => {
  const dir = tempDir();
  try {
    const w = Wlog.open(dir, { compress: true });
    w.log(new Uint8Array(1000).fill(7));
    w.log(makeRecord(5, 50, false));
    w.close();
    const raw = readFileSync(segmentName(dir, 0));
    assert.equal(raw[0], 0x08 | 1);
    const len = (raw[1] as number) * 256 + (raw[2] as number);
    assert.ok(len < 100, 'compressed record is small');
    assert.equal(raw[7 + len], 1, 'incompressible record is stored raw');
    assert.equal(readAll(dir)[0]?.length, 1000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('records never cross segments; a record bigger than a segment gets its own', () => {
  const dir = tempDir();
  try {
    const w = Wlog.open(dir, { compress: false, segmentSize: 2 * PAGE_SIZE });
    const recs: Uint8Array[] = [];
    for (let i = 0; i < 40; i++) recs.push(makeRecord(i, 1000 + i * 97, false));
    recs.push(makeRecord(99, 5 * PAGE_SIZE, false));
    recs.push(makeRecord(100, 10, false));
    for (const r of recs) w.log(r);
    w.close();
    const { first, last } = w.segments();
    assert.equal(first, 0);
    assert.ok(last >= 3);
    let n = 0;
    for (let s = first; s <= last; s++) {
      const r = new WalReader({ dir, first: s, last: s });
      while (r.next()) {
        assert.deepEqual(r.record(), recs[n], `record ${n} whole in segment ${s}`);
        n++;
      }
      assert.equal(r.err(), null);
      if (s < last - 1) assert.ok(statSync(segmentName(dir, s)).size <= 2 * PAGE_SIZE);
    }
    assert.equal(n, recs.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('nextSegment, segments, truncate and reopen', () => {
  const dir = tempDir();
  try {
    const w = Wlog.open(dir);
    assert.deepEqual(w.segments(), { first: 0, last: 0 });
    w.log(new Uint8Array([1]));
    assert.equal(w.nextSegment(), 1);
    w.log(new Uint8Array([2]));
    assert.equal(w.nextSegment(), 2);
    w.log(new Uint8Array([3]));
    assert.equal(statSync(segmentName(dir, 0)).size, PAGE_SIZE);
    w.truncate(1);
    assert.deepEqual(w.segments(), { first: 1, last: 2 });
    w.truncate(10);
    assert.deepEqual(w.segments(), { first: 2, last: 2 }, 'the active segment is never deleted');
    w.close();
    assert.throws(() => w.close(), /already closed/);
    assert.throws(() => w.log(new Uint8Array(1)), /closed/);
    const w2 = Wlog.open(dir);
    assert.equal(w2.currentSegment(), 3);
    w2.log(new Uint8Array([4]));
    w2.close();
    assert.deepEqual(readdirSync(dir).sort(), ['00000002', '00000003']);
    assert.deepEqual(
      readAll(dir).map((r) => r[0]),
      [3, 4],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a record in the page cache is readable before close; an unaligned segment is padded on reopen', () => {
  const dir = tempDir();
  try {
    const w = Wlog.open(dir);
    w.log(new Uint8Array([1, 2]));
    assert.equal(statSync(segmentName(dir, 0)).size, 9);
    assert.deepEqual(readAll(dir), [new Uint8Array([1, 2])]);
    w.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('invalid segment size is rejected', () => {
  assert.throws(() => Wlog.open(join(tmpdir(), 'never'), { segmentSize: 1000 }), /invalid segment size/);
});
