/**
 * Variable bit-width integers of the histogram chunks (Prometheus chunkenc varbit): a unary
 * prefix of up to 8 bits selects a payload of 0/3/6/9/12/18/25/56/64 bits. Signed values use the
 * symmetric ranges of bitRange (e.g. 3 bits: -3..4).
 */
import type { BitReader, BitWriter } from './bstream.js';

const TWO32 = 4294967296;
const PAYLOAD_BITS = [0, 3, 6, 9, 12, 18, 25, 56, 64];

/** Reads the prefix; returns the payload width, or -1 if the pattern is invalid. */
function readPrefix(br: BitReader): number {
  let ones = 0;
  while (ones < 8 && br.readBit() === 1) ones++;
  return PAYLOAD_BITS[ones] ?? -1;
}

/** Reads an unsigned payload of sz bits (exact up to 2^53). */
function readPayload(br: BitReader, sz: number): number {
  if (sz <= 32) return sz === 0 ? 0 : br.readBits(sz);
  const hi = br.readBits(sz - 32);
  return hi * TWO32 + br.readBits(32);
}

export function readVarbitInt(br: BitReader): number {
  const sz = readPrefix(br);
  if (sz <= 0) return 0;
  if (sz === 64) {
    const hi = br.readBits(32);
    return (hi | 0) * TWO32 + br.readBits(32);
  }
  if (sz <= 32) {
    const bits = br.readBits(sz);
    const half = 2 ** (sz - 1);
    return bits > half ? bits - 2 * half : bits;
  }
  // Wider than 32 bits: apply the sign to the high half so the result stays exact.
  const hi = br.readBits(sz - 32);
  const lo = br.readBits(32);
  const halfHi = 2 ** (sz - 33);
  const negative = hi > halfHi || (hi === halfHi && lo > 0);
  return (negative ? hi - 2 * halfHi : hi) * TWO32 + lo;
}

export function readVarbitUint(br: BitReader): number {
  const sz = readPrefix(br);
  return sz <= 0 ? 0 : readPayload(br, sz);
}

/** Writes the low sz bits of v's 64-bit two's complement. */
function writePayload(w: BitWriter, v: number, sz: number): void {
  const hi = Math.floor(v / TWO32);
  w.writeBits64(hi, v - hi * TWO32, sz);
}

export function putVarbitInt(w: BitWriter, v: number): void {
  if (v === 0) {
    w.writeBit(0);
    return;
  }
  for (let i = 1; i < 8; i++) {
    const sz = PAYLOAD_BITS[i] as number;
    const half = 2 ** (sz - 1);
    if (v >= -(half - 1) && v <= half) {
      w.writeBits((1 << (i + 1)) - 2, i + 1);
      writePayload(w, v, sz);
      return;
    }
  }
  w.writeBits(0xff, 8);
  writePayload(w, v, 64);
}

export function putVarbitUint(w: BitWriter, v: number): void {
  if (v === 0) {
    w.writeBit(0);
    return;
  }
  for (let i = 1; i < 8; i++) {
    const sz = PAYLOAD_BITS[i] as number;
    if (v < 2 ** sz) {
      w.writeBits((1 << (i + 1)) - 2, i + 1);
      writePayload(w, v, sz);
      return;
    }
  }
  w.writeBits(0xff, 8);
  writePayload(w, v, 64);
}
