/**
 * Kahan-Babuska-Neumaier summation as Prometheus's util/kahansum.Inc, as a small mutable
 * accumulator so hot loops do not allocate per addition.
 */
export class KahanSum {
  sum = 0;
  c = 0;

  constructor(sum = 0, c = 0) {
    this.sum = sum;
    this.c = c;
  }

  /** sum, c = kahansum.Inc(inc, sum, c) */
  add(inc: number): void {
    const sum = this.sum;
    const t = sum + inc;
    if (t === Infinity || t === -Infinity) {
      this.c = 0;
    } else if (Math.abs(sum) >= Math.abs(inc)) {
      this.c += sum - t + inc;
    } else {
      this.c += inc - t + sum;
    }
    this.sum = t;
  }

  /** The compensated total (sum + c). */
  value(): number {
    return this.sum + this.c;
  }
}
