/**
 * End to end: the scrape HTTP client. Basic auth, authorization, OAuth 2 client credentials,
 * custom headers, TLS with a CA generated at test time by openssl (server name, insecure skip
 * verify, client certificates), an HTTP proxy, and redirects.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScrapeConfig } from '../../src/scrape/index.js';
import { group, harness, onlyTarget, startServer, waitFor } from './harness.js';

let dir = '';

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

function signed(name: string, subj: string, ext: string): void {
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj);
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`);
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-scrape-tls-'));
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=Vigil Test CA');
  signed('server', '/CN=vigil.test', 'subjectAltName=DNS:vigil.test\nextendedKeyUsage=serverAuth\n');
  signed('client', '/CN=scraper', 'extendedKeyUsage=clientAuth\n');
});

after(() => rmSync(dir, { recursive: true, force: true }));

const file = (n: string): string => join(dir, n);

async function scrapeOnce(cfg: Omit<ScrapeConfig, 'job_name'>, address: string): Promise<{ health: string; error: string }> {
  const h = harness();
  try {
    await h.start([{ job_name: 'j', scrape_interval: 1000, scrape_timeout: 800, ...cfg }], { j: [group('s', [address])] });
    await waitFor('scrape', () => onlyTarget(h, 'j').health !== 'unknown');
    const t = onlyTarget(h, 'j');
    return { health: t.health, error: t.lastError?.message ?? '' };
  } finally {
    await h.stop();
  }
}

function metrics(res: http.ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('ok 1\n');
}

test('basic auth, authorization and custom headers', async () => {
  const srv = await startServer((req, res) => {
    const a = req.headers['authorization'];
    if (a === 'Basic ' + Buffer.from('user:pa:ss').toString('base64') || (a === 'Token abc' && req.headers['x-extra'] === 'v1, v2')) metrics(res);
    else {
      res.writeHead(401, 'Unauthorized');
      res.end();
    }
  });
  try {
    assert.deepEqual(await scrapeOnce({ basic_auth: { username: 'user', password: 'pa:ss' } }, srv.address), { health: 'up', error: '' });
    const pw = file('pw');
    writeFileSync(pw, 'pa:ss\n');
    assert.deepEqual(await scrapeOnce({ basic_auth: { username: 'user', password_file: pw } }, srv.address), { health: 'up', error: '' });
    assert.deepEqual(
      await scrapeOnce({ authorization: { type: 'Token', credentials: 'abc' }, http_headers: { 'X-Extra': { values: ['v1', 'v2'] } } }, srv.address),
      { health: 'up', error: '' },
    );
    assert.deepEqual(await scrapeOnce({ basic_auth: { username: 'user', password: 'wrong' } }, srv.address), {
      health: 'down',
      error: 'server returned HTTP status 401 Unauthorized',
    });
  } finally {
    await srv.close();
  }
});

test('oauth2 client credentials: one token fetch, used as bearer', async () => {
  const tokenReqs: string[] = [];
  const tokenSrv = await startServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      tokenReqs.push(`${req.headers['authorization'] ?? ''} ${body}`);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'tok-1', token_type: 'bearer', expires_in: 3600 }));
    });
  });
  let scrapes = 0;
  const srv = await startServer((req, res) => {
    if (req.headers['authorization'] === 'Bearer tok-1') {
      scrapes++;
      metrics(res);
    } else {
      res.writeHead(403, 'Forbidden');
      res.end();
    }
  });
  const h = harness();
  try {
    await h.start(
      [
        {
          job_name: 'j',
          scrape_interval: 100,
          scrape_timeout: 90,
          oauth2: { client_id: 'id', client_secret: 'sec ret', scopes: ['a', 'b'], token_url: `http://${tokenSrv.address}/token`, endpoint_params: { aud: 'x' } },
        },
      ],
      { j: [group('s', [srv.address])] },
    );
    await waitFor('three scrapes', () => scrapes >= 3);
    assert.equal(onlyTarget(h, 'j').health, 'up');
    assert.equal(tokenReqs.length, 1);
    assert.equal(tokenReqs[0], 'Basic ' + Buffer.from('id:sec+ret').toString('base64') + ' grant_type=client_credentials&scope=a+b&aud=x');
  } finally {
    await h.stop();
    await srv.close();
    await tokenSrv.close();
  }
});

async function httpsServer(opts: https.ServerOptions): Promise<{ address: string; close(): Promise<void> }> {
  const server = https.createServer({ key: readFileSync(file('server.key')), cert: readFileSync(file('server.crt')), ...opts }, (_req, res) => metrics(res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

test('TLS: CA, server name, insecure skip verify, client certificates', async () => {
  const srv = await httpsServer({});
  const mtls = await httpsServer({ ca: readFileSync(file('ca.crt')), requestCert: true, rejectUnauthorized: true });
  try {
    const ok = { health: 'up', error: '' };
    assert.deepEqual(await scrapeOnce({ scheme: 'https', tls_config: { ca_file: file('ca.crt'), server_name: 'vigil.test' } }, srv.address), ok);
    assert.deepEqual(await scrapeOnce({ scheme: 'https', tls_config: { ca: readFileSync(file('ca.crt'), 'utf8'), server_name: 'vigil.test' } }, srv.address), ok);
    const unknown = await scrapeOnce({ scheme: 'https' }, srv.address);
    assert.equal(unknown.error, `Get "https://${srv.address}/metrics": tls: failed to verify certificate: x509: certificate signed by unknown authority`);
    const wrongName = await scrapeOnce({ scheme: 'https', tls_config: { ca_file: file('ca.crt') } }, srv.address);
    assert.match(wrongName.error, /^Get "https:\/\/127\.0\.0\.1:\d+\/metrics": tls: failed to verify certificate: x509: /);
    assert.deepEqual(await scrapeOnce({ scheme: 'https', tls_config: { insecure_skip_verify: true } }, srv.address), ok);
    const noCert = await scrapeOnce({ scheme: 'https', tls_config: { ca_file: file('ca.crt'), server_name: 'vigil.test' } }, mtls.address);
    assert.equal(noCert.health, 'down');
    assert.deepEqual(
      await scrapeOnce(
        { scheme: 'https', tls_config: { ca_file: file('ca.crt'), server_name: 'vigil.test', cert_file: file('client.crt'), key_file: file('client.key') } },
        mtls.address,
      ),
      ok,
    );
  } finally {
    await srv.close();
    await mtls.close();
  }
});

test('proxy_url and redirects', async () => {
  const target = await startServer((req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(302, 'Found', { Location: '/real' });
      res.end();
    } else metrics(res);
  });
  const proxied: string[] = [];
  const proxy = await startServer((req, res) => {
    proxied.push(req.url ?? '');
    const u = new URL(req.url ?? '');
    const fwd = http.request({ host: u.hostname, port: u.port, path: u.pathname, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.statusMessage, r.headers);
      r.pipe(res);
    });
    fwd.on('error', () => res.destroy());
    fwd.end();
  });
  try {
    assert.deepEqual(await scrapeOnce({}, target.address), { health: 'up', error: '' });
    assert.deepEqual(await scrapeOnce({ follow_redirects: false }, target.address), { health: 'down', error: 'server returned HTTP status 302 Found' });
    assert.deepEqual(await scrapeOnce({ proxy_url: `http://${proxy.address}` }, target.address), { health: 'up', error: '' });
    assert.deepEqual(proxied, [`http://${target.address}/metrics`, `http://${target.address}/real`]);
  } finally {
    await target.close();
    await proxy.close();
  }
});
