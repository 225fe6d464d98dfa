/**
 * model.LabelSet.Fingerprint(): FNV-1a 64 over the label names and values in name order, each
 * followed by the 0xff separator. Computed on four 16-bit limbs (no BigInt in the loop): it runs
 * for every alert received, routed and notified.
 */
import type { Labels } from '../../model/labels/index.js';

const encoder = new TextEncoder();

/** FNV-1a 64 state as 16-bit limbs, h0 the lowest. */
class Fnv64 {
  h0 = 0x2325;
  h1 = 0x8422;
  h2 = 0x9ce4;
  h3 = 0xcbf2;

  /** h = (h ^ b) * 0x100000001b3 mod 2^64. */
  byte(b: number): void {
    const h0 = this.h0 ^ b;
    const t0 = h0 * 0x1b3;
    const t1 = this.h1 * 0x1b3 + (t0 >>> 16);
    const t2 = this.h2 * 0x1b3 + h0 * 0x100 + (t1 >>> 16);
    const t3 = this.h3 * 0x1b3 + this.h1 * 0x100 + (t2 >>> 16);
    this.h0 = t0 & 0xffff;
    this.h1 = t1 & 0xffff;
    this.h2 = t2 & 0xffff;
    this.h3 = t3 & 0xffff;
  }

  string(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        for (const b of encoder.encode(s.slice(i))) this.byte(b);
        return;
      }
      this.byte(c);
    }
  }

  hex(): string {
    const p = (x: number): string => x.toString(16).padStart(4, '0');
    return p(this.h3) + p(this.h2) + p(this.h1) + p(this.h0);
  }
}

function hash(labels: Labels): Fnv64 {
  const h = new Fnv64();
  labels.forEach((name, value) => {
    h.string(name);
    h.byte(0xff);
    h.string(value);
    h.byte(0xff);
  });
  return h;
}

/** The fingerprint in the %016x form the API, the templates and the notification log use. */
export function fingerprintString(labels: Labels): string {
  return hash(labels).hex();
}

/** The fingerprint as a 64-bit integer. */
export function fingerprint(labels: Labels): bigint {
  return BigInt(`0x${fingerprintString(labels)}`);
}
