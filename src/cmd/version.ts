import { readFileSync } from 'node:fs';

/** Vigil's version, read from package.json. */
export function vigilVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
  if (pkg && typeof pkg === 'object' && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  return 'unknown';
}

/** Version banner in the form the Prometheus tools print for --version. */
export function versionBanner(program: string): string {
  return [
    `${program}, version ${vigilVersion()}`,
    `  node version:     ${process.version}`,
    `  platform:         ${process.platform}/${process.arch}`,
  ].join('\n');
}
