/**
 * Reads chunks of a block's chunks/ directory by reference (Prometheus chunks.Reader). Segment
 * headers are checked on open; a segment's bytes are read whole on first use and chunks are views
 * into them (no copies).
 */
import * as fs from 'node:fs';
import { chunkFromData, ChunkError, type Chunk } from '../chunkenc/index.js';
import type { ChunkMeta, ChunkReader } from './meta.js';
import { CorruptionError } from './errors.js';
import {
  CRC_SIZE,
  MAGIC_CHUNKS,
  MAX_CHUNK_LENGTH_FIELD_SIZE,
  SEGMENT_HEADER_SIZE,
  TWO32,
  checkSegmentHeader,
  checksumError,
  listSequenceFiles,
  readUvarint,
} from './segment-files.js';

interface Segment {
  path: string;
  size: number;
  bytes: Uint8Array | null;
}

export class ChunkDirReader implements ChunkReader {
  private segments: Segment[];
  private readonly totalSize: number;

  /** Opens the numbered segment files of dir; throws CorruptionError on a bad header. */
  constructor(readonly dir: string) {
    this.segments = [];
    let total = 0;
    const files = listSequenceFiles(dir);
    for (let i = 0; i < files.length; i++) {
      const p = (files[i] as { path: string }).path;
      const fd = fs.openSync(p, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        const head = new Uint8Array(SEGMENT_HEADER_SIZE);
        const got = fs.readSync(fd, head, 0, SEGMENT_HEADER_SIZE, 0);
        checkSegmentHeader(head, Math.min(size, got), MAGIC_CHUNKS, p, i);
        this.segments.push({ path: p, size, bytes: null });
        total += size;
      } finally {
        fs.closeSync(fd);
      }
    }
    this.totalSize = total;
  }

  /** Total bytes of the segment files. */
  size(): number {
    return this.totalSize;
  }

  chunk(meta: ChunkMeta): Chunk {
    const ref = meta.ref;
    const sgm = Math.floor(ref / TWO32);
    const start = ref - sgm * TWO32;
    const seg = this.segments[sgm];
    if (seg === undefined) {
      throw new CorruptionError(this.dir, sgm, `segment index ${sgm} out of range`);
    }
    const b = this.load(seg);
    const fail = (msg: string): CorruptionError => new CorruptionError(seg.path, sgm, msg);
    if (start + MAX_CHUNK_LENGTH_FIELD_SIZE > b.length) {
      throw fail(
        `segment doesn't include enough bytes to read the chunk size data field - required:${start + MAX_CHUNK_LENGTH_FIELD_SIZE}, available:${b.length}`,
      );
    }
    const [dataLen, n] = readUvarint(b, start, start + MAX_CHUNK_LENGTH_FIELD_SIZE);
    if (n <= 0) throw fail(`reading chunk length failed with ${n}`);
    const encStart = start + n;
    const dataStart = encStart + 1;
    const dataEnd = dataStart + dataLen;
    const end = dataEnd + CRC_SIZE;
    if (end > b.length) {
      throw fail(`segment doesn't include enough bytes to read the chunk - required:${end}, available:${b.length}`);
    }
    const bad = checksumError(b, encStart, dataEnd, dataEnd);
    if (bad !== null) throw fail(`chunk at offset ${start}: ${bad}`);
    try {
      return chunkFromData(b[encStart] as number, b.subarray(dataStart, dataEnd));
    } catch (e) {
      if (e instanceof ChunkError) throw fail(`chunk at offset ${start}: ${e.message}`);
      throw e;
    }
  }

  private load(seg: Segment): Uint8Array {
    if (seg.bytes === null) {
      const b = fs.readFileSync(seg.path);
      seg.bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    }
    return seg.bytes;
  }

  close(): void {
    for (const s of this.segments) s.bytes = null;
  }
}
