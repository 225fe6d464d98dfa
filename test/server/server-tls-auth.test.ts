/**
 * --web.config.file on `vigil server`: TLS with a self-signed certificate made by openssl at
 * test time and basic authentication (bcrypt) on every route, including the server scraping
 * itself over HTTPS with credentials; the web config is re-read when it changes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import bcrypt from 'bcryptjs';
import { eventually, queryVector, request, sleep, startServer, stopAll, tmpDir, type ServerProcess } from './harness.js';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
let dir: string;
let ca: string;
let srv: ServerProcess;
const admin = { user: 'admin', password: 'correct horse' };

function webConfig(users: Record<string, string>): string {
  return [
    'tls_server_config:',
    `  cert_file: ${path.join(dir, 'cert.pem')}`,
    '  key_file: key.pem',
    'http_server_config:',
    '  headers:',
    '    X-Frame-Options: deny',
    'basic_auth_users:',
    ...Object.entries(users).map(([u, h]) => `  ${u}: ${h}`),
    '',
  ].join('\n');
}

before(async () => {
  if (!hasOpenssl) return;
  dir = tmpDir();
  const r = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'],
    { cwd: dir, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  ca = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  fs.writeFileSync(path.join(dir, 'web.yml'), webConfig({ admin: bcrypt.hashSync(admin.password, 4) }));
  const config = [
    'global:',
    '  scrape_interval: 1s',
    'scrape_configs:',
    '  - job_name: self',
    '    scrape_timeout: 900ms',
    '    scheme: https',
    '    tls_config:',
    `      ca_file: ${path.join(dir, 'cert.pem')}`,
    '      server_name: localhost',
    '    basic_auth:',
    `      username: ${admin.user}`,
    `      password: ${admin.password}`,
    '    static_configs:',
    '      - targets: ["$SELF"]',
    '',
  ].join('\n');
  srv = await startServer({ config, scheme: 'https', args: [`--web.config.file=${path.join(dir, 'web.yml')}`], request: { ca, auth: admin } });
});

after(async () => {
  if (!hasOpenssl) return;
  try {
    const e = await srv.stop();
    assert.equal(e.code, 0, srv.logs());
  } finally {
    await stopAll();
  }
});

test('every route requires basic auth: 401 with WWW-Authenticate: Basic', { skip: !hasOpenssl && 'openssl missing' }, async () => {
  for (const p of ['/-/ready', '/-/healthy', '/metrics', '/api/v1/query?query=up', '/federate?match[]=up', '/no/such/page']) {
    const none = await request(`${srv.url}${p}`, { ca });
    assert.equal(none.status, 401, p);
    assert.equal(none.headers['www-authenticate'], 'Basic');
    const wrong = await request(`${srv.url}${p}`, { ca, auth: { user: 'admin', password: 'wrong' } });
    assert.equal(wrong.status, 401, p);
    const nobody = await request(`${srv.url}${p}`, { ca, auth: { user: 'nobody', password: admin.password } });
    assert.equal(nobody.status, 401, p);
  }
  const ok = await request(`${srv.url}/-/ready`, { ca, auth: admin });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers['x-frame-options'], 'deny');
});

test('TLS: the certificate verifies against its CA; plain HTTP is not served', { skip: !hasOpenssl && 'openssl missing' }, async () => {
  const r = await request(`${srv.url}/api/v1/status/buildinfo`, { ca, auth: admin });
  assert.equal(r.status, 200);
  await assert.rejects(request(`http://127.0.0.1:${srv.port}/-/ready`, { auth: admin, timeoutMs: 3000 }));
});

test('the server scrapes itself over HTTPS with basic auth', { skip: !hasOpenssl && 'openssl missing' }, async () => {
  await eventually(async () => {
    const v = await queryVector(srv.url, 'up{job="self"}', { ca, auth: admin });
    return v.length === 1 && v[0]?.value[1] === '1' ? true : null;
  }, 15_000, 'self scrape up');
});

test('repeated requests with the same credentials stay fast (bcrypt result cached)', { skip: !hasOpenssl && 'openssl missing' }, async () => {
  const start = performance.now();
  for (let i = 0; i < 30; i++) assert.equal((await request(`${srv.url}/-/healthy`, { ca, auth: admin })).status, 200);
  assert.ok(performance.now() - start < 3000);
});

test('a changed web config file applies without a restart', { skip: !hasOpenssl && 'openssl missing' }, async () => {
  const other = { user: 'ops', password: 's3cret' };
  fs.writeFileSync(path.join(dir, 'web.yml'), webConfig({ [other.user]: bcrypt.hashSync(other.password, 4) }));
  await sleep(1100);
  await eventually(async () => ((await request(`${srv.url}/-/healthy`, { ca, auth: other })).status === 200 ? true : null), 5000, 'new user accepted');
  assert.equal((await request(`${srv.url}/-/healthy`, { ca, auth: admin })).status, 401);
  // Restore the old user so the self-scrape keeps working until shutdown.
  fs.writeFileSync(path.join(dir, 'web.yml'), webConfig({ admin: bcrypt.hashSync(admin.password, 4) }));
});

test('an invalid web config file is fatal at start-up', { skip: !hasOpenssl && 'openssl missing' }, async () => {
  const bad = path.join(dir, 'bad-web.yml');
  fs.writeFileSync(bad, 'basic_auth_users:\n  admin: not-a-bcrypt-hash\n');
  const s = await startServer({ config: 'global:\n  scrape_interval: 1s\n', args: [`--web.config.file=${bad}`], waitReady: false });
  const e = await s.exited;
  assert.equal(e.code, 1, s.logs());
  assert.match(s.logs(), /level=ERROR .*msg="Unable to validate web configuration file" err=/);
});
