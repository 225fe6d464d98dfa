/**
 * The email integration against a real SMTP server on loopback (test/alerting/smtp-server.ts).
 * The expected messages and protocol transcripts were recorded from Alertmanager 0.25 (Debian's
 * /usr/bin/prometheus-alertmanager) sending to the same fixture; the boundary, Message-Id and
 * Date differ per message and are normalised away.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as net from 'node:net';
import { parse as parseYaml } from 'yaml';
import type { EmailConfig } from '../../config/index.js';
import type { AlertmanagerTemplate } from '../../template/index.js';
import { NotifyError, type NotifyContext } from '../index.js';
import {
  makeSelfSignedCert,
  parseMessage,
  SmtpTestServer,
  type SmtpServerOptions,
  writeTempFile,
} from '../../../../test/alerting/smtp-server.js';
import { sharedDir } from '../../../../test/shared-dir.js';
import { MemoryLogger, closedPort, notifyError, receiverConfig, recordedAlerts, recordedContext, vigilTemplate } from './capture-server.js';
import { EmailNotifier, formatRFC1123Z, splitSmarthost } from './email.js';
import { NO_REFERENCE_ALERTMANAGER, runReferenceAlertmanager } from './reference-alertmanager.js';

const EMAIL_TO = 'alerts@example.com';
const EMAIL_FROM = 'alertmanager@example.com';
const CERT = makeSelfSignedCert();
const NO_TLS = CERT === null ? 'the openssl CLI is not available to make a test certificate' : false;

let tmpl: AlertmanagerTemplate;
before(async () => {
  tmpl = await vigilTemplate();
});

function emailConf(fields: Record<string, unknown>, global: Record<string, unknown> = {}): EmailConfig {
  return receiverConfig<EmailConfig>('email_configs', { to: EMAIL_TO, from: EMAIL_FROM, require_tls: false, ...fields }, global);
}

/** Sends the recorded firing group; resolves to the failure (null on success). */
function send(conf: EmailConfig, ctx: NotifyContext = recordedContext('mail'), logger = new MemoryLogger()): Promise<NotifyError | null> {
  const n = new EmailNotifier(conf, tmpl, logger, { hostname: 'vigil.test', timeoutMs: 5000 });
  return notifyError(n.notify(ctx, recordedAlerts(false)));
}

async function withServer<T>(opts: SmtpServerOptions, f: (s: SmtpTestServer) => Promise<T>): Promise<T> {
  const s = await SmtpTestServer.start(opts);
  try {
    return await f(s);
  } finally {
    await s.close();
  }
}

/** The message with boundary, Message-Id and Date taken out and the header lines sorted. */
function normalise(data: Buffer): string {
  const text = data.toString('utf8');
  const b = /boundary=([0-9a-f]{60})/.exec(text)?.[1] ?? 'none';
  const norm = text.split(b).join('BOUNDARY').replace(/^Message-Id: .*\r\n/m, '').replace(/^Date: .*\r\n/m, '');
  const head = norm.slice(0, norm.indexOf('\r\n\r\n'));
  return head.split('\r\n').sort().join('\r\n') + norm.slice(head.length);
}

const AUTH = { username: 'user', password: 'pass', secret: 'cram-secret' };

describe('messages recorded from Alertmanager 0.25', () => {
  test('custom headers, text and HTML: the same message, envelope and transcript', async () => {
    await withServer({ auth: { mechanisms: ['PLAIN', 'LOGIN'], ...AUTH }, extensions: ['8BITMIME'] }, async (s) => {
      const conf = emailConf(
        {
          smarthost: s.address,
          auth_username: 'user',
          auth_password: 'pass',
          headers: { Subject: '{{ len .Alerts }} {{ .Status }} alert(s) – ünïcödé', 'X-Group': '{{ .GroupLabels.alertname }}' },
          text:
            '{{ range .Alerts }}Alert {{ .Labels.instance }}: {{ .Annotations.summary }}\n{{ end }}.leading dot\ntrailing space \ntrailing tab\t\n= equals\n' +
            '{{ .CommonAnnotations.summary }} {{ .CommonAnnotations.summary }} {{ .CommonAnnotations.summary }} end\nünïcödé ✓\n',
          html: '<p>{{ .CommonAnnotations.summary }}</p><a href="{{ .ExternalURL }}">x</a>',
        },
      );
      assert.equal(await send(conf), null);
      const [m] = await s.waitForMessages(1);
      assert.ok(m);
      // Recorded from Alertmanager 0.25.
      assert.deepEqual(s.transcript.slice(0, 5), [
        'EHLO localhost',
        'AUTH PLAIN AHVzZXIAcGFzcw==',
        'MAIL FROM:<alertmanager@example.com> BODY=8BITMIME',
        'RCPT TO:<alerts@example.com>',
        'DATA',
      ]);
      assert.equal(m.user, 'user');
      assert.equal(normalise(m.data),
        'Content-Type: multipart/alternative;  boundary=BOUNDARY\r\nFrom: alertmanager@example.com\r\nMIME-Version: 1.0\r\n' +
        'Subject: =?utf-8?q?2_firing_alert(s)_=E2=80=93_=C3=BCn=C3=AFc=C3=B6d=C3=A9?=\r\nTo: alerts@example.com\r\nX-Group: HighLatency\r\n\r\n' +
        '--BOUNDARY\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n' +
        'Alert a:1: Latency <high> & rising\r\nAlert b:2: Latency <high> & rising\r\n.leading dot\r\ntrailing space=20\r\ntrailing tab=09\r\n' +
        '=3D equals\r\nLatency <high> & rising Latency <high> & rising Latency <high> & rising end\r\n=C3=BCn=C3=AFc=C3=B6d=C3=A9 =E2=9C=93\r\n' +
        '\r\n--BOUNDARY\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n' +
        '<p>Latency &lt;high&gt; &amp; rising</p><a href=3D"http://am.example:9093/a=\r\nm">x</a>\r\n--BOUNDARY--\r\n');
      const date = parseMessage(m.data).header('Date') ?? '';
      assert.match(date, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/);
      assert.match(parseMessage(m.data).header('Message-Id') ?? '', /^<\d+\.\d+@vigil\.test>$/);
    });
  });

  test('the defaults (email.default.subject and email.default.html): the same message', async () => {
    await withServer({ extensions: ['8BITMIME'] }, async (s) => {
      assert.equal(await send(emailConf({ smarthost: s.address })), null);
      const [m] = await s.waitForMessages(1);
      assert.ok(m);
      const parsed = parseMessage(m.data);
      assert.equal(parsed.header('Subject'), '[FIRING:2] HighLatency (page)');
      assert.equal(parsed.parts.length, 1);
      assert.match(parsed.parts[0]?.text ?? '', /<title>\[FIRING:2\] HighLatency \(page\)<\/title>/);
      // sha256 of the normalised message Alertmanager 0.25 sent for the same group.
      assert.equal(createHash('sha256').update(normalise(m.data)).digest('hex'), '9e3562296280a19a365cf8c002a56f37a3bf58bd33882f13cad18a3436d84187');
    });
  });
});

describe('authentication and STARTTLS', () => {
  const mechanisms = ['PLAIN', 'LOGIN', 'CRAM-MD5'] as const;
  for (const mech of mechanisms) {
    for (const starttls of [false, true]) {
      test(`AUTH ${mech}${starttls ? ' after STARTTLS' : ''}`, { skip: starttls ? NO_TLS : false }, async () => {
        const opts: SmtpServerOptions = { auth: { mechanisms: [mech], ...AUTH }, requireAuth: true };
        if (starttls && CERT) opts.tls = CERT;
        await withServer(opts, async (s) => {
          const conf = emailConf({
            smarthost: s.address,
            auth_username: 'user',
            auth_password: 'pass',
            auth_secret: 'cram-secret',
            require_tls: starttls,
            tls_config: { insecure_skip_verify: true },
            text: 'Text body {{ .Status }}',
            html: '<b>HTML body</b>',
            headers: { Subject: '{{ len .Alerts }} {{ .Status }} alert(s)', 'X-Extra': 'ünï' },
            to: `${EMAIL_TO}, "Second, Person" <second@example.com>`,
          });
          assert.equal(await send(conf), null);
          const [m] = await s.waitForMessages(1);
          assert.ok(m);
          assert.equal(m.user, 'user');
          assert.equal(m.mechanism, mech);
          assert.equal(m.tls, starttls);
          assert.equal(m.from, EMAIL_FROM);
          assert.deepEqual(m.to, [EMAIL_TO, 'second@example.com']);
          const p = parseMessage(m.data);
          assert.equal(p.header('Subject'), '2 firing alert(s)');
          assert.equal(p.header('To'), `${EMAIL_TO}, "Second, Person" <second@example.com>`);
          assert.equal(p.header('From'), EMAIL_FROM);
          assert.equal(p.header('X-Extra'), '=?utf-8?q?=C3=BCn=C3=AF?=');
          assert.equal(p.header('MIME-Version'), '1.0');
          assert.deepEqual(p.parts.map((x) => [x.headers, x.text]), [
            [[['Content-Transfer-Encoding', 'quoted-printable'], ['Content-Type', 'text/plain; charset=UTF-8']], 'Text body firing'],
            [[['Content-Transfer-Encoding', 'quoted-printable'], ['Content-Type', 'text/html; charset=UTF-8']], '<b>HTML body</b>'],
          ]);
          const expectStart = starttls ? ['EHLO localhost', 'STARTTLS', 'EHLO localhost'] : ['EHLO localhost'];
          assert.deepEqual(s.transcript.slice(0, expectStart.length), expectStart);
        });
      });
    }
  }

  test('the first mechanism of the server list the config can serve is used', async () => {
    await withServer({ auth: { mechanisms: ['DIGEST-MD5' as 'PLAIN', 'CRAM-MD5', 'LOGIN', 'PLAIN'], ...AUTH } }, async (s) => {
      // No auth_secret: CRAM-MD5 is passed over for LOGIN (recorded from Alertmanager 0.25).
      assert.equal(await send(emailConf({ smarthost: s.address, auth_username: 'user', auth_password: 'pass' })), null);
      assert.deepEqual(s.transcript.slice(0, 4), ['EHLO localhost', 'AUTH LOGIN', 'dXNlcg==', 'cGFzcw==']);
    });
  });

  test('no auth_username: no AUTH even when offered', async () => {
    await withServer({ auth: { mechanisms: ['PLAIN'], ...AUTH } }, async (s) => {
      const logger = new MemoryLogger();
      assert.equal(await send(emailConf({ smarthost: s.address }), recordedContext('mail'), logger), null);
      assert.ok(!s.transcript.some((l) => l.startsWith('AUTH')));
      assert.ok(logger.records.some((r) => r.msg === 'smtp_auth_username is not configured. Attempting to send email without authenticating'));
    });
  });

  test('implicit TLS (force_implicit_tls)', { skip: NO_TLS }, async () => {
    await withServer({ tls: CERT ?? undefined, implicitTLS: true, auth: { mechanisms: ['PLAIN'], ...AUTH } }, async (s) => {
      const conf = emailConf({ smarthost: s.address, force_implicit_tls: true, require_tls: true, auth_username: 'user', auth_password: 'pass', tls_config: { insecure_skip_verify: true } });
      assert.equal(await send(conf), null);
      const [m] = await s.waitForMessages(1);
      assert.equal(m?.tls, true);
      assert.ok(!s.transcript.includes('STARTTLS'));
    });
  });

  test('STARTTLS with the CA configured verifies the server certificate', { skip: NO_TLS }, async () => {
    await withServer({ tls: CERT ?? undefined }, async (s) => {
      const ca = writeTempFile('ca.pem', CERT?.cert ?? '');
      assert.equal(await send(emailConf({ smarthost: s.address, require_tls: true, tls_config: { ca_file: ca } })), null);
      assert.equal((await s.waitForMessages(1))[0]?.tls, true);
    });
  });
});

describe('failures (texts recorded from Alertmanager 0.25)', () => {
  test('require_tls without STARTTLS offered', async () => {
    await withServer({}, async (s) => {
      const err = await send(emailConf({ smarthost: s.address, require_tls: true }));
      assert.equal(err?.message, `'require_tls' is true (default) but "${s.address}" does not advertise the STARTTLS extension`);
      assert.equal(err?.retry, true);
      assert.deepEqual(s.transcript, ['EHLO localhost', 'QUIT']);
    });
  });

  test('an untrusted certificate', { skip: NO_TLS }, async () => {
    await withServer({ tls: CERT ?? undefined }, async (s) => {
      const err = await send(emailConf({ smarthost: s.address, require_tls: true }));
      assert.equal(err?.message, 'send STARTTLS command: x509: certificate signed by unknown authority');
      assert.equal(err?.retry, true);
    });
  });

  test('wrong credentials: the exchange is cancelled with "*"', async () => {
    await withServer({ auth: { mechanisms: ['PLAIN'], ...AUTH } }, async (s) => {
      const err = await send(emailConf({ smarthost: s.address, auth_username: 'user', auth_password: 'wrong' }));
      assert.equal(err?.message, '*smtp.plainAuth auth: 535 5.7.8 Authentication credentials invalid');
      assert.equal(err?.retry, true);
      assert.deepEqual(s.transcript, ['EHLO localhost', 'AUTH PLAIN AHVzZXIAd3Jvbmc=', '*', 'QUIT']);
    });
    for (const [mech, type] of [['LOGIN', '*email.loginAuth'], ['CRAM-MD5', '*smtp.cramMD5Auth']] as const) {
      await withServer({ auth: { mechanisms: [mech], ...AUTH } }, async (s) => {
        const err = await send(emailConf({ smarthost: s.address, auth_username: 'user', auth_password: 'wrong', auth_secret: 'wrong' }));
        assert.equal(err?.message, `${type} auth: 535 5.7.8 Authentication credentials invalid`);
      });
    }
  });

  test('mechanism selection errors', async () => {
    const missingFile = '/does/not/exist';
    const cases: Array<[string[], Record<string, unknown>, string]> = [
      [[], { auth_password: 'x' }, 'find auth mechanism: unknown auth mechanism: '],
      [['CRAM-MD5'], {}, 'find auth mechanism: missing secret for CRAM-MD5 auth mechanism'],
      [['PLAIN', 'LOGIN'], {}, 'find auth mechanism: missing password for PLAIN auth mechanism; missing password for LOGIN auth mechanism'],
      [['PLAIN'], { auth_password_file: missingFile }, `find auth mechanism: could not read ${missingFile}: open ${missingFile}: no such file or directory`],
      [['XOAUTH2' as 'PLAIN'], { auth_password: 'x' }, 'find auth mechanism: unknown auth mechanism: XOAUTH2'],
    ];
    for (const [mechs, fields, want] of cases) {
      await withServer({ auth: { mechanisms: mechs as ('PLAIN' | 'LOGIN' | 'CRAM-MD5')[], ...AUTH } }, async (s) => {
        const err = await send(emailConf({ smarthost: s.address, auth_username: 'user', ...fields }));
        assert.equal(err?.message, want);
        assert.equal(err?.retry, true);
      });
    }
  });

  test('password from a file', async () => {
    await withServer({ auth: { mechanisms: ['PLAIN'], ...AUTH } }, async (s) => {
      const file = writeTempFile('password', 'pass');
      assert.equal(await send(emailConf({ smarthost: s.address, auth_username: 'user', auth_password_file: file })), null);
    });
  });

  test('server replies that fail a step', async () => {
    const cases: Array<[SmtpServerOptions, string]> = [
      [{ replies: { RCPT: '550 5.1.1 no such user' } }, 'send RCPT command: 550 5.1.1 no such user'],
      [{ replies: { MAIL: '451 4.3.0 try later' } }, 'send MAIL command: 451 4.3.0 try later'],
      [{ replies: { DATA: '554 5.5.1 no valid recipients' } }, 'send DATA command: 554 5.5.1 no valid recipients'],
      [{ replies: { GREETING: '554 5.3.2 go away' } }, 'create SMTP client: 554 5.3.2 go away'],
      [{ replies: { MAIL: '550-5.7.1 first line\r\n550 5.7.1 second line' } }, 'send MAIL command: 550 5.7.1 first line\n5.7.1 second line'],
      // Alertmanager 0.25 ignores the reply to the end of DATA; newer upstream reports it.
      [{ replies: { EOM: '554 5.7.1 rejected by policy' } }, 'delivery failure: 554 5.7.1 rejected by policy'],
      [{ requireAuth: true }, 'send MAIL command: 530 5.7.0 Authentication required'],
    ];
    for (const [opts, want] of cases) {
      await withServer(opts, async (s) => {
        const err = await send(emailConf({ smarthost: s.address, hello: 'vigil.example' }));
        assert.equal(err?.message, want);
        assert.equal(err?.retry, true);
        assert.equal(s.messages.length, 0);
      });
    }
  });

  test('EHLO refused: HELO instead (as Go net/smtp)', async () => {
    await withServer({ noEhlo: true }, async (s) => {
      assert.equal(await send(emailConf({ smarthost: s.address, hello: 'vigil.example' })), null);
      assert.deepEqual(s.transcript.slice(0, 2), ['EHLO vigil.example', 'HELO vigil.example']);
      assert.equal((await s.waitForMessages(1))[0]?.helo, 'vigil.example');
    });
  });

  test('connection refused, canceled context, silent server', async () => {
    const port = await closedPort();
    const refused = await send(emailConf({ smarthost: `127.0.0.1:${port}` }));
    assert.equal(refused?.message, `establish connection to server: dial tcp 127.0.0.1:${port}: connect: connection refused`);
    assert.equal(refused?.retry, true);

    await withServer({}, async (s) => {
      const ac = new AbortController();
      ac.abort();
      const err = await send(emailConf({ smarthost: s.address }), recordedContext('mail', ac.signal));
      assert.match(err?.message ?? '', /^establish connection to server: /);
    });

    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    const sockets: net.Socket[] = [];
    silent.on('connection', (c) => sockets.push(c));
    try {
      const addr = silent.address() as net.AddressInfo;
      const n = new EmailNotifier(emailConf({ smarthost: `127.0.0.1:${addr.port}` }), tmpl, new MemoryLogger(), { timeoutMs: 200 });
      await assert.rejects(n.notify(recordedContext('mail'), recordedAlerts(false)), (e: unknown) => {
        assert.ok(e instanceof NotifyError);
        assert.match(e.message, /^create SMTP client: read tcp 127\.0\.0\.1:\d+->127\.0\.0\.1:\d+: i\/o timeout$/);
        return true;
      });
    } finally {
      for (const c of sockets) c.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});

describe("upstream's test configurations (../shared/conformance/alertmanager-notify-email)", () => {
  const dir = sharedDir('conformance', 'alertmanager-notify-email');
  const files = ['noauth.yml', 'noauth-local.yml', 'auth.yml', 'auth-local.yml'];
  const missing = existsSync(dir) ? false : `${dir} is absent`;

  for (const file of files) {
    describe(file, { skip: missing }, () => {
      let server: SmtpTestServer;
      let conf: { smarthost: string; username?: string; password?: string };
      before(async () => {
        conf = parseYaml(readFileSync(`${dir}/${file}`, 'utf8')) as typeof conf;
        const auth = conf.username !== undefined ? { mechanisms: ['PLAIN', 'LOGIN'] as ('PLAIN' | 'LOGIN')[], username: conf.username, password: conf.password ?? '' } : undefined;
        server = await SmtpTestServer.start(auth ? { auth, requireAuth: true } : {});
        // The host:port points at upstream's test servers: the fixture takes its place.
        const { port } = splitSmarthost(conf.smarthost);
        assert.ok(port !== '');
        conf.smarthost = server.address;
      });
      after(async () => server.close());

      const base = (): Record<string, unknown> => ({
        smarthost: conf.smarthost,
        html: 'HTML body',
        text: 'Text body',
        headers: { Subject: '{{ len .Alerts }} {{ .Status }} alert(s)' },
        ...(conf.username !== undefined ? { auth_username: conf.username, auth_password: conf.password } : {}),
      });

      test('an email arrives with the expected envelope and parts', async () => {
        const before = server.messages.length;
        assert.equal(await send(emailConf({ ...base(), to: `${EMAIL_TO},${EMAIL_FROM}` })), null);
        const m = server.messages[before];
        assert.ok(m);
        assert.deepEqual(m.to, [EMAIL_TO, EMAIL_FROM]);
        const p = parseMessage(m.data);
        assert.equal(p.header('Subject'), '2 firing alert(s)');
        assert.ok(p.header('Message-Id'));
        assert.deepEqual(p.parts.map((x) => x.text), ['Text body', 'HTML body']);
      });

      test('HTML-only and text-only emails', async () => {
        const before = server.messages.length;
        assert.equal(await send(emailConf({ ...base(), text: '' })), null);
        assert.equal(await send(emailConf({ ...base(), html: '' })), null);
        assert.deepEqual(server.messages.slice(before).map((m) => parseMessage(m.data).parts.map((x) => x.text)), [['HTML body'], ['Text body']]);
      });

      test('buggy inputs fail without retry and send nothing', async () => {
        const cases: Array<[Record<string, unknown>, string]> = [
          [{ from: '{{ template "invalid" }}' }, "execute 'from' template: "],
          [{ from: 'xxx' }, "parse 'from' addresses: mail: no angle-addr"],
          [{ to: '{{ template "invalid" }}' }, "execute 'to' template: "],
          [{ to: 'xxx' }, "parse 'to' addresses: mail: no angle-addr"],
          [{ headers: { subject: '{{ template "invalid" }}' } }, 'execute "Subject" header template: '],
          [{ text: '{{ template "invalid" }}' }, 'execute text template: '],
          [{ html: '{{ template "invalid" }}' }, 'execute html template: '],
          [{ from: `${EMAIL_FROM},${EMAIL_TO}` }, "must be exactly one 'from' address (got: 2)"],
        ];
        const before = server.messages.length;
        for (const [fields, prefix] of cases) {
          const err = await send(emailConf({ ...base(), ...fields }));
          assert.ok(err, JSON.stringify(fields));
          assert.ok(err.message.startsWith(prefix), `${err.message} should start with ${prefix}`);
          assert.equal(err.retry, false);
        }
        // Upstream delivers an empty message when a header or body template fails after
        // DATA; Vigil renders the message before DATA and sends none.
        assert.equal(server.messages.length, before);
      });

      if (file.startsWith('auth')) {
        test('wrong or missing credentials', async () => {
          if (conf.username === undefined) return;
          const wrong = await send(emailConf({ ...base(), auth_password: `${conf.password ?? ''}wrong` }));
          assert.equal(wrong?.message, '*smtp.plainAuth auth: 535 5.7.8 Authentication credentials invalid');
          assert.equal(wrong?.retry, true);
          const none = await send(emailConf({ ...base(), auth_username: '', auth_password: '' }));
          assert.equal(none?.message, 'send MAIL command: 530 5.7.0 Authentication required');
          assert.equal(none?.retry, true);
        });
      }
    });
  }
});

test('formatRFC1123Z and splitSmarthost', () => {
  const d = formatRFC1123Z(Date.UTC(2006, 0, 2, 15, 4, 5));
  assert.match(d, /^Mon, 02 Jan 2006 \d{2}:\d{2}:05 [+-]\d{4}$/);
  assert.deepEqual(splitSmarthost('[::1]:25'), { host: '::1', port: '25' });
  assert.deepEqual(splitSmarthost('smtp.example.org:587'), { host: 'smtp.example.org', port: '587' });
});

/** Runs Alertmanager 0.25 with one email receiver against the fixture; returns once a message arrived. */
async function alertmanagerSends(server: SmtpTestServer, email: Record<string, unknown>): Promise<void> {
  const global = { smtp_smarthost: server.address, smtp_from: EMAIL_FROM, smtp_require_tls: false };
  await runReferenceAlertmanager({ global, receiver: { name: 'mail', email_configs: [email] } }, async () => {
    await server.waitForMessages(1, 10_000);
  });
}

test('live: Vigil sends the message Alertmanager 0.25 sends (AUTH LOGIN, custom headers, text and default HTML)', { skip: NO_REFERENCE_ALERTMANAGER, timeout: 30_000 }, async () => {
  const email = {
    to: `${EMAIL_TO}, "Ops Team" <ops@example.com>`,
    auth_username: 'user',
    auth_password: 'pass',
    headers: { Subject: '[{{ .Status | toUpper }}] {{ .GroupLabels.alertname }} – {{ len .Alerts }}', 'X-Receiver': '{{ .Receiver }}' },
    text: '{{ range .Alerts }}{{ .Labels.instance }} {{ .Annotations.summary }} {{ .GeneratorURL }}\n{{ end }}',
  };
  const opts: SmtpServerOptions = { auth: { mechanisms: ['CRAM-MD5', 'LOGIN'], ...AUTH }, extensions: ['8BITMIME', 'SIZE 1000000'] };
  const fromAM = await withServer(opts, async (s) => {
    await alertmanagerSends(s, email);
    // The last message: an early flush may have sent a partial group first.
    return { m: s.messages[s.messages.length - 1], transcript: s.transcript.slice(0, 7) };
  });
  const fromVigil = await withServer(opts, async (s) => {
    const ctx = { ...recordedContext('mail'), groupKey: '{}:{alertname="HighLatency"}', routeID: '{}', now: Date.now() };
    assert.equal(await send(emailConf({ ...email, smarthost: s.address, require_tls: false }), ctx), null);
    return { m: (await s.waitForMessages(1))[0], transcript: s.transcript.slice(0, 7) };
  });
  assert.ok(fromAM.m && fromVigil.m);
  assert.deepEqual(fromVigil.transcript, fromAM.transcript);
  assert.deepEqual({ ...fromVigil.m, data: undefined }, { ...fromAM.m, data: undefined });
  assert.equal(normalise(fromVigil.m.data), normalise(fromAM.m.data));
});
