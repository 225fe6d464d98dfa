/**
 * An SMTP client over node:net / node:tls with the behaviour of Go's net/smtp as Alertmanager
 * 0.25's email integration drives it: greeting, EHLO (HELO fallback) and the extension list,
 * STARTTLS, AUTH with PLAIN / LOGIN / CRAM-MD5, MAIL, RCPT, DATA with dot-stuffing, QUIT.
 * Replies are read as textproto does (multi-line replies joined with "\n", an unexpected code
 * is an SmtpReplyError "NNN text"); every read waits at most `timeoutMs` and a line is bounded.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { SmtpAuth } from './smtp-auth.js';

/** The longest reply line accepted (RFC 5321 allows 512 bytes; servers send longer ones). */
export const MAX_REPLY_LINE_BYTES = 64 * 1024;
/** The most lines one reply may have. */
export const MAX_REPLY_LINES = 1000;
/** The default wait for one read or write. */
export const DEFAULT_SMTP_TIMEOUT_MS = 60_000;

/** A reply with an unexpected code (Go's textproto.Error): "535 5.7.8 bad credentials". */
export class SmtpReplyError extends Error {
  override name = 'SmtpReplyError';
  constructor(readonly code: number, readonly reply: string) {
    super(`${String(code).padStart(3, '0')} ${reply}`);
  }
}

/** A transport or protocol failure; the message is the text Go would give. */
export class SmtpError extends Error {
  override name = 'SmtpError';
}

export interface SmtpDialOptions {
  host: string;
  port: string;
  /** Open the connection with TLS (port 465 / force_implicit_tls). */
  implicitTLS: boolean;
  /** TLS options for implicit TLS (servername already set). */
  tls?: tls.ConnectionOptions;
  timeoutMs?: number;
  signal?: AbortSignal;
}

function errCode(e: unknown): string {
  if (e !== null && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return '';
}

function hostPortText(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function altNames(cert: unknown): { dns: string[]; ips: string[] } {
  const out = { dns: [] as string[], ips: [] as string[] };
  if (cert === null || typeof cert !== 'object' || !('subjectaltname' in cert) || typeof cert.subjectaltname !== 'string') return out;
  for (const part of cert.subjectaltname.split(', ')) {
    if (part.startsWith('DNS:')) out.dns.push(part.slice(4));
    else if (part.startsWith('IP Address:')) out.ips.push(part.slice(11));
  }
  return out;
}

/** Go 1.19's crypto/tls and x509 texts for Node's TLS failures (as far as they map). */
export function tlsErrorText(e: unknown, host: string): string {
  switch (errCode(e)) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
      return 'x509: certificate signed by unknown authority';
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return 'x509: certificate has expired or is not yet valid';
    case 'ERR_TLS_CERT_ALTNAME_INVALID': {
      const names = altNames((e as { cert?: unknown }).cert);
      if (net.isIP(host) !== 0) {
        if (names.ips.length === 0) return `x509: cannot validate certificate for ${host} because it doesn't contain any IP SANs`;
        return `x509: certificate is valid for ${names.ips.join(', ')}, not ${host}`;
      }
      if (names.dns.length === 0) return `x509: certificate is not valid for any names, but wanted to match ${host}`;
      return `x509: certificate is valid for ${names.dns.join(', ')}, not ${host}`;
    }
  }
  return e instanceof Error ? e.message : String(e);
}

/** The text Go gives a failed dial. */
function dialErrorText(e: unknown, host: string, port: string): string {
  const target = hostPortText(host, port);
  switch (errCode(e)) {
    case 'ECONNREFUSED':
      return `dial tcp ${target}: connect: connection refused`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `dial tcp: lookup ${host}: no such host`;
    case 'ETIMEDOUT':
      return `dial tcp ${target}: i/o timeout`;
    case 'EHOSTUNREACH':
      return `dial tcp ${target}: connect: no route to host`;
    case 'ENETUNREACH':
      return `dial tcp ${target}: connect: network is unreachable`;
  }
  return tlsErrorText(e, host);
}

function abortText(signal: AbortSignal | undefined): string | null {
  if (signal === undefined || !signal.aborted) return null;
  const r: unknown = signal.reason;
  return r instanceof Error && r.name === 'TimeoutError' ? 'context deadline exceeded' : 'context canceled';
}

/** Waits for a socket event, a timeout or the signal; cleans its listeners up either way. */
function waitConnect(sock: net.Socket, event: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err: Error | null): void => {
      clearTimeout(timer);
      sock.off(event, onOK);
      sock.off('error', onErr);
      signal?.removeEventListener('abort', onAbort);
      if (err === null) resolve();
      else {
        sock.destroy();
        reject(err);
      }
    };
    const onOK = (): void => done(null);
    const onErr = (e: Error): void => done(e);
    const onAbort = (): void => done(Object.assign(new Error(abortText(signal) ?? 'context canceled'), { code: 'ABORT' }));
    const timer = setTimeout(() => done(Object.assign(new Error('i/o timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
    sock.once(event, onOK);
    sock.once('error', onErr);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Opens the TCP (or implicit TLS) connection; throws SmtpError with Go's dial text. */
export async function dialSmtp(opts: SmtpDialOptions): Promise<net.Socket> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  const aborted = abortText(opts.signal);
  if (aborted !== null) throw new SmtpError(`dial tcp ${hostPortText(opts.host, opts.port)}: operation was canceled`);
  const port = Number(opts.port);
  const sock = opts.implicitTLS
    ? tls.connect({ ...(opts.tls ?? {}), host: opts.host, port })
    : net.connect({ host: opts.host, port });
  try {
    await waitConnect(sock, opts.implicitTLS ? 'secureConnect' : 'connect', timeoutMs, opts.signal);
  } catch (e) {
    throw new SmtpError(errCode(e) === 'ABORT' ? (e as Error).message : dialErrorText(e, opts.host, opts.port));
  }
  return sock;
}

function validateLine(line: string): void {
  if (/[\r\n]/.test(line)) throw new SmtpError('smtp: A line must not contain CR or LF');
}

/** Dot-stuffs a message and normalises line ends to CRLF (textproto's DotWriter), with the final ".". */
export function dotStuff(body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(body.length * 2 + 5);
  let n = 0;
  let state: 'beginLine' | 'data' | 'cr' = 'beginLine';
  for (const c of body) {
    if (state === 'beginLine') {
      state = 'data';
      if (c === 0x2e) out[n++] = 0x2e;
    }
    if (state === 'data') {
      if (c === 0x0d) state = 'cr';
      else if (c === 0x0a) {
        out[n++] = 0x0d;
        state = 'beginLine';
      }
    } else if (state === 'cr') {
      state = c === 0x0a ? 'beginLine' : 'data';
    }
    out[n++] = c;
  }
  if (state === 'data') out[n++] = 0x0d;
  if (state === 'data' || state === 'cr') out[n++] = 0x0a;
  out[n++] = 0x2e;
  out[n++] = 0x0d;
  out[n++] = 0x0a;
  return out.subarray(0, n);
}

/** Reads CRLF-terminated lines off a socket, bounded in length and in time. */
class LineReader {
  private buf: Buffer = Buffer.alloc(0);
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private sock: net.Socket;
  private readonly onData = (d: Buffer): void => {
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    if (this.buf.length > MAX_REPLY_LINE_BYTES) this.sock.pause();
    this.notify();
  };
  private readonly onEnd = (): void => {
    this.ended = true;
    this.notify();
  };
  private readonly onError = (e: Error): void => {
    this.failure ??= e;
    this.notify();
  };

  constructor(sock: net.Socket) {
    this.sock = sock;
    this.attach(sock);
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  attach(sock: net.Socket): void {
    this.sock = sock;
    this.ended = false;
    sock.on('data', this.onData);
    sock.on('end', this.onEnd);
    sock.on('close', this.onEnd);
    sock.on('error', this.onError);
  }

  /** Stops reading from the current socket (before a TLS upgrade); buffered bytes are dropped. */
  detach(): net.Socket {
    const s = this.sock;
    s.off('data', this.onData);
    s.off('end', this.onEnd);
    s.off('close', this.onEnd);
    s.off('error', this.onError);
    s.pause();
    this.buf = Buffer.alloc(0);
    return s;
  }

  async readLine(timeoutMs: number, signal: AbortSignal | undefined): Promise<string> {
    for (;;) {
      const i = this.buf.indexOf(0x0a);
      if (i >= 0 && i <= MAX_REPLY_LINE_BYTES) {
        const end = i > 0 && this.buf[i - 1] === 0x0d ? i - 1 : i;
        const line = this.buf.subarray(0, end).toString('utf8');
        this.buf = this.buf.subarray(i + 1);
        if (this.sock.isPaused() && this.buf.length <= MAX_REPLY_LINE_BYTES) this.sock.resume();
        return line;
      }
      if (i > MAX_REPLY_LINE_BYTES || (i < 0 && this.buf.length > MAX_REPLY_LINE_BYTES)) {
        throw new SmtpError('smtp: reply line too long');
      }
      if (this.failure !== null) throw new SmtpError(ioErrorText('read', this.failure, this.sock));
      if (this.ended) throw new SmtpError(this.buf.length > 0 ? 'unexpected EOF' : 'EOF');
      await this.waitData(timeoutMs, signal);
    }
  }

  private waitData(timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (err: Error | null): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.wake = null;
        if (err === null) resolve();
        else reject(err);
      };
      const onAbort = (): void => finish(new SmtpError(abortText(signal) ?? 'context canceled'));
      const timer = setTimeout(() => finish(new SmtpError(ioErrorText('read', new Error('i/o timeout'), this.sock))), timeoutMs);
      if (signal?.aborted === true) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.wake = () => finish(null);
    });
  }
}

function ioErrorText(op: 'read' | 'write', e: Error, sock: net.Socket): string {
  const local = sock.localAddress !== undefined ? `${hostPortText(sock.localAddress, String(sock.localPort))}->` : '';
  const remote = sock.remoteAddress !== undefined ? hostPortText(sock.remoteAddress, String(sock.remotePort)) : '';
  const prefix = `${op} tcp ${local}${remote}: `;
  switch (errCode(e)) {
    case 'ECONNRESET':
      return `${prefix}connection reset by peer`;
    case 'EPIPE':
      return `${prefix}broken pipe`;
  }
  if (e.message === 'i/o timeout') return `${prefix}i/o timeout`;
  return e.message;
}

/** Parses one reply line (textproto's parseCodeLine). */
function parseCodeLine(line: string): { code: number; continued: boolean; message: string } {
  if (line.length < 4 || (line[3] !== ' ' && line[3] !== '-')) throw new SmtpError(`short response: ${line}`);
  const digits = line.slice(0, 3);
  const code = /^[0-9]{3}$/.test(digits) ? Number(digits) : NaN;
  if (!(code >= 100)) throw new SmtpError(`invalid response code: ${line}`);
  return { code, continued: line[3] === '-', message: line.slice(4) };
}

/** Whether `code` satisfies textproto's expectCode (a digit, two digits or the full code). */
function codeMatches(code: number, expect: number): boolean {
  if (expect >= 1 && expect < 10) return Math.trunc(code / 100) === expect;
  if (expect >= 10 && expect < 100) return Math.trunc(code / 10) === expect;
  if (expect >= 100 && expect < 1000) return code === expect;
  return true;
}

export interface SmtpClientOptions {
  /** The server's name (the smarthost's host): what PLAIN auth checks. */
  serverName: string;
  /** Whether the connection is already TLS (implicit TLS). */
  tls: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** An SMTP session on an open connection (Go's smtp.Client). */
export class SmtpClient {
  private sock: net.Socket;
  private readonly reader: LineReader;
  private readonly timeoutMs: number;
  private readonly signal: AbortSignal | undefined;
  private readonly serverName: string;
  private isTLS: boolean;
  private localName = 'localhost';
  private didHello = false;
  private helloError: Error | null = null;
  private ext: Map<string, string> | null = null;
  private authMechs: string[] = [];
  private closed = false;

  constructor(sock: net.Socket, opts: SmtpClientOptions) {
    this.sock = sock;
    this.reader = new LineReader(sock);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
    this.signal = opts.signal;
    this.serverName = opts.serverName;
    this.isTLS = opts.tls;
    // A write error surfaces on the next read; keep Node from treating it as unhandled.
    sock.on('error', () => undefined);
  }

  /** Reads the server's 220 greeting (smtp.NewClient). */
  async greeting(): Promise<void> {
    await this.readReply(220);
  }

  /** Reads one reply and checks its code. */
  private async readReply(expect: number): Promise<{ code: number; message: string }> {
    const first = parseCodeLine(await this.reader.readLine(this.timeoutMs, this.signal));
    let { code, continued, message } = first;
    const multi = continued;
    let lines = 1;
    while (continued) {
      if (++lines > MAX_REPLY_LINES) throw new SmtpError('smtp: reply has too many lines');
      const line = await this.reader.readLine(this.timeoutMs, this.signal);
      try {
        const next = parseCodeLine(line);
        if (next.code !== code) throw new SmtpError('code changed');
        message += `\n${next.message}`;
        continued = next.continued;
      } catch {
        message += `\n${line.replace(/[\r\n]+$/, '')}`;
        continued = true;
      }
    }
    if (!codeMatches(code, expect)) throw new SmtpReplyError(code, multi ? message : first.message);
    return { code, message };
  }

  private write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.sock.destroyed) {
        reject(new SmtpError(ioErrorText('write', Object.assign(new Error('broken pipe'), { code: 'EPIPE' }), this.sock)));
        return;
      }
      this.sock.write(data, (err) => (err ? reject(new SmtpError(ioErrorText('write', err, this.sock))) : resolve()));
    });
  }

  /** Sends a command line and reads its reply (expect 0: any code). */
  async cmd(expect: number, line: string): Promise<{ code: number; message: string }> {
    await this.write(`${line}\r\n`);
    return this.readReply(expect);
  }

  private async ehlo(): Promise<void> {
    const { message } = await this.cmd(250, `EHLO ${this.localName}`);
    const ext = new Map<string, string>();
    const lines = message.split('\n');
    for (const l of lines.slice(1)) {
      const sp = l.indexOf(' ');
      ext.set(sp < 0 ? l : l.slice(0, sp), sp < 0 ? '' : l.slice(sp + 1));
    }
    const mechs = ext.get('AUTH');
    if (mechs !== undefined) this.authMechs = mechs.split(' ');
    this.ext = ext;
  }

  private async hello(): Promise<void> {
    if (!this.didHello) {
      this.didHello = true;
      try {
        await this.ehlo();
      } catch {
        try {
          this.ext = null;
          await this.cmd(250, `HELO ${this.localName}`);
        } catch (e) {
          this.helloError = e instanceof Error ? e : new SmtpError(String(e));
        }
      }
    }
    if (this.helloError !== null) throw this.helloError;
  }

  /** EHLO with `name` (smtp.Client.Hello): must come before any other command. */
  async helloWith(name: string): Promise<void> {
    validateLine(name);
    if (this.didHello) throw new SmtpError('smtp: Hello called after other methods');
    this.localName = name;
    await this.hello();
  }

  /** Whether the server advertised an extension, and its parameters. */
  async extension(name: string): Promise<[boolean, string]> {
    // As Go: a failed greeting reads as "not offered"; the next command reports the failure.
    if (await this.hello().then(() => false, () => true)) return [false, ''];
    const v = this.ext?.get(name.toUpperCase());
    return v === undefined ? [false, ''] : [true, v];
  }

  /** STARTTLS, the TLS handshake, then EHLO again. */
  async startTLS(options: tls.ConnectionOptions): Promise<void> {
    await this.hello();
    await this.cmd(220, 'STARTTLS');
    const plain = this.reader.detach();
    const secure = tls.connect({ ...options, socket: plain });
    secure.on('error', () => undefined);
    try {
      await waitConnect(secure, 'secureConnect', this.timeoutMs, this.signal);
    } catch (e) {
      throw new SmtpError(errCode(e) === 'ABORT' ? (e as Error).message : tlsErrorText(e, options.servername ?? this.serverName));
    }
    this.sock = secure;
    this.reader.attach(secure);
    this.isTLS = true;
    await this.ehlo();
  }

  /** Authenticates with a mechanism (smtp.Client.Auth); a refused exchange is cancelled with "*". */
  async auth(a: SmtpAuth): Promise<void> {
    await this.hello();
    let started: { mech: string; initial: Buffer | null };
    try {
      started = a.start({ name: this.serverName, tls: this.isTLS, auth: this.authMechs });
    } catch (e) {
      await this.quit().catch(() => undefined);
      throw e;
    }
    const initial = started.initial === null ? '' : started.initial.toString('base64');
    let reply = await this.cmd(0, `AUTH ${started.mech} ${initial}`.trim());
    for (;;) {
      let resp: Buffer | null;
      try {
        let msg: Buffer;
        if (reply.code === 334) msg = decodeBase64Strict(reply.message);
        else if (reply.code === 235) msg = Buffer.from(reply.message, 'utf8');
        else throw new SmtpReplyError(reply.code, reply.message);
        resp = a.next(msg, reply.code === 334);
      } catch (e) {
        await this.cmd(501, '*').catch(() => undefined);
        await this.quit().catch(() => undefined);
        throw e;
      }
      if (resp === null) return;
      reply = await this.cmd(0, resp.toString('base64'));
    }
  }

  /** MAIL FROM, with BODY=8BITMIME / SMTPUTF8 when the server offers them. */
  async mail(from: string): Promise<void> {
    validateLine(from);
    await this.hello();
    let line = `MAIL FROM:<${from}>`;
    if (this.ext !== null) {
      if (this.ext.has('8BITMIME')) line += ' BODY=8BITMIME';
      if (this.ext.has('SMTPUTF8')) line += ' SMTPUTF8';
    }
    await this.cmd(250, line);
  }

  async rcpt(to: string): Promise<void> {
    validateLine(to);
    await this.cmd(25, `RCPT TO:<${to}>`);
  }

  /** DATA: waits for 354 (the caller then sends the message with sendData). */
  async data(): Promise<void> {
    await this.hello();
    await this.cmd(354, 'DATA');
  }

  /** Sends the message dot-stuffed with the final "." and reads the 250 reply. */
  async sendData(message: Buffer): Promise<void> {
    await this.write(dotStuff(message));
    await this.readReply(250);
  }

  /** QUIT, then closes the connection. */
  async quit(): Promise<void> {
    if (this.closed) return;
    try {
      await this.hello();
      await this.cmd(221, 'QUIT');
    } finally {
      this.close();
    }
  }

  /** Closes the connection without QUIT. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sock.destroy();
  }
}

/** Go's base64.StdEncoding.DecodeString: strict, with its error text. */
function decodeBase64Strict(s: string): Buffer {
  const bad = s.search(/[^A-Za-z0-9+/=]/);
  const pad = s.indexOf('=');
  const padOK = pad < 0 || (/^=+$/.test(s.slice(pad)) && s.length - pad <= 2);
  if (bad >= 0 || s.length % 4 !== 0 || !padOK) {
    const at = bad >= 0 ? bad : pad >= 0 && !padOK ? pad : Math.max(0, s.length - (s.length % 4));
    throw new SmtpError(`illegal base64 data at input byte ${at}`);
  }
  return Buffer.from(s, 'base64');
}
