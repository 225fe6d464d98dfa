/**
 * Read cursor over bytes with Prometheus's TSDB encodings. Reading past the end or a malformed
 * varint does not throw: it sets `err` (ErrInvalidSize / ErrInvalidUvarint upstream) and returns 0,
 * so a decoder checks `err` once at the end of a record.
 */
const td = new TextDecoder('utf-8', { fatal: false });

export class DecodeError extends Error {
  override name = 'DecodeError';
}

export class Decbuf {
  off: number;
  err: DecodeError | null = null;
  private readonly view: DataView;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.off = start;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.end - this.off;
  }

  private short(n: number): boolean {
    if (this.err) return true;
    if (this.off + n > this.end) {
      this.err = new DecodeError('invalid size');
      return true;
    }
    return false;
  }

  byte(): number {
    if (this.short(1)) return 0;
    return this.buf[this.off++] as number;
  }

  be32(): number {
    if (this.short(4)) return 0;
    const v = this.view.getUint32(this.off);
    this.off += 4;
    return v;
  }

  /** Big-endian uint64 as a number (exact up to 2^53). */
  be64(): number {
    if (this.short(8)) return 0;
    const v = Number(this.view.getBigUint64(this.off));
    this.off += 8;
    return v;
  }

  /** Big-endian int64 as a number (timestamps). */
  be64int(): number {
    if (this.short(8)) return 0;
    const v = Number(this.view.getBigInt64(this.off));
    this.off += 8;
    return v;
  }

  be64Float(): number {
    if (this.short(8)) return 0;
    const v = this.view.getFloat64(this.off);
    this.off += 8;
    return v;
  }

  uvarint(): number {
    if (this.err) return 0;
    let v = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.off >= this.end) break;
      const b = this.buf[this.off++] as number;
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 0x80;
    }
    this.err = new DecodeError('invalid uvarint');
    return 0;
  }

  varint(): number {
    const u = this.uvarint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  bytes(n: number): Uint8Array {
    if (this.short(n)) return new Uint8Array(0);
    const b = this.buf.subarray(this.off, this.off + n);
    this.off += n;
    return b;
  }

  uvarintBytes(): Uint8Array {
    return this.bytes(this.uvarint());
  }

  uvarintStr(): string {
    return td.decode(this.uvarintBytes());
  }

  skip(n: number): void {
    if (!this.short(n)) this.off += n;
  }
}
