/**
 * The dashboards saved through the API: one JSON file per dashboard under
 * <dataDir>/dashboards/db/<uid>.json holding the dashboard and its metadata (id, version,
 * folder, who saved it and when). Files are written atomically; their number and sizes are
 * bounded; a file that cannot be read is logged and skipped, never fatal.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { StructuredLogger } from '../log/index.js';
import { DashboardApiError, errMessage } from './errors.js';
import { readTextBounded, removeTmpFiles, writeFileAtomic } from './json-file.js';
import { uidError } from './slug.js';
import { isObject, validateDashboard, type JsonObject } from './validate.js';

/** Largest dashboard JSON accepted (bytes, serialised). */
export const MAX_DASHBOARD_BYTES = 4 * 1024 * 1024;
/** Most dashboards kept. */
export const MAX_DASHBOARDS = 5000;

/** Origin of a saved override of a provisioned dashboard (allowUiUpdates). */
export interface ProvisionedOrigin {
  provider: string;
  externalId: string;
  /** Checksum of the provisioning file the override was saved over. */
  checksum: string;
}

export interface DashboardRecord {
  id: number;
  uid: string;
  title: string;
  /** "" for the General (root) folder. */
  folderUid: string;
  version: number;
  created: string;
  updated: string;
  createdBy: string;
  updatedBy: string;
  message: string;
  pluginId: string;
  /** The dashboard JSON, with id, uid, title and version set to the record's. */
  dashboard: JsonObject;
  /** Set when this record overrides a provisioned dashboard. */
  provisioned?: ProvisionedOrigin;
}

function str(o: JsonObject, k: string): string {
  const v = o[k];
  return typeof v === 'string' ? v : '';
}

function num(o: JsonObject, k: string): number {
  const v = o[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

function parseOrigin(v: unknown): ProvisionedOrigin | undefined {
  if (!isObject(v)) return undefined;
  return { provider: str(v, 'provider'), externalId: str(v, 'externalId'), checksum: str(v, 'checksum') };
}

/** A record from its file's JSON; throws with the reason when it is not one. */
export function parseRecord(text: string): DashboardRecord {
  const o: unknown = JSON.parse(text);
  if (!isObject(o)) throw new Error('not a JSON object');
  const dashboard = o['dashboard'];
  validateDashboard(dashboard);
  const uid = str(o, 'uid');
  if (uid === '' || uidError(uid) !== null) throw new Error(`invalid uid ${JSON.stringify(uid)}`);
  const rec: DashboardRecord = {
    id: num(o, 'id'),
    uid,
    title: str(o, 'title'),
    folderUid: str(o, 'folderUid'),
    version: num(o, 'version'),
    created: str(o, 'created'),
    updated: str(o, 'updated'),
    createdBy: str(o, 'createdBy'),
    updatedBy: str(o, 'updatedBy'),
    message: str(o, 'message'),
    pluginId: str(o, 'pluginId'),
    dashboard,
  };
  const origin = parseOrigin(o['provisioned']);
  if (origin !== undefined) rec.provisioned = origin;
  return rec;
}

export class DashboardStore {
  private readonly records = new Map<string, DashboardRecord>();
  private readonly dbDir: string;
  private maxId = 0;

  constructor(
    dir: string,
    private readonly logger: StructuredLogger,
  ) {
    this.dbDir = path.join(dir, 'db');
  }

  /** Loads every saved dashboard. */
  async open(): Promise<void> {
    await fsp.mkdir(this.dbDir, { recursive: true, mode: 0o700 });
    await removeTmpFiles(this.dbDir);
    const names = (await fsp.readdir(this.dbDir)).filter((n) => n.endsWith('.json')).sort();
    for (const n of names) {
      const file = path.join(this.dbDir, n);
      try {
        const text = await readTextBounded(file, MAX_DASHBOARD_BYTES + 64 * 1024);
        if (text === null) continue;
        const rec = parseRecord(text);
        if (`${rec.uid}.json` !== n) throw new Error(`uid ${rec.uid} does not match the file name`);
        if (this.records.size >= MAX_DASHBOARDS) throw new Error(`more than ${MAX_DASHBOARDS} dashboards`);
        this.records.set(rec.uid, rec);
        this.maxId = Math.max(this.maxId, rec.id);
      } catch (e) {
        this.logger.error('Failed to load dashboard', { file, err: errMessage(e) });
      }
    }
  }

  /** The highest id of a saved dashboard (new ids are allocated above it). */
  highestId(): number {
    return this.maxId;
  }

  get(uid: string): DashboardRecord | undefined {
    return this.records.get(uid);
  }

  all(): IterableIterator<DashboardRecord> {
    return this.records.values();
  }

  /** Saves (creates or replaces) a record. */
  async put(rec: DashboardRecord): Promise<void> {
    const text = JSON.stringify(rec);
    if (text.length > MAX_DASHBOARD_BYTES) {
      throw new DashboardApiError(`dashboard is too large: the limit is ${MAX_DASHBOARD_BYTES} bytes`, 400);
    }
    if (!this.records.has(rec.uid) && this.records.size >= MAX_DASHBOARDS) {
      throw new DashboardApiError(`too many dashboards: the limit is ${MAX_DASHBOARDS}`, 400);
    }
    await writeFileAtomic(path.join(this.dbDir, `${rec.uid}.json`), text);
    this.records.set(rec.uid, rec);
    this.maxId = Math.max(this.maxId, rec.id);
  }

  async delete(uid: string): Promise<boolean> {
    if (!this.records.has(uid)) return false;
    await fsp.rm(path.join(this.dbDir, `${uid}.json`), { force: true });
    this.records.delete(uid);
    return true;
  }
}
