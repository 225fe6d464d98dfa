/**
 * Go string literal unquoting: strconv.Unquote and Prometheus's strutil.Unquote (PromQL string
 * literals). Escaped bytes that do not form valid UTF-8 (as Go strings may hold) become lone
 * surrogates U+DC80..U+DCFF, which goQuote prints back as \xNN.
 */

export class UnquoteError extends Error {
  override name = 'UnquoteError';
  constructor() {
    super('invalid syntax');
  }
}

function pushUtf8(bytes: number[], cp: number): void {
  let c = cp;
  if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
  if (c < 0x80) bytes.push(c);
  else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
  else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 0x5c };

/** Decodes one escape starting after the backslash at s[i]; returns the next index. */
function unescape(s: string, i: number, quote: string, bytes: number[]): number {
  const c = s[i];
  if (c === undefined) throw new UnquoteError();
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined) {
    bytes.push(simple);
    return i + 1;
  }
  if (c === 'x' || c === 'u' || c === 'U') {
    const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
    if (i + 1 + n > s.length) throw new UnquoteError();
    let v = 0;
    for (let j = 0; j < n; j++) {
      const d = hexVal(s.charCodeAt(i + 1 + j));
      if (d < 0) throw new UnquoteError();
      v = v * 16 + d;
    }
    if (c === 'x') bytes.push(v);
    else if (v > 0x10ffff) throw new UnquoteError();
    else pushUtf8(bytes, v);
    return i + 1 + n;
  }
  if (c >= '0' && c <= '7') {
    let v = c.charCodeAt(0) - 0x30;
    if (i + 3 > s.length) throw new UnquoteError();
    for (let j = 1; j <= 2; j++) {
      const d = s.charCodeAt(i + j) - 0x30;
      if (d < 0 || d > 7) throw new UnquoteError();
      v = v * 8 + d;
    }
    if (v > 255) throw new UnquoteError();
    bytes.push(v);
    return i + 3;
  }
  if ((c === "'" || c === '"') && c === quote) {
    bytes.push(c.charCodeAt(0));
    return i + 1;
  }
  throw new UnquoteError();
}

function continuation(b: number | undefined, lo = 0x80, hi = 0xbf): boolean {
  return b !== undefined && b >= lo && b <= hi;
}

/** Length of the valid UTF-8 sequence at bytes[i], or 0 if it is not one. */
function utf8SequenceLength(bytes: readonly number[], i: number): number {
  const b = bytes[i] as number;
  if (b < 0x80) return 1;
  if (b >= 0xc2 && b <= 0xdf) return continuation(bytes[i + 1]) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const lo = b === 0xe0 ? 0xa0 : 0x80;
    const hi = b === 0xed ? 0x9f : 0xbf;
    return continuation(bytes[i + 1], lo, hi) && continuation(bytes[i + 2]) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const lo = b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xf4 ? 0x8f : 0xbf;
    return continuation(bytes[i + 1], lo, hi) && continuation(bytes[i + 2]) && continuation(bytes[i + 3]) ? 4 : 0;
  }
  return 0;
}

/**
 * Decodes UTF-8 bytes; each byte of an invalid sequence becomes the lone surrogate
 * U+DC00+byte, so that strings holding invalid UTF-8 (as Go strings may) survive a
 * round trip through goQuote (which prints them back as \xNN).
 */
function decodeUtf8Escaped(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const n = utf8SequenceLength(bytes, i);
    if (n === 0) {
      out += String.fromCharCode(0xdc00 + (bytes[i] as number));
      i++;
      continue;
    }
    const b = bytes[i] as number;
    let cp: number;
    if (n === 1) cp = b;
    else if (n === 2) cp = ((b & 0x1f) << 6) | ((bytes[i + 1] as number) & 0x3f);
    else if (n === 3) cp = ((b & 0x0f) << 12) | (((bytes[i + 1] as number) & 0x3f) << 6) | ((bytes[i + 2] as number) & 0x3f);
    else cp = ((b & 0x07) << 18) | (((bytes[i + 1] as number) & 0x3f) << 12) | (((bytes[i + 2] as number) & 0x3f) << 6) | ((bytes[i + 3] as number) & 0x3f);
    out += String.fromCodePoint(cp);
    i += n;
  }
  return out;
}

/**
 * Removes the quotes of a ', " or ` quoted string and decodes its escapes. goRules: Go's
 * strconv.Unquote ('...' holds exactly one character, \r is dropped from `...`); otherwise
 * Prometheus's strutil.Unquote ('...' is a string like "...", `...` is kept as written).
 */
function unquoteWith(quoted: string, goRules: boolean): string {
  const n = quoted.length;
  if (n < 2) throw new UnquoteError();
  const quote = quoted[0] as string;
  if (quote !== quoted[n - 1]) throw new UnquoteError();
  const s = quoted.slice(1, n - 1);
  if (quote === '`') {
    if (s.includes('`')) throw new UnquoteError();
    return goRules ? s.replace(/\r/g, '') : s;
  }
  if (quote !== '"' && quote !== "'") throw new UnquoteError();
  if (s.includes('\n')) throw new UnquoteError();
  const oneChar = goRules && quote === "'";
  if (!oneChar && !s.includes('\\') && !s.includes(quote)) return s;
  const bytes: number[] = [];
  let chars = 0;
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === quote) throw new UnquoteError();
    chars++;
    if (c === '\\') {
      i = unescape(s, i + 1, quote, bytes);
      continue;
    }
    const cp = s.codePointAt(i) as number;
    pushUtf8(bytes, cp);
    i += cp > 0xffff ? 2 : 1;
  }
  if (oneChar && chars !== 1) throw new UnquoteError();
  return decodeUtf8Escaped(bytes);
}

/** strconv.Unquote: a Go string ("..." or `...`) or character ('...') literal's value. */
export function unquote(quoted: string): string {
  return unquoteWith(quoted, true);
}

/** strutil.Unquote: the value of a PromQL string literal ('...', "..." or `...`). */
export function unquoteLiteral(quoted: string): string {
  return unquoteWith(quoted, false);
}
