/**
 * The HTTP(S) listeners (exporter-toolkit's ListenAndServe with web.config.file): plain HTTP,
 * or TLS with the configured certificate, versions, ciphers, curves and client-certificate
 * policy; basic authentication, the configured response headers and the rate limit applied to
 * every route; at most --web.max-connections connections at once. The web config file is
 * re-read when it changes (as the toolkit reads it per request), so credentials and
 * certificates rotate without a restart.
 */
import { readFileSync, statSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  checkWebTLSConfig,
  TLS_CIPHER_SUITES,
  TLS_CURVES,
  validateWebConfigFile,
  type WebConfig,
  type WebTLSConfig,
} from '../config/index.js';
import type { StructuredLogger } from '../log/index.js';
import { BasicAuthVerifier, basicCredentials } from './basic-auth.js';
import type { RequestHandler } from './web.js';

export interface ListenerOptions {
  addresses: readonly string[];
  handler: RequestHandler;
  /** --web.config.file ("" for none). */
  webConfigFile: string;
  maxConnections: number;
  /** --web.read-timeout in ms (request and idle timeout; 0 = none). */
  readTimeout: number;
  logger: StructuredLogger;
}

export class ListenError extends Error {
  override name = 'ListenError';
}

const TLS_VERSION: Readonly<Record<string, 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3'>> = {
  TLS10: 'TLSv1',
  TLS11: 'TLSv1.1',
  TLS12: 'TLSv1.2',
  TLS13: 'TLSv1.3',
};

function tlsEnabled(t: WebTLSConfig): boolean {
  return t.cert_file !== '' || t.cert !== '' || t.key_file !== '' || t.key !== '';
}

/** node:tls options for a web config's tls_server_config. */
function tlsOptions(t: WebTLSConfig): https.ServerOptions {
  const read = (file: string, inline: string): string => (file !== '' ? readFileSync(file, 'utf8') : inline);
  const auth = t.client_auth_type;
  const o: https.ServerOptions = {
    cert: read(t.cert_file, t.cert),
    key: read(t.key_file, t.key),
    minVersion: TLS_VERSION[t.min_version] ?? 'TLSv1.2',
    maxVersion: TLS_VERSION[t.max_version] ?? 'TLSv1.3',
    honorCipherOrder: t.prefer_server_cipher_suites,
    requestCert: auth !== '' && auth !== 'NoClientCert',
    rejectUnauthorized: auth === 'RequireAndVerifyClientCert',
  };
  const ca = read(t.client_ca_file, t.client_ca);
  if (ca !== '') o.ca = ca;
  if (t.cipher_suites.length > 0) {
    // TLS 1.3 suites are not configurable in Go; keep Node's defaults for them.
    const names = t.cipher_suites.map((c) => TLS_CIPHER_SUITES[c] ?? c).filter((c) => !c.startsWith('TLS_'));
    if (names.length > 0) o.ciphers = names.join(':');
  }
  if (t.curve_preferences.length > 0) o.ecdhCurve = t.curve_preferences.map((c) => TLS_CURVES[c] ?? c).join(':');
  return o;
}

/** Enforces client-certificate policies node:tls has no option for. */
function clientCertAcceptable(t: WebTLSConfig, sock: TLSSocket): boolean {
  const auth = t.client_auth_type;
  const cert = sock.getPeerCertificate();
  const given = cert !== null && typeof cert === 'object' && Object.keys(cert).length > 0;
  if (auth === 'RequireAnyClientCert' || auth === 'RequireClientCert') return given;
  if (auth === 'VerifyClientCertIfGiven') return !given || sock.authorized;
  if (t.client_allowed_sans.length > 0 && given) {
    const sans = (cert.subjectaltname ?? '').split(/,\s*/).map((s) => s.replace(/^[A-Za-z ]+:/, ''));
    return t.client_allowed_sans.some((s) => sans.includes(s));
  }
  return true;
}

function splitHostPort(addr: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]*)\]|([^:]*)):(\d+)$/.exec(addr);
  if (m === null) throw new ListenError(`listen tcp ${addr}: address ${addr}: missing port in address`);
  return { host: m[1] ?? m[2] ?? '', port: Number(m[3]) };
}

/** A token bucket (golang.org/x/time/rate) for web config rate_limit. */
class RateLimiter {
  private tokens: number;
  private last = Date.now();
  constructor(
    private readonly burst: number,
    private readonly intervalMs: number,
  ) {
    this.tokens = burst;
  }
  allow(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.last) / this.intervalMs);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * netutil.LimitListener: at most `max` connections are served at once; further accepted
 * connections wait (paused, unread) until one ends, as upstream leaves them in the accept
 * backlog, instead of being reset as Node's server.maxConnections does.
 */
class ConnectionGate {
  private active = 0;
  private readonly waiting: net.Socket[] = [];

  constructor(
    private readonly max: number,
    private readonly serve: (sock: net.Socket) => void,
  ) {}

  readonly accept = (sock: net.Socket): void => {
    if (this.max > 0 && this.active >= this.max) {
      this.waiting.push(sock);
      sock.once('close', () => {
        const i = this.waiting.indexOf(sock);
        if (i >= 0) this.waiting.splice(i, 1);
      });
      return;
    }
    this.dispatch(sock);
  };

  /** Drops the connections still waiting for a slot. */
  destroyWaiting(): void {
    for (const s of this.waiting.splice(0)) s.destroy();
  }

  private dispatch(sock: net.Socket): void {
    this.active++;
    sock.once('close', () => {
      this.active--;
      const next = this.waiting.shift();
      if (next !== undefined) this.dispatch(next);
    });
    this.serve(sock);
    sock.resume();
  }
}

interface Bound {
  http: http.Server | https.Server;
  tcp: net.Server;
  gate: ConnectionGate;
}

export class WebListeners {
  private servers: Bound[] = [];
  private config: WebConfig | null = null;
  private configMtime = 0;
  private lastCheck = 0;
  private limiter: RateLimiter | null = null;
  private readonly auth = new BasicAuthVerifier();

  constructor(private readonly o: ListenerOptions) {}

  /** Loads and validates the web config (throws WebConfigError). */
  validate(): void {
    if (this.o.webConfigFile === '') return;
    this.config = validateWebConfigFile(this.o.webConfigFile);
    this.configMtime = this.mtime();
    this.resetLimiter();
  }

  private mtime(): number {
    try {
      return statSync(this.o.webConfigFile).mtimeMs;
    } catch {
      return 0;
    }
  }

  private resetLimiter(): void {
    const rl = this.config?.rate_limit;
    this.limiter = rl !== undefined && rl.interval > 0 && rl.burst > 0 ? new RateLimiter(rl.burst, rl.interval) : null;
  }

  /** Re-reads the web config when its file changed (checked at most once a second). */
  private refresh(): void {
    if (this.o.webConfigFile === '') return;
    const now = Date.now();
    if (now - this.lastCheck < 1000) return;
    this.lastCheck = now;
    const m = this.mtime();
    if (m === this.configMtime) return;
    try {
      const cfg = validateWebConfigFile(this.o.webConfigFile);
      const t = cfg.tls_server_config;
      if (tlsEnabled(t)) {
        checkWebTLSConfig(t);
        for (const s of this.servers) if (s.http instanceof https.Server) s.http.setSecureContext(tlsOptions(t));
      }
      this.config = cfg;
      this.configMtime = m;
      this.resetLimiter();
    } catch (e) {
      this.o.logger.error('Unable to parse configuration', { err: e instanceof Error ? e.message : String(e) });
    }
  }

  private readonly guarded: RequestHandler = (req, res) => {
    this.refresh();
    const c = this.config;
    if (c === null) return this.o.handler(req, res);
    if (this.limiter !== null && !this.limiter.allow()) {
      res.writeHead(429, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end('Too Many Requests\n');
      return;
    }
    for (const [k, v] of Object.entries(c.http_server_config.headers)) res.setHeader(k, v);
    const users = c.basic_auth_users;
    if (Object.keys(users).length === 0) return this.o.handler(req, res);
    const cred = basicCredentials(req);
    if (cred !== null && this.auth.verify(users, cred.user, cred.password)) return this.o.handler(req, res);
    res.writeHead(401, { 'WWW-Authenticate': 'Basic', 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    res.end('Unauthorized\n');
  };

  /** Whether the listeners serve HTTPS (the web config has a TLS server config). */
  get tls(): boolean {
    const t = this.config?.tls_server_config;
    return t !== undefined && tlsEnabled(t);
  }

  /** Starts listening on every address; resolves with the bound addresses. */
  async listen(): Promise<string[]> {
    const t = this.config?.tls_server_config;
    const useTls = t !== undefined && tlsEnabled(t);
    const bound: string[] = [];
    for (const addr of this.o.addresses) {
      const { host, port } = splitHostPort(addr);
      this.o.logger.info('Start listening for connections', { address: addr });
      const srv = useTls ? https.createServer(tlsOptions(t), this.guarded) : http.createServer(this.guarded);
      if (useTls) {
        srv.on('secureConnection', (sock: TLSSocket) => {
          const cur = this.config?.tls_server_config ?? t;
          if (!clientCertAcceptable(cur, sock)) sock.destroy();
        });
      }
      srv.requestTimeout = this.o.readTimeout;
      srv.keepAliveTimeout = Math.min(this.o.readTimeout || 5000, 5000);
      srv.on('clientError', (_e, sock) => sock.destroy());
      const gate = new ConnectionGate(this.o.maxConnections, (sock) => srv.emit('connection', sock));
      const tcp = net.createServer({ pauseOnConnect: true }, gate.accept);
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', (e: NodeJS.ErrnoException) => reject(new ListenError(`listen tcp ${addr}: ${e.code === 'EADDRINUSE' ? 'bind: address already in use' : e.message}`)));
        tcp.listen({ port, host: host === '' ? undefined : host, backlog: 4096 }, () => resolve());
      });
      tcp.on('error', (e) => this.o.logger.error('HTTP server error', { err: e.message }));
      srv.on('error', (e) => this.o.logger.error('HTTP server error', { err: e.message }));
      this.servers.push({ http: srv, tcp, gate });
      const a = tcp.address();
      const actual = typeof a === 'object' && a !== null ? `${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}` : addr;
      bound.push(actual);
      this.o.logger.info('Listening on', { address: actual });
      if (useTls) this.o.logger.info('TLS is enabled.', { http2: false, address: actual });
      else this.o.logger.info('TLS is disabled.', { http2: false, address: actual });
    }
    return bound;
  }

  /** Stops accepting, ends idle keep-alive connections and waits (bounded) for the rest. */
  async close(timeoutMs = 5000): Promise<void> {
    const servers = this.servers;
    this.servers = [];
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              s.http.closeAllConnections();
              resolve();
            }, timeoutMs);
            s.tcp.close(() => {
              clearTimeout(timer);
              resolve();
            });
            s.gate.destroyWaiting();
            // Not listening itself: this only marks it closing and ends idle keep-alive connections.
            s.http.close(() => undefined);
            s.http.closeIdleConnections();
          }),
      ),
    );
  }
}
