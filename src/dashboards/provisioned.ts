/**
 * Dashboards provisioned from files: every *.json under a provider's path (recursively),
 * validated as a dashboard, its folder taken from the provider (or from the sub-directory
 * with foldersFromFilesStructure). A file that cannot be used is reported and skipped.
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { ProvisioningError, errMessage } from './errors.js';
import { FileTooLargeError, readTextBounded } from './json-file.js';
import type { DashboardProviderConfig } from './provisioning-config.js';
import { MAX_DASHBOARD_BYTES } from './store.js';
import { validateDashboard, type JsonObject } from './validate.js';

const MAX_FILES_PER_PROVIDER = 2000;
const MAX_DEPTH = 8;

export interface DashboardFile {
  /** Absolute path. */
  file: string;
  /** Path relative to the provider's path (Grafana's provisionedExternalId). */
  externalId: string;
  /** Folder title ("" for General). */
  folderTitle: string;
  dashboard: JsonObject;
  checksum: string;
}

const isJson = (name: string): boolean => name.toLowerCase().endsWith('.json');

async function walk(dir: string, depth: number, seen: Set<string>, out: string[], accept: (name: string) => boolean = isJson): Promise<void> {
  if (depth > MAX_DEPTH || out.length >= MAX_FILES_PER_PROVIDER) return;
  const real = await fsp.realpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = await fsp.stat(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue;
      }
    }
    if (isDir) await walk(full, depth + 1, seen, out, accept);
    else if (isFile && accept(e.name)) {
      if (out.length >= MAX_FILES_PER_PROVIDER) return;
      out.push(full);
    }
  }
}

function folderFor(p: DashboardProviderConfig, externalId: string): string {
  if (!p.foldersFromFilesStructure) return p.folder;
  const dir = path.dirname(externalId);
  return dir === '.' ? '' : path.basename(dir);
}

async function readDashboardFile(p: DashboardProviderConfig, file: string): Promise<DashboardFile> {
  let text: string | null;
  try {
    text = await readTextBounded(file, MAX_DASHBOARD_BYTES);
  } catch (e) {
    if (e instanceof FileTooLargeError) throw new ProvisioningError(`larger than ${MAX_DASHBOARD_BYTES} bytes`, file);
    throw e;
  }
  if (text === null) throw new ProvisioningError('file vanished', file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ProvisioningError(`invalid JSON: ${errMessage(e)}`, file);
  }
  try {
    validateDashboard(doc);
  } catch (e) {
    throw new ProvisioningError(errMessage(e), file);
  }
  const externalId = path.relative(p.path, file);
  return {
    file,
    externalId,
    folderTitle: folderFor(p, externalId),
    dashboard: doc,
    checksum: createHash('sha256').update(text).digest('hex'),
  };
}

/** Reads the dashboards of one provider; errors of single files go to onError. */
export async function readProviderDashboards(p: DashboardProviderConfig, onError: (e: Error) => void): Promise<DashboardFile[]> {
  const files: string[] = [];
  try {
    await walk(p.path, 0, new Set(), files);
  } catch (e) {
    onError(new ProvisioningError(`cannot read the dashboards of provider ${JSON.stringify(p.name)}: ${errMessage(e)}`, p.path));
    return [];
  }
  const out: DashboardFile[] = [];
  for (const f of files) {
    try {
      out.push(await readDashboardFile(p, f));
    } catch (e) {
      onError(e instanceof Error ? e : new Error(String(e)));
    }
  }
  return out;
}

/**
 * A cheap fingerprint of the files under the given paths (names, sizes, modification times),
 * to notice changes without reading the dashboards.
 */
export async function filesFingerprint(paths: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const root of paths) {
    const files: string[] = [];
    try {
      await walk(root, 0, new Set(), files, (n) => /\.(json|ya?ml)$/i.test(n));
    } catch {
      parts.push(`${root}:missing`);
      continue;
    }
    for (const f of files) {
      try {
        const st = await fsp.stat(f);
        parts.push(`${f}:${st.size}:${st.mtimeMs}`);
      } catch {
        parts.push(`${f}:gone`);
      }
    }
  }
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}
