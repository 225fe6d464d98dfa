/** Escape sequences of Go's RE2 syntax: \n, \x41, \x{10FFFF}, octal \101, escaped punctuation. */
import { ErrorCode, syntaxError, type RegexError } from './re2-ast.js';
import { MAX_RUNE } from './re2-charclass.js';

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function isOctal(c: number): boolean {
  return c >= 0x30 && c <= 0x37;
}

/** An escape at p (s[p] is '\') -> [code point, end]. */
export function parseEscape(s: string, p: number): [number, number] {
  let t = p + 1;
  if (t >= s.length) throw syntaxError(ErrorCode.TrailingBackslash, '');
  const next = (): number => {
    const c = s.codePointAt(t) as number;
    t += c > 0xffff ? 2 : 1;
    return c;
  };
  const c = next();
  const fail = (): RegexError => syntaxError(ErrorCode.InvalidEscape, s.slice(p, t));
  if (c < 0x80 && !isAlnum(c)) return [c, t];
  if (c >= 0x31 && c <= 0x37 && !(t < s.length && isOctal(s.charCodeAt(t)))) throw fail();
  if (c >= 0x30 && c <= 0x37) {
    let r = c - 0x30;
    for (let i = 1; i < 3 && t < s.length && isOctal(s.charCodeAt(t)); i++) r = r * 8 + (s.charCodeAt(t++) - 0x30);
    return [r, t];
  }
  switch (c) {
    case 0x78: // x
      return parseHexEscape(s, p, t);
    case 0x61:
      return [0x07, t];
    case 0x66:
      return [0x0c, t];
    case 0x6e:
      return [0x0a, t];
    case 0x72:
      return [0x0d, t];
    case 0x74:
      return [0x09, t];
    case 0x76:
      return [0x0b, t];
  }
  throw fail();
}

/** \xHH or \x{H...} (t is just after the 'x'). */
function parseHexEscape(s: string, p: number, t: number): [number, number] {
  const fail = (end: number): RegexError => syntaxError(ErrorCode.InvalidEscape, s.slice(p, end));
  if (t >= s.length) throw fail(t);
  const c = s.codePointAt(t) as number;
  t += c > 0xffff ? 2 : 1;
  if (c === 0x7b) {
    let r = 0;
    let n = 0;
    for (;;) {
      if (t >= s.length) throw fail(t);
      const d = s.codePointAt(t) as number;
      t += d > 0xffff ? 2 : 1;
      if (d === 0x7d) break;
      const v = unhex(d);
      if (v < 0) throw fail(t);
      r = r * 16 + v;
      if (r > MAX_RUNE) throw fail(t);
      n++;
    }
    if (n === 0) throw fail(t);
    return [r, t];
  }
  const x = unhex(c);
  let y = -1;
  if (t < s.length) {
    const d = s.codePointAt(t) as number;
    t += d > 0xffff ? 2 : 1;
    y = unhex(d);
  }
  if (x < 0 || y < 0) throw fail(t);
  return [x * 16 + y, t];
}

