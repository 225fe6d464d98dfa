/**
 * The dashboards Vigil serves: those saved through the API (DashboardStore) and those
 * provisioned from files, with the folders they live in. Saving follows Grafana's rules
 * (version check, same title in a folder, plugin and provisioned dashboards) and answers with
 * Grafana's errors.
 */
import type { StructuredLogger } from '../log/index.js';
import { DashboardApiError } from './errors.js';
import type { DashboardFile } from './provisioned.js';
import type { DashboardProviderConfig } from './provisioning-config.js';
import { generateUid, slugify, stableUid, uidError } from './slug.js';
import type { DashboardRecord, DashboardStore } from './store.js';
import type { JsonObject } from './validate.js';

export interface Folder {
  id: number;
  uid: string;
  title: string;
}

export interface ProvisionedDashboard {
  record: DashboardRecord;
  provider: DashboardProviderConfig;
  externalId: string;
  checksum: string;
}

/** A dashboard as served: the record and, when provisioned, where it comes from. */
export interface Effective {
  record: DashboardRecord;
  provisioned?: ProvisionedDashboard;
}

export interface SaveInput {
  dashboard: JsonObject;
  folderUid?: string;
  folderId?: number;
  overwrite: boolean;
  message: string;
  pluginId?: string;
  user: string;
}

export interface SaveResult {
  record: DashboardRecord;
}

const MAX_TITLE = 5000;
const MAX_MESSAGE = 500;

export class DashboardCatalog {
  private readonly folders = new Map<string, Folder>();
  private provisioned = new Map<string, ProvisionedDashboard>();
  private nextId: number;

  constructor(
    private readonly store: DashboardStore,
    private readonly logger: StructuredLogger,
    private readonly now: () => number,
  ) {
    this.nextId = store.highestId() + 1;
  }

  private allocateId(): number {
    const id = Math.max(this.nextId, this.store.highestId() + 1);
    this.nextId = id + 1;
    return id;
  }

  private folderByTitle(title: string, uid: string): Folder {
    const want = uid !== '' ? uid : stableUid('folder', title);
    let f = this.folders.get(want);
    if (f === undefined) {
      f = { id: this.allocateId(), uid: want, title };
      this.folders.set(want, f);
    }
    return f;
  }

  /** Replaces the provisioned dashboards with those read from the providers' files. */
  setProvisioned(loaded: ReadonlyArray<{ provider: DashboardProviderConfig; files: readonly DashboardFile[] }>): void {
    const next = new Map<string, ProvisionedDashboard>();
    const titles = new Set<string>();
    for (const { provider, files } of loaded) {
      for (const f of files) {
        const folder = f.folderTitle === '' ? null : this.folderByTitle(f.folderTitle, provider.foldersFromFilesStructure ? '' : provider.folderUid);
        const rawUid = f.dashboard['uid'];
        const uid = typeof rawUid === 'string' && rawUid !== '' ? rawUid : stableUid('dashboard-file', `${provider.name}\u0000${f.externalId}`);
        const bad = uidError(uid);
        const title = typeof f.dashboard['title'] === 'string' ? f.dashboard['title'].trim() : '';
        const problem = bad ?? (title === '' ? 'Dashboard title cannot be empty' : next.has(uid) ? `the same UID is used more than once (${uid})` : null);
        const titleKey = `${folder?.uid ?? ''}\u0000${title}`;
        if (problem !== null || titles.has(titleKey)) {
          this.logger.error('Failed to provision dashboard', { provider: provider.name, file: f.file, err: problem ?? 'A dashboard with the same name in the folder already exists' });
          continue;
        }
        titles.add(titleKey);
        const old = this.provisioned.get(uid);
        const ts = new Date(this.now()).toISOString();
        const version = old === undefined ? 1 : old.checksum === f.checksum ? old.record.version : old.record.version + 1;
        const record: DashboardRecord = {
          id: old?.record.id ?? this.store.get(uid)?.id ?? this.allocateId(),
          uid,
          title,
          folderUid: folder?.uid ?? '',
          version,
          created: old?.record.created ?? ts,
          updated: old !== undefined && old.checksum === f.checksum ? old.record.updated : ts,
          createdBy: 'Anonymous',
          updatedBy: 'Anonymous',
          message: '',
          pluginId: '',
          dashboard: { ...f.dashboard, uid, title, version, id: null },
        };
        record.dashboard['id'] = record.id;
        next.set(uid, { record, provider, externalId: f.externalId, checksum: f.checksum });
      }
    }
    this.provisioned = next;
  }

  folder(uid: string): Folder | undefined {
    return this.folders.get(uid);
  }

  allFolders(): Folder[] {
    return [...this.folders.values()];
  }

  /** The dashboard served under uid. */
  get(uid: string): Effective | undefined {
    const p = this.provisioned.get(uid);
    const stored = this.store.get(uid);
    if (p !== undefined) {
      // A UI save over a provisioned dashboard stays until its file changes.
      if (stored?.provisioned !== undefined && stored.provisioned.checksum === p.checksum && p.provider.allowUiUpdates) {
        return { record: stored, provisioned: p };
      }
      return { record: p.record, provisioned: p };
    }
    return stored === undefined ? undefined : { record: stored };
  }

  list(): Effective[] {
    const out: Effective[] = [];
    for (const uid of this.provisioned.keys()) {
      const e = this.get(uid);
      if (e !== undefined) out.push(e);
    }
    for (const r of this.store.all()) if (!this.provisioned.has(r.uid)) out.push({ record: r });
    return out;
  }

  private byId(id: number): Effective | undefined {
    return this.list().find((e) => e.record.id === id);
  }

  private targetFolder(input: SaveInput): string {
    if (input.folderUid !== undefined && input.folderUid !== '') {
      if (!this.folders.has(input.folderUid)) throw new DashboardApiError('folder not found', 400);
      return input.folderUid;
    }
    if (input.folderId !== undefined && input.folderId !== 0) {
      const f = [...this.folders.values()].find((x) => x.id === input.folderId);
      if (f === undefined) throw new DashboardApiError('folder not found', 400);
      return f.uid;
    }
    return '';
  }

  /** The existing dashboard a save replaces (by id or uid), after Grafana's checks. */
  private existingFor(input: SaveInput, uid: string): Effective | undefined {
    const d = input.dashboard;
    const id = typeof d['id'] === 'number' && d['id'] !== 0 ? d['id'] : null;
    const byId = id === null ? undefined : this.byId(id);
    if (id !== null && byId === undefined) throw new DashboardApiError('Dashboard not found', 404, 'not-found');
    const byUid = uid === '' ? undefined : this.get(uid);
    if (byId !== undefined && byUid !== undefined && byId.record.uid !== byUid.record.uid) {
      throw new DashboardApiError('A dashboard with the same uid already exists', 400);
    }
    const existing = byId ?? byUid;
    if (existing === undefined) return undefined;
    const version = typeof d['version'] === 'number' ? d['version'] : 0;
    if (version !== existing.record.version && !input.overwrite) {
      throw new DashboardApiError('The dashboard has been changed by someone else', 412, 'version-mismatch');
    }
    if (existing.record.pluginId !== '' && !input.overwrite) {
      throw new DashboardApiError(`The dashboard belongs to plugin ${existing.record.pluginId}.`, 412, 'plugin-dashboard');
    }
    return existing;
  }

  private checkSavable(e: Effective | undefined): void {
    if (e?.provisioned !== undefined && !e.provisioned.provider.allowUiUpdates) {
      throw new DashboardApiError('Cannot save provisioned dashboard', 400);
    }
  }

  /** Creates or updates a dashboard (POST /api/dashboards/db). */
  async save(input: SaveInput): Promise<SaveResult> {
    const d = input.dashboard;
    const title = typeof d['title'] === 'string' ? d['title'].trim() : '';
    if (title === '') throw new DashboardApiError('Dashboard title cannot be empty', 400, 'empty-name');
    if (title.length > MAX_TITLE) throw new DashboardApiError('Dashboard title cannot contain more than 5 000 characters', 400, 'title-too-long');
    if (input.message.length > MAX_MESSAGE) throw new DashboardApiError('message too long, max 500 characters', 400);
    const givenUid = typeof d['uid'] === 'string' ? d['uid'] : '';
    const bad = uidError(givenUid);
    if (bad !== null) throw new DashboardApiError(bad, 400);
    const folderUid = this.targetFolder(input);
    let existing = this.existingFor(input, givenUid);
    const sameTitle = this.list().find((e) => e.record.folderUid === folderUid && e.record.title === title && e.record.uid !== (existing?.record.uid ?? givenUid));
    if (sameTitle !== undefined) {
      if (!input.overwrite) throw new DashboardApiError('A dashboard with the same name in the folder already exists', 412, 'name-exists');
      existing = sameTitle;
    }
    this.checkSavable(existing);
    const prev = existing?.record;
    const uid = prev?.uid ?? (givenUid !== '' ? givenUid : generateUid());
    const ts = new Date(this.now()).toISOString();
    const record: DashboardRecord = {
      id: prev?.id ?? this.allocateId(),
      uid,
      title,
      folderUid,
      version: (prev?.version ?? 0) + 1,
      created: prev?.created ?? ts,
      updated: ts,
      createdBy: prev?.createdBy ?? input.user,
      updatedBy: input.user,
      message: input.message,
      pluginId: input.pluginId ?? prev?.pluginId ?? '',
      dashboard: d,
    };
    record.dashboard = { ...d, id: record.id, uid, title, version: record.version };
    const p = existing?.provisioned;
    if (p !== undefined) record.provisioned = { provider: p.provider.name, externalId: p.externalId, checksum: p.checksum };
    await this.store.put(record);
    return { record };
  }

  /** Deletes a dashboard saved through the API; provisioned ones cannot be deleted. */
  async delete(uid: string): Promise<DashboardRecord> {
    const e = this.get(uid);
    if (e === undefined) throw new DashboardApiError('Dashboard not found', 404, 'not-found');
    if (e.provisioned !== undefined) throw new DashboardApiError('provisioned dashboard cannot be deleted', 400);
    await this.store.delete(uid);
    return e.record;
  }

  /** The slug of a record's title. */
  static slug(r: DashboardRecord): string {
    return slugify(r.title);
  }
}
