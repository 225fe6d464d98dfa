/**
 * Go's net/url escaping (url.QueryEscape, url.PathEscape, and the path of URL.String()), which
 * decides the URLs amtool shows in its error messages.
 */

export type EscapeMode = 'query' | 'path' | 'pathname';

function shouldEscape(c: string, mode: EscapeMode): boolean {
  if (/[A-Za-z0-9\-_.~]/.test(c)) return false;
  if ('$&+,/:;=?@'.includes(c)) {
    if (mode === 'query') return true;
    if (mode === 'path') return c === '/' || c === ';' || c === ',' || c === '?';
    return c === '?';
  }
  if (mode === 'pathname' && '!\'()*'.includes(c)) return false;
  return true;
}

/** Escapes s as Go does for a query component, a path segment, or a whole path. */
export function goEscape(s: string, mode: EscapeMode): string {
  let out = '';
  for (const ch of s) {
    if (ch === ' ' && mode === 'query') out += '+';
    else if (!shouldEscape(ch, mode)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
