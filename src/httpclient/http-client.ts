/**
 * An HTTP client built from an http_config (upstream config_util.NewClientFromConfig), used by
 * scrape pools and notification integrations: TLS (CA, client
 * certificate, server name, insecure skip verify, versions), basic auth, authorization, OAuth 2
 * client credentials, extra headers, an HTTP proxy (absolute-form requests for http targets,
 * CONNECT tunnels for https ones), and redirects. Node's http/https agents keep connections
 * alive between scrapes. HTTP/2 is not negotiated (enable_http2 is accepted and ignored).
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import * as tls from 'node:tls';
import { OAuth2TokenSource } from './oauth2.js';
import { type HTTPClientConfigLike, secretValue, type TLSConfigLike } from './config-like.js';

/** The client could not be built from its config (a TLS file is missing, ...). */
export class HTTPClientConfigError extends Error {
  override name = 'HTTPClientConfigError';
}

/** A request failed in a way Go reports inside the url.Error ("Get \"url\": <msg>"). */
export class RequestError extends Error {
  override name = 'RequestError';
}

const MAX_REDIRECTS = 10;

const TLS_VERSIONS: Readonly<Record<string, tls.SecureVersion>> = {
  TLS10: 'TLSv1',
  TLS11: 'TLSv1.1',
  TLS12: 'TLSv1.2',
  TLS13: 'TLSv1.3',
};

function readMaterial(inline: unknown, file: string | undefined, what: string): string | undefined {
  const v = secretValue(inline as never);
  if (v !== '') return v;
  if (file === undefined || file === '') return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new HTTPClientConfigError(`unable to read ${what} file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Node TLS options for a tls_config. */
export function tlsOptions(c: TLSConfigLike | null | undefined): tls.ConnectionOptions {
  if (!c) return {};
  const o: tls.ConnectionOptions = {};
  const ca = readMaterial(c.ca, c.ca_file, 'CA');
  if (ca !== undefined) o.ca = ca;
  const cert = readMaterial(c.cert, c.cert_file, 'client certificate');
  const key = readMaterial(c.key, c.key_file, 'client key');
  if (cert !== undefined) o.cert = cert;
  if (key !== undefined) o.key = key;
  if (c.server_name) o.servername = c.server_name;
  if (c.insecure_skip_verify) o.rejectUnauthorized = false;
  const min = c.min_version ? TLS_VERSIONS[c.min_version] : undefined;
  const max = c.max_version ? TLS_VERSIONS[c.max_version] : undefined;
  if (min) o.minVersion = min;
  if (max) o.maxVersion = max;
  return o;
}

function fileOr(value: string, file: string | undefined): string {
  if (file) return readFileSync(file, 'utf8').trim();
  return value;
}

/** no_proxy matching: exact host, domain suffix, "*" or an IP. */
function noProxyMatch(host: string, list: string): boolean {
  for (const raw of list.split(',')) {
    const e = raw.trim().toLowerCase();
    if (e === '') continue;
    if (e === '*') return true;
    const h = host.toLowerCase();
    const bare = e.startsWith('.') ? e.slice(1) : e;
    if (h === bare || h.endsWith('.' + bare)) return true;
  }
  return false;
}

export class HTTPClient {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxFreeSockets: 1024 });
  private readonly httpsAgent: https.Agent;
  private readonly tls: tls.ConnectionOptions;
  private readonly oauth2: OAuth2TokenSource | null;
  private readonly oauth2Agents: { http: http.Agent; https: https.Agent } | null;

  constructor(private readonly cfg: HTTPClientConfigLike) {
    this.tls = tlsOptions(cfg.tls_config);
    this.httpsAgent = new https.Agent({ keepAlive: true, maxFreeSockets: 1024, ...this.tls });
    if (cfg.oauth2) {
      const agents = { http: new http.Agent(), https: new https.Agent(tlsOptions(cfg.oauth2.tls_config)) };
      this.oauth2Agents = agents;
      this.oauth2 = new OAuth2TokenSource(cfg.oauth2, (u) => (u.protocol === 'https:' ? agents.https : agents.http));
    } else {
      this.oauth2 = null;
      this.oauth2Agents = null;
    }
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    this.oauth2Agents?.http.destroy();
    this.oauth2Agents?.https.destroy();
  }

  /** GETs url and resolves with the response (the body still to be read), following redirects. */
  async get(url: string, headers: Readonly<Record<string, string>>, signal: AbortSignal): Promise<http.IncomingMessage> {
    return this.request('GET', url, headers, undefined, signal);
  }

  /**
   * Sends a request (GET, or POST/PUT with a body) and resolves with the response, the body
   * still to be read; redirects are followed for GET only, as Go's client does for a POST
   * answered with 307/308 only when the body can be replayed (it can: it is a buffer).
   */
  async request(
    method: string,
    url: string,
    headers: Readonly<Record<string, string>>,
    body: Buffer | string | undefined,
    signal: AbortSignal,
  ): Promise<http.IncomingMessage> {
    const h = await this.requestHeaders(headers, signal);
    let current = new URL(url);
    let m = method;
    let b = body;
    for (let hops = 0; ; hops++) {
      const res = await this.once(m, current, h, b, signal);
      const code = res.statusCode ?? 0;
      const loc = res.headers.location;
      const follow = this.cfg.follow_redirects ?? true;
      if (!follow || ![301, 302, 303, 307, 308].includes(code) || loc === undefined) return res;
      res.resume();
      if (hops + 1 >= MAX_REDIRECTS) throw new RequestError(`stopped after ${MAX_REDIRECTS} redirects`);
      current = new URL(loc, current);
      if (code === 301 || code === 302 || code === 303) {
        if (m !== 'GET' && m !== 'HEAD') m = 'GET';
        b = undefined;
      }
    }
  }

  private async requestHeaders(base: Readonly<Record<string, string>>, signal: AbortSignal): Promise<Record<string, string>> {
    const h: Record<string, string> = { ...base };
    const has = (name: string): boolean => Object.keys(h).some((k) => k.toLowerCase() === name.toLowerCase());
    for (const [name, hc] of Object.entries(this.cfg.http_headers ?? {})) {
      const vals: string[] = [...(hc.values ?? []), ...(hc.secrets ?? []).map((s) => secretValue(s))];
      for (const f of hc.files ?? []) vals.push(readFileSync(f, 'utf8').trim());
      if (vals.length > 0) h[name] = vals.join(', ');
    }
    const c = this.cfg;
    if (!has('Authorization')) {
      const bearer = secretValue(c.bearer_token);
      if (c.authorization) {
        const cred = fileOr(secretValue(c.authorization.credentials), c.authorization.credentials_file);
        if (cred !== '') h['Authorization'] = `${c.authorization.type || 'Bearer'} ${cred}`;
      } else if (bearer !== '' || c.bearer_token_file) {
        h['Authorization'] = `Bearer ${fileOr(bearer, c.bearer_token_file)}`;
      } else if (c.basic_auth) {
        const user = fileOr(c.basic_auth.username ?? '', c.basic_auth.username_file);
        const pass = fileOr(secretValue(c.basic_auth.password), c.basic_auth.password_file);
        h['Authorization'] = 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
      } else if (this.oauth2) {
        h['Authorization'] = await this.oauth2.authorization(signal);
      }
    }
    return h;
  }

  private proxyFor(u: URL): URL | null {
    let proxy = this.cfg.proxy_url ?? '';
    let noProxy = this.cfg.no_proxy ?? '';
    if (proxy === '' && this.cfg.proxy_from_environment) {
      const env = process.env;
      proxy = (u.protocol === 'https:' ? (env['HTTPS_PROXY'] ?? env['https_proxy']) : (env['HTTP_PROXY'] ?? env['http_proxy'])) ?? '';
      noProxy = env['NO_PROXY'] ?? env['no_proxy'] ?? '';
    }
    if (proxy === '') return null;
    if (noProxy !== '' && noProxyMatch(u.hostname, noProxy)) return null;
    return new URL(proxy);
  }

  private proxyHeaders(proxy: URL): Record<string, string> {
    const h: Record<string, string> = {};
    if (proxy.username !== '') {
      const cred = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
      h['Proxy-Authorization'] = 'Basic ' + Buffer.from(cred).toString('base64');
    }
    for (const [k, vs] of Object.entries(this.cfg.proxy_connect_header ?? {})) h[k] = vs.map((v) => secretValue(v)).join(', ');
    return h;
  }

  private once(
    method: string,
    u: URL,
    headers: Record<string, string>,
    body: Buffer | string | undefined,
    signal: AbortSignal,
  ): Promise<http.IncomingMessage> {
    const proxy = this.proxyFor(u);
    if (proxy !== null && u.protocol === 'https:') return this.viaConnect(method, u, proxy, headers, body, signal);
    return new Promise((resolve, reject) => {
      let req: http.ClientRequest;
      if (proxy !== null) {
        req = http.request({
          host: proxy.hostname,
          port: proxy.port || 80,
          path: u.href,
          method,
          headers: { ...headers, ...this.proxyHeaders(proxy), Host: u.host },
          agent: this.httpAgent,
          signal,
        });
      } else if (u.protocol === 'https:') {
        req = https.request(u, { method, headers, agent: this.httpsAgent, signal });
      } else {
        req = http.request(u, { method, headers, agent: this.httpAgent, signal });
      }
      req.on('response', resolve);
      req.on('error', reject);
      req.end(body);
    });
  }

  private viaConnect(
    method: string,
    u: URL,
    proxy: URL,
    headers: Record<string, string>,
    body: Buffer | string | undefined,
    signal: AbortSignal,
  ): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      const target = `${u.hostname}:${u.port || 443}`;
      const connect = http.request({
        host: proxy.hostname,
        port: proxy.port || 80,
        method: 'CONNECT',
        path: target,
        headers: { Host: target, ...this.proxyHeaders(proxy) },
        signal,
      });
      connect.on('error', reject);
      connect.on('connect', (res: http.IncomingMessage, socket: Socket) => {
        if (res.statusCode !== 200) {
          socket.destroy();
          reject(new RequestError(`proxyconnect tcp: ${res.statusCode ?? 0} ${res.statusMessage ?? ''}`));
          return;
        }
        const req = https.request(u, {
          method,
          headers,
          signal,
          agent: false,
          createConnection: () => tls.connect({ ...this.tls, socket, servername: this.tls.servername ?? u.hostname }),
        });
        req.on('response', resolve);
        req.on('error', reject);
        req.end(body);
      });
      connect.end();
    });
  }
}
