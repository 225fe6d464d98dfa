/**
 * Test fixture for the HTTP receivers: a real HTTP server on 127.0.0.1 (port 0) that records
 * every request it receives and answers with a chosen status and body, plus the common inputs
 * of the receiver tests (a NotifyContext, a two-alert group recorded against Alertmanager 0.25,
 * templates, a receiver config from alertmanager.yml text) and their common steps (a server per
 * test or per file, notifying the recorded group, asserting a recorded request).
 *
 * The literal payloads in the receiver tests were recorded from Debian's Alertmanager 0.25
 * (/usr/bin/prometheus-alertmanager --cluster.listen-address= --web.external-url=
 * http://am.example:9093/am) with receivers `defaults` and `custom` (the configs the tests
 * repeat) pointing at such a server; these alerts were POSTed to /api/v2/alerts, then posted
 * again with endsAt = RECORDED_ENDS_AT. The fixed-URL APIs (Pushover, PagerDuty v1) were
 * captured through http_config.proxy_url, the proxy terminating TLS (insecure_skip_verify).
 */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach } from 'node:test';
import { Labels } from '../../../model/labels/index.js';
import { type Receiver, loadAlertmanagerConfig } from '../../config/index.js';
import { type AlertmanagerTemplate, loadTemplates } from '../../template/index.js';
import type { Alert } from '../../types/index.js';
import { type Notifier, type NotifyContext, NotifyError, USER_AGENT } from '../index.js';

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

/** The answer a CaptureServer gives unless told otherwise. */
export const REPLY_OK = (): CaptureReply => ({ status: 200, body: 'ok' });

/** A loopback HTTP server recording requests; `reply` decides each answer (200 "ok" by default). */
export class CaptureServer {
  readonly requests: CapturedRequest[] = [];
  reply: (req: CapturedRequest) => CaptureReply = REPLY_OK;
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

  /** Resolves once `n` requests have arrived; rejects after `timeoutMs`. */
  async waitForRequests(n: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`only ${this.requests.length} requests arrived`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
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

/**
 * The default templates the recorded requests were rendered with. Vigil's own defaults render
 * byte for byte what Alertmanager 0.25's do (test/conformance/alertmanager-template*.test.ts), so
 * the expectations recorded from 0.25 are checked against them, with no reference install needed.
 */
export async function recordedTemplate(): Promise<AlertmanagerTemplate> {
  return vigilTemplate();
}

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

/** Runs `f` with a capture server of its own, closed afterwards. */
export async function withCaptureServer(f: (srv: CaptureServer) => Promise<void>): Promise<void> {
  const srv = await new CaptureServer().start();
  try {
    await f(srv);
  } finally {
    await srv.close();
  }
}

/** A capture server and Vigil's default templates shared by the tests of one file. */
export interface SharedCapture {
  readonly server: CaptureServer;
  /** Vigil's default templates with the recorded external URL (once the tests run). */
  readonly tmpl: AlertmanagerTemplate;
}

/**
 * Registers the hooks of a file sharing one capture server: started before its tests, emptied
 * of requests and set back to `reply` before each, closed after them.
 */
export function useCaptureServer(reply: CaptureServer['reply'] = REPLY_OK): SharedCapture {
  const server = new CaptureServer();
  let tmpl: AlertmanagerTemplate | undefined;
  before(async () => {
    await server.start();
    tmpl = await vigilTemplate();
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.reply = reply;
  });
  after(() => server.close());
  return {
    server,
    get tmpl(): AlertmanagerTemplate {
      if (tmpl === undefined) throw new Error('the shared capture server is used outside its tests');
      return tmpl;
    },
  };
}

/** Notifies the recorded alerts (firing, or resolved) as a flush of receiver `receiver`. */
export function notifyRecorded(n: Notifier, receiver = 'r', resolved = false): Promise<void> {
  return n.notify(recordedContext(receiver), recordedAlerts(resolved));
}

/** Notifies the recorded alerts firing, then resolved, as Alertmanager 0.25 did when recording. */
export async function notifyFiringThenResolved(n: Notifier, receiver: string): Promise<void> {
  await notifyRecorded(n, receiver, false);
  await notifyRecorded(n, receiver, true);
}

/** The NotifyError `p` rejects with, or null when it resolves (any other error rejects). */
export async function notifyError(p: Promise<unknown>): Promise<NotifyError | null> {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof NotifyError) return e;
    throw e;
  }
}

/**
 * Asserts that `r` is a POST of `body` to `url` (path and query) with Alertmanager's User-Agent,
 * the Content-Type and the other `headers` given (undefined: the header is absent).
 */
export function assertPost(
  r: CapturedRequest | undefined,
  contentType: string,
  url: string,
  body: string,
  headers: Readonly<Record<string, string | undefined>> = {},
): void {
  const want = { 'content-type': contentType, 'user-agent': USER_AGENT, ...headers };
  const got = Object.fromEntries(Object.keys(want).map((h) => [h, r?.headers[h]]));
  assert.deepEqual({ method: r?.method, url: r?.url, headers: got, body: r?.body }, { method: 'POST', url, headers: want, body });
}
