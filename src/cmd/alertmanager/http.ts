/**
 * The Alertmanager's HTTP routes (ui/web.go and api/api.go Register): /metrics, /-/healthy,
 * /-/ready, POST /-/reload, the browser app at / (its pages are #/ hash routes, as upstream's UI)
 * with its asset files, and /api/v2/ handed to the API handler behind
 * the GET concurrency limit and the --web.timeout; everything under the route prefix, with "/"
 * redirecting to the prefix when it is not the root.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { availableParallelism } from 'node:os';
import { formatGoDuration } from '../../alertmanager/config/index.js';
import { TEXT_CONTENT_TYPE, type Counter, type Gauge, type Histogram, type Registry } from '../../instrument/index.js';
import type { StructuredLogger } from '../../log/index.js';
import { vigilVersion } from '../../version/index.js';
import { createUiHandler, type UiHandler } from '../../web/ui/index.js';

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface AlertmanagerHttpOptions {
  /** "/" or "/prefix" (no trailing slash). */
  routePrefix: string;
  registry: Registry;
  /** Reloads the configuration; resolves to the error text or null. */
  reload: () => Promise<string | null>;
  /** The API v2 handler; it sees paths starting with /api/v2/ (the prefix stripped). */
  apiV2: () => HttpHandler | null;
  /** --web.get-concurrency (<= 0: max(CPUs, 8)). */
  getConcurrency: number;
  /** --web.timeout in ms (<= 0: none). */
  timeout: number;
  logger: StructuredLogger;
  /** The browser app (default: ui/dist in 'alertmanager' mode under the route prefix). */
  ui?: UiHandler;
}

/** http.Error: a plain-text body with a trailing newline. */
function httpError(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(text + '\n');
}

function plain(res: ServerResponse, status: number, body: string, head: boolean): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(head ? undefined : body);
}

interface Route {
  /** The handler label (default: the path). */
  name?: string;
  methods: readonly string[];
  handle: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

interface HttpMetrics {
  duration: Histogram;
  size: Histogram;
  inFlight: Gauge;
  limitExceeded: Counter;
}

function registerHttpMetrics(r: Registry): HttpMetrics {
  const m: HttpMetrics = {
    duration: r.histogram({
      name: 'alertmanager_http_request_duration_seconds',
      help: 'Histogram of latencies for HTTP requests.',
      labelNames: ['handler', 'method'],
      buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 1, 2, 5, 20, 60],
    }),
    size: r.histogram({
      name: 'alertmanager_http_response_size_bytes',
      help: 'Histogram of response size for HTTP requests.',
      labelNames: ['handler', 'method'],
      buckets: [100, 1000, 10000, 100000, 1e6, 1e7, 1e8],
    }),
    inFlight: r.gauge({ name: 'alertmanager_http_requests_in_flight', help: 'Current number of HTTP requests being processed.', labelNames: ['method'] }),
    limitExceeded: r.counter({
      name: 'alertmanager_http_concurrency_limit_exceeded_total',
      help: 'Total number of times an HTTP request failed because the concurrency limit was reached.',
      labelNames: ['method'],
    }),
  };
  m.inFlight.labels('get');
  m.limitExceeded.labels('get');
  return m;
}

/** Counts response bytes for the size histogram. */
function countBytes(res: ServerResponse): () => number {
  let n = 0;
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  const add = (chunk: unknown): void => {
    if (typeof chunk === 'string') n += Buffer.byteLength(chunk);
    else if (chunk instanceof Uint8Array) n += chunk.byteLength;
  };
  res.write = ((...a: unknown[]) => {
    add(a[0]);
    return write(...a);
  }) as ServerResponse['write'];
  res.end = ((...a: unknown[]) => {
    if (typeof a[0] !== 'function') add(a[0]);
    return end(...a);
  }) as ServerResponse['end'];
  return () => n;
}

/** After a timeout answer, the handler's late writes go nowhere (http.TimeoutHandler). */
function muteResponse(res: ServerResponse): void {
  res.write = (() => true) as ServerResponse['write'];
  res.end = (() => res) as ServerResponse['end'];
  res.writeHead = (() => res) as ServerResponse['writeHead'];
  res.setHeader = (() => res) as ServerResponse['setHeader'];
}

/** The request handler of the Alertmanager process. */
export class AlertmanagerHttp {
  private readonly prefix: string;
  private readonly routes = new Map<string, Route>();
  private readonly metrics: HttpMetrics;
  private readonly maxGets: number;
  private readonly ui: UiHandler;
  private getsInFlight = 0;

  constructor(private readonly o: AlertmanagerHttpOptions) {
    this.prefix = o.routePrefix === '/' ? '' : o.routePrefix;
    this.metrics = registerHttpMetrics(o.registry);
    this.maxGets = o.getConcurrency > 0 ? o.getConcurrency : Math.max(availableParallelism(), 8);
    this.routes.set('/metrics', { methods: ['GET'], handle: (_q, res) => this.serveMetrics(res) });
    this.ui = o.ui ?? createUiHandler({ mode: 'alertmanager', prefix: this.prefix, version: vigilVersion() });
    this.routes.set('/', { methods: ['GET', 'HEAD'], handle: (q, res) => this.serveUi(q, res, '/') });
    const ok: Route = { methods: ['GET', 'HEAD'], handle: (q, res) => plain(res, 200, 'OK', q.method === 'HEAD') };
    this.routes.set('/-/healthy', ok);
    this.routes.set('/-/ready', ok);
    this.routes.set('/-/reload', { methods: ['POST'], handle: (_q, res) => this.serveReload(res) });
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.dispatch(req, res).catch((e: unknown) => {
      this.o.logger.error('HTTP handler failed', { err: e instanceof Error ? e.message : String(e) });
      httpError(res, 500, 'Internal Server Error');
    });
  };

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (this.prefix !== '' && (rawPath === '/' || rawPath === '') && (method === 'GET' || method === 'HEAD')) {
      res.writeHead(302, { Location: this.prefix, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(method === 'HEAD' ? undefined : `<a href="${this.prefix}">Found</a>.\n\n`);
      return;
    }
    if (this.prefix !== '' && rawPath !== this.prefix && !rawPath.startsWith(this.prefix + '/')) return httpError(res, 404, '404 page not found');
    const path = rawPath === this.prefix ? '/' : rawPath.slice(this.prefix.length);
    if (path.startsWith('/api/v2/')) return this.limited(res, method, () => this.serveApi(req, res));
    const route = this.routes.get(path) ?? this.uiRoute(method, path);
    if (route === undefined) return httpError(res, 404, '404 page not found');
    if (!route.methods.includes(method)) {
      res.setHeader('Allow', route.methods.join(', '));
      return httpError(res, 405, 'Method Not Allowed');
    }
    const labels = [route.name ?? path, method.toLowerCase()];
    const start = performance.now();
    const size = countBytes(res);
    res.once('finish', () => {
      this.metrics.duration.labels(...labels).observe((performance.now() - start) / 1000);
      this.metrics.size.labels(...labels).observe(size());
    });
    await this.limited(res, method, async () => route.handle(req, res));
  }

  /** api.limitHandler: at most maxGets GETs at once (503 beyond), and the --web.timeout. */
  private async limited(res: ServerResponse, method: string, run: () => Promise<void> | void): Promise<void> {
    if (method === 'GET') {
      if (this.getsInFlight >= this.maxGets) {
        this.metrics.limitExceeded.labels('get').inc();
        return httpError(res, 503, `Limit of concurrent GET requests reached (${this.maxGets}), try again later.\n`);
      }
      this.getsInFlight++;
      this.metrics.inFlight.labels('get').inc();
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const work = Promise.resolve(run());
      if (this.o.timeout <= 0) {
        await work;
        return;
      }
      const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), this.o.timeout)));
      const first = await Promise.race([work.then(() => 'done' as const), timedOut]);
      if (first === 'timeout' && !res.headersSent) {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`Exceeded configured timeout of ${formatGoDuration(this.o.timeout)}.\n`);
        muteResponse(res);
      }
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      if (method === 'GET') {
        this.getsInFlight--;
        this.metrics.inFlight.labels('get').dec();
      }
    }
  }

  private async serveApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const api = this.o.apiV2();
    if (api === null) return httpError(res, 503, 'Alertmanager is starting');
    if (this.prefix !== '') req.url = (req.url ?? '').slice(this.prefix.length);
    await api(req, res);
    if (!res.writableEnded) await new Promise<void>((r) => res.once('close', () => r()));
  }

  /** A route for a GET/HEAD of a path the app may answer (its asset files); the app passes -> 404. */
  private uiRoute(method: string, path: string): Route | undefined {
    if ((method !== 'GET' && method !== 'HEAD') || path.startsWith('/api/') || path.startsWith('/-/')) return undefined;
    return { name: path.startsWith('/assets/') ? '/assets/*path' : '/*path', methods: ['GET', 'HEAD'], handle: (q, res) => this.serveUi(q, res, path) };
  }

  private async serveUi(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (!(await this.ui(req, res, path))) httpError(res, 404, '404 page not found');
  }

  private serveMetrics(res: ServerResponse): void {
    const body = this.o.registry.expose();
    res.writeHead(200, { 'Content-Type': TEXT_CONTENT_TYPE });
    res.end(body);
  }

  private async serveReload(res: ServerResponse): Promise<void> {
    const err = await this.o.reload();
    if (err !== null) return httpError(res, 500, `failed to reload config: ${err}`);
    res.writeHead(200, { 'Content-Length': '0' });
    res.end();
  }
}
