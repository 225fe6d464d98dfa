/**
 * Go's filepath.Glob / filepath.Match for rule_files and scrape_config_files patterns:
 * `*`, `?`, `[...]` classes and `\` escapes, matched per path element; sorted results.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export class GlobPatternError extends Error {
  override name = 'GlobPatternError';
  constructor() {
    super('syntax error in pattern');
  }
}

function hasMeta(p: string): boolean {
  return /[*?[\\]/.test(p);
}

function classToRegex(pat: string, start: number): { re: string; end: number } {
  let i = start + 1;
  let re = '[';
  if (pat[i] === '^') {
    re += '^';
    i++;
  }
  let first = true;
  while (i < pat.length && (pat[i] !== ']' || first)) {
    first = false;
    let c = pat[i] as string;
    if (c === '\\') {
      i++;
      if (i >= pat.length) throw new GlobPatternError();
      c = pat[i] as string;
    }
    re += c.replace(/[\]\\^-]/g, '\\$&');
    if (pat[i + 1] === '-' && pat[i + 2] !== undefined && pat[i + 2] !== ']') {
      let hi = pat[i + 2] as string;
      i += 2;
      if (hi === '\\') {
        i++;
        hi = pat[i] ?? '';
      }
      re += '-' + hi.replace(/[\]\\^-]/g, '\\$&');
    }
    i++;
  }
  if (i >= pat.length) throw new GlobPatternError();
  return { re: re + ']', end: i };
}

/** filepath.Match as a RegExp for one path element. */
export function globElementRegex(pat: string): RegExp {
  let re = '^';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const cls = classToRegex(pat, i);
      re += cls.re;
      i = cls.end;
    } else if (c === '\\') {
      i++;
      if (i >= pat.length) throw new GlobPatternError();
      re += (pat[i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(re + '$', 's');
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir === '' ? '.' : dir);
  } catch {
    return [];
  }
}

/** filepath.Glob: matching paths, sorted; throws GlobPatternError for a malformed pattern. */
export function globFiles(pattern: string): string[] {
  if (!hasMeta(pattern)) return exists(pattern) ? [pattern] : [];
  const dir = dirname(pattern);
  const base = basename(pattern);
  const re = globElementRegex(base);
  const dirs = hasMeta(dir) && dir !== pattern ? globFiles(dir) : [dir];
  const out: string[] = [];
  for (const d of dirs) {
    for (const name of entries(d).sort()) if (re.test(name)) out.push(pattern.startsWith('./') || d !== '.' ? join(d, name) : name);
  }
  return out;
}
