/**
 * Test fixture for the interop tests: the reference Alertmanager 0.25 (Debian's
 * /usr/bin/prometheus-alertmanager) run single-node on loopback with one receiver, sent the
 * recorded firing alerts, so that what it delivers can be compared with what Vigil delivers.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORDED_EXTERNAL_URL, closedPort, recordedAlerts } from './capture-server.js';

/** Where Debian installs Alertmanager 0.25. */
export const REFERENCE_ALERTMANAGER = '/usr/bin/prometheus-alertmanager';

/** Why the interop tests cannot run here (a node:test `skip`), or false when they can. */
export const NO_REFERENCE_ALERTMANAGER: string | false = existsSync(REFERENCE_ALERTMANAGER)
  ? false
  : `${REFERENCE_ALERTMANAGER} is absent (Debian's prometheus-alertmanager 0.25 not installed)`;

export interface ReferenceConfig {
  /** The receiver (its `name` and *_configs) every alert is routed to, grouped by alertname. */
  receiver: { name: string } & Record<string, unknown>;
  global?: Record<string, unknown>;
}

/** Polls `/-/ready` until Alertmanager answers, for at most 10s. */
async function waitReady(api: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await fetch(`${api}/-/ready`).then((r) => r.ok, () => false))) {
    assert.ok(Date.now() < deadline, 'Alertmanager did not become ready');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs Alertmanager 0.25 with the config (external URL RECORDED_EXTERNAL_URL), posts the recorded
 * firing alerts to it, waits for `delivered` (which rejects when they do not arrive in time) and
 * stops it.
 */
export async function runReferenceAlertmanager(conf: ReferenceConfig, delivered: () => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-am-interop-'));
  const port = await closedPort();
  const cfg = {
    global: conf.global,
    route: { receiver: conf.receiver.name, group_by: ['alertname'], group_wait: '50ms', group_interval: '1s', repeat_interval: '1h' },
    receivers: [conf.receiver],
  };
  writeFileSync(join(dir, 'am.yml'), JSON.stringify(cfg));
  const am = spawn(REFERENCE_ALERTMANAGER, [
    `--config.file=${join(dir, 'am.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=', `--web.external-url=${RECORDED_EXTERNAL_URL}`,
  ], { stdio: 'ignore' });
  try {
    const api = `http://127.0.0.1:${port}/am`;
    await waitReady(api);
    const alerts = recordedAlerts(false).map((a) => ({
      labels: a.labels.toObject(),
      annotations: a.annotations.toObject(),
      startsAt: new Date(a.startsAt).toISOString(),
      generatorURL: a.generatorURL,
    }));
    const res = await fetch(`${api}/api/v2/alerts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alerts) });
    assert.equal(res.status, 200);
    await delivered();
    // The recorded alerts started long ago, so the group flushes at once, and it may do so
    // before the second alert of the POST is in it: then the next flush (group_interval, 1s)
    // sends both. Callers compare the last notification of each integration.
    await new Promise((r) => setTimeout(r, 1_500));
  } finally {
    am.kill('SIGKILL');
    await new Promise((r) => (am.exitCode !== null || am.signalCode !== null ? r(null) : am.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
}
