/**
 * Bit-exactness against Prometheus's own Go code: promtool 2.42 builds a block from an
 * OpenMetrics file; its chunks/000001 must decode to the input samples, each chunk must re-encode
 * to the same bytes with Vigil's XOR encoder, and Vigil's ChunkWriter must reproduce the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ValueType } from '../../storage/index.js';
import { XORChunk, Encoding } from '../chunkenc/index.js';
import { ChunkDirReader, ChunkWriter, type ChunkMeta } from './index.js';

interface InputSeries {
  name: string;
  ts: number[];
  vs: number[];
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeSeries(): InputSeries[] {
  const r = rng(1234);
  const base = Math.floor(1_700_000_000 / 7200) * 7200 * 1000;
  const out: InputSeries[] = [];
  const add = (name: string, n: number, step: (i: number) => number, val: (i: number) => number): void => {
    const ts: number[] = [];
    const vs: number[] = [];
    let t = base;
    for (let i = 0; i < n; i++) {
      t += step(i);
      ts.push(t);
      vs.push(val(i));
    }
    out.push({ name, ts, vs });
  };
  add('a_counter', 100, () => 15000, (i) => i * 3);
  add('b_long_counter', 300, () => 15000, (i) => 1e6 + i * 17.25);
  add('c_jitter_gauge', 110, () => 15000 + Math.floor((r() - 0.5) * 400), () => Math.round((r() - 0.5) * 1e6) / 1000);
  add('d_constant', 90, () => 30000, () => 42);
  const gaps = [1, 1, 600_000, 1, 1_200_000, 7, 1_500_000, 15_000, 15_000, 8_193, 65_537, 524_289, 3, 100_000];
  add('e_gaps', gaps.length, (i) => gaps[i] as number, (i) => (i % 2 === 0 ? i : -i * 1.5));
  const specials = [NaN, Infinity, -Infinity, 0, -0, 1e308, 5e-324, -2.5, NaN, 1, 1, Infinity];
  add('f_specials', specials.length, () => 10_000, (i) => specials[i] as number);
  add('g_random_bits', 60, () => 1 + Math.floor(r() * 20_000), () => (r() - 0.5) * 10 ** Math.floor(r() * 40 - 20));
  add('h_single', 1, () => 5, () => 3.14);
  add('i_two', 2, () => 5, (i) => i + 0.5);
  return out;
}

function fmtValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  if (Object.is(v, -0)) return '-0';
  return String(v);
}

function fmtTs(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`;
}

function sameValue(a: number, b: number): boolean {
  return Number.isNaN(a) ? Number.isNaN(b) : Object.is(a, b);
}

/** Offsets of the chunks in a block segment file, by walking the length fields. */
function chunkOffsets(b: Uint8Array): number[] {
  const offs: number[] = [];
  let off = 8;
  while (off < b.length) {
    offs.push(off);
    let len = 0;
    let mul = 1;
    let n = 0;
    for (;;) {
      const x = b[off + n] as number;
      n++;
      len += (x & 0x7f) * mul;
      if (x < 0x80) break;
      mul *= 128;
    }
    off += n + 1 + len + 4;
  }
  return offs;
}

function havePromtool(): boolean {
  const r = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

test('promtool-written chunks decode, re-encode bit-exactly, and the writer reproduces the file', (t) => {
  if (!havePromtool()) {
    t.skip('promtool not installed (apt-get install -y prometheus); .ci/run installs it');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-chunks-promtool-'));
  try {
    const series = makeSeries();
    let text = '';
    for (const s of series) {
      text += `# TYPE ${s.name} gauge\n`;
      for (let i = 0; i < s.ts.length; i++) text += `${s.name} ${fmtValue(s.vs[i] as number)} ${fmtTs(s.ts[i] as number)}\n`;
    }
    text += '# EOF\n';
    const input = path.join(dir, 'input.om');
    fs.writeFileSync(input, text);
    const out = path.join(dir, 'out');
    const res = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', input, out], { encoding: 'utf8' });
    assert.equal(res.status, 0, `promtool failed: ${res.stderr}`);
    const blocks = fs.readdirSync(out);
    assert.equal(blocks.length, 1, `expected one block, got ${blocks.join(', ')}`);
    const chunksDir = path.join(out, blocks[0] as string, 'chunks');
    const fileBytes = new Uint8Array(fs.readFileSync(path.join(chunksDir, '000001')));

    // Decode every chunk through the reader; series are laid out in label order (here: by name).
    const reader = new ChunkDirReader(chunksDir);
    const metas: ChunkMeta[] = [];
    const gotT: number[] = [];
    const gotV: number[] = [];
    for (const off of chunkOffsets(fileBytes)) {
      const chunk = reader.chunk({ ref: off, minTime: 0, maxTime: 0, chunk: null });
      assert.equal(chunk.encoding(), Encoding.XOR);
      const fresh = new XORChunk();
      const app = fresh.appender();
      const it = chunk.iterator();
      while (it.next() === ValueType.Float) {
        gotT.push(it.atT());
        gotV.push(it.atF());
        app.append(it.atT(), it.atF());
      }
      assert.equal(it.err(), null);
      assert.equal(
        Buffer.from(fresh.bytes()).toString('hex'),
        Buffer.from(chunk.bytes()).toString('hex'),
        `chunk at offset ${off} re-encodes differently`,
      );
      metas.push({ ref: 0, minTime: 0, maxTime: 0, chunk: fresh });
    }
    reader.close();

    const wantT: number[] = [];
    const wantV: number[] = [];
    for (const s of [...series].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      for (let i = 0; i < s.ts.length; i++) {
        wantT.push(Math.trunc(parseFloat(fmtTs(s.ts[i] as number)) * 1000));
        wantV.push(s.vs[i] as number);
      }
    }
    assert.deepEqual(gotT, wantT);
    for (let i = 0; i < wantV.length; i++) assert.ok(sameValue(gotV[i] as number, wantV[i] as number), `sample ${i}: ${gotV[i]} != ${wantV[i]}`);
    assert.ok(metas.length > series.length, 'the long series should span several chunks');

    // The same chunks written by Vigil's writer give the identical file.
    const ours = path.join(dir, 'ours');
    const w = new ChunkWriter(ours);
    w.writeChunks(...metas);
    w.close();
    assert.deepEqual(metas.map((m) => m.ref), chunkOffsets(fileBytes));
    assert.equal(Buffer.from(fs.readFileSync(path.join(ours, '000001'))).toString('hex'), Buffer.from(fileBytes).toString('hex'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
