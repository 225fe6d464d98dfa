/**
 * Users who may edit dashboards, in <dataDir>/dashboards/users.json with bcrypt hashes. At
 * first start an admin user admin/admin is created and flagged must-change: until its
 * password is changed it may sign in but not edit. Verification costs the same for unknown
 * users (a fixed hash is compared), so timing does not reveal which users exist.
 */
import bcrypt from 'bcryptjs';
import * as path from 'node:path';
import type { StructuredLogger } from '../log/index.js';
import { errMessage } from './errors.js';
import { readTextBounded, writeFileAtomic } from './json-file.js';
import { isObject } from './validate.js';

const BCRYPT_COST = 10;
const MAX_USERS = 100;
const MAX_FILE = 1024 * 1024;
/** Grafana's minimum password length. */
export const MIN_PASSWORD = 4;
/** bcrypt of a password nobody has, compared for unknown users. */
const FAKE_HASH = '$2b$10$Y7L9x0Zil3eHXpj70PSUuOd6tg3k4XnWVlUARQYor7ejgDrSrubxq';

export interface User {
  id: number;
  login: string;
  email: string;
  name: string;
  isAdmin: boolean;
  passwordHash: string;
  mustChangePassword: boolean;
  created: string;
  updated: string;
}

function parseUser(v: unknown): User | null {
  if (!isObject(v)) return null;
  const s = (k: string): string => (typeof v[k] === 'string' ? (v[k] as string) : '');
  if (s('login') === '' || !s('passwordHash').startsWith('$2')) return null;
  return {
    id: typeof v['id'] === 'number' ? v['id'] : 0,
    login: s('login'),
    email: s('email'),
    name: s('name'),
    isAdmin: v['isAdmin'] === true,
    passwordHash: s('passwordHash'),
    mustChangePassword: v['mustChangePassword'] === true,
    created: s('created'),
    updated: s('updated'),
  };
}

export class UserStore {
  private users: User[] = [];
  /** Incremented at every change of a user (caches of verified credentials compare it). */
  generation = 0;
  private readonly file: string;

  constructor(
    dir: string,
    private readonly logger: StructuredLogger,
    private readonly now: () => number,
  ) {
    this.file = path.join(dir, 'users.json');
  }

  /** Loads the users; creates admin/admin (must change) when there are none. */
  async open(): Promise<void> {
    let text: string | null = null;
    try {
      text = await readTextBounded(this.file, MAX_FILE);
      if (text !== null) {
        const doc: unknown = JSON.parse(text);
        const list = isObject(doc) && Array.isArray(doc['users']) ? doc['users'] : [];
        this.users = list.map(parseUser).filter((u): u is User => u !== null).slice(0, MAX_USERS);
      }
    } catch (e) {
      // Keep the broken file for the operator: do not overwrite it with a fresh admin.
      this.logger.error('Failed to read the dashboard users; signing in is disabled until the file is fixed', { file: this.file, err: errMessage(e) });
      return;
    }
    if (this.users.length === 0) {
      const ts = new Date(this.now()).toISOString();
      this.users.push({
        id: 1,
        login: 'admin',
        email: 'admin@localhost',
        name: 'admin',
        isAdmin: true,
        passwordHash: await bcrypt.hash('admin', BCRYPT_COST),
        mustChangePassword: true,
        created: ts,
        updated: ts,
      });
      await this.save();
      this.logger.info('Created the dashboards admin user "admin" (password must be changed at first sign-in)');
    }
  }

  private async save(): Promise<void> {
    this.generation++;
    await writeFileAtomic(this.file, JSON.stringify({ users: this.users }, null, 1) + '\n');
  }

  byId(id: number): User | undefined {
    return this.users.find((u) => u.id === id);
  }

  /** The user whose login (or email) and password match, else null. */
  async verify(login: string, password: string): Promise<User | null> {
    const u = this.users.find((x) => x.login === login || (x.email !== '' && x.email === login));
    const ok = await bcrypt.compare(password, u?.passwordHash ?? FAKE_HASH);
    return ok && u !== undefined ? u : null;
  }

  async checkPassword(u: User, password: string): Promise<boolean> {
    return bcrypt.compare(password, u.passwordHash);
  }

  async setPassword(u: User, password: string): Promise<void> {
    u.passwordHash = await bcrypt.hash(password, BCRYPT_COST);
    u.mustChangePassword = false;
    u.updated = new Date(this.now()).toISOString();
    await this.save();
  }
}
