/**
 * Byte sizes as alecthomas/units.Base2Bytes: "512KiB", "15MB" (both base 2), "0"; used by
 * body_size_limit and storage.tsdb.retention.size.
 */

function unitMap(suffix: string): ReadonlyMap<string, number> {
  const m = new Map<string, number>([['B', 1]]);
  const prefixes = ['K', 'M', 'G', 'T', 'P', 'E'];
  prefixes.forEach((p, i) => m.set(p + suffix, 1024 ** (i + 1)));
  return m;
}

const BYTES = unitMap('iB');
const OLD_BYTES = unitMap('B');

function leadingInt(s: string): { x: number; rest: string } | null {
  let i = 0;
  while (i < s.length && s[i] !== undefined && (s[i] as string) >= '0' && (s[i] as string) <= '9') i++;
  const digits = s.slice(0, i);
  const x = digits === '' ? 0 : Number(digits);
  if (x > 2 ** 63) return null;
  return { x, rest: s.slice(i) };
}

function parseUnit(orig: string, units: ReadonlyMap<string, number>): number {
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw new Error(`units: invalid ${orig}`);
  let f = 0;
  while (s !== '') {
    const c = s[0] as string;
    if (!(c === '.' || (c >= '0' && c <= '9'))) throw new Error(`units: invalid ${orig}`);
    const before = s.length;
    const lead = leadingInt(s);
    if (lead === null) throw new Error(`units: invalid ${orig}`);
    let g = lead.x;
    s = lead.rest;
    const pre = before !== s.length;
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      const pl = s.length;
      const frac = leadingInt(s);
      if (frac === null) throw new Error(`units: invalid ${orig}`);
      s = frac.rest;
      g += frac.x / 10 ** (pl - s.length);
      post = pl !== s.length;
    }
    if (!pre && !post) throw new Error(`units: invalid ${orig}`);
    let i = 0;
    while (i < s.length && !(s[i] === '.' || ((s[i] as string) >= '0' && (s[i] as string) <= '9'))) i++;
    const u = s.slice(0, i);
    s = s.slice(i);
    const unit = units.get(u);
    if (unit === undefined) throw new Error(`units: unknown unit ${u} in ${orig}`);
    f += g * unit;
  }
  if (neg) f = -f;
  if (f < -(2 ** 63) || f > 2 ** 63 - 1) throw new Error('units: overflow parsing unit');
  return Math.trunc(f);
}

/** units.ParseBase2Bytes: bytes; throws Error with the library's text. */
export function parseBase2Bytes(s: string): number {
  try {
    return parseUnit(s, BYTES);
  } catch {
    return parseUnit(s, OLD_BYTES);
  }
}

/** Base2Bytes.String() (units.ToString): 15MiB, 1KiB512B, 100B, 0B. */
export function formatBase2Bytes(bytes: number): string {
  const names = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  const parts: string[] = [];
  let n = Math.trunc(bytes);
  for (let m = 0; m < names.length; m++) {
    const r = n % 1024;
    if (r !== 0 || (m === 0 && n === 0)) parts.unshift(`${r}${names[m]}${m === 0 ? 'B' : 'iB'}`);
    n = Math.trunc(n / 1024);
    if (n === 0) break;
  }
  return parts.join('');
}
