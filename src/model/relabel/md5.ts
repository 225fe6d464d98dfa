/**
 * MD5 (RFC 1321) of a string's UTF-8 bytes, for the hashmod action. Hashing the short values
 * relabeling sees this way avoids node:crypto's per-call Hash object, which dominated the cost.
 */

const S = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
const K = new Int32Array(64);
for (let i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 0x100000000) | 0;

const encoder = new TextEncoder();
let buf = new Uint8Array(256);
const words = new Int32Array(16);
const state = new Int32Array(4);

function block(b: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++) {
    const o = off + i * 4;
    words[i] = (b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24);
  }
  let a = state[0] as number;
  let bb = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (bb & c) | (~bb & d);
      g = i;
    } else if (i < 32) {
      f = (d & bb) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (i < 48) {
      f = bb ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (bb | ~d);
      g = (7 * i) & 15;
    }
    const t = (a + f + (K[i] as number) + (words[g] as number)) | 0;
    const s = S[i] as number;
    a = d;
    d = c;
    c = bb;
    bb = (bb + ((t << s) | (t >>> (32 - s)))) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + bb) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
}

function bswap(x: number): number {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}

/**
 * Bytes 8..15 of MD5(utf8(s)) read as a big-endian uint64, returned as [high, low] uint32
 * halves (upstream hashmod's binary.BigEndian.Uint64(sum[8:])).
 */
export function md5Low64(s: string): [number, number] {
  const maxLen = s.length * 3 + 72;
  if (buf.length < maxLen) buf = new Uint8Array(maxLen * 2);
  const n = encoder.encodeInto(s, buf).written;
  const total = ((n + 8) >>> 6) * 64 + 64;
  buf.fill(0, n, total);
  buf[n] = 0x80;
  const bits = n * 8;
  buf[total - 8] = bits & 0xff;
  buf[total - 7] = (bits >>> 8) & 0xff;
  buf[total - 6] = (bits >>> 16) & 0xff;
  buf[total - 5] = (bits >>> 24) & 0xff;
  const hiBits = Math.floor(n / 0x20000000);
  buf[total - 4] = hiBits & 0xff;
  buf[total - 3] = (hiBits >>> 8) & 0xff;
  buf[total - 2] = (hiBits >>> 16) & 0xff;
  buf[total - 1] = (hiBits >>> 24) & 0xff;
  state[0] = 0x67452301;
  state[1] = 0xefcdab89 | 0;
  state[2] = 0x98badcfe | 0;
  state[3] = 0x10325476;
  for (let off = 0; off < total; off += 64) block(buf, off);
  // The digest is the state words little-endian; bytes 8..15 are words 2 and 3.
  return [bswap(state[2] as number), bswap(state[3] as number)];
}

/** md5Low64(s) modulo m (m >= 1), as a decimal string. */
export function hashModulo(s: string, m: number): string {
  const [hi, lo] = md5Low64(s);
  if (m <= 0x200000) return ((((hi % m) * 0x100000000) + lo) % m).toString();
  return (((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(m)).toString();
}
