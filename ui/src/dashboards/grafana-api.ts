/**
 * Calls to Grafana's HTTP API as Vigil serves it (same origin, under the prefix): search,
 * dashboards by uid, save/import, data sources, sign-in, the signed-in user and the password.
 * Answers are validated at this boundary.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, apiPath, jsonApi } from '../lib/api';
import { currentRoute, navigate } from '../lib/router';
import { arr, bool, isObject, num, obj, str, type JsonObject } from './model';
import type { DatasourceInfo } from './variables';

export interface SearchHit {
  uid: string;
  title: string;
  url: string;
  type: string;
  tags: string[];
  folderUid: string;
  folderTitle: string;
}

export async function searchDashboards(query: string, tags: string[]): Promise<SearchHit[]> {
  const q = new URLSearchParams();
  if (query !== '') q.set('query', query);
  for (const t of tags) q.append('tag', t);
  q.set('type', 'dash-db');
  const body = await jsonApi<unknown>(`/api/search?${q.toString()}`);
  if (!Array.isArray(body)) return [];
  return body.filter(isObject).map((h) => ({
    uid: str(h, 'uid') ?? '',
    title: str(h, 'title') ?? '',
    url: str(h, 'url') ?? '',
    type: str(h, 'type') ?? 'dash-db',
    tags: arr(h, 'tags').filter((t): t is string => typeof t === 'string'),
    folderUid: str(h, 'folderUid') ?? '',
    folderTitle: str(h, 'folderTitle') ?? '',
  })).filter((h) => h.type !== 'dash-folder');
}

export interface DashboardResponse {
  dashboard: JsonObject;
  meta: { slug: string; folderUid: string; folderTitle: string; canSave: boolean; canEdit: boolean; version?: number; provisioned: boolean };
}

export async function getDashboard(uid: string, signal?: AbortSignal): Promise<DashboardResponse> {
  const body = await jsonApi<unknown>(`/api/dashboards/uid/${encodeURIComponent(uid)}`, signal !== undefined ? { signal } : undefined);
  const dashboard = obj(body, 'dashboard');
  if (dashboard === undefined) throw new ApiError('the API answered without a dashboard', 500);
  const meta = obj(body, 'meta') ?? {};
  const version = num(meta, 'version');
  return {
    dashboard,
    meta: {
      slug: str(meta, 'slug') ?? '',
      folderUid: str(meta, 'folderUid') ?? '',
      folderTitle: str(meta, 'folderTitle') ?? '',
      canSave: bool(meta, 'canSave') ?? false,
      canEdit: bool(meta, 'canEdit') ?? false,
      provisioned: bool(meta, 'provisioned') ?? false,
      ...(version !== undefined ? { version } : {}),
    },
  };
}

export interface SaveResult {
  uid: string;
  url: string;
  version?: number;
}

/** POST /api/dashboards/db; rejections throw ApiError with the API's message. */
export async function saveDashboard(dashboard: JsonObject, opts: { overwrite: boolean; folderUid?: string; message?: string }): Promise<SaveResult> {
  const body = await jsonApi<unknown>('/api/dashboards/db', {
    method: 'POST',
    body: { dashboard, overwrite: opts.overwrite, ...(opts.folderUid !== undefined && opts.folderUid !== '' ? { folderUid: opts.folderUid } : {}), message: opts.message ?? '' },
  });
  const version = num(body, 'version');
  return { uid: str(body, 'uid') ?? '', url: str(body, 'url') ?? '', ...(version !== undefined ? { version } : {}) };
}

export async function listDatasources(): Promise<DatasourceInfo[]> {
  try {
    const body = await jsonApi<unknown>('/api/datasources');
    if (!Array.isArray(body)) return [];
    return body.filter(isObject).map((d) => {
      const timeInterval = str(obj(d, 'jsonData'), 'timeInterval');
      return { name: str(d, 'name') ?? '', uid: str(d, 'uid') ?? '', type: str(d, 'type') ?? '', isDefault: bool(d, 'isDefault') ?? false, ...(timeInterval !== undefined ? { timeInterval } : {}) };
    });
  } catch {
    // Viewing needs no data source list (it may need a session): fall back to one Prometheus.
    return [];
  }
}

/**
 * When e is the API's 401 (viewing needs a signed-in user: --no-dashboards.anonymous-viewing),
 * goes to /login?redirect=<this page> (replacing the entry) and returns true.
 */
export function loginOnUnauthorized(e: unknown): boolean {
  if (!(e instanceof ApiError) || e.status !== 401) return false;
  const r = currentRoute();
  const q = r.params.toString();
  navigate('/login', { redirect: `${r.path}${q === '' ? '' : `?${q}`}` }, true);
  return true;
}

/** The page to return to after signing in: a path of this app (never another origin), else /dashboards. */
export function loginRedirectTarget(params: URLSearchParams): string {
  const to = params.get('redirect') ?? params.get('redirectTo') ?? '';
  return /^\/(?![/\\])[^\\]*$/.test(to) && !to.startsWith('/login') ? to : '/dashboards';
}

export interface User {
  login: string;
  name: string;
  isAdmin: boolean;
  /** The API flags the user's password as the initial one, to be changed. */
  mustChangePassword: boolean;
}

type SessionState = { user: User | null; loaded: boolean };
let session: SessionState = { user: null, loaded: false };
const listeners = new Set<(s: SessionState) => void>();

function setSession(s: SessionState): void {
  session = s;
  for (const l of listeners) l(s);
}

/** Re-reads the signed-in user (GET /api/user; 401 = nobody). */
export async function refreshSession(): Promise<User | null> {
  try {
    const u = await jsonApi<unknown>('/api/user');
    const login = str(u, 'login') ?? '';
    const role = str(u, 'orgRole') ?? str(u, 'role') ?? '';
    const user: User = { login, name: str(u, 'name') ?? login, isAdmin: bool(u, 'isGrafanaAdmin') === true || bool(u, 'isAdmin') === true || role === 'Admin', mustChangePassword: bool(u, 'mustChangePassword') === true || bool(u, 'passwordChangeRequired') === true };
    setSession({ user: login === '' ? null : user, loaded: true });
  } catch {
    setSession({ user: null, loaded: true });
  }
  return session.user;
}

/** The signed-in user, shared by every page (loaded once). */
export function useSession(): SessionState {
  const [s, setS] = useState(session);
  useEffect(() => {
    listeners.add(setS);
    if (!session.loaded) void refreshSession();
    return () => {
      listeners.delete(setS);
    };
  }, []);
  return s;
}

export interface LoginResult {
  message: string;
  redirectUrl?: string;
  /** The API asks for a new password (first sign-in with the initial one). */
  mustChangePassword: boolean;
}

export async function login(user: string, password: string): Promise<LoginResult> {
  const body = await jsonApi<unknown>('/login', { method: 'POST', body: { user, password } });
  const must = bool(body, 'passwordChangeRequired') ?? bool(body, 'mustChangePassword') ?? bool(body, 'changePassword');
  const redirect = str(body, 'redirectUrl');
  return {
    message: str(body, 'message') ?? '',
    ...(redirect !== undefined ? { redirectUrl: redirect } : {}),
    // Grafana's own login page asks for a new password when the initial one (admin) was used.
    mustChangePassword: must ?? password === 'admin',
  };
}

export async function changePassword(oldPassword: string, newPassword: string, confirmNew: string): Promise<string> {
  const body = await jsonApi<unknown>('/api/user/password', { method: 'PUT', body: { oldPassword, newPassword, confirmNew } });
  return str(body, 'message') ?? 'User password changed';
}

export async function logout(): Promise<void> {
  try {
    await fetch(apiPath('/logout'), { method: 'POST' });
  } finally {
    setSession({ user: null, loaded: true });
  }
}
