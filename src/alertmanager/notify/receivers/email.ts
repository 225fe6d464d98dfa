/**
 * The email integration (upstream notify/email of Alertmanager 0.25): one SMTP session per
 * notification to the smarthost (implicit TLS on port 465 or with force_implicit_tls, else
 * STARTTLS unless require_tls is false), AUTH with the first usable mechanism the server offers,
 * and a multipart/alternative message whose headers and text/HTML parts are rendered from the
 * config's templates.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import type * as tls from 'node:tls';
import type { EmailConfig } from '../../config/index.js';
import type { AlertmanagerTemplate } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import type { StructuredLogger } from '../../../log/index.js';
import { tlsOptions } from '../../../httpclient/index.js';
import { goQuote } from '../../../model/strconv/index.js';
import { getTemplateData, hashGroupKey, TemplateExpander } from '../index.js';
import { type Notifier, type NotifyContext, NotifyError } from '../index.js';
import {
  MailAddressError,
  multipartBody,
  parseAddressList,
  qEncodeHeader,
  quotedPrintable,
  randomBoundary,
} from './email-mime.js';
import { cramMD5Auth, loginAuth, plainAuth, type SmtpAuth } from './smtp-auth.js';
import { dialSmtp, SmtpClient } from './smtp-client.js';

/** The Subject header when the config sets none (config.DefaultEmailSubject). */
export const DEFAULT_EMAIL_SUBJECT = '{{ template "email.default.subject" . }}';

export interface EmailNotifierOptions {
  /** The host name in Message-Id (default: the machine's). */
  hostname?: string;
  /** The clock for Date and Message-Id (ms since the epoch). */
  now?: () => number;
  /** The longest wait for one SMTP read or connect (default 60 s). */
  timeoutMs?: number;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The host and port of a validated smarthost ("host:port", "[::1]:25"). */
export function splitSmarthost(s: string): { host: string; port: string } {
  const i = s.lastIndexOf(':');
  const host = i < 0 ? s : s.slice(0, i);
  return { host: host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host, port: i < 0 ? '' : s.slice(i + 1) };
}

/** Go's os error text for a failed file read: "open /x: no such file or directory". */
function readFileText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = e !== null && typeof e === 'object' && 'code' in e ? String(e.code) : '';
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : errorText(e);
    throw new Error(`could not read ${path}: open ${path}: ${why}`);
  }
}

/** time.RFC1123Z in the process's local time zone: "Mon, 02 Jan 2006 15:04:05 -0700". */
export function formatRFC1123Z(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone = `${off < 0 ? '-' : '+'}${p2(Math.trunc(Math.abs(off) / 60))}${p2(Math.abs(off) % 60)}`;
  return `${days[d.getDay()] ?? ''}, ${p2(d.getDate())} ${months[d.getMonth()] ?? ''} ${d.getFullYear()} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())} ${zone}`;
}

function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function randomUint64(): bigint {
  const b = new BigUint64Array(1);
  crypto.getRandomValues(b);
  return b[0] ?? 0n;
}

/** Sends notifications as email (upstream email.Email). */
export class EmailNotifier implements Notifier {
  private readonly headers: Record<string, string>;
  private readonly host: string;
  private readonly port: string;
  private readonly hostname: string;
  private readonly now: () => number;

  constructor(
    private readonly conf: EmailConfig,
    private readonly tmpl: AlertmanagerTemplate,
    private readonly logger: StructuredLogger,
    private readonly opts: EmailNotifierOptions = {},
  ) {
    this.headers = { ...conf.headers };
    this.headers['Subject'] ??= DEFAULT_EMAIL_SUBJECT;
    this.headers['To'] ??= conf.to;
    this.headers['From'] ??= conf.from;
    ({ host: this.host, port: this.port } = splitSmarthost(conf.smarthost));
    this.hostname = opts.hostname ?? safeHostname();
    this.now = opts.now ?? Date.now;
  }

  private implicitTLS(): boolean {
    return this.conf.force_implicit_tls ?? this.port === '465';
  }

  /** TLS options from tls_config; the server name defaults to the smarthost's host. */
  private tlsConfig(): tls.ConnectionOptions {
    let o: tls.ConnectionOptions;
    try {
      o = tlsOptions(this.conf.tls_config);
    } catch (e) {
      throw new NotifyError(`parse TLS configuration: ${errorText(e)}`, false);
    }
    const name = o.servername ?? this.host;
    o = { ...o, host: name };
    if (isIP(name) === 0) o.servername = name;
    else delete o.servername;
    return o;
  }

  async notify(ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const implicit = this.implicitTLS();
    const client = await this.connect(ctx, implicit);
    let success = false;
    try {
      await this.negotiate(client, implicit);
      await this.send(client, ctx, alerts);
      success = true;
    } finally {
      try {
        await client.quit();
      } catch (e) {
        if (success) this.logger.warn('failed to close SMTP connection', { err: errorText(e) });
      }
      client.close();
    }
  }

  private async connect(ctx: NotifyContext, implicit: boolean): Promise<SmtpClient> {
    const tlsOpts = implicit ? this.tlsConfig() : undefined;
    let sock;
    try {
      sock = await dialSmtp({
        host: this.host,
        port: this.port,
        implicitTLS: implicit,
        ...(tlsOpts ? { tls: tlsOpts } : {}),
        ...(this.opts.timeoutMs !== undefined ? { timeoutMs: this.opts.timeoutMs } : {}),
        signal: ctx.signal,
      });
    } catch (e) {
      throw new NotifyError(`${implicit ? 'establish TLS connection to server' : 'establish connection to server'}: ${errorText(e)}`, true);
    }
    const client = new SmtpClient(sock, {
      serverName: this.host,
      tls: implicit,
      signal: ctx.signal,
      ...(this.opts.timeoutMs !== undefined ? { timeoutMs: this.opts.timeoutMs } : {}),
    });
    try {
      await client.greeting();
    } catch (e) {
      client.close();
      throw new NotifyError(`create SMTP client: ${errorText(e)}`, true);
    }
    return client;
  }

  /** EHLO, STARTTLS and AUTH. */
  private async negotiate(client: SmtpClient, implicit: boolean): Promise<void> {
    if (this.conf.hello !== '') {
      try {
        await client.helloWith(this.conf.hello);
      } catch (e) {
        throw new NotifyError(`send EHLO command: ${errorText(e)}`, true);
      }
    }
    if (this.conf.require_tls !== false && !implicit) {
      const [ok] = await client.extension('STARTTLS');
      if (!ok) {
        throw new NotifyError(`'require_tls' is true (default) but ${goQuote(this.conf.smarthost)} does not advertise the STARTTLS extension`, true);
      }
      const tlsOpts = this.tlsConfig();
      await this.step(client.startTLS(tlsOpts), 'send STARTTLS command');
    }
    const [hasAuth, mechs] = await client.extension('AUTH');
    if (!hasAuth) return;
    let auth: SmtpAuth | null;
    try {
      auth = this.auth(mechs);
    } catch (e) {
      throw new NotifyError(`find auth mechanism: ${errorText(e)}`, true);
    }
    if (auth !== null) await this.step(client.auth(auth), `${auth.typeName} auth`);
  }

  /** Awaits an SMTP step; its failure becomes a retryable NotifyError "<what>: <cause>". */
  private async step<T>(p: Promise<T>, what: string): Promise<T> {
    try {
      return await p;
    } catch (e) {
      throw new NotifyError(`${what}: ${errorText(e)}`, true);
    }
  }

  private password(): string {
    return this.conf.auth_password_file !== '' ? readFileText(this.conf.auth_password_file) : this.conf.auth_password;
  }

  private secret(): string {
    return this.conf.auth_secret_file !== '' ? readFileText(this.conf.auth_secret_file) : this.conf.auth_secret;
  }

  /** Picks the first mechanism of the server's list that the config can serve. */
  private auth(mechs: string): SmtpAuth | null {
    const username = this.conf.auth_username;
    if (username === '') {
      this.logger.debug?.('smtp_auth_username is not configured. Attempting to send email without authenticating');
      return null;
    }
    const errs: string[] = [];
    const withSecret = (get: () => string, missing: string): string | null => {
      let v: string;
      try {
        v = get();
      } catch (e) {
        errs.push(errorText(e));
        return null;
      }
      if (v === '') {
        errs.push(missing);
        return null;
      }
      return v;
    };
    for (const mech of mechs.split(' ')) {
      if (mech === 'CRAM-MD5') {
        const s = withSecret(() => this.secret(), 'missing secret for CRAM-MD5 auth mechanism');
        if (s !== null) return cramMD5Auth(username, s);
      } else if (mech === 'PLAIN') {
        const p = withSecret(() => this.password(), 'missing password for PLAIN auth mechanism');
        if (p !== null) return plainAuth(this.conf.auth_identity, username, p, this.host);
      } else if (mech === 'LOGIN') {
        const p = withSecret(() => this.password(), 'missing password for LOGIN auth mechanism');
        if (p !== null) return loginAuth(username, p);
      }
    }
    if (errs.length === 0) errs.push(`unknown auth mechanism: ${mechs}`);
    throw new Error(errs.join('; '));
  }

  /** MAIL, RCPT, DATA and the message. */
  private async send(client: SmtpClient, ctx: NotifyContext, alerts: readonly Alert[]): Promise<void> {
    const exp = new TemplateExpander(this.tmpl, getTemplateData(ctx, this.tmpl, alerts));
    const from = await exp.text(this.conf.from);
    if (exp.error() !== undefined) throw new NotifyError(`execute 'from' template: ${errorText(exp.error())}`, false);
    const to = await exp.text(this.conf.to);
    if (exp.error() !== undefined) throw new NotifyError(`execute 'to' template: ${errorText(exp.error())}`, false);
    const fromAddrs = parseAddresses(from, 'from');
    if (fromAddrs.length !== 1) throw new NotifyError(`must be exactly one 'from' address (got: ${fromAddrs.length})`, false);
    await this.step(client.mail(fromAddrs[0] ?? ''), 'send MAIL command');
    for (const addr of parseAddresses(to, 'to')) await this.step(client.rcpt(addr), 'send RCPT command');
    // Rendered before DATA (upstream renders after it, and a failing template there still
    // ends the DATA with an empty message).
    const message = await this.buildMessage(ctx, exp);
    await this.step(client.data(), 'send DATA command');
    await this.step(client.sendData(message), 'delivery failure');
  }

  /** The headers and the multipart body. */
  private async buildMessage(ctx: NotifyContext, exp: TemplateExpander): Promise<Buffer> {
    let head = '';
    for (const name of Object.keys(this.headers).sort()) {
      const value = await this.render(() => this.tmpl.executeTextString(this.headers[name] ?? '', exp.data), `execute ${goQuote(name)} header template`);
      head += `${name}: ${qEncodeHeader(value)}\r\n`;
    }
    const now = this.now();
    if (!('Message-Id' in this.headers)) {
      const nanos = BigInt(Math.trunc(now)) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
      head += `Message-Id: <${nanos}.${randomUint64()}@${this.hostname}>\r\n`;
    }
    if (this.conf.threading.enabled) {
      const threadBy = this.conf.threading.thread_by_date !== 'none' ? localDate(now) : '';
      const root = `<alert-${hashGroupKey(ctx.groupKey).slice(0, 16)}-${threadBy}@alertmanager>`;
      head += `References: ${root}\r\nIn-Reply-To: ${root}\r\n`;
    }
    const boundary = randomBoundary();
    head += `Date: ${formatRFC1123Z(now)}\r\n`;
    head += `Content-Type: multipart/alternative;  boundary=${boundary}\r\n`;
    head += 'MIME-Version: 1.0\r\n\r\n';
    const parts = [];
    if (this.conf.text !== '') {
      const body = await this.render(() => this.tmpl.executeTextString(this.conf.text, exp.data), 'execute text template');
      parts.push({ headers: { 'Content-Transfer-Encoding': 'quoted-printable', 'Content-Type': 'text/plain; charset=UTF-8' }, body: quotedPrintable(Buffer.from(body, 'utf8')) });
    }
    if (this.conf.html !== '') {
      const body = await this.render(() => this.tmpl.executeHTMLString(this.conf.html, exp.data), 'execute html template');
      parts.push({ headers: { 'Content-Transfer-Encoding': 'quoted-printable', 'Content-Type': 'text/html; charset=UTF-8' }, body: quotedPrintable(Buffer.from(body, 'utf8')) });
    }
    return Buffer.concat([Buffer.from(head, 'utf8'), multipartBody(boundary, parts)]);
  }

  private async render(f: () => Promise<string>, what: string): Promise<string> {
    try {
      return await f();
    } catch (e) {
      throw new NotifyError(`${what}: ${errorText(e)}`, false);
    }
  }
}

function parseAddresses(list: string, field: 'from' | 'to'): string[] {
  try {
    return parseAddressList(list).map((a) => a.address);
  } catch (e) {
    if (e instanceof MailAddressError) throw new NotifyError(`parse '${field}' addresses: ${e.message}`, false);
    throw e;
  }
}

function safeHostname(): string {
  try {
    return hostname();
  } catch {
    return 'localhost.localdomain';
  }
}
