/**
 * Sample cursors over a series' chunks in a block: chunks are decoded one at a time and samples
 * inside deleted intervals (tombstones, or trimming to the query range) are skipped
 * (Prometheus populateWithDelSeriesIterator and DeletedIterator).
 */
import type { FloatHistogram } from '../../model/value/index.js';
import { ValueType, type SampleIterator } from '../../storage/index.js';
import type { ChunkMeta, ChunkReader } from '../chunks/index.js';
import { addInterval, type Interval } from '../tombstones/index.js';

/** Wraps an iterator and skips samples inside sorted, non-overlapping deleted intervals. */
export class DeletedIterator implements SampleIterator {
  private k = 0;

  constructor(
    private readonly it: SampleIterator,
    private readonly intervals: readonly Interval[],
  ) {}

  next(): ValueType {
    const ivs = this.intervals;
    outer: for (let vt = this.it.next(); vt !== ValueType.None; vt = this.it.next()) {
      const t = this.it.atT();
      while (this.k < ivs.length) {
        const iv = ivs[this.k] as Interval;
        if (t >= iv.mint && t <= iv.maxt) continue outer;
        if (t <= iv.maxt) return vt;
        this.k++;
      }
      return vt;
    }
    return ValueType.None;
  }

  seek(t: number): ValueType {
    if (this.it.err()) return ValueType.None;
    const vt = this.it.seek(t);
    if (vt === ValueType.None) return vt;
    const ts = this.it.atT();
    const ivs = this.intervals;
    while (this.k < ivs.length) {
      const iv = ivs[this.k] as Interval;
      if (ts < iv.mint) return vt;
      if (ts > iv.maxt) {
        this.k++;
        continue;
      }
      return this.next();
    }
    return vt;
  }

  atT(): number {
    return this.it.atT();
  }
  atF(): number {
    return this.it.atF();
  }
  atFloatHistogram(): FloatHistogram {
    return this.it.atFloatHistogram();
  }
  atST(): number {
    return this.it.atST();
  }
  err(): Error | null {
    return this.it.err();
  }
}

class EmptyIterator implements SampleIterator {
  constructor(private readonly e: Error | null = null) {}
  next(): ValueType {
    return ValueType.None;
  }
  seek(): ValueType {
    return ValueType.None;
  }
  atT(): number {
    return 0;
  }
  atF(): number {
    return 0;
  }
  atFloatHistogram(): FloatHistogram {
    throw new Error('empty iterator has no histogram');
  }
  atST(): number {
    return 0;
  }
  err(): Error | null {
    return this.e;
  }
}

/** An iterator without samples (optionally carrying an error). */
export function emptyIterator(err: Error | null = null): SampleIterator {
  return new EmptyIterator(err);
}

/** Error raised when a chunk referenced by the index cannot be read. */
export class ChunkPopulateError extends Error {
  override name = 'ChunkPopulateError';
}

/**
 * Iterates the samples of chunk metas (sorted by time, pre-filtered so none is entirely deleted),
 * reading each chunk when reached and applying the deletion intervals that overlap it.
 */
export class PopulateWithDelSeriesIterator implements SampleIterator {
  private i = -1;
  private curr: SampleIterator | null = null;
  private error: Error | null = null;

  constructor(
    private readonly cr: ChunkReader,
    private readonly metas: readonly ChunkMeta[],
    private readonly intervals: readonly Interval[],
    private readonly blockID = '',
  ) {}

  /** Opens the next chunk; false at the end or on error. */
  private nextChunk(): boolean {
    if (this.error !== null || this.i >= this.metas.length - 1) return false;
    this.i++;
    const meta = this.metas[this.i] as ChunkMeta;
    let dels: Interval[] | null = null;
    for (const iv of this.intervals) {
      if (meta.minTime <= iv.maxt && iv.mint <= meta.maxTime) dels = addInterval(dels ?? [], iv);
    }
    let it: SampleIterator;
    try {
      it = (meta.chunk ?? this.cr.chunk(meta)).iterator();
    } catch (e) {
      const blk = this.blockID === '' ? '' : ` from block ${this.blockID}`;
      this.error = new ChunkPopulateError(`cannot populate chunk ${meta.ref}${blk}: ${(e as Error).message}`, { cause: e });
      this.curr = null;
      return false;
    }
    this.curr = dels === null ? it : new DeletedIterator(it, dels);
    return true;
  }

  next(): ValueType {
    if (this.curr !== null) {
      const vt = this.curr.next();
      if (vt !== ValueType.None) return vt;
      if (this.curr.err()) return ValueType.None;
    }
    while (this.nextChunk()) {
      const vt = (this.curr as SampleIterator).next();
      if (vt !== ValueType.None) return vt;
      if ((this.curr as SampleIterator).err()) return ValueType.None;
    }
    return ValueType.None;
  }

  seek(t: number): ValueType {
    if (this.curr !== null) {
      const vt = this.curr.seek(t);
      if (vt !== ValueType.None) return vt;
      if (this.curr.err()) return ValueType.None;
    }
    // Skip whole chunks that end before t without decoding them.
    while (this.i + 1 < this.metas.length && (this.metas[this.i + 1] as ChunkMeta).maxTime < t) this.i++;
    while (this.nextChunk()) {
      const vt = (this.curr as SampleIterator).seek(t);
      if (vt !== ValueType.None) return vt;
      if ((this.curr as SampleIterator).err()) return ValueType.None;
    }
    return ValueType.None;
  }

  atT(): number {
    return (this.curr as SampleIterator).atT();
  }
  atF(): number {
    return (this.curr as SampleIterator).atF();
  }
  atFloatHistogram(): FloatHistogram {
    return (this.curr as SampleIterator).atFloatHistogram();
  }
  atST(): number {
    return (this.curr as SampleIterator).atST();
  }
  err(): Error | null {
    return this.error ?? this.curr?.err() ?? null;
  }
}
