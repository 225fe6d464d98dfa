/**
 * Re2Node tree -> JavaScript RegExp source for the `s` flag alone. Without the `u` flag V8 can
 * fall back to its linear-time engine on excessive backtracking (RE2 is linear; see
 * enableLinearFallback), so code points above U+FFFF are spelled as surrogate pairs and every
 * class is spelled out as code point ranges. Case folding is spelled out per character (JS has
 * no scoped case-insensitivity on Node 20); RE2's ASCII-only \b and line anchors are kept.
 * Input strings are assumed to be well-formed UTF-16 (no lone surrogates), as decoded text is.
 */
import type { Re2Node } from './re2-ast.js';
import { foldOrbit, MAX_RUNE, type RuneRanges } from './re2-charclass.js';

/** The flags every emitted source is meant for. */
export const JS_FLAGS = 's';

const SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/'.split(''));
const BMP_NON_SURROGATE: RuneRanges = [0, 0xd7ff, 0xe000, 0xffff];
/** Any code point: a surrogate pair or a non-surrogate code unit. */
const ANY_CODE_POINT = '(?:[\\ud800-\\udbff][\\udc00-\\udfff]|[^\\ud800-\\udfff])';

function unit(u: number): string {
  return `\\u${u.toString(16).padStart(4, '0')}`;
}

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function surrogates(c: number): [number, number] {
  const v = c - 0x10000;
  return [0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff)];
}

/** A code point as JS pattern text outside a class (two units above U+FFFF). */
function escapeChar(c: number): string {
  if (c > 0xffff) {
    const [h, l] = surrogates(c);
    return unit(h) + unit(l);
  }
  if (c >= 0x20 && c < 0x7f) {
    const ch = String.fromCharCode(c);
    return SYNTAX_CHARS.has(ch) ? `\\${ch}` : ch;
  }
  return unit(c);
}

/** A BMP code unit inside a class. */
function classUnit(c: number): string {
  return isWordChar(c) ? String.fromCharCode(c) : unit(c);
}

function classItems(r: readonly number[]): string {
  let out = '';
  for (let i = 0; i + 1 < r.length; i += 2) {
    const lo = r[i] as number;
    const hi = r[i + 1] as number;
    out += classUnit(lo);
    if (hi === lo + 1) out += classUnit(hi);
    else if (hi > lo) out += `-${classUnit(hi)}`;
  }
  return out;
}

/** Intersection of two clean classes. */
function intersect(a: readonly number[], b: readonly number[]): RuneRanges {
  const out: RuneRanges = [];
  let i = 0;
  let j = 0;
  while (i + 1 < a.length && j + 1 < b.length) {
    const lo = Math.max(a[i] as number, b[j] as number);
    const hi = Math.min(a[i + 1] as number, b[j + 1] as number);
    if (lo <= hi) out.push(lo, hi);
    if ((a[i + 1] as number) < (b[j + 1] as number)) i += 2;
    else j += 2;
  }
  return out;
}

/** The BMP part of a class as one JS class, positive or negated, whichever is shorter. */
function bmpClass(bmp: RuneRanges): string {
  const neg: RuneRanges = [];
  let next = 0;
  for (let i = 0; i + 1 < bmp.length; i += 2) {
    if (next <= (bmp[i] as number) - 1) neg.push(next, (bmp[i] as number) - 1);
    next = (bmp[i + 1] as number) + 1;
  }
  if (next <= 0xffff) neg.push(next, 0xffff);
  const negNonSurrogate = intersect(neg, BMP_NON_SURROGATE);
  if (negNonSurrogate.length < bmp.length) return `[^${classItems(negNonSurrogate)}\\ud800-\\udfff]`;
  return `[${classItems(bmp)}]`;
}

/** Surrogate-pair alternatives for code points lo..hi (>= U+10000). */
function astralAlternatives(lo: number, hi: number, out: string[]): void {
  const [h1, l1] = surrogates(lo);
  const [h2, l2] = surrogates(hi);
  const lows = (a: number, b: number): string => (a === b ? unit(a) : `[${unit(a)}-${unit(b)}]`);
  if (h1 === h2) {
    out.push(unit(h1) + lows(l1, l2));
    return;
  }
  let firstFull = h1;
  let lastFull = h2;
  if (l1 !== 0xdc00) {
    out.push(unit(h1) + lows(l1, 0xdfff));
    firstFull++;
  }
  const tail = l2 !== 0xdfff;
  if (tail) lastFull--;
  if (firstFull <= lastFull) out.push(lows(firstFull, lastFull) + lows(0xdc00, 0xdfff));
  if (tail) out.push(unit(h2) + lows(0xdc00, l2));
}

/** A clean class as one JS atom matching exactly one code point of it. */
export function classSource(r: RuneRanges): string {
  if (r.length === 0) return '[]';
  if (r.length === 2 && r[0] === 0 && r[1] === MAX_RUNE) return ANY_CODE_POINT;
  if (r.length === 2 && r[0] === r[1] && (r[0] as number) <= 0xffff) return escapeChar(r[0] as number);
  const bmp = intersect(r, BMP_NON_SURROGATE);
  const alts: string[] = [];
  const astral = intersect(r, [0x10000, MAX_RUNE]);
  for (let i = 0; i + 1 < astral.length; i += 2) astralAlternatives(astral[i] as number, astral[i + 1] as number, alts);
  if (bmp.length > 0) alts.push(bmpClass(bmp));
  if (alts.length === 0) return '[]';
  return alts.length === 1 && bmp.length > 0 ? (alts[0] as string) : `(?:${alts.join('|')})`;
}

function literalSource(runes: readonly number[], fold: boolean): string {
  let out = '';
  for (const c of runes) {
    const orbit = fold ? foldOrbit(c) : [c];
    if (orbit.length < 2) out += escapeChar(c);
    else out += classSource(orbit.flatMap((o) => [o, o]).sort((a, b) => a - b));
  }
  return out;
}

/** True if the node's source is one atom a quantifier may follow directly. */
function isAtom(n: Re2Node): boolean {
  switch (n.op) {
    case 'literal':
      return n.runes.length === 1 && (n.runes[0] as number) <= 0xffff;
    case 'class':
    case 'anyChar':
    case 'anyCharNotNL':
    case 'capture':
      return true;
    default:
      return false;
  }
}

function quantifier(min: number, max: number, braces: boolean): string {
  if (!braces) {
    if (min === 0 && max === -1) return '*';
    if (min === 1 && max === -1) return '+';
    if (min === 0 && max === 1) return '?';
  }
  if (max === -1) return `{${min},}`;
  if (max === min) return `{${min}}`;
  return `{${min},${max}}`;
}

function repeatSource(n: Extract<Re2Node, { op: 'repeat' }>): string {
  const lazy = n.greedy ? '' : '?';
  // `.*` and `.+` match the same strings unit by unit (a pair is two units, and nothing
  // else can start on a low surrogate), and V8 runs [\s\S]* much faster.
  if (n.max === -1 && n.min <= 1 && (n.sub.op === 'anyChar' || n.sub.op === 'anyCharNotNL')) {
    return (n.sub.op === 'anyChar' ? '[\\s\\S]' : '[^\\n]') + (n.min === 0 ? '*' : '+') + lazy;
  }
  const sub = emitNode(n.sub);
  const atom = isAtom(n.sub) ? sub : `(?:${sub})`;
  return atom + quantifier(n.min, n.max, n.braces) + lazy;
}

/** JS source for a node. Capture groups keep their numbering (every other group is (?:)). */
export function emitNode(n: Re2Node): string {
  switch (n.op) {
    case 'empty':
      return '';
    case 'literal':
      return literalSource(n.runes, n.fold);
    case 'class':
      return classSource(n.ranges);
    case 'anyChar':
      return ANY_CODE_POINT;
    case 'anyCharNotNL':
      return '(?:[\\ud800-\\udbff][\\udc00-\\udfff]|[^\\n\\ud800-\\udfff])';
    case 'beginText':
      return '^';
    case 'endText':
      return '$';
    case 'beginLine':
      return '(?<![^\\n])';
    case 'endLine':
      return '(?![^\\n])';
    case 'wordBoundary':
      // Without the i flag, JS's \b is ASCII-only like RE2's.
      return '\\b';
    case 'noWordBoundary':
      return '\\B';
    case 'capture':
      return `(${emitNode(n.sub)})`;
    case 'repeat':
      return repeatSource(n);
    case 'concat':
      return n.subs.map((s) => (s.op === 'alternate' ? `(?:${emitNode(s)})` : emitNode(s))).join('');
    case 'alternate':
      return n.subs.map(emitNode).join('|');
  }
}
