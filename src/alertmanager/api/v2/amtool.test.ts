/**
 * The real amtool 0.25 (go-swagger client, strict about JSON types) against the API v2 over
 * the real silence store, marker and alert provider.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { AM_YML, startApiFixture } from './api-fixture.js';
import { missingReference } from '../../../../test/skips.js';

const AMTOOL = '/usr/bin/amtool';
const skip = missingReference(AMTOOL);

function amtool(url: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(AMTOOL, [`--alertmanager.url=${url}`, ...args], { timeout: 15_000, env: { ...process.env, TZ: 'UTC' } }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}

test('amtool alert add and alert query work against the API', { skip }, async () => {
  const f = await startApiFixture(AM_YML);
  try {
    const add = await amtool(f.url, 'alert', 'add', 'alertname=Disk', 'team=a', '--annotation=summary=full disk');
    assert.equal(add.code, 0, add.stderr);
    const q = await amtool(f.url, 'alert', 'query');
    assert.equal(q.code, 0, q.stderr);
    const lines = q.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^Alertname\s+Starts At\s+Summary\s+State\s*$/);
    assert.match(lines[1] ?? '', /^Disk\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\s+full disk\s+active\s*$/);
    const ext = await amtool(f.url, 'alert', 'query', 'team=a', '-o', 'extended');
    assert.equal(ext.code, 0, ext.stderr);
    assert.match(ext.stdout, /alertname="Disk" team="a"\s+summary="full disk"/);
    const js = await amtool(f.url, 'alert', 'query', '-o', 'json');
    assert.equal(js.code, 0, js.stderr);
    const parsed = JSON.parse(js.stdout) as { labels: Record<string, string>; receivers: { name: string }[] }[];
    assert.deepEqual(parsed[0]?.labels, { alertname: 'Disk', team: 'a' });
    assert.deepEqual(parsed[0]?.receivers, [{ name: 'team-a' }, { name: 'team-b' }]);
  } finally {
    await f.close();
  }
});

test('amtool silence add, query and expire work against the API', { skip }, async () => {
  const f = await startApiFixture(AM_YML);
  try {
    const add = await amtool(f.url, 'silence', 'add', 'alertname=Disk', 'team=~"a|b"', '-c', 'maintenance', '-a', 'ops', '-d', '1h');
    assert.equal(add.code, 0, add.stderr);
    const id = add.stdout.trim();
    assert.match(id, /^[0-9a-f-]{36}$/);
    const q = await amtool(f.url, 'silence', 'query');
    assert.equal(q.code, 0, q.stderr);
    assert.match(q.stdout, /^ID\s+Matchers\s+Ends At\s+Created By\s+Comment\s*\n/);
    assert.match(q.stdout, new RegExp(`${id}\\s+alertname="Disk" team=~"a\\|b"\\s+\\S+ \\S+ UTC\\s+ops\\s+maintenance`));
    const quiet = await amtool(f.url, 'silence', 'query', '-q', 'alertname=Disk');
    assert.equal(quiet.stdout.trim(), id);
    const exp = await amtool(f.url, 'silence', 'expire', id);
    assert.equal(exp.code, 0, exp.stderr);
    assert.equal((await amtool(f.url, 'silence', 'query', '-q')).stdout.trim(), '');
    assert.equal((await amtool(f.url, 'silence', 'query', '-q', '--expired')).stdout.trim(), id);
    // Expiring it again succeeds, as with 0.25.
    assert.equal((await amtool(f.url, 'silence', 'expire', id)).code, 0);
    const missing = await amtool(f.url, 'silence', 'expire', '00000000-0000-0000-0000-000000000000');
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /silence not found/);
  } finally {
    await f.close();
  }
});

test('amtool config show prints the configuration from /api/v2/status', { skip }, async () => {
  const f = await startApiFixture(AM_YML);
  try {
    const res = await amtool(f.url, 'config', 'show');
    assert.equal(res.code, 0, res.stderr);
    const status = (await (await fetch(`${f.url}/api/v2/status`)).json()) as { config: { original: string } };
    assert.equal(res.stdout, `${status.config.original}\n`);
    assert.match(res.stdout, /^global:\n {2}resolve_timeout: 5m\n/);
  } finally {
    await f.close();
  }
});

// amtool 0.25 re-parses config.original strictly: configToYaml leaves out the empty fields 0.25
// does not know (global smtp_tls_config, slack_app_url, rocketchat_api_url; receivers' labels).
test('amtool config routes reads the routing tree from /api/v2/status', { skip }, async () => {
  const f = await startApiFixture(AM_YML);
  try {
    const res = await amtool(f.url, 'config', 'routes');
    assert.equal(res.code, 0, res.stderr);
    assert.equal(
      res.stdout,
      'Routing tree:\n.\n└── default-route  receiver: default\n    ├── {team="a"}  continue: true  receiver: team-a\n    └── {team=~"a|b"}  receiver: team-b\n\n',
    );
  } finally {
    await f.close();
  }
});
