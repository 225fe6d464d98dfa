/**
 * Kahan-Babuska-Neumaier summation as Prometheus's util/kahansum.Inc. kahanCompensation is the
 * one implementation; the engine keeps sums and compensations in typed-array columns, the
 * functions use the small KahanSum accumulator, so hot loops do not allocate per addition.
 */

/**
 * kahansum.Inc(inc, sum, c)'s new compensation term; the new sum is simply sum + inc. The
 * compensation is reset when the sum overflows to ±Inf.
 */
export function kahanCompensation(inc: number, sum: number, c: number): number {
  const t = sum + inc;
  if (t === Infinity || t === -Infinity) return 0;
  if (Math.abs(sum) >= Math.abs(inc)) return c + (sum - t + inc);
  return c + (inc - t + sum);
}

export class KahanSum {
  sum = 0;
  c = 0;

  constructor(sum = 0, c = 0) {
    this.sum = sum;
    this.c = c;
  }

  /** sum, c = kahansum.Inc(inc, sum, c) */
  add(inc: number): void {
    this.c = kahanCompensation(inc, this.sum, this.c);
    this.sum += inc;
  }

  /** The compensated total (sum + c). */
  value(): number {
    return this.sum + this.c;
  }
}
