/**
 * Alertmanager's template function map (template.DefaultFuncs): the functions of 0.25
 * (toUpper, toLower, title, join, match, safeHtml, reReplaceAll, stringSlice) plus the later
 * additions users meet in current docs (trimSpace, safeUrl, urlUnescape, date, tz, since,
 * humanizeDuration).
 */
import {
  GoDuration, GoTime, goTypeName, prometheusFuncMap, SafeContent, withArity, ArgTypeError, type FuncMap,
} from '../../template/index.js';
import { stringSliceValue } from './data.js';

function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof SafeContent) return v.text;
  throw new ArgTypeError('string', goTypeName(v));
}

function asTime(v: unknown): GoTime {
  if (v instanceof GoTime) return v;
  throw new ArgTypeError('time.Time', goTypeName(v));
}

function asStrings(v: unknown): string[] {
  if (Array.isArray(v) && v.every((e) => typeof e === 'string')) return v as string[];
  throw new ArgTypeError('[]string', goTypeName(v));
}

/** Leading or trailing runes Go's unicode.IsSpace accepts (strings.TrimSpace). */
const GO_SPACE_EDGES = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/gu;

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const MID_LETTER = new Set(["'", '.', ':', '’', '·']);

function titleRune(c: string): string {
  const upper = c.toUpperCase();
  const first = [...upper][0] ?? upper;
  return first + upper.slice(first.length).toLowerCase();
}

/**
 * cases.Title(language.AmericanEnglish).String: in each word the first cased letter is
 * title-cased (ß becomes Ss) and the other letters lower-cased; digits keep their place
 * (123abc becomes 123Abc). Words follow Unicode word boundaries approximately: letters,
 * digits and `_`, joined by `'`, `.` or `:` between letters or digits.
 */
export function titleCase(s: string): string {
  const chars = [...s];
  let out = '';
  let inWord = false;
  let seenCased = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    let isWord = WORD_CHAR.test(c);
    if (!isWord && inWord && MID_LETTER.has(c)) {
      const next = chars[i + 1];
      isWord = next !== undefined && LETTER_OR_DIGIT.test(next);
    }
    if (!isWord) {
      inWord = false;
      out += c;
      continue;
    }
    if (!inWord) seenCased = false;
    inWord = true;
    const cased = c.toLowerCase() !== c.toUpperCase();
    if (!cased) {
      out += c;
      continue;
    }
    out += seenCased ? c.toLowerCase() : titleRune(c);
    seenCased = true;
  }
  return out;
}

/** Go's url.QueryUnescape, with its error text. */
export function queryUnescape(s: string): string {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
        const bad = s.slice(i, i + 3);
        throw new Error(`invalid URL escape ${JSON.stringify(bad)}`);
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c === '+') {
      bytes.push(0x20);
    } else {
      bytes.push(...enc.encode(c));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

export interface AlertmanagerFuncOptions {
  /** The clock `since` measures against, in ms since the epoch (default Date.now). */
  now?: () => number;
}

/** The function map of Alertmanager's templates. */
export function alertmanagerFuncMap(opts: AlertmanagerFuncOptions = {}): FuncMap {
  const now = opts.now ?? Date.now;
  const prom = prometheusFuncMap({ queryFunc: () => Promise.resolve([]), externalURL: '' });
  const pick = (name: string): FuncMap[string] => {
    const f = prom[name];
    if (f === undefined) throw new Error(`missing template function ${name}`);
    return f;
  };
  return {
    toUpper: pick('toUpper'),
    toLower: pick('toLower'),
    title: withArity((s: unknown) => titleCase(asString(s)), 1),
    trimSpace: withArity((s: unknown) => asString(s).replace(GO_SPACE_EDGES, ''), 1),
    join: withArity((sep: unknown, s: unknown) => asStrings(s).join(asString(sep)), 2),
    match: pick('match'),
    safeHtml: withArity((s: unknown) => new SafeContent('HTML', asString(s)), 1),
    safeUrl: withArity((s: unknown) => new SafeContent('URL', asString(s)), 1),
    urlUnescape: withArity((s: unknown) => queryUnescape(asString(s)), 1),
    reReplaceAll: pick('reReplaceAll'),
    stringSlice: withArity((...s: unknown[]) => stringSliceValue(s.map(asString)), 1, true),
    date: withArity((layout: unknown, t: unknown) => asTime(t).format(asString(layout)), 2),
    tz: withArity((name: unknown, t: unknown) => {
      const zone = asString(name);
      if (zone !== 'UTC' && zone !== '') throw new Error(`unknown time zone ${zone}`);
      return new GoTime(asTime(t).ns, false);
    }, 2),
    since: withArity((t: unknown) => new GoDuration(BigInt(Math.round(now())) * 1_000_000n - asTime(t).ns, false), 1),
    humanizeDuration: pick('humanizeDuration'),
  };
}
