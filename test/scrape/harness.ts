/**
 * Shared pieces of the scrape end-to-end suites: HTTP targets on 127.0.0.1 (free ports), a
 * manager over in-memory storage, series dumps, and bounded polling.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Labels, Matcher, MatchType } from '../../src/model/labels/index.js';
import { isStaleNaN } from '../../src/model/value/index.js';
import { ValueType, type Queryable } from '../../src/storage/index.js';
import { MemoryStorage } from '../../src/storage/memory/index.js';
import { ScrapeManager, type ScrapeConfig, type ScrapeLogger, type TargetGroup } from '../../src/scrape/index.js';

export interface TestServer {
  port: number;
  address: string;
  requests: http.IncomingMessage[];
  close(): Promise<void>;
}

/** An HTTP server on a free loopback port. */
export async function startServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TestServer> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    address: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A text-format target whose body is produced per request. */
export function textHandler(body: () => string, contentType = 'text/plain; version=0.0.4'): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': contentType });
    res.end(body());
  };
}

export interface Sample {
  t: number;
  v: number;
}

/** Every series matching name (all if omitted) with its float samples. */
export function dump(q: Queryable, name?: string): Map<string, Sample[]> {
  const querier = q.querier(-Infinity, Infinity);
  const m = name === undefined ? new Matcher(MatchType.Regexp, '__name__', '.+') : new Matcher(MatchType.Equal, '__name__', name);
  const ss = querier.select(true, null, m);
  const out = new Map<string, Sample[]>();
  while (ss.next()) {
    const s = ss.at();
    const it = s.iterator();
    const samples: Sample[] = [];
    while (it.next() !== ValueType.None) samples.push({ t: it.atT(), v: it.atF() });
    out.set(s.labels.toString(), samples);
  }
  querier.close();
  return out;
}

/** The latest non-stale value of the series with exactly these labels. */
export function latest(q: Queryable, labels: Record<string, string>): number | undefined {
  const s = dump(q, labels['__name__']).get(Labels.fromObject(labels).toString());
  if (s === undefined) return undefined;
  for (let i = s.length - 1; i >= 0; i--) if (!isStaleNaN((s[i] as Sample).v)) return (s[i] as Sample).v;
  return undefined;
}

/** Polls cond every 20 ms until it holds or timeoutMs passes (then throws with what). */
export async function waitFor(what: string, cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const quietLogger: ScrapeLogger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

/** A recording logger. */
export function recordingLogger(): ScrapeLogger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (msg: string, f?: Readonly<Record<string, unknown>>) => lines.push(`${level} ${msg} ${JSON.stringify(f ?? {})}`);
  return { lines, info: rec('info'), warn: rec('warn'), error: rec('error'), debug: rec('debug') };
}

export function group(source: string, addresses: string[], labels: Record<string, string> = {}): TargetGroup {
  return { source, targets: addresses.map((a) => Labels.fromObject({ __address__: a })), labels: Labels.fromObject(labels) };
}

export interface Harness {
  storage: MemoryStorage;
  manager: ScrapeManager;
  /** Applies configs and target groups, and starts the manager. */
  start(configs: ScrapeConfig[], groups: Record<string, TargetGroup[]>): Promise<void>;
  stop(): Promise<void>;
}

export function harness(opts: { logger?: ScrapeLogger; staleMarkersOnStop?: boolean } = {}): Harness {
  const storage = new MemoryStorage();
  const manager = new ScrapeManager({
    appendable: storage,
    logger: opts.logger ?? quietLogger,
    skipOffset: true,
    staleMarkersOnStop: opts.staleMarkersOnStop,
  });
  return {
    storage,
    manager,
    async start(configs, groups) {
      await manager.applyConfig({ scrape_configs: configs });
      await manager.sync(new Map(Object.entries(groups)));
      await manager.run();
    },
    stop: () => manager.stop(),
  };
}

/** The single active target of a job. */
export function onlyTarget(h: Harness, job: string): import('../../src/scrape/index.js').Target {
  const ts = h.manager.targetsActive().get(job) ?? [];
  if (ts.length !== 1) throw new Error(`expected one target in ${job}, got ${ts.length}`);
  return ts[0] as import('../../src/scrape/index.js').Target;
}
