/**
 * The head's inverted index (Prometheus index.MemPostings): label name -> label value -> the
 * ascending refs of the series carrying that pair. Every series is also listed under the
 * all-postings key ('', '').
 */
import type { Labels } from '../../model/labels/index.js';
import { compareStrings } from '../../model/labels/index.js';
import { ALL_POSTINGS_KEY, ListPostings, emptyPostings, merge } from '../index/index.js';
import type { Postings } from '../index/index.js';

/** A postings list with the canonical copy of its label value (for interning). */
interface PostingsList {
  readonly value: string;
  refs: number[];
}

/** The values of one label name, with the canonical copy of the name. */
interface NameEntry {
  readonly name: string;
  readonly values: Map<string, PostingsList>;
}

export class MemPostings {
  private readonly m = new Map<string, NameEntry>();

  /**
   * Adds ref under every pair of lset and the all-postings key. Returns the label pairs with
   * names and values replaced by the copies already held by the index (interned), so series
   * sharing a label value share one string.
   */
  add(ref: number, lset: Labels): string[] {
    const p = lset.pairs;
    const interned: string[] = new Array<string>(p.length);
    for (let i = 0; i < p.length; i += 2) this.addFor(ref, p[i] as string, p[i + 1] as string, interned, i);
    this.addFor(ref, ALL_POSTINGS_KEY.name, ALL_POSTINGS_KEY.value, null, 0);
    return interned;
  }

  /** Adds ref to name=value; writes the canonical name and value to out[at], out[at + 1]. */
  private addFor(ref: number, name: string, value: string, out: string[] | null, at: number): void {
    let e = this.m.get(name);
    if (e === undefined) {
      e = { name, values: new Map() };
      this.m.set(name, e);
    }
    const list = e.values.get(value);
    if (out !== null) {
      out[at] = e.name;
      out[at + 1] = list === undefined ? value : list.value;
    }
    if (list === undefined) {
      e.values.set(value, { value, refs: [ref] });
      return;
    }
    const refs = list.refs;
    refs.push(ref);
    // Refs normally arrive ascending; keep the list sorted when they do not (replay).
    for (let i = refs.length - 1; i > 0 && (refs[i - 1] as number) > ref; i--) {
      refs[i] = refs[i - 1] as number;
      refs[i - 1] = ref;
    }
  }

  /**
   * Removes the deleted refs from the lists of the affected label pairs (flat name/value pairs).
   * Lists are replaced, never edited in place, so open cursors keep a consistent view.
   */
  delete(deleted: ReadonlySet<number>, affected: Iterable<readonly [string, string]>): void {
    if (deleted.size === 0) return;
    const seen = new Set<string>();
    const drop = (name: string, value: string): void => {
      const e = this.m.get(name);
      const list = e?.values.get(value);
      if (e === undefined || list === undefined) return;
      const kept = list.refs.filter((r) => !deleted.has(r));
      if (kept.length > 0) list.refs = kept;
      else e.values.delete(value);
      if (e.values.size === 0) this.m.delete(name);
    };
    for (const [name, value] of affected) {
      const k = name + '\xff' + value;
      if (seen.has(k)) continue;
      seen.add(k);
      drop(name, value);
    }
    drop(ALL_POSTINGS_KEY.name, ALL_POSTINGS_KEY.value);
  }

  /** Postings of the series with name equal to any of values. */
  postings(name: string, values: readonly string[]): Postings {
    const byValue = this.m.get(name)?.values;
    if (byValue === undefined) return emptyPostings();
    if (values.length === 1) {
      const list = byValue.get(values[0] as string);
      return list === undefined ? emptyPostings() : new ListPostings(list.refs);
    }
    const its: Postings[] = [];
    for (const v of values) {
      const list = byValue.get(v);
      if (list !== undefined) its.push(new ListPostings(list.refs));
    }
    return merge(...its);
  }

  postingsForLabelMatching(name: string, match: (value: string) => boolean): Postings {
    const byValue = this.m.get(name)?.values;
    if (byValue === undefined) return emptyPostings();
    const its: Postings[] = [];
    for (const [v, list] of byValue) if (match(v)) its.push(new ListPostings(list.refs));
    return merge(...its);
  }

  postingsForAllLabelValues(name: string): Postings {
    const byValue = this.m.get(name)?.values;
    if (byValue === undefined) return emptyPostings();
    const its: Postings[] = [];
    for (const list of byValue.values()) its.push(new ListPostings(list.refs));
    return merge(...its);
  }

  all(): Postings {
    return this.postings(ALL_POSTINGS_KEY.name, [ALL_POSTINGS_KEY.value]);
  }

  /** Label values of name, unsorted. */
  labelValues(name: string): string[] {
    const e = this.m.get(name);
    return e === undefined ? [] : [...e.values.keys()];
  }

  /** Label names, unsorted, without the all-postings key. */
  labelNames(): string[] {
    const out: string[] = [];
    for (const n of this.m.keys()) if (n !== ALL_POSTINGS_KEY.name) out.push(n);
    return out;
  }

  /** Every label name and value, sorted and de-duplicated. */
  symbols(): string[] {
    const set = new Set<string>();
    for (const [n, e] of this.m) {
      if (n === ALL_POSTINGS_KEY.name) continue;
      set.add(n);
      for (const v of e.values.keys()) set.add(v);
    }
    return [...set].sort(compareStrings);
  }

  /** Number of series under a pair (0 if none). */
  count(name: string, value: string): number {
    return this.m.get(name)?.values.get(value)?.refs.length ?? 0;
  }
}
