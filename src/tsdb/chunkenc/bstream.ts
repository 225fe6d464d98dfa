/**
 * Bit streams over bytes, as Prometheus's tsdb/chunkenc bstream: bits are written and read
 * most-significant first. Values wider than 32 bits travel as two unsigned 32-bit halves (hi, lo)
 * so the hot paths stay in int32 arithmetic (no BigInt).
 */

import { allocBytes } from './byte-slab.js';

const TWO32 = 4294967296;

/**
 * Appends bits to a growable byte buffer. `count` is how many low bits of the last byte are free.
 * It follows Prometheus 2.42's bstream exactly, including its one quirk: writing a whole byte
 * always leaves a following byte open, so a stream that ends on a byte boundary after a byte write
 * carries one trailing zero byte (count = 8). Readers ignore it; matching it keeps the chunk bytes
 * identical to what Prometheus 2.42 writes.
 */
export class BitWriter {
  buf: Uint8Array;
  len: number;
  count: number;

  constructor(buf: Uint8Array, len: number, count: number) {
    this.buf = buf;
    this.len = len;
    this.count = count;
  }

  /** Makes room for n more bytes. */
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = allocBytes(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
  }

  writeBit(bit: number): void {
    this.ensure(1);
    if (this.count === 0) {
      this.buf[this.len++] = 0;
      this.count = 8;
    }
    this.count--;
    if (bit !== 0) this.buf[this.len - 1] = (this.buf[this.len - 1] as number) | (1 << this.count);
  }

  writeByte(byte: number): void {
    this.ensure(2);
    const buf = this.buf;
    if (this.count === 0) {
      buf[this.len++] = 0;
      this.count = 8;
    }
    const c = this.count;
    buf[this.len - 1] = (buf[this.len - 1] as number) | ((byte & 0xff) >>> (8 - c));
    buf[this.len++] = (byte << c) & 0xff;
  }

  /** Writes the n (0..32) low bits of u, most significant first: whole bytes, then single bits. */
  writeBits(u: number, n: number): void {
    this.ensure(6);
    const buf = this.buf;
    let len = this.len;
    let count = this.count;
    while (n >= 8) {
      n -= 8;
      const byte = (u >>> n) & 0xff;
      if (count === 0) {
        buf[len++] = 0;
        count = 8;
      }
      buf[len - 1] = (buf[len - 1] as number) | (byte >>> (8 - count));
      buf[len++] = (byte << count) & 0xff;
    }
    while (n > 0) {
      if (count === 0) {
        buf[len++] = 0;
        count = 8;
      }
      const take = count < n ? count : n;
      n -= take;
      count -= take;
      buf[len - 1] = (buf[len - 1] as number) | (((u >>> n) & ((1 << take) - 1)) << count);
    }
    this.len = len;
    this.count = count;
  }

  /** Writes the n (0..64) low bits of the 64-bit value (hi, lo). */
  writeBits64(hi: number, lo: number, n: number): void {
    if (n > 32) {
      this.writeBits(hi, n - 32);
      this.writeBits(lo, 32);
    } else {
      this.writeBits(lo, n);
    }
  }

  /** Unsigned varint of the 64-bit value (hi, lo), one byte at a time (the stream may be unaligned). */
  writeUvarint64(hi: number, lo: number): void {
    hi >>>= 0;
    lo >>>= 0;
    while (hi !== 0 || lo >= 0x80) {
      this.writeByte((lo & 0x7f) | 0x80);
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    this.writeByte(lo);
  }

  /** Signed (zig-zag) varint of a safe integer. */
  writeVarint(v: number): void {
    const z = v >= 0 ? v * 2 : -v * 2 - 1;
    this.writeUvarint64(Math.floor(z / TWO32), z % TWO32);
  }

  /** Unsigned varint of an integer; a negative one is written as its 64-bit two's complement. */
  writeUvarint(v: number): void {
    const hi = Math.floor(v / TWO32);
    this.writeUvarint64(hi, v - hi * TWO32);
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/**
 * Reads bits from a byte range. Reading past the end sets `eof` and yields zeros, so a decoder
 * checks `eof` once per sample instead of per read.
 */
export class BitReader {
  buf: Uint8Array;
  /** Bit position of the next read, relative to buf[0]. */
  pos: number;
  /** Bit position of the end of readable data. */
  end: number;
  eof = false;

  constructor(buf: Uint8Array, startByte: number, endByte: number) {
    this.buf = buf;
    this.pos = startByte * 8;
    this.end = endByte * 8;
  }

  reset(buf: Uint8Array, startByte: number, endByte: number): void {
    this.buf = buf;
    this.pos = startByte * 8;
    this.end = endByte * 8;
    this.eof = false;
  }

  readBit(): number {
    const pos = this.pos;
    if (pos >= this.end) {
      this.eof = true;
      return 0;
    }
    this.pos = pos + 1;
    return ((this.buf[pos >>> 3] as number) >>> (7 - (pos & 7))) & 1;
  }

  /** Reads n (1..32) bits as an unsigned number. */
  readBits(n: number): number {
    const pos = this.pos;
    if (pos + n > this.end) {
      this.eof = true;
      this.pos = this.end;
      return 0;
    }
    const b = this.buf;
    const i = pos >>> 3;
    const s = pos & 7;
    this.pos = pos + n;
    // Bytes beyond the data may be read (undefined -> 0); their bits are shifted out.
    if (s + n <= 8) return ((b[i] as number) >>> (8 - s - n)) & ((1 << n) - 1);
    const w = ((b[i] as number) << 24) | ((b[i + 1] as number) << 16) | ((b[i + 2] as number) << 8) | (b[i + 3] as number);
    const r = s === 0 ? w : (w << s) | ((b[i + 4] as number) >>> (8 - s));
    return r >>> (32 - n);
  }

  readByte(): number {
    return this.readBits(8);
  }

  /**
   * Reads an unsigned varint (up to 10 bytes) and returns it interpreted as a signed 64-bit
   * integer (as upstream adds uint64 deltas to int64 timestamps). Exact within 2^53.
   */
  readUvarintSigned(): number {
    let lo = 0;
    let hi = 0;
    for (let i = 0, s = 0; i < 10; i++, s += 7) {
      const byte = this.readBits(8);
      const low7 = byte & 0x7f;
      if (s < 32) {
        lo |= low7 << s;
        if (s + 7 > 32) hi |= low7 >>> (32 - s);
      } else {
        hi |= low7 << (s - 32);
      }
      if (byte < 0x80 || this.eof) break;
      if (i === 9) this.eof = true;
    }
    return (hi | 0) * TWO32 + (lo >>> 0);
  }

  /** Reads a signed (zig-zag) varint. */
  readVarint(): number {
    let lo = 0;
    let hi = 0;
    for (let i = 0, s = 0; i < 10; i++, s += 7) {
      const byte = this.readBits(8);
      const low7 = byte & 0x7f;
      if (s < 32) {
        lo |= low7 << s;
        if (s + 7 > 32) hi |= low7 >>> (32 - s);
      } else {
        hi |= low7 << (s - 32);
      }
      if (byte < 0x80 || this.eof) break;
      if (i === 9) this.eof = true;
    }
    let xlo = (lo >>> 1) | (hi << 31);
    let xhi = hi >>> 1;
    if ((lo & 1) !== 0) {
      xlo = ~xlo;
      xhi = ~xhi;
    }
    return (xhi | 0) * TWO32 + (xlo >>> 0);
  }
}
