/**
 * A minimal HTTP client for posting alerts: basic auth, authorization / bearer token, extra
 * headers and TLS (CA, client certificate, server name, insecure skip verify). The scrape
 * module's HTTPClient is not exported through its index, so the notifier keeps this small one
 * (no proxy, no OAuth 2, no redirects: an Alertmanager answers the POST itself).
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type * as tls from 'node:tls';
import type { HTTPClientConfig, TLSConfig } from '../config/index.js';

/** The POST failed or the Alertmanager answered with a non-2xx status. */
export class NotifyError extends Error {
  override name = 'NotifyError';
}

function material(inline: string, file: string): string | undefined {
  if (inline !== '') return inline;
  if (file === '') return undefined;
  return readFileSync(file, 'utf8');
}

function tlsOptions(c: TLSConfig | undefined): tls.ConnectionOptions {
  const o: tls.ConnectionOptions = {};
  if (!c) return o;
  const ca = material(c.ca, c.ca_file);
  const cert = material(c.cert, c.cert_file);
  const key = material(c.key, c.key_file);
  if (ca !== undefined) o.ca = ca;
  if (cert !== undefined) o.cert = cert;
  if (key !== undefined) o.key = key;
  if (c.server_name) o.servername = c.server_name;
  if (c.insecure_skip_verify) o.rejectUnauthorized = false;
  return o;
}

function trimmedFile(file: string): string {
  return readFileSync(file, 'utf8').trim();
}

function authHeader(c: Partial<HTTPClientConfig>): string | undefined {
  if (c.basic_auth) {
    const b = c.basic_auth;
    const user = b.username_file ? trimmedFile(b.username_file) : b.username;
    const pass = b.password_file ? trimmedFile(b.password_file) : b.password;
    return 'Basic ' + Buffer.from(`${user}:${pass}`).toString('base64');
  }
  if (c.authorization) {
    const a = c.authorization;
    const cred = a.credentials_file ? trimmedFile(a.credentials_file) : a.credentials;
    if (cred !== '') return `${a.type || 'Bearer'} ${cred}`;
  }
  const bearer = c.bearer_token_file ? trimmedFile(c.bearer_token_file) : (c.bearer_token ?? '');
  return bearer !== '' ? `Bearer ${bearer}` : undefined;
}

export class AlertPoster {
  private readonly httpAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent: https.Agent;

  constructor(private readonly cfg: Partial<HTTPClientConfig>, private readonly userAgent: string) {
    this.httpsAgent = new https.Agent({ keepAlive: true, ...tlsOptions(cfg.tls_config) });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private headers(len: number): Record<string, string> {
    const h: Record<string, string> = {};
    for (const [name, hc] of Object.entries(this.cfg.http_headers ?? {})) {
      const vals = [...(hc.values ?? []), ...(hc.secrets ?? [])];
      for (const f of hc.files ?? []) vals.push(trimmedFile(f));
      if (vals.length > 0) h[name] = vals.join(', ');
    }
    const auth = authHeader(this.cfg);
    if (auth !== undefined) h['Authorization'] = auth;
    h['Content-Type'] = 'application/json';
    h['User-Agent'] = this.userAgent;
    h['Content-Length'] = String(len);
    return h;
  }

  /** POSTs body to url; resolves on a 2xx answer, rejects with NotifyError otherwise. */
  post(url: string, body: string, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let u: URL;
      try {
        u = new URL(url);
      } catch (e) {
        reject(new NotifyError(`invalid Alertmanager URL ${url}: ${String(e)}`));
        return;
      }
      const secure = u.protocol === 'https:';
      const data = Buffer.from(body);
      let headers: Record<string, string>;
      try {
        headers = this.headers(data.length);
      } catch (e) {
        reject(new NotifyError(e instanceof Error ? e.message : String(e)));
        return;
      }
      const mod = secure ? https : http;
      const req = mod.request(u, {
        method: 'POST',
        headers,
        agent: secure ? this.httpsAgent : this.httpAgent,
        signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
      });
      req.on('response', (res) => {
        const code = res.statusCode ?? 0;
        res.resume();
        res.on('end', () => {
          if (code < 200 || code >= 300) reject(new NotifyError(`bad response status ${res.statusCode} ${res.statusMessage ?? ''}`.trimEnd()));
          else resolve();
        });
        res.on('error', (e) => reject(new NotifyError(e.message)));
      });
      req.on('error', (e) => {
        const msg = e.name === 'AbortError' || e.name === 'TimeoutError' ? 'context deadline exceeded' : e.message;
        reject(new NotifyError(`Post "${url}": ${msg}`));
      });
      req.end(data);
    });
  }
}
