/**
 * Small chunk buffers carved from shared 64 KiB slabs. V8 allocates a fresh off-heap backing store
 * for every `new Uint8Array(n)` above 64 bytes, which costs microseconds; a view into a slab costs a
 * fraction of that. A slab is freed once no view into it is alive (as Node's Buffer pool).
 */
const SLAB_SIZE = 64 * 1024;
const MAX_SLAB_ALLOC = 4096;

let slab = new ArrayBuffer(SLAB_SIZE);
let slabOff = 0;

/** A zero-filled byte buffer of length n. */
export function allocBytes(n: number): Uint8Array {
  if (n > MAX_SLAB_ALLOC) return new Uint8Array(n);
  if (slabOff + n > SLAB_SIZE) {
    slab = new ArrayBuffer(SLAB_SIZE);
    slabOff = 0;
  }
  const b = new Uint8Array(slab, slabOff, n);
  // Keep views 8-byte aligned.
  slabOff += (n + 7) & ~7;
  return b;
}
