/**
 * The JSON bodies of Grafana's dashboard API: GET /api/dashboards/uid/:uid ({dashboard,
 * meta}), /api/search items (dash-db and dash-folder) and folder objects. URLs include the
 * route prefix, as Grafana's include its sub-path.
 */
import type { DashboardCatalog, Effective, Folder } from './catalog.js';
import { slugify } from './slug.js';
import type { DashboardRecord } from './store.js';
import type { JsonObject } from './validate.js';

export interface ViewContext {
  /** "" at the root, else "/prefix". */
  prefix: string;
  catalog: DashboardCatalog;
}

export function dashboardUrl(ctx: ViewContext, r: DashboardRecord): string {
  return `${ctx.prefix}/d/${encodeURIComponent(r.uid)}/${slugify(r.title)}`;
}

export function folderUrl(ctx: ViewContext, f: Folder): string {
  return `${ctx.prefix}/dashboards/f/${encodeURIComponent(f.uid)}/${slugify(f.title)}`;
}

/** GET /api/dashboards/uid/:uid. canEdit tells whether the requester may save. */
export function dashboardView(ctx: ViewContext, e: Effective, canEdit: boolean): JsonObject {
  const r = e.record;
  const folder = r.folderUid === '' ? undefined : ctx.catalog.folder(r.folderUid);
  const p = e.provisioned;
  const canSave = canEdit && (p === undefined || p.provider.allowUiUpdates);
  const meta: JsonObject = {
    type: 'db',
    canSave,
    canEdit,
    canAdmin: canEdit,
    canStar: false,
    canDelete: canEdit && p === undefined,
    slug: slugify(r.title),
    url: dashboardUrl(ctx, r),
    expires: '0001-01-01T00:00:00Z',
    created: r.created,
    updated: r.updated,
    updatedBy: r.updatedBy,
    createdBy: r.createdBy,
    version: r.version,
    hasAcl: false,
    isFolder: false,
    folderId: folder?.id ?? 0,
    folderUid: folder?.uid ?? '',
    folderTitle: folder?.title ?? 'General',
    folderUrl: folder === undefined ? '' : folderUrl(ctx, folder),
    provisioned: p !== undefined,
    provisionedExternalId: p?.externalId ?? '',
    annotationsPermissions: {
      dashboard: { canAdd: false, canEdit: false, canDelete: false },
      organization: { canAdd: false, canEdit: false, canDelete: false },
    },
  };
  if (p !== undefined) meta['allowUiUpdates'] = p.provider.allowUiUpdates;
  return { dashboard: r.dashboard, meta };
}

function tagsOf(r: DashboardRecord): string[] {
  const t = r.dashboard['tags'];
  return Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

export function dashboardSearchItem(ctx: ViewContext, r: DashboardRecord): JsonObject {
  const item: JsonObject = {
    id: r.id,
    uid: r.uid,
    orgId: 1,
    title: r.title,
    uri: `db/${slugify(r.title)}`,
    url: dashboardUrl(ctx, r),
    slug: '',
    type: 'dash-db',
    tags: tagsOf(r),
    isStarred: false,
    sortMeta: 0,
  };
  const folder = r.folderUid === '' ? undefined : ctx.catalog.folder(r.folderUid);
  if (folder !== undefined) {
    item['folderId'] = folder.id;
    item['folderUid'] = folder.uid;
    item['folderTitle'] = folder.title;
    item['folderUrl'] = folderUrl(ctx, folder);
  }
  return item;
}

export function folderSearchItem(ctx: ViewContext, f: Folder): JsonObject {
  return {
    id: f.id,
    uid: f.uid,
    orgId: 1,
    title: f.title,
    uri: `db/${slugify(f.title)}`,
    url: folderUrl(ctx, f),
    slug: '',
    type: 'dash-folder',
    tags: [],
    isStarred: false,
    sortMeta: 0,
  };
}

/** A folder as GET /api/folders/:uid answers. */
export function folderView(ctx: ViewContext, f: Folder): JsonObject {
  return {
    id: f.id,
    uid: f.uid,
    orgId: 1,
    title: f.title,
    url: folderUrl(ctx, f),
    hasAcl: false,
    canSave: false,
    canEdit: false,
    canAdmin: false,
    canDelete: false,
    version: 1,
  };
}

export interface SearchQuery {
  query: string;
  tags: string[];
  type: string;
  dashboardUIDs: string[];
  folderUIDs: string[];
  limit: number;
  page: number;
  sort: string;
}

/** Parses /api/search parameters (tag and dashboardUIDs may repeat or be comma-separated). */
export function parseSearchQuery(params: URLSearchParams): SearchQuery {
  const multi = (k: string): string[] => params.getAll(k).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const int = (k: string, dflt: number, max: number): number => {
    const n = Number.parseInt(params.get(k) ?? '', 10);
    return Number.isFinite(n) && n > 0 ? Math.min(n, max) : dflt;
  };
  return {
    query: params.get('query') ?? '',
    tags: params.getAll('tag').filter((t) => t !== ''),
    type: params.get('type') ?? '',
    dashboardUIDs: multi('dashboardUIDs'),
    folderUIDs: multi('folderUIDs'),
    limit: int('limit', 1000, 5000),
    page: int('page', 1, 1_000_000),
    sort: params.get('sort') ?? '',
  };
}

/** GET /api/search: folders and dashboards matching q, sorted by title. */
export function search(ctx: ViewContext, q: SearchQuery): JsonObject[] {
  const needle = q.query.toLowerCase();
  const matches = (title: string): boolean => needle === '' || title.toLowerCase().includes(needle);
  const byTitle = (a: { title: string }, b: { title: string }): number => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' });
  const desc = q.sort === 'alpha-desc' ? -1 : 1;
  const out: JsonObject[] = [];
  const wantFolders = q.type === 'dash-folder' || (q.type === '' && q.tags.length === 0 && q.dashboardUIDs.length === 0);
  if (wantFolders) {
    const folders = ctx.catalog
      .allFolders()
      .filter((f) => matches(f.title) && (q.folderUIDs.length === 0 || q.folderUIDs.includes(f.uid)))
      .sort((a, b) => desc * byTitle(a, b));
    for (const f of folders) out.push(folderSearchItem(ctx, f));
  }
  if (q.type === '' || q.type === 'dash-db') {
    const dashboards = ctx.catalog
      .list()
      .map((e) => e.record)
      .filter((r) => matches(r.title))
      .filter((r) => q.tags.every((t) => tagsOf(r).includes(t)))
      .filter((r) => q.dashboardUIDs.length === 0 || q.dashboardUIDs.includes(r.uid))
      .filter((r) => q.folderUIDs.length === 0 || q.folderUIDs.includes(r.folderUid === '' ? 'general' : r.folderUid) || q.folderUIDs.includes(r.folderUid))
      .sort((a, b) => desc * byTitle(a, b));
    for (const r of dashboards) out.push(dashboardSearchItem(ctx, r));
  }
  const start = (q.page - 1) * q.limit;
  return out.slice(start, start + q.limit);
}

/** GET /api/dashboards/tags: [{term, count}] sorted by term. */
export function tagCounts(ctx: ViewContext): JsonObject[] {
  const counts = new Map<string, number>();
  for (const e of ctx.catalog.list()) for (const t of tagsOf(e.record)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([term, count]) => ({ term, count }));
}
