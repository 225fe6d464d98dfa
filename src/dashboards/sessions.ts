/**
 * Signed-in sessions: a random 32-byte token in the `grafana_session` cookie. Only the
 * token's SHA-256 is kept (in memory and in <dataDir>/dashboards/sessions.json), so the file
 * does not hold usable tokens. Sessions expire after a maximum lifetime and after being
 * unused for a while; their number is bounded (the least recently used go first).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as path from 'node:path';
import type { StructuredLogger } from '../log/index.js';
import { errMessage } from './errors.js';
import { readTextBounded, writeFileAtomic } from './json-file.js';
import { isObject } from './validate.js';

/** Grafana's login_maximum_lifetime (30 days) and login_maximum_inactive_lifetime (7 days). */
export const SESSION_MAX_LIFETIME_MS = 30 * 24 * 3600 * 1000;
export const SESSION_MAX_INACTIVE_MS = 7 * 24 * 3600 * 1000;
const MAX_SESSIONS = 1000;
/** Last-seen times are persisted at most this often per session. */
const TOUCH_PERSIST_MS = 3600 * 1000;

export interface Session {
  /** hex SHA-256 of the token. */
  hash: string;
  userId: number;
  created: number;
  lastSeen: number;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly file: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    dir: string,
    private readonly logger: StructuredLogger,
    private readonly now: () => number,
  ) {
    this.file = path.join(dir, 'sessions.json');
  }

  async open(): Promise<void> {
    try {
      const text = await readTextBounded(this.file, 4 * 1024 * 1024);
      if (text === null) return;
      const doc: unknown = JSON.parse(text);
      const list = isObject(doc) && Array.isArray(doc['sessions']) ? doc['sessions'] : [];
      for (const s of list) {
        if (!isObject(s) || typeof s['hash'] !== 'string' || !/^[0-9a-f]{64}$/.test(s['hash'])) continue;
        const n = (k: string): number => (typeof s[k] === 'number' ? (s[k] as number) : 0);
        this.sessions.set(s['hash'], { hash: s['hash'], userId: n('userId'), created: n('created'), lastSeen: n('lastSeen') });
      }
      this.expire();
    } catch (e) {
      this.logger.warn('Failed to read the dashboard sessions; everyone must sign in again', { file: this.file, err: errMessage(e) });
    }
  }

  private expire(): void {
    const t = this.now();
    for (const [k, s] of this.sessions) {
      if (t - s.created > SESSION_MAX_LIFETIME_MS || t - s.lastSeen > SESSION_MAX_INACTIVE_MS) this.sessions.delete(k);
    }
  }

  private persist(): Promise<void> {
    const body = JSON.stringify({ sessions: [...this.sessions.values()] });
    this.writing = this.writing
      .then(() => writeFileAtomic(this.file, body))
      .catch((e: unknown) => this.logger.error('Failed to save the dashboard sessions', { file: this.file, err: errMessage(e) }));
    return this.writing;
  }

  /** Starts a session for userId; returns its token (to put in the cookie only). */
  async create(userId: number): Promise<string> {
    this.expire();
    while (this.sessions.size >= MAX_SESSIONS) {
      let oldest: Session | undefined;
      for (const s of this.sessions.values()) if (oldest === undefined || s.lastSeen < oldest.lastSeen) oldest = s;
      if (oldest === undefined) break;
      this.sessions.delete(oldest.hash);
    }
    const token = randomBytes(32).toString('hex');
    const t = this.now();
    const s: Session = { hash: digest(token), userId, created: t, lastSeen: t };
    this.sessions.set(s.hash, s);
    await this.persist();
    return token;
  }

  /** The live session of a token, or null. */
  lookup(token: string): Session | null {
    if (!/^[0-9a-f]{64}$/.test(token)) return null;
    const h = digest(token);
    const s = this.sessions.get(h);
    if (s === undefined || !timingSafeEqual(Buffer.from(s.hash, 'hex'), Buffer.from(h, 'hex'))) return null;
    const t = this.now();
    if (t - s.created > SESSION_MAX_LIFETIME_MS || t - s.lastSeen > SESSION_MAX_INACTIVE_MS) {
      this.sessions.delete(h);
      void this.persist();
      return null;
    }
    const persist = t - s.lastSeen > TOUCH_PERSIST_MS;
    s.lastSeen = t;
    if (persist) void this.persist();
    return s;
  }

  async revoke(token: string): Promise<void> {
    if (this.sessions.delete(digest(token))) await this.persist();
  }

  /** Ends the other sessions of a user (after a password change). */
  async revokeUserExcept(userId: number, keepToken: string | null): Promise<void> {
    const keep = keepToken === null ? '' : digest(keepToken);
    let changed = false;
    for (const [k, s] of this.sessions) {
      if (s.userId === userId && k !== keep) {
        this.sessions.delete(k);
        changed = true;
      }
    }
    if (changed) await this.persist();
  }

  /** Waits for pending writes (tests, shutdown). */
  async flush(): Promise<void> {
    await this.writing;
  }
}
