/**
 * Record decoders (Prometheus record.Decoder). Each appends to the given output and throws a
 * RecordDecodeError, with upstream's wording, on a malformed record. Samples decode into
 * typed-array columns with a hand-rolled loop: this is the hot path of WAL replay.
 */
import { Labels } from '../../model/labels/index.js';
import { Decbuf } from '../encoding/index.js';
import {
  RecordType,
  SampleBatch,
  type RefExemplar,
  type RefMetadata,
  type RefMmapMarker,
  type RefSeries,
  type Stone,
} from './record-types.js';

export class RecordDecodeError extends Error {
  override name = 'RecordDecodeError';
}

const KNOWN_TYPES = new Set<number>([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
const TWO32 = 0x1_0000_0000;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Word indexes of a float's high and low 32 bits in a native-endian Uint32Array view. */
const HI = LITTLE_ENDIAN ? 1 : 0;
const LO = 1 - HI;
const td = new TextDecoder('utf-8');

/** The record's type, or RecordType.Unknown. */
export function recordType(rec: Uint8Array): RecordType {
  if (rec.length < 1) return RecordType.Unknown;
  const t = rec[0] as number;
  return KNOWN_TYPES.has(t) ? (t as RecordType) : RecordType.Unknown;
}

function expectType(rec: Uint8Array, ...types: number[]): Decbuf {
  const d = new Decbuf(rec);
  const t = d.byte();
  if (!types.includes(t)) throw new RecordDecodeError('invalid record type');
  return d;
}

function checkEnd(d: Decbuf, what?: string, n?: number): void {
  if (d.err) {
    throw new RecordDecodeError(what === undefined ? d.err.message : `decode error after ${n} ${what}: ${d.err.message}`);
  }
  if (d.remaining > 0) throw new RecordDecodeError(`unexpected ${d.remaining} bytes left in entry`);
}

/** Big-endian uint64 as a number. */
export function readBE64(d: Decbuf): number {
  const hi = d.be32();
  return hi * TWO32 + d.be32();
}

/** Big-endian int64 (two's complement) as a number. */
export function readBE64Int(d: Decbuf): number {
  const hi = d.be32() | 0;
  return hi * TWO32 + d.be32();
}

/** A uvarint-prefixed string; short ASCII strings skip the TextDecoder. */
function readStr(d: Decbuf): string {
  const n = d.uvarint();
  if (d.err) return '';
  if (d.off + n > d.end) {
    d.skip(n);
    return '';
  }
  const b = d.buf;
  const start = d.off;
  d.off += n;
  if (n <= 48) return shortStr(b, start, n);
  return td.decode(b.subarray(start, start + n));
}

/*
 * Label names and values repeat across series records (a replay decodes millions), so short
 * ASCII strings go through a direct-mapped cache keyed by a hash of their bytes: a hit returns
 * the same string without allocating.
 */
const STR_CACHE_BITS = 12;
const strCache: string[] = new Array<string>(1 << STR_CACHE_BITS).fill('');

function shortStr(b: Uint8Array, start: number, n: number): string {
  let h = n;
  let high = 0;
  for (let i = start; i < start + n; i++) {
    const c = b[i] as number;
    high |= c;
    h = Math.imul(h ^ c, 0x9e3779b1);
  }
  if (high >= 0x80) return td.decode(b.subarray(start, start + n));
  const slot = h >>> (32 - STR_CACHE_BITS);
  const hit = strCache[slot] as string;
  if (hit.length === n) {
    let i = 0;
    while (i < n && hit.charCodeAt(i) === b[start + i]) i++;
    if (i === n) return hit;
  }
  const s = String.fromCharCode.apply(null, b.subarray(start, start + n) as unknown as number[]);
  strCache[slot] = s;
  return s;
}

/** A label set: a uvarint count, then name/value strings. Upstream writes them sorted. */
export function decodeLabels(d: Decbuf): Labels {
  const n = d.uvarint();
  if (d.err || n > d.remaining) {
    if (!d.err) d.skip(d.remaining + 1);
    return Labels.EMPTY;
  }
  const pairs: string[] = new Array<string>(2 * n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const name = readStr(d);
    pairs[2 * i] = name;
    pairs[2 * i + 1] = readStr(d);
    if (i > 0 && (pairs[2 * i - 2] as string) >= name) sorted = false;
  }
  return sorted ? Labels.fromSortedPairs(pairs) : Labels.fromPairs(pairs);
}

export function decodeSeries(rec: Uint8Array, out: RefSeries[] = []): RefSeries[] {
  const d = expectType(rec, RecordType.Series);
  while (d.remaining > 0 && !d.err) {
    const ref = readBE64(d);
    const labels = decodeLabels(d);
    out.push({ ref, labels });
  }
  checkEnd(d);
  return out;
}

export function decodeMetadata(rec: Uint8Array, out: RefMetadata[] = []): RefMetadata[] {
  const d = expectType(rec, RecordType.Metadata);
  while (d.remaining > 0 && !d.err) {
    const ref = d.uvarint();
    const type = d.byte();
    const fields = d.uvarint();
    let unit = '';
    let help = '';
    for (let i = 0; i < fields && !d.err; i++) {
      const name = readStr(d);
      const value = readStr(d);
      if (name === 'UNIT') unit = value;
      else if (name === 'HELP') help = value;
    }
    out.push({ ref, type, unit, help });
  }
  checkEnd(d);
  return out;
}

export function decodeTombstones(rec: Uint8Array, out: Stone[] = []): Stone[] {
  const d = expectType(rec, RecordType.Tombstones);
  while (d.remaining > 0 && !d.err) {
    const ref = readBE64(d);
    const mint = d.varint();
    const maxt = d.varint();
    out.push({ ref, intervals: [{ mint, maxt }] });
  }
  checkEnd(d);
  return out;
}

export function decodeExemplars(rec: Uint8Array, out: RefExemplar[] = []): RefExemplar[] {
  const d = expectType(rec, RecordType.Exemplars);
  if (d.remaining === 0) return out;
  const baseRef = readBE64(d);
  const baseT = readBE64Int(d);
  let n = 0;
  while (d.remaining > 0 && !d.err) {
    const ref = baseRef + d.varint();
    const t = baseT + d.varint();
    const v = d.be64Float();
    const labels = decodeLabels(d);
    out.push({ ref, t, v, labels });
    n++;
  }
  checkEnd(d, 'exemplars', n);
  return out;
}

export function decodeMmapMarkers(rec: Uint8Array, out: RefMmapMarker[] = []): RefMmapMarker[] {
  const d = expectType(rec, RecordType.MmapMarkers);
  let n = 0;
  while (d.remaining > 0 && !d.err) {
    const ref = readBE64(d);
    const mmapRef = readBE64(d);
    out.push({ ref, mmapRef });
    n++;
  }
  checkEnd(d, 'mmap markers', n);
  return out;
}

/** Set by the varint readers below: position after the value, or -1 past the end. */
let at = 0;

function uvarintAt(b: Uint8Array, p: number, end: number): number {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10 && p < end; i++) {
    const c = b[p++] as number;
    if (c < 0x80) {
      at = p;
      return v + c * mul;
    }
    v += (c & 0x7f) * mul;
    mul *= 0x80;
  }
  at = -1;
  return 0;
}

function varintAt(b: Uint8Array, p: number, end: number): number {
  const c = p < end ? (b[p] as number) : 0x80;
  if (c < 0x80) {
    at = p + 1;
    return c & 1 ? -((c + 1) >>> 1) : c >>> 1;
  }
  const u = uvarintAt(b, p, end);
  return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
}

/**
 * Appends the samples of a type-2 (or type-11, with start times) record to `out`. Values are
 * copied as raw bits, so stale markers and NaN payloads survive.
 */
export function decodeSamples(rec: Uint8Array, out: SampleBatch = new SampleBatch()): SampleBatch {
  const t = rec.length > 0 ? (rec[0] as number) : -1;
  if (t === RecordType.SamplesV2) return decodeSamplesV2(rec, out);
  if (t !== RecordType.Samples) {
    throw new RecordDecodeError(`invalid record type ${t}, expected Samples(2) or SamplesV2(11)`);
  }
  const end = rec.length;
  if (end === 1) return out;
  if (end < 17) throw new RecordDecodeError('decode error after 0 samples: invalid size');
  const view = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
  const baseRef = view.getUint32(1) * TWO32 + view.getUint32(5);
  const baseT = view.getInt32(9) * TWO32 + view.getUint32(13);
  out.reserve(out.length + Math.floor((end - 17) / 10));
  let p = 17;
  let n = out.length;
  let bits = out.vsBits;
  while (p < end) {
    const dref = varintAt(rec, p, end);
    if (at < 0) break;
    const dt = varintAt(rec, at, end);
    if (at < 0 || at + 8 > end) {
      at = -1;
      break;
    }
    p = at;
    if (n >= out.capacity) {
      out.reserve(n + 1);
      bits = out.vsBits;
    }
    out.refs[n] = baseRef + dref;
    out.ts[n] = baseT + dt;
    out.sts[n] = 0;
    bits[2 * n + HI] = view.getUint32(p);
    bits[2 * n + LO] = view.getUint32(p + 4);
    p += 8;
    n++;
  }
  out.length = n;
  if (at < 0) throw new RecordDecodeError(`decode error after ${n} samples: invalid size`);
  return out;
}

/** SamplesV2 (Prometheus 3.x, start timestamps): ref deltas to the previous sample, time deltas to the first. */
function decodeSamplesV2(rec: Uint8Array, out: SampleBatch): SampleBatch {
  const d = new Decbuf(rec, 1);
  if (d.remaining === 0) return out;
  let firstT = 0;
  let firstST = 0;
  let prevRef = 0;
  let prevST = 0;
  let n = 0;
  while (d.remaining > 0 && !d.err) {
    let ref: number;
    let t: number;
    let st: number;
    if (n === 0) {
      ref = d.varint();
      firstT = t = d.varint();
      firstST = st = d.varint();
    } else {
      ref = prevRef + d.varint();
      t = firstT + d.varint();
      const marker = d.byte();
      st = marker === 0 ? 0 : marker === 1 ? prevST : firstST + d.varint();
    }
    const hi = d.be32();
    const lo = d.be32();
    if (d.err) break;
    out.push(ref, t, 0);
    const i = out.length - 1;
    out.sts[i] = st;
    out.vsBits[2 * i + HI] = hi;
    out.vsBits[2 * i + LO] = lo;
    prevRef = ref;
    prevST = st;
    n++;
  }
  checkEnd(d, 'samples', n);
  return out;
}
