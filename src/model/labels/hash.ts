/**
 * labels.Hash() as Prometheus computes it: xxhash64 (seed 0, cespare/xxhash Sum64) over the
 * stringlabels encoding of the label set (each name and value length-prefixed). Used for
 * scrape offsets, rule group offsets and limit_ratio sampling, so all agree with upstream.
 * BigInt arithmetic: callers hash once per target, group or series, never per sample.
 */
import type { Labels } from './labels.js';

const M64 = (1n << 64n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;

function rotl(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & M64;
}

function round(acc: bigint, input: bigint): bigint {
  return (rotl((acc + input * P2) & M64, 31n) * P1) & M64;
}

function mergeRound(acc: bigint, val: bigint): bigint {
  return ((((acc ^ round(0n, val)) * P1) & M64) + P4) & M64;
}

function u64(b: Uint8Array, i: number): bigint {
  const dv = new DataView(b.buffer, b.byteOffset + i, 8);
  return dv.getBigUint64(0, true);
}

function u32(b: Uint8Array, i: number): bigint {
  const dv = new DataView(b.buffer, b.byteOffset + i, 4);
  return BigInt(dv.getUint32(0, true));
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
      v1 = round(v1, u64(b, i));
      v2 = round(v2, u64(b, i + 8));
      v3 = round(v3, u64(b, i + 16));
      v4 = round(v4, u64(b, i + 24));
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
    h ^= round(0n, u64(b, i));
    h = (rotl(h, 27n) * P1 + P4) & M64;
  }
  if (i + 4 <= n) {
    h ^= (u32(b, i) * P1) & M64;
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

function pushSized(out: number[], s: string): void {
  const bytes = Buffer.from(s, 'utf8');
  const n = bytes.length;
  if (n < 255) out.push(n);
  else out.push(255, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff);
  for (const c of bytes) out.push(c);
}

/** labels.Hash() of Prometheus's default (stringlabels) build. */
export function labelsHash(ls: Labels): bigint {
  const out: number[] = [];
  ls.forEach((n, v) => {
    pushSized(out, n);
    pushSized(out, v);
  });
  return xxhash64(Uint8Array.from(out));
}
