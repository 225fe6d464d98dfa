/**
 * Prometheus's staleness marker: the NaN with bit pattern 0x7ff0000000000002.
 * V8 may quieten a signalling NaN (setting bit 51) when it moves through registers,
 * so the check ignores the quiet bit; encoders write the exact upstream pattern.
 */
const buf = new DataView(new ArrayBuffer(8));
buf.setUint32(0, 0x7ff00000);
buf.setUint32(4, 0x00000002);
export const StaleNaN: number = buf.getFloat64(0);
export const StaleNaNBitsHi = 0x7ff00000;
export const StaleNaNBitsLo = 0x00000002;

const probe = new DataView(new ArrayBuffer(8));
export function isStaleNaN(v: number): boolean {
  if (v === v) return false;
  probe.setFloat64(0, v);
  return (probe.getUint32(0) & 0xfff7ffff) === 0x7ff00000 && probe.getUint32(4) === 0x00000002;
}
