/**
 * HTTP basic authentication against web.config.file's basic_auth_users (exporter-toolkit's
 * webHandler): bcrypt verification with a bounded cache of outcomes per (user, hash,
 * password), so that a client sending the same credentials costs one bcrypt comparison, and a
 * fixed hash for unknown users so response times do not reveal which users exist. Cache keys
 * are SHA-256 digests: no password is kept in memory in clear.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifyBasicAuth } from '../config/index.js';

/** bcrypt of "fakepassword" (the hash exporter-toolkit uses for unknown users). */
const FAKE_HASH = '$2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi';

const CACHE_SIZE = 100;

/** The user and password of an `Authorization: Basic` header, or null. */
export function basicCredentials(req: IncomingMessage): { user: string; password: string } | null {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return null;
  const m = /^basic\s+(\S+)\s*$/i.exec(h);
  if (m === null) return null;
  const decoded = Buffer.from(m[1] as string, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return null;
  return { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

export class BasicAuthVerifier {
  private readonly cache = new Map<string, boolean>();

  /** True when the credentials match a configured user. */
  verify(users: Readonly<Record<string, string>>, user: string, password: string): boolean {
    const known = Object.prototype.hasOwnProperty.call(users, user);
    const hash = known ? (users[user] as string) : FAKE_HASH;
    const key = createHash('sha256').update(user).update('\u0000').update(hash).update('\u0000').update(password).digest('hex');
    let ok = this.cache.get(key);
    if (ok === undefined) {
      ok = verifyBasicAuth({ [user]: hash }, user, password) && known;
      if (this.cache.size >= CACHE_SIZE) {
        // Evict an arbitrary (the oldest inserted) entry, as the toolkit's cache evicts one.
        const first = this.cache.keys().next();
        if (first.done !== true) this.cache.delete(first.value);
      }
      this.cache.set(key, ok);
    }
    return ok && known;
  }
}
