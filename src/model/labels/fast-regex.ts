/**
 * Fast paths for fully anchored label matcher regexes, in the spirit of Prometheus's
 * FastRegexMatcher: literal sets (`a|b|c`, `foo(bar|baz)`) and the shapes a string method
 * answers (`.*`, `.+`, `foo.*`, `.*foo`, `.*foo.*`). V8's RegExp is already quick on
 * everything else (measured: case-insensitive sets and generic globs were slower in JS
 * than the RegExp), so the rest falls back to it.
 */
import type { Re2Node } from './re2-ast.js';

/** At most this many strings are expanded from a regex into a literal set (as upstream). */
const MAX_SET_MATCHES = 256;
/** A class with at most this many code points becomes a set of one-character strings. */
const MAX_CLASS_SET = 32;

export interface FastMatcher {
  test(s: string): boolean;
  /** The exact, case-sensitive strings the regex matches when it is a small finite set, else null. */
  readonly setMatches: readonly string[] | null;
}

/** The node with capture groups removed (they do not change what matches). */
export function stripCaptures(n: Re2Node): Re2Node {
  switch (n.op) {
    case 'capture':
      return stripCaptures(n.sub);
    case 'repeat':
      return { ...n, sub: stripCaptures(n.sub) };
    case 'concat':
      return { op: 'concat', subs: n.subs.map(stripCaptures) };
    case 'alternate':
      return { op: 'alternate', subs: n.subs.map(stripCaptures) };
    default:
      return n;
  }
}

function product(parts: ReadonlyArray<readonly string[]>): string[] | null {
  let acc: string[] = [''];
  for (const p of parts) {
    if (acc.length * p.length > MAX_SET_MATCHES) return null;
    const next: string[] = [];
    for (const a of acc) for (const b of p) next.push(a + b);
    acc = next;
  }
  return acc;
}

/** The finite set of strings a node matches (case-sensitively), or null. */
function literalSet(n: Re2Node): string[] | null {
  switch (n.op) {
    case 'empty':
      return [''];
    case 'literal': {
      return n.fold ? null : [String.fromCodePoint(...n.runes)];
    }
    case 'class': {
      const out: string[] = [];
      const r = n.ranges;
      for (let i = 0; i + 1 < r.length; i += 2) {
        const lo = r[i] as number;
        const hi = r[i + 1] as number;
        if (out.length + (hi - lo + 1) > MAX_CLASS_SET) return null;
        for (let c = lo; c <= hi; c++) out.push(String.fromCodePoint(c));
      }
      return out;
    }
    case 'concat': {
      const parts: string[][] = [];
      for (const s of n.subs) {
        const p = literalSet(s);
        if (p === null) return null;
        parts.push(p);
      }
      return product(parts);
    }
    case 'alternate': {
      const out: string[] = [];
      for (const s of n.subs) {
        const p = literalSet(s);
        if (p === null || out.length + p.length > MAX_SET_MATCHES) return null;
        out.push(...p);
      }
      return out;
    }
    default:
      return null;
  }
}

/** A glob piece: a literal, or a run of at least `min` arbitrary code points. */
type GlobPart = string | { readonly min: number };

function globParts(n: Re2Node): GlobPart[] | null {
  const subs = n.op === 'concat' ? n.subs : [n];
  const out: GlobPart[] = [];
  for (const s of subs) {
    let part: GlobPart;
    if (s.op === 'literal' && !s.fold) part = String.fromCodePoint(...s.runes);
    else if (s.op === 'empty') continue;
    else if (s.op === 'repeat' && s.sub.op === 'anyChar' && s.max === -1) part = { min: s.min };
    else return null;
    const last = out[out.length - 1];
    if (typeof part !== 'string' && last !== undefined && typeof last !== 'string') {
      out[out.length - 1] = { min: last.min + part.min };
    } else if (typeof part === 'string' && typeof last === 'string') {
      out[out.length - 1] = last + part;
    } else {
      out.push(part);
    }
  }
  return out;
}

/** A matcher for the glob shapes a plain string method beats the RegExp on, or null. */
function globMatcher(parts: readonly GlobPart[]): ((s: string) => boolean) | null {
  const [a, b, c] = parts;
  if (parts.length === 1 && typeof a === 'object') {
    if (a.min === 0) return () => true;
    if (a.min === 1) return (s) => s.length > 0;
  }
  if (parts.length === 2 && typeof a === 'string' && typeof b === 'object' && b.min === 0) {
    return (s) => s.startsWith(a);
  }
  if (parts.length === 2 && typeof a === 'object' && a.min === 0 && typeof b === 'string') {
    return (s) => s.endsWith(b);
  }
  if (parts.length === 3 && typeof a === 'object' && typeof b === 'string' && typeof c === 'object') {
    if (a.min === 0 && c.min === 0) return (s) => s.includes(b);
  }
  return null;
}

/**
 * Chooses the cheapest way to test a fully anchored regex. `regexp` must be the anchored
 * JS RegExp for the same tree (no g/y flag); it is the fallback.
 */
export function buildFastMatcher(tree: Re2Node, regexp: RegExp): FastMatcher {
  const n = stripCaptures(tree);
  const exact = literalSet(n);
  if (exact !== null) {
    if (exact.length === 1) {
      const v = exact[0] as string;
      return { test: (s) => s === v, setMatches: exact };
    }
    const set = new Set(exact);
    return { test: (s) => set.has(s), setMatches: [...set] };
  }
  const glob = globParts(n);
  const globTest = glob === null ? null : globMatcher(glob);
  if (globTest !== null) return { test: globTest, setMatches: null };
  return { test: (s) => regexp.test(s), setMatches: null };
}
