/**
 * Merging queriers (Prometheus storage.NewMergeQuerier with ChainedSeriesMerge): sorted series
 * sets of several queriers are merged by labels; a series present in several is read through a
 * chain iterator that merges samples by time and drops duplicate timestamps.
 */
import { compareLabels, type Labels, type Matcher } from '../../model/labels/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import { ValueType, type LabelHints, type Querier, type SampleIterator, type SelectHints, type Series, type SeriesSet } from '../../storage/index.js';

/** Binary min-heap with a caller-supplied order. */
class Heap<T> {
  readonly items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T {
    return this.items[0] as T;
  }

  push(x: T): void {
    const h = this.items;
    h.push(x);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i] as T, h[p] as T)) break;
      [h[i], h[p]] = [h[p] as T, h[i] as T];
      i = p;
    }
  }

  pop(): T {
    const h = this.items;
    const top = h[0] as T;
    const last = h.pop() as T;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const c = l + 1 < h.length && this.less(h[l + 1] as T, h[l] as T) ? l + 1 : l;
        if (!this.less(h[c] as T, h[i] as T)) break;
        [h[i], h[c]] = [h[c] as T, h[i] as T];
        i = c;
      }
    }
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}

/** Merges sample iterators by timestamp; equal timestamps yield one sample (storage.ChainSampleIterator). */
export class ChainSampleIterator implements SampleIterator {
  private readonly h = new Heap<SampleIterator>((a, b) => a.atT() < b.atT());
  private started = false;
  private curr: SampleIterator | null = null;
  private lastT = -Infinity;

  constructor(private readonly iterators: SampleIterator[]) {}

  seek(t: number): ValueType {
    if (this.curr !== null && this.lastT >= t) return this.curr.seek(this.lastT);
    this.started = true;
    this.h.clear();
    for (const it of this.iterators) {
      if (it.seek(t) === ValueType.None) {
        if (it.err()) return ValueType.None;
        continue;
      }
      this.h.push(it);
    }
    if (this.h.size > 0) {
      this.curr = this.h.pop();
      this.lastT = this.curr.atT();
      return this.curr.seek(this.lastT);
    }
    this.curr = null;
    return ValueType.None;
  }

  next(): ValueType {
    if (!this.started) {
      this.started = true;
      this.curr = this.iterators[0] ?? null;
      for (let i = 1; i < this.iterators.length; i++) {
        const it = this.iterators[i] as SampleIterator;
        if (it.next() === ValueType.None) {
          if (it.err()) return ValueType.None;
        } else this.h.push(it);
      }
    }
    if (this.curr === null) return ValueType.None;
    let currT = 0;
    let vt: ValueType;
    for (;;) {
      vt = this.curr.next();
      if (vt === ValueType.None) {
        if (this.curr.err()) return ValueType.None;
        if (this.h.size === 0) {
          this.curr = null;
          return ValueType.None;
        }
      } else {
        currT = this.curr.atT();
        if (currT === this.lastT) continue; // duplicate of a sample already returned
        if (this.h.size === 0 || currT < this.h.peek().atT()) break;
        this.h.push(this.curr);
      }
      this.curr = this.h.pop();
      currT = this.curr.atT();
      vt = this.curr.seek(currT);
      if (currT !== this.lastT) break;
    }
    this.lastT = currT;
    return vt;
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
    for (const it of this.iterators) {
      const e = it.err();
      if (e) return e;
    }
    return null;
  }
}

class ChainedSeries implements Series {
  readonly labels: Labels;
  constructor(private readonly series: Series[]) {
    this.labels = (series[0] as Series).labels;
  }
  iterator(): SampleIterator {
    return new ChainSampleIterator(this.series.map((s) => s.iterator()));
  }
}

/** Merges series sets sorted by labels; series with equal labels are chained. */
export class MergeSeriesSet implements SeriesSet {
  private readonly h = new Heap<SeriesSet>((a, b) => compareLabels(a.at().labels, b.at().labels) < 0);
  private current: SeriesSet[] = [];
  private cur: Series | null = null;
  private initError: Error | null = null;
  private returned = 0;

  constructor(
    private readonly sets: SeriesSet[],
    private readonly limit = 0,
  ) {
    for (const s of sets) {
      if (s.next()) this.h.push(s);
      const e = s.err();
      if (e) {
        this.initError = e;
        break;
      }
    }
  }

  next(): boolean {
    if (this.initError !== null) return false;
    if (this.limit > 0 && this.returned >= this.limit) return false;
    for (const s of this.current) if (s.next()) this.h.push(s);
    this.current = [];
    if (this.h.size === 0) return false;
    const first = this.h.pop();
    this.current.push(first);
    const labels = first.at().labels;
    while (this.h.size > 0 && this.h.peek().at().labels.equals(labels)) this.current.push(this.h.pop());
    this.cur = this.current.length === 1 ? first.at() : new ChainedSeries(this.current.map((s) => s.at()));
    this.returned++;
    return true;
  }

  at(): Series {
    return this.cur as Series;
  }

  err(): Error | null {
    if (this.initError !== null) return this.initError;
    for (const s of this.sets) {
      const e = s.err();
      if (e) return e;
    }
    return null;
  }

  warnings(): string[] {
    const out: string[] = [];
    for (const s of this.sets) for (const w of s.warnings()) if (!out.includes(w)) out.push(w);
    return out;
  }
}

/** Merges two sorted, de-duplicated string lists. */
function mergeStrings(a: string[], b: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as string;
    const y = b[j] as string;
    if (x === y) {
      out.push(x);
      i++;
      j++;
    } else if (x < y) {
      out.push(x);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  for (; i < a.length; i++) out.push(a[i] as string);
  for (; j < b.length; j++) out.push(b[j] as string);
  return out;
}

function truncate(s: string[], hints: LabelHints | null): string[] {
  const limit = hints?.limit ?? 0;
  return limit > 0 && s.length > limit ? s.slice(0, limit) : s;
}

class NoopQuerier implements Querier {
  select(): SeriesSet {
    return new MergeSeriesSet([]);
  }
  labelValues(): string[] {
    return [];
  }
  labelNames(): string[] {
    return [];
  }
  close(): void {
    // Nothing to release.
  }
}

class MergeQuerier implements Querier {
  constructor(private readonly queriers: Querier[]) {}

  select(_sortSeries: boolean, hints: SelectHints | null, ...matchers: Matcher[]): SeriesSet {
    const sets = this.queriers.map((q) => q.select(true, hints, ...matchers));
    return new MergeSeriesSet(sets, hints?.limit ?? 0);
  }

  private mergeResults(hints: LabelHints | null, fn: (q: Querier) => string[]): string[] {
    let out: string[] = [];
    for (const q of this.queriers) out = truncate(mergeStrings(out, truncate(fn(q), hints)), hints);
    return out;
  }

  labelValues(name: string, hints: LabelHints | null, ...matchers: Matcher[]): string[] {
    try {
      return this.mergeResults(hints, (q) => q.labelValues(name, hints, ...matchers));
    } catch (e) {
      throw new Error(`LabelValues() from merge generic querier for label ${name}: ${(e as Error).message}`, { cause: e });
    }
  }

  labelNames(hints: LabelHints | null, ...matchers: Matcher[]): string[] {
    try {
      return this.mergeResults(hints, (q) => q.labelNames(hints, ...matchers));
    } catch (e) {
      throw new Error(`LabelNames() from merge generic querier: ${(e as Error).message}`, { cause: e });
    }
  }

  close(): void {
    const errs: unknown[] = [];
    for (const q of this.queriers) {
      try {
        q.close();
      } catch (e) {
        errs.push(e);
      }
    }
    if (errs.length === 1) throw errs[0];
    if (errs.length > 1) throw new AggregateError(errs, 'closing queriers');
  }
}

/** A querier over all of queriers, merging their series (see MergeSeriesSet). */
export function mergeQueriers(queriers: Querier[]): Querier {
  if (queriers.length === 0) return new NoopQuerier();
  if (queriers.length === 1) return queriers[0] as Querier;
  return new MergeQuerier(queriers);
}
