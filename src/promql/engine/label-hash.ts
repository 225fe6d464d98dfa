/**
 * Prometheus's labels.Hash(): xxhash64 of the label set's stringlabels encoding
 * (per label: size-prefixed name bytes, size-prefixed value bytes; sizes < 255 take one
 * byte, larger ones 0xff plus 3 bytes little-endian). limit_ratio samples series by it,
 * so it must agree bit for bit with upstream.
 */
import type { Labels } from '../../model/labels/index.js';

const M64 = (1n << 64n) - 1n;
const P1 = 0x9e3779b185ebca87n;
const P2 = 0xc2b2ae3d27d4eb4fn;
const P3 = 0x165667b19e3779f9n;
const P4 = 0x85ebca77c2b2ae63n;
const P5 = 0x27d4eb2f165667c5n;

function rotl(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & M64;
}

function round(acc: bigint, input: bigint): bigint {
  acc = (acc + input * P2) & M64;
  acc = rotl(acc, 31n);
  return (acc * P1) & M64;
}

function mergeRound(acc: bigint, val: bigint): bigint {
  acc ^= round(0n, val);
  return (acc * P1 + P4) & M64;
}

function read64(b: Uint8Array, i: number): bigint {
  const lo = (b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24);
  const hi =
    (b[i + 4] as number) | ((b[i + 5] as number) << 8) | ((b[i + 6] as number) << 16) | ((b[i + 7] as number) << 24);
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function read32(b: Uint8Array, i: number): bigint {
  const v = (b[i] as number) | ((b[i + 1] as number) << 8) | ((b[i + 2] as number) << 16) | ((b[i + 3] as number) << 24);
  return BigInt(v >>> 0);
}

/** xxhash64 with seed 0 (cespare/xxhash Sum64). */
export function xxhash64(b: Uint8Array): bigint {
  const n = b.length;
  let i = 0;
  let h: bigint;
  if (n >= 32) {
    let v1 = (P1 + P2) & M64;
    let v2 = P2;
    let v3 = 0n;
    let v4 = (-P1) & M64;
    for (; i + 32 <= n; i += 32) {
      v1 = round(v1, read64(b, i));
      v2 = round(v2, read64(b, i + 8));
      v3 = round(v3, read64(b, i + 16));
      v4 = round(v4, read64(b, i + 24));
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M64;
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    h = mergeRound(h, v4);
  } else {
    h = P5;
  }
  h = (h + BigInt(n)) & M64;
  for (; i + 8 <= n; i += 8) {
    h ^= round(0n, read64(b, i));
    h = (rotl(h, 27n) * P1 + P4) & M64;
  }
  if (i + 4 <= n) {
    h ^= (read32(b, i) * P1) & M64;
    h = (rotl(h, 23n) * P2 + P3) & M64;
    i += 4;
  }
  for (; i < n; i++) {
    h ^= (BigInt(b[i] as number) * P5) & M64;
    h = (rotl(h, 11n) * P1) & M64;
  }
  h ^= h >> 33n;
  h = (h * P2) & M64;
  h ^= h >> 29n;
  h = (h * P3) & M64;
  h ^= h >> 32n;
  return h;
}

const encoder = new TextEncoder();

function pushSize(out: number[], v: number): void {
  if (v < 255) {
    out.push(v);
    return;
  }
  out.push(255, v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff);
}

/** The stringlabels byte encoding of a label set. */
export function encodeLabels(ls: Labels): Uint8Array {
  const out: number[] = [];
  const p = ls.pairs;
  for (let i = 0; i < p.length; i++) {
    const bytes = encoder.encode(p[i] as string);
    pushSize(out, bytes.length);
    for (const x of bytes) out.push(x);
  }
  return Uint8Array.from(out);
}

const hashCache = new WeakMap<Labels, bigint>();

/** labels.Hash() of upstream's default (stringlabels) build. */
export function labelsHash(ls: Labels): bigint {
  let h = hashCache.get(ls);
  if (h === undefined) {
    h = xxhash64(encodeLabels(ls));
    hashCache.set(ls, h);
  }
  return h;
}

const MAX_UINT64_AS_FLOAT = 18446744073709551615;

/** HashRatioSampler.SampleOffset: float64(labels.Hash()) / float64(MaxUint64), in [0, 1]. */
export function sampleOffset(ls: Labels): number {
  return Number(labelsHash(ls)) / MAX_UINT64_AS_FLOAT;
}

/** HashRatioSampler.AddRatioSampleWithOffset. */
export function addRatioSample(ratioLimit: number, ls: Labels): boolean {
  const off = sampleOffset(ls);
  return (ratioLimit >= 0 && off < ratioLimit) || (ratioLimit < 0 && off >= 1.0 + ratioLimit);
}
