/**
 * Buffered, synchronous append-only file writer with position tracking and zero padding, as
 * the index writer needs it (Prometheus index.FileWriter).
 */
import * as fs from 'node:fs';

const BUF_SIZE = 1 << 20;

export class FileWriter {
  private fd: number | null;
  private readonly buf = Buffer.allocUnsafe(BUF_SIZE);
  private used = 0;
  /** Bytes written so far (including buffered ones). */
  pos = 0;

  constructor(readonly path: string) {
    this.fd = fs.openSync(path, 'w', 0o666);
  }

  write(b: Uint8Array): void {
    if (this.fd === null) throw new Error(`${this.path}: write after close`);
    if (b.length > BUF_SIZE - this.used) {
      this.flush();
      if (b.length > BUF_SIZE) {
        writeAll(this.fd, b);
        this.pos += b.length;
        return;
      }
    }
    this.buf.set(b, this.used);
    this.used += b.length;
    this.pos += b.length;
  }

  /** Pads with zero bytes until pos is a multiple of align. */
  addPadding(align: number): void {
    const p = this.pos % align;
    if (p !== 0) this.write(new Uint8Array(align - p));
  }

  flush(): void {
    if (this.fd === null || this.used === 0) return;
    writeAll(this.fd, this.buf.subarray(0, this.used));
    this.used = 0;
  }

  /** Flushes, fsyncs and closes the file. */
  close(): void {
    if (this.fd === null) return;
    this.flush();
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = null;
  }

  /** Closes without syncing and removes the file (after a failure). */
  abort(): void {
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // Already broken; removal below is what matters.
      }
      this.fd = null;
    }
    fs.rmSync(this.path, { force: true });
  }
}

function writeAll(fd: number, b: Uint8Array): void {
  let off = 0;
  while (off < b.length) off += fs.writeSync(fd, b, off, b.length - off);
}
