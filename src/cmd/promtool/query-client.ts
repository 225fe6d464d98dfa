/**
 * The HTTP client side of `vigil query ...`: requests to a Prometheus-compatible API the way
 * client_golang's API client makes them (POST form, GET when the server answers 405), and its
 * error texts (`bad_data: ...`, `server_error: server error: 503`, `Post "url": dial tcp ...`).
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { formatFloat, goQuote, parseGoFloat } from '../../model/strconv/index.js';

/** An API error (client_golang v1.Error): printed as "type: msg", with the body as detail. */
export class QueryApiError extends Error {
  override name = 'QueryApiError';
  constructor(
    readonly type: string,
    readonly msg: string,
    readonly detail = '',
  ) {
    super(`${type}: ${msg}`);
  }
}

export interface ApiResponse {
  data: unknown;
  warnings: string[];
  infos: string[];
}

export interface ClientOptions {
  headers?: Record<string, string>;
  /** ms; default 2 minutes. */
  timeout?: number;
}

/** promtool's parseTime: Unix seconds (float) or RFC 3339; returns ms. */
export function parseCliTime(s: string): number {
  let f: number | null = null;
  try {
    f = parseGoFloat(s);
  } catch {
    f = null;
  }
  if (f !== null) return Math.trunc(f) * 1000 + Math.trunc((f - Math.trunc(f)) * 1000);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (m !== null) {
    const t = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ? m[7].slice(0, 4) : ''}${m[8]}`);
    if (!Number.isNaN(t)) return t;
  }
  throw new Error(`cannot parse ${goQuote(s)} to a valid timestamp`);
}

/** client_golang's formatTime: seconds with the fraction, 'f' format. */
export function formatCliTime(ms: number): string {
  return formatFloat(ms / 1000, 'f', -1);
}

function networkErrorText(method: string, url: string, e: unknown): string {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const code = cause instanceof Error && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  const u = new URL(url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  const addr = `${u.hostname}:${port}`;
  const verb = method === 'POST' ? 'Post' : 'Get';
  if (code === 'ECONNREFUSED') return `${verb} ${goQuote(url)}: dial tcp ${addr}: connect: connection refused`;
  if (code === 'ENOTFOUND') return `${verb} ${goQuote(url)}: dial tcp: lookup ${u.hostname}: no such host`;
  const msg = cause instanceof Error ? cause.message : String(cause);
  return `${verb} ${goQuote(url)}: ${msg}`;
}

interface HttpReply {
  status: number;
  body: string;
}

/** One HTTP(S) request with node's client (no fetch: it refuses some ports). */
function httpRequest(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | null,
  timeout: number,
): Promise<HttpReply> {
  const mod = url.protocol === 'https:' ? https : http;
  const h: Record<string, string> = { ...headers };
  if (body !== null) {
    h['Content-Type'] = 'application/x-www-form-urlencoded';
    h['Content-Length'] = String(Buffer.byteLength(body));
  }
  if (url.username !== '') {
    h['Authorization'] = 'Basic ' + Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
  }
  return new Promise((resolve, reject) => {
    const req = mod.request(url, { method, headers: h, timeout }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('context deadline exceeded')));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

function statusErrorType(code: number): { type: string; msg: string } {
  if (code >= 500) return { type: 'server_error', msg: `server error: ${code}` };
  return { type: 'client_error', msg: `client error: ${code}` };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Calls one API endpoint; throws QueryApiError or Error (network) with client_golang's texts. */
export async function callApi(
  base: URL,
  endpoint: string,
  params: URLSearchParams,
  opts: ClientOptions & { get?: boolean } = {},
): Promise<ApiResponse> {
  const u = new URL(base.href);
  u.pathname = (u.pathname.replace(/\/+$/, '') + '/api/v1/' + endpoint).replace(/\/{2,}/g, '/');
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  const timeout = opts.timeout ?? 120_000;
  const doRequest = async (method: 'GET' | 'POST'): Promise<HttpReply> => {
    const target = new URL(u.href);
    if (method === 'GET') target.search = params.toString();
    try {
      return await httpRequest(target, method, headers, method === 'POST' ? params.toString() : null, timeout);
    } catch (e) {
      throw new Error(networkErrorText(method, u.href, e));
    }
  };
  let resp = await doRequest(opts.get ? 'GET' : 'POST');
  if (!opts.get && resp.status === 405) resp = await doRequest('GET');
  const body = resp.body;
  const code = resp.status;
  const isApiErr = code === 422 || code === 400;
  if (Math.floor(code / 100) !== 2 && !isApiErr) {
    const { type, msg } = statusErrorType(code);
    throw new QueryApiError(type, msg, body);
  }
  let parsed: unknown = {};
  if (code !== 204) {
    try {
      parsed = JSON.parse(body);
    } catch (e) {
      throw new QueryApiError('bad_response', e instanceof Error ? e.message : String(e));
    }
  }
  const r = isRecord(parsed) ? parsed : {};
  if (isApiErr && r['status'] === 'success') throw new QueryApiError('bad_response', 'inconsistent body for response code');
  if (r['status'] === 'error') throw new QueryApiError(String(r['errorType'] ?? ''), String(r['error'] ?? ''));
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
  return { data: r['data'], warnings: strings(r['warnings']), infos: strings(r['infos']) };
}
