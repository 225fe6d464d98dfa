/**
 * text/template's predefined functions (and, or and call are special-cased by the executor):
 * not, len, index, slice, print, printf, println, html, js, urlquery, eq, ne, lt, le, gt, ge.
 */
import { utf8Length } from '../model/strconv/index.js';
import { ArgTypeError } from './errors.js';
import { formatV, sprint, sprintf, sprintln } from './fmt.js';
import { goTypeName, isGoMap, isNil, isTrue } from './values.js';

/** A template function with Go's arity (for `wrong number of args for f: want N got M`). */
export interface GoFunc {
  fn: (...args: unknown[]) => unknown;
  /** Number of parameters (for a variadic function, including the variadic one). */
  numIn: number;
  variadic: boolean;
}

type Kind = 'bool' | 'int' | 'float' | 'string' | 'invalid' | 'other';

function basicKind(v: unknown): Kind {
  switch (typeof v) {
    case 'boolean': return 'bool';
    case 'bigint': return 'int';
    case 'number': return 'float';
    case 'string': return 'string';
    case 'undefined': return 'invalid';
  }
  return v === null ? 'invalid' : 'other';
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';
const errNoComparison = 'missing argument for comparison';

export function eq(arg1: unknown, ...arg2: unknown[]): boolean {
  if (arg2.length === 0) throw new Error(errNoComparison);
  const k1 = basicKind(arg1);
  for (const arg of arg2) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 !== 'invalid' && k2 !== 'invalid') throw new Error(errBadComparison);
    } else if (k1 === 'other') {
      if (Array.isArray(arg1) || isGoMap(arg1) || typeof arg1 === 'function') {
        throw new Error(`non-comparable type ${formatV(arg1)}: ${goTypeName(arg1)}`);
      }
      truth = arg1 === arg;
    } else {
      truth = k1 === 'invalid' ? true : arg1 === arg;
    }
    if (truth) return true;
  }
  return false;
}

export function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k1 === 'other' || k2 === 'invalid' || k2 === 'other') throw new Error(errBadComparisonType);
  if (k1 !== k2) throw new Error(errBadComparison);
  if (k1 === 'bool') throw new Error(errBadComparisonType);
  return (a as number | bigint | string) < (b as number | bigint | string);
}

function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

function toIndex(v: unknown, cap: number): number {
  if (isNil(v)) throw new Error('cannot index slice/array with nil');
  if (typeof v !== 'bigint') throw new Error(`cannot index slice/array with type ${goTypeName(v)}`);
  if (v < 0n || v > BigInt(cap)) throw new Error(`index out of range: ${v}`);
  return Number(v);
}

function indexOne(item: unknown, index: unknown): unknown {
  if (typeof item === 'string' || Array.isArray(item)) {
    const seq: readonly unknown[] = typeof item === 'string' ? [...new TextEncoder().encode(item)].map((b) => BigInt(b)) : item;
    const x = toIndex(index, seq.length);
    if (x >= seq.length) throw new Error(`index out of range: ${x}`);
    return seq[x];
  }
  if (item instanceof Map) return item.get(index);
  if (isGoMap(item) && !(item instanceof Map)) {
    if (typeof index !== 'string') {
      throw new Error(`value has type ${goTypeName(index)}; should be string`);
    }
    if (Object.prototype.hasOwnProperty.call(item, index)) return item[index];
    return Object.values(item).every((v) => typeof v === 'string') ? '' : undefined;
  }
  throw new Error(`can't index item of type ${goTypeName(item)}`);
}

function index(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('index of untyped nil');
  let cur: unknown = item;
  for (const i of indexes) {
    if (isNil(cur)) throw new Error('index of nil pointer');
    cur = indexOne(cur, i);
  }
  return cur;
}

function slice(item: unknown, ...indexes: unknown[]): unknown {
  if (isNil(item)) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    len = utf8Length(item);
  } else if (Array.isArray(item)) {
    len = item.length;
  } else {
    throw new Error(`can't slice item of type ${goTypeName(item)}`);
  }
  const idx = [0, len, len];
  indexes.forEach((x, i) => {
    idx[i] = toIndex(x, len);
  });
  const [i, j, k] = idx as [number, number, number];
  if (i > j) throw new Error(`invalid slice index: ${i} > ${j}`);
  if (indexes.length === 3 && j > k) throw new Error(`invalid slice index: ${j} > ${k}`);
  if (Array.isArray(item)) return item.slice(i, j);
  const bytes = new TextEncoder().encode(item as string).subarray(i, j);
  return new TextDecoder().decode(bytes);
}

function length(item: unknown): bigint {
  if (isNil(item)) throw new Error('len of untyped nil');
  if (typeof item === 'string') return BigInt(utf8Length(item));
  if (Array.isArray(item)) return BigInt(item.length);
  if (item instanceof Map) return BigInt(item.size);
  if (isGoMap(item)) return BigInt(Object.keys(item).length);
  throw new Error(`len of type ${goTypeName(item)}`);
}

/** The text of html/js/urlquery's arguments: fmt.Sprint, with nil printed as <no value>. */
function evalArgs(args: unknown[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (isNil(a) ? '<no value>' : a)));
}

export function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => {
    switch (c) {
      case '"': return '&#34;';
      case "'": return '&#39;';
      case '&': return '&amp;';
      case '<': return '&lt;';
      case '>': return '&gt;';
      default: return '\uFFFD';
    }
  });
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;

export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    switch (ch) {
      case '\\': out += '\\\\'; continue;
      case "'": out += "\\'"; continue;
      case '"': out += '\\"'; continue;
      case '<': out += '\\u003C'; continue;
      case '>': out += '\\u003E'; continue;
      case '&': out += '\\u0026'; continue;
      case '=': out += '\\u003D'; continue;
    }
    if (cp < 0x20) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
    else if (cp < 0x80 || PRINTABLE.test(ch)) out += ch;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function printfFn(format: unknown, ...args: unknown[]): string {
  if (typeof format !== 'string') throw new ArgTypeError('string', goTypeName(format));
  return sprintf(format, args);
}

function f(fn: (...args: never[]) => unknown, numIn: number, variadic = false): GoFunc {
  return { fn: fn as (...args: unknown[]) => unknown, numIn, variadic };
}

/** The builtins, with Go's signatures' arities. `and`, `or` and `call` are handled by the executor. */
export const BUILTINS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['and', f(() => undefined, 2, true)],
  ['or', f(() => undefined, 2, true)],
  ['call', f(() => undefined, 2, true)],
  ['not', f((a: unknown) => !isTrue(a), 1)],
  ['len', f(length, 1)],
  ['index', f(index, 2, true)],
  ['slice', f(slice, 2, true)],
  ['print', f((...a: unknown[]) => sprint(a), 1, true)],
  ['printf', f(printfFn, 2, true)],
  ['println', f((...a: unknown[]) => sprintln(a), 1, true)],
  ['html', f((...a: unknown[]) => htmlEscape(evalArgs(a)), 1, true)],
  ['js', f((...a: unknown[]) => jsEscape(evalArgs(a)), 1, true)],
  ['urlquery', f((...a: unknown[]) => queryEscape(evalArgs(a)), 1, true)],
  ['eq', f(eq, 2, true)],
  ['ne', f((a: unknown, b: unknown) => !eq(a, b), 2)],
  ['lt', f(lt, 2)],
  ['le', f(le, 2)],
  ['gt', f((a: unknown, b: unknown) => !le(a, b), 2)],
  ['ge', f((a: unknown, b: unknown) => !lt(a, b), 2)],
]);
