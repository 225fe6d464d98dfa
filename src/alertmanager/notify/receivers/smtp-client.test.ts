import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { makeSelfSignedCert, SmtpTestServer } from '../../../../test/alerting/smtp-server.js';
import {
  MAX_REPLY_LINE_BYTES,
  SmtpClient,
  SmtpError,
  SmtpReplyError,
  dialSmtp,
  dotStuff,
  tlsErrorText,
} from './smtp-client.js';
import { cramMD5Auth, loginAuth, plainAuth } from './smtp-auth.js';

/** A server speaking a scripted conversation: each received line gets the next canned reply. */
async function scripted(greeting: string, replies: string[], onLine: (l: string) => void): Promise<{ port: number; close: () => Promise<void> }> {
  const socks: net.Socket[] = [];
  const server = net.createServer((sock) => {
    socks.push(sock);
    sock.on('error', () => undefined);
    if (greeting !== '') sock.write(greeting);
    let buf = '';
    sock.on('data', (d: Buffer) => {
      buf += d.toString('latin1');
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        onLine(buf.slice(0, i));
        buf = buf.slice(i + 2);
        const r = replies.shift();
        if (r !== undefined) sock.write(r);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of socks) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Runs `f` with the port of a scripted server and the lines it receives; closes the server afterwards. */
async function withScripted(greeting: string, replies: string[], f: (port: number, lines: string[]) => Promise<void>): Promise<void> {
  const lines: string[] = [];
  const srv = await scripted(greeting, replies, (l) => lines.push(l));
  try {
    await f(srv.port, lines);
  } finally {
    await srv.close();
  }
}

async function client(port: number, timeoutMs = 2000): Promise<SmtpClient> {
  const sock = await dialSmtp({ host: '127.0.0.1', port: String(port), implicitTLS: false, timeoutMs });
  return new SmtpClient(sock, { serverName: '127.0.0.1', tls: false, timeoutMs });
}

test('dotStuff: leading dots doubled, bare LF made CRLF, "." appended (textproto DotWriter)', () => {
  const s = (x: string): string => dotStuff(Buffer.from(x)).toString();
  assert.equal(s('a\r\n.b\r\n'), 'a\r\n..b\r\n.\r\n');
  assert.equal(s('.x\ny'), '..x\r\ny\r\n.\r\n');
  assert.equal(s(''), '.\r\n');
  assert.equal(s('end\r'), 'end\r\n.\r\n');
  assert.equal(s('a\r\n'), 'a\r\n.\r\n');
});

test('replies: multi-line joined with "\\n", extensions parsed, unexpected code as "NNN text"', async () => {
  const replies = ['250-mx\r\n250-SIZE 100\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n', '250 ok\r\n', '451-a\r\n451 b\r\n', '221 bye\r\n'];
  await withScripted('220-first\r\n220 hello\r\n', replies, async (port, lines) => {
    const c = await client(port);
    await c.greeting();
    assert.deepEqual(await c.extension('auth'), [true, 'PLAIN LOGIN']);
    assert.deepEqual(await c.extension('SIZE'), [true, '100']);
    assert.deepEqual(await c.extension('STARTTLS'), [false, '']);
    await assert.rejects(c.helloWith('late'), new SmtpError('smtp: Hello called after other methods'));
    await c.mail('a@b');
    await assert.rejects(c.rcpt('x@y'), (e: unknown) => e instanceof SmtpReplyError && e.message === '451 a\nb' && e.code === 451);
    await assert.rejects(c.rcpt('bad\r\nline'), new SmtpError('smtp: A line must not contain CR or LF'));
    await c.quit();
    assert.deepEqual(lines, ['EHLO localhost', 'MAIL FROM:<a@b> BODY=8BITMIME', 'RCPT TO:<x@y>', 'QUIT']);
  });
});

test('malformed replies and bounded lines', async () => {
  for (const [greeting, want] of [
    ['22\r\n', 'short response: 22'],
    ['2x0 hi\r\n', 'invalid response code: 2x0 hi'],
    ['220_hi\r\n', 'short response: 220_hi'],
    ['x'.repeat(MAX_REPLY_LINE_BYTES + 10), 'smtp: reply line too long'],
  ] as const) {
    await withScripted(greeting, [], async (port) => {
      const c = await client(port);
      await assert.rejects(c.greeting(), new SmtpError(want));
      c.close();
    });
  }
  const eof = net.createServer((s) => s.end());
  await new Promise<void>((r) => eof.listen(0, '127.0.0.1', () => r()));
  try {
    const c = await client((eof.address() as net.AddressInfo).port);
    await assert.rejects(c.greeting(), new SmtpError('EOF'));
    c.close();
  } finally {
    await new Promise<void>((r) => eof.close(() => r()));
  }
});

test('AUTH: a challenge that is not base64 cancels the exchange', async () => {
  await withScripted('220 hi\r\n', ['250-mx\r\n250 AUTH LOGIN\r\n', '334 !!!\r\n', '501 cancelled\r\n', '221 bye\r\n'], async (port, lines) => {
    const c = await client(port);
    await c.greeting();
    await assert.rejects(c.auth(loginAuth('u', 'p')), new SmtpError('illegal base64 data at input byte 0'));
    assert.deepEqual(lines, ['EHLO localhost', 'AUTH LOGIN', '*', 'QUIT']);
  });
});

test('mechanisms: PLAIN refuses a plain-text connection to another host; LOGIN refuses odd prompts', () => {
  const p = plainAuth('', 'u', 'p', 'mail.example.org');
  assert.throws(() => p.start({ name: 'mail.example.org', tls: false, auth: [] }), new SmtpError('unencrypted connection'));
  assert.throws(() => p.start({ name: 'other', tls: true, auth: [] }), new SmtpError('wrong host name'));
  assert.equal(p.start({ name: 'mail.example.org', tls: true, auth: [] }).initial?.toString(), '\0u\0p');
  assert.equal(plainAuth('id', 'u', 'p', 'localhost').start({ name: 'localhost', tls: false, auth: [] }).initial?.toString(), 'id\0u\0p');
  assert.throws(() => loginAuth('u', 'p').next(Buffer.from('Who are you?'), true), new SmtpError('unexpected server challenge'));
  assert.equal(loginAuth('u', 'p').next(Buffer.from('USERNAME:'), true)?.toString(), 'u');
  // RFC 2195's example.
  const cram = cramMD5Auth('tim', 'tanstaaftanstaaf');
  assert.equal(cram.next(Buffer.from('<1896.697170952@postoffice.reston.mci.net>'), true)?.toString(), 'tim b913a602c7eda7a495b4e6e7334d3890');
});

test('read timeout and aborted signal', async () => {
  await withScripted('', [], async (port) => {
    const c = await client(port, 150);
    await assert.rejects(c.greeting(), (e: unknown) => e instanceof SmtpError && /^read tcp 127\.0\.0\.1:\d+->127\.0\.0\.1:\d+: i\/o timeout$/.test(e.message));
    c.close();
    const ac = new AbortController();
    const sock = await dialSmtp({ host: '127.0.0.1', port: String(port), implicitTLS: false });
    const c2 = new SmtpClient(sock, { serverName: '127.0.0.1', tls: false, signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(c2.greeting(), new SmtpError('context canceled'));
    c2.close();
  });
});

test('TLS failures in Go 1.19 wording', async (t) => {
  const cert = makeSelfSignedCert();
  if (cert === null) return t.skip('the openssl CLI is not available to make a test certificate');
  const server = await SmtpTestServer.start({ tls: cert });
  try {
    const c = await client(server.port);
    await c.greeting();
    await assert.rejects(c.startTLS({ host: '127.0.0.1', ca: cert.cert, servername: 'mail.example.org' }), new SmtpError('x509: certificate is valid for localhost, not mail.example.org'));
    c.close();
  } finally {
    await server.close();
  }
  assert.equal(tlsErrorText(Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID', cert: { subjectaltname: 'DNS:a' } }), '10.0.0.1'), "x509: cannot validate certificate for 10.0.0.1 because it doesn't contain any IP SANs");
  assert.equal(tlsErrorText(Object.assign(new Error('x'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'h'), 'x509: certificate signed by unknown authority');
});
