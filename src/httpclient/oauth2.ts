/**
 * OAuth 2.0 client credentials (golang.org/x/oauth2/clientcredentials as common/config uses
 * it): a token is fetched from token_url with the client's id and secret, cached, and refreshed
 * 10 s before it expires.
 */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { type OAuth2Like, secretValue } from './config-like.js';

/** Go's url.QueryEscape (form encoding: space as '+'). */
function queryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

export class OAuth2Error extends Error {
  override name = 'OAuth2Error';
}

interface Token {
  type: string;
  value: string;
  expiry: number;
}

/** Go's Token.Type(): canonical capitalisation of the common types, Bearer when empty. */
function tokenType(t: string): string {
  switch (t.toLowerCase()) {
    case '':
    case 'bearer':
      return 'Bearer';
    case 'mac':
      return 'MAC';
    case 'basic':
      return 'Basic';
    default:
      return t;
  }
}

const EXPIRY_DELTA = 10_000;

export class OAuth2TokenSource {
  private token: Token | null = null;
  private pending: Promise<Token> | null = null;

  constructor(
    private readonly cfg: OAuth2Like,
    private readonly agent: (url: URL) => http.Agent | undefined,
  ) {}

  /** The Authorization header value, fetching a token when none is valid. */
  async authorization(signal: AbortSignal): Promise<string> {
    const now = Date.now();
    if (this.token === null || (this.token.expiry > 0 && this.token.expiry - EXPIRY_DELTA <= now)) {
      this.pending ??= this.fetchToken(signal).finally(() => {
        this.pending = null;
      });
      this.token = await this.pending;
    }
    return `${this.token.type} ${this.token.value}`;
  }

  private credentials(): { id: string; secret: string } {
    const id = this.cfg.client_id_file ? readFileSync(this.cfg.client_id_file, 'utf8').trim() : (this.cfg.client_id ?? '');
    const secret = this.cfg.client_secret_file
      ? readFileSync(this.cfg.client_secret_file, 'utf8').trim()
      : secretValue(this.cfg.client_secret);
    return { id, secret };
  }

  private fetchToken(signal: AbortSignal): Promise<Token> {
    const tokenURL = this.cfg.token_url ?? '';
    const { id, secret } = this.credentials();
    const form = new URLSearchParams();
    form.set('grant_type', 'client_credentials');
    if (this.cfg.scopes && this.cfg.scopes.length > 0) form.set('scope', this.cfg.scopes.join(' '));
    for (const [k, v] of Object.entries(this.cfg.endpoint_params ?? {})) form.set(k, v);
    const body = form.toString();
    const u = new URL(tokenURL);
    const mod = u.protocol === 'https:' ? https : http;
    return new Promise<Token>((resolve, reject) => {
      const req = mod.request(
        u,
        {
          method: 'POST',
          agent: this.agent(u),
          signal,
          headers: {
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': Buffer.byteLength(body),
            Authorization: 'Basic ' + Buffer.from(`${queryEscape(id)}:${queryEscape(secret)}`).toString('base64'),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > 1 << 20) {
              res.destroy(new OAuth2Error('oauth2: token response too large'));
              return;
            }
            chunks.push(c);
          });
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const code = res.statusCode ?? 0;
            if (code < 200 || code > 299) {
              reject(new OAuth2Error(`oauth2: cannot fetch token: ${code} ${res.statusMessage ?? ''}\nResponse: ${text}`));
              return;
            }
            try {
              resolve(parseTokenResponse(text, res.headers['content-type'] ?? ''));
            } catch (e) {
              reject(e);
            }
          });
        },
      );
      req.on('error', (e) => reject(new OAuth2Error(`oauth2: cannot fetch token: ${e.message}`)));
      req.end(body);
    });
  }
}

function parseTokenResponse(text: string, contentType: string): Token {
  let access = '';
  let type = '';
  let expiresIn = 0;
  if (contentType.startsWith('application/x-www-form-urlencoded') || contentType.startsWith('text/plain')) {
    const v = new URLSearchParams(text);
    access = v.get('access_token') ?? '';
    type = v.get('token_type') ?? '';
    expiresIn = Number(v.get('expires_in') ?? 0) || 0;
  } else {
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch {
      throw new OAuth2Error(`oauth2: cannot parse json: ${text.slice(0, 100)}`);
    }
    if (obj !== null && typeof obj === 'object') {
      const o = obj as Record<string, unknown>;
      if (typeof o['access_token'] === 'string') access = o['access_token'];
      if (typeof o['token_type'] === 'string') type = o['token_type'];
      const e = o['expires_in'];
      if (typeof e === 'number') expiresIn = e;
      else if (typeof e === 'string') expiresIn = Number(e) || 0;
    }
  }
  if (access === '') throw new OAuth2Error('oauth2: server response missing access_token');
  return { type: tokenType(type), value: access, expiry: expiresIn > 0 ? Date.now() + expiresIn * 1000 : 0 };
}
