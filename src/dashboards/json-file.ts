/**
 * Small JSON files on disk: bounded reads and atomic writes (temporary file in the same
 * directory, fsync, rename), so a crash never leaves a half-written dashboard or user file.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';

const TMP_MARK = '.tmp-';

/** Writes data to file atomically (mode 0600: user and session files hold secrets' hashes). */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}${TMP_MARK}${randomBytes(6).toString('hex')}`;
  const fh = await fsp.open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(data, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fsp.rename(tmp, file);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  }
}

/** True for a leftover of an interrupted atomic write. */
export function isTmpFile(name: string): boolean {
  return name.includes(TMP_MARK);
}

/** Removes leftovers of interrupted writes in dir. */
export async function removeTmpFiles(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return;
  }
  for (const n of names) if (isTmpFile(n)) await fsp.rm(path.join(dir, n), { force: true });
}

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(file: string, limit: number) {
    super(`${file} is larger than ${limit} bytes`);
  }
}

/** Reads a text file of at most maxBytes; null when it does not exist. */
export async function readTextBounded(file: string, maxBytes: number): Promise<string | null> {
  let fh: fsp.FileHandle;
  try {
    fh = await fsp.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const st = await fh.stat();
    if (st.size > maxBytes) throw new FileTooLargeError(file, maxBytes);
    return await fh.readFile('utf8');
  } finally {
    await fh.close();
  }
}
