/**
 * Where the test suites find the repository root and the shared conformance data
 * (../shared next to the repository, or $VIGIL_SHARED_DIR).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above this file (compiled or not) that holds package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root (with package.json) not found');
    dir = up;
  }
}

/** A path inside the shared data folder: $VIGIL_SHARED_DIR, else ../shared beside the repository. */
export function sharedDir(...parts: string[]): string {
  const shared = process.env['VIGIL_SHARED_DIR'] ?? resolve(repoRoot(), '..', 'shared');
  return join(shared, ...parts);
}
