/**
 * Interop: the real Alertmanager 0.25 (Debian's /usr/bin/prometheus-alertmanager) and Vigil's
 * notifiers send the same requests for the same alerts. Alertmanager runs single-node against a
 * loopback capture server; its requests are compared with Vigil's for the same flush.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpsGenieConfig, PagerdutyConfig, SlackConfig, VictorOpsConfig, WebhookConfig } from '../../config/index.js';
import type { Notifier } from '../index.js';
import {
  CaptureServer, type CapturedRequest, MemoryLogger, closedPort, receiverConfig, recordedAlerts, recordedContext, vigilTemplate,
} from './capture-server.js';
import { OpsGenieNotifier } from './opsgenie.js';
import { PagerdutyNotifier } from './pagerduty.js';
import { SlackNotifier } from './slack.js';
import { VictorOpsNotifier } from './victorops.js';
import { WebhookNotifier } from './webhook.js';

const AM = '/usr/bin/prometheus-alertmanager';
const skip = existsSync(AM) ? false : `${AM} is absent (Debian's prometheus-alertmanager 0.25 not installed)`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(f: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await Promise.resolve().then(f).catch(() => false)) return true;
    await sleep(50);
  }
  return false;
}

/** The receiver configs, each pointing at its own path of the capture server. */
function configs(base: string): Record<string, object> {
  return {
    webhook_configs: { url: `${base}/webhook` },
    slack_configs: { api_url: `${base}/slack`, channel: '#alerts', title: '{{ .CommonLabels.alertname }} & more' },
    pagerduty_configs: { routing_key: 'rk', url: `${base}/pd`, details: { x: '{{ .Status }}' } },
    opsgenie_configs: { api_key: 'k', api_url: `${base}/og/`, tags: 'a,b' },
    victorops_configs: { api_key: 'vk', api_url: `${base}/vo/`, routing_key: 'rk' },
  };
}

async function runAlertmanager(srv: CaptureServer): Promise<CapturedRequest[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-am-interop-'));
  const port = await closedPort();
  const receiver = { name: 'defaults', ...Object.fromEntries(Object.entries(configs(srv.url)).map(([k, v]) => [k, [v]])) };
  const cfg = {
    route: { receiver: 'defaults', group_by: ['alertname'], group_wait: '50ms', group_interval: '1h', repeat_interval: '1h' },
    receivers: [receiver],
  };
  writeFileSync(join(dir, 'am.yml'), JSON.stringify(cfg));
  const am = spawn(AM, [
    `--config.file=${join(dir, 'am.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=', '--web.external-url=http://am.example:9093/am',
  ], { stdio: 'ignore' });
  try {
    const api = `http://127.0.0.1:${port}/am`;
    assert.ok(await until(async () => (await fetch(`${api}/-/ready`)).ok, 10_000), 'Alertmanager did not become ready');
    const alerts = recordedAlerts(false).map((a) => ({
      labels: a.labels.toObject(),
      annotations: a.annotations.toObject(),
      startsAt: new Date(a.startsAt).toISOString(),
      generatorURL: a.generatorURL,
    }));
    const res = await fetch(`${api}/api/v2/alerts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(alerts) });
    assert.equal(res.status, 200);
    assert.ok(await until(() => srv.requests.length >= 5, 10_000), `only ${srv.requests.length} requests arrived`);
    return [...srv.requests];
  } finally {
    am.kill('SIGKILL');
    await new Promise((r) => (am.exitCode !== null || am.signalCode !== null ? r(null) : am.once('exit', r)));
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Vigil sends what Alertmanager 0.25 sends (webhook, slack, pagerduty, opsgenie, victorops)', { skip, timeout: 30_000 }, async () => {
  const srv = await new CaptureServer().start();
  try {
    const fromAM = await runAlertmanager(srv);
    srv.requests.length = 0;
    const c = configs(srv.url);
    const tmpl = await vigilTemplate();
    const log = new MemoryLogger();
    const notifiers: Notifier[] = [
      new WebhookNotifier(receiverConfig<WebhookConfig>('webhook_configs', c['webhook_configs'] as object), tmpl, log),
      new SlackNotifier(receiverConfig<SlackConfig>('slack_configs', c['slack_configs'] as object), tmpl, log),
      new PagerdutyNotifier(receiverConfig<PagerdutyConfig>('pagerduty_configs', c['pagerduty_configs'] as object), tmpl, log),
      new OpsGenieNotifier(receiverConfig<OpsGenieConfig>('opsgenie_configs', c['opsgenie_configs'] as object), tmpl, log),
      new VictorOpsNotifier(receiverConfig<VictorOpsConfig>('victorops_configs', c['victorops_configs'] as object), tmpl, log),
    ];
    // Alertmanager's group key for route `{}` grouping by alertname.
    const ctx = { ...recordedContext('defaults'), groupKey: '{}:{alertname="HighLatency"}', routeID: '{}', now: Date.now() };
    for (const n of notifiers) await n.notify(ctx, recordedAlerts(false));
    const shape = (r: CapturedRequest): string => `${r.method} ${r.url} ${r.headers['content-type'] ?? ''} ${r.headers['user-agent'] ?? ''}\n${r.body}`;
    const byURL = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    assert.deepEqual(srv.requests.map(shape).sort(byURL), fromAM.map(shape).sort(byURL));
  } finally {
    await srv.close();
  }
});
