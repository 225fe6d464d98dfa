/**
 * Compiles a Go (RE2) regular expression, as written in `expect ... regex:` and
 * `expected_fail_regexp` lines, into a JavaScript RegExp with the same unanchored
 * MatchString semantics. Covers the RE2 syntax JavaScript spells differently:
 * leading flag groups `(?i)` `(?s)` `(?m)`, `\A`, `\z`, `\Q...\E` and `\pL`-style classes.
 */

export class GoRegexpError extends Error {
  override name = 'GoRegexpError';
}

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export function compileGoRegexp(pattern: string): RegExp {
  let src = pattern;
  let flags = '';
  const lead = /^\(\?([ims]+)\)/.exec(src);
  if (lead) {
    flags = [...new Set((lead[1] as string).split(''))].join('');
    src = src.slice(lead[0].length);
  }
  let out = '';
  let unicode = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c !== '\\' || i + 1 >= src.length) {
      out += c;
      continue;
    }
    const n = src[i + 1] as string;
    if (n === 'Q') {
      const end = src.indexOf('\\E', i + 2);
      const lit = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
      out += escapeLiteral(lit);
      i = end < 0 ? src.length : end + 1;
    } else if (n === 'A') {
      out += '^';
      i++;
    } else if (n === 'z') {
      out += '$(?![\\s\\S])';
      i++;
    } else if ((n === 'p' || n === 'P') && i + 2 < src.length && src[i + 2] !== '{') {
      out += `\\${n}{${src[i + 2] as string}}`;
      unicode = true;
      i += 2;
    } else {
      if (n === 'p' || n === 'P') unicode = true;
      out += c + n;
      i++;
    }
  }
  try {
    return new RegExp(out, flags + (unicode ? 'u' : ''));
  } catch (e) {
    throw new GoRegexpError(`invalid regexp ${JSON.stringify(pattern)}: ${(e as Error).message}`);
  }
}
