/**
 * The data directory's lock file (`lock`, as Prometheus): one writer per directory. Node has no
 * flock, so the file holds the owner's PID; a lock is held if its PID is a live process (or, on
 * Linux, if another process holds a flock on the file, as a running Prometheus does). A stale
 * lock (its process died, e.g. after kill -9) is replaced with a log line, as upstream.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TSDBLogger } from './db-options.js';

export const LOCK_FILENAME = 'lock';

/** Another process (or another DB in this process) holds the directory. */
export class LockError extends Error {
  override name = 'LockError';
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`lock DB directory: resource temporarily unavailable (${file}: ${detail})`);
  }
}

/** Directories locked by this process (a second open in-process must fail too). */
const heldInProcess = new Set<string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: the PID holding a flock/POSIX lock on the file's inode, or 0. */
function flockHolder(file: string): number {
  let ino: number;
  try {
    ino = fs.statSync(file).ino;
  } catch {
    return 0;
  }
  let text: string;
  try {
    text = fs.readFileSync('/proc/locks', 'utf8');
  } catch {
    return 0;
  }
  for (const line of text.split('\n')) {
    // "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF"
    const f = line.trim().split(/\s+/);
    const dev = f[5];
    if (dev === undefined) continue;
    const parts = dev.split(':');
    if (Number(parts[2]) === ino) {
      const pid = Number(f[4]);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) return pid;
    }
  }
  return 0;
}

export class DirLock {
  private released = false;

  private constructor(readonly file: string) {}

  /** Takes the lock of dir or throws LockError. */
  static acquire(dir: string, logger: TSDBLogger): DirLock {
    const file = path.join(path.resolve(dir), LOCK_FILENAME);
    if (heldInProcess.has(file)) throw new LockError(file, 'already locked by this process');
    let existed = false;
    try {
      const text = fs.readFileSync(file, 'utf8').trim();
      existed = true;
      const pid = Number(text);
      if (text !== '' && Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) {
        throw new LockError(file, `held by process ${pid}`);
      }
    } catch (e) {
      if (e instanceof LockError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const holder = flockHolder(file);
    if (holder !== 0) throw new LockError(file, `locked by process ${holder}`);
    fs.writeFileSync(file, `${process.pid}\n`);
    heldInProcess.add(file);
    if (existed) logger.warn('A lockfile from a previous execution already existed. It was replaced', { file });
    return new DirLock(file);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    heldInProcess.delete(this.file);
    try {
      fs.rmSync(this.file, { force: true });
    } catch {
      // Best effort: a leftover lock file with a dead PID is replaced at the next open.
    }
  }
}
