/**
 * The head's series by label set (Prometheus stripeSeries.hashes): a 32-bit hash of the label
 * pairs maps to the series, with a short list on collisions. Unlike a Map keyed by the joined
 * label string, it allocates no key per lookup and retains none per series.
 */
import type { Labels } from '../../model/labels/index.js';
import type { MemSeries } from './mem-series.js';

/** FNV-1a over the label strings, each followed by a 0xff separator. */
export function labelsHash(lset: Labels): number {
  const p = lset.pairs;
  let h = 0x811c9dc5;
  for (let i = 0; i < p.length; i++) {
    const s = p[i] as string;
    for (let j = 0; j < s.length; j++) h = Math.imul(h ^ s.charCodeAt(j), 0x01000193);
    h = Math.imul(h ^ 0xff, 0x01000193);
  }
  return h >>> 0;
}

function samePairs(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class SeriesByLabels {
  private readonly m = new Map<number, MemSeries | MemSeries[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The series with labels lset; h is labelsHash(lset) if the caller has it. */
  get(lset: Labels, h = labelsHash(lset)): MemSeries | undefined {
    const e = this.m.get(h);
    if (e === undefined) return undefined;
    const p = lset.pairs;
    if (!Array.isArray(e)) return samePairs(e.labels.pairs, p) ? e : undefined;
    for (const s of e) if (samePairs(s.labels.pairs, p)) return s;
    return undefined;
  }

  /** Adds s under its labels (the caller checked that no series has them). */
  add(s: MemSeries, h = labelsHash(s.labels)): void {
    const e = this.m.get(h);
    if (e === undefined) this.m.set(h, s);
    else if (Array.isArray(e)) e.push(s);
    else this.m.set(h, [e, s]);
    this.count++;
  }

  delete(s: MemSeries): void {
    const h = labelsHash(s.labels);
    const e = this.m.get(h);
    if (e === undefined) return;
    if (!Array.isArray(e)) {
      if (e === s) {
        this.m.delete(h);
        this.count--;
      }
      return;
    }
    const i = e.indexOf(s);
    if (i < 0) return;
    e.splice(i, 1);
    this.count--;
    if (e.length === 1) this.m.set(h, e[0] as MemSeries);
  }
}
