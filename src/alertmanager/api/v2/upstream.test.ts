/**
 * Differential test against the reference: the same requests sent to Debian's Alertmanager
 * 0.25 (started here, single node, on a free loopback port) and to the API v2 over the real
 * stores; status, content type and body must be equal once clock readings and silence ids
 * are masked. Skipped when /usr/bin/prometheus-alertmanager is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMatcher } from '../../labels/index.js';
import { AM_YML, rawRequest, startApiFixture } from './api-fixture.js';
import { missingReference } from '../../../../test/skips.js';

const BIN = '/usr/bin/prometheus-alertmanager';
const skip = missingReference(BIN);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await rawRequest(url, 'GET', '/-/ready')).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const J = { 'Content-Type': 'application/json' };
const future = '2036-11-21T11:00:00Z';
/** [method, path, body]: state-building posts first, then reads and error cases. */
const CASES: [string, string, string | null][] = [
  ['POST', '/api/v2/alerts', JSON.stringify([
    { labels: { alertname: 'A', team: 'a', severity: 'critical' }, annotations: { summary: 's <b>&', empty: '' }, generatorURL: 'http://x/graph?g0.expr=up&x=<>' },
    { labels: { alertname: 'A', team: 'b', severity: 'warning', empty: '' } },
    { labels: { alertname: 'B', x: 'y"z\\\n\u2028' }, startsAt: '2026-01-01T10:00:00Z', endsAt: future },
    { labels: { alertname: 'C' }, startsAt: '2026-01-01T10:00:00Z', endsAt: '2026-01-01T11:00:00Z' },
    { labels: { alertname: 'D', team: 'a' }, endsAt: future },
  ])],
  ['POST', '/api/v2/silences', JSON.stringify({ matchers: [{ name: 'alertname', value: 'B', isRegex: false }], startsAt: '2026-01-01T00:00:00Z', endsAt: future, createdBy: 'me', comment: 'c' })],
  ['POST', '/api/v2/silences', JSON.stringify({ matchers: [{ name: 'a', value: 'y', isRegex: true }], startsAt: '2035-01-01T00:00:00Z', endsAt: future, createdBy: 'me', comment: 'p' })],
  ['GET', '/api/v2/alerts', null],
  ['GET', '/api/v2/alerts?active=false', null],
  ['GET', '/api/v2/alerts?silenced=false&inhibited=false', null],
  ['GET', '/api/v2/alerts?filter=team%3D~%22a%7Cb%22&receiver=team-b', null],
  ['GET', '/api/v2/alerts?filter=team%3D%22%22', null],
  ['GET', '/api/v2/alerts/groups', null],
  ['GET', '/api/v2/alerts/groups?receiver=team-a&inhibited=false', null],
  ['GET', '/api/v2/silences', null],
  ['GET', '/api/v2/silences?filter=alertname%3DB', null],
  ['GET', '/api/v2/receivers', null],
  ['POST', '/api/v2/alerts', '[{"labels":{"a":"x"},"annotations":{"b":[1]}}]'],
  ['POST', '/api/v2/alerts', '[{"labels":{"a":"x"},"startsAt":"2026-01-01T10:00:00.1234567"}]'],
  ['POST', '/api/v2/alerts', '[{"labels":{"a":"x"},"startsAt":"2026-01-01T1"}]'],
  ['POST', '/api/v2/alerts', '[{"Labels":{"a":"x"},"generatorURL":"/rel"}]'],
  ['POST', '/api/v2/alerts', '[{"labels":{"a":"x"},"generatorURL":"http://h:port/"}]'],
  ['POST', '/api/v2/alerts', '[{"labels":{"a":"x"}},{"labels":{"a.b":"x"},"annotations":{"c-d":""}}]'],
  ['POST', '/api/v2/alerts', '{"a":tru}'],
  ['POST', '/api/v2/silences', '{"matchers":[{"name":"a","value":"x","isRegex":false}],"startsAt":"2026-01-01T00:00:00Z","endsAt":"2036-01-01T00:00:00Z","createdBy":"me","comment":5}'],
  ['POST', '/api/v2/silences', '{"matchers":[{"isRegex":true}],"startsAt":"2026-01-01T00:00:00Z","endsAt":"2036-01-01T00:00:00Z","createdBy":"me","comment":""}'],
  ['POST', '/api/v2/silences', '{"matchers":[{"name":"a","value":"x","isRegex":false}],"startsAt":"2026-01-01T00:00:00Z","endsAt":"2036-01-01T00:00:00Z","createdBy":"me","comment":"","id":"x"}'],
  ['GET', '/api/v2/silence/6e2eeca9-06ef-467e-9286-e2823f057886', null],
  ['DELETE', '/api/v2/silence/6e2eeca9-06ef-467e-9286-e2823f057886', null],
  ['GET', '/api/v2/silence/6e2eeca9', null],
];

const mask = (s: string): string =>
  s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'TS').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'UUID');

test('API v2 answers as the running Alertmanager 0.25 does', { skip, timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-am-api-'));
  writeFileSync(join(dir, 'am.yml'), AM_YML);
  const port = await freePort();
  const proc = spawn(BIN, [
    `--config.file=${join(dir, 'am.yml')}`, `--storage.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=',
  ], { stdio: 'ignore' });
  const f = await startApiFixture(AM_YML, {
    inhibitRules: [{ sourceMatchers: [parseMatcher('severity="critical"')], targetMatchers: [parseMatcher('severity="warning"')], equal: ['alertname'] }],
  });
  try {
    const ref = `http://127.0.0.1:${port}`;
    await waitReady(ref);
    for (const [method, path, body] of CASES) {
      const headers = body === null ? {} : J;
      const [want, got] = await Promise.all([rawRequest(ref, method, path, body, headers), rawRequest(f.url, method, path, body, headers)]);
      const what = `${method} ${path} ${body ?? ''}`;
      assert.equal(got.status, want.status, what);
      assert.equal(got.headers['content-type'], want.headers['content-type'], what);
      assert.equal(mask(got.body), mask(want.body), what);
    }
  } finally {
    proc.kill('SIGTERM');
    await f.close();
    await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
});
