/**
 * The scrape cache of one target (upstream scrapeCache): the series text as exposed -> its
 * storage ref and final labels, so an unchanged series costs no label parsing or relabeling;
 * the texts metric relabeling dropped; the refs seen in this and the previous scrape, for
 * staleness; and the metric metadata for the metadata API.
 */
import type { Labels } from '../model/labels/index.js';
import type { SeriesRef } from '../storage/index.js';
import type { MetadataStore, MetricMetadata } from './target.js';

export interface CacheEntry {
  ref: SeriesRef;
  lastIter: number;
  readonly lset: Labels;
  /** The series text as exposed (latin1: one char per byte), the key in ScrapeCache.series. */
  readonly key: string;
  /** Index in the series order of the last successful scrape, or -1. */
  pos: number;
  /** The iteration in which the entry was last tracked for staleness, or -1. */
  staleIter: number;
}

/** A cache entry (all entries share one shape, which keeps property access fast). */
export function newCacheEntry(key: string, ref: SeriesRef, lset: Labels, iter: number): CacheEntry {
  return { ref, lastIter: iter, lset, key, pos: -1, staleIter: -1 };
}


interface MetaEntry {
  type: string;
  help: string;
  unit: string;
  lastIter: number;
}

function stalenessKey(ce: CacheEntry): SeriesRef | string {
  return ce.ref !== 0 ? ce.ref : ce.lset.key();
}

/**
 * The label strings of one target's series, shared between their label sets (StringInterner).
 * Bounded: when it holds `limit` strings (churning label values pile up) it starts afresh.
 */
export class StringPool {
  private readonly pool = new Map<string, string>();
  limit = 4096;
  intern(s: string): string {
    const c = this.pool.get(s);
    if (c !== undefined) return c;
    if (this.pool.size >= this.limit) this.pool.clear();
    this.pool.set(s, s);
    return s;
  }
  get size(): number {
    return this.pool.size;
  }
}

export class ScrapeCache implements MetadataStore {
  /** Current scrape iteration. */
  iter = 0;
  /** Called when failing scrapes made the cache grow so much that it is flushed anyway. */
  private readonly onForcedFlush: (() => void) | undefined;
  /** Cached series seen (touched) in the current iteration, to skip needless flush walks. */
  private touched = 0;
  private successfulCount = 0;
  readonly series = new Map<string, CacheEntry>();
  /** Label strings of this target's series (parsed labels are built from it). */
  readonly strings = new StringPool();
  private readonly dropped = new Map<string, number>();
  /** The synthetic series (up, scrape_duration_seconds, ...), by name. */
  readonly report = new Map<string, CacheEntry>();
  /**
   * Series seen in this and the previous scrape, for staleness: a series is identified by its
   * storage ref as upstream, or by its label set when the storage hands out no refs (ref 0). An
   * entry is in the current set when its staleIter is this iteration; each entry is listed once.
   */
  private staleCur: CacheEntry[] = [];
  private stalePrev: CacheEntry[] = [];
  private readonly metadata = new Map<string, MetaEntry>();
  /**
   * The series in the order the last successful scrape exposed them, and the order being
   * recorded: targets expose series in a stable order, so the next line usually is the entry at
   * the cursor, found by one string comparison instead of a hash lookup.
   */
  private order: CacheEntry[] = [];
  private nextOrder: CacheEntry[] = [];
  private cursor = 0;

  constructor(onForcedFlush?: () => void) {
    this.onForcedFlush = onForcedFlush;
  }

  /** Starts reading a scrape body. */
  beginScrape(): void {
    this.nextOrder.length = 0;
    this.cursor = 0;
  }

  /** The entry for key: the one expected next if it matches, else by lookup (undefined if none). */
  lookup(key: string): CacheEntry | undefined {
    let ce = this.order[this.cursor];
    if (ce !== undefined && ce.key === key) {
      this.cursor++;
      return ce;
    }
    ce = this.series.get(key);
    if (ce !== undefined && ce.pos >= 0 && this.order[ce.pos] === ce) this.cursor = ce.pos + 1;
    return ce;
  }

  /** Records the entry of the current line for the next scrape's predictions. */
  record(ce: CacheEntry): void {
    this.nextOrder.push(ce);
  }

  addRef(key: string, ref: SeriesRef, lset: Labels): CacheEntry {
    const ce = newCacheEntry(key, ref, lset, this.iter);
    if (!this.series.has(key)) this.touched++;
    this.series.set(key, ce);
    return ce;
  }

  addDropped(key: string): void {
    this.dropped.set(key, this.iter);
  }

  getDropped(key: string): boolean {
    if (this.dropped.size === 0 || !this.dropped.has(key)) return false;
    this.dropped.set(key, this.iter);
    return true;
  }

  /** Marks a cached series as seen in this scrape; true if it already was (a duplicate). */
  touch(ce: CacheEntry): boolean {
    if (ce.lastIter === this.iter) return true;
    ce.lastIter = this.iter;
    this.touched++;
    return false;
  }

  /** Points an entry at a new ref; its staleness tracking follows (upstream updateRef). */
  updateRef(ce: CacheEntry, ref: SeriesRef): void {
    ce.ref = ref;
  }

  trackStaleness(ce: CacheEntry): void {
    if (ce.staleIter === this.iter) return;
    ce.staleIter = this.iter;
    this.staleCur.push(ce);
  }

  /** Calls f once for every series seen in the previous scrape but not this one; f returns false to stop. */
  forEachStale(f: (ref: SeriesRef, lset: Labels) => boolean): void {
    let curKeys: Set<SeriesRef | string> | null = null;
    const done = new Set<SeriesRef | string>();
    for (const ce of this.stalePrev) {
      if (ce.staleIter === this.iter) continue;
      // Another entry may stand for the same series (same ref): build the current set once.
      if (curKeys === null) curKeys = new Set(this.staleCur.map(stalenessKey));
      const k = stalenessKey(ce);
      if (curKeys.has(k) || done.has(k)) continue;
      done.add(k);
      if (!f(ce.ref, ce.lset)) break;
    }
  }

  /** The series tracked for staleness in the last completed scrape (they get markers when the target goes). */
  trackedCount(): number {
    return this.stalePrev.length;
  }

  /** Ends a scrape: flushes entries not seen lately (always after a success) and swaps the staleness sets. */
  iterDone(flush: boolean): void {
    this.swapOrder(flush);
    const count = this.series.size + this.dropped.size + this.metadata.size;
    this.strings.limit = Math.max(4096, 4 * this.series.size);
    if (flush) this.successfulCount = count;
    else if (count > this.successfulCount * 2 + 1000) {
      flush = true;
      this.onForcedFlush?.();
    }
    if (flush) {
      // Every entry seen this scrape: nothing to delete, skip the walk.
      if (this.touched !== this.series.size) {
        for (const [k, e] of this.series) if (e.lastIter !== this.iter) this.series.delete(k);
      }
      for (const [k, it] of this.dropped) if (it !== this.iter) this.dropped.delete(k);
      for (const [k, e] of this.metadata) if (this.iter - e.lastIter > 10) this.metadata.delete(k);
    }
    const prev = this.stalePrev;
    this.stalePrev = this.staleCur;
    this.staleCur = prev;
    this.staleCur.length = 0;
    this.iter++;
    this.touched = 0;
  }

  /**
   * After a success the recorded order becomes the reference (every recorded entry was seen in
   * this iteration, so the flush keeps them all); after a failure nothing is kept, as a flush
   * may drop entries.
   */
  private swapOrder(success: boolean): void {
    const old = this.order;
    if (success) {
      this.order = this.nextOrder;
      for (let k = 0; k < this.order.length; k++) (this.order[k] as CacheEntry).pos = k;
      this.nextOrder = old;
    }
    old.length = 0;
    this.nextOrder.length = 0;
    this.cursor = 0;
  }

  private meta(family: string): MetaEntry {
    let e = this.metadata.get(family);
    if (e === undefined) {
      e = { type: 'unknown', help: '', unit: '', lastIter: this.iter };
      this.metadata.set(family, e);
    }
    e.lastIter = this.iter;
    return e;
  }

  setType(family: string, type: string): void {
    this.meta(family).type = type;
  }

  setHelp(family: string, help: string): void {
    this.meta(family).help = help;
  }

  setUnit(family: string, unit: string): void {
    this.meta(family).unit = unit;
  }

  listMetadata(): MetricMetadata[] {
    const out: MetricMetadata[] = [];
    for (const [k, e] of this.metadata) out.push({ metricFamily: k, type: e.type, help: e.help, unit: e.unit });
    return out;
  }

  getMetadata(family: string): MetricMetadata | null {
    const e = this.metadata.get(family);
    return e === undefined ? null : { metricFamily: family, type: e.type, help: e.help, unit: e.unit };
  }
}
