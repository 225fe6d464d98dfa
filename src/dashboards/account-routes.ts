/**
 * Sign-in endpoints, as Grafana's: POST /login {user, password} (sets the grafana_session
 * cookie), POST /logout (GET /logout redirects to the sign-in page), GET /api/user and
 * PUT /api/user/password {oldPassword, newPassword, confirmNew}.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Authenticator, Principal } from './auth.js';
import { readCookie, SESSION_COOKIE } from './auth.js';
import { DashboardApiError } from './errors.js';
import { readJsonBody, sendJson } from './http-io.js';
import type { SessionStore } from './sessions.js';
import { MIN_PASSWORD, type User, type UserStore } from './users.js';
import { isObject } from './validate.js';

export interface AccountDeps {
  auth: Authenticator;
  users: UserStore;
  sessions: SessionStore;
  /** "" at the root, else "/prefix". */
  prefix: string;
}

function stringField(body: unknown, key: string): string {
  if (!isObject(body)) throw new DashboardApiError('bad request data: the body must be a JSON object', 400);
  const v = body[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new DashboardApiError(`bad request data: ${key} must be a string`, 400);
  return v;
}

/** Grafana's UserProfileDTO, plus mustChangePassword. */
export function userProfile(u: User): Record<string, unknown> {
  return {
    id: u.id,
    uid: `u${u.id}`,
    email: u.email,
    name: u.name,
    login: u.login,
    theme: '',
    orgId: 1,
    isGrafanaAdmin: u.isAdmin,
    isDisabled: false,
    isExternal: false,
    isExternallySynced: false,
    isGrafanaAdminExternallySynced: false,
    authLabels: [],
    updatedAt: u.updated,
    createdAt: u.created,
    avatarUrl: '',
    isProvisioned: false,
    mustChangePassword: u.mustChangePassword,
  };
}

export async function postLogin(d: AccountDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req);
  const login = stringField(body, 'user') || stringField(body, 'email');
  const password = stringField(body, 'password');
  if (login === '' || password === '') throw new DashboardApiError('Invalid username or password', 401);
  const u = await d.auth.login(login, password);
  const token = await d.sessions.create(u.id);
  sendJson(
    res,
    200,
    { message: 'Logged in', redirectUrl: `${d.prefix}/`, mustChangePassword: u.mustChangePassword },
    { 'Set-Cookie': d.auth.sessionCookie(token) },
  );
}

export async function logout(d: AccountDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const token = readCookie(req, SESSION_COOKIE);
  if (token !== null) await d.sessions.revoke(token);
  if (req.method === 'GET') {
    res.writeHead(302, { Location: `${d.prefix}/login`, 'Set-Cookie': d.auth.clearCookie(), 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  sendJson(res, 200, { message: 'Logged out' }, { 'Set-Cookie': d.auth.clearCookie() });
}

export function getUser(p: Principal | null, res: ServerResponse): void {
  if (p === null) throw new DashboardApiError('Unauthorized', 401);
  sendJson(res, 200, userProfile(p.user));
}

export async function changePassword(d: AccountDeps, p: Principal | null, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (p === null) throw new DashboardApiError('Unauthorized', 401);
  const body = await readJsonBody(req);
  const oldPassword = stringField(body, 'oldPassword');
  const newPassword = stringField(body, 'newPassword');
  const confirm = isObject(body) && body['confirmNew'] !== undefined ? stringField(body, 'confirmNew') : newPassword;
  if (!(await d.users.checkPassword(p.user, oldPassword))) throw new DashboardApiError('Invalid old password', 401);
  if (newPassword.length < MIN_PASSWORD) throw new DashboardApiError('New password is too short', 400);
  if (confirm !== newPassword) throw new DashboardApiError('New password and confirmation do not match', 400);
  if (newPassword === oldPassword) throw new DashboardApiError('New password must be different from the old password', 400);
  await d.users.setPassword(p.user, newPassword);
  await d.sessions.revokeUserExcept(p.user.id, p.token);
  sendJson(res, 200, { message: 'User password changed' });
}
