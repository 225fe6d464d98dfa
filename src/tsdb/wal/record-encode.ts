/**
 * Record encoders, byte-identical to Prometheus's record.Encoder (the V1 sample and histogram
 * layouts that 2.42 writes). Each encoder appends one record to `out` (a fresh buffer by
 * default) and returns a view of that record's bytes.
 */
import type { Labels } from '../../model/labels/index.js';
import { isStaleNaN, type FloatHistogram } from '../../model/value/index.js';
import { Encbuf } from '../encoding/index.js';
import {
  RecordType,
  type IntHistogram,
  type RefExemplar,
  type RefFloatHistogramSample,
  type RefHistogramSample,
  type RefMetadata,
  type RefMmapMarker,
  type RefSeries,
  type SampleColumns,
  type Stone,
} from './record-types.js';

const CUSTOM_BUCKETS_SCHEMA = -53;
const TWO32 = 0x1_0000_0000;
const floatView = new DataView(new ArrayBuffer(8));
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Big-endian 64-bit two's complement of a safe integer (ref or timestamp). */
function putBE64Int(out: Encbuf, v: number): void {
  const hi = Math.floor(v / TWO32);
  out.putBE32(hi >>> 0);
  out.putBE32((v - hi * TWO32) >>> 0);
}

/** A float's IEEE bits, writing the exact upstream pattern for stale markers. */
function putFloat(out: Encbuf, v: number): void {
  if (isStaleNaN(v)) {
    out.putBE32(0x7ff00000);
    out.putBE32(0x00000002);
    return;
  }
  floatView.setFloat64(0, v);
  out.putBE32(floatView.getUint32(0));
  out.putBE32(floatView.getUint32(4));
}

function begin(out: Encbuf, t: RecordType): number {
  const start = out.len;
  out.putByte(t);
  return start;
}

function end(out: Encbuf, start: number): Uint8Array {
  return out.buf.subarray(start, out.len);
}

export function encodeLabels(out: Encbuf, lset: Labels): void {
  const p = lset.pairs;
  out.putUvarint(p.length >> 1);
  for (let i = 0; i < p.length; i++) out.putUvarintStr(p[i] as string);
}

export function encodeSeries(series: readonly RefSeries[], out: Encbuf = new Encbuf()): Uint8Array {
  const start = begin(out, RecordType.Series);
  for (const s of series) {
    putBE64Int(out, s.ref);
    encodeLabels(out, s.labels);
  }
  return end(out, start);
}

export function encodeMetadata(metadata: readonly RefMetadata[], out: Encbuf = new Encbuf()): Uint8Array {
  const start = begin(out, RecordType.Metadata);
  for (const m of metadata) {
    out.putUvarint(m.ref);
    out.putByte(m.type);
    out.putUvarint(2);
    out.putUvarintStr('UNIT');
    out.putUvarintStr(m.unit);
    out.putUvarintStr('HELP');
    out.putUvarintStr(m.help);
  }
  return end(out, start);
}

/** Scratch for the samples encoder, which writes bytes directly (it is the hot path of logging). */
let scratch = new Uint8Array(64 * 1024);
let scratchView = new DataView(scratch.buffer);

function putVarintAt(b: Uint8Array, p: number, v: number): number {
  let u = v >= 0 ? v * 2 : -v * 2 - 1;
  while (u >= 0x80) {
    b[p++] = (u % 0x80) | 0x80;
    u = Math.floor(u / 0x80);
  }
  b[p++] = u;
  return p;
}

/**
 * A samples record (type 2): base ref and time, then per sample the ref and time deltas and the
 * value bits. A Float64Array of values is copied bit for bit (NaN payloads kept), except that a
 * stale marker V8 has quietened gets upstream's canonical pattern back.
 */
export function encodeSamples(s: SampleColumns, out?: Encbuf, from = 0, to = s.length): Uint8Array {
  const n = Math.max(0, to - from);
  if (n === 0) {
    const o = out ?? new Encbuf(1);
    const start = begin(o, RecordType.Samples);
    return end(o, start);
  }
  const max = 17 + n * 28;
  if (scratch.length < max) {
    scratch = new Uint8Array(max * 2);
    scratchView = new DataView(scratch.buffer);
  }
  const b = scratch;
  const view = scratchView;
  const baseRef = s.refs[from] as number;
  const baseT = s.ts[from] as number;
  b[0] = RecordType.Samples;
  writeBE64Int(view, 1, baseRef);
  writeBE64Int(view, 9, baseT);
  let p = 17;
  const bits = s.vs instanceof Float64Array && s.vs.byteOffset % 4 === 0 ? new Uint32Array(s.vs.buffer, s.vs.byteOffset, s.vs.length * 2) : null;
  const hi = LITTLE_ENDIAN ? 1 : 0;
  for (let i = from; i < to; i++) {
    const dr = (s.refs[i] as number) - baseRef;
    p = dr >= 0 && dr < 64 ? ((b[p] = dr * 2), p + 1) : putVarintAt(b, p, dr);
    const dt = (s.ts[i] as number) - baseT;
    p = dt >= 0 && dt < 64 ? ((b[p] = dt * 2), p + 1) : putVarintAt(b, p, dt);
    if (bits) {
      // A quietened stale marker (0x7ff8000000000002) is written with upstream's exact bits.
      const h = bits[2 * i + hi] as number;
      view.setUint32(p, (h & 0xfff7ffff) === 0x7ff00000 && bits[2 * i + 1 - hi] === 2 ? 0x7ff00000 : h);
      view.setUint32(p + 4, bits[2 * i + 1 - hi] as number);
    } else {
      writeFloat(view, p, s.vs[i] as number);
    }
    p += 8;
  }
  if (!out) return b.slice(0, p);
  const start = out.len;
  out.putBytes(b.subarray(0, p));
  return end(out, start);
}

function writeBE64Int(view: DataView, p: number, v: number): void {
  const hi = Math.floor(v / TWO32);
  view.setUint32(p, hi >>> 0);
  view.setUint32(p + 4, (v - hi * TWO32) >>> 0);
}

function writeFloat(view: DataView, p: number, v: number): void {
  if (isStaleNaN(v)) {
    view.setUint32(p, 0x7ff00000);
    view.setUint32(p + 4, 0x00000002);
  } else {
    view.setFloat64(p, v);
  }
}

/** One (ref, mint, maxt) triple per interval. */
export function encodeTombstones(stones: readonly Stone[], out: Encbuf = new Encbuf()): Uint8Array {
  const start = begin(out, RecordType.Tombstones);
  for (const s of stones) {
    for (const iv of s.intervals) {
      putBE64Int(out, s.ref);
      out.putVarint(iv.mint);
      out.putVarint(iv.maxt);
    }
  }
  return end(out, start);
}

export function encodeExemplars(exemplars: readonly RefExemplar[], out: Encbuf = new Encbuf()): Uint8Array {
  const start = begin(out, RecordType.Exemplars);
  const first = exemplars[0];
  if (!first) return end(out, start);
  putBE64Int(out, first.ref);
  putBE64Int(out, first.t);
  for (const e of exemplars) {
    out.putVarint(e.ref - first.ref);
    out.putVarint(e.t - first.t);
    putFloat(out, e.v);
    encodeLabels(out, e.labels);
  }
  return end(out, start);
}

export function encodeMmapMarkers(markers: readonly RefMmapMarker[], out: Encbuf = new Encbuf()): Uint8Array {
  const start = begin(out, RecordType.MmapMarkers);
  for (const m of markers) {
    putBE64Int(out, m.ref);
    putBE64Int(out, m.mmapRef);
  }
  return end(out, start);
}

function putSpans(out: Encbuf, spans: readonly { offset: number; length: number }[]): void {
  out.putUvarint(spans.length);
  for (const s of spans) {
    out.putVarint(s.offset);
    out.putUvarint(s.length);
  }
}

function putCustomValues(out: Encbuf, schema: number, values: readonly number[]): void {
  if (schema !== CUSTOM_BUCKETS_SCHEMA) return;
  out.putUvarint(values.length);
  for (const v of values) putFloat(out, v);
}

export function encodeIntHistogram(out: Encbuf, h: IntHistogram): void {
  out.putByte(h.counterResetHint);
  out.putVarint(h.schema);
  putFloat(out, h.zeroThreshold);
  out.putUvarint(h.zeroCount);
  out.putUvarint(h.count);
  putFloat(out, h.sum);
  putSpans(out, h.positiveSpans);
  putSpans(out, h.negativeSpans);
  out.putUvarint(h.positiveBuckets.length);
  for (const b of h.positiveBuckets) out.putVarint(b);
  out.putUvarint(h.negativeBuckets.length);
  for (const b of h.negativeBuckets) out.putVarint(b);
  putCustomValues(out, h.schema, h.customValues);
}

export function encodeFloatHistogram(out: Encbuf, h: FloatHistogram): void {
  out.putByte(h.counterResetHint);
  out.putVarint(h.schema);
  putFloat(out, h.zeroThreshold);
  putFloat(out, h.zeroCount);
  putFloat(out, h.count);
  putFloat(out, h.sum);
  putSpans(out, h.positiveSpans);
  putSpans(out, h.negativeSpans);
  out.putUvarint(h.positiveBuckets.length);
  for (const b of h.positiveBuckets) putFloat(out, b);
  out.putUvarint(h.negativeBuckets.length);
  for (const b of h.negativeBuckets) putFloat(out, b);
  putCustomValues(out, h.schema, h.customValues);
}

interface HistogramLike<H> {
  ref: number;
  t: number;
  value: H;
}

/** Deltas are taken against `first`, which upstream takes from the whole batch (custom buckets included). */
function encodeHistogramRecord<H>(
  type: RecordType,
  hs: readonly HistogramLike<H>[],
  first: { ref: number; t: number } | undefined,
  put: (out: Encbuf, h: H) => void,
  out: Encbuf,
): Uint8Array {
  const start = begin(out, type);
  if (!first) return end(out, start);
  putBE64Int(out, first.ref);
  putBE64Int(out, first.t);
  for (const h of hs) {
    out.putVarint(h.ref - first.ref);
    out.putVarint(h.t - first.t);
    put(out, h.value);
  }
  return end(out, start);
}

/**
 * Integer histogram samples: exponential ones in a type-7 record, custom-bucket ones in a
 * separate type-9 record (returned as `customBuckets`, null when there are none), as upstream.
 */
export function encodeHistogramSamples(
  hs: readonly RefHistogramSample[],
  out: Encbuf = new Encbuf(),
): { exponential: Uint8Array | null; customBuckets: Uint8Array | null } {
  const exp = hs.filter((h) => h.h.schema !== CUSTOM_BUCKETS_SCHEMA).map((h) => ({ ref: h.ref, t: h.t, value: h.h }));
  const cb = hs.filter((h) => h.h.schema === CUSTOM_BUCKETS_SCHEMA).map((h) => ({ ref: h.ref, t: h.t, value: h.h }));
  return {
    exponential:
      exp.length > 0 || cb.length === 0
        ? encodeHistogramRecord(RecordType.HistogramSamples, exp, hs[0], encodeIntHistogram, out)
        : null,
    customBuckets:
      cb.length > 0 ? encodeHistogramRecord(RecordType.CustomBucketsHistogramSamples, cb, cb[0], encodeIntHistogram, out) : null,
  };
}

/** Float histogram samples: type 8 for exponential, type 10 for custom buckets. */
export function encodeFloatHistogramSamples(
  hs: readonly RefFloatHistogramSample[],
  out: Encbuf = new Encbuf(),
): { exponential: Uint8Array | null; customBuckets: Uint8Array | null } {
  const exp = hs.filter((h) => h.fh.schema !== CUSTOM_BUCKETS_SCHEMA).map((h) => ({ ref: h.ref, t: h.t, value: h.fh }));
  const cb = hs.filter((h) => h.fh.schema === CUSTOM_BUCKETS_SCHEMA).map((h) => ({ ref: h.ref, t: h.t, value: h.fh }));
  return {
    exponential:
      exp.length > 0 || cb.length === 0
        ? encodeHistogramRecord(RecordType.FloatHistogramSamples, exp, hs[0], encodeFloatHistogram, out)
        : null,
    customBuckets:
      cb.length > 0
        ? encodeHistogramRecord(RecordType.CustomBucketsFloatHistogramSamples, cb, cb[0], encodeFloatHistogram, out)
        : null,
  };
}
