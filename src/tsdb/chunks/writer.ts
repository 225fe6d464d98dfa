/**
 * Writes a block's chunks/ directory: numbered segment files of at most 512 MiB, each chunk as
 * uvarint length, encoding byte, data, and a CRC-32C of encoding+data (Prometheus chunks.Writer).
 */
import * as fs from 'node:fs';
import type { ChunkMeta } from './meta.js';
import {
  CRC_SIZE,
  MAGIC_CHUNKS,
  MAX_CHUNK_LENGTH_FIELD_SIZE,
  SEGMENT_HEADER_SIZE,
  TWO32,
  listSequenceFiles,
  putUvarint,
  segmentFileName,
  segmentHeader,
  writeFully,
} from './segment-files.js';
import { crc32c } from '../encoding/index.js';

export const DEFAULT_CHUNK_SEGMENT_SIZE = 512 * 1024 * 1024;
const WRITE_BUFFER_SIZE = 1024 * 1024;

export interface ChunkWriterOptions {
  /** Maximum segment file size in bytes (default 512 MiB); <= 0 means the default. */
  segmentSize?: number;
}

export class ChunkWriter {
  private readonly segmentSize: number;
  private fd = -1;
  /** Index of the current segment among the files this writer made (the ref's upper half). */
  private seq = -1;
  /** Bytes in the current segment, buffered ones included. */
  private n = 0;
  private readonly wbuf = new Uint8Array(WRITE_BUFFER_SIZE);
  private wlen = 0;
  private readonly scratch = new Uint8Array(MAX_CHUNK_LENGTH_FIELD_SIZE + 1);
  private readonly scratchView = new DataView(this.scratch.buffer);
  private closed = false;

  constructor(
    readonly dir: string,
    opts: ChunkWriterOptions = {},
  ) {
    this.segmentSize = opts.segmentSize !== undefined && opts.segmentSize > 0 ? opts.segmentSize : DEFAULT_CHUNK_SEGMENT_SIZE;
    fs.mkdirSync(dir, { recursive: true });
  }

  /**
   * Writes the chunks in order and sets each meta's ref (segment index * 2^32 + offset). Cuts a new
   * segment when the next chunk would not fit (a chunk larger than a segment gets its own).
   */
  writeChunks(...chks: ChunkMeta[]): void {
    if (this.closed) throw new Error('chunk writer closed');
    if (this.n === 0) this.cut();
    // Upstream estimates each chunk with the widest length field; decisions follow that estimate.
    let base = this.n > SEGMENT_HEADER_SIZE ? this.n : SEGMENT_HEADER_SIZE;
    let mayCutFirst = this.n > SEGMENT_HEADER_SIZE;
    let batch = 0;
    for (let i = 0; i < chks.length; i++) {
      const meta = chks[i] as ChunkMeta;
      const chunk = meta.chunk;
      if (chunk === null) throw new Error(`chunk writer: chunk ${i} has no data`);
      const est = MAX_CHUNK_LENGTH_FIELD_SIZE + 1 + chunk.bytes().length + CRC_SIZE;
      batch += est;
      if ((i !== 0 || mayCutFirst) && base + batch > this.segmentSize) {
        this.cut();
        base = SEGMENT_HEADER_SIZE;
        mayCutFirst = false;
        batch = est;
      }
      this.writeOne(meta);
    }
  }

  private writeOne(meta: ChunkMeta): void {
    const chunk = meta.chunk;
    if (chunk === null) return;
    const data = chunk.bytes();
    meta.ref = this.seq * TWO32 + this.n;
    const head = this.scratch;
    const hl = putUvarint(head, 0, data.length);
    head[hl] = chunk.encoding();
    const crc = crc32c(data, 0, data.length, crc32c(head, hl, hl + 1));
    this.write(head.subarray(0, hl + 1));
    this.write(data);
    this.scratchView.setUint32(0, crc);
    this.write(head.subarray(0, CRC_SIZE));
  }

  private write(b: Uint8Array): void {
    this.n += b.length;
    if (this.wlen + b.length > this.wbuf.length) {
      this.flush();
      if (b.length > this.wbuf.length) {
        writeFully(this.fd, b, null);
        return;
      }
    }
    this.wbuf.set(b, this.wlen);
    this.wlen += b.length;
  }

  private flush(): void {
    if (this.wlen > 0) writeFully(this.fd, this.wbuf.subarray(0, this.wlen), null);
    this.wlen = 0;
  }

  private finalizeTail(): void {
    if (this.fd < 0) return;
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = -1;
  }

  private cut(): void {
    this.finalizeTail();
    const files = listSequenceFiles(this.dir);
    const next = files.length > 0 ? (files[files.length - 1] as { seq: number }).seq + 1 : 1;
    this.fd = fs.openSync(segmentFileName(this.dir, next), 'w');
    syncDir(this.dir);
    this.seq++;
    this.n = 0;
    this.write(segmentHeader(MAGIC_CHUNKS));
  }

  /** Flushes, syncs and closes the last segment. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.finalizeTail();
  }
}

/** fsyncs a directory so a new file's entry is durable. */
export function syncDir(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
