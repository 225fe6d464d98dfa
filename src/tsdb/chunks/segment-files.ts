/**
 * What block chunk files and head chunk files share: numbered file names (000001, ...), the
 * 8-byte segment header (4-byte magic, version 1, 3 bytes padding), and the chunk checksum.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { crc32c } from '../encoding/index.js';
import { CorruptionError } from './errors.js';

export const MAGIC_CHUNKS = 0x85bd40dd;
export const MAGIC_HEAD_CHUNKS = 0x0130bc91;
export const CHUNKS_FORMAT_V1 = 1;
export const SEGMENT_HEADER_SIZE = 8;
/** binary.MaxVarintLen32: the most bytes a chunk length takes. */
export const MAX_CHUNK_LENGTH_FIELD_SIZE = 5;
export const CRC_SIZE = 4;
export const TWO32 = 4294967296;

export interface SequenceFile {
  seq: number;
  path: string;
}

/** The files of dir whose name is a decimal number, in numeric order. */
export function listSequenceFiles(dir: string): SequenceFile[] {
  const out: SequenceFile[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!/^[0-9]+$/.test(name)) continue;
    out.push({ seq: Number(name), path: path.join(dir, name) });
  }
  out.sort((a, b) => a.seq - b.seq);
  return out;
}

/** The file name of sequence number seq (six digits at least, as Go's %0.6d). */
export function segmentFileName(dir: string, seq: number): string {
  return path.join(dir, String(seq).padStart(6, '0'));
}

export function segmentHeader(magic: number): Uint8Array {
  const h = new Uint8Array(SEGMENT_HEADER_SIZE);
  new DataView(h.buffer).setUint32(0, magic);
  h[4] = CHUNKS_FORMAT_V1;
  return h;
}

/** Checks a segment header (the file's first bytes); throws a CorruptionError naming the file. */
export function checkSegmentHeader(head: Uint8Array, size: number, magic: number, file: string, index: number): void {
  if (size < SEGMENT_HEADER_SIZE || head.length < SEGMENT_HEADER_SIZE) {
    throw new CorruptionError(file, index, `invalid segment header: invalid size ${size}`);
  }
  const m = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0);
  if (m !== magic) throw new CorruptionError(file, index, `invalid magic number ${m.toString(16)}`);
  if (head[4] !== CHUNKS_FORMAT_V1) throw new CorruptionError(file, index, `invalid chunk format version ${head[4]}`);
}

/** Compares the big-endian CRC-32C at buf[sumAt] with the checksum of buf[start, end). */
export function checksumError(buf: Uint8Array, start: number, end: number, sumAt: number): string | null {
  const got = crc32c(buf, start, end);
  const want = (((buf[sumAt] as number) << 24) | ((buf[sumAt + 1] as number) << 16) | ((buf[sumAt + 2] as number) << 8) | (buf[sumAt + 3] as number)) >>> 0;
  return got === want ? null : `checksum mismatch expected:${want.toString(16)}, actual:${got.toString(16)}`;
}

/** Reads a uvarint at buf[off]; returns [value, bytesRead] with bytesRead <= 0 on failure (as Go). */
export function readUvarint(buf: Uint8Array, off: number, end: number): [number, number] {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10 && off + i < end; i++) {
    const b = buf[off + i] as number;
    v += (b & 0x7f) * mul;
    if (b < 0x80) return [v, i + 1];
    mul *= 128;
  }
  return [0, 0];
}

export function uvarintSize(v: number): number {
  let n = 1;
  while (v >= 0x80) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/** Writes v as a uvarint into buf at off; returns the new offset. */
export function putUvarint(buf: Uint8Array, off: number, v: number): number {
  while (v >= 0x80) {
    buf[off++] = (v % 128) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[off++] = v;
  return off;
}

/** Writes all of b at the file position, retrying short writes. */
export function writeFully(fd: number, b: Uint8Array, position: number | null): void {
  let done = 0;
  while (done < b.length) {
    const n = fs.writeSync(fd, b, done, b.length - done, position === null ? null : position + done);
    done += n;
  }
}
