/**
 * Head series by ref. Refs are dense, increasing integers, so a paged array beats a Map several
 * times over on lookups (every appended and replayed sample does one); pages that empty out
 * after series churn are released, so memory follows the live series.
 */
import type { MemSeries } from './mem-series.js';

const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;
const PAGE_MASK = PAGE_SIZE - 1;

interface Page {
  items: (MemSeries | undefined)[];
  count: number;
}

export class SeriesByRef {
  private pages: (Page | undefined)[] = [];
  private n = 0;

  get size(): number {
    return this.n;
  }

  get(ref: number): MemSeries | undefined {
    const page = this.pages[Math.floor(ref / PAGE_SIZE)];
    return page === undefined ? undefined : page.items[ref & PAGE_MASK];
  }

  has(ref: number): boolean {
    return this.get(ref) !== undefined;
  }

  set(ref: number, s: MemSeries): void {
    if (!Number.isSafeInteger(ref) || ref < 0) throw new RangeError(`invalid series ref ${ref}`);
    const pi = Math.floor(ref / PAGE_SIZE);
    while (this.pages.length <= pi) this.pages.push(undefined);
    let page = this.pages[pi];
    if (page === undefined) {
      page = { items: new Array<MemSeries | undefined>(PAGE_SIZE).fill(undefined), count: 0 };
      this.pages[pi] = page;
    }
    const i = ref & PAGE_MASK;
    if (page.items[i] === undefined) {
      page.count++;
      this.n++;
    }
    page.items[i] = s;
  }

  delete(ref: number): void {
    const pi = Math.floor(ref / PAGE_SIZE);
    const page = this.pages[pi];
    if (page === undefined) return;
    const i = ref & PAGE_MASK;
    if (page.items[i] === undefined) return;
    page.items[i] = undefined;
    page.count--;
    this.n--;
    if (page.count === 0) this.pages[pi] = undefined;
  }

  /** Live series in ref order. */
  *values(): IterableIterator<MemSeries> {
    for (const page of this.pages) {
      if (page === undefined) continue;
      for (const s of page.items) if (s !== undefined) yield s;
    }
  }
}
