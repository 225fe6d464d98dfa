/**
 * The Alertmanager's external URL (cmd/alertmanager extURL) and route prefix: the URL defaults
 * to http://<hostname>:<listen port>/, must be http or https, and its path (without the
 * trailing "/") is the default route prefix.
 */
import { hostname } from 'node:os';
import { goQuote } from '../../model/strconv/index.js';

export class ExternalURLError extends Error {
  override name = 'ExternalURLError';
}

export interface ExternalURL {
  /** As Go's url.URL.String() gives it after extURL: no trailing "/" on the path. */
  text: string;
  /** The path without its trailing "/" ("" for the root). */
  path: string;
}

function listenPort(listen: string): string {
  const m = /^(?:\[[^\]]*\]|[^:]*):([^:]*)$/.exec(listen);
  if (m === null) throw new ExternalURLError(`address ${listen}: missing port in address`);
  return m[1] ?? '';
}

/** extURL: --web.external-url, or one derived from the host name and the first listen address. */
export function alertmanagerExternalURL(external: string, listen: string, host: () => string = hostname): ExternalURL {
  const s = external !== '' ? external : `http://${host()}:${listenPort(listen)}/`;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(s);
  const scheme = m?.[1] ?? '';
  if (scheme !== 'http' && scheme !== 'https') {
    throw new ExternalURLError(`${goQuote(s)}: invalid ${goQuote(scheme)} scheme, only 'http' and 'https' are supported`);
  }
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new ExternalURLError(`parse ${goQuote(s)}: invalid URL`);
  }
  let p = u.pathname.replace(/\/+$/, '');
  if (p !== '' && !p.startsWith('/')) p = '/' + p;
  const text = `${u.protocol}//${u.username !== '' ? `${u.username}${u.password !== '' ? `:${u.password}` : ''}@` : ''}${u.host}${p}${u.search}${u.hash}`;
  return { text, path: p };
}

/** --web.route-prefix, defaulting to the external URL's path; always "/" or "/x". */
export function alertmanagerRoutePrefix(flag: string, external: ExternalURL): string {
  const p = flag === '' ? external.path : flag;
  return '/' + p.replace(/^\/+|\/+$/g, '');
}
