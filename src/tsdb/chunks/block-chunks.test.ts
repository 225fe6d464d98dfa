import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ValueType } from '../../storage/index.js';
import { XORChunk } from '../chunkenc/index.js';
import { ChunkDirReader, ChunkWriter, CorruptionError, MAGIC_CHUNKS, type ChunkMeta } from './index.js';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-chunks-'));
}

function makeChunk(seed: number, n: number): XORChunk {
  const c = new XORChunk();
  const app = c.appender();
  for (let i = 0; i < n; i++) app.append(seed * 1_000_000 + i * 15_000, seed + i * 0.5);
  return c;
}

function samples(c: { iterator(): { next(): ValueType; atT(): number; atF(): number } }): string {
  const it = c.iterator();
  const out: string[] = [];
  while (it.next() === ValueType.Float) out.push(`${it.atT()}:${it.atF()}`);
  return out.join(',');
}

test('writer lays out segments as upstream; reader returns the same chunks by ref', () => {
  const dir = tmpDir();
  try {
    const metas: ChunkMeta[] = [];
    for (let i = 0; i < 40; i++) metas.push({ ref: 0, minTime: 0, maxTime: 0, chunk: makeChunk(i, 1 + (i % 30)) });
    const w = new ChunkWriter(dir, { segmentSize: 512 });
    w.writeChunks(...metas.slice(0, 25));
    w.writeChunks(...metas.slice(25));
    w.close();
    const files = fs.readdirSync(dir).sort();
    assert.ok(files.length >= 3, `expected several segments, got ${files.join(',')}`);
    assert.equal(files[0], '000001');
    for (const f of files) {
      const b = fs.readFileSync(path.join(dir, f));
      assert.equal(b.readUInt32BE(0), MAGIC_CHUNKS);
      assert.equal(b[4], 1);
      assert.equal(b.readUIntBE(5, 3), 0);
      // Segments hold at most one over-estimate of a chunk beyond the limit only when alone.
      assert.ok(b.length <= 512, `${f} is ${b.length} bytes`);
    }
    let prev = -1;
    for (const m of metas) {
      assert.ok(m.ref > prev, 'refs increase');
      prev = m.ref;
    }
    assert.equal(metas[0]?.ref, 8);
    const r = new ChunkDirReader(dir);
    assert.equal(r.size(), files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0));
    for (const m of metas) {
      const c = r.chunk({ ref: m.ref, minTime: 0, maxTime: 0, chunk: null });
      assert.deepEqual(c.bytes(), m.chunk?.bytes());
      assert.equal(samples(c), samples(m.chunk as XORChunk));
    }
    r.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a chunk bigger than a segment gets a segment of its own', () => {
  const dir = tmpDir();
  try {
    const big = makeChunk(1, 2000);
    const small = makeChunk(2, 3);
    const metas: ChunkMeta[] = [small, big, small].map((c) => ({ ref: 0, minTime: 0, maxTime: 0, chunk: c }));
    const w = new ChunkWriter(dir, { segmentSize: 256 });
    w.writeChunks(...metas);
    w.close();
    assert.deepEqual(
      metas.map((m) => [Math.floor(m.ref / 2 ** 32), m.ref % 2 ** 32]),
      [
        [0, 8],
        [1, 8],
        [2, 8],
      ],
    );
    const r = new ChunkDirReader(dir);
    assert.equal(r.chunk(metas[1] as ChunkMeta).numSamples(), 2000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('reader errors name the file: bad magic, short file, checksum mismatch, bad ref', () => {
  const dir = tmpDir();
  try {
    const metas: ChunkMeta[] = [{ ref: 0, minTime: 0, maxTime: 0, chunk: makeChunk(3, 10) }];
    const w = new ChunkWriter(dir);
    w.writeChunks(...metas);
    w.close();
    const file = path.join(dir, '000001');
    const good = fs.readFileSync(file);

    const flipped = Buffer.from(good);
    flipped[20] = (flipped[20] as number) ^ 0xff;
    fs.writeFileSync(file, flipped);
    let r = new ChunkDirReader(dir);
    assert.throws(
      () => r.chunk(metas[0] as ChunkMeta),
      (e: unknown) => e instanceof CorruptionError && e.file === file && /checksum mismatch/.test(e.message),
    );
    assert.throws(
      () => r.chunk({ ref: 5 * 2 ** 32 + 8, minTime: 0, maxTime: 0, chunk: null }),
      (e: unknown) => e instanceof CorruptionError && /segment index 5 out of range/.test(e.message),
    );
    assert.throws(
      () => r.chunk({ ref: good.length - 2, minTime: 0, maxTime: 0, chunk: null }),
      (e: unknown) => e instanceof CorruptionError && /doesn't include enough bytes/.test(e.message),
    );

    const badMagic = Buffer.from(good);
    badMagic[0] = 0;
    fs.writeFileSync(file, badMagic);
    assert.throws(
      () => new ChunkDirReader(dir),
      (e: unknown) => e instanceof CorruptionError && e.file === file && /invalid magic number/.test(e.message),
    );

    fs.writeFileSync(file, good.subarray(0, 5));
    assert.throws(
      () => new ChunkDirReader(dir),
      (e: unknown) => e instanceof CorruptionError && e.message.includes(file) && /invalid size/.test(e.message),
    );

    const truncated = good.subarray(0, good.length - 3);
    fs.writeFileSync(file, truncated);
    r = new ChunkDirReader(dir);
    assert.throws(() => r.chunk(metas[0] as ChunkMeta), CorruptionError);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
