/**
 * The generic querier over a BlockReader (a persisted block or the head): series selected by
 * postingsForMatchers, chunk metas outside [mint, maxt] or entirely deleted dropped, samples
 * trimmed to the range and tombstones applied while iterating (Prometheus blockQuerier).
 */
import { Labels, type Matcher } from '../../model/labels/index.js';
import type { LabelHints, Querier, SampleIterator, SelectHints, Series, SeriesSet } from '../../storage/index.js';
import type { ChunkMeta, ChunkReader } from '../chunks/index.js';
import {
  labelNamesWithMatchers,
  labelValuesWithMatchers,
  postingsForMatchers,
  type IndexReader,
  type Postings,
} from '../index/index.js';
import { addInterval, isSubrange, type Interval, type TombstoneReader } from '../tombstones/index.js';
import type { BlockReader } from './block-reader.js';
import { emptyIterator, PopulateWithDelSeriesIterator } from './series-iterator.js';

class BlockSeries implements Series {
  constructor(
    readonly labels: Labels,
    private readonly cr: ChunkReader | null,
    private readonly chunks: ChunkMeta[],
    private readonly intervals: Interval[],
    private readonly blockID: string,
  ) {}

  iterator(): SampleIterator {
    if (this.cr === null) return emptyIterator();
    return new PopulateWithDelSeriesIterator(this.cr, this.chunks, this.intervals, this.blockID);
  }
}

/** Series of a postings list with their chunks pre-filtered to [mint, maxt] and tombstones. */
export class BlockSeriesSet implements SeriesSet {
  private cur: BlockSeries | null = null;
  private error: Error | null = null;
  private readonly buf: { labels: Labels; chunks: ChunkMeta[] } = { labels: Labels.EMPTY, chunks: [] };

  constructor(
    private readonly ix: IndexReader,
    /** null: labels only (hints.func === "series"). */
    private readonly cr: ChunkReader | null,
    private readonly tombstones: TombstoneReader,
    private readonly p: Postings,
    private readonly mint: number,
    private readonly maxt: number,
    private readonly blockID = '',
  ) {}

  next(): boolean {
    if (this.error !== null) return false;
    try {
      return this.advance();
    } catch (e) {
      this.error = e instanceof Error ? e : new Error(String(e));
      return false;
    }
  }

  private advance(): boolean {
    const { mint, maxt } = this;
    while (this.p.next()) {
      const ref = this.p.at();
      if (!this.ix.series(ref, this.buf)) continue; // stale postings
      const all = this.buf.chunks;
      if (all.length === 0) continue;
      let intervals = this.tombstones.get(ref);
      let trimFront = false;
      let trimBack = false;
      const chks: ChunkMeta[] = [];
      for (const c of all) {
        if (c.maxTime < mint || c.minTime > maxt) continue;
        if (intervals.length > 0 && isSubrange({ mint: c.minTime, maxt: c.maxTime }, intervals)) continue;
        chks.push(c);
        if (c.minTime < mint) trimFront = true;
        if (c.maxTime > maxt) trimBack = true;
      }
      if (chks.length === 0) continue;
      if (trimFront) intervals = addInterval(intervals.slice(), { mint: -Infinity, maxt: mint - 1 });
      if (trimBack) intervals = addInterval(intervals.slice(), { mint: maxt + 1, maxt: Infinity });
      this.cur = new BlockSeries(this.buf.labels, this.cr, chks, intervals, this.blockID);
      return true;
    }
    this.error = this.p.err();
    return false;
  }

  at(): Series {
    return this.cur as BlockSeries;
  }

  err(): Error | null {
    return this.error;
  }

  warnings(): string[] {
    return [];
  }
}

class ErrSeriesSet implements SeriesSet {
  constructor(private readonly e: Error) {}
  next(): boolean {
    return false;
  }
  at(): Series {
    throw this.e;
  }
  err(): Error | null {
    return this.e;
  }
  warnings(): string[] {
    return [];
  }
}

/** A series set that yields nothing and reports err. */
export function errSeriesSet(err: Error): SeriesSet {
  return new ErrSeriesSet(err);
}

class BlockQuerier implements Querier {
  private closed = false;

  constructor(
    private readonly b: BlockReader,
    private readonly mint: number,
    private readonly maxt: number,
    private readonly onClose: (() => void) | null,
  ) {}

  select(sortSeries: boolean, hints: SelectHints | null, ...matchers: Matcher[]): SeriesSet {
    const ix = this.b.index();
    let p: Postings;
    try {
      p = postingsForMatchers(ix, ...matchers);
    } catch (e) {
      return errSeriesSet(e instanceof Error ? e : new Error(String(e)));
    }
    if (sortSeries) p = ix.sortedPostings(p);
    let { mint, maxt } = this;
    if (hints !== null) {
      mint = hints.start;
      maxt = hints.end;
    }
    const cr = hints?.func === 'series' ? null : this.b.chunks();
    return new BlockSeriesSet(ix, cr, this.b.tombstones(), p, mint, maxt, this.b.meta().ulid);
  }

  labelValues(name: string, hints: LabelHints | null, ...matchers: Matcher[]): string[] {
    const limit = hints?.limit ?? 0;
    const ix = this.b.index();
    if (matchers.length === 0) {
      const vs = ix.sortedLabelValues(name);
      return limit > 0 && vs.length > limit ? vs.slice(0, limit) : vs;
    }
    return labelValuesWithMatchers(ix, name, limit, ...matchers);
  }

  labelNames(hints: LabelHints | null, ...matchers: Matcher[]): string[] {
    const ix = this.b.index();
    const names = matchers.length === 0 ? ix.labelNames() : labelNamesWithMatchers(ix, ...matchers);
    const limit = hints?.limit ?? 0;
    return limit > 0 && names.length > limit ? names.slice(0, limit) : names;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose?.();
  }
}

/**
 * A querier over [mint, maxt] (inclusive, ms) of a block reader. onClose runs once when the
 * querier is closed (a Block uses it to track pending readers).
 */
export function blockQuerier(reader: BlockReader, mint: number, maxt: number, onClose: (() => void) | null = null): Querier {
  return new BlockQuerier(reader, mint, maxt, onClose);
}
