/**
 * The scrape URL of a target, printed the way Go's url.URL.String() prints it (upstream
 * Target.URL()): config params overridden by __param_<name> labels, query keys sorted and
 * escaped with url.QueryEscape, the path escaped as a URL path.
 */
import type { Labels } from '../model/labels/index.js';

const HEX = '0123456789ABCDEF';

function isUnreserved(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x5f || c === 0x7e
  );
}

/** Path characters Go leaves as they are: unreserved plus $&+,/:;=@ */
function isPathSafe(c: number): boolean {
  return isUnreserved(c) || c === 0x24 || c === 0x26 || c === 0x2b || c === 0x2c || c === 0x2f || c === 0x3a || c === 0x3b || c === 0x3d || c === 0x40;
}

function escape(s: string, safe: (c: number) => boolean, spacePlus: boolean): string {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    if (!safe(s.charCodeAt(i))) {
      plain = false;
      break;
    }
  }
  if (plain) return s;
  let out = '';
  for (const c of Buffer.from(s, 'utf8')) {
    if (safe(c)) out += String.fromCharCode(c);
    else if (c === 0x20 && spacePlus) out += '+';
    else out += '%' + HEX[c >> 4] + HEX[c & 15];
  }
  return out;
}

/** url.QueryEscape */
export function queryEscape(s: string): string {
  return escape(s, isUnreserved, true);
}

/** url.URL.EscapedPath for a path without a RawPath. */
export function pathEscape(s: string): string {
  return escape(s, isPathSafe, false);
}

/** url.Values.Encode: keys sorted, every value of a key in order. */
export function encodeQuery(params: ReadonlyMap<string, readonly string[]>): string {
  const keys = [...params.keys()].sort();
  const parts: string[] = [];
  for (const k of keys) {
    const ek = queryEscape(k);
    for (const v of params.get(k) ?? []) parts.push(`${ek}=${queryEscape(v)}`);
  }
  return parts.join('&');
}

export const PARAM_LABEL_PREFIX = '__param_';

/** The scrape URL for target labels under the config's params. */
export function targetURL(labels: Labels, configParams: Readonly<Record<string, readonly string[]>>): string {
  const params = new Map<string, string[]>();
  for (const [k, v] of Object.entries(configParams)) params.set(k, [...v]);
  labels.forEach((name, value) => {
    if (!name.startsWith(PARAM_LABEL_PREFIX)) return;
    const k = name.slice(PARAM_LABEL_PREFIX.length);
    const cur = params.get(k);
    if (cur !== undefined && cur.length > 0) cur[0] = value;
    else params.set(k, [value]);
  });
  const scheme = labels.get('__scheme__');
  const host = labels.get('__address__');
  let path = labels.get('__metrics_path__');
  if (path !== '' && !path.startsWith('/') && host !== '') path = '/' + path;
  const query = encodeQuery(params);
  let out = '';
  if (scheme !== '') out += scheme + ':';
  if (scheme !== '' || host !== '') out += '//' + host;
  out += pathEscape(path);
  if (query !== '') out += '?' + query;
  return out;
}
