import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { adminReady, startHarness, tempDir, type Harness } from './test-harness.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => v as Obj;

function sampleDashboard(extra: Obj = {}): Obj {
  return {
    title: 'Production Overview',
    tags: ['templated', 'prod'],
    schemaVersion: 39,
    panels: [{ id: 1, type: 'timeseries', title: 'up', gridPos: { h: 8, w: 12, x: 0, y: 0 }, targets: [{ expr: 'up', refId: 'A' }] }],
    ...extra,
  };
}

async function withHarness(fn: (h: Harness, auth: Record<string, string>) => Promise<void>): Promise<void> {
  const h = await startHarness();
  try {
    await fn(h, await adminReady(h));
  } finally {
    await h.close();
  }
}

test('import, get, search and delete a dashboard', () =>
  withHarness(async (h, auth) => {
    const created = await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ id: null, uid: null }), overwrite: false, message: 'first' }, auth);
    assert.equal(created.status, 200, created.text);
    const c = obj(created.body);
    assert.equal(c['status'], 'success');
    assert.equal(c['version'], 1);
    assert.equal(c['slug'], 'production-overview');
    assert.match(String(c['uid']), /^[a-z][a-z0-9]{13}$/);
    assert.equal(c['url'], `/d/${String(c['uid'])}/production-overview`);
    assert.equal(typeof c['id'], 'number');

    const got = await h.request('GET', `/api/dashboards/uid/${String(c['uid'])}`);
    assert.equal(got.status, 200);
    const g = obj(got.body);
    const meta = obj(g['meta']);
    assert.equal(obj(g['dashboard'])['title'], 'Production Overview');
    assert.equal(obj(g['dashboard'])['version'], 1);
    assert.equal(meta['slug'], 'production-overview');
    assert.equal(meta['provisioned'], false);
    assert.equal(meta['canSave'], false, 'anonymous viewers cannot save');
    assert.equal(meta['folderTitle'], 'General');
    assert.equal(meta['version'], 1);
    const asAdmin = obj(obj((await h.request('GET', `/api/dashboards/uid/${String(c['uid'])}`, undefined, auth)).body)['meta']);
    assert.equal(asAdmin['canSave'], true);

    const found = (await h.request('GET', '/api/search?query=production&type=dash-db')).body as Obj[];
    assert.equal(found.length, 1);
    assert.deepEqual(
      { uid: found[0]?.['uid'], title: found[0]?.['title'], type: found[0]?.['type'], tags: found[0]?.['tags'], isStarred: false, uri: found[0]?.['uri'] },
      { uid: c['uid'], title: 'Production Overview', type: 'dash-db', tags: ['templated', 'prod'], isStarred: false, uri: 'db/production-overview' },
    );
    assert.equal(((await h.request('GET', '/api/search?tag=prod&tag=templated')).body as Obj[]).length, 1);
    assert.equal(((await h.request('GET', '/api/search?tag=nope')).body as Obj[]).length, 0);
    assert.equal(((await h.request('GET', `/api/search?dashboardUIDs=${String(c['uid'])}`)).body as Obj[]).length, 1);
    assert.equal(((await h.request('GET', '/api/search?query=zzz')).body as Obj[]).length, 0);

    const del = await h.request('DELETE', `/api/dashboards/uid/${String(c['uid'])}`, undefined, auth);
    assert.equal(del.status, 200);
    assert.deepEqual(obj(del.body), { title: 'Production Overview', message: 'Dashboard Production Overview deleted', id: c['id'], uid: c['uid'] });
    const gone = await h.request('GET', `/api/dashboards/uid/${String(c['uid'])}`);
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.body, { message: 'Dashboard not found', status: 'not-found' });
    assert.equal((await h.request('DELETE', `/api/dashboards/uid/${String(c['uid'])}`, undefined, auth)).status, 404);
  }));

test('versions: an update needs the current version unless overwrite', () =>
  withHarness(async (h, auth) => {
    const first = obj((await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ uid: 'prod' }) }, auth)).body);
    assert.equal(first['version'], 1);
    const ok = await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ uid: 'prod', version: 1, title: 'Renamed' }) }, auth);
    assert.equal(ok.status, 200, ok.text);
    assert.equal(obj(ok.body)['version'], 2);
    assert.equal(obj(ok.body)['id'], first['id']);
    const stale = await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ uid: 'prod', version: 1 }) }, auth);
    assert.equal(stale.status, 412);
    assert.deepEqual(stale.body, { message: 'The dashboard has been changed by someone else', status: 'version-mismatch' });
    const forced = await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ uid: 'prod', version: 1 }), overwrite: true }, auth);
    assert.equal(obj(forced.body)['version'], 3);

    const dup = await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ uid: 'other' }) }, auth);
    assert.equal(dup.status, 412);
    assert.deepEqual(dup.body, { message: 'A dashboard with the same name in the folder already exists', status: 'name-exists' });

    const missing = await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ id: 999, title: 'x' }) }, auth);
    assert.equal(missing.status, 404);
    const badUid = await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ uid: 'a/b' }) }, auth);
    assert.deepEqual([badUid.status, badUid.body], [400, { message: 'uid contains illegal characters' }]);
    const longUid = await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ uid: 'x'.repeat(41) }) }, auth);
    assert.deepEqual(longUid.body, { message: 'uid too long, max 40 characters' });
    const noTitle = await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ title: ' ' }) }, auth);
    assert.deepEqual([noTitle.status, noTitle.body], [400, { message: 'Dashboard title cannot be empty', status: 'empty-name' }]);
    const noFolder = await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ title: 'y' }), folderUid: 'nope' }, auth);
    assert.deepEqual([noFolder.status, noFolder.body], [400, { message: 'folder not found' }]);
  }));

test('plugin dashboards need overwrite', () =>
  withHarness(async (h, auth) => {
    const imp = await h.request('POST', '/api/dashboards/import', { dashboard: sampleDashboard({ uid: 'plug' }), pluginId: 'my-app', overwrite: false, inputs: [] }, auth);
    assert.equal(imp.status, 200, imp.text);
    const body = obj(imp.body);
    assert.equal(body['imported'], true);
    assert.equal(body['importedUrl'], '/d/plug/production-overview');
    const upd = await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ uid: 'plug', version: 1 }) }, auth);
    assert.equal(upd.status, 412);
    assert.deepEqual(upd.body, { message: 'The dashboard belongs to plugin my-app.', status: 'plugin-dashboard' });
  }));

test('import substitutes inputs; data source inputs default to the default data source', () =>
  withHarness(async (h, auth) => {
    const exported = {
      ...sampleDashboard({ uid: 'exp' }),
      __inputs: [{ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }, { name: 'VAR_ENV', type: 'constant' }],
      panels: [{ type: 'stat', gridPos: { h: 4, w: 4, x: 0, y: 0 }, datasource: { type: 'prometheus', uid: '${DS_PROMETHEUS}' }, targets: [{ expr: 'up{env="${VAR_ENV}"}' }] }],
    };
    const r = await h.request('POST', '/api/dashboards/import', { dashboard: exported, overwrite: true, inputs: [{ name: 'VAR_ENV', type: 'constant', value: 'prod' }] }, auth);
    assert.equal(r.status, 200, r.text);
    const d = obj(obj((await h.request('GET', '/api/dashboards/uid/exp')).body)['dashboard']);
    assert.equal(d['__inputs'], undefined);
    const p = (d['panels'] as Obj[])[0] as Obj;
    assert.deepEqual(p['datasource'], { type: 'prometheus', uid: 'vigil' });
    assert.equal(((p['targets'] as Obj[])[0] as Obj)['expr'], 'up{env="prod"}');
  }));

test('malformed bodies are rejected with a message naming the fault', () =>
  withHarness(async (h, auth) => {
    const notJson = await h.request('POST', '/api/dashboards/db', '{"dashboard": ', auth);
    assert.equal(notJson.status, 400);
    assert.match(String(obj(notJson.body)['message']), /^bad request data: the request body is not valid JSON/);
    const cases: Array<[unknown, string]> = [
      [[], 'bad request data: the body must be a JSON object'],
      [{}, 'bad request data: dashboard is required'],
      [{ dashboard: 'x' }, 'dashboard must be an object, got a string'],
      [{ dashboard: { title: 't', panels: 'x' } }, 'dashboard.panels must be an array, got a string'],
      [{ dashboard: { title: 't', panels: [{ type: 'stat' }, { type: 'stat' }, { type: 'stat' }, { type: 'stat', gridPos: { w: 'wide' } }] } }, 'dashboard.panels[3].gridPos.w must be a number, got a string'],
      [{ dashboard: { title: 't', templating: { list: 'x' } } }, 'dashboard.templating.list must be an array, got a string'],
      [{ dashboard: { title: 't' }, overwrite: 'yes' }, 'bad request data: overwrite must be a boolean'],
    ];
    for (const [body, msg] of cases) {
      const r = await h.request('POST', '/api/dashboards/db', body, auth);
      assert.deepEqual([r.status, r.body], [400, { message: msg }]);
    }
    assert.equal(((await h.request('GET', '/api/search')).body as Obj[]).length, 0, 'nothing was saved');
  }));

test('dashboards persist across restarts, with atomic files only', async () => {
  const dataDir = tempDir('persist');
  const h = await startHarness({ dataDir });
  const auth = await adminReady(h);
  await h.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ uid: 'keep' }) }, auth);
  await h.close();
  const files = readdirSync(path.join(dataDir, 'dashboards', 'db'));
  assert.deepEqual(files, ['keep.json']);
  const again = await startHarness({ dataDir });
  try {
    const got = obj((await again.request('GET', '/api/dashboards/uid/keep')).body);
    assert.equal(obj(got['meta'])['version'], 1);
    const users = JSON.parse(readFileSync(path.join(dataDir, 'dashboards', 'users.json'), 'utf8')) as { users: Obj[] };
    assert.match(String(users.users[0]?.['passwordHash']), /^\$2[aby]\$10\$/);
    const next = await again.request('POST', '/api/dashboards/db', { dashboard: sampleDashboard({ uid: 'keep', version: 1 }) }, auth);
    assert.equal(obj(next.body)['version'], 2);
  } finally {
    await again.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('health, data sources and frontend settings', async () => {
  const h = await startHarness({ version: '1.2.3' });
  try {
    assert.deepEqual((await h.request('GET', '/api/health')).body, { commit: '', database: 'ok', version: '1.2.3' });
    const ds = (await h.request('GET', '/api/datasources')).body as Obj[];
    assert.equal(ds.length, 1);
    assert.deepEqual([ds[0]?.['uid'], ds[0]?.['type'], ds[0]?.['isDefault']], ['vigil', 'prometheus', true]);
    assert.equal(obj((await h.request('GET', '/api/datasources/uid/vigil')).body)['name'], 'Vigil');
    assert.equal(obj((await h.request('GET', '/api/datasources/name/Vigil')).body)['uid'], 'vigil');
    assert.deepEqual((await h.request('GET', '/api/datasources/uid/nope')).body, { message: 'Data source not found' });
    const fs = obj((await h.request('GET', '/api/frontend/settings')).body);
    assert.equal(fs['defaultDatasource'], 'Vigil');
    assert.equal(obj(obj(fs['datasources'])['Vigil'])['uid'], 'vigil');
    assert.equal((await h.request('GET', '/api/v1/query')).text, 'not mine');
    assert.equal((await h.request('GET', '/login')).text, 'not mine', 'the sign-in page is the UI');
  } finally {
    await h.close();
  }
});
