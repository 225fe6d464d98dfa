import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { expandEnv, readDashboardProviders, readDatasources } from './provisioning-config.js';
import { tempDir } from './test-harness.js';

test('environment variables expand as Grafana does', () => {
  const env = { HOST: 'vigil', PORT: '9090' };
  assert.equal(expandEnv('http://$HOST:${PORT}/x', env), 'http://vigil:9090/x');
  assert.equal(expandEnv('cost $$5 $MISSING.', env), 'cost $5 .');
});

test('dashboard providers and data sources are read; bad entries are reported, the rest used', async () => {
  const dir = tempDir('prov');
  try {
    mkdirSync(path.join(dir, 'dashboards'));
    mkdirSync(path.join(dir, 'datasources'));
    writeFileSync(
      path.join(dir, 'dashboards', 'a.yaml'),
      `apiVersion: 1
providers:
  - name: main
    folder: Infra
    type: file
    allowUiUpdates: true
    options:
      path: \${DASH_DIR}
  - name: nopath
    type: file
  - name: tree
    type: file
    options: { path: /tmp/x, foldersFromFilesStructure: true }
`,
    );
    writeFileSync(path.join(dir, 'dashboards', 'b.yml'), 'providers: [: bad');
    writeFileSync(path.join(dir, 'dashboards', 'ignored.txt'), 'not yaml');
    writeFileSync(
      path.join(dir, 'datasources', 'ds.yaml'),
      `apiVersion: 1
datasources:
  - name: Vigil
    type: prometheus
    uid: vigil-ds
    url: http://localhost:$PORT
    isDefault: true
    access: proxy
  - name: Other
    type: prometheus
    url: http://other
    isDefault: true
`,
    );
    const errors: string[] = [];
    const env = { DASH_DIR: '/srv/dash', PORT: '9090' };
    const providers = await readDashboardProviders(dir, env, (e) => errors.push(e.message));
    assert.deepEqual(
      providers.map((p) => [p.name, p.folder, p.path, p.allowUiUpdates, p.foldersFromFilesStructure]),
      [
        ['main', 'Infra', '/srv/dash', true, false],
        ['tree', '', '/tmp/x', false, true],
      ],
    );
    const ds = await readDatasources(dir, env, (e) => errors.push(e.message));
    assert.deepEqual(
      ds.map((d) => [d.name, d.uid, d.url, d.isDefault]),
      [
        ['Vigil', 'vigil-ds', 'http://localhost:9090', true],
        ['Other', '', 'http://other', false],
      ],
    );
    assert.equal(errors.length, 3, errors.join('\n'));
    assert.match(errors[0] ?? '', /provider "nopath": options.path is required/);
    assert.match(errors[1] ?? '', /b\.yml: invalid YAML/);
    assert.match(errors[2] ?? '', /Only one datasource per organization can be marked as default/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
