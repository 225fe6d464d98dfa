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

export class ScrapeCache implements MetadataStore {
  /** Current scrape iteration. */
  iter = 0;
  /** Cached series seen (touched) in the current iteration, to skip needless flush walks. */
  private touched = 0;
  private successfulCount = 0;
  readonly series = new Map<string, CacheEntry>();
  private readonly dropped = new Map<string, number>();
  /** The synthetic series (up, scrape_duration_seconds, ...), by name. */
  readonly report = new Map<string, CacheEntry>();
  /**
   * Series seen in this and the previous scrape, for staleness. Keyed by storage ref as upstream,
   * or by the label set when the storage hands out no refs (ref 0).
   */
  private seriesCur = new Map<SeriesRef | string, CacheEntry>();
  private seriesPrev = new Map<SeriesRef | string, CacheEntry>();
  private readonly metadata = new Map<string, MetaEntry>();

  addRef(key: string, ref: SeriesRef, lset: Labels): CacheEntry {
    const ce: CacheEntry = { ref, lastIter: this.iter, lset };
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

  /** Points an entry at a new ref, keeping its staleness tracking (upstream updateRef). */
  updateRef(ce: CacheEntry, ref: SeriesRef): void {
    if (ce.ref === ref) return;
    const oldKey = stalenessKey(ce);
    ce.ref = ref;
    const newKey = stalenessKey(ce);
    for (const m of [this.seriesPrev, this.seriesCur]) {
      if (m.get(oldKey) === ce) {
        m.delete(oldKey);
        m.set(newKey, ce);
      }
    }
  }

  trackStaleness(ce: CacheEntry): void {
    this.seriesCur.set(stalenessKey(ce), ce);
  }

  /** Calls f for every series seen in the previous scrape but not this one; f returns false to stop. */
  forEachStale(f: (ref: SeriesRef, lset: Labels) => boolean): void {
    for (const [k, ce] of this.seriesPrev) {
      if (!this.seriesCur.has(k) && !f(ce.ref, ce.lset)) break;
    }
  }

  /** The series tracked for staleness in the last completed scrape (they get markers when the target goes). */
  trackedCount(): number {
    return this.seriesPrev.size;
  }

  /** Ends a scrape: flushes entries not seen lately (always after a success) and swaps the staleness sets. */
  iterDone(flush: boolean): void {
    const count = this.series.size + this.dropped.size + this.metadata.size;
    if (flush) this.successfulCount = count;
    else if (count > this.successfulCount * 2 + 1000) flush = true;
    if (flush) {
      // Every entry seen this scrape: nothing to delete, skip the walk.
      if (this.touched !== this.series.size) {
        for (const [k, e] of this.series) if (e.lastIter !== this.iter) this.series.delete(k);
      }
      for (const [k, it] of this.dropped) if (it !== this.iter) this.dropped.delete(k);
      for (const [k, e] of this.metadata) if (this.iter - e.lastIter > 10) this.metadata.delete(k);
    }
    const prev = this.seriesPrev;
    this.seriesPrev = this.seriesCur;
    this.seriesCur = prev;
    this.seriesCur.clear();
    this.iter++;
    this.touched = 0;
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
