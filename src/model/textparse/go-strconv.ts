/**
 * Go's strconv behaviour as the exposition parsers need it, working on byte ranges: ParseFloat
 * (with upstream's "unsupported character in float" guard), ParseInt for millisecond
 * timestamps, %q quoting of byte slices for error texts, and FormatFloat 'g' for OpenMetrics
 * label values.
 */
import { Buffer } from 'node:buffer';

/** A strconv failure; the message is Go's text (e.g. `strconv.ParseFloat: parsing "x": invalid syntax`). */
export class NumberError extends Error {
  override name = 'NumberError';
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INF_RE = /^[+-]?(?:inf|infinity)$/i;

/** Decodes bytes as latin1 (one char per byte): fine for number tokens, which are ASCII when valid. */
export function latin1(b: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(b[i] as number);
  return out;
}

/**
 * Fast path for plain decimals with at most 15 significant digits and a small exponent: exact
 * integer mantissa scaled by an exact power of ten, so the single rounding is the correct one.
 * Returns undefined when the input needs the general path.
 */
function fastDecimal(b: Uint8Array, s: number, e: number): number | undefined {
  let i = s;
  let neg = false;
  let c = b[i];
  if (c === 0x2d || c === 0x2b) {
    neg = c === 0x2d;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let frac = 0;
  let sawDigit = false;
  while (i < e && (c = b[i] as number) >= 0x30 && c <= 0x39) {
    if (digits > 0 || c !== 0x30) digits++;
    mant = mant * 10 + (c - 0x30);
    sawDigit = true;
    i++;
  }
  if (i < e && b[i] === 0x2e) {
    i++;
    while (i < e && (c = b[i] as number) >= 0x30 && c <= 0x39) {
      if (digits > 0 || c !== 0x30) digits++;
      mant = mant * 10 + (c - 0x30);
      frac++;
      sawDigit = true;
      i++;
    }
  }
  if (!sawDigit || digits > 15) return undefined;
  let exp = 0;
  if (i < e) {
    c = b[i] as number;
    if (c !== 0x65 && c !== 0x45) return undefined;
    i++;
    let eneg = false;
    if (i < e && (b[i] === 0x2d || b[i] === 0x2b)) {
      eneg = b[i] === 0x2d;
      i++;
    }
    if (i >= e) return undefined;
    let ed = 0;
    while (i < e && (c = b[i] as number) >= 0x30 && c <= 0x39) {
      exp = exp * 10 + (c - 0x30);
      if (++ed > 4) return undefined;
      i++;
    }
    if (i < e) return undefined;
    if (eneg) exp = -exp;
  }
  const scale = exp - frac;
  let v: number;
  if (scale === 0) v = mant;
  else if (scale > 0 && scale <= 22) v = mant * (POW10[scale] as number);
  else if (scale < 0 && scale >= -22) v = mant / (POW10[-scale] as number);
  else return undefined;
  if (v === Infinity) return undefined;
  return neg ? -v : v;
}

/** strconv.ParseFloat(s, 64) on b[s:e]; throws NumberError with Go's text. */
export function parseGoFloat(b: Uint8Array, s: number, e: number): number {
  const fast = fastDecimal(b, s, e);
  if (fast !== undefined) return fast;
  const str = latin1(b, s, e);
  if (DECIMAL_RE.test(str)) {
    const v = Number(str);
    if (!Number.isFinite(v)) throw new NumberError(`strconv.ParseFloat: parsing ${goQuoteBytes(b, s, e)}: value out of range`);
    return v;
  }
  if (INF_RE.test(str)) return str.charCodeAt(0) === 0x2d ? -Infinity : Infinity;
  if (str.length === 3 && str.toLowerCase() === 'nan') return NaN;
  throw new NumberError(`strconv.ParseFloat: parsing ${goQuoteBytes(b, s, e)}: invalid syntax`);
}

/** Upstream textparse's parseFloat: rejects p, P and _ (post-Go 1.13 float syntax), then ParseFloat. */
export function parseExpositionFloat(b: Uint8Array, s: number, e: number): number {
  for (let i = s; i < e; i++) {
    const c = b[i];
    if (c === 0x70 || c === 0x50 || c === 0x5f) throw new NumberError('unsupported character in float');
  }
  return parseGoFloat(b, s, e);
}

const INT64_MAX = '9223372036854775807';

/** strconv.ParseInt(s, 10, 64) for an unsigned digit run (what the text lexer allows). */
export function parseDigitsInt64(b: Uint8Array, s: number, e: number): number {
  if (e - s <= 15) {
    let v = 0;
    for (let i = s; i < e; i++) v = v * 10 + ((b[i] as number) - 0x30);
    return v;
  }
  let z = s;
  while (z < e - 1 && b[z] === 0x30) z++;
  const digits = latin1(b, z, e);
  if (digits.length > INT64_MAX.length || (digits.length === INT64_MAX.length && digits > INT64_MAX)) {
    throw new NumberError(`strconv.ParseInt: parsing ${goQuoteBytes(b, s, e)}: value out of range`);
  }
  return Number(digits);
}

/** Go's int64(f) on amd64: truncation, with out-of-range and NaN giving math.MinInt64. */
export function goInt64(f: number): number {
  if (!(f > -9223372036854775808 && f < 9223372036854775808)) return -9223372036854775808;
  return Math.trunc(f);
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const HEX = '0123456789abcdef';

function isPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return PRINTABLE.test(String.fromCodePoint(cp));
}

function hexByte(c: number): string {
  return '\\x' + HEX[c >> 4] + HEX[c & 15];
}

function escapeRune(cp: number): string {
  switch (cp) {
    case 0x22: return '\\"';
    case 0x5c: return '\\\\';
    case 0x07: return '\\a';
    case 0x08: return '\\b';
    case 0x0c: return '\\f';
    case 0x0a: return '\\n';
    case 0x0d: return '\\r';
    case 0x09: return '\\t';
    case 0x0b: return '\\v';
  }
  if (isPrint(cp)) return String.fromCodePoint(cp);
  if (cp < 0x20 || cp === 0x7f) return hexByte(cp);
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

/** Decodes one UTF-8 rune at b[i] (below e); returns [codepoint, length] or [-1, 1] when invalid. */
export function decodeRune(b: Uint8Array, i: number, e: number): [number, number] {
  const c0 = b[i] as number;
  if (c0 < 0x80) return [c0, 1];
  let need: number;
  let cp: number;
  let min: number;
  if (c0 >= 0xc2 && c0 <= 0xdf) [need, cp, min] = [1, c0 & 0x1f, 0x80];
  else if (c0 >= 0xe0 && c0 <= 0xef) [need, cp, min] = [2, c0 & 0x0f, 0x800];
  else if (c0 >= 0xf0 && c0 <= 0xf4) [need, cp, min] = [3, c0 & 0x07, 0x10000];
  else return [-1, 1];
  if (i + need >= e) return [-1, 1];
  for (let k = 1; k <= need; k++) {
    const c = b[i + k] as number;
    if ((c & 0xc0) !== 0x80) return [-1, 1];
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return [-1, 1];
  return [cp, need + 1];
}

/** utf8.Valid on b[s:e]. */
export function validUtf8(b: Uint8Array, s: number, e: number): boolean {
  for (let i = s; i < e; ) {
    if ((b[i] as number) < 0x80) {
      i++;
      continue;
    }
    const [cp, n] = decodeRune(b, i, e);
    if (cp < 0) return false;
    i += n;
  }
  return true;
}

function isSimple(c: number): boolean {
  return c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c;
}

/** Go's %q of a byte slice (strconv.Quote semantics, invalid UTF-8 bytes as \xNN). */
export function goQuoteBytes(b: Uint8Array, s: number, e: number): string {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const parts: string[] = ['"'];
  for (let i = s; i < e; ) {
    let j = i;
    while (j < e && isSimple(b[j] as number)) j++;
    if (j > i) {
      parts.push(buf.toString('latin1', i, j));
      i = j;
      continue;
    }
    const [cp, n] = decodeRune(b, i, e);
    parts.push(cp < 0 ? hexByte(b[i] as number) : escapeRune(cp));
    i += n;
  }
  parts.push('"');
  return parts.join('');
}

const encoder = new TextEncoder();

/** Go's %q of a string. */
export function goQuote(s: string): string {
  const b = encoder.encode(s);
  return goQuoteBytes(b, 0, b.length);
}

/** strconv.FormatFloat(f, 'g', -1, 64). */
export function formatGoG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const exp = f.toExponential(); // shortest round-trip digits: d[.ddd]e±x
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp);
  if (!m) return String(f);
  const sign = m[1] as string;
  const digits = (m[2] as string) + (m[3] ?? '');
  const x = Number(m[4]);
  if (x < -4 || x >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ax = Math.abs(x);
    return `${sign}${mant}e${x < 0 ? '-' : '+'}${ax < 10 ? '0' : ''}${ax}`;
  }
  if (x < 0) return `${sign}0.${'0'.repeat(-x - 1)}${digits}`;
  if (digits.length <= x + 1) return sign + digits + '0'.repeat(x + 1 - digits.length);
  return `${sign}${digits.slice(0, x + 1)}.${digits.slice(x + 1)}`;
}

/** labels.FormatOpenMetricsFloat: %g, with ".0" appended when there is neither "." nor "e". */
export function formatOpenMetricsFloat(f: number): string {
  if (f === 1) return '1.0';
  if (f === 0) return '0.0';
  if (f === -1) return '-1.0';
  const s = formatGoG(f);
  if (Number.isNaN(f) || !Number.isFinite(f)) return s;
  return s.includes('e') || s.includes('.') ? s : s + '.0';
}
