/**
 * float64 <-> (hi, lo) 32-bit halves through one shared scratch buffer (no allocation).
 * The staleness marker is written with its exact upstream bits 0x7ff0000000000002 even when V8
 * has quietened the NaN; any other NaN is written as Go's math.NaN() (0x7ff8000000000001), which
 * is what Prometheus stores for a parsed "NaN".
 */
import { isStaleNaN } from '../../model/value/index.js';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = littleEndian ? 1 : 0;
const LO = littleEndian ? 0 : 1;

export const STALE_NAN_HI = 0x7ff00000;
export const STALE_NAN_LO = 0x00000002;
export const GO_NAN_HI = 0x7ff80000;
export const GO_NAN_LO = 0x00000001;

/** The bits of v in `out[0]` (hi) and `out[1]` (lo), NaNs canonicalised as described above. */
export function floatBits(v: number, out: Int32Array | Uint32Array): void {
  if (v !== v) {
    if (isStaleNaN(v)) {
      out[0] = STALE_NAN_HI;
      out[1] = STALE_NAN_LO;
    } else {
      out[0] = GO_NAN_HI;
      out[1] = GO_NAN_LO;
    }
    return;
  }
  f64[0] = v;
  out[0] = u32[HI] as number;
  out[1] = u32[LO] as number;
}

/** The float64 with the given bits. */
export function floatFromBits(hi: number, lo: number): number {
  u32[HI] = hi;
  u32[LO] = lo;
  return f64[0] as number;
}
