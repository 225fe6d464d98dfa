/**
 * The head's chunk files in chunks_head/ (Prometheus chunks.ChunkDiskMapper): full head chunks are
 * written here once cut, so they leave memory and survive a restart. Each record is series ref,
 * mint, maxt (8 bytes each, big-endian), encoding byte (top bit = out-of-order), uvarint length,
 * data, and a CRC-32C over all of it. A ref is file sequence * 2^32 + offset.
 *
 * Writes are synchronous positional writes (durable in the page cache, so a kill -9 keeps them);
 * reads are positional reads of one record, so the files are not held in memory.
 */
import * as fs from 'node:fs';
import { chunkFromData, ChunkError, type Chunk, type Encoding } from '../chunkenc/index.js';
import { crc32c } from '../encoding/index.js';
import { ChunkDiskMapperClosedError, CorruptionError } from './errors.js';
import {
  CRC_SIZE,
  MAGIC_HEAD_CHUNKS,
  MAX_CHUNK_LENGTH_FIELD_SIZE,
  SEGMENT_HEADER_SIZE,
  TWO32,
  checkSegmentHeader,
  checksumError,
  listSequenceFiles,
  putUvarint,
  readUvarint,
  segmentFileName,
  segmentHeader,
  uvarintSize,
  writeFully,
} from './segment-files.js';
import { syncDir } from './writer.js';
import { scanHeadChunkFile, type HeadChunkVisitor } from './head-chunks-scan.js';

export const MAX_HEAD_CHUNK_FILE_SIZE = 128 * 1024 * 1024;
/** Series ref, mint, maxt. */
const META_SIZE = 24;
const OUT_OF_ORDER_MASK = 0x80;
/** Bytes read in one go when fetching a chunk; most head chunks fit. */
const READ_AHEAD = 512;

export type { HeadChunkVisitor } from './head-chunks-scan.js';

export interface ChunkDiskMapperLogger {
  warn(msg: string): void;
}

export interface ChunkDiskMapperOptions {
  /** Maximum file size in bytes (default 128 MiB). */
  maxFileSize?: number;
  /** Receives repair warnings (default: console). */
  logger?: ChunkDiskMapperLogger;
}

interface HeadFile {
  seq: number;
  path: string;
  size: number;
  /** Highest maxt of the file's chunks; valid when maxtKnown. */
  maxt: number;
  maxtKnown: boolean;
  fd: number;
}

export class ChunkDiskMapper {
  private readonly files = new Map<number, HeadFile>();
  private readonly maxFileSize: number;
  private readonly logger: ChunkDiskMapperLogger;
  private cur: HeadFile | null = null;
  private cutPending = false;
  private closed = false;
  private scratch = new Uint8Array(1024);
  private scratchView = new DataView(this.scratch.buffer);

  /** Opens (creating it if needed) a chunks_head directory; removes an empty/torn last file. */
  constructor(
    readonly dir: string,
    opts: ChunkDiskMapperOptions = {},
  ) {
    this.maxFileSize = opts.maxFileSize ?? MAX_HEAD_CHUNK_FILE_SIZE;
    this.logger = opts.logger ?? { warn: (m) => console.warn(m) };
    fs.mkdirSync(dir, { recursive: true });
    const files = listSequenceFiles(dir);
    this.repairLastFile(files);
    for (let i = 1; i < files.length; i++) {
      const prev = files[i - 1] as { seq: number; path: string };
      const f = files[i] as { seq: number; path: string };
      if (f.seq !== prev.seq + 1) {
        throw new CorruptionError(
          f.path,
          f.seq,
          `found unsequential head chunk files ${prev.path} (index: ${prev.seq}) and ${f.path} (index: ${f.seq})`,
        );
      }
    }
    for (const { seq, path } of files) {
      const fd = fs.openSync(path, 'r');
      const size = fs.fstatSync(fd).size;
      const head = new Uint8Array(SEGMENT_HEADER_SIZE);
      const got = fs.readSync(fd, head, 0, SEGMENT_HEADER_SIZE, 0);
      try {
        checkSegmentHeader(head, Math.min(size, got), MAGIC_HEAD_CHUNKS, path, seq);
      } catch (e) {
        fs.closeSync(fd);
        this.closeAll();
        throw e;
      }
      this.files.set(seq, { seq, path, size, maxt: 0, maxtKnown: false, fd });
    }
  }

  /** Deletes the last file if it is too short for a header or starts with zeros (a torn cut). */
  private repairLastFile(files: { seq: number; path: string }[]): void {
    const last = files[files.length - 1];
    if (last === undefined) return;
    const fd = fs.openSync(last.path, 'r');
    const head = new Uint8Array(SEGMENT_HEADER_SIZE);
    let got: number;
    try {
      got = fs.readSync(fd, head, 0, SEGMENT_HEADER_SIZE, 0);
    } finally {
      fs.closeSync(fd);
    }
    const magic = new DataView(head.buffer).getUint32(0);
    if (got < SEGMENT_HEADER_SIZE || magic === 0) {
      this.logger.warn(`removing empty or torn head chunk file ${last.path} (${got} bytes of header)`);
      fs.rmSync(last.path, { force: true });
      files.pop();
    }
  }

  /**
   * Writes a cut head chunk and returns its ref. A new file is started when this one would pass
   * the size limit, after cutNewFile(), and for the first chunk after opening.
   */
  writeChunk(seriesRef: number, mint: number, maxt: number, chunk: Chunk, isOOO = false): number {
    if (this.closed) throw new ChunkDiskMapperClosedError();
    const data = chunk.bytes();
    const total = META_SIZE + 1 + uvarintSize(data.length) + data.length + CRC_SIZE;
    let cur = this.cur;
    if (cur === null || this.cutPending || (cur.size + total > this.maxFileSize && cur.size > SEGMENT_HEADER_SIZE)) {
      cur = this.cut();
    }
    const off = cur.size;
    if (this.scratch.length < total) {
      this.scratch = new Uint8Array(Math.max(total, this.scratch.length * 2));
      this.scratchView = new DataView(this.scratch.buffer);
    }
    const b = this.scratch;
    const v = this.scratchView;
    putInt64(v, 0, seriesRef);
    putInt64(v, 8, mint);
    putInt64(v, 16, maxt);
    b[META_SIZE] = isOOO ? chunk.encoding() | OUT_OF_ORDER_MASK : chunk.encoding();
    let p = putUvarint(b, META_SIZE + 1, data.length);
    b.set(data, p);
    p += data.length;
    v.setUint32(p, crc32c(b, 0, p));
    writeFully(cur.fd, b.subarray(0, total), off);
    cur.size = off + total;
    if (maxt > cur.maxt) cur.maxt = maxt;
    return cur.seq * TWO32 + off;
  }

  /** The next chunk goes into a new file. */
  cutNewFile(): void {
    this.cutPending = true;
  }

  private cut(): HeadFile {
    if (this.cur !== null) fs.fsyncSync(this.cur.fd);
    const onDisk = listSequenceFiles(this.dir);
    let seq = 1;
    for (const f of onDisk) if (f.seq >= seq) seq = f.seq + 1;
    for (const s of this.files.keys()) if (s >= seq) seq = s + 1;
    const path = segmentFileName(this.dir, seq);
    const fd = fs.openSync(path, 'w+');
    syncDir(this.dir);
    writeFully(fd, segmentHeader(MAGIC_HEAD_CHUNKS), 0);
    const f: HeadFile = { seq, path, size: SEGMENT_HEADER_SIZE, maxt: 0, maxtKnown: true, fd };
    this.files.set(seq, f);
    this.cur = f;
    this.cutPending = false;
    return f;
  }

  /** Reads the chunk at ref (a fresh copy). Throws CorruptionError naming the file. */
  chunk(ref: number): Chunk {
    if (this.closed) throw new ChunkDiskMapperClosedError();
    const seq = Math.floor(ref / TWO32);
    const off = ref - seq * TWO32;
    const f = this.files.get(seq);
    if (f === undefined) {
      const cur = this.cur === null ? 0 : this.cur.seq;
      const msg = seq > cur ? `head chunk file index ${seq} more than current open file` : `head chunk file index ${seq} does not exist on disk`;
      throw new CorruptionError(segmentFileName(this.dir, seq), seq, msg);
    }
    const fail = (msg: string): CorruptionError => new CorruptionError(f.path, seq, msg);
    const lenAt = off + META_SIZE + 1;
    if (lenAt + MAX_CHUNK_LENGTH_FIELD_SIZE > f.size) {
      throw fail(
        `head chunk file doesn't include enough bytes to read the chunk size data field - required:${lenAt + MAX_CHUNK_LENGTH_FIELD_SIZE}, available:${f.size}`,
      );
    }
    let buf = new Uint8Array(Math.min(READ_AHEAD, f.size - off));
    readFully(f, buf, off);
    const [dataLen, n] = readUvarint(buf, META_SIZE + 1, META_SIZE + 1 + MAX_CHUNK_LENGTH_FIELD_SIZE);
    if (n <= 0) throw fail(`reading chunk length failed with ${n}`);
    const dataStart = META_SIZE + 1 + n;
    const recLen = dataStart + dataLen + CRC_SIZE;
    if (off + recLen > f.size) {
      throw fail(`head chunk file doesn't include enough bytes to read the chunk - required:${off + recLen}, available:${f.size}`);
    }
    if (recLen > buf.length) {
      const whole = new Uint8Array(recLen);
      whole.set(buf);
      readFully(f, whole.subarray(buf.length), off + buf.length);
      buf = whole;
    }
    const bad = checksumError(buf, 0, dataStart + dataLen, dataStart + dataLen);
    if (bad !== null) throw fail(`chunk at offset ${off}: ${bad}`);
    try {
      return chunkFromData(((buf[META_SIZE] as number) & ~OUT_OF_ORDER_MASK) as Encoding, buf.subarray(dataStart, dataStart + dataLen));
    } catch (e) {
      if (e instanceof ChunkError) throw fail(`chunk at offset ${off}: ${e.message}`);
      throw e;
    }
  }

  /**
   * Calls fn for every chunk of every file in order (replay at startup). A torn or corrupt tail of
   * the last file is cut off with a warning; corruption in an earlier file throws a
   * CorruptionError (see deleteCorrupted).
   */
  iterateAllChunks(fn: HeadChunkVisitor): void {
    if (this.closed) throw new ChunkDiskMapperClosedError();
    const seqs = [...this.files.keys()].sort((a, b) => a - b);
    const lastSeq = seqs[seqs.length - 1];
    for (const seq of seqs) {
      const f = this.files.get(seq) as HeadFile;
      const bytes = this.readWhole(f);
      const res = scanHeadChunkFile(bytes, f.size, seq, fn);
      f.maxt = res.maxt;
      f.maxtKnown = true;
      if (res.error === null) continue;
      if (seq !== lastSeq || f === this.cur) throw new CorruptionError(f.path, seq, res.error);
      this.logger.warn(
        `head chunk file ${f.path}: ${res.error}; truncating it from offset ${res.goodEnd} (was ${f.size} bytes)`,
      );
      fs.truncateSync(f.path, res.goodEnd);
      f.size = res.goodEnd;
    }
  }

  private readWhole(f: HeadFile): Uint8Array {
    const b = new Uint8Array(f.size);
    readFully(f, b, 0);
    return b;
  }

  private ensureMaxt(f: HeadFile): void {
    if (f.maxtKnown) return;
    const res = scanHeadChunkFile(this.readWhole(f), f.size, f.seq, () => {});
    f.maxt = res.maxt;
    f.maxtKnown = true;
  }

  /**
   * Deletes the oldest files whose chunks all end before mint (Prometheus 2.42's
   * Truncate(mint)); stops at the first file that must stay and never deletes the current file.
   */
  truncate(beforeMint: number): void {
    if (this.closed) throw new ChunkDiskMapperClosedError();
    const seqs = [...this.files.keys()].sort((a, b) => a - b);
    const remove: number[] = [];
    for (const seq of seqs) {
      const f = this.files.get(seq) as HeadFile;
      if (f === this.cur) break;
      this.ensureMaxt(f);
      if (f.maxt >= beforeMint) break;
      remove.push(seq);
    }
    this.finishTruncate(remove);
  }

  /** Deletes the files with a sequence number below fileNo (newer upstream Truncate(fileNo)). */
  truncateBeforeFile(fileNo: number): void {
    if (this.closed) throw new ChunkDiskMapperClosedError();
    const seqs = [...this.files.keys()].sort((a, b) => a - b);
    const remove: number[] = [];
    for (const seq of seqs) {
      if (this.files.get(seq) === this.cur || seq >= fileNo) break;
      remove.push(seq);
    }
    this.finishTruncate(remove);
  }

  private finishTruncate(remove: number[]): void {
    // New chunks go to a new file so the current one can be deleted later.
    if (this.cur !== null && this.cur.size > SEGMENT_HEADER_SIZE) this.cutNewFile();
    this.deleteFiles(remove);
  }

  private deleteFiles(seqs: number[]): void {
    for (const seq of seqs.sort((a, b) => a - b)) {
      const f = this.files.get(seq);
      if (f === undefined) continue;
      fs.closeSync(f.fd);
      this.files.delete(seq);
      if (f === this.cur) this.cur = null;
      fs.rmSync(f.path, { force: true });
    }
  }

  /** Deletes the file named by a CorruptionError from iterateAllChunks/chunk and every later one. */
  deleteCorrupted(err: CorruptionError): void {
    if (this.closed) throw new ChunkDiskMapperClosedError();
    this.deleteFiles([...this.files.keys()].filter((s) => s >= err.fileIndex));
  }

  /** Total bytes of the chunk files. */
  size(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.size;
    return n;
  }

  /** Sequence numbers of the files (for tests and stats). */
  fileSequences(): number[] {
    return [...this.files.keys()].sort((a, b) => a - b);
  }

  /** Syncs the current file and closes every file. Later calls throw ChunkDiskMapperClosedError. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.cur !== null) fs.fsyncSync(this.cur.fd);
    this.closeAll();
  }

  private closeAll(): void {
    for (const f of this.files.values()) fs.closeSync(f.fd);
    this.files.clear();
    this.cur = null;
  }
}

function putInt64(v: DataView, off: number, x: number): void {
  const hi = Math.floor(x / TWO32);
  v.setInt32(off, hi);
  v.setUint32(off + 4, x - hi * TWO32);
}

function readFully(f: HeadFile, b: Uint8Array, position: number): void {
  let done = 0;
  while (done < b.length) {
    const n = fs.readSync(f.fd, b, done, b.length - done, position + done);
    if (n === 0) throw new CorruptionError(f.path, f.seq, `short read at offset ${position + done}`);
    done += n;
  }
}
