/**
 * Growable columnar buffer of float points: timestamps (ms) and values in two Float64Arrays.
 * The hot-path representation of a series' samples (no per-point objects).
 */
export class FPoints {
  t: Float64Array;
  f: Float64Array;
  length = 0;

  constructor(capacity = 16) {
    this.t = new Float64Array(capacity);
    this.f = new Float64Array(capacity);
  }

  push(t: number, f: number): void {
    if (this.length === this.t.length) this.grow(this.length * 2 + 8);
    this.t[this.length] = t;
    this.f[this.length] = f;
    this.length++;
  }

  grow(capacity: number): void {
    const t = new Float64Array(capacity);
    const f = new Float64Array(capacity);
    t.set(this.t.subarray(0, this.length));
    f.set(this.f.subarray(0, this.length));
    this.t = t;
    this.f = f;
  }

  /** Drops the points before index i (keeps capacity). */
  dropFront(i: number): void {
    if (i <= 0) return;
    this.t.copyWithin(0, i, this.length);
    this.f.copyWithin(0, i, this.length);
    this.length = Math.max(0, this.length - i);
  }

  clear(): void {
    this.length = 0;
  }

  /** A copy trimmed to length. */
  clone(): FPoints {
    const p = new FPoints(Math.max(1, this.length));
    p.t.set(this.t.subarray(0, this.length));
    p.f.set(this.f.subarray(0, this.length));
    p.length = this.length;
    return p;
  }
}
