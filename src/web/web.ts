/**
 * The server's HTTP handler (Prometheus web.Handler): routes under the route prefix to the API
 * v1, /federate, /metrics, the lifecycle endpoints (/-/healthy, /-/ready, /-/reload, /-/quit)
 * and /version; gates data endpoints on readiness; and instruments every routed request
 * (prometheus_http_requests_total, prometheus_http_request_duration_seconds).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { Histogram, Counter, Registry } from '../instrument/index.js';
import { TEXT_CONTENT_TYPE } from '../instrument/index.js';
import type { StructuredLogger } from '../log/index.js';
import { createApiV1, type ApiV1Deps, type ApiV1Handler, type BuildInfo } from './api/v1/index.js';
import { serveFederation, type FederateDeps } from './federate.js';
import { landingPage } from './landing.js';
import type { ReadyState } from './ready.js';
import { handlerName } from './route-names.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * A handler mounted under the route prefix next to the built-in routes (the browser app, the
 * Grafana API, ...). `rel` is the request path relative to the prefix ("/", "/query",
 * "/api/dashboards/db"; still percent-encoded); every method reaches it. It resolves true
 * when it answered the request, false to pass it on to the next handler (and finally 404).
 */
export type ExtraHandler = (req: IncomingMessage, res: ServerResponse, rel: string) => boolean | Promise<boolean>;

export interface WebHandlerOptions {
  /** "/" or "/prefix" (no trailing slash). */
  routePrefix: string;
  /** The path of --web.external-url ("" or "/prefix"): redirects point there. */
  externalPath: string;
  api: ApiV1Deps;
  federate: FederateDeps;
  /** The instrumentation registry /metrics exposes; HTTP metrics are registered in it. */
  registry: Registry;
  ready: ReadyState;
  enableLifecycle: boolean;
  /** Reloads the configuration; resolves to the error text of a failed reload, or null. */
  reload: () => Promise<string | null>;
  /** Asks the server to shut down. */
  quit: () => void;
  buildInfo: BuildInfo;
  logger: StructuredLogger;
  /** "Vigil Server": the name /-/healthy and /-/ready answer with. */
  appName?: string;
  pageTitle?: string;
  /**
   * Handlers tried in order for requests no built-in route answers (before the 404), and for
   * "/" before the built-in landing page. They cannot shadow /api/v1, /-/*, /metrics,
   * /federate or /version. The web config's TLS and basic auth wrap them like every route.
   */
  extraHandlers?: readonly ExtraHandler[];
}

interface HttpMetrics {
  requests: Counter;
  duration: Histogram;
}

function registerHttpMetrics(r: Registry): HttpMetrics {
  return {
    requests: r.counter({ name: 'prometheus_http_requests_total', help: 'Counter of HTTP requests.', labelNames: ['code', 'handler'] }),
    duration: r.histogram({
      name: 'prometheus_http_request_duration_seconds',
      help: 'Histogram of latencies for HTTP requests.',
      labelNames: ['handler'],
      buckets: [0.1, 0.2, 0.4, 1, 3, 8, 20, 60, 120],
    }),
  };
}

function text(res: ServerResponse, code: number, body: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function notFound(res: ServerResponse): void {
  text(res, 404, '404 page not found\n');
}

function acceptsGzip(req: IncomingMessage): boolean {
  const ae = req.headers['accept-encoding'];
  return typeof ae === 'string' && /(^|,)\s*gzip\s*(;|,|$)/i.test(ae);
}

function sendMaybeGzipped(req: IncomingMessage, res: ServerResponse, contentType: string, body: string): void {
  if (acceptsGzip(req) && body.length > 1024) {
    const z = gzipSync(body);
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Encoding': 'gzip', 'Content-Length': z.length, Vary: 'Accept-Encoding' });
    res.end(z);
    return;
  }
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export class WebHandler {
  private readonly api: ApiV1Handler;
  private readonly metrics: HttpMetrics;
  private readonly appName: string;
  private quitting = false;

  constructor(private readonly o: WebHandlerOptions) {
    const prefix = o.routePrefix === '/' ? '' : o.routePrefix;
    this.api = createApiV1({ ...o.api, ready: () => o.ready.isReady() }, { prefix: `${prefix}/api/v1` });
    this.metrics = registerHttpMetrics(o.registry);
    this.appName = o.appName ?? 'Vigil Server';
  }

  /** The node:http request listener. */
  readonly handle: RequestHandler = (req, res) => {
    const start = performance.now();
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const prefix = this.o.routePrefix === '/' ? '' : this.o.routePrefix;
    const rel = prefix === '' ? path : path === prefix ? '/' : path.startsWith(prefix + '/') ? path.slice(prefix.length) : null;
    const name = rel === null ? null : handlerName(rel);
    if (name !== null) {
      res.once('finish', () => {
        this.metrics.requests.labels(String(res.statusCode), name).inc();
        this.metrics.duration.labels(name).observe((performance.now() - start) / 1000);
      });
    }
    this.route(req, res, path, rel).catch((e: unknown) => {
      this.o.logger.error('Error serving HTTP request', { path, err: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) text(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse, path: string, rel: string | null): Promise<void> {
    const method = req.method ?? 'GET';
    if (rel === null) {
      // Outside the route prefix only the bare root is known: it redirects into the prefix.
      if (path === '/' && (method === 'GET' || method === 'HEAD')) {
        res.writeHead(302, { Location: this.o.routePrefix });
        res.end();
      } else notFound(res);
      return;
    }
    if (rel.startsWith('/api/v1/') || rel === '/api/v1') {
      // The API answers 503 itself while not ready; it carries the same header as the web gate.
      const st = this.o.ready.get();
      if (st !== 'ready') res.setHeader('X-Prometheus-Stopping', st === 'stopping' ? 'true' : 'false');
      if (!(await this.api(req, res))) notFound(res);
      return;
    }
    const get = method === 'GET' || method === 'HEAD';
    switch (rel) {
      case '/':
        if (await this.extra(req, res, rel)) return;
        if (!get) return notFound(res);
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(method === 'HEAD' ? undefined : landingPage(this.o.routePrefix, this.o.pageTitle ?? 'Vigil'));
        return;
      case '/-/healthy':
        if (!get) return notFound(res);
        text(res, 200, method === 'HEAD' ? '' : `${this.appName} is Healthy.\n`);
        return;
      case '/-/ready':
        if (!get) return notFound(res);
        if (this.o.ready.gate(res)) text(res, 200, method === 'HEAD' ? '' : `${this.appName} is Ready.\n`);
        return;
      case '/-/reload':
      case '/-/quit':
        return this.lifecycle(req, res, rel);
      case '/metrics':
        if (!get) return notFound(res);
        sendMaybeGzipped(req, res, TEXT_CONTENT_TYPE, this.o.registry.expose());
        return;
      case '/federate':
        if (!get) return notFound(res);
        if (this.o.ready.gate(res)) await serveFederation(this.o.federate, req, res);
        return;
      case '/version':
        if (!get) return notFound(res);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(this.o.buildInfo) + '\n');
        return;
      default:
        if (!(await this.extra(req, res, rel))) notFound(res);
    }
  }

  /** Offers the request to the mounted handlers in order; true when one answered. */
  private async extra(req: IncomingMessage, res: ServerResponse, rel: string): Promise<boolean> {
    for (const h of this.o.extraHandlers ?? []) {
      if (await h(req, res, rel)) return true;
      if (res.headersSent) return true;
    }
    return false;
  }

  private async lifecycle(req: IncomingMessage, res: ServerResponse, rel: '/-/reload' | '/-/quit'): Promise<void> {
    const method = req.method ?? 'GET';
    if (method === 'GET') return text(res, 405, 'Only POST or PUT requests allowed');
    if (method !== 'POST' && method !== 'PUT') return notFound(res);
    if (!this.o.enableLifecycle) return text(res, 403, 'Lifecycle API is not enabled.');
    if (rel === '/-/quit') {
      if (this.quitting) return text(res, 200, 'Termination already in progress.');
      this.quitting = true;
      text(res, 200, 'Requesting termination... Goodbye!');
      this.o.quit();
      return;
    }
    const err = await this.o.reload();
    if (err !== null) text(res, 500, `failed to reload config: ${err}\n`);
    else text(res, 200, '');
  }
}
