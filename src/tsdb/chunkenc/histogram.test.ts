/**
 * Histogram chunk decoding. The chunks are built here by a small encoder that follows upstream's
 * appendHistogram / appendFloatHistogram (first sample raw, then delta-of-deltas / XOR).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValueType } from '../../storage/index.js';
import { CounterResetHint, StaleNaN, isStaleNaN, type Span } from '../../model/value/index.js';
import { BitReader, BitWriter } from './bstream.js';
import { putVarbitInt, putVarbitUint, readVarbitInt, readVarbitUint } from './varbit.js';
import { chunkFromData, Encoding } from './index.js';

interface H {
  t: number;
  count: number;
  zeroCount: number;
  sum: number;
  pos: number[];
  neg: number[];
}

const f64 = new DataView(new ArrayBuffer(8));
function bits(v: number): bigint {
  f64.setFloat64(0, v);
  return f64.getBigUint64(0);
}
function write64(w: BitWriter, b: bigint): void {
  w.writeBits(Number(b >> 32n), 32);
  w.writeBits(Number(b & 0xffffffffn), 32);
}

/** Upstream xorWrite over BigInt bits (test-only, not fast). */
class XorW {
  prev = 0n;
  leading = 0xff;
  trailing = 0;
  write(w: BitWriter, v: number): void {
    const cur = isStaleNaN(v) ? 0x7ff0000000000002n : bits(v);
    const delta = cur ^ this.prev;
    this.prev = cur;
    if (delta === 0n) {
      w.writeBit(0);
      return;
    }
    w.writeBit(1);
    let lead = 0;
    while (((delta >> BigInt(63 - lead)) & 1n) === 0n) lead++;
    let trail = 0;
    while (((delta >> BigInt(trail)) & 1n) === 0n) trail++;
    if (lead >= 32) lead = 31;
    if (this.leading !== 0xff && lead >= this.leading && trail >= this.trailing) {
      w.writeBit(0);
      const n = 64 - this.leading - this.trailing;
      const x = delta >> BigInt(this.trailing);
      w.writeBits64(Number(x >> 32n), Number(x & 0xffffffffn), n);
      return;
    }
    this.leading = lead;
    this.trailing = trail;
    w.writeBit(1);
    w.writeBits(lead, 5);
    const sig = 64 - lead - trail;
    w.writeBits(sig & 0x3f, 6);
    const x = delta >> BigInt(trail);
    w.writeBits64(Number(x >> 32n), Number(x & 0xffffffffn), sig);
  }
}

function layout(w: BitWriter, schema: number, zt: number, pSpans: Span[], nSpans: Span[]): void {
  w.writeByte(zt === 0 ? 0 : 255);
  if (zt !== 0) write64(w, bits(zt));
  putVarbitInt(w, schema);
  for (const spans of [pSpans, nSpans]) {
    putVarbitUint(w, spans.length);
    for (const s of spans) {
      putVarbitUint(w, s.length);
      putVarbitInt(w, s.offset);
    }
  }
}

function newStream(header: number): BitWriter {
  const w = new BitWriter(new Uint8Array(64), 3, 0);
  w.buf[2] = header;
  return w;
}

function setCount(w: BitWriter, n: number): Uint8Array {
  w.buf[0] = n >> 8;
  w.buf[1] = n & 0xff;
  return w.bytes().slice();
}

/** Integer histogram chunk; pos/neg hold absolute bucket counts. */
function encodeInt(hs: H[], pSpans: Span[], nSpans: Span[], header = 0): Uint8Array {
  const w = newStream(header);
  layout(w, 0, 0.001, pSpans, nSpans);
  const toDeltas = (abs: number[]): number[] => abs.map((v, i) => v - (i === 0 ? 0 : (abs[i - 1] as number)));
  let prev: { t: number; count: number; zc: number; b: number[] } | null = null;
  let d = { t: 0, count: 0, zc: 0, b: [] as number[] };
  const sum = new XorW();
  for (const h of hs) {
    const b = toDeltas([...h.pos]).concat(toDeltas([...h.neg]));
    if (prev === null) {
      putVarbitInt(w, h.t);
      putVarbitUint(w, h.count);
      putVarbitUint(w, h.zeroCount);
      write64(w, bits(h.sum));
      sum.prev = bits(h.sum);
      for (const x of b) putVarbitInt(w, x);
      d = { t: 0, count: 0, zc: 0, b: b.map(() => 0) };
    } else {
      const nd = { t: h.t - prev.t, count: h.count - prev.count, zc: h.zeroCount - prev.zc, b: b.map((x, i) => x - (prev as { b: number[] }).b[i]!) };
      putVarbitInt(w, nd.t - d.t);
      putVarbitInt(w, isStaleNaN(h.sum) ? 0 : nd.count - d.count);
      putVarbitInt(w, isStaleNaN(h.sum) ? 0 : nd.zc - d.zc);
      sum.write(w, h.sum);
      if (!isStaleNaN(h.sum)) nd.b.forEach((x, i) => putVarbitInt(w, x - d.b[i]!));
      d = nd;
    }
    prev = { t: h.t, count: h.count, zc: h.zeroCount, b };
  }
  return setCount(w, hs.length);
}

function encodeFloat(hs: H[], pSpans: Span[], nSpans: Span[], header = 0): Uint8Array {
  const w = newStream(header);
  layout(w, 3, 0, pSpans, nSpans);
  let prevT = 0;
  let tDelta = 0;
  const xs: XorW[] = [];
  hs.forEach((h, n) => {
    const vals = [h.count, h.zeroCount, h.sum, ...h.pos, ...h.neg];
    if (n === 0) {
      putVarbitInt(w, h.t);
      for (const v of vals) {
        write64(w, bits(v));
        const x = new XorW();
        x.prev = bits(v);
        xs.push(x);
      }
    } else {
      const nd = h.t - prevT;
      putVarbitInt(w, nd - tDelta);
      tDelta = nd;
      const upto = isStaleNaN(h.sum) ? 3 : vals.length;
      for (let i = 0; i < upto; i++) xs[i]!.write(w, vals[i]!);
    }
    prevT = h.t;
  });
  return setCount(w, hs.length);
}

test('varbit ints and uints round-trip across every bucket', () => {
  const ints = [0, 1, -1, 4, -3, 5, -4, 32, -31, 33, 256, -255, 257, 2048, -2047, 2049, 131072, -131071, 131073, 16777216, -16777215, 16777217, 2 ** 40, -(2 ** 40), 2 ** 53 - 1, -(2 ** 53 - 1)];
  const uints = [0, 1, 7, 8, 63, 64, 511, 512, 4095, 4096, 262143, 262144, 33554431, 33554432, 2 ** 50, 2 ** 53 - 1];
  const w = new BitWriter(new Uint8Array(8), 0, 0);
  for (const v of ints) putVarbitInt(w, v);
  for (const v of uints) putVarbitUint(w, v);
  const r = new BitReader(w.buf, 0, w.len);
  for (const v of ints) assert.equal(readVarbitInt(r), v);
  for (const v of uints) assert.equal(readVarbitUint(r), v);
  assert.equal(r.eof, false);
});

const pSpans: Span[] = [
  { offset: -2, length: 2 },
  { offset: 3, length: 1 },
];
const nSpans: Span[] = [{ offset: 0, length: 1 }];
const samples: H[] = [
  { t: 1000, count: 10, zeroCount: 1, sum: 12.5, pos: [2, 3, 1], neg: [3] },
  { t: 2000, count: 14, zeroCount: 2, sum: 20.25, pos: [3, 4, 1], neg: [4] },
  { t: 3000, count: 20, zeroCount: 2, sum: 33, pos: [5, 6, 2], neg: [5] },
  { t: 6000, count: 25, zeroCount: 3, sum: 41.75, pos: [7, 6, 4], neg: [5] },
  // Upstream only appends stale samples after a stale one.
  { t: 7500, count: 0, zeroCount: 0, sum: StaleNaN, pos: [], neg: [] },
  { t: 9000, count: 0, zeroCount: 0, sum: StaleNaN, pos: [], neg: [] },
];

function check(enc: Encoding, data: Uint8Array, gauge: boolean): void {
  const c = chunkFromData(enc, data);
  assert.equal(c.encoding(), enc);
  assert.equal(c.numSamples(), samples.length);
  const it = c.iterator();
  const want = enc === Encoding.Histogram ? ValueType.Histogram : ValueType.FloatHistogram;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as H;
    assert.equal(it.next(), want, `sample ${i}: ${it.err()}`);
    assert.equal(it.atT(), s.t);
    const h = it.atFloatHistogram();
    if (isStaleNaN(s.sum)) {
      assert.ok(isStaleNaN(h.sum));
      continue;
    }
    assert.equal(h.count, s.count);
    assert.equal(h.zeroCount, s.zeroCount);
    assert.equal(h.sum, s.sum);
    assert.deepEqual(h.positiveBuckets, s.pos);
    assert.deepEqual(h.negativeBuckets, s.neg);
    assert.deepEqual(h.positiveSpans, pSpans);
    assert.deepEqual(h.negativeSpans, nSpans);
    assert.equal(h.schema, enc === Encoding.Histogram ? 0 : 3);
    assert.equal(h.zeroThreshold, enc === Encoding.Histogram ? 0.001 : 0);
    const hint = gauge ? CounterResetHint.Gauge : i === 0 ? CounterResetHint.Unknown : CounterResetHint.NotCounterReset;
    assert.equal(h.counterResetHint, hint);
  }
  assert.equal(it.next(), ValueType.None);
  assert.equal(it.err(), null);
  assert.throws(() => it.atF());
  const it2 = c.iterator();
  assert.equal(it2.seek(2500), want);
  assert.equal(it2.atT(), 3000);
  assert.throws(() => c.appender(), /not supported/);
}

test('integer histogram chunks decode', () => {
  check(Encoding.Histogram, encodeInt(samples, pSpans, nSpans), false);
  check(Encoding.Histogram, encodeInt(samples, pSpans, nSpans, 0b11000000), true);
});

test('float histogram chunks decode', () => {
  check(Encoding.FloatHistogram, encodeFloat(samples, pSpans, nSpans), false);
  check(Encoding.FloatHistogram, encodeFloat(samples, pSpans, nSpans, 0b11000000), true);
});

test('truncated histogram chunk reports an error', () => {
  const data = encodeFloat(samples, pSpans, nSpans);
  const it = chunkFromData(Encoding.FloatHistogram, data.subarray(0, data.length - 6)).iterator();
  while (it.next() !== ValueType.None);
  assert.ok(it.err() !== null);
});
