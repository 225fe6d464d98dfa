/**
 * Interop: the real Alertmanager 0.25 (Debian's /usr/bin/prometheus-alertmanager) and Vigil's
 * notifiers send the same requests for the same alerts. Alertmanager runs single-node against a
 * loopback capture server; its requests are compared with Vigil's for the same flush.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OpsGenieConfig, PagerdutyConfig, SlackConfig, VictorOpsConfig, WebhookConfig } from '../../config/index.js';
import type { Notifier } from '../index.js';
import {
  CaptureServer, type CapturedRequest, MemoryLogger, receiverConfig, recordedAlerts, recordedContext, vigilTemplate, withCaptureServer,
} from './capture-server.js';
import { OpsGenieNotifier } from './opsgenie.js';
import { PagerdutyNotifier } from './pagerduty.js';
import { NO_REFERENCE_ALERTMANAGER, runReferenceAlertmanager } from './reference-alertmanager.js';
import { SlackNotifier } from './slack.js';
import { VictorOpsNotifier } from './victorops.js';
import { WebhookNotifier } from './webhook.js';

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
  const receiver = { name: 'defaults', ...Object.fromEntries(Object.entries(configs(srv.url)).map(([k, v]) => [k, [v]])) };
  await runReferenceAlertmanager({ receiver }, () => srv.waitForRequests(5, 10_000));
  // The last request of each integration (an early flush may have sent a partial group first).
  const last = new Map<string, CapturedRequest>();
  for (const r of srv.requests) last.set(r.url, r);
  return [...last.values()];
}

test('Vigil sends what Alertmanager 0.25 sends (webhook, slack, pagerduty, opsgenie, victorops)', { skip: NO_REFERENCE_ALERTMANAGER, timeout: 30_000 }, async () => {
  await withCaptureServer(async (srv) => {
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
  });
});
