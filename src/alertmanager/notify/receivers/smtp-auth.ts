/**
 * The SMTP authentication mechanisms Alertmanager uses (Go's smtp.PlainAuth and CRAMMD5Auth,
 * and Alertmanager's own LOGIN), with the checks and error texts of Go's net/smtp.
 */
import { createHmac } from 'node:crypto';
import { SmtpError } from './smtp-client.js';

/** What an auth mechanism sees of the server (Go's smtp.ServerInfo). */
export interface SmtpServerInfo {
  /** The server name the client was created with (the smarthost's host). */
  name: string;
  /** Whether the connection is TLS (implicit or after STARTTLS). */
  tls: boolean;
  /** The mechanisms the server advertised. */
  auth: readonly string[];
}

/** An SMTP authentication mechanism (Go's smtp.Auth). */
export interface SmtpAuth {
  /** Go's %T of the mechanism, which upstream puts in its error text: "*smtp.plainAuth". */
  readonly typeName: string;
  /** The mechanism name and initial response (null: none). Throws to refuse. */
  start(server: SmtpServerInfo): { mech: string; initial: Buffer | null };
  /** Answers a challenge (more = 334) or the final 235 text; null ends the exchange. */
  next(fromServer: Buffer, more: boolean): Buffer | null;
}

function isLocalhost(name: string): boolean {
  return name === 'localhost' || name === '127.0.0.1' || name === '::1';
}

/** AUTH PLAIN (Go's smtp.PlainAuth): only over TLS or to localhost, and to the named host. */
export function plainAuth(identity: string, username: string, password: string, host: string): SmtpAuth {
  return {
    typeName: '*smtp.plainAuth',
    start(server: SmtpServerInfo): { mech: string; initial: Buffer | null } {
      if (!server.tls && !isLocalhost(server.name)) throw new SmtpError('unencrypted connection');
      if (server.name !== host) throw new SmtpError('wrong host name');
      return { mech: 'PLAIN', initial: Buffer.from(`${identity}\0${username}\0${password}`, 'utf8') };
    },
    next(_fromServer: Buffer, more: boolean): Buffer | null {
      if (more) throw new SmtpError('unexpected server challenge');
      return null;
    },
  };
}

/** AUTH CRAM-MD5 (Go's smtp.CRAMMD5Auth): "user hex(hmac-md5(secret, challenge))". */
export function cramMD5Auth(username: string, secret: string): SmtpAuth {
  return {
    typeName: '*smtp.cramMD5Auth',
    start(): { mech: string; initial: Buffer | null } {
      return { mech: 'CRAM-MD5', initial: null };
    },
    next(fromServer: Buffer, more: boolean): Buffer | null {
      if (!more) return null;
      const digest = createHmac('md5', Buffer.from(secret, 'utf8')).update(fromServer).digest('hex');
      return Buffer.from(`${username} ${digest}`, 'utf8');
    },
  };
}

/** AUTH LOGIN as Alertmanager implements it: answers "Username:" and "Password:" prompts. */
export function loginAuth(username: string, password: string): SmtpAuth {
  return {
    typeName: '*email.loginAuth',
    start(): { mech: string; initial: Buffer | null } {
      return { mech: 'LOGIN', initial: Buffer.alloc(0) };
    },
    next(fromServer: Buffer, more: boolean): Buffer | null {
      if (!more) return null;
      switch (fromServer.toString('utf8').toLowerCase()) {
        case 'username:':
          return Buffer.from(username, 'utf8');
        case 'password:':
          return Buffer.from(password, 'utf8');
        default:
          throw new SmtpError('unexpected server challenge');
      }
    },
  };
}
