import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueType } from '../../storage/index.js';
import { StaleNaN, isStaleNaN } from '../../model/value/index.js';
import { XORChunk, chunkFromData, Encoding, ChunkError } from './index.js';

const view = new DataView(new ArrayBuffer(8));
function bitsOf(v: number): string {
  view.setFloat64(0, v);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}
function fromBits(hex: string): number {
  view.setBigUint64(0, BigInt('0x' + hex));
  return view.getFloat64(0);
}

function encode(ts: number[], vs: number[]): XORChunk {
  const c = new XORChunk();
  const app = c.appender();
  for (let i = 0; i < ts.length; i++) app.append(ts[i] as number, vs[i] as number);
  return c;
}

function decode(c: { iterator(): { next(): ValueType; atT(): number; atF(): number; err(): Error | null } }): [number[], number[]] {
  const it = c.iterator();
  const ts: number[] = [];
  const vs: number[] = [];
  while (it.next() === ValueType.Float) {
    ts.push(it.atT());
    vs.push(it.atF());
  }
  assert.equal(it.err(), null);
  return [ts, vs];
}

function assertSame(ts: number[], vs: number[], got: [number[], number[]]): void {
  assert.deepEqual(got[0], ts);
  assert.equal(got[1].length, vs.length);
  for (let i = 0; i < vs.length; i++) {
    const want = vs[i] as number;
    const have = got[1][i] as number;
    if (Number.isNaN(want)) assert.ok(Number.isNaN(have), `sample ${i}: want NaN, got ${have}`);
    else assert.ok(Object.is(want, have), `sample ${i}: want ${want}, got ${have}`);
  }
}

/** Deterministic PRNG (mulberry32). */
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

test('XOR round-trips random series of several shapes', () => {
  const r = rng(42);
  for (let shape = 0; shape < 6; shape++) {
    const ts: number[] = [];
    const vs: number[] = [];
    let t = Math.floor(r() * 2e12) - 1e12;
    let v = r() * 1000;
    for (let i = 0; i < 500; i++) {
      if (shape === 0) t += 15000;
      else if (shape === 1) t += 15000 + Math.floor((r() - 0.5) * 200);
      else if (shape === 2) t += Math.floor(r() * 1e7);
      else if (shape === 3) t += 1 + Math.floor(r() * 3);
      else t += Math.floor(r() * 1e9) + (shape === 5 ? 1e10 : 0);
      if (shape === 0) v += 1;
      else if (shape === 1) v = r() < 0.5 ? v : v + Math.floor(r() * 10);
      else if (shape === 2) v = (r() - 0.5) * 1e300;
      else if (shape === 3) v = r() < 0.1 ? -v : v * 1.0001;
      else v = r() < 0.5 ? Math.floor(r() * 100) : r();
      ts.push(t);
      vs.push(v);
    }
    const c = encode(ts, vs);
    assert.equal(c.numSamples(), 500);
    assertSame(ts, vs, decode(c));
    // The same bytes decode the same through chunkFromData.
    assertSame(ts, vs, decode(chunkFromData(Encoding.XOR, c.bytes().slice())));
  }
});

test('XOR edge data: equal timestamps, bucket boundaries, big gaps, negative t', () => {
  const dods = [0, 1, -1, 8191, 8192, 8193, -8191, -8192, 65535, 65536, 65537, -65535, -65536, 524287, 524288, 524289, -524287, -524288, 2 ** 40, -(2 ** 40)];
  const ts: number[] = [-5000, -5000, -5000];
  let delta = 0;
  for (const d of dods) {
    delta += d;
    ts.push((ts[ts.length - 1] as number) + delta);
  }
  ts.push((ts[ts.length - 1] as number) + 2 ** 45);
  const vs = ts.map((_, i) => (i % 3 === 0 ? 1 : i * 0.1));
  // Timestamps need not increase for the codec itself (deltas are signed on the wire).
  assertSame(ts, vs, decode(encode(ts, vs)));
  const neg = [-(2 ** 50), -(2 ** 50) + 1, -1000, -1, 0, 1, 2 ** 50];
  assertSame(neg, [1, 2, 3, 4, 5, 6, 7], decode(encode(neg, [1, 2, 3, 4, 5, 6, 7])));
});

test('XOR special values: NaN, StaleNaN bits, infinities, signed zero, extremes', () => {
  const vs = [NaN, Infinity, -Infinity, 0, -0, Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, StaleNaN, 1, StaleNaN, NaN, 2 ** 52 + 1];
  const ts = vs.map((_, i) => 1000 * i);
  const c = encode(ts, vs);
  const [gotT, gotV] = decode(c);
  assertSame(ts, vs, [gotT, gotV]);
  assert.ok(isStaleNaN(gotV[8] as number));
  assert.ok(isStaleNaN(gotV[10] as number));
  assert.ok(!isStaleNaN(gotV[0] as number));
});

test('StaleNaN is written with the exact bits 0x7ff0000000000002, even if quietened', () => {
  const quiet = fromBits('7ff8000000000002');
  for (const v of [StaleNaN, quiet]) {
    const c = encode([0], [v]);
    const b = c.bytes();
    // header (2) + varint(0) (1) + 8 bytes of value + the open byte 2.42's bstream leaves.
    assert.equal(b.length, 12);
    assert.equal(b[11], 0);
    assert.equal(Buffer.from(b.subarray(3, 11)).toString('hex'), '7ff0000000000002');
  }
  // A plain NaN is written as Go's math.NaN().
  const c = encode([0], [NaN]);
  assert.equal(Buffer.from(c.bytes().subarray(3, 11)).toString('hex'), '7ff8000000000001');
  assert.equal(bitsOf(1.5), '3ff8000000000000');
});

test('XOR known bytes: upstream test vector', () => {
  // Samples as Prometheus's promtool writes them (see also the promtool interop test).
  const c = encode([1000000, 1015000, 1030000, 1046000, 1060000], [1, 2.5, 2.5, 3, NaN]);
  assert.equal(
    Buffer.from(c.bytes()).toString('hex'),
    '00058089 7a3ff000 00000000 0098 75c2 6fff 483e 8800 7706 18be ffc0 00000000 0004'.replace(/ /g, ''),
  );
});

test('seek semantics', () => {
  const ts = [10, 20, 30, 40, 50];
  const c = encode(ts, [1, 2, 3, 4, 5]);
  let it = c.iterator();
  assert.equal(it.seek(0), ValueType.Float);
  assert.equal(it.atT(), 10);
  assert.equal(it.seek(25), ValueType.Float);
  assert.equal(it.atT(), 30);
  assert.equal(it.seek(30), ValueType.Float);
  assert.equal(it.atT(), 30);
  // Never moves backwards.
  assert.equal(it.seek(10), ValueType.Float);
  assert.equal(it.atT(), 30);
  assert.equal(it.atF(), 3);
  assert.equal(it.next(), ValueType.Float);
  assert.equal(it.atT(), 40);
  assert.equal(it.seek(50), ValueType.Float);
  assert.equal(it.atF(), 5);
  assert.equal(it.seek(51), ValueType.None);
  assert.equal(it.next(), ValueType.None);
  it = c.iterator();
  assert.equal(it.seek(60), ValueType.None);
  it = c.iterator();
  assert.equal(it.seek(50), ValueType.Float);
  assert.equal(it.atT(), 50);
  assert.equal(it.atST(), 0);
  assert.throws(() => it.atFloatHistogram(), ChunkError);
  // An empty chunk has nothing.
  assert.equal(new XORChunk().iterator().next(), ValueType.None);
  assert.equal(new XORChunk().iterator().seek(0), ValueType.None);
});

test('a new appender continues a chunk exactly as upstream (state rebuilt by decoding)', () => {
  const r = rng(7);
  const ts: number[] = [];
  const vs: number[] = [];
  for (let i = 0; i < 120; i++) {
    ts.push(1000 + i * 15000 + Math.floor(r() * 3));
    vs.push(r() < 0.3 ? 5 : Math.floor(r() * 1000) / 10);
  }
  for (const split of [1, 2, 3, 60, 119]) {
    const c = new XORChunk();
    let app = c.appender();
    for (let i = 0; i < 120; i++) {
      if (i === split) app = c.appender();
      app.append(ts[i] as number, vs[i] as number);
    }
    assertSame(ts, vs, decode(c));
    // A chunk loaded from bytes continues where its last sample ends.
    const loaded = chunkFromData(Encoding.XOR, c.bytes().slice(0, c.bytes().length));
    const la = loaded.appender();
    la.append(10_000_000, 42);
    la.append(10_015_000, 43);
    assertSame([...ts, 10_000_000, 10_015_000], [...vs, 42, 43], decode(loaded));
    assert.equal(loaded.numSamples(), 122);
  }
});

test('appending to a loaded chunk does not write into the source buffer', () => {
  const c = encode([1, 2, 3], [1, 2, 3]);
  const backing = new Uint8Array(c.bytes().length + 4);
  backing.set(c.bytes());
  backing.fill(0xaa, c.bytes().length);
  const before = Buffer.from(backing).toString('hex');
  const loaded = chunkFromData(Encoding.XOR, backing.subarray(0, c.bytes().length));
  loaded.appender().append(4, 4);
  assert.equal(Buffer.from(backing).toString('hex'), before);
  assertSame([1, 2, 3, 4], [1, 2, 3, 4], decode(loaded));
});

test('truncated or unknown data fails cleanly', () => {
  const c = encode([1, 2, 3, 100], [1, 2, 3, 4.5]);
  const b = c.bytes().slice(0, c.bytes().length - 2);
  const it = chunkFromData(Encoding.XOR, b).iterator();
  let n = 0;
  while (it.next() === ValueType.Float) n++;
  assert.ok(n < 4);
  assert.ok(it.err() instanceof ChunkError);
  assert.throws(() => chunkFromData(Encoding.None, b), /invalid chunk encoding none/);
  assert.throws(() => chunkFromData(Encoding.XOR, new Uint8Array(1)), ChunkError);
  // A full chunk refuses more samples.
  const full = new XORChunk();
  const app = full.appender();
  for (let i = 0; i < 0xffff; i++) app.append(i, 1);
  assert.throws(() => app.append(0x10000, 1), /chunk capacity exceeded/);
});

test('XOR values with wide XOR windows (more than 32 significant bits) at every shift', () => {
  const r = rng(7);
  const dv = new DataView(new ArrayBuffer(8));
  for (let len = 1; len <= 400; len = len < 8 ? len + 1 : len * 3) {
    const ts: number[] = [];
    const vs: number[] = [];
    let hi = 0x40000000;
    let lo = 0;
    for (let i = 0; i < len; i++) {
      // Flip a random run of bits: widths from 1 to 64 at random offsets, sometimes the same window again.
      const width = 1 + Math.floor(r() * 64);
      const shift = Math.floor(r() * (65 - width));
      for (let b = shift; b < shift + width; b++) {
        if (b !== shift && b !== shift + width - 1 && r() < 0.5) continue;
        if (b < 32) lo ^= 1 << b;
        else hi ^= 1 << (b - 32);
      }
      dv.setUint32(0, hi >>> 0);
      dv.setUint32(4, lo >>> 0);
      const v = dv.getFloat64(0);
      if (Number.isNaN(v)) continue;
      ts.push(1000 * i + (i % 3));
      vs.push(v);
    }
    const c = encode(ts, vs);
    assertSame(ts, vs, decode(c));
    assertSame(ts, vs, decode(chunkFromData(Encoding.XOR, c.bytes().slice())));
  }
});
