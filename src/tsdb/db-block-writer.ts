/**
 * Writes one block from appended samples without a DB (Prometheus tsdb.BlockWriter, used by
 * backfilling): samples go to a WAL-less head in a temporary directory; flush() persists the
 * head as a level-1 block in the destination directory.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Appender } from '../storage/index.js';
import { LeveledCompactor } from './compact/index.js';
import { nopTSDBLogger, type TSDBLogger } from './db-options.js';
import { Head } from './head/index.js';

/** Flush found nothing to write (tsdb.ErrNoSeriesAppended). */
export class NoSeriesAppendedError extends Error {
  override name = 'NoSeriesAppendedError';
  constructor() {
    super('no series appended, aborting');
  }
}

export class BlockWriter {
  private readonly tmp: string;
  private readonly head: Head;
  private closed = false;

  /** blockSize is the head's chunk range: samples may reach back half of it from the newest. */
  constructor(
    private readonly dest: string,
    blockSize: number,
    private readonly logger: TSDBLogger = nopTSDBLogger,
  ) {
    this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-head-'));
    try {
      this.head = Head.open({ dir: this.tmp, chunkRange: blockSize, noWal: true, logger });
    } catch (e) {
      fs.rmSync(this.tmp, { recursive: true, force: true });
      throw e;
    }
  }

  appender(): Appender {
    return this.head.appender();
  }

  /** Writes the appended samples as a block; returns its ULID. */
  async flush(): Promise<string> {
    const h = this.head;
    if (h.numSeries() === 0 || !h.initialized()) throw new NoSeriesAppendedError();
    const mint = h.minTime();
    const maxt = h.maxTime() + 1;
    const compactor = new LeveledCompactor({ ranges: [h.chunkRange], logger: this.logger });
    const ulid = await compactor.write(this.dest, h, mint, maxt);
    if (ulid === null) throw new NoSeriesAppendedError();
    return ulid;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.head.close();
    fs.rmSync(this.tmp, { recursive: true, force: true });
  }
}
