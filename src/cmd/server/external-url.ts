/**
 * The external URL and route prefix (cmd/prometheus computeExternalURL) and the targets API's
 * global URL of a target (web/api/v1 getGlobalURL).
 */
import { hostname } from 'node:os';

export class ExternalURLError extends Error {
  override name = 'ExternalURLError';
}

function splitHostPort(hostport: string): { host: string; port: string } | null {
  const m = /^(?:\[([^\]]*)\]|([^:]*)):([^:]*)$/.exec(hostport);
  return m === null ? null : { host: m[1] ?? m[2] ?? '', port: m[3] ?? '' };
}

/** The external URL: --web.external-url, or http://<hostname>:<listen port>/; path without trailing "/". */
export function computeExternalURL(u: string, listenAddr: string): URL {
  let s = u;
  if (s === '') {
    const hp = splitHostPort(listenAddr);
    if (hp === null) throw new ExternalURLError(`address ${listenAddr}: missing port in address`);
    s = `http://${hostname()}:${hp.port}/`;
  }
  if (/^["']|["']$/.test(s)) throw new ExternalURLError('URL must not begin or end with quotes');
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    try {
      url = new URL(s, 'http://localhost');
    } catch {
      throw new ExternalURLError(`parse ${JSON.stringify(s)}: invalid URL`);
    }
  }
  let p = url.pathname.replace(/\/+$/, '');
  if (p !== '' && !p.startsWith('/')) p = '/' + p;
  url.pathname = p === '' ? '/' : p;
  return url;
}

/** The path of an external URL without the trailing "/" ("" for the root). */
export function externalPath(u: URL): string {
  return u.pathname.replace(/\/+$/, '');
}

/** --web.route-prefix, defaulting to the external URL's path; always "/" or "/x". */
export function computeRoutePrefix(flag: string, external: URL): string {
  const p = flag === '' ? externalPath(external) : flag;
  return '/' + p.replace(/^\/+|\/+$/g, '');
}

const LOCALHOST = ['127.0.0.1', 'localhost', '::1'];

/** A target's scrape URL as seen from outside (localhost replaced by the external host). */
export function globalURL(scrapeUrl: string, listenAddress: string, external: URL): string {
  let u: URL;
  try {
    u = new URL(scrapeUrl);
  } catch {
    return scrapeUrl;
  }
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!LOCALHOST.includes(host)) return scrapeUrl;
  const port = u.port !== '' ? u.port : u.protocol === 'https:' ? '443' : '80';
  const own = splitHostPort(listenAddress);
  if (own !== null && own.port === port) {
    u.protocol = external.protocol;
    u.host = external.host;
  } else {
    u.host = `${external.hostname}:${port}`;
  }
  return u.toString();
}
