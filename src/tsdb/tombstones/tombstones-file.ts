/**
 * The tombstones file of a block (tsdb/docs/format/tombstones.md): magic, version 1, then
 * (series ref uvarint, mint varint, maxt varint) per interval, then a CRC32C over the stones.
 * Times are int64 on disk; ±Infinity and values beyond int64 are clamped on write.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32c } from '../encoding/index.js';
import { TombstonesError } from './errors.js';
import { MemTombstones } from './mem-tombstones.js';
import type { TombstoneReader } from './reader.js';

export const TOMBSTONES_FILENAME = 'tombstones';
export const MAGIC_TOMBSTONE = 0x0130ba30;
const FORMAT_V1 = 1;
const HEADER_SIZE = 5;
const CRC_SIZE = 4;

const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;

class ByteSink {
  private buf = new Uint8Array(256);
  len = 0;

  push(b: number): void {
    if (this.len === this.buf.length) {
      const n = new Uint8Array(this.buf.length * 2);
      n.set(this.buf);
      this.buf = n;
    }
    this.buf[this.len++] = b;
  }

  uvarint(v: bigint): void {
    while (v >= 0x80n) {
      this.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.push(Number(v));
  }

  /** Signed int64 (zig-zag), clamping out-of-range numbers. */
  varint(n: number): void {
    let v: bigint;
    if (Number.isSafeInteger(n)) v = BigInt(n);
    else if (Number.isNaN(n)) throw new RangeError('NaN timestamp in tombstone');
    else if (n <= -9223372036854775808) v = MIN_INT64;
    else if (n >= 9223372036854775807) v = MAX_INT64;
    else v = BigInt(Math.trunc(n));
    this.uvarint(v >= 0n ? v << 1n : (-v << 1n) - 1n);
  }

  get(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/** Encodes the version byte and the stones (sorted by series ref). */
export function encodeTombstones(tr: TombstoneReader): Uint8Array {
  const s = new ByteSink();
  s.push(FORMAT_V1);
  tr.forEach((ref, ivs) => {
    for (const iv of ivs) {
      s.uvarint(BigInt(ref));
      s.varint(iv.mint);
      s.varint(iv.maxt);
    }
  });
  return s.get();
}

class ByteSource {
  off: number;
  constructor(
    private readonly b: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.off = start;
  }

  uvarint(): bigint | null {
    let v = 0n;
    let shift = 0n;
    for (let i = 0; i < 10 && this.off < this.end; i++) {
      const c = this.b[this.off++] as number;
      v |= BigInt(c & 0x7f) << shift;
      if (c < 0x80) return v;
      shift += 7n;
    }
    return null;
  }

  varint(): number | null {
    const u = this.uvarint();
    if (u === null) return null;
    return Number(u & 1n ? -((u + 1n) >> 1n) : u >> 1n);
  }
}

/** Decodes a version byte followed by stones. */
export function decodeTombstones(file: string, b: Uint8Array, start = 0, end = b.length): MemTombstones {
  if (start >= end) throw new TombstonesError(file, 'invalid size');
  const flag = b[start] as number;
  if (flag !== FORMAT_V1) throw new TombstonesError(file, `invalid tombstone format ${flag.toString(16)}`);
  const src = new ByteSource(b, start + 1, end);
  const stones = new MemTombstones();
  while (src.off < end) {
    const ref = src.uvarint();
    const mint = src.varint();
    const maxt = src.varint();
    if (ref === null || mint === null || maxt === null) throw new TombstonesError(file, 'invalid uvarint');
    stones.addInterval(Number(ref), { mint, maxt });
  }
  return stones;
}

/** Reads dir/tombstones; a missing file means no tombstones. */
export function readTombstones(dir: string): { reader: MemTombstones; size: number } {
  const file = path.join(dir, TOMBSTONES_FILENAME);
  let b: Buffer;
  try {
    b = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { reader: new MemTombstones(), size: 0 };
    throw new TombstonesError(file, (e as Error).message);
  }
  if (b.length < HEADER_SIZE + CRC_SIZE) throw new TombstonesError(file, 'tombstones header: invalid size');
  const magic = b.readUInt32BE(0);
  if (magic !== MAGIC_TOMBSTONE) throw new TombstonesError(file, `invalid magic number ${magic.toString(16)}`);
  const end = b.length - CRC_SIZE;
  if (crc32c(b, HEADER_SIZE, end) !== b.readUInt32BE(end)) throw new TombstonesError(file, 'checksum did not match');
  return { reader: decodeTombstones(file, b, 4, end), size: b.length };
}

/** Writes dir/tombstones atomically (temp file, fsync, rename, fsync dir); returns its size. */
export function writeTombstones(dir: string, tr: TombstoneReader): number {
  const file = path.join(dir, TOMBSTONES_FILENAME);
  const tmp = `${file}.tmp`;
  const body = encodeTombstones(tr);
  const out = Buffer.alloc(4 + body.length + CRC_SIZE);
  out.writeUInt32BE(MAGIC_TOMBSTONE, 0);
  out.set(body, 4);
  out.writeUInt32BE(crc32c(body, 1, body.length), 4 + body.length);
  try {
    const fd = fs.openSync(tmp, 'w', 0o666);
    try {
      fs.writeSync(fd, out);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
    syncDir(dir);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new TombstonesError(file, (e as Error).message);
  }
  return out.length;
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Directory fsync is unsupported on some platforms; the rename itself is atomic.
  }
}
