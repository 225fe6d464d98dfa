/**
 * Labels: an immutable, name-sorted set of label pairs, stored flat as
 * [name0, value0, name1, value1, ...]. Mirrors Prometheus's labels.Labels.
 */
export const MetricName = '__name__';

export class Labels {
  /** Flat, name-sorted pairs. Never mutate. */
  readonly pairs: readonly string[];
  private keyCache: string | undefined;

  private constructor(pairs: readonly string[]) {
    this.pairs = pairs;
  }

  static readonly EMPTY: Labels = new Labels([]);

  /** From an object; empty values are dropped (as upstream). */
  static fromObject(obj: Readonly<Record<string, string>>): Labels {
    const names = Object.keys(obj).filter((n) => obj[n] !== '').sort(compareStrings);
    const pairs: string[] = [];
    for (const n of names) pairs.push(n, obj[n] as string);
    return new Labels(pairs);
  }

  /** From name/value pairs in any order; empty values are dropped, later duplicates win. */
  static fromPairs(pairs: readonly string[]): Labels {
    const m = new Map<string, string>();
    for (let i = 0; i + 1 < pairs.length; i += 2) m.set(pairs[i] as string, pairs[i + 1] as string);
    const names = [...m.keys()].filter((n) => m.get(n) !== '').sort(compareStrings);
    const out: string[] = [];
    for (const n of names) out.push(n, m.get(n) as string);
    return new Labels(out);
  }

  /** From already sorted, de-duplicated, non-empty pairs (not checked). */
  static fromSortedPairs(pairs: readonly string[]): Labels {
    return pairs.length === 0 ? Labels.EMPTY : new Labels(pairs);
  }

  get length(): number {
    return this.pairs.length >> 1;
  }

  isEmpty(): boolean {
    return this.pairs.length === 0;
  }

  get(name: string): string {
    const p = this.pairs;
    for (let i = 0; i < p.length; i += 2) {
      if (p[i] === name) return p[i + 1] as string;
    }
    return '';
  }

  has(name: string): boolean {
    const p = this.pairs;
    for (let i = 0; i < p.length; i += 2) if (p[i] === name) return true;
    return false;
  }

  forEach(fn: (name: string, value: string) => void): void {
    const p = this.pairs;
    for (let i = 0; i < p.length; i += 2) fn(p[i] as string, p[i + 1] as string);
  }

  names(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.pairs.length; i += 2) out.push(this.pairs[i] as string);
    return out;
  }

  toObject(): Record<string, string> {
    const o: Record<string, string> = {};
    this.forEach((n, v) => (o[n] = v));
    return o;
  }

  /**
   * A string that is equal for equal label sets and different otherwise;
   * use it as a Map key. Cached.
   */
  key(): string {
    if (this.keyCache === undefined) this.keyCache = this.pairs.join('\xff');
    return this.keyCache;
  }

  equals(o: Labels): boolean {
    if (this === o) return true;
    const a = this.pairs;
    const b = o.pairs;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** Copy without the given names. */
  without(...names: string[]): Labels {
    const drop = new Set(names);
    const out: string[] = [];
    const p = this.pairs;
    for (let i = 0; i < p.length; i += 2) if (!drop.has(p[i] as string)) out.push(p[i] as string, p[i + 1] as string);
    return out.length === p.length ? this : Labels.fromSortedPairs(out);
  }

  /** Copy keeping only the given names. */
  keep(...names: string[]): Labels {
    const keep = new Set(names);
    const out: string[] = [];
    const p = this.pairs;
    for (let i = 0; i < p.length; i += 2) if (keep.has(p[i] as string)) out.push(p[i] as string, p[i + 1] as string);
    return out.length === p.length ? this : Labels.fromSortedPairs(out);
  }

  /** Copy without __name__. */
  dropMetricName(): Labels {
    return this.has(MetricName) ? this.without(MetricName) : this;
  }

  /** Copy with name set to value ('' deletes). */
  with(name: string, value: string): Labels {
    const out: string[] = [];
    const p = this.pairs;
    let done = false;
    for (let i = 0; i < p.length; i += 2) {
      const n = p[i] as string;
      if (!done && n >= name) {
        done = true;
        if (n === name) {
          if (value !== '') out.push(name, value);
          continue;
        }
        if (value !== '') out.push(name, value);
      }
      out.push(n, p[i + 1] as string);
    }
    if (!done && value !== '') out.push(name, value);
    return Labels.fromSortedPairs(out);
  }

  /** Prometheus text form: {a="b", c="d"} (name first, unquoted, when it is a plain metric name). */
  toString(): string {
    const parts: string[] = [];
    this.forEach((n, v) => parts.push(`${n}=${JSON.stringify(v)}`));
    return `{${parts.join(', ')}}`;
  }
}

export function compareStrings(a: string, b: string): number {
  // Byte-wise (UTF-16 code unit) comparison, like Go's string compare for ASCII.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders label sets as Prometheus's labels.Compare does. */
export function compareLabels(a: Labels, b: Labels): number {
  const x = a.pairs;
  const y = b.pairs;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i += 2) {
    if (x[i] !== y[i]) return compareStrings(x[i] as string, y[i] as string);
    if (x[i + 1] !== y[i + 1]) return compareStrings(x[i + 1] as string, y[i + 1] as string);
  }
  return x.length - y.length;
}
