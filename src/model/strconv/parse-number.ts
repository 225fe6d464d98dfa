/**
 * Go's number parsing: strconv.ParseInt(s, 0, 64) and strconv.ParseFloat(s, 64), with Go's
 * syntax (base prefixes, underscores between digits, hexadecimal floats, Inf/NaN) and error texts.
 */
import { goQuote } from './quote.js';

type NumErrorReason = 'invalid syntax' | 'value out of range';

/** strconv.NumError: `strconv.ParseFloat: parsing "x": invalid syntax`. */
export class NumError extends Error {
  override name = 'NumError';
  constructor(
    readonly func: 'ParseInt' | 'ParseFloat',
    readonly num: string,
    readonly reason: NumErrorReason,
  ) {
    super(`strconv.${func}: parsing ${goQuote(num)}: ${reason}`);
  }
}

/** Go's underscoreOK: underscores only between digits or right after a base prefix. */
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

function readInt(s0: string): number | NumErrorReason {
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
    if (!underscoreOK(s0)) return 'invalid syntax';
    s = s.replace(/_/g, '');
  }
  if (s === '' || !(INT_DIGITS[base] as RegExp).test(s)) return 'invalid syntax';
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const v = BigInt(prefix + s);
  if (neg ? v > 1n << 63n : v > (1n << 63n) - 1n) return 'value out of range';
  return Number(neg ? -v : v);
}

/** strconv.ParseInt(s, 0, 64): the base from the prefix (0x, 0o, 0b, 0), underscores allowed. */
export function parseGoInt(s: string): number {
  const r = readInt(s);
  if (typeof r === 'number') return r;
  throw new NumError('ParseInt', s, r);
}

const DECIMAL_FLOAT = /^[+-]?(?:[0-9_]+\.?[0-9_]*|\.[0-9_]+)(?:[eE][+-]?[0-9][0-9_]*)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F_]*)\.?([0-9a-fA-F_]*)[pP]([+-]?[0-9][0-9_]*)$/;
const INFINITY = /^[+-]?(?:inf|infinity)$/i;

function readHexFloat(m: RegExpExecArray): number {
  const intPart = (m[2] ?? '').replace(/_/g, '');
  const frac = (m[3] ?? '').replace(/_/g, '');
  const mant = Number.parseInt(intPart + frac || '0', 16);
  const v = mant * Math.pow(2, Number((m[4] as string).replace(/_/g, '')) - 4 * frac.length);
  return m[1] === '-' ? -v : v;
}

function readFloat(s: string): number | NumErrorReason {
  if (INFINITY.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  let v: number;
  if (DECIMAL_FLOAT.test(s)) {
    if (s.includes('_') && !underscoreOK(s)) return 'invalid syntax';
    v = Number(s.replace(/_/g, ''));
  } else {
    const m = HEX_FLOAT.exec(s);
    if (m === null || /^_*$/.test((m[2] ?? '') + (m[3] ?? '')) || !underscoreOK(s)) return 'invalid syntax';
    v = readHexFloat(m);
  }
  return Number.isFinite(v) ? v : 'value out of range';
}

/**
 * strconv.ParseFloat(s, 64). Throws NumError where Go returns an error: bad syntax, or a
 * finite literal too large for a float64.
 */
export function parseGoFloat(s: string): number {
  const r = readFloat(s);
  if (typeof r === 'number') return r;
  throw new NumError('ParseFloat', s, r);
}

/**
 * A number as Prometheus reads one (PromQL number literals, promqltest values):
 * strconv.ParseInt(s, 0, 64), falling back to strconv.ParseFloat(s, 64) (whose error it throws).
 */
export function parseGoNumber(s: string): number {
  const i = readInt(s);
  return typeof i === 'number' ? i : parseGoFloat(s);
}
