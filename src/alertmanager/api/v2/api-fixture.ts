/**
 * Test fixture: the API v2 over the real silence store, marker, alert provider and dispatcher
 * on a loopback HTTP server, configured from an alertmanager.yml text.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { configToYaml, loadAlertmanagerConfig } from '../../config/index.js';
import { Dispatcher, newRouteFromConfig } from '../../dispatch/index.js';
import { Inhibitor, type InhibitRuleConfig } from '../../inhibit/index.js';
import { AlertMarker, Silencer, Silences } from '../../silence/index.js';
import { MemAlerts } from '../../provider/index.js';
import type { Alert } from '../../types/index.js';
import { AlertmanagerAPIv2 } from './api.js';
import type { VersionInfo } from './encode.js';

export const TEST_VERSION: VersionInfo = {
  branch: 'debian/sid',
  buildDate: '20230409-09:50:43',
  buildUser: 'team+pkg-go@tracker.debian.org',
  goVersion: 'go1.19.8',
  revision: '0.25.0-1+b4',
  version: '0.25.0',
};

/** The alertmanager.yml the recorded expectations were taken with (0.25, single node). */
export const AM_YML = `global:
  resolve_timeout: 5m
route:
  receiver: default
  group_by: [alertname]
  group_wait: 1h
  routes:
    - receiver: team-a
      matchers: [team="a"]
      continue: true
    - receiver: team-b
      matchers: [team=~"a|b"]
receivers:
  - name: default
  - name: team-a
  - name: team-b
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [alertname]
`;

export interface ApiFixture {
  url: string;
  api: AlertmanagerAPIv2;
  silences: Silences;
  marker: AlertMarker;
  alerts: MemAlerts;
  logs: string[];
  close(): Promise<void>;
}

export interface FixtureOptions {
  now?: () => number;
  uptime?: number;
  inhibitRules?: InhibitRuleConfig[];
  maxBodyBytes?: number;
}

export async function startApiFixture(yaml: string, o: FixtureOptions = {}): Promise<ApiFixture> {
  const now = o.now ?? Date.now;
  const config = loadAlertmanagerConfig(yaml);
  const marker = new AlertMarker();
  const silences = new Silences({ now });
  const alerts = new MemAlerts(marker, { now });
  const inhibitor = new Inhibitor(o.inhibitRules ?? [], { marker, now });
  const silencer = new Silencer(silences, marker);
  const logs: string[] = [];
  const logger = {
    debug: (m: string): void => void logs.push(`debug ${m}`),
    info: (m: string): void => void logs.push(`info ${m}`),
    warn: (m: string): void => void logs.push(`warn ${m}`),
    error: (m: string): void => void logs.push(`error ${m}`),
  };
  if (config.route === undefined) throw new Error('fixture config has no route');
  const route = newRouteFromConfig(config.route);
  const stage = { exec: async (_ctx: unknown, as: readonly Alert[]): Promise<readonly Alert[]> => as };
  const disp = new Dispatcher(route, alerts, stage, marker, (d) => d, logger, { now });
  const unsubscribe = alerts.subscribe((a) => inhibitor.putAlert(a));
  disp.start();
  const api = new AlertmanagerAPIv2(
    { alerts, groups: (rf, af) => disp.groups(rf, af), marker, silences, logger, versionInfo: TEST_VERSION, now, uptime: o.uptime ?? 0 },
    { maxBodyBytes: o.maxBodyBytes },
  );
  api.update({
    config,
    original: configToYaml(config),
    setAlertStatus: (labels) => {
      inhibitor.mutes(labels);
      silencer.mutes(labels);
    },
  });
  const server: Server = createServer((req, res) => {
    api.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404);
        res.end('404 page not found\n');
      }
    }, (e: unknown) => {
      res.destroy(e instanceof Error ? e : new Error(String(e)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    api, silences, marker, alerts, logs,
    async close(): Promise<void> {
      unsubscribe();
      await disp.stop();
      alerts.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with exactly the given headers (fetch would add a content type). */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  body: string | Buffer | null = null,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { method, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}
