/**
 * `vigil check web-config FILE...` (promtool check web-config): validates web.config.file
 * files as exporter-toolkit's web.Validate does; reports `<file> SUCCESS` or
 * `<file> FAILED: <error>` on stderr; exit 1 when any file fails.
 */
import { statSync } from 'node:fs';
import { validateWebConfigFile } from '../../config/index.js';

const USAGE = `usage: vigil check web-config <web-config-files>...

Check if the web config files are valid or not.

Args:
  <web-config-files>  The config files to check.
`;

/** Runs `check web-config`; resolves to the exit code. */
export async function checkWebConfig(args: string[]): Promise<number> {
  const files: string[] = [];
  for (const a of args) {
    if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (a.startsWith('--') && a.length > 2) {
      process.stderr.write(`vigil: error: unknown long flag '${a.split('=')[0]}', try --help\n`);
      return 1;
    }
    files.push(a);
  }
  if (files.length === 0) {
    process.stderr.write("vigil: error: required argument 'web-config-files' not provided, try --help\n");
    return 1;
  }
  for (const f of files) {
    try {
      statSync(f);
    } catch {
      process.stderr.write(`vigil: error: path '${f}' does not exist, try --help\n`);
      return 1;
    }
  }
  let failed = false;
  for (const f of files) {
    try {
      validateWebConfigFile(f);
      process.stderr.write(`${f} SUCCESS\n`);
    } catch (e) {
      process.stderr.write(`${f} FAILED: ${e instanceof Error ? e.message : String(e)}\n`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}
