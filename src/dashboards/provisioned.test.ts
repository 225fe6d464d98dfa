import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { sharedDir } from '../../test/shared-dir.js';
import { bundledDashboardsDir } from './handler.js';
import { adminReady, startHarness, tempDir } from './test-harness.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => v as Obj;
const KUBE = sharedDir('dashboards', 'kube-prometheus');

function dash(uid: string, title: string, extra: Obj = {}): string {
  return JSON.stringify({ uid, title, schemaVersion: 39, tags: ['p'], panels: [{ id: 1, type: 'stat', gridPos: { h: 4, w: 6, x: 0, y: 0 }, targets: [{ expr: 'up' }] }], ...extra });
}

function setup(root: string): { prov: string } {
  const prov = path.join(root, 'provisioning');
  const mine = path.join(root, 'mine');
  mkdirSync(path.join(prov, 'dashboards'), { recursive: true });
  mkdirSync(path.join(prov, 'datasources'), { recursive: true });
  mkdirSync(path.join(mine, 'team-a'), { recursive: true });
  writeFileSync(path.join(mine, 'root.json'), dash('root-dash', 'Root dashboard'));
  writeFileSync(path.join(mine, 'team-a', 'a.json'), dash('', 'Team A service'));
  writeFileSync(path.join(mine, 'team-a', 'broken.json'), '{"title": "broken", "panels": [{"gridPos": {"w": "x"}, "type": "stat"}]}');
  writeFileSync(path.join(mine, 'team-a', 'notjson.json'), '{');
  writeFileSync(
    path.join(prov, 'dashboards', 'providers.yaml'),
    `apiVersion: 1
providers:
  - name: tree
    type: file
    allowUiUpdates: true
    options:
      path: $MINE
      foldersFromFilesStructure: true
  - name: kube
    folder: Kubernetes
    folderUid: kube
    type: file
    disableDeletion: true
    options:
      path: \${KUBE}
`,
  );
  writeFileSync(
    path.join(prov, 'datasources', 'vigil.yaml'),
    `apiVersion: 1
datasources:
  - name: Prometheus
    type: prometheus
    uid: prom
    access: proxy
    url: http://127.0.0.1:9090
    isDefault: true
`,
  );
  return { prov };
}

test('provisioning from YAML: folders, kube-prometheus dashboards, data sources, bad files logged', async () => {
  const root = tempDir('provision');
  const { prov } = setup(root);
  const h = await startHarness({ provisioningDir: prov, env: { MINE: path.join(root, 'mine'), KUBE }, bundledDir: bundledDashboardsDir() });
  try {
    const errors = h.logger.errors();
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('broken.json') && e.includes('dashboard.panels[0].gridPos.w must be a number, got a string')));
    assert.ok(errors.some((e) => e.includes('notjson.json') && e.includes('invalid JSON')));

    const kubeFiles = readdirSync(KUBE).filter((f) => f.endsWith('.json'));
    const all = (await h.request('GET', '/api/search?type=dash-db&limit=5000')).body as Obj[];
    const inKube = all.filter((d) => d['folderUid'] === 'kube');
    assert.equal(inKube.length, kubeFiles.length, 'every kube-prometheus dashboard loads');
    for (const name of ['nodes.json', 'node-rsrc-use.json', 'node-cluster-rsrc-use.json', 'prometheus.json', 'alertmanager-overview.json']) assert.ok(kubeFiles.includes(name));
    const nodes = obj((await h.request('GET', '/api/dashboards/uid/7d57716318ee0dddbac5a7f451fb7753')).body);
    assert.equal(obj(nodes['meta'])['provisioned'], true);
    assert.equal(obj(nodes['meta'])['provisionedExternalId'], 'nodes.json');
    assert.equal(obj(nodes['meta'])['folderTitle'], 'Kubernetes');
    assert.equal(obj(nodes['dashboard'])['title'], 'Node Exporter / Nodes');

    const bundled = all.filter((d) => d['folderTitle'] === 'Vigil').map((d) => d['uid']).sort();
    assert.deepEqual(bundled, ['vigil-http-services', 'vigil-node-exporter', 'vigil-overview']);

    const folders = (await h.request('GET', '/api/search?type=dash-folder')).body as Obj[];
    assert.deepEqual(folders.map((f) => f['title']).sort(), ['Kubernetes', 'Vigil', 'team-a']);
    const teamA = all.find((d) => d['title'] === 'Team A service');
    assert.equal(teamA?.['folderTitle'], 'team-a');
    const rootDash = all.find((d) => d['uid'] === 'root-dash');
    assert.equal(rootDash?.['folderUid'], undefined, 'files at the root go to General');

    const ds = (await h.request('GET', '/api/datasources')).body as Obj[];
    assert.deepEqual(ds.map((d) => [d['uid'], d['name'], d['url'], d['isDefault']]), [['prom', 'Prometheus', 'http://127.0.0.1:9090', true]]);
  } finally {
    await h.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('provisioned dashboards cannot be deleted; saving needs allowUiUpdates', async () => {
  const root = tempDir('provision');
  const { prov } = setup(root);
  const h = await startHarness({ provisioningDir: prov, env: { MINE: path.join(root, 'mine'), KUBE } });
  try {
    const auth = await adminReady(h);
    const del = await h.request('DELETE', '/api/dashboards/uid/root-dash', undefined, auth);
    assert.deepEqual([del.status, del.body], [400, { message: 'provisioned dashboard cannot be deleted' }]);

    const kube = obj((await h.request('GET', '/api/dashboards/uid/7d57716318ee0dddbac5a7f451fb7753', undefined, auth)).body);
    assert.equal(obj(kube['meta'])['canSave'], false);
    const save = await h.request('POST', '/api/dashboards/db', { dashboard: { ...obj(kube['dashboard']), title: 'changed' }, folderUid: 'kube' }, auth);
    assert.deepEqual([save.status, save.body], [400, { message: 'Cannot save provisioned dashboard' }]);

    const mine = obj((await h.request('GET', '/api/dashboards/uid/root-dash', undefined, auth)).body);
    assert.equal(obj(mine['meta'])['canSave'], true);
    const upd = await h.request('POST', '/api/dashboards/db', { dashboard: { ...obj(mine['dashboard']), title: 'Root renamed' } }, auth);
    assert.equal(upd.status, 200, upd.text);
    assert.equal(obj(upd.body)['version'], 2);
    const after = obj((await h.request('GET', '/api/dashboards/uid/root-dash')).body);
    assert.equal(obj(after['dashboard'])['title'], 'Root renamed');
    assert.equal(obj(after['meta'])['provisioned'], true);

    // A change of the file wins over the UI's save.
    writeFileSync(path.join(root, 'mine', 'root.json'), dash('root-dash', 'Root from file v2'));
    await h.handler.reloadProvisioning();
    const reloaded = obj((await h.request('GET', '/api/dashboards/uid/root-dash')).body);
    assert.equal(obj(reloaded['dashboard'])['title'], 'Root from file v2');

    // Saving into a provisioned folder is allowed.
    const intoKube = await h.request('POST', '/api/dashboards/db', { dashboard: { title: 'Mine in kube', panels: [] }, folderUid: 'kube' }, auth);
    assert.equal(intoKube.status, 200, intoKube.text);
  } finally {
    await h.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a missing provisioning folder or a bad path is not fatal', async () => {
  const root = tempDir('provision');
  mkdirSync(path.join(root, 'dashboards'));
  writeFileSync(path.join(root, 'dashboards', 'x.yaml'), 'apiVersion: 1\nproviders:\n  - name: gone\n    options: { path: /nonexistent/vigil }\n');
  const h = await startHarness({ provisioningDir: root });
  try {
    assert.equal((await h.request('GET', '/api/health')).status, 200);
    assert.ok(h.logger.errors().some((e) => e.includes('/nonexistent/vigil')));
  } finally {
    await h.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('changed provisioning files are picked up without a restart', async () => {
  const root = tempDir('provision');
  const { prov } = setup(root);
  const h = await startHarness({ provisioningDir: prov, env: { MINE: path.join(root, 'mine'), KUBE: path.join(root, 'none') }, pollIntervalMs: 30 });
  try {
    writeFileSync(path.join(root, 'mine', 'new.json'), dash('new-dash', 'Added later'));
    let found = false;
    for (let i = 0; i < 100 && !found; i++) {
      await new Promise((r) => setTimeout(r, 20));
      found = (await h.request('GET', '/api/dashboards/uid/new-dash')).status === 200;
    }
    assert.ok(found, 'the new file was provisioned');
  } finally {
    await h.close();
    rmSync(root, { recursive: true, force: true });
  }
});
