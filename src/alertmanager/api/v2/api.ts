/**
 * Alertmanager's API v2 (api/v2 upstream) as a request handler: the OpenAPI routes under
 * /api/v2 with go-swagger's behaviour around them (404/405/415/422 envelopes, CORS as
 * rs/cors' defaults) and the handlers' semantics and texts of Alertmanager 0.25.
 *
 *   const api = new AlertmanagerAPIv2(deps);
 *   api.update({ config, original: configToYaml(config), setAlertStatus });
 *   http.createServer(async (req, res) => { if (!(await api.handle(req, res))) notFound(res); });
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CounterChild } from '../../../instrument/index.js';
import { newRouteFromConfig, type Route } from '../../dispatch/index.js';
import { getAlertGroups, getAlerts, prepareAlerts, type AlertStatusView } from './alerts.js';
import { decodePostableAlerts, decodePostableSilence, parseError, requiredError, SwaggerError } from './decode.js';
import type { AlertmanagerAPIv2Deps, ApiConfigState } from './deps.js';
import { goJSONString, statusJSON } from './encode.js';
import { goQuote } from '../../../model/strconv/index.js';
import { decodeFirstValue, GoJSONEOFError, GoJSONSyntaxError } from './go-json.js';
import { apiErrorReply, emptyReply, jsonReply, type Reply, stringReply, swaggerErrorReply } from './reply.js';
import { deleteSilence, getSilence, getSilences, postSilence } from './silences.js';

export interface AlertmanagerAPIv2Options {
  /** Path prefix of the API, with the route prefix (default "/api/v2"). */
  prefix?: string;
  /** Largest request body accepted, in bytes (default 64 MiB); a larger one gets 413. */
  maxBodyBytes?: number;
}

interface Request {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The {silenceID} path parameter. */
  id: string;
  req: IncomingMessage;
}

type Handler = (r: Request) => Promise<Reply> | Reply;

interface RouteEntry {
  pattern: RegExp;
  /** Method -> handler, in the order upstream lists them in Allow. */
  methods: [string, Handler][];
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const CORS_METHODS = new Set(['GET', 'POST', 'HEAD']);
const CORS_HEADERS = new Set(['origin', 'accept', 'content-type', 'x-requested-with']);
const DEFAULT_MAX_BODY = 64 << 20;

/** Go's http.CanonicalHeaderKey: "content-type" -> "Content-Type". */
function canonicalHeaderKey(h: string): string {
  return h.toLowerCase().replace(/(^|-)([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export class AlertmanagerAPIv2 {
  private readonly prefix: string;
  private readonly maxBody: number;
  private readonly now: () => number;
  private readonly uptime: number;
  private readonly routes: RouteEntry[];
  private state: ApiConfigState | null = null;
  private route: Route | null = null;
  private readonly metrics: { firing: CounterChild; resolved: CounterChild; invalid: CounterChild } | null;

  constructor(
    private readonly deps: AlertmanagerAPIv2Deps,
    opts: AlertmanagerAPIv2Options = {},
  ) {
    this.prefix = (opts.prefix ?? '/api/v2').replace(/\/+$/, '');
    this.maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
    this.now = deps.now ?? Date.now;
    this.uptime = deps.uptime ?? this.now();
    this.routes = this.buildRoutes();
    this.metrics = this.registerMetrics();
  }

  /** Applies a (re)loaded configuration (API.Update). */
  update(state: ApiConfigState): void {
    this.state = state;
    this.route = state.config.route === undefined ? null : newRouteFromConfig(state.config.route);
  }

  /** Serves a request under the prefix (true), or returns false for any other path. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return false;
    }
    const path = url.pathname;
    if (!path.startsWith(`${this.prefix}/`)) return false;
    const method = req.method ?? 'GET';
    res.setHeader('Vary', 'Origin');
    if (this.cors(req, res, method)) return true;
    let reply: Reply;
    try {
      reply = await this.dispatch({ method, path, query: url.searchParams, id: '', req });
    } catch (e) {
      reply = this.failure(e, path, method);
    }
    this.write(res, reply, method);
    return true;
  };

  private failure(e: unknown, path: string, method: string): Reply {
    if (e instanceof SwaggerError) return swaggerErrorReply(e);
    if (e instanceof BodyTooLargeError) return apiErrorReply(413, 413, e.message, { Connection: 'close' });
    const msg = e instanceof Error ? e.message : String(e);
    this.deps.logger.error('Failed to serve API request', { path, method, err: msg });
    return stringReply(500, msg);
  }

  private write(res: ServerResponse, r: Reply, method: string): void {
    if (res.headersSent) return;
    for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
    if (r.body === null) {
      res.writeHead(r.status, { 'Content-Length': 0 });
      res.end();
      return;
    }
    if (method === 'HEAD') {
      res.writeHead(r.status, { 'Content-Type': 'application/json' });
      res.end();
      return;
    }
    res.writeHead(r.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(r.body) });
    res.end(r.body);
  }

  /** rs/cors' default handler: any origin, simple methods. True when it answered a preflight. */
  private cors(req: IncomingMessage, res: ServerResponse, method: string): boolean {
    const origin = req.headers.origin;
    const reqMethod = req.headers['access-control-request-method'];
    if (method === 'OPTIONS' && typeof reqMethod === 'string') {
      res.appendHeader('Vary', ['Access-Control-Request-Method', 'Access-Control-Request-Headers']);
      const hdrs = String(req.headers['access-control-request-headers'] ?? '')
        .split(',').map((h) => h.trim()).filter((h) => h !== '');
      if (origin !== undefined && CORS_METHODS.has(reqMethod.toUpperCase()) && hdrs.every((h) => CORS_HEADERS.has(h.toLowerCase()))) {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Access-Control-Allow-Methods', reqMethod.toUpperCase());
        if (hdrs.length > 0) res.setHeader('Access-Control-Allow-Headers', hdrs.map(canonicalHeaderKey).join(', '));
      }
      res.writeHead(200, { 'Content-Length': 0 });
      res.end();
      return true;
    }
    if (origin !== undefined && CORS_METHODS.has(method)) res.setHeader('Access-Control-Allow-Origin', '*');
    return false;
  }

  private async dispatch(r: Request): Promise<Reply> {
    let rel = r.path.slice(this.prefix.length);
    if (rel.length > 1 && rel.endsWith('/')) rel = rel.slice(0, -1);
    for (const route of this.routes) {
      const m = route.pattern.exec(rel);
      if (m === null) continue;
      const h = route.methods.find(([meth]) => meth === r.method);
      if (h === undefined) {
        const allowed = route.methods.map(([meth]) => meth);
        return apiErrorReply(405, 405, `method ${r.method} is not allowed, but [${allowed.join(',')}] are`, { Allow: allowed.join(',') });
      }
      r.id = m[1] ?? '';
      if (m[1] !== undefined && !UUID.test(r.id)) {
        return apiErrorReply(422, 601, `silenceID in path must be of type uuid: ${goQuote(r.id)}`);
      }
      return h[1](r);
    }
    return apiErrorReply(404, 404, `path ${r.path} was not found`);
  }

  private buildRoutes(): RouteEntry[] {
    const silences = this.deps.silences;
    return [
      { pattern: /^\/status$/, methods: [['GET', () => this.getStatus()]] },
      { pattern: /^\/receivers$/, methods: [['GET', () => this.getReceivers()]] },
      {
        pattern: /^\/alerts$/,
        methods: [
          ['POST', (r) => this.postAlerts(r)],
          ['GET', (r) => getAlerts(this.deps.alerts.getPending(), this.route, this.statusView(), r.query, this.now())],
        ],
      },
      { pattern: /^\/alerts\/groups$/, methods: [['GET', (r) => getAlertGroups(this.deps.groups, this.statusView(), r.query)]] },
      {
        pattern: /^\/silences$/,
        methods: [
          ['POST', async (r) => postSilence(silences, decodePostableSilence(await this.readJSON(r.req, 'silence')), this.now())],
          ['GET', (r) => getSilences(silences, r.query)],
        ],
      },
      {
        pattern: /^\/silence\/([^/]+)$/,
        methods: [
          ['DELETE', (r) => deleteSilence(silences, r.id)],
          ['GET', (r) => getSilence(silences, r.id)],
        ],
      },
    ];
  }

  private statusView(): AlertStatusView {
    const state = this.state;
    const marker = this.deps.marker;
    return {
      setAlertStatus: (labels) => state?.setAlertStatus(labels),
      status: (fp) => marker.status(fp),
    };
  }

  private getStatus(): Reply {
    return jsonReply(200, statusJSON(this.state?.original ?? '', this.uptime, this.deps.versionInfo));
  }

  private getReceivers(): Reply {
    const names = (this.state?.config.receivers ?? []).map((r) => `{"name":${goJSONString(r.name)}}`);
    return jsonReply(200, `[${names.join(',')}]`);
  }

  private async postAlerts(r: Request): Promise<Reply> {
    const posted = decodePostableAlerts(await this.readJSON(r.req, 'alerts'));
    const now = this.now();
    const resolveTimeout = this.state?.config.global.resolve_timeout ?? 5 * 60_000;
    const res = prepareAlerts(posted, now, resolveTimeout);
    this.metrics?.firing.inc(res.firing);
    this.metrics?.resolved.inc(res.resolved);
    this.metrics?.invalid.inc(res.errors.length);
    try {
      this.deps.alerts.putAll(res.valid);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      this.deps.logger.error('Failed to create alerts', { path: r.path, method: r.method, err: msg });
      return stringReply(500, msg);
    }
    if (res.errors.length > 0) {
      const msg = res.errors.join('; ');
      this.deps.logger.error('Failed to validate alerts', { path: r.path, method: r.method, err: msg });
      return stringReply(400, msg);
    }
    return emptyReply(200);
  }

  /** The body's first JSON value, after go-swagger's content-type and presence checks. */
  private async readJSON(req: IncomingMessage, param: string): Promise<unknown> {
    const body = await this.readBody(req);
    if (body.length === 0) throw requiredError(param);
    const ct = (req.headers['content-type'] ?? 'application/octet-stream').split(';', 1)[0]?.trim().toLowerCase() ?? '';
    if (ct !== 'application/json') {
      throw new SwaggerError(415, 415, `unsupported media type ${goQuote(ct)}, only [application/json] are allowed`);
    }
    try {
      return decodeFirstValue(body);
    } catch (e) {
      if (e instanceof GoJSONEOFError) throw requiredError(param);
      if (e instanceof GoJSONSyntaxError) throw parseError(param, e.message);
      throw e;
    }
  }

  private readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const onData = (c: Buffer): void => {
        size += c.length;
        if (size > this.maxBody) {
          req.off('data', onData);
          req.resume();
          reject(new BodyTooLargeError(`request body is larger than ${this.maxBody} bytes`));
          return;
        }
        chunks.push(c);
      };
      req.on('data', onData);
      req.once('end', () => resolve(Buffer.concat(chunks)));
      req.once('error', reject);
      req.once('aborted', () => reject(new Error('request aborted')));
    });
  }

  private registerMetrics(): { firing: CounterChild; resolved: CounterChild; invalid: CounterChild } | null {
    const r = this.deps.registry;
    if (r === undefined) return null;
    const received = r.counter({
      name: 'alertmanager_alerts_received_total',
      help: 'The total number of received alerts.',
      labelNames: ['status', 'version'],
    });
    const invalid = r.counter({
      name: 'alertmanager_alerts_invalid_total',
      help: 'The total number of received alerts that were invalid.',
      labelNames: ['version'],
    });
    return { firing: received.labels('firing', 'v2'), resolved: received.labels('resolved', 'v2'), invalid: invalid.labels('v2') };
  }
}
