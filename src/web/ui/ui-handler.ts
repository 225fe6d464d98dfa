/**
 * Serves the browser app (ui/dist) under the route prefix: its files with their content types
 * (hashed assets cached for a year, everything else revalidated), and index.html with the
 * runtime settings injected at the app's root and, with the SPA fallback, at every other path
 * that is neither a file nor an API path, so that the app's own routes (/query, /graph,
 * /d/uid/slug, ...) load it. Paths outside the app's pages get the app with status 404 (it
 * shows its "Not found" page; clients see upstream's 404). When ui/dist is missing a small
 * page says how to build it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { gzip as gzipCb } from 'node:zlib';
import { notBuiltPage, renderIndex, type UiSettings } from './index-page.js';
import { StaticRoot, type StaticFile } from './static-files.js';

const gzip = promisify(gzipCb);

/**
 * A handler mounted in a program's HTTP routes: `rel` is the request path relative to the route
 * prefix (still percent-encoded). Resolves true when it answered, false to pass the request on.
 */
export type UiHandler = (req: IncomingMessage, res: ServerResponse, rel: string) => Promise<boolean>;

export interface UiHandlerOptions extends UiSettings {
  /** The built app's directory (default: the package's ui/dist). */
  root?: string;
  /**
   * Serve index.html for unknown non-API paths (default: true for 'prometheus', whose pages
   * are paths; false for 'alertmanager', whose pages are #/ hash routes under "/").
   */
  spaFallback?: boolean;
  /**
   * The first path segments of the app's pages, answered 200 by the fallback (others 404).
   * Default: APP_PAGES[mode]. Keep in step with ui/src/pages/routes.tsx (test/ui checks it).
   */
  pages?: readonly string[];
}

/** The first path segments of the app's pages (ui/src/pages/routes.tsx), by program. */
export const APP_PAGES: Readonly<Record<UiSettings['mode'], readonly string[]>> = {
  prometheus: [
    'query',
    'graph',
    'alerts',
    'targets',
    'service-discovery',
    'alertmanager-discovery',
    'rules',
    'status',
    'tsdb-status',
    'flags',
    'config',
    'dashboards',
    'dashboard',
    'd',
    'd-solo',
    'login',
    'profile',
    'admin',
  ],
  alertmanager: ['alerts', 'silences', 'status'],
};

/** ui/dist of this package: dist/src/web/ui/ui-handler.js -> ../../../../ui/dist. */
export function defaultUiRoot(): string {
  return fileURLToPath(new URL('../../../../ui/dist/', import.meta.url));
}

/** Paths the app never answers: the programs' APIs and endpoints. */
const API_PREFIXES = ['/api/', '/-/', '/debug/'];
const API_PATHS = new Set(['/api', '/-', '/debug', '/metrics', '/federate', '/version']);

/** Whether a prefix-relative path belongs to an API or endpoint rather than to the app. */
export function isApiPath(rel: string): boolean {
  return API_PATHS.has(rel) || API_PREFIXES.some((p) => rel.startsWith(p));
}

/** Paths that name a static file (a missing one is a 404, not the app). */
const STATIC_EXT = /\.(js|mjs|css|map|json|ico|png|svg|jpe?g|gif|webp|woff2?|ttf|wasm|txt|html|webmanifest)$/i;

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

function acceptsGzip(req: IncomingMessage): boolean {
  const ae = req.headers['accept-encoding'];
  return typeof ae === 'string' && /(^|,)\s*gzip\s*(;\s*q=(1(\.0*)?|0?\.\d*[1-9]\d*)\s*)?(,|$)/i.test(ae);
}

interface Body {
  contentType: string;
  body: Buffer;
  gzipped: Buffer | null;
  cacheControl: string;
  etag?: string;
}

function send(req: IncomingMessage, res: ServerResponse, b: Body, status = 200): void {
  const headers: Record<string, string | number> = {
    'Content-Type': b.contentType,
    'Cache-Control': b.cacheControl,
    'X-Content-Type-Options': 'nosniff',
  };
  if (b.etag !== undefined) headers['ETag'] = b.etag;
  if (b.gzipped !== null) headers['Vary'] = 'Accept-Encoding';
  if (status === 200 && b.etag !== undefined && req.headers['if-none-match'] === b.etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const zipped = b.gzipped !== null && acceptsGzip(req);
  const body = zipped && b.gzipped !== null ? b.gzipped : b.body;
  if (zipped) headers['Content-Encoding'] = 'gzip';
  headers['Content-Length'] = body.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The rendered index.html, re-rendered when the file changes. */
class IndexPage {
  private cached: { file: StaticFile; page: Body } | null = null;

  constructor(
    private readonly files: StaticRoot,
    private readonly settings: UiSettings,
  ) {}

  async get(): Promise<Body> {
    const file = await this.files.lookup('/index.html');
    if (file === null) {
      const body = Buffer.from(notBuiltPage(this.settings));
      return { contentType: 'text/html; charset=utf-8', body, gzipped: null, cacheControl: REVALIDATE };
    }
    if (this.cached !== null && this.cached.file === file) return this.cached.page;
    const body = Buffer.from(renderIndex(file.body.toString('utf8'), this.settings));
    const z = await gzip(body, { level: 9 });
    const page: Body = { contentType: 'text/html; charset=utf-8', body, gzipped: z.length < body.length ? z : null, cacheControl: REVALIDATE };
    this.cached = { file, page };
    return page;
  }
}

/** The app's handler for one program (mode) under one prefix. */
export function createUiHandler(o: UiHandlerOptions): UiHandler {
  const settings: UiSettings = { mode: o.mode, prefix: o.prefix.replace(/\/+$/, ''), version: o.version };
  const files = new StaticRoot(o.root ?? defaultUiRoot());
  const index = new IndexPage(files, settings);
  const fallback = o.spaFallback ?? o.mode === 'prometheus';
  const pages = new Set(o.pages ?? APP_PAGES[o.mode]);
  return async (req, res, rel) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (isApiPath(rel)) return false;
    if (rel === '/' || rel === '' || rel === '/index.html') {
      send(req, res, await index.get());
      return true;
    }
    const file = await files.lookup(rel);
    if (file !== null) {
      const hashed = file.name.startsWith('assets/');
      send(req, res, { ...file, cacheControl: hashed ? IMMUTABLE : REVALIDATE });
      return true;
    }
    // A missing asset is a 404, never the page (a browser would try to run HTML as a module).
    if (!fallback || rel.startsWith('/assets/') || STATIC_EXT.test(rel)) return false;
    const first = rel.split('/')[1] ?? '';
    send(req, res, await index.get(), pages.has(first) ? 200 : 404);
    return true;
  };
}
