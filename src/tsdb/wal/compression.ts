/**
 * Record compression of the WAL: snappy block format (not framed), as Prometheus writes it.
 * copyOutputData makes the binding return ordinary (copied) buffers: measured faster here than
 * its external buffers, which carry a finalizer each.
 */
import { compressSync, uncompressSync } from 'snappy';

const OPTS = { copyOutputData: true } as const;

/** Snappy-compresses a record (the writer keeps the raw record when this is not smaller). */
export function snappyEncode(rec: Uint8Array): Uint8Array {
  return compressSync(rec, OPTS);
}

export function snappyDecode(data: Uint8Array): Uint8Array {
  const out = uncompressSync(data, { asBuffer: true, copyOutputData: true });
  if (typeof out === 'string') return new TextEncoder().encode(out);
  return out;
}
