/** Interop with the real Debian Alertmanager: alerts posted by the notifier are read back via its API v2. */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadConfig } from '../config/index.js';
import { Labels } from '../model/labels/index.js';
import { NotifierManager } from './index.js';

const AM_BIN = '/usr/bin/prometheus-alertmanager';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`Alertmanager not ready at ${url}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('alerts reach a real Alertmanager 0.25 and read back via /api/v2/alerts', async (t) => {
  if (!existsSync(AM_BIN)) {
    t.skip(`${AM_BIN} not installed (apt-get install prometheus-alertmanager)`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'vigil-am-'));
  const port = await freePort();
  writeFileSync(join(dir, 'am.yml'), 'route:\n  receiver: "null"\nreceivers:\n  - name: "null"\n');
  const proc: ChildProcess = spawn(
    AM_BIN,
    [`--config.file=${join(dir, 'am.yml')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', `--storage.path=${dir}`],
    { stdio: 'ignore' },
  );
  const errors: string[] = [];
  const n = new NotifierManager({
    logger: { info: () => {}, warn: () => {}, error: (msg, f) => errors.push(`${msg} ${JSON.stringify(f)}`) },
  });
  try {
    await waitReady(`http://127.0.0.1:${port}/-/ready`, 15_000);
    await n.applyConfig(
      loadConfig(`
global: {external_labels: {replica: r1}}
alerting:
  alertmanagers: [{static_configs: [{targets: ['127.0.0.1:${port}']}]}]
`),
    );
    void n.run();
    const ready = Date.now() + 10_000;
    while (n.alertmanagers().length === 0 && Date.now() < ready) await new Promise((r) => setTimeout(r, 50));
    assert.equal(n.alertmanagers().length, 1);
    const start = new Date(Date.now() - 60_000);
    n.send({
      labels: Labels.fromObject({ alertname: 'InteropTest', severity: 'page' }),
      annotations: Labels.fromObject({ summary: 'it works' }),
      startsAt: start,
      endsAt: new Date(Date.now() + 3_600_000),
      generatorURL: 'http://vigil.example/graph',
    });
    let got: unknown[] = [];
    const end = Date.now() + 10_000;
    while (got.length === 0 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      got = (await (await fetch(`http://127.0.0.1:${port}/api/v2/alerts`)).json()) as unknown[];
    }
    assert.equal(got.length, 1, errors.join('\n'));
    const a = got[0] as { labels: Record<string, string>; annotations: Record<string, string>; startsAt: string; generatorURL: string };
    assert.deepEqual(a.labels, { alertname: 'InteropTest', replica: 'r1', severity: 'page' });
    assert.deepEqual(a.annotations, { summary: 'it works' });
    assert.equal(new Date(a.startsAt).getTime(), start.getTime());
    assert.equal(a.generatorURL, 'http://vigil.example/graph');
  } finally {
    await n.stop();
    proc.kill('SIGTERM');
    await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
});
