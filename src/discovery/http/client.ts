/**
 * The small HTTP client of the discoverers that talk HTTP (http_sd, docker_sd): GET with the
 * HTTP client config's authentication (basic_auth, authorization, legacy bearer_token),
 * tls_config, extra http_headers and redirects, a deadline, and a body size cap. Also GET over
 * a unix socket for the Docker Engine API.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { SecureVersion } from 'node:tls';
import type { HTTPClientConfig, TLSConfig } from '../../config/index.js';
import { goQuote } from '../../model/strconv/index.js';

/** Responses larger than this fail (a discovery answer is a list of targets, not a dump). */
export const MAX_SD_BODY_BYTES = 64 << 20;
const MAX_REDIRECTS = 10;

export interface GetOptions {
  readonly signal: AbortSignal;
  /** Deadline of the whole request, including the body. */
  readonly timeoutMs: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send the request over this unix socket instead of TCP (the URL then gives the path only). */
  readonly socketPath?: string;
  readonly maxBodyBytes?: number;
}

export interface GetResult {
  readonly status: number;
  /** Go's resp.Status, e.g. "404 Not Found". */
  readonly statusLine: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A GET that failed before a response was read; the message follows Go's url.Error. */
export class SDRequestError extends Error {
  override name = 'SDRequestError';
}

const TLS_VERSIONS: Readonly<Record<string, SecureVersion>> = { TLS10: 'TLSv1', TLS11: 'TLSv1.1', TLS12: 'TLSv1.2', TLS13: 'TLSv1.3' };

function secret(inline: string, file: string): string {
  if (inline !== '') return inline;
  if (file !== '') return readFileSync(file, 'utf8').trim();
  return '';
}

function material(inline: string, file: string): string | undefined {
  if (inline !== '') return inline;
  if (file !== '') return readFileSync(file, 'utf8');
  return undefined;
}

function tlsOptions(c: TLSConfig | undefined): https.RequestOptions {
  if (c === undefined) return {};
  const o: https.RequestOptions = {};
  const ca = material(c.ca, c.ca_file);
  const cert = material(c.cert, c.cert_file);
  const key = material(c.key, c.key_file);
  if (ca !== undefined) o.ca = ca;
  if (cert !== undefined) o.cert = cert;
  if (key !== undefined) o.key = key;
  if (c.server_name !== '') o.servername = c.server_name;
  if (c.insecure_skip_verify) o.rejectUnauthorized = false;
  const min = TLS_VERSIONS[c.min_version];
  const max = TLS_VERSIONS[c.max_version];
  if (min !== undefined) o.minVersion = min;
  if (max !== undefined) o.maxVersion = max;
  return o;
}

/** Request headers from the client config: authentication and http_headers. */
export function clientHeaders(c: HTTPClientConfig | undefined): Record<string, string> {
  const h: Record<string, string> = {};
  if (c === undefined) return h;
  if (c.oauth2 !== undefined) throw new SDRequestError('oauth2 is not supported by Vigil for service discovery');
  if (c.basic_auth !== undefined) {
    const user = secret(c.basic_auth.username, c.basic_auth.username_file);
    const pass = secret(c.basic_auth.password, c.basic_auth.password_file);
    h['authorization'] = 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
  } else if (c.authorization !== undefined) {
    const cred = secret(c.authorization.credentials, c.authorization.credentials_file);
    h['authorization'] = `${c.authorization.type === '' ? 'Bearer' : c.authorization.type} ${cred}`;
  } else if (c.bearer_token !== '' || c.bearer_token_file !== '') {
    h['authorization'] = `Bearer ${secret(c.bearer_token, c.bearer_token_file)}`;
  }
  for (const [name, hv] of Object.entries(c.http_headers ?? {})) {
    const values = [...hv.values, ...hv.secrets, ...hv.files.map((f) => readFileSync(f, 'utf8').trim())];
    if (values.length > 0) h[name.toLowerCase()] = values.join(', ');
  }
  return h;
}

interface Attempt {
  url: URL;
  headers: Record<string, string>;
}

function requestOnce(c: HTTPClientConfig | undefined, a: Attempt, o: GetOptions, signal: AbortSignal): Promise<GetResult> {
  const isHttps = a.url.protocol === 'https:';
  const base: http.RequestOptions = {
    method: 'GET',
    headers: a.headers,
    signal,
    ...(o.socketPath !== undefined
      ? { socketPath: o.socketPath, path: a.url.pathname + a.url.search }
      : { hostname: a.url.hostname.replace(/^\[|\]$/g, ''), port: a.url.port, path: a.url.pathname + a.url.search }),
  };
  const limit = o.maxBodyBytes ?? MAX_SD_BODY_BYTES;
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          res.destroy(new SDRequestError(`response body larger than ${limit} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({ status, statusLine: `${status} ${res.statusMessage ?? http.STATUS_CODES[status] ?? ''}`.trim(), headers: res.headers, body: Buffer.concat(chunks) });
      });
    };
    const req = isHttps && o.socketPath === undefined ? https.request({ ...base, ...tlsOptions(c?.tls_config) }, onResponse) : http.request(base, onResponse);
    req.on('error', reject);
    req.end();
  });
}

/** GET url following redirects (unless follow_redirects is false); throws SDRequestError. */
export async function sdGet(c: HTTPClientConfig | undefined, rawURL: string, o: GetOptions): Promise<GetResult> {
  const timeout = AbortSignal.timeout(Math.max(1, o.timeoutMs));
  const signal = AbortSignal.any([o.signal, timeout]);
  let url: URL;
  try {
    url = new URL(rawURL);
  } catch {
    throw new SDRequestError(`parse ${goQuote(rawURL)}: invalid URL`);
  }
  const headers = { ...(o.headers ?? {}), ...clientHeaders(c) };
  for (let hop = 0; ; hop++) {
    let res: GetResult;
    try {
      res = await requestOnce(c, { url, headers }, o, signal);
    } catch (e) {
      const why = timeout.aborted ? 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)' : o.signal.aborted ? 'context canceled' : e instanceof Error ? e.message : String(e);
      throw new SDRequestError(`Get ${goQuote(url.toString())}: ${why}`);
    }
    const loc = res.headers.location;
    const redirect = res.status === 301 || res.status === 302 || res.status === 303 || res.status === 307 || res.status === 308;
    if (!redirect || loc === undefined || c?.follow_redirects === false || o.socketPath !== undefined) return res;
    if (hop + 1 >= MAX_REDIRECTS) throw new SDRequestError(`Get ${goQuote(url.toString())}: stopped after ${MAX_REDIRECTS} redirects`);
    url = new URL(loc, url);
  }
}
