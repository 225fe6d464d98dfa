/**
 * Go's net/url.Parse, enough to accept and reject the URLs config files hold exactly as
 * upstream does (scheme, opaque, userinfo, host and port checks, escapes) with its error texts.
 */
import { goQuote } from '../../model/strconv/index.js';

export interface GoURL {
  readonly scheme: string;
  readonly opaque: string;
  readonly username?: string;
  readonly password?: string;
  readonly host: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly fragment: string;
}

export class URLError extends Error {
  override name = 'URLError';
}

function hasCTL(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

function getScheme(raw: string): { scheme: string; rest: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new URLError('missing protocol scheme');
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function unescape(s: string, host: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(h)) {
        throw new URLError(`invalid URL escape ${goQuote(s.slice(i, Math.min(s.length, i + 3)))}`);
      }
      out += String.fromCharCode(parseInt(h, 16));
      i += 2;
      continue;
    }
    if (host && s.charCodeAt(i) < 0x80 && !/[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/.test(c)) {
      throw new URLError(`invalid character ${goQuote(c)} in host name`);
    }
    out += c;
  }
  return out;
}

function validOptionalPort(port: string): boolean {
  if (port === '') return true;
  return port[0] === ':' && /^[0-9]*$/.test(port.slice(1));
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new URLError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${goQuote(colonPort)} after host`);
  } else {
    const i = host.lastIndexOf(':');
    if (i !== -1) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${goQuote(colonPort)} after host`);
    }
  }
  return unescape(host, true);
}

function parseAuthority(authority: string): { host: string; username?: string; password?: string } {
  const at = authority.lastIndexOf('@');
  if (at < 0) return { host: parseHost(authority) };
  const host = parseHost(authority.slice(at + 1));
  const userinfo = authority.slice(0, at);
  if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) throw new URLError('net/url: invalid userinfo');
  const colon = userinfo.indexOf(':');
  if (colon < 0) return { host, username: unescape(userinfo, false) };
  return { host, username: unescape(userinfo.slice(0, colon), false), password: unescape(userinfo.slice(colon + 1), false) };
}

function parseNoFragment(raw: string): GoURL {
  if (hasCTL(raw)) throw new URLError('net/url: invalid control character in URL');
  if (raw === '*') return { scheme: '', opaque: '', host: '', path: '*', rawQuery: '', fragment: '' };
  const { scheme: s0, rest: r0 } = getScheme(raw);
  const scheme = s0.toLowerCase();
  let rest = r0;
  let rawQuery = '';
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (scheme !== '') return { scheme, opaque: rest, host: '', path: '', rawQuery, fragment: '' };
    const slash = rest.indexOf('/');
    const segment = slash < 0 ? rest : rest.slice(0, slash);
    if (segment.includes(':')) throw new URLError('first path segment in URL cannot contain colon');
  }
  let auth: { host: string; username?: string; password?: string } = { host: '' };
  if ((scheme !== '' || !rest.startsWith('///')) && rest.startsWith('//')) {
    const after = rest.slice(2);
    const slash = after.indexOf('/');
    const authority = slash < 0 ? after : after.slice(0, slash);
    rest = slash < 0 ? '' : after.slice(slash);
    auth = parseAuthority(authority);
  }
  return { scheme, opaque: '', ...auth, path: unescape(rest, false), rawQuery, fragment: '' };
}

/** url.Parse; throws URLError with Go's `parse "...": reason` text. */
export function parseGoURL(raw: string): GoURL {
  const hash = raw.indexOf('#');
  const u = hash < 0 ? raw : raw.slice(0, hash);
  let parsed: GoURL;
  try {
    parsed = parseNoFragment(u);
  } catch (e) {
    throw new URLError(`parse ${goQuote(u)}: ${(e as Error).message}`);
  }
  if (hash < 0) return parsed;
  try {
    return { ...parsed, fragment: unescape(raw.slice(hash + 1), false) };
  } catch (e) {
    throw new URLError(`parse ${goQuote(raw)}: ${(e as Error).message}`);
  }
}

/** The URL with any password replaced by "xxxxx" (config.URL.Redacted). */
export function redactURL(raw: string): string {
  return raw.replace(/^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/@:]*:)[^/@]*@/, '$1xxxxx@');
}
