/**
 * Growable write buffer with the encodings Prometheus's TSDB uses (tsdb/encoding): big-endian
 * fixed-width integers, unsigned/signed varints (protobuf style, zig-zag for signed), and
 * uvarint-length-prefixed strings. Integers are JS numbers (safe up to 2^53).
 */
const te = new TextEncoder();

export class Encbuf {
  buf: Uint8Array;
  len = 0;
  private view: DataView;

  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  reset(): void {
    this.len = 0;
  }

  /** The bytes written so far (a view; copy it if the buffer is reused). */
  get(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }

  private ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.len));
    this.buf = b;
    this.view = new DataView(b.buffer);
  }

  putByte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b & 0xff;
  }

  putBytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  putBE32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.len, v >>> 0);
    this.len += 4;
  }

  putBE64(v: number): void {
    this.ensure(8);
    this.view.setBigUint64(this.len, BigInt.asUintN(64, BigInt(v)));
    this.len += 8;
  }

  putBE64Float(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.len, v);
    this.len += 8;
  }

  /** Unsigned varint of a non-negative safe integer. */
  putUvarint(v: number): void {
    this.ensure(10);
    while (v >= 0x80) {
      this.buf[this.len++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.len++] = v;
  }

  /** Signed varint (zig-zag) of a safe integer. */
  putVarint(v: number): void {
    this.putUvarint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** A uvarint length then the UTF-8 bytes; ASCII strings are written without TextEncoder. */
  putUvarintStr(s: string): void {
    const n = s.length;
    if (n < 0x80) {
      this.ensure(n + 1);
      const buf = this.buf;
      const at = this.len + 1;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        buf[at + i] = c;
      }
      if (i === n) {
        buf[this.len] = n;
        this.len = at + n;
        return;
      }
    }
    const b = te.encode(s);
    this.putUvarint(b.length);
    this.putBytes(b);
  }
}
