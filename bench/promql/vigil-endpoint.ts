/**
 * A minimal Prometheus-compatible query endpoint over Vigil's engine and an in-memory store
 * loaded with the bench data, so that Vigil pays the same HTTP + JSON costs as the reference.
 * Serves /api/v1/query_range, /api/v1/query and /-/ready on 127.0.0.1.
 *
 * As a program: `node dist/bench/promql/vigil-endpoint.js [--scale small|full] [--port N]`
 * prints `READY <url> <samples> <loadMs>` on stdout once loaded and listening.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { Engine, QueryCanceledError, QueryTimeoutError } from '../../src/promql/engine/index.js';
import { parseDuration } from '../../src/promql/parser/index.js';
import { MemoryStorage } from '../../src/storage/memory/index.js';
import type { Queryable } from '../../src/storage/index.js';
import type { Result } from '../../src/promql/engine/index.js';
import { resultDataChunks } from './api-json.js';
import { appendBenchData, dataSpec, type Scale } from './data.js';

const MAX_POINTS = 11_000;

export interface VigilEndpoint {
  readonly url: string;
  readonly samples: number;
  readonly loadMs: number;
  close(): Promise<void>;
}

class BadData extends Error {
  override name = 'BadData';
}

/** Prometheus's parseTime: float seconds or RFC 3339 -> ms. */
function parseTime(s: string | null, name: string): number {
  if (s === null || s === '') throw new BadData(`invalid parameter "${name}": cannot parse "" to a valid timestamp`);
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    const v = Number(s);
    const whole = Math.trunc(v);
    return whole * 1000 + Math.round((v - whole) * 1000);
  }
  const d = Date.parse(s);
  if (Number.isNaN(d)) throw new BadData(`invalid parameter "${name}": cannot parse ${JSON.stringify(s)} to a valid timestamp`);
  return d;
}

function parseStep(s: string | null): number {
  if (s === null || s === '') throw new BadData(`invalid parameter "step": cannot parse "" to a valid duration`);
  try {
    return parseDuration(s);
  } catch (e) {
    throw new BadData(`invalid parameter "step": ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function readParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search);
  if (req.method === 'POST') {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    for (const [k, v] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.append(k, v);
  }
  return params;
}

function sendError(res: ServerResponse, status: number, errorType: string, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ status: 'error', errorType, error: message }));
}

function sendResult(res: ServerResponse, r: Result): void {
  if (r.err !== null) {
    const [status, type] =
      r.err instanceof QueryTimeoutError ? [503, 'timeout'] : r.err instanceof QueryCanceledError ? [499, 'canceled'] : [422, 'execution'];
    sendError(res, status, type, r.err.message);
    return;
  }
  if (r.value === null) {
    sendError(res, 500, 'internal', 'no result');
    return;
  }
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.write('{"status":"success","data":');
  for (const c of resultDataChunks(r.value)) res.write(c);
  const warnings = r.warnings.all().map((a) => JSON.stringify(a.message));
  res.end(warnings.length > 0 ? `,"warnings":[${warnings.join(',')}]}` : '}');
}

async function handleQuery(engine: Engine, db: Queryable, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const p = await readParams(req, url);
  const qs = p.get('query') ?? '';
  let result: Result;
  try {
    if (url.pathname === '/api/v1/query_range') {
      const start = parseTime(p.get('start'), 'start');
      const end = parseTime(p.get('end'), 'end');
      if (end < start) throw new BadData('invalid parameter "end": end timestamp must not be before start time');
      const step = parseStep(p.get('step'));
      if (step <= 0) {
        throw new BadData('invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer');
      }
      if ((end - start) / step > MAX_POINTS) {
        throw new BadData('exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)');
      }
      const q = engine.newRangeQuery(db, qs, start, end, step);
      result = await q.exec();
      q.close();
    } else {
      const time = p.get('time');
      const ts = time === null || time === '' ? Date.now() : parseTime(time, 'time');
      const q = engine.newInstantQuery(db, qs, ts);
      result = await q.exec();
      q.close();
    }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    sendError(res, 400, 'bad_data', e instanceof BadData ? msg : `invalid parameter "query": ${msg}`);
    return;
  }
  sendResult(res, result);
}

/** Serves the query API over `db` on 127.0.0.1:port (0: any free port). */
export function serveQueryApi(db: Queryable, engine: Engine, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/-/ready' || url.pathname === '/-/healthy') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('Vigil bench endpoint is Ready.\n');
      return;
    }
    if (url.pathname !== '/api/v1/query_range' && url.pathname !== '/api/v1/query') {
      sendError(res, 404, 'not_found', 'not found');
      return;
    }
    handleQuery(engine, db, req, res, url).catch((e: unknown) => {
      if (!res.headersSent) sendError(res, 500, 'internal', e instanceof Error ? e.message : String(e));
      else res.destroy();
    });
  });
  // Keep idle connections longer than Node's 5 s default: a client that waited on a slow query
  // elsewhere must not race the server closing its socket.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

/** Loads the bench data into a fresh MemoryStorage and serves it. */
export async function startVigilEndpoint(scale: Scale, port = 0): Promise<VigilEndpoint> {
  const db = new MemoryStorage();
  const t0 = performance.now();
  const samples = await appendBenchData(db, dataSpec(scale));
  const loadMs = performance.now() - t0;
  const engine = new Engine({ maxSamples: 50_000_000, timeout: 100_000, parserOptions: { enableExperimentalFunctions: true, enableExtendedRangeSelectors: true } });
  const server = await serveQueryApi(db, engine, port);
  const addr = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    samples,
    loadMs,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function main(argv: string[]): Promise<void> {
  let scale: Scale = 'full';
  let port = 0;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--scale') scale = argv[++i] === 'small' ? 'small' : 'full';
    else if (argv[i] === '--port') port = Number(argv[++i] ?? '0');
  }
  const ep = await startVigilEndpoint(scale, port);
  process.stdout.write(`READY ${ep.url} ${ep.samples} ${Math.round(ep.loadMs)}\n`);
  // Closing the server lets the process end on its own.
  const stop = (): void => {
    void ep.close();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`vigil-endpoint: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
