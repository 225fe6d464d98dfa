/**
 * Go number and string formatting that shows up in upstream texts: fmt's %g (annotations,
 * error messages), strconv.FormatFloat(f, 'f', -1, 64) (count_values label values) and
 * strconv.Quote (labels and string literals in messages).
 */

interface Digits {
  neg: boolean;
  digits: string;
  /** Decimal exponent of the first digit: value = d.ddd × 10^exp. */
  exp: number;
}

function shortestDigits(x: number): Digits {
  const s = Math.abs(x).toExponential();
  const e = s.indexOf('e');
  const mant = s.slice(0, e).replace('.', '');
  return { neg: x < 0 || Object.is(x, -0), digits: mant, exp: Number(s.slice(e + 1)) };
}

function special(x: number): string | null {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return null;
}

/** Go's fmt %g (and %v) for a float64: shortest digits, exponent form when exp < -4 or exp >= 6. */
export function formatGoG(x: number): string {
  const sp = special(x);
  if (sp !== null) return sp;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const d = shortestDigits(x);
  const sign = d.neg ? '-' : '';
  if (d.exp < -4 || d.exp >= 6) {
    const mant = d.digits.length > 1 ? `${d.digits[0]}.${d.digits.slice(1)}` : d.digits;
    const ae = Math.abs(d.exp);
    return `${sign}${mant}e${d.exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  return sign + fixedFromDigits(d);
}

function fixedFromDigits(d: Digits): string {
  const n = d.digits.length;
  if (d.exp >= n - 1) return d.digits + '0'.repeat(d.exp - n + 1);
  if (d.exp >= 0) return `${d.digits.slice(0, d.exp + 1)}.${d.digits.slice(d.exp + 1)}`;
  return `0.${'0'.repeat(-d.exp - 1)}${d.digits}`;
}

/** strconv.FormatFloat(x, 'f', -1, 64): shortest digits, never in exponent form. */
export function formatGoFloatF(x: number): string {
  const sp = special(x);
  if (sp !== null) return sp;
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const d = shortestDigits(x);
  return (d.neg ? '-' : '') + fixedFromDigits(d);
}

/**
 * strconv.Quote. Invalid UTF-8 bytes, if a string carries them as lone surrogates
 * U+DC80..U+DCFF (the surrogateescape convention), are printed as \xNN like Go does.
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0xdc80 && c <= 0xdcff) out += `\\x${(c - 0xdc00).toString(16).padStart(2, '0')}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += ch;
  }
  return out + '"';
}

/** True if s is non-empty and well-formed (Go: UTF8Validation.IsValidLabelName). */
export function isValidLabelName(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = s.charCodeAt(i + 1);
      if (!(n >= 0xdc00 && n <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}
