import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { XORChunk, Encoding } from '../chunkenc/index.js';
import { crc32c } from '../encoding/index.js';
import { ChunkDiskMapper, ChunkDiskMapperClosedError, CorruptionError, MAGIC_HEAD_CHUNKS } from './index.js';

interface Seen {
  seriesRef: number;
  chunkRef: number;
  mint: number;
  maxt: number;
  numSamples: number;
  encoding: number;
  isOOO: boolean;
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-chunks-head-'));
}

function makeChunk(mint: number, n: number): XORChunk {
  const c = new XORChunk();
  const app = c.appender();
  for (let i = 0; i < n; i++) app.append(mint + i * 1000, i * 1.5);
  return c;
}

function collect(m: ChunkDiskMapper): Seen[] {
  const out: Seen[] = [];
  m.iterateAllChunks((seriesRef, chunkRef, mint, maxt, numSamples, encoding, isOOO) => {
    out.push({ seriesRef, chunkRef, mint, maxt, numSamples, encoding, isOOO });
  });
  return out;
}

function silent(): { warnings: string[]; logger: { warn(m: string): void } } {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (m: string) => warnings.push(m) } };
}

/** Writes 30 chunks of ~60-byte records into files of at most 1 KiB. */
function fill(dir: string): { written: Seen[]; chunks: XORChunk[] } {
  const m = new ChunkDiskMapper(dir, { maxFileSize: 1024 });
  const written: Seen[] = [];
  const chunks: XORChunk[] = [];
  for (let i = 0; i < 30; i++) {
    const mint = -50_000 + i * 10_000;
    const n = 1 + (i % 7);
    const c = makeChunk(mint, n);
    const ooo = i % 5 === 4;
    const ref = m.writeChunk(1000 + (i % 4), mint, mint + (n - 1) * 1000, c, ooo);
    written.push({ seriesRef: 1000 + (i % 4), chunkRef: ref, mint, maxt: mint + (n - 1) * 1000, numSamples: n, encoding: Encoding.XOR, isOOO: ooo });
    chunks.push(c);
  }
  m.close();
  return { written, chunks };
}

test('head chunks: write, reopen, replay all chunks, read by ref', () => {
  const dir = tmpDir();
  try {
    const { written, chunks } = fill(dir);
    const files = fs.readdirSync(dir).sort();
    assert.ok(files.length >= 2, `expected several files, got ${files}`);
    for (const f of files) {
      const b = fs.readFileSync(path.join(dir, f));
      assert.equal(b.readUInt32BE(0), MAGIC_HEAD_CHUNKS);
      assert.equal(b[4], 1);
      assert.ok(b.length <= 1024);
    }
    assert.equal(written[0]?.chunkRef, 2 ** 32 + 8);
    const m = new ChunkDiskMapper(dir, silent());
    assert.deepEqual(collect(m), written);
    for (let i = 0; i < written.length; i++) {
      const c = m.chunk((written[i] as Seen).chunkRef);
      assert.deepEqual(c.bytes(), chunks[i]?.bytes());
    }
    // New chunks go into a new file after the existing ones.
    const ref = m.writeChunk(7, 1, 2, makeChunk(1, 2));
    assert.equal(Math.floor(ref / 2 ** 32), files.length + 1);
    assert.equal(m.chunk(ref).numSamples(), 2);
    m.close();
    assert.throws(() => m.chunk(ref), ChunkDiskMapperClosedError);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('head chunks: record layout matches head_chunks.md', () => {
  const dir = tmpDir();
  try {
    const m = new ChunkDiskMapper(dir);
    const c = makeChunk(-5, 3);
    m.writeChunk(0x0102030405, -5, 1995, c, true);
    m.close();
    const b = fs.readFileSync(path.join(dir, '000001'));
    assert.equal(b.readBigUInt64BE(8), 0x0102030405n);
    assert.equal(b.readBigInt64BE(16), -5n);
    assert.equal(b.readBigInt64BE(24), 1995n);
    assert.equal(b[32], 0x81);
    const len = c.bytes().length;
    assert.equal(b[33], len);
    assert.deepEqual(new Uint8Array(b.subarray(34, 34 + len)), c.bytes());
    assert.equal(b.readUInt32BE(34 + len), crc32c(b, 8, 34 + len));
    assert.equal(b.length, 34 + len + 4);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('head chunks: a torn last file is truncated with a warning; earlier corruption throws', () => {
  const dir = tmpDir();
  try {
    const { written } = fill(dir);
    const files = fs.readdirSync(dir).sort();
    const last = path.join(dir, files[files.length - 1] as string);
    const lastSeq = files.length;
    const inLast = written.filter((w) => Math.floor(w.chunkRef / 2 ** 32) === lastSeq);
    assert.ok(inLast.length >= 2);
    // Tear the last record in half (a crash mid-write).
    const size = fs.statSync(last).size;
    fs.truncateSync(last, size - 7);
    const s = silent();
    let m = new ChunkDiskMapper(dir, s);
    const seen = collect(m);
    assert.deepEqual(seen, written.slice(0, written.length - 1));
    assert.equal(s.warnings.length, 1);
    assert.match(s.warnings[0] as string, /truncating/);
    assert.ok((s.warnings[0] as string).includes(last));
    const lastGood = inLast[inLast.length - 2] as Seen;
    assert.ok(fs.statSync(last).size < size - 7);
    assert.equal(m.chunk(lastGood.chunkRef).numSamples(), lastGood.numSamples);
    m.close();
    // Replaying again is clean.
    const s2 = silent();
    m = new ChunkDiskMapper(dir, s2);
    assert.equal(collect(m).length, written.length - 1);
    assert.equal(s2.warnings.length, 0);
    m.close();

    // A flipped byte in the first file is not repairable here: a CorruptionError names the file.
    const first = path.join(dir, '000001');
    const b = fs.readFileSync(first);
    b[40] = (b[40] as number) ^ 0x55;
    fs.writeFileSync(first, b);
    m = new ChunkDiskMapper(dir, silent());
    let caught: unknown = null;
    try {
      collect(m);
    } catch (e) {
      caught = e;
    }
    assert.ok(caught instanceof CorruptionError);
    assert.equal(caught.file, first);
    assert.equal(caught.fileIndex, 1);
    assert.match(caught.message, /checksum mismatch/);
    assert.throws(() => m.chunk(written[0]?.chunkRef as number), CorruptionError);
    m.deleteCorrupted(caught);
    assert.deepEqual(fs.readdirSync(dir), []);
    assert.deepEqual(collect(m), []);
    m.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('head chunks: empty last file removed on open, zero-filled tail accepted, gaps rejected', () => {
  const dir = tmpDir();
  try {
    const { written } = fill(dir);
    const n = fs.readdirSync(dir).length;
    // Preallocated (zero-filled) tail, as Prometheus leaves its files.
    const last = path.join(dir, String(n).padStart(6, '0'));
    fs.appendFileSync(last, Buffer.alloc(4096));
    // An empty file after it (a cut that crashed before the header).
    fs.writeFileSync(path.join(dir, String(n + 1).padStart(6, '0')), Buffer.alloc(0));
    const s = silent();
    const m = new ChunkDiskMapper(dir, s);
    assert.equal(fs.readdirSync(dir).length, n);
    assert.equal(s.warnings.length, 1);
    assert.deepEqual(collect(m), written);
    m.close();
    // A missing file in the middle is an error.
    fs.copyFileSync(path.join(dir, '000001'), path.join(dir, String(n + 2).padStart(6, '0')));
    assert.throws(() => new ChunkDiskMapper(dir, silent()), /unsequential head chunk files/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('head chunks: truncate deletes old files only, never the current one', () => {
  const dir = tmpDir();
  try {
    const { written } = fill(dir);
    const m = new ChunkDiskMapper(dir, silent());
    collect(m);
    const seqs = m.fileSequences();
    const maxtOf = (seq: number): number =>
      Math.max(...written.filter((w) => Math.floor(w.chunkRef / 2 ** 32) === seq).map((w) => w.maxt));
    // Everything in file 1 ends before file 2's max time.
    m.truncate(maxtOf(1) + 1);
    assert.deepEqual(m.fileSequences(), seqs.slice(1));
    assert.ok(!fs.existsSync(path.join(dir, '000001')));
    const ref = m.writeChunk(1, 10_000_000, 10_000_001, makeChunk(10_000_000, 2));
    // Truncating past everything keeps the file being written.
    m.truncate(Number.MAX_SAFE_INTEGER);
    assert.deepEqual(m.fileSequences(), [Math.floor(ref / 2 ** 32)]);
    assert.equal(m.chunk(ref).numSamples(), 2);
    // The next write starts a new file, so the old one can go next time.
    const ref2 = m.writeChunk(1, 10_000_002, 10_000_003, makeChunk(10_000_002, 2));
    assert.equal(Math.floor(ref2 / 2 ** 32), Math.floor(ref / 2 ** 32) + 1);
    m.truncateBeforeFile(Math.floor(ref2 / 2 ** 32));
    assert.deepEqual(m.fileSequences(), [Math.floor(ref2 / 2 ** 32)]);
    m.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
