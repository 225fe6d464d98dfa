/**
 * Orders strings by their UTF-8 bytes, as Go compares strings (and so as Prometheus sorts
 * symbols and postings). JS `<` compares UTF-16 code units, which differs only when a surrogate
 * (U+D800..U+DFFF, i.e. a code point above U+FFFF) meets a unit in U+E000..U+FFFF.
 */
export function compareBytewise(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
