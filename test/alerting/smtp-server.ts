/**
 * A small, real SMTP server for tests, listening on 127.0.0.1 with a free port: EHLO/HELO,
 * STARTTLS (with a certificate the test makes), implicit TLS, AUTH PLAIN / LOGIN / CRAM-MD5
 * with configured credentials, MAIL / RCPT / DATA (dot-unstuffed), RSET, NOOP, QUIT. It keeps
 * every accepted message and the command transcript; replies can be overridden per command to
 * inject failures. Bounded (line length, message size, connections) and closable.
 */
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';

export type SmtpMechanism = 'PLAIN' | 'LOGIN' | 'CRAM-MD5';

export interface SmtpServerOptions {
  /** Certificate and key (PEM) for STARTTLS / implicit TLS. */
  tls?: { key: string; cert: string };
  /** Offer STARTTLS (needs `tls`); default true when `tls` is set. */
  starttls?: boolean;
  /** Speak TLS from the first byte (needs `tls`). */
  implicitTLS?: boolean;
  /** AUTH: the mechanisms advertised (in this order) and the accepted credentials. */
  auth?: { mechanisms: SmtpMechanism[]; username: string; password: string; secret?: string; identity?: string; onlyAfterTLS?: boolean };
  /** Reject MAIL before a successful AUTH (530). */
  requireAuth?: boolean;
  /** Extra EHLO keywords ("8BITMIME", "SIZE 1000000", ...). */
  extensions?: string[];
  /** Refuse EHLO (502) so the client falls back to HELO. */
  noEhlo?: boolean;
  /** The greeting's text after "220 ". */
  greeting?: string;
  /** Replace the reply to a command (the verb in upper case; "EOM" is the end of DATA). */
  replies?: Partial<Record<string, string>>;
  maxMessageBytes?: number;
  maxLineBytes?: number;
  maxConnections?: number;
}

export interface ReceivedMessage {
  helo: string;
  from: string;
  /** MAIL FROM parameters after the address (" BODY=8BITMIME" ...). */
  mailParams: string;
  to: string[];
  data: Buffer;
  tls: boolean;
  /** The authenticated user, null without AUTH. */
  user: string | null;
  mechanism: SmtpMechanism | null;
}

interface Session {
  sock: net.Socket;
  buf: Buffer;
  tls: boolean;
  helo: string;
  user: string | null;
  mechanism: SmtpMechanism | null;
  from: string | null;
  mailParams: string;
  to: string[];
  data: Buffer[] | null;
  dataBytes: number;
  /** A pending AUTH exchange: called with the next line. */
  authStep: ((line: string) => void) | null;
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const unb64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');

export class SmtpTestServer {
  readonly messages: ReceivedMessage[] = [];
  /** Every command line received, in order (AUTH payload lines included). */
  readonly transcript: string[] = [];
  private readonly sockets = new Set<net.Socket>();
  private waiters: Array<() => void> = [];

  private constructor(private readonly server: net.Server, private readonly opts: SmtpServerOptions) {}

  /** Starts a server on 127.0.0.1 with a free port. */
  static async start(opts: SmtpServerOptions = {}): Promise<SmtpTestServer> {
    let self: SmtpTestServer | undefined;
    const onConn = (sock: net.Socket): void => self?.accept(sock, opts.implicitTLS === true);
    const server = opts.implicitTLS && opts.tls ? tls.createServer({ key: opts.tls.key, cert: opts.tls.cert }, onConn) : net.createServer(onConn);
    server.maxConnections = opts.maxConnections ?? 16;
    self = new SmtpTestServer(server, opts);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return self;
  }

  get port(): number {
    const a = this.server.address();
    return typeof a === 'object' && a !== null ? a.port : 0;
  }

  /** "127.0.0.1:port" */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Resolves once `n` messages have arrived; rejects after timeoutMs. */
  async waitForMessages(n: number, timeoutMs = 5000): Promise<ReceivedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${n} message(s), got ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.messages.slice(0, n);
  }

  /** Stops listening and closes every open connection. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const w of this.waiters.splice(0)) w();
  }

  private accept(sock: net.Socket, isTLS: boolean): void {
    this.sockets.add(sock);
    sock.on('close', () => this.sockets.delete(sock));
    sock.on('error', () => undefined);
    const s: Session = { sock, buf: Buffer.alloc(0), tls: isTLS, helo: '', user: null, mechanism: null, from: null, mailParams: '', to: [], data: null, dataBytes: 0, authStep: null };
    this.listen(s, sock);
    this.reply(s, this.opts.replies?.['GREETING'] ?? `220 ${this.opts.greeting ?? 'localhost ESMTP vigil-test'}`);
  }

  private listen(s: Session, sock: net.Socket): void {
    sock.on('data', (d: Buffer) => {
      if (s.sock !== sock) return;
      s.buf = Buffer.concat([s.buf, d]);
      this.drain(s);
    });
  }

  private drain(s: Session): void {
    const maxLine = this.opts.maxLineBytes ?? 64 * 1024;
    for (;;) {
      const i = s.buf.indexOf(0x0a);
      if (i < 0) {
        if (s.buf.length > maxLine) {
          this.reply(s, '500 5.5.2 line too long');
          s.sock.destroy();
        }
        return;
      }
      const raw = s.buf.subarray(0, i + 1);
      s.buf = s.buf.subarray(i + 1);
      const sock = s.sock;
      this.line(s, raw);
      if (s.sock !== sock) return; // upgraded to TLS: the rest of the buffer is discarded
    }
  }

  private reply(s: Session, text: string): void {
    if (!s.sock.destroyed) s.sock.write(`${text}\r\n`);
  }

  private line(s: Session, raw: Buffer): void {
    if (s.data !== null) return this.dataLine(s, raw);
    const line = raw.toString('utf8').replace(/\r?\n$/, '');
    this.transcript.push(line);
    if (s.authStep !== null) return s.authStep(line);
    const sp = line.indexOf(' ');
    const verb = (sp < 0 ? line : line.slice(0, sp)).toUpperCase();
    const arg = sp < 0 ? '' : line.slice(sp + 1);
    const override = this.opts.replies?.[verb];
    if (override !== undefined) {
      this.reply(s, override);
      if (override.startsWith('421')) s.sock.end();
      return;
    }
    this.command(s, verb, arg);
  }

  private command(s: Session, verb: string, arg: string): void {
    switch (verb) {
      case 'EHLO':
        if (this.opts.noEhlo) return this.reply(s, '502 5.5.1 EHLO not supported');
        s.helo = arg;
        return this.reply(s, this.ehloFor(s).map((l, i, all) => `250${i === all.length - 1 ? ' ' : '-'}${l}`).join('\r\n'));
      case 'HELO':
        s.helo = arg;
        return this.reply(s, '250 localhost');
      case 'STARTTLS':
        return this.startTLS(s);
      case 'AUTH':
        return this.auth(s, arg);
      case 'MAIL':
        return this.mail(s, arg);
      case 'RCPT': {
        const m = /^TO:<([^>]*)>/i.exec(arg);
        if (s.from === null) return this.reply(s, '503 5.5.1 need MAIL first');
        if (m === null) return this.reply(s, '501 5.5.4 syntax: RCPT TO:<address>');
        s.to.push(m[1] ?? '');
        return this.reply(s, '250 2.1.5 OK');
      }
      case 'DATA':
        if (s.to.length === 0) return this.reply(s, '503 5.5.1 need RCPT first');
        s.data = [];
        s.dataBytes = 0;
        return this.reply(s, '354 End data with <CR><LF>.<CR><LF>');
      case 'RSET':
        s.from = null;
        s.to = [];
        return this.reply(s, '250 2.0.0 OK');
      case 'NOOP':
        return this.reply(s, '250 2.0.0 OK');
      case 'QUIT':
        this.reply(s, '221 2.0.0 Bye');
        s.sock.end();
        return;
      default:
        return this.reply(s, '502 5.5.2 command not recognized');
    }
  }

  private ehloLines(): string[] {
    const lines = ['localhost greets you'];
    for (const e of this.opts.extensions ?? []) lines.push(e);
    return lines;
  }

  private ehloFor(s: Session): string[] {
    const lines = this.ehloLines();
    if (this.opts.tls && !s.tls && (this.opts.starttls ?? true)) lines.push('STARTTLS');
    const a = this.opts.auth;
    if (a && (!a.onlyAfterTLS || s.tls)) lines.push(`AUTH ${a.mechanisms.join(' ')}`);
    return lines;
  }

  private startTLS(s: Session): void {
    if (!this.opts.tls || s.tls) return this.reply(s, '454 4.7.0 TLS not available');
    this.reply(s, '220 2.0.0 Ready to start TLS');
    const plain = s.sock;
    plain.removeAllListeners('data');
    const secure = new tls.TLSSocket(plain, { isServer: true, key: this.opts.tls.key, cert: this.opts.tls.cert });
    secure.on('error', () => plain.destroy());
    this.sockets.add(secure);
    secure.on('close', () => this.sockets.delete(secure));
    s.sock = secure;
    s.buf = Buffer.alloc(0);
    s.tls = true;
    s.helo = '';
    s.from = null;
    s.to = [];
    this.listen(s, secure);
  }

  private auth(s: Session, arg: string): void {
    const a = this.opts.auth;
    const [mechRaw = '', initial] = arg.split(' ');
    const mech = mechRaw.toUpperCase();
    if (!a || !a.mechanisms.includes(mech as SmtpMechanism) || (a.onlyAfterTLS && !s.tls)) {
      return this.reply(s, '504 5.5.4 unrecognized authentication type');
    }
    const ok = (): void => {
      s.authStep = null;
      s.user = a.username;
      s.mechanism = mech as SmtpMechanism;
      this.reply(s, '235 2.7.0 Authentication successful');
    };
    const bad = (): void => {
      s.authStep = null;
      this.reply(s, '535 5.7.8 Authentication credentials invalid');
    };
    const cancelled = (line: string): boolean => {
      if (line !== '*') return false;
      s.authStep = null;
      this.reply(s, '501 5.0.0 authentication cancelled');
      return true;
    };
    const checkPlain = (payload: string): void => {
      const [identity = '', user = '', pass = ''] = unb64(payload).split('\0');
      if (user === a.username && pass === a.password && (a.identity === undefined || identity === a.identity)) ok();
      else bad();
    };
    if (mech === 'PLAIN') {
      if (initial !== undefined) return checkPlain(initial);
      s.authStep = (line) => cancelled(line) || checkPlain(line);
      return this.reply(s, '334 ');
    }
    if (mech === 'LOGIN') {
      let user = '';
      s.authStep = (line) => {
        if (cancelled(line)) return;
        user = unb64(line);
        s.authStep = (l2) => (cancelled(l2) ? undefined : user === a.username && unb64(l2) === a.password ? ok() : bad());
        this.reply(s, `334 ${b64('Password:')}`);
      };
      return this.reply(s, `334 ${b64('Username:')}`);
    }
    const challenge = `<${randomBytes(8).toString('hex')}.${Date.now()}@localhost>`;
    s.authStep = (line) => {
      if (cancelled(line)) return;
      const [user = '', digest = ''] = unb64(line).split(' ');
      const want = createHmac('md5', a.secret ?? a.password).update(challenge).digest('hex');
      if (user === a.username && digest === want) ok();
      else bad();
    };
    this.reply(s, `334 ${b64(challenge)}`);
  }

  private mail(s: Session, arg: string): void {
    const m = /^FROM:<([^>]*)>(.*)$/i.exec(arg);
    if (m === null) return this.reply(s, '501 5.5.4 syntax: MAIL FROM:<address>');
    if (this.opts.requireAuth && s.user === null) return this.reply(s, '530 5.7.0 Authentication required');
    s.from = m[1] ?? '';
    s.mailParams = m[2] ?? '';
    s.to = [];
    this.reply(s, '250 2.1.0 OK');
  }

  private dataLine(s: Session, raw: Buffer): void {
    const data = s.data as Buffer[];
    if (raw.equals(Buffer.from('.\r\n')) || raw.equals(Buffer.from('.\n'))) {
      s.data = null;
      const override = this.opts.replies?.['EOM'];
      if (override !== undefined) return this.reply(s, override);
      this.messages.push({ helo: s.helo, from: s.from ?? '', mailParams: s.mailParams, to: s.to, data: Buffer.concat(data), tls: s.tls, user: s.user, mechanism: s.mechanism });
      s.from = null;
      s.to = [];
      this.reply(s, '250 2.0.0 OK: queued');
      for (const w of this.waiters.splice(0)) w();
      return;
    }
    const line = raw[0] === 0x2e ? raw.subarray(1) : raw;
    s.dataBytes += line.length;
    if (s.dataBytes > (this.opts.maxMessageBytes ?? 10 * 1024 * 1024)) {
      this.reply(s, '552 5.3.4 message too big');
      s.sock.destroy();
      return;
    }
    data.push(line);
  }
}

/** A parsed message: its header fields (in order) and, for multipart bodies, the decoded parts. */
export interface ParsedMessage {
  headers: Array<[string, string]>;
  header(name: string): string | undefined;
  body: string;
  parts: Array<{ headers: Array<[string, string]>; raw: string; text: string }>;
}

function splitHead(text: string): { headers: Array<[string, string]>; body: string } {
  const end = text.indexOf('\r\n\r\n');
  const head = end < 0 ? text : text.slice(0, end);
  const headers: Array<[string, string]> = [];
  for (const l of head.split('\r\n')) {
    if (l === '') continue;
    if ((l.startsWith(' ') || l.startsWith('\t')) && headers.length > 0) {
      const last = headers[headers.length - 1] as [string, string];
      last[1] += l;
      continue;
    }
    const c = l.indexOf(':');
    headers.push([l.slice(0, c), l.slice(c + 1).replace(/^ /, '')]);
  }
  return { headers, body: end < 0 ? '' : text.slice(end + 4) };
}

/** Decodes quoted-printable text (soft breaks removed, =XX bytes, UTF-8). */
export function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  const src = Buffer.from(s.replace(/=\r\n/g, ''), 'latin1');
  for (let i = 0; i < src.length; i++) {
    const b = src[i] as number;
    if (b === 0x3d && i + 2 < src.length + 0) {
      bytes.push(parseInt(src.subarray(i + 1, i + 3).toString('latin1'), 16));
      i += 2;
    } else bytes.push(b);
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Parses a received message: headers, and the multipart/alternative parts decoded. */
export function parseMessage(data: Buffer): ParsedMessage {
  const text = data.toString('utf8');
  const { headers, body } = splitHead(text);
  const header = (name: string): string | undefined => headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const ct = header('Content-Type') ?? '';
  const m = /boundary=(\S+)/.exec(ct);
  const parts: ParsedMessage['parts'] = [];
  if (m !== null) {
    const boundary = m[1] as string;
    const chunks = body.split(`--${boundary}`);
    for (const chunk of chunks.slice(1)) {
      if (chunk.startsWith('--')) break;
      const p = splitHead(chunk.replace(/^\r\n/, ''));
      const raw = p.body.replace(/\r\n$/, '');
      parts.push({ headers: p.headers, raw, text: decodeQuotedPrintable(raw) });
    }
  }
  return { headers, header, body, parts };
}

/** A self-signed certificate for 127.0.0.1 / localhost made with the openssl CLI; null without openssl. */
export function makeSelfSignedCert(): { key: string; cert: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-smtp-cert-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
        '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
      { stdio: 'ignore', timeout: 20_000 },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tempDirs: string[] = [];

/** Writes text to a new file in a fresh temporary folder (removed when the process exits); returns its path. */
export function writeTempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-smtp-'));
  if (tempDirs.push(dir) === 1) {
    process.once('exit', () => {
      for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    });
  }
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
