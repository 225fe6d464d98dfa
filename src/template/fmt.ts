/**
 * Go's fmt.Sprintf / Sprint / Sprintln over the template value model (values.ts): verbs
 * %v %+v %s %d %f %F %g %G %e %E %q %x %X %o %b %t %c %U %T %%, flags + - # 0 space, width and
 * precision (also `*`), and Go's error forms (%!d(string=x), %!s(MISSING), %!(EXTRA ...)).
 */
import { formatFloat, goQuote, goQuoteRune } from '../model/strconv/index.js';
import { goTypeName, isGoMap, isGoObject, isNil, sortedMapEntries } from './values.js';

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  zero: boolean;
  space: boolean;
  width: number;
  prec: number;
}

const NO_FLAGS: Spec = { plus: false, minus: false, sharp: false, zero: false, space: false, width: -1, prec: -1 };

function pad(s: string, sp: Spec, zeroOK = false): string {
  if (sp.width < 0 || s.length >= 2 * sp.width) return s;
  const n = [...s].length;
  if (n >= sp.width) return s;
  const fill = sp.width - n;
  if (sp.minus) return s + ' '.repeat(fill);
  if (sp.zero && zeroOK) {
    const sign = s[0] === '-' || s[0] === '+' || s[0] === ' ' ? (s[0] as string) : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

/** The first n code points of s. */
function truncateRunes(s: string, n: number): string {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return s.slice(0, i);
}

function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function hexString(s: string, sp: Spec, upper: boolean): string {
  const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  let bytes = utf8Bytes(s);
  if (sp.prec >= 0 && sp.prec < bytes.length) bytes = bytes.subarray(0, sp.prec);
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (sp.space && i > 0) out += ' ';
    if (sp.sharp && (sp.space || i === 0)) out += upper ? '0X' : '0x';
    const b = bytes[i] as number;
    out += (digits[b >> 4] as string) + (digits[b & 15] as string);
  }
  return out;
}

function fmtString(s: string, verb: string, sp: Spec): string | null {
  switch (verb) {
    case 'v':
    case 's': {
      const t = sp.prec >= 0 ? truncateRunes(s, sp.prec) : s;
      return pad(t, sp);
    }
    case 'q': {
      const t = sp.prec >= 0 ? truncateRunes(s, sp.prec) : s;
      return pad(sp.sharp && !t.includes('`') ? `\`${t}\`` : goQuote(t), sp);
    }
    case 'x':
    case 'X':
      return pad(hexString(s, sp, verb === 'X'), sp);
  }
  return null;
}

function signed(digits: string, neg: boolean, sp: Spec): string {
  return (neg ? '-' : sp.plus ? '+' : sp.space ? ' ' : '') + digits;
}

function fmtInt(n: bigint, verb: string, sp: Spec): string | null {
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let digits: string;
  switch (verb) {
    case 'v':
    case 'd':
      digits = abs.toString();
      break;
    case 'x':
    case 'X':
      digits = abs.toString(16);
      if (verb === 'X') digits = digits.toUpperCase();
      if (sp.sharp) digits = (verb === 'X' ? '0X' : '0x') + digits;
      break;
    case 'o':
      digits = (sp.sharp ? '0' : '') + abs.toString(8);
      break;
    case 'O':
      digits = '0o' + abs.toString(8);
      break;
    case 'b':
      digits = abs.toString(2);
      break;
    case 'c':
      return pad(String.fromCodePoint(validRune(n)), sp);
    case 'q':
      return pad(goQuoteRune(validRune(n)), sp);
    case 'U': {
      const cp = Number(n);
      let u = 'U+' + (neg ? '-' : '') + abs.toString(16).toUpperCase().padStart(4, '0');
      if (sp.sharp && cp >= 0 && cp <= 0x10ffff) u += ` '${String.fromCodePoint(cp)}'`;
      return pad(u, sp);
    }
    default:
      return null;
  }
  if (sp.prec >= 0) {
    if (sp.prec === 0 && abs === 0n) digits = '';
    else digits = digits.padStart(sp.prec, '0');
    return pad(signed(digits, neg, sp), sp);
  }
  return pad(signed(digits, neg, sp), sp, true);
}

function validRune(n: bigint): number {
  return n < 0n || n > 0x10ffffn || (n >= 0xd800n && n <= 0xdfffn) ? 0xfffd : Number(n);
}

/** Exact decimal digits of a finite abs value: significant digits and the point's position. */
function exactDigits(abs: number): { d: string; point: number } {
  const s = abs < 1e21 ? abs.toFixed(100) : BigInt(abs).toString();
  const dot = s.indexOf('.');
  const all = dot < 0 ? s : s.slice(0, dot) + s.slice(dot + 1);
  const point = dot < 0 ? s.length : dot;
  const lead = all.search(/[1-9]/);
  if (lead < 0) return { d: '', point: 0 };
  return { d: all.slice(lead).replace(/0+$/, ''), point: point - lead };
}

/**
 * JavaScript rounds an exact decimal tie away from zero, Go to even: when rounding `f` to
 * `keep` significant digits (or, for %f, `prec` decimals) is an exact tie towards an even
 * digit, returns the truncated value so JS's formatting yields Go's digits.
 */
function goRoundTie(f: number, verb: string, prec: number): number {
  if (prec < 0 || !Number.isFinite(f) || f === 0) return f;
  const { d, point } = exactDigits(Math.abs(f));
  let keep: number;
  if (verb === 'f' || verb === 'F') keep = point + prec;
  else if (verb === 'e' || verb === 'E') keep = prec + 1;
  else keep = Math.max(prec, 1);
  if (keep === 0 && d === '5') return f < 0 ? -0 : 0;
  if (keep < 1 || keep >= d.length || d[keep] !== '5' || d.length !== keep + 1) return f;
  if (Number(d[keep - 1]) % 2 === 1) return f;
  const kept = d.slice(0, keep);
  const v = Number(`0.${kept}e${point}`);
  return f < 0 ? -v : v;
}

function fmtFloat(f0: number, verb: string, sp: Spec): string | null {
  const f = verb === 'v' ? f0 : goRoundTie(f0, verb, verb === 'f' || verb === 'F' || verb === 'e' || verb === 'E' ? (sp.prec < 0 ? 6 : sp.prec) : sp.prec);
  let s: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      s = formatFloat(f, 'g', sp.prec);
      if (sp.sharp && Number.isFinite(f)) s = sharpG(s, sp.prec < 0 ? 6 : sp.prec);
      break;
    case 'e':
    case 'E':
      s = formatFloat(f, 'e', sp.prec < 0 ? 6 : sp.prec);
      break;
    case 'f':
    case 'F':
      s = formatFloat(f, 'f', sp.prec < 0 ? 6 : sp.prec);
      break;
    default:
      return null;
  }
  if (verb === 'E' || verb === 'G') s = s.toUpperCase().replace('INF', 'Inf').replace('NAN', 'NaN');
  if (Number.isNaN(f)) {
    s = sp.plus ? '+NaN' : sp.space ? ' NaN' : 'NaN';
    return pad(s, sp);
  }
  if (s[0] !== '-' && s[0] !== '+') s = (sp.plus ? '+' : sp.space ? ' ' : '') + s;
  else if (s[0] === '+' && !sp.plus) s = (sp.space ? ' ' : '') + s.slice(1);
  if (!Number.isFinite(f)) {
    if (f > 0 && !sp.plus && !sp.space) s = '+Inf';
    return pad(s, { ...sp, zero: false });
  }
  return pad(s, sp, true);
}

/** %#g keeps trailing zeros up to the precision and always has a decimal point. */
function sharpG(s: string, prec: number): string {
  const e = s.search(/[eE]/);
  let mant = e < 0 ? s : s.slice(0, e);
  const exp = e < 0 ? '' : s.slice(e);
  if (!mant.includes('.')) mant += '.';
  const digits = mant.replace(/[-+.]/g, '').replace(/^0+/, '').length;
  if (digits < prec) mant += '0'.repeat(prec - Math.max(digits, 1));
  return mant + exp;
}

function fmtBool(b: boolean, verb: string, sp: Spec): string | null {
  return verb === 't' || verb === 'v' ? pad(b ? 'true' : 'false', sp) : null;
}

/** fmt's handling of one operand for a verb; null when the verb does not apply to its type. */
function formatValue(v: unknown, verb: string, sp: Spec, depth = 0): string | null {
  if (verb === 'T') return pad(goTypeName(v), sp);
  if (isNil(v)) return verb === 'v' ? pad('<nil>', sp) : null;
  switch (typeof v) {
    case 'string':
      return fmtString(v, verb, sp);
    case 'number':
      return fmtFloat(v, verb, sp);
    case 'bigint':
      return fmtInt(v, verb, sp);
    case 'boolean':
      return fmtBool(v, verb, sp);
    case 'function':
      return verb === 'v' || verb === 'p' ? pad('0xc000010000', sp) : null;
  }
  if (v instanceof Error) return fmtString(v.message, verb, sp);
  if (isGoObject(v)) {
    if (v.goType.startsWith('*') && verb === 'p') return pad('0xc000010000', sp);
    return fmtString(v.goFormat(), verb, sp);
  }
  if (depth > 64) return '...';
  if (Array.isArray(v)) {
    const parts = v.map((e: unknown) => formatValue(e, verb, sp, depth + 1) ?? badVerb(verb, e));
    return `[${parts.join(' ')}]`;
  }
  if (isGoMap(v)) {
    const parts = sortedMapEntries(v).map(([k, e]) =>
      `${formatValue(k, verb, sp, depth + 1) ?? badVerb(verb, k)}:${formatValue(e, verb, sp, depth + 1) ?? badVerb(verb, e)}`);
    return `map[${parts.join(' ')}]`;
  }
  return fmtString(String(v), verb, sp);
}

function badVerb(verb: string, v: unknown): string {
  if (isNil(v)) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(v)}=${formatValue(v, 'v', NO_FLAGS) ?? ''})`;
}

/** %v of one operand without flags. */
export function formatV(v: unknown): string {
  return formatValue(v, 'v', NO_FLAGS) ?? '';
}

function readNum(format: string, i: number): [number, number] {
  let n = 0;
  let j = i;
  let any = false;
  while (j < format.length) {
    const c = format.charCodeAt(j);
    if (c < 0x30 || c > 0x39) break;
    n = n * 10 + (c - 0x30);
    if (n > 1e6) return [-2, j];
    any = true;
    j++;
  }
  return [any ? n : -1, j];
}

interface Cursor {
  args: readonly unknown[];
  next: number;
}

/** A `*` width or precision argument: an int operand, else -1 (bad). */
function starArg(c: Cursor): number {
  if (c.next >= c.args.length) {
    c.next++;
    return -1;
  }
  const a = c.args[c.next++];
  if (typeof a !== 'bigint' || a > 1000000n || a < -1000000n) return -1;
  return Number(a);
}

function readFlags(format: string, i: number, sp: Spec): number {
  let j = i;
  for (; j < format.length; j++) {
    switch (format[j]) {
      case '+': sp.plus = true; continue;
      case '-': sp.minus = true; continue;
      case '#': sp.sharp = true; continue;
      case '0': sp.zero = true; continue;
      case ' ': sp.space = true; continue;
    }
    break;
  }
  return j;
}

/** Parses one directive after '%'; returns [output, next index]. */
function directive(format: string, start: number, c: Cursor): [string, number] {
  const sp: Spec = { ...NO_FLAGS };
  let i = readFlags(format, start, sp);
  let out = '';
  if (format[i] === '*') {
    const w = starArg(c);
    if (w === -1 && c.next > c.args.length) out += '%!(BADWIDTH)';
    else if (w === -1 && typeof c.args[c.next - 1] !== 'bigint') out += '%!(BADWIDTH)';
    else if (w < 0) {
      sp.minus = true;
      sp.width = -w;
    } else sp.width = w;
    i++;
  } else {
    const [w, j] = readNum(format, i);
    sp.width = w;
    i = j;
  }
  if (format[i] === '.') {
    i++;
    if (format[i] === '*') {
      const p = starArg(c);
      if (p < 0) out += '%!(BADPREC)';
      sp.prec = p < 0 ? -1 : p;
      i++;
    } else {
      const [p, j] = readNum(format, i);
      sp.prec = p < 0 ? 0 : p;
      i = j;
    }
  }
  if (sp.minus) sp.zero = false;
  if (i >= format.length) return [out + '%!(NOVERB)', i];
  const verb = String.fromCodePoint(format.codePointAt(i) as number);
  i += verb.length;
  if (verb === '%') return [out + '%', i];
  if (c.next >= c.args.length) return [out + `%!${verb}(MISSING)`, i];
  const arg = c.args[c.next++];
  if (verb === 'v' && sp.plus && !isNil(arg) && typeof arg !== 'number' && typeof arg !== 'bigint') sp.plus = false;
  const s = formatValue(arg, verb, sp);
  return [out + (s ?? badVerb(verb, arg)), i];
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly unknown[]): string {
  const c: Cursor = { args, next: 0 };
  let out = '';
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    const [s, next] = directive(format, pct + 1, c);
    out += s;
    i = next;
  }
  if (c.next < args.length) {
    const extra = args.slice(c.next).map((a) => (isNil(a) ? '<nil>' : `${goTypeName(a)}=${formatV(a)}`));
    out += `%!(EXTRA ${extra.join(', ')})`;
  }
  return out;
}

/** fmt.Sprint: a space between operands when neither side is a string. */
export function sprint(args: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += formatV(a);
  }
  return out;
}

/** fmt.Sprintln: spaces between all operands and a trailing newline. */
export function sprintln(args: readonly unknown[]): string {
  return args.map(formatV).join(' ') + '\n';
}
