/**
 * A small path router over node:http for the API: routes with `:name` segments, GET/POST form
 * parameters merged as Go's Request.ParseForm does (body values first, then the URL's),
 * 404/405 answers in httprouter's words, and CORS headers as util/httputil.SetCORS sets them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors.js';

/** Request form values: POST/PUT/PATCH url-encoded body values first, then the query string's. */
export class Form {
  constructor(
    private readonly values: ReadonlyMap<string, readonly string[]>,
    private readonly query: URLSearchParams,
  ) {}

  /** FormValue: the first value, or '' when absent. */
  get(name: string): string {
    return this.values.get(name)?.[0] ?? '';
  }

  /** Form[name]: every value. */
  all(name: string): readonly string[] {
    return this.values.get(name) ?? [];
  }

  /** r.URL.Query().Get(name): the query string only. */
  urlGet(name: string): string {
    return this.query.get(name) ?? '';
  }
}

const MAX_FORM_BYTES = 10 << 20;

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk instanceof Buffer ? chunk : Buffer.from(String(chunk));
    size += b.length;
    if (size > MAX_FORM_BYTES) throw new ApiError('bad_data', 'error parsing form values: http: POST too large');
    parts.push(b);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Parses the request's form (Request.ParseForm). */
export async function readForm(req: IncomingMessage, url: URL): Promise<Form> {
  const values = new Map<string, string[]>();
  const add = (params: URLSearchParams): void => {
    for (const [k, v] of params) {
      const l = values.get(k);
      if (l) l.push(v);
      else values.set(k, [v]);
    }
  };
  const method = req.method ?? 'GET';
  const ctype = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if ((method === 'POST' || method === 'PUT' || method === 'PATCH') && ctype === 'application/x-www-form-urlencoded') {
    add(new URLSearchParams(await readBody(req)));
  }
  add(url.searchParams);
  return new Form(values, url.searchParams);
}

export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
}

interface Route<H> {
  method: string;
  segments: string[];
  handler: H;
}

/** Routes by method and path; `:name` matches one path segment. */
export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(methods: string | string[], pattern: string, handler: H): this {
    const segs = pattern.split('/').filter((s) => s !== '');
    for (const method of Array.isArray(methods) ? methods : [methods]) this.routes.push({ method, segments: segs, handler });
    return this;
  }

  private static match(segs: readonly string[], path: readonly string[]): Record<string, string> | null {
    if (segs.length !== path.length) return null;
    const params: Record<string, string> = {};
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i] as string;
      const p = path[i] as string;
      if (s.startsWith(':')) {
        if (p === '') return null;
        params[s.slice(1)] = p;
      } else if (s !== p) return null;
    }
    return params;
  }

  /** The route for method and path, or the methods the path allows (for a 405), or null (404). */
  lookup(method: string, path: string): RouteMatch<H> | { allowed: string[] } | null {
    const parts = path.split('/').slice(1);
    const allowed: string[] = [];
    for (const r of this.routes) {
      const params = Router.match(r.segments, parts.map(safeDecode));
      if (params === null) continue;
      if (r.method === method) return { handler: r.handler, params };
      if (!allowed.includes(r.method)) allowed.push(r.method);
    }
    return allowed.length > 0 ? { allowed } : null;
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const CORS_HEADERS: ReadonlyArray<[string, string]> = [
  ['Access-Control-Allow-Headers', 'Accept, Authorization, Content-Type, Origin'],
  ['Access-Control-Allow-Methods', 'GET, POST, OPTIONS'],
  ['Access-Control-Expose-Headers', 'Date'],
];

/** SetCORS: Vary: Origin always; the allow headers when the request has an Origin. */
export function setCors(req: IncomingMessage, res: ServerResponse, origin: RegExp | undefined): void {
  res.appendHeader('Vary', 'Origin');
  const o = req.headers.origin;
  if (o === undefined || o === '') return;
  for (const [k, v] of CORS_HEADERS) res.setHeader(k, v);
  if (origin === undefined || origin.source === '^(?:.*)$' || origin.source === '.*') {
    res.setHeader('Access-Control-Allow-Origin', '*');
    return;
  }
  if (origin.test(o)) res.setHeader('Access-Control-Allow-Origin', o);
}

/** Go's http.NotFound. */
export function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end('404 page not found\n');
}

/** httprouter's 405 with an Allow header. */
export function methodNotAllowed(res: ServerResponse, allowed: readonly string[]): void {
  res.writeHead(405, {
    Allow: [...allowed, 'OPTIONS'].join(', '),
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end('Method Not Allowed\n');
}
