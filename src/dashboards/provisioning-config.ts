/**
 * Grafana's provisioning YAML: <dir>/dashboards/*.yaml (dashboard providers) and
 * <dir>/datasources/*.yaml (data sources), apiVersion 1. String values have $VAR and ${VAR}
 * replaced by environment variables ($$ stands for a literal $), as Grafana does. A file that
 * cannot be used is reported (and logged by the caller) and skipped, never fatal.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ProvisioningError, errMessage } from './errors.js';
import { readTextBounded } from './json-file.js';
import { isObject, type JsonObject } from './validate.js';

const MAX_YAML_BYTES = 1024 * 1024;
const MAX_FILES = 200;

export interface DashboardProviderConfig {
  name: string;
  /** Folder title; "" for the General folder. */
  folder: string;
  folderUid: string;
  type: string;
  path: string;
  foldersFromFilesStructure: boolean;
  allowUiUpdates: boolean;
  disableDeletion: boolean;
  /** The YAML file the provider comes from. */
  file: string;
}

export interface DatasourceConfig {
  name: string;
  type: string;
  uid: string;
  url: string;
  access: string;
  isDefault: boolean;
  jsonData: JsonObject;
  editable: boolean;
  basicAuth: boolean;
  database: string;
  user: string;
  file: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Expands $VAR, ${VAR} and $$ in s. */
export function expandEnv(s: string, env: Env): string {
  return s.replace(/\$(\$|\{([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_m, all: string, braced?: string, bare?: string) => {
    if (all === '$') return '$';
    return env[braced ?? bare ?? ''] ?? '';
  });
}

function expandTree(v: unknown, env: Env): unknown {
  if (typeof v === 'string') return expandEnv(v, env);
  if (Array.isArray(v)) return v.map((x) => expandTree(x, env));
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = expandTree(x, env);
    return out;
  }
  return v;
}

/** The *.yaml / *.yml files of dir, sorted; [] when dir does not exist. */
async function yamlFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()
    .slice(0, MAX_FILES)
    .map((n) => path.join(dir, n));
}

async function readYaml(file: string, env: Env): Promise<JsonObject | null> {
  const text = await readTextBounded(file, MAX_YAML_BYTES);
  if (text === null) return null;
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new ProvisioningError(`invalid YAML: ${errMessage(e)}`, file);
  }
  if (doc === null || doc === undefined) return null;
  if (!isObject(doc)) throw new ProvisioningError('the file must hold a YAML mapping', file);
  const apiVersion = doc['apiVersion'];
  if (apiVersion !== undefined && apiVersion !== 1 && apiVersion !== '1') {
    throw new ProvisioningError(`unsupported apiVersion ${JSON.stringify(apiVersion)} (only 1)`, file);
  }
  return expandTree(doc, env) as JsonObject;
}

function field(o: JsonObject, k: string): string {
  const v = o[k];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

function flag(o: JsonObject, k: string): boolean {
  const v = o[k];
  return v === true || v === 'true';
}

function providerFrom(p: unknown, i: number, file: string): DashboardProviderConfig {
  if (!isObject(p)) throw new ProvisioningError(`providers[${i}] must be a mapping`, file);
  const name = field(p, 'name');
  if (name === '') throw new ProvisioningError(`providers[${i}].name is required`, file);
  const type = field(p, 'type') || 'file';
  if (type !== 'file') throw new ProvisioningError(`provider ${JSON.stringify(name)}: type ${JSON.stringify(type)} is not supported (only file)`, file);
  const options = isObject(p['options']) ? p['options'] : {};
  const dir = field(options, 'path');
  if (dir === '') throw new ProvisioningError(`provider ${JSON.stringify(name)}: options.path is required`, file);
  const fromFiles = flag(options, 'foldersFromFilesStructure');
  const folder = field(p, 'folder');
  if (fromFiles && (folder !== '' || field(p, 'folderUid') !== '')) {
    throw new ProvisioningError(`provider ${JSON.stringify(name)}: 'folder' and 'folderUID' should be empty using foldersFromFilesStructure option`, file);
  }
  return {
    name,
    folder,
    folderUid: field(p, 'folderUid') || field(p, 'folderUID'),
    type,
    path: path.resolve(dir),
    foldersFromFilesStructure: fromFiles,
    allowUiUpdates: flag(p, 'allowUiUpdates'),
    disableDeletion: flag(p, 'disableDeletion'),
    file,
  };
}

/**
 * Dashboard providers of <provisioningDir>/dashboards/*.yaml. Errors of one file or provider
 * go to onError; the rest is used.
 */
export async function readDashboardProviders(provisioningDir: string, env: Env, onError: (e: Error) => void): Promise<DashboardProviderConfig[]> {
  const out: DashboardProviderConfig[] = [];
  const names = new Set<string>();
  for (const file of await yamlFiles(path.join(provisioningDir, 'dashboards'))) {
    try {
      const doc = await readYaml(file, env);
      if (doc === null) continue;
      const providers = doc['providers'];
      if (providers === undefined || providers === null) continue;
      if (!Array.isArray(providers)) throw new ProvisioningError('providers must be a list', file);
      providers.forEach((p, i) => {
        try {
          const cfg = providerFrom(p, i, file);
          if (names.has(cfg.name)) throw new ProvisioningError(`dashboard provider name ${JSON.stringify(cfg.name)} is not unique`, file);
          names.add(cfg.name);
          out.push(cfg);
        } catch (e) {
          onError(e instanceof Error ? e : new Error(String(e)));
        }
      });
    } catch (e) {
      onError(e instanceof Error ? e : new ProvisioningError(String(e), file));
    }
  }
  return out;
}

function datasourceFrom(d: unknown, i: number, file: string): DatasourceConfig {
  if (!isObject(d)) throw new ProvisioningError(`datasources[${i}] must be a mapping`, file);
  const name = field(d, 'name');
  if (name === '') throw new ProvisioningError(`datasources[${i}].name is required`, file);
  const uid = field(d, 'uid');
  if (uid.length > 40) throw new ProvisioningError(`data source ${JSON.stringify(name)}: uid too long, max 40 characters`, file);
  return {
    name,
    type: field(d, 'type'),
    uid,
    url: field(d, 'url'),
    access: field(d, 'access') || 'proxy',
    isDefault: flag(d, 'isDefault'),
    jsonData: isObject(d['jsonData']) ? d['jsonData'] : {},
    editable: flag(d, 'editable'),
    basicAuth: flag(d, 'basicAuth'),
    database: field(d, 'database'),
    user: field(d, 'user'),
    file,
  };
}

/**
 * Data sources of <provisioningDir>/datasources/*.yaml (deleteDatasources entries remove
 * earlier ones by name). Secure fields (secureJsonData, passwords) are never read.
 */
export async function readDatasources(provisioningDir: string, env: Env, onError: (e: Error) => void): Promise<DatasourceConfig[]> {
  const byName = new Map<string, DatasourceConfig>();
  for (const file of await yamlFiles(path.join(provisioningDir, 'datasources'))) {
    try {
      const doc = await readYaml(file, env);
      if (doc === null) continue;
      const del = doc['deleteDatasources'];
      if (Array.isArray(del)) for (const d of del) if (isObject(d)) byName.delete(field(d, 'name'));
      const list = doc['datasources'];
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list)) throw new ProvisioningError('datasources must be a list', file);
      list.forEach((d, i) => {
        try {
          const cfg = datasourceFrom(d, i, file);
          byName.set(cfg.name, cfg);
        } catch (e) {
          onError(e instanceof Error ? e : new Error(String(e)));
        }
      });
    } catch (e) {
      onError(e instanceof Error ? e : new ProvisioningError(String(e), file));
    }
  }
  const out = [...byName.values()];
  const defaults = out.filter((d) => d.isDefault);
  if (defaults.length > 1) {
    onError(new ProvisioningError('datasource.yaml config is invalid. Only one datasource per organization can be marked as default', defaults[1]?.file ?? ''));
    for (const d of defaults.slice(1)) d.isDefault = false;
  }
  return out;
}
