/**
 * The files of the built app (ui/dist), read on demand and kept in memory with their gzip form
 * until they change on disk. Request paths resolve only to regular files inside the root:
 * `..`, dot files, NUL bytes, backslashes and symlinks leading out of the root are refused.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import { compressible, contentType } from './content-type.js';

const gzip = promisify(gzipCb);

/** Below this size gzip is not worth a header. */
const GZIP_MIN_BYTES = 1024;

export interface StaticFile {
  /** The absolute path on disk. */
  file: string;
  /** The path inside the root, with forward slashes (e.g. assets/index-abc.js). */
  name: string;
  contentType: string;
  body: Buffer;
  /** The gzip-compressed body, when compressible and smaller. */
  gzipped: Buffer | null;
  etag: string;
  mtime: Date;
}

/**
 * The path inside the root a URL path names, as relative segments, or null when it may not be
 * served. `urlPath` is still percent-encoded.
 */
export function safeSegments(urlPath: string): string[] | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const parts = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.some((s) => s.startsWith('.'))) return null; // `..` and dot files
  return parts;
}

interface CacheEntry {
  key: string;
  file: StaticFile;
}

/** A directory of static files served read-only. */
export class StaticRoot {
  private readonly cache = new Map<string, CacheEntry>();
  private realRoot: string | null = null;

  /** The absolute root directory. */
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** Whether the root exists and holds index.html (the app is built). */
  async built(): Promise<boolean> {
    return (await this.statFile(path.join(this.root, 'index.html'))) !== null;
  }

  /** The file a URL path names, or null when there is none (or it may not be served). */
  async lookup(urlPath: string): Promise<StaticFile | null> {
    const parts = safeSegments(urlPath);
    if (parts === null || parts.length === 0) return null;
    const abs = path.resolve(this.root, ...parts);
    if (!abs.startsWith(this.root + path.sep)) return null;
    const st = await this.statFile(abs);
    if (st === null || !(await this.inside(abs))) {
      this.cache.delete(abs); // gone since (a rebuild replaced the hashed assets)
      return null;
    }
    const key = `${st.size}-${st.mtimeMs}`;
    const hit = this.cache.get(abs);
    if (hit !== undefined && hit.key === key) return hit.file;
    const file = await this.load(abs, parts.join('/'), st, key);
    if (file !== null) this.cache.set(abs, { key, file });
    return file;
  }

  private async load(abs: string, name: string, st: { mtime: Date }, key: string): Promise<StaticFile | null> {
    let body: Buffer;
    try {
      body = await fs.readFile(abs);
    } catch {
      return null;
    }
    let gzipped: Buffer | null = null;
    if (compressible(abs) && body.length >= GZIP_MIN_BYTES) {
      const z = await gzip(body, { level: 9 });
      if (z.length < body.length) gzipped = z;
    }
    return { file: abs, name, contentType: contentType(abs), body, gzipped, etag: `"${key.replace('.', '_')}"`, mtime: st.mtime };
  }

  private async statFile(abs: string): Promise<{ size: number; mtimeMs: number; mtime: Date } | null> {
    try {
      const st = await fs.stat(abs);
      return st.isFile() ? st : null;
    } catch {
      return null;
    }
  }

  /** Whether the file's real path (symlinks resolved) is inside the root's real path. */
  private async inside(abs: string): Promise<boolean> {
    try {
      this.realRoot ??= await fs.realpath(this.root);
      const real = await fs.realpath(abs);
      return real.startsWith(this.realRoot + path.sep);
    } catch {
      return false;
    }
  }
}
