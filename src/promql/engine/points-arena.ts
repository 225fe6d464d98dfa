/**
 * Float points of many series written series after series into shared columns, each series
 * then getting an exact-length view. A typed array of more than a few elements costs a backing
 * store allocation (and GC work) of its own; evaluation outputs one short series per input
 * series and batch, so the outputs share columns instead.
 */
import { FPoints } from '../value/index.js';

/** Most points an arena starts with (1 MiB of columns); beyond that it grows. */
const MAX_INITIAL_POINTS = 1 << 16;

/** Room for every step of every series (what one point per step and series needs), capped. */
export function arenaCapacity(numSteps: number, numSeries: number): number {
  return Math.min(numSteps * numSeries, MAX_INITIAL_POINTS);
}

export class PointsArena {
  private t: Float64Array;
  private f: Float64Array;
  private n = 0;
  /** Start of the series being written. */
  private open = 0;
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(capacity: number) {
    this.t = new Float64Array(Math.max(16, capacity));
    this.f = new Float64Array(Math.max(16, capacity));
  }

  push(t: number, f: number): void {
    if (this.n === this.t.length) this.grow();
    this.t[this.n] = t;
    this.f[this.n] = f;
    this.n++;
  }

  /** Points written since the last seal. */
  get pending(): number {
    return this.n - this.open;
  }

  /** Drops the points written since the last seal. */
  discard(): void {
    this.n = this.open;
  }

  /** Ends the series being written; its index for views() (-1 when it has no points). */
  seal(): number {
    if (this.n === this.open) return -1;
    this.starts.push(this.open);
    this.ends.push(this.n);
    this.open = this.n;
    return this.starts.length - 1;
  }

  /** The sealed series' points, as exact-length views of the columns (call once, at the end). */
  views(): FPoints[] {
    const out: FPoints[] = new Array<FPoints>(this.starts.length);
    for (let i = 0; i < out.length; i++) {
      const s = this.starts[i] as number;
      const e = this.ends[i] as number;
      const p = new FPoints(0);
      p.t = this.t.subarray(s, e);
      p.f = this.f.subarray(s, e);
      p.length = e - s;
      out[i] = p;
    }
    return out;
  }

  private grow(): void {
    const cap = this.t.length * 2;
    const t = new Float64Array(cap);
    t.set(this.t);
    const f = new Float64Array(cap);
    f.set(this.f);
    this.t = t;
    this.f = f;
  }
}
