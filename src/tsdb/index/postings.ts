/**
 * Postings algebra (Prometheus tsdb/index postings): sorted series-reference cursors and the set
 * operations queriers combine them with. Every cursor is lazy: nothing is materialised unless a
 * caller expands it.
 */
import type { Postings } from './reader.js';

/** The label pair under which an index stores the postings of every series. */
export const ALL_POSTINGS_KEY: { readonly name: string; readonly value: string } = { name: '', value: '' };

class EmptyPostingsImpl implements Postings {
  next(): boolean {
    return false;
  }
  seek(): boolean {
    return false;
  }
  at(): number {
    return 0;
  }
  err(): Error | null {
    return null;
  }
}

const EMPTY: Postings = new EmptyPostingsImpl();

/** The shared empty postings list (compare with isEmptyPostings). */
export function emptyPostings(): Postings {
  return EMPTY;
}

export function isEmptyPostings(p: Postings): boolean {
  return p === EMPTY;
}

class ErrPostings implements Postings {
  constructor(private readonly e: Error) {}
  next(): boolean {
    return false;
  }
  seek(): boolean {
    return false;
  }
  at(): number {
    return 0;
  }
  err(): Error | null {
    return this.e;
  }
}

/** A postings list that yields nothing and reports err. */
export function errPostings(err: Error): Postings {
  return new ErrPostings(err);
}

/** Postings over an ascending array of references. */
export class ListPostings implements Postings {
  private i = -1;

  constructor(private readonly list: ArrayLike<number>) {}

  get length(): number {
    return this.list.length;
  }

  next(): boolean {
    if (this.i + 1 >= this.list.length) {
      this.i = this.list.length;
      return false;
    }
    this.i++;
    return true;
  }

  seek(v: number): boolean {
    const l = this.list;
    if (this.i >= l.length) return false;
    let lo = this.i < 0 ? 0 : this.i;
    if (lo < l.length && (l[lo] as number) >= v) {
      this.i = lo;
      return true;
    }
    let hi = l.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((l[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    this.i = lo;
    return lo < l.length;
  }

  at(): number {
    return this.list[this.i] as number;
  }

  err(): Error | null {
    return null;
  }
}

/** Postings over big-endian uint32 references stored in a byte buffer (index file format). */
export class BigEndianPostings implements Postings {
  private i = -1;
  private readonly view: DataView;

  /** n references starting at byte off of buf. */
  constructor(
    buf: Uint8Array,
    off: number,
    private readonly n: number,
  ) {
    this.view = new DataView(buf.buffer, buf.byteOffset + off, n * 4);
  }

  get length(): number {
    return this.n;
  }

  next(): boolean {
    if (this.i + 1 >= this.n) {
      this.i = this.n;
      return false;
    }
    this.i++;
    return true;
  }

  seek(v: number): boolean {
    if (this.i >= this.n) return false;
    let lo = this.i < 0 ? 0 : this.i;
    if (lo < this.n && this.view.getUint32(lo * 4) >= v) {
      this.i = lo;
      return true;
    }
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.view.getUint32(mid * 4) < v) lo = mid + 1;
      else hi = mid;
    }
    this.i = lo;
    return lo < this.n;
  }

  at(): number {
    return this.view.getUint32(this.i * 4);
  }

  err(): Error | null {
    return null;
  }
}

class IntersectPostings implements Postings {
  private cur = 0;

  constructor(private readonly ps: Postings[]) {}

  at(): number {
    return this.cur;
  }

  seek(target: number): boolean {
    for (;;) {
      let allEqual = true;
      for (const p of this.ps) {
        if (!p.seek(target)) return false;
        const at = p.at();
        if (at > target) {
          target = at;
          allEqual = false;
        }
      }
      if (allEqual) {
        this.cur = target;
        return true;
      }
    }
  }

  next(): boolean {
    const first = this.ps[0] as Postings;
    if (!first.next()) return false;
    let target = first.at();
    let allEqual = true;
    for (let i = 1; i < this.ps.length; i++) {
      const p = this.ps[i] as Postings;
      if (!p.next()) return false;
      const at = p.at();
      if (at !== target) allEqual = false;
      if (at > target) target = at;
    }
    if (allEqual) {
      this.cur = target;
      return true;
    }
    return this.seek(target);
  }

  err(): Error | null {
    for (const p of this.ps) {
      const e = p.err();
      if (e) return e;
    }
    return null;
  }
}

/** The intersection of the given postings. */
export function intersect(...its: Postings[]): Postings {
  if (its.length === 0) return EMPTY;
  if (its.length === 1) return its[0] as Postings;
  if (its.some((p) => p === EMPTY)) return EMPTY;
  return new IntersectPostings(its);
}

/** Union of postings: a binary min-heap of cursors keyed by their current reference. */
class MergedPostings implements Postings {
  private heap: Postings[] = [];
  private initialised = false;
  private cur = -1;

  constructor(private readonly ps: Postings[]) {}

  private down(i: number): void {
    const h = this.heap;
    const n = h.length;
    const item = h[i] as Postings;
    const v = item.at();
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (h[c + 1] as Postings).at() < (h[c] as Postings).at()) c++;
      if ((h[c] as Postings).at() >= v) break;
      h[i] = h[c] as Postings;
      i = c;
    }
    h[i] = item;
  }

  private build(): void {
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  /** Removes the top of the heap. */
  private popTop(): void {
    const last = this.heap.pop() as Postings;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
  }

  private init(advance: (p: Postings) => boolean): void {
    this.initialised = true;
    for (const p of this.ps) if (advance(p)) this.heap.push(p);
    this.build();
  }

  next(): boolean {
    if (!this.initialised) {
      this.init((p) => p.next());
    } else {
      // Advance every cursor sitting on the current value.
      while (this.heap.length > 0 && (this.heap[0] as Postings).at() === this.cur) {
        const top = this.heap[0] as Postings;
        if (top.next()) this.down(0);
        else this.popTop();
      }
    }
    if (this.heap.length === 0) return false;
    this.cur = (this.heap[0] as Postings).at();
    return true;
  }

  seek(v: number): boolean {
    if (!this.initialised) {
      this.init((p) => p.seek(v));
    } else {
      if (this.heap.length > 0 && this.cur >= v) return true;
      while (this.heap.length > 0 && (this.heap[0] as Postings).at() < v) {
        const top = this.heap[0] as Postings;
        if (top.seek(v)) this.down(0);
        else this.popTop();
      }
    }
    if (this.heap.length === 0) return false;
    this.cur = (this.heap[0] as Postings).at();
    return true;
  }

  at(): number {
    return this.cur;
  }

  err(): Error | null {
    for (const p of this.ps) {
      const e = p.err();
      if (e) return e;
    }
    return null;
  }
}

/** The union of the given postings (duplicates removed). */
export function merge(...its: Postings[]): Postings {
  const ps = its.filter((p) => p !== EMPTY);
  if (ps.length === 0) return EMPTY;
  if (ps.length === 1) return ps[0] as Postings;
  return new MergedPostings(ps);
}

class RemovedPostings implements Postings {
  private cur = 0;
  private removeOk = true;
  private removeStarted = false;

  constructor(
    private readonly full: Postings,
    private readonly remove: Postings,
  ) {}

  /** True if ref is in the remove list (the remove cursor only moves forward). */
  private removed(ref: number): boolean {
    if (!this.removeOk) return false;
    if (!this.removeStarted || this.remove.at() < ref) {
      this.removeStarted = true;
      this.removeOk = this.remove.seek(ref);
      if (!this.removeOk) return false;
    }
    return this.remove.at() === ref;
  }

  private settle(ok: boolean): boolean {
    while (ok) {
      const ref = this.full.at();
      if (!this.removed(ref)) {
        this.cur = ref;
        return true;
      }
      ok = this.full.next();
    }
    return false;
  }

  next(): boolean {
    return this.settle(this.full.next());
  }

  seek(v: number): boolean {
    return this.settle(this.full.seek(v));
  }

  at(): number {
    return this.cur;
  }

  err(): Error | null {
    return this.full.err() ?? this.remove.err();
  }
}

/** The references of full that are not in drop. */
export function without(full: Postings, drop: Postings): Postings {
  if (full === EMPTY) return EMPTY;
  if (drop === EMPTY) return full;
  return new RemovedPostings(full, drop);
}

/** Drains postings into an array; throws the postings' error if any. */
export function expandPostings(p: Postings): number[] {
  const out: number[] = [];
  while (p.next()) out.push(p.at());
  const e = p.err();
  if (e) throw e;
  return out;
}

/**
 * Indexes of the candidates that share at least one reference with p (Prometheus
 * FindIntersectingPostings); the result is in ascending index order.
 */
export function findIntersectingPostings(p: Postings, candidates: Postings[]): number[] {
  const base = expandPostings(p);
  const out: number[] = [];
  if (base.length === 0) return out;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i] as Postings;
    if (intersect(new ListPostings(base), c).next()) out.push(i);
    const e = c.err();
    if (e) throw e;
  }
  return out;
}
