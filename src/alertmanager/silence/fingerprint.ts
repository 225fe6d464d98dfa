import type { Labels } from '../../model/labels/index.js';

const OFFSET = 14695981039346656037n;
const PRIME = 1099511628211n;
const MASK = 0xffffffffffffffffn;
const encoder = new TextEncoder();

function addBytes(h: bigint, b: Uint8Array): bigint {
  let x = h;
  for (const c of b) x = ((x ^ BigInt(c)) * PRIME) & MASK;
  return x;
}

/** model.LabelSet.Fingerprint(): FNV-1a 64 over the sorted names and values, each followed by 0xff. */
export function fingerprint(labels: Labels): bigint {
  let h = OFFSET;
  const sep = new Uint8Array([0xff]);
  const names = labels.names().sort();
  for (const n of names) {
    h = addBytes(h, encoder.encode(n));
    h = addBytes(h, sep);
    h = addBytes(h, encoder.encode(labels.get(n)));
    h = addBytes(h, sep);
  }
  return h;
}

/** The %016x form used by the API. */
export function fingerprintString(labels: Labels): string {
  return fingerprint(labels).toString(16).padStart(16, '0');
}
