/**
 * Test fixture for the HTTP receivers: a real HTTP server on 127.0.0.1 (port 0) that records
 * every request it receives and answers with a chosen status and body, plus the common inputs
 * of the receiver tests (a NotifyContext, a two-alert group recorded against Alertmanager 0.25).
 *
 * The literal payloads in the receiver tests were recorded from Debian's Alertmanager 0.25
 * (/usr/bin/prometheus-alertmanager --cluster.listen-address= --web.external-url=
 * http://am.example:9093/am) with receivers `defaults` and `custom` (the configs the tests
 * repeat) pointing at such a server; these alerts were POSTed to /api/v2/alerts, then posted
 * again with endsAt = RECORDED_ENDS_AT. The fixed-URL APIs (Pushover, PagerDuty v1) were
 * captured through http_config.proxy_url, the proxy terminating TLS (insecure_skip_verify).
 */
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Labels } from '../../../model/labels/index.js';
import { type Receiver, loadAlertmanagerConfig } from '../../config/index.js';
import { type AlertmanagerTemplate, loadTemplates, readDefaultTemplates } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import type { NotifyContext } from '../index.js';

export interface CapturedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface CaptureReply {
  status: number;
  body?: string;
}

/** A loopback HTTP server recording requests; `reply` decides each answer (200 "ok" by default). */
export class CaptureServer {
  readonly requests: CapturedRequest[] = [];
  reply: (req: CapturedRequest) => CaptureReply = () => ({ status: 200, body: 'ok' });
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private waiters: Array<() => void> = [];

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const captured: CapturedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      this.requests.push(captured);
      const r = this.reply(captured);
      res.writeHead(r.status, { 'Content-Type': 'text/plain' });
      res.end(r.body ?? '');
      for (const w of this.waiters.splice(0)) w();
    });
  }
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** The group key of the recorded flushes (route `{}/{}`, group_by [alertname]). */
export const RECORDED_GROUP_KEY = '{}/{}:{alertname="HighLatency"}';
/** sha256 of RECORDED_GROUP_KEY as Alertmanager 0.25 sent it (dedup_key, alias, entity_id). */
export const RECORDED_KEY_HASH = '075ffdc73ad1b00d0b2474023574a2ec567e45b41b70d072907eb8b1e913067a';
export const RECORDED_EXTERNAL_URL = 'http://am.example:9093/am';
/** endsAt of the recorded resolved flush. */
export const RECORDED_ENDS_AT = Date.parse('2026-11-21T19:34:05.478Z');

/** The two alerts posted to Alertmanager 0.25 when recording; resolved when `resolved`. */
export function recordedAlerts(resolved: boolean): Alert[] {
  const endsAt = resolved ? RECORDED_ENDS_AT : 0;
  return [
    {
      labels: Labels.fromObject({ alertname: 'HighLatency', severity: 'page', instance: 'a:1' }),
      annotations: Labels.fromObject({ summary: 'Latency <high> & rising', description: 'p99 > 1s' }),
      startsAt: Date.parse('2026-01-01T00:00:00.123Z'),
      endsAt,
      generatorURL: 'http://prom/graph?g0.expr=up&x=<1>',
      updatedAt: 0,
      timeout: false,
    },
    {
      labels: Labels.fromObject({ alertname: 'HighLatency', severity: 'page', instance: 'b:2' }),
      annotations: Labels.fromObject({ summary: 'Latency <high> & rising' }),
      startsAt: Date.parse('2026-01-01T00:00:01Z'),
      endsAt,
      generatorURL: 'http://prom/graph',
      updatedAt: 0,
      timeout: false,
    },
  ];
}

/** A flush context for receiver `receiverName` at the recorded time. */
export function recordedContext(receiverName: string, signal: AbortSignal = new AbortController().signal): NotifyContext {
  return {
    groupKey: RECORDED_GROUP_KEY,
    routeID: '{}/{}',
    receiverName,
    groupLabels: Labels.fromObject({ alertname: 'HighLatency' }),
    now: RECORDED_ENDS_AT + 1000,
    repeatInterval: 3_600_000,
    muteTimeIntervals: [],
    activeTimeIntervals: [],
    signal,
  };
}

/** Where Debian's Alertmanager 0.25 keeps its default templates. */
export const DEBIAN_TEMPLATES_DIR = '/usr/share/prometheus/alertmanager';

/** Why the default-text tests cannot run here, or '' when they can. */
export const NO_DEBIAN_TEMPLATES = existsSync(`${DEBIAN_TEMPLATES_DIR}/default.tmpl`)
  ? ''
  : `${DEBIAN_TEMPLATES_DIR}/default.tmpl is absent (Debian's prometheus-alertmanager 0.25 not installed)`;

/**
 * Alertmanager 0.25's default templates (Debian's copy) with the recorded external URL. 0.25
 * had the Slack color inline in its config defaults (later versions, and Vigil's config, name
 * a template `slack.default.color`): it is defined here with 0.25's text.
 */
export async function recordedTemplate(): Promise<AlertmanagerTemplate> {
  let tmpl = await loadTemplates([], { defaults: readDefaultTemplates(DEBIAN_TEMPLATES_DIR) });
  tmpl = tmpl.parse('{{ define "slack.default.color" }}{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}{{ end }}', 'color.tmpl');
  tmpl.externalURL = RECORDED_EXTERNAL_URL;
  return tmpl;
}

/**
 * The first `<key>` entry of a receiver loaded from alertmanager.yml text (so that defaults and
 * global values apply as the config loader applies them). `conf` is written as YAML flow.
 */
export function receiverConfig<T>(key: keyof Receiver & `${string}_configs`, conf: object, global: object = {}): T {
  const text = `global: ${JSON.stringify(global)}\nroute: {receiver: r}\nreceivers: ${JSON.stringify([{ name: 'r', [key]: [conf] }])}\n`;
  const cfg = loadAlertmanagerConfig(text);
  const r = cfg.receivers[0] as Receiver;
  return (r[key] as readonly unknown[])[0] as T;
}

/** A logger that keeps what it is given. */
export class MemoryLogger {
  readonly records: Array<{ level: string; msg: string; fields: Record<string, unknown> }> = [];
  debug(msg: string, fields: Record<string, unknown> = {}): void {
    this.records.push({ level: 'debug', msg, fields });
  }
  info(msg: string, fields: Record<string, unknown> = {}): void {
    this.records.push({ level: 'info', msg, fields });
  }
  warn(msg: string, fields: Record<string, unknown> = {}): void {
    this.records.push({ level: 'warn', msg, fields });
  }
  error(msg: string, fields: Record<string, unknown> = {}): void {
    this.records.push({ level: 'error', msg, fields });
  }
}

/** Vigil's own default templates with the recorded external URL. */
export async function vigilTemplate(): Promise<AlertmanagerTemplate> {
  const tmpl = await loadTemplates([]);
  tmpl.externalURL = RECORDED_EXTERNAL_URL;
  return tmpl;
}
