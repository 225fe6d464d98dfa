/**
 * The dashboards part of `vigil server` (Grafana's HTTP API for the UI): routes requests under
 * the route prefix, owns the stores under <dataDir>/dashboards/ and the provisioning read from
 * Grafana's YAML. Viewing is open unless anonymousViewing is false (then every read needs a
 * signed-in user, as Grafana without [auth.anonymous]); saving, deleting and importing need a
 * signed-in admin.
 */
import { existsSync, promises as fsp } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StructuredLogger } from '../log/index.js';
import { changePassword, getUser, logout, postLogin, type AccountDeps } from './account-routes.js';
import { Authenticator, type Principal } from './auth.js';
import { DashboardCatalog } from './catalog.js';
import { deleteDashboard, getDashboard, importDashboard, postDashboard, type DashboardRouteDeps } from './dashboard-routes.js';
import { datasourceDetail, datasourceListItem, datasourcesFrom, frontendDatasources, type Datasource } from './datasources.js';
import { DashboardApiError, errMessage } from './errors.js';
import { sendError, sendJson } from './http-io.js';
import { filesFingerprint, readProviderDashboards } from './provisioned.js';
import { readDashboardProviders, readDatasources, type DashboardProviderConfig, type Env } from './provisioning-config.js';
import { SessionStore } from './sessions.js';
import { DashboardStore } from './store.js';
import { UserStore } from './users.js';
import { folderView, parseSearchQuery, search, tagCounts } from './views.js';

export interface DashboardsOptions {
  /** The server's --storage.tsdb.path: files go to <dataDir>/dashboards/. */
  dataDir: string;
  /** Grafana-style provisioning folder (with dashboards/ and datasources/ sub-folders). */
  provisioningDir?: string;
  logger: StructuredLogger;
  /** True when the server uses TLS: the session cookie gets Secure. */
  secureCookies: boolean;
  /** The route prefix ("/" or "/prefix"): URLs and the cookie path use it. Default "/". */
  routePrefix?: string;
  now?: () => number;
  /** Folder of the bundled dashboards (default <package root>/dashboards); null: none. */
  bundledDir?: string | null;
  /** Environment for $VAR expansion in provisioning YAML (default process.env). */
  env?: Env;
  /** Version shown by /api/health and /api/frontend/settings. */
  version?: string;
  /** How often provisioning files are checked for changes (ms); 0 disables. Default 30 s. */
  pollIntervalMs?: number;
  /** Visitors who are not signed in may read dashboards, folders and data sources. Default true. */
  anonymousViewing?: boolean;
}

/** The bundled dashboards' folder: dashboards/ at the package root. */
export function bundledDashboardsDir(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'dashboards');
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

const UID_ROUTE = /^\/api\/dashboards\/uid\/([^/]+)$/;
const DS_UID_ROUTE = /^\/api\/datasources\/uid\/([^/]+)$/;
const DS_NAME_ROUTE = /^\/api\/datasources\/name\/([^/]+)$/;
const FOLDER_ROUTE = /^\/api\/folders\/([^/]+)$/;

function methodNotAllowed(): DashboardApiError {
  return new DashboardApiError('Method Not Allowed', 405);
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw new DashboardApiError('bad request data: malformed path', 400);
  }
}

export class DashboardsHandler {
  private datasources: Datasource[] = [];
  private readonly prefix: string;
  private readonly auth: Authenticator;
  private readonly catalog: DashboardCatalog;
  private readonly routes: DashboardRouteDeps;
  private readonly account: AccountDeps;
  private reloading: Promise<void> = Promise.resolve();
  private fingerprint = '';
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly o: DashboardsOptions,
    private readonly users: UserStore,
    private readonly sessions: SessionStore,
    store: DashboardStore,
  ) {
    const now = o.now ?? Date.now;
    const rp = o.routePrefix ?? '/';
    this.prefix = rp === '/' ? '' : rp.replace(/\/+$/, '');
    this.auth = new Authenticator(users, sessions, { cookiePath: this.prefix === '' ? '/' : this.prefix, secure: o.secureCookies, now });
    this.catalog = new DashboardCatalog(store, o.logger, now);
    this.routes = { prefix: this.prefix, catalog: this.catalog, datasources: () => this.datasources };
    this.account = { auth: this.auth, users, sessions, prefix: this.prefix };
  }

  /** Opens the stores under <dataDir>/dashboards/ and reads the provisioning. */
  static async create(o: DashboardsOptions): Promise<DashboardsHandler> {
    const now = o.now ?? Date.now;
    const dir = path.join(o.dataDir, 'dashboards');
    await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
    const store = new DashboardStore(dir, o.logger);
    const users = new UserStore(dir, o.logger, now);
    const sessions = new SessionStore(dir, o.logger, now);
    await store.open();
    await users.open();
    await sessions.open();
    const h = new DashboardsHandler(o, users, sessions, store);
    await h.reloadProvisioning();
    const every = o.pollIntervalMs ?? 30_000;
    if (every > 0) {
      h.timer = setInterval(() => void h.pollProvisioning(), every);
      h.timer.unref();
    }
    return h;
  }

  private watchedPaths(): string[] {
    const out = [...this.providerPaths];
    if (this.o.provisioningDir !== undefined) out.push(path.join(this.o.provisioningDir, 'dashboards'), path.join(this.o.provisioningDir, 'datasources'));
    return out;
  }

  private providerPaths: string[] = [];

  /** Re-reads the provisioning when its files changed (Grafana polls providers likewise). */
  private async pollProvisioning(): Promise<void> {
    try {
      if ((await filesFingerprint(this.watchedPaths())) !== this.fingerprint) await this.reloadProvisioning();
    } catch (e) {
      this.o.logger.error('Provisioning error', { err: errMessage(e) });
    }
  }

  /** Re-reads the provisioning YAML and files (at start, on a configuration reload, on change). */
  reloadProvisioning(): Promise<void> {
    this.reloading = this.reloading.then(() => this.loadProvisioning());
    return this.reloading;
  }

  private async loadProvisioning(): Promise<void> {
    const env = this.o.env ?? process.env;
    const onError = (e: Error): void => this.o.logger.error('Provisioning error', { err: e.message });
    const providers: DashboardProviderConfig[] = [];
    const bundled = this.o.bundledDir === undefined ? bundledDashboardsDir() : this.o.bundledDir;
    if (bundled !== null && existsSync(bundled)) {
      providers.push({ name: 'vigil-bundled', folder: 'Vigil', folderUid: 'vigil', type: 'file', path: bundled, foldersFromFilesStructure: false, allowUiUpdates: false, disableDeletion: true, file: '(built in)' });
    }
    let dsConfigs: Awaited<ReturnType<typeof readDatasources>> = [];
    if (this.o.provisioningDir !== undefined) {
      try {
        providers.push(...(await readDashboardProviders(this.o.provisioningDir, env, onError)));
        dsConfigs = await readDatasources(this.o.provisioningDir, env, onError);
      } catch (e) {
        onError(new Error(`cannot read ${this.o.provisioningDir}: ${errMessage(e)}`));
      }
    }
    this.datasources = datasourcesFrom(dsConfigs, this.prefix === '' ? '/' : this.prefix);
    this.providerPaths = providers.map((p) => p.path);
    this.fingerprint = await filesFingerprint(this.watchedPaths());
    const loaded = [];
    for (const p of providers) loaded.push({ provider: p, files: await readProviderDashboards(p, onError) });
    this.catalog.setProvisioned(loaded);
    const count = loaded.reduce((n, l) => n + l.files.length, 0);
    this.o.logger.info('Provisioned dashboards', { providers: providers.length, dashboards: count, datasources: this.datasources.length });
  }

  /** Waits for pending writes. */
  async close(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.reloading;
    await this.sessions.flush();
  }

  /** Serves rel (the path under the route prefix); false when the path is not a dashboards route. */
  async handle(req: IncomingMessage, res: ServerResponse, rel: string): Promise<boolean> {
    if (!this.owns(rel, req.method ?? 'GET')) return false;
    try {
      await this.route(req, res, rel);
    } catch (e) {
      if (res.headersSent) {
        res.destroy();
        return true;
      }
      if (e instanceof DashboardApiError) sendError(res, e);
      else {
        this.o.logger.error('Dashboards API error', { path: rel, err: errMessage(e) });
        sendJson(res, 500, { message: 'Internal Server Error' });
      }
    }
    return true;
  }

  private owns(rel: string, method: string): boolean {
    if (rel === '/login') return method === 'POST';
    if (rel === '/logout') return true;
    return (
      rel === '/api/health' ||
      rel === '/api/user' ||
      rel === '/api/user/password' ||
      rel === '/api/search' ||
      rel === '/api/folders' ||
      rel === '/api/datasources' ||
      rel === '/api/frontend/settings' ||
      rel.startsWith('/api/dashboards/') ||
      FOLDER_ROUTE.test(rel) ||
      DS_UID_ROUTE.test(rel) ||
      DS_NAME_ROUTE.test(rel)
    );
  }

  /** The requester, or null; checks the Origin of cookie-authenticated writes (CSRF). */
  private async principal(req: IncomingMessage, write: boolean): Promise<Principal | null> {
    const p = await this.auth.identify(req);
    if (write && p !== null && p.token !== null) {
      const origin = req.headers.origin;
      if (typeof origin === 'string' && origin !== 'null') {
        let host = '';
        try {
          host = new URL(origin).host;
        } catch {
          // Malformed: treated as foreign.
        }
        const forwarded = req.headers['x-forwarded-host'];
        if (host !== req.headers.host && host !== forwarded) throw new DashboardApiError('origin not allowed', 403);
      }
    }
    return p;
  }

  private async editor(req: IncomingMessage): Promise<Principal> {
    return this.auth.requireEditor(await this.principal(req, true));
  }

  /** A read of dashboards, folders, data sources or settings (not /api/health, /api/user, /login). */
  private static isViewRoute(rel: string): boolean {
    return (
      rel === '/api/search' ||
      rel === '/api/folders' ||
      rel === '/api/datasources' ||
      rel === '/api/frontend/settings' ||
      rel.startsWith('/api/dashboards/') ||
      FOLDER_ROUTE.test(rel) ||
      DS_UID_ROUTE.test(rel) ||
      DS_NAME_ROUTE.test(rel)
    );
  }

  private async route(req: IncomingMessage, res: ServerResponse, rel: string): Promise<void> {
    const method = req.method ?? 'GET';
    const get = method === 'GET' || method === 'HEAD';
    if (get && this.o.anonymousViewing === false && DashboardsHandler.isViewRoute(rel) && (await this.principal(req, false)) === null) {
      throw new DashboardApiError('Unauthorized', 401);
    }
    switch (rel) {
      case '/login':
        return postLogin(this.account, req, res);
      case '/logout':
        if (method !== 'GET' && method !== 'POST') throw methodNotAllowed();
        return logout(this.account, req, res);
      case '/api/health':
        if (!get) throw methodNotAllowed();
        return sendJson(res, 200, { commit: '', database: 'ok', version: this.o.version ?? '' });
      case '/api/user':
        if (!get) throw methodNotAllowed();
        return getUser(await this.principal(req, false), res);
      case '/api/user/password':
        if (method !== 'PUT' && method !== 'POST') throw methodNotAllowed();
        return changePassword(this.account, await this.principal(req, true), req, res);
      case '/api/search':
        if (!get) throw methodNotAllowed();
        return sendJson(res, 200, search(this.routes, parseSearchQuery(new URL(req.url ?? '/', 'http://x').searchParams)));
      case '/api/dashboards/tags':
        if (!get) throw methodNotAllowed();
        return sendJson(res, 200, tagCounts(this.routes));
      case '/api/dashboards/db':
        if (method !== 'POST') throw methodNotAllowed();
        return postDashboard(this.routes, (await this.editor(req)).user.login, req, res);
      case '/api/dashboards/import':
        if (method !== 'POST') throw methodNotAllowed();
        return importDashboard(this.routes, (await this.editor(req)).user.login, req, res);
      case '/api/folders':
        if (!get) throw methodNotAllowed();
        return sendJson(res, 200, this.catalog.allFolders().map((f) => ({ id: f.id, uid: f.uid, title: f.title })));
      case '/api/datasources':
        if (!get) throw methodNotAllowed();
        return sendJson(res, 200, this.datasources.map(datasourceListItem));
      case '/api/frontend/settings':
        if (!get) throw methodNotAllowed();
        return sendJson(res, 200, this.frontendSettings());
    }
    return this.routeWithParams(req, res, rel, method, get);
  }

  private async routeWithParams(req: IncomingMessage, res: ServerResponse, rel: string, method: string, get: boolean): Promise<void> {
    let m = UID_ROUTE.exec(rel);
    if (m !== null) {
      const uid = decodeSegment(m[1] as string);
      if (get) {
        const p = await this.principal(req, false);
        const canEdit = p !== null && p.user.isAdmin && !p.user.mustChangePassword;
        return getDashboard(this.routes, uid, canEdit, res);
      }
      if (method !== 'DELETE') throw methodNotAllowed();
      await this.editor(req);
      return deleteDashboard(this.routes, uid, res);
    }
    if (!get) throw methodNotAllowed();
    if ((m = DS_UID_ROUTE.exec(rel)) !== null || (m = DS_NAME_ROUTE.exec(rel)) !== null) {
      const key = decodeSegment(m[1] as string);
      const byUid = rel.startsWith('/api/datasources/uid/');
      const ds = this.datasources.find((d) => (byUid ? d.uid === key : d.name === key));
      if (ds === undefined) throw new DashboardApiError('Data source not found', 404);
      return sendJson(res, 200, datasourceDetail(ds));
    }
    if ((m = FOLDER_ROUTE.exec(rel)) !== null) {
      const f = this.catalog.folder(decodeSegment(m[1] as string));
      if (f === undefined) throw new DashboardApiError('folder not found', 404);
      return sendJson(res, 200, folderView(this.routes, f));
    }
    throw new DashboardApiError('Not found', 404);
  }

  private frontendSettings(): Record<string, unknown> {
    const def = this.datasources.find((d) => d.isDefault);
    return {
      datasources: frontendDatasources(this.datasources),
      defaultDatasource: def?.name ?? '',
      appSubUrl: this.prefix,
      appUrl: `${this.prefix}/`,
      authProxyEnabled: false,
      anonymousEnabled: this.o.anonymousViewing !== false,
      disableLoginForm: false,
      buildInfo: { version: this.o.version ?? '', commit: '', env: 'production', edition: 'Vigil' },
    };
  }
}

/** Opens the dashboards stores and provisioning; the handler to mount under the route prefix. */
export function createDashboardsHandler(o: DashboardsOptions): Promise<DashboardsHandler> {
  return DashboardsHandler.create(o);
}
