/** Sequential parse of one head chunk file's records (replay), with the corruption checks. */
import {
  CRC_SIZE,
  MAX_CHUNK_LENGTH_FIELD_SIZE,
  SEGMENT_HEADER_SIZE,
  TWO32,
  checksumError,
  readUvarint,
} from './segment-files.js';

/** Called per chunk at replay: (seriesRef, chunkRef, mint, maxt, numSamples, encoding, isOOO). */
export type HeadChunkVisitor = (
  seriesRef: number,
  chunkRef: number,
  mint: number,
  maxt: number,
  numSamples: number,
  encoding: number,
  isOOO: boolean,
) => void;

const META_SIZE = 24;
/** Series ref, mint, maxt, encoding, the widest length field, and the CRC. */
const MAX_HEAD_CHUNK_META_SIZE = META_SIZE + 1 + MAX_CHUNK_LENGTH_FIELD_SIZE + CRC_SIZE;

export interface ScanResult {
  /** Highest maxt among the good chunks (0 if none). */
  maxt: number;
  /** Offset just after the last good chunk. */
  goodEnd: number;
  /** What was wrong after goodEnd, or null if the file ended cleanly. */
  error: string | null;
}

/** Parses b[SEGMENT_HEADER_SIZE, fileEnd), calling fn per chunk; stops at the first bad record. */
export function scanHeadChunkFile(b: Uint8Array, fileEnd: number, seq: number, fn: HeadChunkVisitor): ScanResult {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let idx = SEGMENT_HEADER_SIZE;
  let fileMaxt = 0;
  const result = (error: string | null): ScanResult => ({ maxt: fileMaxt, goodEnd: idx, error });
  while (idx < fileEnd) {
    if (fileEnd - idx < MAX_HEAD_CHUNK_META_SIZE) {
      for (let i = idx; i < fileEnd; i++) {
        if (b[i] !== 0) {
          return result(
            `head chunk file has some unread data, but doesn't include enough bytes to read the chunk header - required:${idx + MAX_HEAD_CHUNK_META_SIZE}, available:${fileEnd}, file:${seq}`,
          );
        }
      }
      break;
    }
    const seriesRef = v.getUint32(idx) * TWO32 + v.getUint32(idx + 4);
    const mint = v.getInt32(idx + 8) * TWO32 + v.getUint32(idx + 12);
    const maxt = v.getInt32(idx + 16) * TWO32 + v.getUint32(idx + 20);
    // Upstream preallocates files: an all-zero record marks the end of the data.
    if (seriesRef === 0 && mint === 0 && maxt === 0) break;
    const enc = b[idx + META_SIZE] as number;
    const [dataLen, n] = readUvarint(b, idx + META_SIZE + 1, idx + META_SIZE + 1 + MAX_CHUNK_LENGTH_FIELD_SIZE);
    if (n <= 0) return result(`reading chunk length failed with ${n}`);
    const dataStart = idx + META_SIZE + 1 + n;
    const dataEnd = dataStart + dataLen;
    if (dataEnd + CRC_SIZE > fileEnd) {
      return result(
        `head chunk file doesn't include enough bytes to read the chunk header - required:${dataEnd + CRC_SIZE}, available:${fileEnd}, file:${seq}`,
      );
    }
    const bad = checksumError(b, idx, dataEnd, dataEnd);
    if (bad !== null) return result(`chunk at offset ${idx}: ${bad}`);
    const numSamples = dataLen >= 2 ? v.getUint16(dataStart) : 0;
    const chunkRef = seq * TWO32 + idx;
    idx = dataEnd + CRC_SIZE;
    if (maxt > fileMaxt) fileMaxt = maxt;
    fn(seriesRef, chunkRef, mint, maxt, numSamples, enc & 0x7f, (enc & 0x80) !== 0);
  }
  return result(null);
}
