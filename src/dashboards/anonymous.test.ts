import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basic, startHarness } from './test-harness.js';

const READS = [
  '/api/search',
  '/api/search?query=x&type=dash-db',
  '/api/dashboards/tags',
  '/api/dashboards/uid/nope',
  '/api/folders',
  '/api/folders/general',
  '/api/datasources',
  '/api/datasources/uid/vigil',
  '/api/datasources/name/Vigil',
  '/api/frontend/settings',
];

test('with anonymous viewing off every read answers 401 Unauthorized to visitors', async () => {
  const h = await startHarness({ anonymousViewing: false });
  try {
    for (const p of READS) {
      const r = await h.request('GET', p);
      assert.equal(r.status, 401, p);
      assert.deepEqual(r.body, { message: 'Unauthorized' }, p);
    }
    const health = await h.request('GET', '/api/health');
    assert.equal(health.status, 200);
    // Bad basic credentials are refused too (not treated as anonymous).
    assert.equal((await h.request('GET', '/api/search', undefined, basic('admin', 'wrong'))).status, 401);
  } finally {
    await h.close();
  }
});

test('with anonymous viewing off a signed-in user (basic auth or session cookie) may read', async () => {
  const h = await startHarness({ anonymousViewing: false });
  try {
    // Even before the initial password is changed: signed in is enough to view.
    const auth = basic('admin', 'admin');
    for (const p of ['/api/search', '/api/folders', '/api/datasources', '/api/datasources/uid/vigil', '/api/frontend/settings']) {
      const r = await h.request('GET', p, undefined, auth);
      assert.equal(r.status, 200, `${p}: ${r.text}`);
    }
    assert.equal((await h.request('GET', '/api/dashboards/uid/nope', undefined, auth)).status, 404);
    const settings = (await h.request('GET', '/api/frontend/settings', undefined, auth)).body as Record<string, unknown>;
    assert.equal(settings['anonymousEnabled'], false);

    const login = await h.request('POST', '/login', { user: 'admin', password: 'admin' });
    assert.equal(login.status, 200, login.text);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.match(cookie, /^grafana_session=./);
    const r = await h.request('GET', '/api/search', undefined, { Cookie: cookie });
    assert.equal(r.status, 200, r.text);
    assert.equal((await h.request('GET', '/api/search', undefined, { Cookie: 'grafana_session=bogus' })).status, 401);
  } finally {
    await h.close();
  }
});

test('anonymous viewing is on by default', async () => {
  const h = await startHarness();
  try {
    for (const p of READS) {
      const r = await h.request('GET', p);
      assert.ok(r.status === 200 || r.status === 404, `${p}: ${r.status} ${r.text}`);
    }
    const settings = (await h.request('GET', '/api/frontend/settings')).body as Record<string, unknown>;
    assert.equal(settings['anonymousEnabled'], true);
    // Writes still need an admin.
    assert.equal((await h.request('POST', '/api/dashboards/db', { dashboard: { title: 'x' } })).status, 401);
  } finally {
    await h.close();
  }
});
