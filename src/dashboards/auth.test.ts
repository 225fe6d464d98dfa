import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { basic, startHarness, type Harness } from './test-harness.js';

type Obj = Record<string, unknown>;
const dash = { dashboard: { title: 'T', panels: [] } };

function sessionCookie(h: Headers): { header: string; token: string } {
  const header = h.get('set-cookie') ?? '';
  const m = /^grafana_session=([0-9a-f]*);/.exec(header);
  assert.ok(m !== null, header);
  return { header, token: m[1] as string };
}

async function login(h: Harness, user: string, password: string): Promise<{ status: number; body: unknown; cookie: string; header: string }> {
  const r = await h.request('POST', '/login', { user, password });
  if (r.status !== 200) return { status: r.status, body: r.body, cookie: '', header: '' };
  const c = sessionCookie(r.headers);
  return { status: r.status, body: r.body, cookie: `grafana_session=${c.token}`, header: c.header };
}

test('first sign-in as admin/admin must change the password before editing', async () => {
  const h = await startHarness({ routePrefix: '/vigil' });
  try {
    const first = await login(h, 'admin', 'admin');
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { message: 'Logged in', redirectUrl: '/vigil/', mustChangePassword: true });
    assert.match(first.header, /^grafana_session=[0-9a-f]{64}; Path=\/vigil; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const cookie = { Cookie: first.cookie };

    const me = await h.request('GET', '/api/user', undefined, cookie);
    assert.equal(me.status, 200);
    assert.deepEqual([(me.body as Obj)['login'], (me.body as Obj)['isGrafanaAdmin'], (me.body as Obj)['mustChangePassword']], ['admin', true, true]);

    const blocked = await h.request('POST', '/api/dashboards/db', dash, cookie);
    assert.equal(blocked.status, 403);
    assert.match(String((blocked.body as Obj)['message']), /change the default admin password/);

    const wrongOld = await h.request('PUT', '/api/user/password', { oldPassword: 'nope', newPassword: 'newpass1', confirmNew: 'newpass1' }, cookie);
    assert.deepEqual([wrongOld.status, wrongOld.body], [401, { message: 'Invalid old password' }]);
    const short = await h.request('PUT', '/api/user/password', { oldPassword: 'admin', newPassword: 'abc', confirmNew: 'abc' }, cookie);
    assert.deepEqual([short.status, short.body], [400, { message: 'New password is too short' }]);
    const mismatch = await h.request('PUT', '/api/user/password', { oldPassword: 'admin', newPassword: 'newpass1', confirmNew: 'newpass2' }, cookie);
    assert.equal(mismatch.status, 400);
    const changed = await h.request('PUT', '/api/user/password', { oldPassword: 'admin', newPassword: 'newpass1', confirmNew: 'newpass1' }, cookie);
    assert.deepEqual([changed.status, changed.body], [200, { message: 'User password changed' }]);

    const saved = await h.request('POST', '/api/dashboards/db', dash, cookie);
    assert.equal(saved.status, 200, saved.text);
    assert.equal((await login(h, 'admin', 'admin')).status, 401, 'the old password no longer works');
    const again = await login(h, 'admin', 'newpass1');
    assert.deepEqual(again.body, { message: 'Logged in', redirectUrl: '/vigil/', mustChangePassword: false });

    // Nothing secret is stored or logged in clear.
    const users = readFileSync(path.join(h.dataDir, 'dashboards', 'users.json'), 'utf8');
    const sessions = readFileSync(path.join(h.dataDir, 'dashboards', 'sessions.json'), 'utf8');
    assert.ok(!users.includes('newpass1'));
    assert.ok(!sessions.includes(first.cookie.split('=')[1] as string), 'tokens are stored hashed');
    assert.ok(!h.logger.lines.join('\n').includes('newpass1'));

    const out = await h.request('POST', '/logout', undefined, cookie);
    assert.equal(out.status, 200);
    assert.match(out.headers.get('set-cookie') ?? '', /grafana_session=; Path=\/vigil; Max-Age=0/);
    assert.equal((await h.request('GET', '/api/user', undefined, cookie)).status, 401, 'the session ended');
  } finally {
    await h.close();
  }
});

test('anonymous viewers read but cannot write; Unauthorized as Grafana', async () => {
  const h = await startHarness();
  try {
    assert.deepEqual((await h.request('GET', '/api/user')).body, { message: 'Unauthorized' });
    for (const [m, p] of [
      ['POST', '/api/dashboards/db'],
      ['POST', '/api/dashboards/import'],
      ['DELETE', '/api/dashboards/uid/x'],
    ] as const) {
      const r = await h.request(m, p, m === 'DELETE' ? undefined : dash);
      assert.deepEqual([r.status, r.body], [401, { message: 'Unauthorized' }], `${m} ${p}`);
    }
    assert.equal((await h.request('GET', '/api/search')).status, 200);
    const bad = await h.request('POST', '/login', { user: 'admin', password: 'wrong' });
    assert.deepEqual([bad.status, bad.body], [401, { message: 'Invalid username or password' }]);
    const unknown = await h.request('POST', '/login', { user: 'nobody', password: 'x' });
    assert.deepEqual([unknown.status, unknown.body], [401, { message: 'Invalid username or password' }]);
    const badBasic = await h.request('GET', '/api/user', undefined, basic('admin', 'wrong'));
    assert.equal(badBasic.status, 401);
    const garbage = await h.request('GET', '/api/user', undefined, { Cookie: 'grafana_session=deadbeef' });
    assert.equal(garbage.status, 401);
  } finally {
    await h.close();
  }
});

test('basic auth with the changed password edits; repeated failures are blocked', async () => {
  const h = await startHarness({ secureCookies: true });
  try {
    const r = await h.request('PUT', '/api/user/password', { oldPassword: 'admin', newPassword: 'pw-12345', confirmNew: 'pw-12345' }, basic('admin', 'admin'));
    assert.equal(r.status, 200);
    assert.equal((await h.request('POST', '/api/dashboards/db', dash, basic('admin', 'pw-12345'))).status, 200);
    assert.equal((await h.request('POST', '/api/dashboards/db', dash, basic('admin', 'admin'))).status, 401);
    const l = await login(h, 'admin', 'pw-12345');
    assert.match(l.header, /; Secure$/);
    for (let i = 0; i < 5; i++) await h.request('POST', '/login', { user: 'admin', password: `bad${i}` });
    const blocked = await h.request('POST', '/login', { user: 'admin', password: 'pw-12345' });
    assert.equal(blocked.status, 401);
    assert.match(String((blocked.body as Obj)['message']), /Too many consecutive incorrect login attempts/);
  } finally {
    await h.close();
  }
});

test('cookie-authenticated writes from a foreign origin are refused', async () => {
  const h = await startHarness();
  try {
    await h.request('PUT', '/api/user/password', { oldPassword: 'admin', newPassword: 'pw-12345' }, basic('admin', 'admin'));
    const l = await login(h, 'admin', 'pw-12345');
    const r = await h.request('POST', '/api/dashboards/db', dash, { Cookie: l.cookie, Origin: 'http://evil.example' });
    assert.deepEqual([r.status, r.body], [403, { message: 'origin not allowed' }]);
    const same = await h.request('POST', '/api/dashboards/db', dash, { Cookie: l.cookie, Origin: h.base });
    assert.equal(same.status, 200, same.text);
  } finally {
    await h.close();
  }
});
