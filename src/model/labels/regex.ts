/**
 * Go RE2 regular expressions on JavaScript RegExp. Prometheus compiles matcher regexes as
 * `^(?s:<re>)$` with Go's regexp package; this module parses the RE2 syntax itself (so it
 * accepts and rejects exactly what Go does, with Go's error texts) and emits an equivalent
 * JS RegExp. RE2 and JS both pick the leftmost-first match, so results agree.
 */
import { setFlagsFromString } from 'node:v8';
import { buildFastMatcher } from './fast-regex.js';
import { RegexError, type Re2Regexp } from './re2-ast.js';
import { emitNode, JS_FLAGS } from './re2-emit.js';
import { parseRe2 } from './re2-parser.js';

export { RegexError };

/**
 * RE2 matches in linear time; a backtracking RegExp can take exponential time on patterns like
 * `(a|aa)*b`. V8 can switch a RegExp to its linear-time engine after excessive backtracking
 * (only for non-unicode sources, which is why the translator emits those); turn that on once
 * for the process. It only changes how long a match takes, never its result.
 */
function enableLinearFallback(): void {
  try {
    setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  } catch {
    // Not available on this runtime: matching stays correct, only unbounded in time.
  }
}
enableLinearFallback();

export interface AnchoredRegex {
  test(s: string): boolean;
  /** The underlying JS RegExp source (anchored). */
  readonly source: string;
  /** The exact strings matched when the regex is a small finite literal set (e.g. `a|b|c`), else null. */
  readonly setMatches: readonly string[] | null;
}

/** A Go regexp translated to JS: `regexp` has the flag `s` (not `u`: astral code points are surrogate pairs) and no g/y flag. */
export interface GoRegex {
  readonly regexp: RegExp;
  /** Name of each capture group by index ('' when unnamed); [0] is the whole match. */
  readonly groupNames: readonly string[];
}

const CACHE_SIZE = 1024;
const anchoredCache = new Map<string, AnchoredRegex>();
const goCache = new Map<string, GoRegex>();

/** Compiled regexes are immutable (no g/y flag), so they are shared; the oldest goes first. */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  if (cache.size >= CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(key, value);
}

function parse(re: string, dotNL: boolean): Re2Regexp {
  try {
    return parseRe2(re, dotNL);
  } catch (e) {
    if (e instanceof RegexError) throw e;
    // Engine limits (e.g. a class too big for the JS RegExp compiler).
    throw new RegexError(`error parsing regexp: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function jsRegExp(source: string): RegExp {
  try {
    return new RegExp(source, JS_FLAGS);
  } catch (e) {
    throw new RegexError(`error parsing regexp: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Compiles a label matcher regex the way Prometheus does: fully anchored, `.` matching
 * newlines. Throws RegexError with Go's message (`error parsing regexp: ...`).
 */
export function compileAnchoredRegex(re: string): AnchoredRegex {
  const cached = anchoredCache.get(re);
  if (cached !== undefined) return cached;
  const parsed = parse(re, true);
  const source = `^(?:${emitNode(parsed.root)})$`;
  const regexp = jsRegExp(source);
  const fast = buildFastMatcher(parsed.root, regexp);
  const compiled: AnchoredRegex = { test: fast.test, source, setMatches: fast.setMatches };
  remember(anchoredCache, re, compiled);
  return compiled;
}

/**
 * Compiles a Go regexp. `anchored`: as label_replace does (`^(?s:<re>)$`); otherwise as
 * regexp.Compile(re) (unanchored search, `.` not matching newline unless (?s)).
 * Use `regexp.exec(s)` and `expandTemplate` for Go's FindStringSubmatchIndex + ExpandString.
 */
export function compileGoRegex(re: string, anchored: boolean): GoRegex {
  // Anchored: parse the wrapped text itself, as Go does (so `a)(b` is accepted there).
  const text = anchored ? `^(?s:${re})$` : re;
  const cached = goCache.get(text);
  if (cached !== undefined) return cached;
  const parsed = parse(text, false);
  const compiled: GoRegex = { regexp: jsRegExp(emitNode(parsed.root)), groupNames: parsed.groupNames };
  remember(goCache, text, compiled);
  return compiled;
}

function isNameChar(c: string): boolean {
  return /^[\p{L}\p{Nd}_]$/u.test(c);
}

/** Go's regexp `extract`: a leading name or {name} -> [name, number or -1, rest], or null. */
function extractName(str: string): [string, number, string] | null {
  let s = str;
  const brace = s.startsWith('{');
  if (brace) s = s.slice(1);
  let i = 0;
  for (const ch of s) {
    if (!isNameChar(ch)) break;
    i += ch.length;
  }
  if (i === 0) return null;
  const name = s.slice(0, i);
  if (brace) {
    if (s[i] !== '}') return null;
    i++;
  }
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 0x30 || c > 0x39 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c - 0x30);
  }
  if (name[0] === '0' && name.length > 1) num = -1;
  return [name, num, s.slice(i)];
}

/**
 * Go's Regexp.ExpandString: `$1`, `${1}`, `$name`, `${name}`, `$$`. `$1x` names the group
 * `1x`; unknown or unmatched groups expand to nothing; a malformed `$` is kept as is.
 * `match` is a RegExp exec result (index i = group i, undefined when it did not take part).
 */
export function expandTemplate(
  template: string,
  match: ArrayLike<string | undefined>,
  groupNames: readonly string[],
): string {
  let out = '';
  let t = template;
  for (;;) {
    const d = t.indexOf('$');
    if (d < 0) break;
    out += t.slice(0, d);
    t = t.slice(d + 1);
    if (t.startsWith('$')) {
      out += '$';
      t = t.slice(1);
      continue;
    }
    const ex = extractName(t);
    if (ex === null) {
      out += '$';
      continue;
    }
    const [name, num, rest] = ex;
    t = rest;
    if (num >= 0) {
      if (num < match.length) out += match[num] ?? '';
      continue;
    }
    for (let i = 0; i < groupNames.length; i++) {
      const g = i < match.length ? match[i] : undefined;
      if (groupNames[i] === name && g !== undefined) {
        out += g;
        break;
      }
    }
  }
  return out + t;
}
