/**
 * Who sends a request: the session of the `grafana_session` cookie, or HTTP basic auth with a
 * user's password (as Grafana accepts on its API). Editing requires a signed-in admin whose
 * password is no longer the initial one. Failed sign-ins are limited per login.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { basicCredentials } from '../web/index.js';
import { DashboardApiError } from './errors.js';
import type { SessionStore } from './sessions.js';
import { SESSION_MAX_LIFETIME_MS } from './sessions.js';
import type { User, UserStore } from './users.js';

export const SESSION_COOKIE = 'grafana_session';
const MAX_FAILURES = 5;
const FAILURE_WINDOW_MS = 5 * 60 * 1000;
const MAX_TRACKED = 1000;
const BASIC_CACHE = 100;

export interface Principal {
  user: User;
  /** The session token when signed in with the cookie. */
  token: string | null;
}

export interface AuthOptions {
  /** The cookie's Path: the route prefix ("/" at the root). */
  cookiePath: string;
  secure: boolean;
  now: () => number;
}

/** The value of one cookie of the request, or null. */
export function readCookie(req: IncomingMessage, name: string): string | null {
  const h = req.headers.cookie;
  if (typeof h !== 'string') return null;
  for (const part of h.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}


export class Authenticator {
  private readonly failures = new Map<string, number[]>();
  /** Outcomes of basic-auth checks by digest of (login, hash, password): one bcrypt per client. */
  private readonly basicCache = new Map<string, { generation: number; userId: number | null }>();

  constructor(
    private readonly users: UserStore,
    private readonly sessions: SessionStore,
    private readonly o: AuthOptions,
  ) {}

  /** The signed-in user of the request, or null (anonymous). Bad basic credentials throw 401. */
  async identify(req: IncomingMessage): Promise<Principal | null> {
    const token = readCookie(req, SESSION_COOKIE);
    if (token !== null) {
      const s = this.sessions.lookup(token);
      const u = s === null ? undefined : this.users.byId(s.userId);
      if (u !== undefined) return { user: u, token };
    }
    const basic = basicCredentials(req);
    if (basic === null) return null;
    const u = await this.verifyBasic(basic.user, basic.password);
    if (u === null) throw new DashboardApiError('Invalid username or password', 401);
    return { user: u, token: null };
  }

  private async verifyBasic(login: string, password: string): Promise<User | null> {
    const key = createHash('sha256').update(login).update('\u0000').update(password).digest('hex');
    const cached = this.basicCache.get(key);
    // Any change to the users (a new password) invalidates the cached outcomes.
    if (cached !== undefined && cached.generation === this.users.generation) {
      return cached.userId === null ? null : (this.users.byId(cached.userId) ?? null);
    }
    this.checkNotBlocked(login);
    const u = await this.users.verify(login, password);
    if (u === null) this.recordFailure(login);
    if (this.basicCache.size >= BASIC_CACHE) {
      const first = this.basicCache.keys().next();
      if (first.done !== true) this.basicCache.delete(first.value);
    }
    this.basicCache.set(key, { generation: this.users.generation, userId: u === null ? null : u.id });
    return u;
  }

  private recent(login: string): number[] {
    const t = this.o.now();
    const list = (this.failures.get(login) ?? []).filter((x) => t - x < FAILURE_WINDOW_MS);
    if (list.length === 0) this.failures.delete(login);
    else this.failures.set(login, list);
    return list;
  }

  private checkNotBlocked(login: string): void {
    if (this.recent(login).length >= MAX_FAILURES) {
      throw new DashboardApiError('Too many consecutive incorrect login attempts for user - login for user temporarily blocked', 401);
    }
  }

  private recordFailure(login: string): void {
    if (!this.failures.has(login) && this.failures.size >= MAX_TRACKED) {
      const first = this.failures.keys().next();
      if (first.done !== true) this.failures.delete(first.value);
    }
    this.failures.set(login, [...this.recent(login), this.o.now()]);
  }

  /** POST /login: the user of good credentials, else 401 (also while blocked). */
  async login(login: string, password: string): Promise<User> {
    this.checkNotBlocked(login);
    const u = await this.users.verify(login, password);
    if (u === null) {
      this.recordFailure(login);
      throw new DashboardApiError('Invalid username or password', 401);
    }
    this.failures.delete(login);
    return u;
  }

  /** Throws 401 unless signed in, 403 unless an admin whose password was changed. */
  requireEditor(p: Principal | null): Principal {
    if (p === null) throw new DashboardApiError('Unauthorized', 401);
    if (!p.user.isAdmin) throw new DashboardApiError('Access denied to save dashboard', 403);
    if (p.user.mustChangePassword) {
      throw new DashboardApiError('You must change the default admin password before editing: PUT /api/user/password (or sign in to the UI)', 403, 'password-change-required');
    }
    return p;
  }

  /** The Set-Cookie value of a new session. */
  sessionCookie(token: string): string {
    const secure = this.o.secure ? '; Secure' : '';
    return `${SESSION_COOKIE}=${token}; Path=${this.o.cookiePath}; Max-Age=${Math.floor(SESSION_MAX_LIFETIME_MS / 1000)}; HttpOnly; SameSite=Lax${secure}`;
  }

  /** The Set-Cookie value that removes the session cookie. */
  clearCookie(): string {
    const secure = this.o.secure ? '; Secure' : '';
    return `${SESSION_COOKIE}=; Path=${this.o.cookiePath}; Max-Age=0; HttpOnly; SameSite=Lax${secure}`;
  }
}
