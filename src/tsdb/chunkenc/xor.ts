/**
 * The XOR chunk (Gorilla-style float compression), byte-for-byte the encoding of Prometheus's
 * tsdb/chunkenc XORChunk: a 2-byte big-endian sample count, then sample 0 as varint t and raw
 * 64-bit v, sample 1 as uvarint delta t and XOR'd v, later samples as delta-of-delta t in
 * 1/16/20/24/68-bit buckets and XOR'd v with a leading/trailing-zeros window.
 */
import { ValueType, type SampleIterator } from '../../storage/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import { BitReader, BitWriter } from './bstream.js';
import { Encoding, type Chunk, type ChunkAppender } from './chunk.js';
import { floatBits, floatFromBits } from './float-bits.js';
import { allocBytes } from './byte-slab.js';

const HEADER_SIZE = 2;
const INITIAL_CAPACITY = 128;
const MAX_SAMPLES = 0xffff;
/** The worst-case size of one appended sample in bytes (dod 68 bits + value 77 bits). */
const MAX_SAMPLE_BYTES = 20;
const TWO32 = 4294967296;
/** Scratch for a value's bits (hi, lo); never held across calls. */
const BITS = new Int32Array(2);

/** Raised on misuse of a chunk (a full chunk, a histogram read from a float chunk). */
export class ChunkError extends Error {
  override name = 'ChunkError';
}

export class XORChunk implements Chunk {
  /** @internal the bit stream; shared with the chunk's appender. */
  readonly w: BitWriter;
  /** False while the bytes are a view into someone else's buffer (copied on first append). */
  private owned: boolean;

  /** A new empty chunk, or a chunk over existing encoded bytes (not copied until appended to). */
  constructor(data?: Uint8Array) {
    if (data === undefined) {
      this.w = new BitWriter(allocBytes(INITIAL_CAPACITY), HEADER_SIZE, 0);
      this.owned = true;
    } else {
      if (data.length < HEADER_SIZE) throw new ChunkError(`XOR chunk too short: ${data.length} bytes`);
      this.w = new BitWriter(data, data.length, 0);
      this.owned = false;
    }
  }

  encoding(): Encoding {
    return Encoding.XOR;
  }

  bytes(): Uint8Array {
    return this.w.buf.subarray(0, this.w.len);
  }

  numSamples(): number {
    const b = this.w.buf;
    return ((b[0] as number) << 8) | (b[1] as number);
  }

  appender(): XORAppender {
    const loaded = !this.owned;
    if (loaded) {
      const b = allocBytes(Math.max(INITIAL_CAPACITY, this.w.len * 2));
      b.set(this.w.buf.subarray(0, this.w.len));
      this.w.buf = b;
      this.owned = true;
    }
    const app = new XORAppender(this);
    if (this.numSamples() === 0) return app;
    // Rebuild the appender state by decoding every sample, as upstream does.
    const it = this.iterator();
    while (it.next() !== ValueType.None);
    const e = it.err();
    if (e) throw e;
    app.restore(it);
    if (loaded) {
      // Continue right after the last sample's bits (upstream would start at the next byte,
      // leaving padding bits inside the stream).
      const endBit = it.bitPosition();
      this.w.len = Math.ceil(endBit / 8);
      this.w.count = (8 - (endBit % 8)) % 8;
    }
    return app;
  }

  iterator(): XORIterator {
    return new XORIterator(this.w.buf, this.w.len);
  }

  /** Shrinks the buffer to the used length (for chunks that will not grow any more). */
  compact(): void {
    if (this.w.buf.length > this.w.len + 32) this.w.buf = this.w.buf.slice(0, this.w.len);
  }
}

export class XORAppender implements ChunkAppender {
  private readonly w: BitWriter;
  private t = Number.MIN_SAFE_INTEGER;
  private tDelta = 0;
  private vhi = 0;
  private vlo = 0;
  private leading = 0xff;
  private trailing = 0;

  constructor(chunk: XORChunk) {
    this.w = chunk.w;
  }

  /** @internal adopts the state an iterator reached at the chunk's end. */
  restore(it: XORIterator): void {
    this.t = it.atT();
    this.tDelta = it.lastTDelta();
    this.vhi = it.valueHi();
    this.vlo = it.valueLo();
    this.leading = it.windowLeading();
    this.trailing = it.windowTrailing();
  }

  append(t: number, v: number): void {
    const w = this.w;
    const num = ((w.buf[0] as number) << 8) | (w.buf[1] as number);
    if (num === MAX_SAMPLES) throw new ChunkError('chunk capacity exceeded');
    w.ensure(MAX_SAMPLE_BYTES);
    floatBits(v, BITS);
    const hi = BITS[0] as number;
    const lo = BITS[1] as number;
    let tDelta = 0;
    if (num === 0) {
      w.writeVarint(t);
      w.writeBits(hi, 32);
      w.writeBits(lo, 32);
    } else if (num === 1) {
      tDelta = t - this.t;
      w.writeUvarint(tDelta);
      this.writeVDelta(hi, lo);
    } else {
      tDelta = t - this.t;
      this.writeDod(tDelta - this.tDelta);
      this.writeVDelta(hi, lo);
    }
    this.t = t;
    this.vhi = hi;
    this.vlo = lo;
    this.tDelta = tDelta;
    const n = num + 1;
    w.buf[0] = n >>> 8;
    w.buf[1] = n & 0xff;
  }

  private writeDod(dod: number): void {
    const w = this.w;
    if (dod === 0) {
      w.writeBit(0);
    } else if (dod >= -8191 && dod <= 8192) {
      w.writeBits((0b10 << 14) | (dod & 0x3fff), 16);
    } else if (dod >= -65535 && dod <= 65536) {
      w.writeBits((0b110 << 17) | (dod & 0x1ffff), 20);
    } else if (dod >= -524287 && dod <= 524288) {
      w.writeBits((0b1110 << 20) | (dod & 0xfffff), 24);
    } else {
      w.writeBits(0b1111, 4);
      const hi = Math.floor(dod / TWO32);
      w.writeBits(hi, 32);
      w.writeBits(dod - hi * TWO32, 32);
    }
  }

  private writeVDelta(hi: number, lo: number): void {
    const w = this.w;
    const dhi = hi ^ this.vhi;
    const dlo = lo ^ this.vlo;
    if (dhi === 0 && dlo === 0) {
      w.writeBit(0);
      return;
    }
    let newLeading = dhi !== 0 ? Math.clz32(dhi) : 32 + Math.clz32(dlo);
    const newTrailing = dlo !== 0 ? 31 - Math.clz32(dlo & -dlo) : 32 + 31 - Math.clz32(dhi & -dhi);
    if (newLeading >= 32) newLeading = 31;
    const leading = this.leading;
    if (leading !== 0xff && newLeading >= leading && newTrailing >= this.trailing) {
      // Reuse the current window: control bits 10, then the significant bits.
      w.writeBits(0b10, 2);
      writeShifted(w, dhi, dlo, this.trailing, 64 - leading - this.trailing);
      return;
    }
    this.leading = newLeading;
    this.trailing = newTrailing;
    const sigbits = 64 - newLeading - newTrailing;
    // Control bits 11, 5 bits of leading zeros, 6 bits of significant bits (64 is written as 0).
    w.writeBits((0b11 << 11) | (newLeading << 6) | (sigbits & 0x3f), 13);
    writeShifted(w, dhi, dlo, newTrailing, sigbits);
  }
}

/** The 32 bits of b starting at bit position pos, as an int32 (the caller checks bounds). */
function window32(b: Uint8Array, pos: number): number {
  const i = pos >>> 3;
  const s = pos & 7;
  const w = ((b[i] as number) << 24) | ((b[i + 1] as number) << 16) | ((b[i + 2] as number) << 8) | (b[i + 3] as number);
  return s === 0 ? w : (w << s) | ((b[i + 4] as number) >>> (8 - s));
}

/** Writes the n low bits of ((hi, lo) >> shift). */
function writeShifted(w: BitWriter, hi: number, lo: number, shift: number, n: number): void {
  let shi: number;
  let slo: number;
  if (shift === 0) {
    shi = hi;
    slo = lo;
  } else if (shift < 32) {
    slo = (lo >>> shift) | (hi << (32 - shift));
    shi = hi >>> shift;
  } else {
    slo = hi >>> (shift - 32);
    shi = 0;
  }
  w.writeBits64(shi, slo, n);
}

export class XORIterator implements SampleIterator {
  private readonly br: BitReader;
  private numTotal: number;
  private numRead = 0;
  private t = Number.MIN_SAFE_INTEGER;
  private tDelta = 0;
  private vhi = 0;
  private vlo = 0;
  private val = 0;
  private leading = 0;
  private trailing = 0;
  private error: Error | null = null;

  /** Iterates the chunk in buf[0, len) (len includes the 2-byte header). */
  constructor(buf: Uint8Array, len: number) {
    this.br = new BitReader(buf, HEADER_SIZE, len);
    this.numTotal = len >= HEADER_SIZE ? ((buf[0] as number) << 8) | (buf[1] as number) : 0;
  }

  /** Restarts the iterator over other chunk bytes (avoids an allocation per chunk). */
  reset(buf: Uint8Array, len = buf.length): void {
    this.br.reset(buf, HEADER_SIZE, len);
    this.numTotal = len >= HEADER_SIZE ? ((buf[0] as number) << 8) | (buf[1] as number) : 0;
    this.numRead = 0;
    this.t = Number.MIN_SAFE_INTEGER;
    this.tDelta = 0;
    this.vhi = 0;
    this.vlo = 0;
    this.val = 0;
    this.leading = 0;
    this.trailing = 0;
    this.error = null;
  }

  next(): ValueType {
    if (this.error !== null || this.numRead === this.numTotal) return ValueType.None;
    const br = this.br;
    if (this.numRead === 0) {
      this.t = br.readVarint();
      this.vhi = br.readBits(32);
      this.vlo = br.readBits(32);
      this.val = floatFromBits(this.vhi, this.vlo);
      return this.finish();
    }
    if (this.numRead === 1) {
      this.tDelta = br.readUvarintSigned();
      this.t += this.tDelta;
      this.readValue();
      return this.finish();
    }
    if (br.pos + 64 <= br.end) return this.nextFast();
    this.tDelta += this.readDod();
    this.t += this.tDelta;
    this.readValue();
    return this.finish();
  }

  /**
   * Decodes a sample from 32-bit windows of the stream (at least 64 bits must remain): the
   * delta-of-delta buckets up to 20 bits and values whose significant bits fit the window are
   * decoded without per-bit reads; anything else falls back to the bit reader.
   */
  private nextFast(): ValueType {
    const br = this.br;
    const buf = br.buf;
    let pos = br.pos;
    let w = window32(buf, pos);
    let valid: number;
    if (w >= 0) {
      pos += 1;
      w <<= 1;
      valid = 31;
    } else {
      const ones = Math.clz32(~w);
      let dod: number;
      if (ones === 1) {
        dod = (w << 2) >>> 18;
        if (dod > 8192) dod -= 16384;
        pos += 16;
      } else if (ones === 2) {
        dod = (w << 3) >>> 15;
        if (dod > 65536) dod -= 131072;
        pos += 20;
      } else if (ones === 3) {
        dod = (w << 4) >>> 12;
        if (dod > 524288) dod -= 1048576;
        pos += 24;
      } else {
        this.tDelta += this.readDod();
        this.t += this.tDelta;
        this.readValue();
        return this.finish();
      }
      this.tDelta += dod;
      w = window32(buf, pos);
      valid = 32;
    }
    this.t += this.tDelta;
    // The value: 0 = unchanged, 10 = XOR in the current window, 11 = new window.
    if (w >= 0) {
      br.pos = pos + 1;
      this.numRead++;
      return ValueType.Float;
    }
    if (w << 1 >= 0) {
      const mbits = 64 - this.leading - this.trailing;
      if (mbits + 2 <= valid) {
        br.pos = pos + 2 + mbits;
        this.xorInto((w << 2) >>> (32 - mbits));
        this.numRead++;
        return ValueType.Float;
      }
      if (pos + 2 + mbits <= br.end) {
        br.pos = pos + 2 + mbits;
        this.xorFrom(buf, pos + 2, mbits);
        this.numRead++;
        return ValueType.Float;
      }
    } else {
      let mbits = (w << 7) >>> 26;
      if (mbits === 0) mbits = 64;
      const leading = (w << 2) >>> 27;
      const trailing = 64 - leading - mbits;
      if (trailing >= 0) {
        if (mbits + 13 <= valid) {
          this.leading = leading;
          this.trailing = trailing;
          br.pos = pos + 13 + mbits;
          this.xorInto((w << 13) >>> (32 - mbits));
          this.numRead++;
          return ValueType.Float;
        }
        if (pos + 13 + mbits <= br.end) {
          this.leading = leading;
          this.trailing = trailing;
          br.pos = pos + 13 + mbits;
          this.xorFrom(buf, pos + 13, mbits);
          this.numRead++;
          return ValueType.Float;
        }
      }
    }
    br.pos = pos;
    this.readValue();
    return this.finish();
  }

  private finish(): ValueType {
    if (this.br.eof) {
      this.error = new ChunkError('EOF');
      return ValueType.None;
    }
    this.numRead++;
    return ValueType.Float;
  }

  private readDod(): number {
    const br = this.br;
    let sz: number;
    if (br.readBit() === 0) return 0;
    if (br.readBit() === 0) sz = 14;
    else if (br.readBit() === 0) sz = 17;
    else if (br.readBit() === 0) sz = 20;
    else {
      const hi = br.readBits(32);
      const lo = br.readBits(32);
      return (hi | 0) * TWO32 + lo;
    }
    const bits = br.readBits(sz);
    return bits > 1 << (sz - 1) ? bits - (1 << sz) : bits;
  }

  /** XORs the value with x (a window of at most 32 bits) shifted left by trailing. */
  private xorInto(x: number): void {
    const s = this.trailing;
    if (s === 0) {
      this.vlo ^= x;
    } else if (s < 32) {
      this.vlo ^= x << s;
      this.vhi ^= x >>> (32 - s);
    } else {
      this.vhi ^= x << (s - 32);
    }
    this.val = floatFromBits(this.vhi, this.vlo);
  }

  /** XORs the value with the mbits (1..64) significant bits at bit p of buf, shifted left by trailing. */
  private xorFrom(buf: Uint8Array, p: number, mbits: number): void {
    if (mbits <= 32) {
      this.xorInto(window32(buf, p) >>> (32 - mbits));
      return;
    }
    // mbits > 32 implies trailing < 32.
    const xhi = window32(buf, p) >>> (64 - mbits);
    const xlo = window32(buf, p + mbits - 32);
    const s = this.trailing;
    if (s === 0) {
      this.vhi ^= xhi;
      this.vlo ^= xlo;
    } else {
      this.vhi ^= (xhi << s) | (xlo >>> (32 - s));
      this.vlo ^= xlo << s;
    }
    this.val = floatFromBits(this.vhi, this.vlo);
  }

  private readValue(): void {
    const br = this.br;
    if (br.readBit() === 0) return;
    let mbits: number;
    if (br.readBit() === 0) {
      mbits = 64 - this.leading - this.trailing;
    } else {
      const lm = br.readBits(11);
      this.leading = lm >>> 6;
      mbits = lm & 0x3f;
      if (mbits === 0) mbits = 64;
      this.trailing = 64 - this.leading - mbits;
      if (this.trailing < 0) {
        br.eof = true;
        return;
      }
    }
    let xhi = 0;
    let xlo: number;
    if (mbits > 32) {
      xhi = br.readBits(mbits - 32);
      xlo = br.readBits(32);
    } else {
      xlo = br.readBits(mbits);
    }
    const s = this.trailing;
    if (s === 0) {
      this.vhi ^= xhi;
      this.vlo ^= xlo;
    } else if (s < 32) {
      this.vhi ^= (xhi << s) | (xlo >>> (32 - s));
      this.vlo ^= xlo << s;
    } else {
      this.vhi ^= xlo << (s - 32);
    }
    this.val = floatFromBits(this.vhi, this.vlo);
  }

  seek(t: number): ValueType {
    if (this.error !== null) return ValueType.None;
    while (t > this.t || this.numRead === 0) {
      if (this.next() === ValueType.None) return ValueType.None;
    }
    return ValueType.Float;
  }

  atT(): number {
    return this.t;
  }

  atF(): number {
    return this.val;
  }

  atFloatHistogram(): FloatHistogram {
    throw new ChunkError('cannot call xorIterator.AtFloatHistogram');
  }

  atST(): number {
    return 0;
  }

  err(): Error | null {
    return this.error;
  }

  /** @internal state read by XORChunk.appender(). */
  bitPosition(): number {
    return this.br.pos;
  }
  /** @internal */
  lastTDelta(): number {
    return this.tDelta;
  }
  /** @internal */
  valueHi(): number {
    return this.vhi;
  }
  /** @internal */
  valueLo(): number {
    return this.vlo;
  }
  /** @internal */
  windowLeading(): number {
    return this.leading;
  }
  /** @internal */
  windowTrailing(): number {
    return this.trailing;
  }
}
