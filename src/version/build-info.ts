/**
 * Vigil's version and build information (Prometheus's version package), read from
 * package.json, for --version, /api/v1/status/buildinfo and prometheus_build_info.
 */
import { readFileSync } from 'node:fs';

let cached: string | null = null;

export function vigilVersion(): string {
  if (cached !== null) return cached;
  cached = 'unknown';
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    if (pkg !== null && typeof pkg === 'object' && 'version' in pkg && typeof pkg.version === 'string') cached = pkg.version;
  } catch {
    // keep "unknown"
  }
  return cached;
}

/** The --version banner, in the form the Prometheus binaries print. */
export function versionText(program: string): string {
  return [
    `${program}, version ${vigilVersion()}`,
    `  node version:     ${process.version}`,
    `  platform:         ${process.platform}/${process.arch}`,
  ].join('\n');
}
