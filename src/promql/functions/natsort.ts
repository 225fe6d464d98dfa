/**
 * Natural string order as github.com/facette/natsort (the version Prometheus uses): strings
 * are split into runs of ASCII digits and non-digits; digit runs compare as integers.
 */

const CHUNKS = /[0-9]+|[^0-9]+/g;
const INT64_MAX = 9223372036854775807n;

function chunkify(s: string): string[] {
  return s.match(CHUNKS) ?? [];
}

/** strconv.Atoi: the chunk's integer value, or null if not a (64-bit) integer. */
function atoi(chunk: string): bigint | null {
  const c = chunk.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return null;
  const v = BigInt(chunk);
  return v > INT64_MAX ? null : v;
}

/** natsort.Compare: true if a sorts before b. */
export function naturalLess(a: string, b: string): boolean {
  const ca = chunkify(a);
  const cb = chunkify(b);
  for (let i = 0; i < ca.length; i++) {
    if (i >= cb.length) return false;
    const x = ca[i] as string;
    const y = cb[i] as string;
    const xi = atoi(x);
    const yi = atoi(y);
    if (xi !== null && yi !== null) {
      if (xi === yi) {
        if (i === ca.length - 1) return true;
        if (i === cb.length - 1) return false;
        continue;
      }
      return xi < yi;
    }
    if (x === y) {
      if (i === ca.length - 1) return true;
      if (i === cb.length - 1) return false;
      continue;
    }
    return x < y;
  }
  return false;
}
