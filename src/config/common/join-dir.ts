/** config.JoinDir: a relative path is joined with the config file's directory. */
import { isAbsolute, join } from 'node:path';

export function joinDir(dir: string, path: string): string {
  if (path === '' || isAbsolute(path)) return path;
  return join(dir, path);
}
