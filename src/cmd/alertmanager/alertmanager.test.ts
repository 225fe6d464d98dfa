import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Logger } from '../../log/index.js';
import { AlertmanagerProcess, StartupError } from './alertmanager.js';
import { parseAlertmanagerFlags } from './flags.js';

const GOOD = 'route:\n  receiver: r\n  group_wait: 50ms\nreceivers:\n  - name: r\n  - name: unused\n';

function setup(config: string, extra: string[] = []): { dir: string; am: AlertmanagerProcess; lines: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-am-proc-'));
  fs.writeFileSync(path.join(dir, 'am.yml'), config);
  const flags = parseAlertmanagerFlags([
    `--config.file=${path.join(dir, 'am.yml')}`,
    `--storage.path=${path.join(dir, 'data')}`,
    '--web.listen-address=127.0.0.1:0',
    ...extra,
  ]);
  const lines: string[] = [];
  const logger = Logger.create({ sink: (l) => lines.push(l) });
  return { dir, am: new AlertmanagerProcess(flags, logger), lines };
}

function metricValue(body: string, name: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

test('starts, serves, reloads (keeping the old config on error) and stops with snapshots written', async (t) => {
  const { dir, am, lines } = setup(GOOD);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  await am.start();
  try {
    const base = `http://${am.addresses[0] as string}`;
    assert.equal(await (await fetch(`${base}/-/healthy`)).text(), 'OK');
    let m = await (await fetch(`${base}/metrics`)).text();
    assert.equal(metricValue(m, 'alertmanager_config_last_reload_successful'), 1);
    assert.equal(metricValue(m, 'alertmanager_receivers'), 1);
    assert.equal(metricValue(m, 'alertmanager_cluster_enabled'), 0);
    assert.ok(lines.some((l) => l.includes('skipping creation of receiver not referenced by any route') && l.includes('receiver=unused')));
    assert.ok(lines.some((l) => l.includes('Completed loading of configuration file')));
    const hash = metricValue(m, 'alertmanager_config_hash');

    fs.writeFileSync(path.join(dir, 'am.yml'), 'route: {}\n');
    const bad = await fetch(`${base}/-/reload`, { method: 'POST' });
    assert.equal(bad.status, 500);
    assert.equal(await bad.text(), 'failed to reload config: root route must specify a default receiver\n');
    m = await (await fetch(`${base}/metrics`)).text();
    assert.equal(metricValue(m, 'alertmanager_config_last_reload_successful'), 0);
    assert.equal(metricValue(m, 'alertmanager_config_hash'), hash);

    fs.writeFileSync(path.join(dir, 'am.yml'), GOOD.replace('50ms', '60ms'));
    assert.equal(await am.reload(), null);
    m = await (await fetch(`${base}/metrics`)).text();
    assert.equal(metricValue(m, 'alertmanager_config_last_reload_successful'), 1);
    assert.notEqual(metricValue(m, 'alertmanager_config_hash'), hash);
  } finally {
    await am.shutdown();
  }
  assert.equal(await am.done, 0);
  assert.ok(fs.existsSync(path.join(dir, 'data', 'silences')));
  assert.ok(fs.existsSync(path.join(dir, 'data', 'nflog')));
});

test('a config that does not load fails the start-up with exit code 1', async (t) => {
  const { dir, am } = setup('route: {}\n');
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  await assert.rejects(am.start(), (e: unknown) => e instanceof StartupError && e.code === 1 && String(e.fields['err']).includes('root route must specify a default receiver'));
});

test('an external URL with another scheme is a start-up error', () => {
  assert.throws(
    () => setup(GOOD, ['--web.external-url=ftp://x/']),
    (e: unknown) => e instanceof StartupError && String(e.fields['err']).includes(`invalid "ftp" scheme`),
  );
});

test('the external URL path becomes the route prefix', async (t) => {
  const { dir, am } = setup(GOOD, ['--web.external-url=http://am.example/sub/']);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  await am.start();
  try {
    assert.equal(am.routePrefix, '/sub');
    const base = `http://${am.addresses[0] as string}`;
    assert.equal((await fetch(`${base}/sub/-/ready`)).status, 200);
    const r = await fetch(`${base}/`, { redirect: 'manual' });
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), '/sub');
  } finally {
    await am.shutdown();
  }
});
