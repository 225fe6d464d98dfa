/**
 * The classic matcher syntax of Alertmanager 0.25 (pkg/labels/parse.go): `{a="b", c=~"d"}`,
 * quotes optional, `\"`, `\\` and `\n` escapes, error texts as upstream.
 */
import { AmMatcher, AmMatchType } from './matcher.js';

export class MatcherParseError extends Error {
  override name = 'MatcherParseError';
}

const MATCHER_RE = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

/** Splits on commas outside double quotes, as upstream's tokenizer does. */
function splitTokens(s: string): string[] {
  const tokens: string[] = [];
  let inside = false;
  let escaped = false;
  let token = '';
  for (const c of s) {
    if (c === ',' && !inside) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (c === '"') {
      if (!escaped) inside = !inside;
      else escaped = false;
    } else if (c === '\\') {
      escaped = !escaped;
    } else {
      escaped = false;
    }
    token += c;
  }
  const last = token.trim();
  if (last !== '') tokens.push(last);
  return tokens;
}

/** Parses a comma-separated list of matchers, optionally wrapped in braces. */
export function parseMatchers(input: string): AmMatcher[] {
  let s = input;
  if (s.startsWith('{')) s = s.slice(1);
  if (s.endsWith('}')) s = s.slice(0, -1);
  return splitTokens(s).map(parseMatcher);
}

function unescapeValue(raw: string, original: string): string {
  let rest = raw;
  let expectQuote = false;
  if (rest.startsWith('"')) {
    rest = rest.slice(1);
    expectQuote = true;
  }
  let out = '';
  let escaped = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i] as string;
    if (escaped) {
      escaped = false;
      if (c === 'n') out += '\n';
      else if (c === '"' || c === '\\') out += c;
      else out += `\\${c}`;
      continue;
    }
    if (c === '\\') {
      if (i < rest.length - 1) escaped = true;
      else out += '\\';
    } else if (c === '"') {
      if (!expectQuote || i < rest.length - 1) {
        throw new MatcherParseError(`matcher value contains unescaped double quote: ${original}`);
      }
      expectQuote = false;
    } else {
      out += c;
    }
  }
  if (expectQuote) throw new MatcherParseError(`matcher value contains unescaped double quote: ${original}`);
  return out;
}

/** Parses one matcher such as `foo!="bar"` or `foo=bar`. */
export function parseMatcher(s: string): AmMatcher {
  const m = MATCHER_RE.exec(s);
  if (!m) throw new MatcherParseError(`bad matcher format: ${s}`);
  const raw = m[3] as string;
  const value = unescapeValue(raw, raw);
  return new AmMatcher(m[2] as AmMatchType, m[1] as string, value);
}
