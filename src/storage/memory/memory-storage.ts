/**
 * An in-memory Storage behind the storage seam, for tests and benchmarks (Prometheus's
 * teststorage role). Samples of a series are kept sorted by time in columnar arrays;
 * appending at an existing timestamp replaces the sample.
 */
import { compareLabels, Labels, Matcher } from '../../model/labels/index.js';
import type { FloatHistogram } from '../../model/value/index.js';
import { ValueType } from '../index.js';
import type {
  Appender,
  LabelHints,
  Querier,
  SampleIterator,
  SelectHints,
  Series,
  SeriesRef,
  SeriesSet,
  Storage,
} from '../index.js';

class MemSeries {
  t: Float64Array = new Float64Array(8);
  f: Float64Array = new Float64Array(8);
  st: Float64Array = new Float64Array(8);
  types: Uint8Array = new Uint8Array(8);
  h: (FloatHistogram | null)[] = [];
  length = 0;
  constructor(
    readonly ref: number,
    readonly labels: Labels,
  ) {}

  private grow(): void {
    const cap = this.t.length * 2;
    const t = new Float64Array(cap);
    t.set(this.t);
    this.t = t;
    const f = new Float64Array(cap);
    f.set(this.f);
    this.f = f;
    const st = new Float64Array(cap);
    st.set(this.st);
    this.st = st;
    const ty = new Uint8Array(cap);
    ty.set(this.types);
    this.types = ty;
  }

  /** Index of the first sample with time >= t. */
  search(t: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.t[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  put(t: number, type: ValueType, f: number, h: FloatHistogram | null, st: number): void {
    let i = this.length > 0 && (this.t[this.length - 1] as number) < t ? this.length : this.search(t);
    if (i < this.length && this.t[i] === t) {
      this.types[i] = type;
      this.f[i] = f;
      this.h[i] = h;
      if (st !== 0) this.st[i] = st;
      return;
    }
    if (this.length === this.t.length) this.grow();
    if (i < this.length) {
      this.t.copyWithin(i + 1, i, this.length);
      this.f.copyWithin(i + 1, i, this.length);
      this.st.copyWithin(i + 1, i, this.length);
      this.types.copyWithin(i + 1, i, this.length);
      this.h.splice(i, 0, null);
    } else {
      i = this.length;
    }
    this.t[i] = t;
    this.f[i] = f;
    this.st[i] = st;
    this.types[i] = type;
    this.h[i] = h;
    this.length++;
  }
}

class MemIterator implements SampleIterator {
  private i = -1;
  private readonly end: number;
  constructor(
    private readonly s: MemSeries,
    mint: number,
    maxt: number,
  ) {
    this.i = s.search(mint) - 1;
    this.end = s.search(maxt + 1);
  }
  next(): ValueType {
    if (this.i < this.end) this.i++;
    return this.i < this.end ? (this.s.types[this.i] as ValueType) : ValueType.None;
  }
  seek(t: number): ValueType {
    if (this.i >= this.end) return ValueType.None;
    if (this.i < 0) this.i = 0;
    if ((this.s.t[this.i] as number) < t) this.i = Math.max(this.i, this.s.search(t));
    return this.i < this.end ? (this.s.types[this.i] as ValueType) : ValueType.None;
  }
  atT(): number {
    return this.s.t[this.i] as number;
  }
  atF(): number {
    return this.s.f[this.i] as number;
  }
  atFloatHistogram(): FloatHistogram {
    return this.s.h[this.i] as FloatHistogram;
  }
  atST(): number {
    return this.s.st[this.i] as number;
  }
  err(): Error | null {
    return null;
  }
}

class ListSeriesSet implements SeriesSet {
  private i = -1;
  constructor(private readonly list: Series[]) {}
  next(): boolean {
    this.i++;
    return this.i < this.list.length;
  }
  at(): Series {
    return this.list[this.i] as Series;
  }
  err(): Error | null {
    return null;
  }
  warnings(): string[] {
    return [];
  }
}

function matchesAll(l: Labels, matchers: Matcher[]): boolean {
  for (const m of matchers) if (!m.matches(l.get(m.name))) return false;
  return true;
}

class MemQuerier implements Querier {
  constructor(
    private readonly store: MemoryStorage,
    private readonly mint: number,
    private readonly maxt: number,
  ) {}

  select(sortSeries: boolean, hints: SelectHints | null, ...matchers: Matcher[]): SeriesSet {
    const mint = hints ? Math.max(this.mint, hints.start) : this.mint;
    const maxt = hints ? Math.min(this.maxt, hints.end) : this.maxt;
    const out: Series[] = [];
    for (const s of this.store.allSeries()) {
      if (!matchesAll(s.labels, matchers)) continue;
      const first = s.search(mint);
      if (first >= s.length || (s.t[first] as number) > maxt) continue;
      out.push({ labels: s.labels, iterator: () => new MemIterator(s, mint, maxt) });
    }
    if (sortSeries) out.sort((a, b) => compareLabels(a.labels, b.labels));
    return new ListSeriesSet(out);
  }

  private matching(matchers: Matcher[]): MemSeries[] {
    const out: MemSeries[] = [];
    for (const s of this.store.allSeries()) {
      if (!matchesAll(s.labels, matchers)) continue;
      const first = s.search(this.mint);
      if (first >= s.length || (s.t[first] as number) > this.maxt) continue;
      out.push(s);
    }
    return out;
  }

  labelValues(name: string, hints: LabelHints | null, ...matchers: Matcher[]): string[] {
    const vals = new Set<string>();
    for (const s of this.matching(matchers)) {
      const v = s.labels.get(name);
      if (v !== '') vals.add(v);
    }
    const out = [...vals].sort();
    return hints?.limit ? out.slice(0, hints.limit) : out;
  }

  labelNames(hints: LabelHints | null, ...matchers: Matcher[]): string[] {
    const names = new Set<string>();
    for (const s of this.matching(matchers)) for (const n of s.labels.names()) names.add(n);
    const out = [...names].sort();
    return hints?.limit ? out.slice(0, hints.limit) : out;
  }

  close(): void {}
}

class MemAppender implements Appender {
  private readonly pending: {
    labels: Labels;
    t: number;
    type: ValueType;
    f: number;
    h: FloatHistogram | null;
    st: number;
  }[] = [];
  private readonly st = new Map<string, number>();

  constructor(private readonly store: MemoryStorage) {}

  append(_ref: SeriesRef, labels: Labels, t: number, v: number): SeriesRef {
    this.pending.push({ labels, t, type: ValueType.Float, f: v, h: null, st: this.takeST(labels) });
    return 0;
  }

  appendHistogram(_ref: SeriesRef, labels: Labels, t: number, h: FloatHistogram): SeriesRef {
    this.pending.push({ labels, t, type: ValueType.FloatHistogram, f: 0, h, st: this.takeST(labels) });
    return 0;
  }

  appendST(_ref: SeriesRef, labels: Labels, _t: number, st: number): SeriesRef {
    this.st.set(labels.key(), st);
    return 0;
  }

  private takeST(labels: Labels): number {
    const k = labels.key();
    const st = this.st.get(k);
    if (st === undefined) return 0;
    this.st.delete(k);
    return st;
  }

  commit(): Promise<void> {
    for (const p of this.pending) this.store.put(p.labels, p.t, p.type, p.f, p.h, p.st);
    this.pending.length = 0;
    return Promise.resolve();
  }

  rollback(): void {
    this.pending.length = 0;
  }
}

export class MemoryStorage implements Storage {
  private readonly series = new Map<string, MemSeries>();
  private nextRef = 1;

  querier(mint: number, maxt: number): Querier {
    return new MemQuerier(this, mint, maxt);
  }

  appender(): Appender {
    return new MemAppender(this);
  }

  /** Synchronous append outside a transaction (test loading). */
  put(labels: Labels, t: number, type: ValueType, f: number, h: FloatHistogram | null, st = 0): void {
    const k = labels.key();
    let s = this.series.get(k);
    if (!s) {
      s = new MemSeries(this.nextRef++, labels);
      this.series.set(k, s);
    }
    s.put(t, type, f, h, st);
  }

  allSeries(): IterableIterator<MemSeries> {
    return this.series.values();
  }

  /** Drops all data (promqltest `clear`). */
  clear(): void {
    this.series.clear();
  }

  get numSeries(): number {
    return this.series.size;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
