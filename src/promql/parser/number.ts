/**
 * Go number syntax as PromQL uses it: strconv.ParseInt(s, 0, 64) with a ParseFloat fallback
 * for literals, and FormatFloat 'f' / %v / %f for printing.
 */
import { goQuote } from './quote.js';

export class NumberSyntaxError extends Error {
  override name = 'NumberSyntaxError';
}

/** Go's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(str: string): boolean {
  let s = str;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1] as string)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const INT_DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };

/** strconv.ParseInt(s, 0, 64); null when it fails (syntax or range). */
function parseGoInt(s0: string): number | null {
  let s = s0;
  let neg = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = 10;
  if (s.length >= 2 && s[0] === '0') {
    const p = (s[1] as string).toLowerCase();
    if (p === 'x' || p === 'o' || p === 'b') {
      base = p === 'x' ? 16 : p === 'o' ? 8 : 2;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  if (s.includes('_')) {
    if (!underscoreOK(s0)) return null;
    s = s.replace(/_/g, '');
  }
  if (s === '' || !(INT_DIGITS[base] as RegExp).test(s)) return null;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const v = BigInt(prefix + s);
  if (neg ? v > 1n << 63n : v > (1n << 63n) - 1n) return null;
  return Number(neg ? -v : v);
}

const FLOAT_RE = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const SPECIAL_RE = /^([+-]?)(inf|infinity|nan)$/i;

/** strconv.ParseFloat(s, 64); throws NumberSyntaxError with Go's message. */
export function parseGoFloat(s: string): number {
  const special = SPECIAL_RE.exec(s);
  if (special) {
    if ((special[2] as string).toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  let t = s;
  if (t.includes('_')) {
    if (!underscoreOK(t)) throw new NumberSyntaxError(`strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`);
    t = t.replace(/_/g, '');
  }
  if (!FLOAT_RE.test(t)) throw new NumberSyntaxError(`strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`);
  const v = Number(t);
  if (!Number.isFinite(v)) throw new NumberSyntaxError(`strconv.ParseFloat: parsing ${goQuote(s)}: value out of range`);
  return v;
}

/** A PromQL number literal: integer syntax (hex, octal) first, then float. */
export function parseNumberLiteral(s: string): number {
  const i = parseGoInt(s);
  if (i !== null) return i;
  return parseGoFloat(s);
}

/** Shortest round-trip digits and decimal exponent of a finite positive double. */
function shortestDigits(v: number): { digits: string; dp: number } {
  const e = v.toExponential();
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(e) as RegExpExecArray;
  const digits = ((m[1] as string) + (m[2] ?? '')).replace(/0+$/, '') || '0';
  return { digits, dp: Number(m[3]) + 1 };
}

function fixedFromDigits(digits: string, dp: number): string {
  if (dp <= 0) return '0.' + '0'.repeat(-dp) + digits;
  if (dp >= digits.length) return digits + '0'.repeat(dp - digits.length);
  return digits.slice(0, dp) + '.' + digits.slice(dp);
}

function special(v: number): string | null {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return null;
}

/** strconv.FormatFloat(v, 'f', -1, 64). */
export function formatFloatF(v: number): string {
  const sp = special(v);
  if (sp !== null) return sp;
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const neg = v < 0;
  const { digits, dp } = shortestDigits(Math.abs(v));
  return (neg ? '-' : '') + fixedFromDigits(digits, dp);
}

/** fmt's %v of a float64 (strconv 'g' with shortest precision). */
export function formatFloatV(v: number): string {
  const sp = special(v);
  if (sp !== null) return sp;
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const neg = v < 0;
  const { digits, dp } = shortestDigits(Math.abs(v));
  const exp = dp - 1;
  let body: string;
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    body = `${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  } else {
    body = fixedFromDigits(digits, dp);
  }
  return (neg ? '-' : '') + body;
}

/** fmt's %f (6 decimals, exact expansion) with Go's spelling of infinities. */
export function formatFloatFixed6(v: number): string {
  const sp = special(v);
  if (sp !== null) return sp;
  if (Math.abs(v) < 1e21) return v.toFixed(6);
  return BigInt(v).toString() + '.000000';
}

/** Go's math.Round: half away from zero. */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
