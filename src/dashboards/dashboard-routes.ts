/**
 * Grafana's dashboard endpoints: POST /api/dashboards/db (create or update), POST
 * /api/dashboards/import (with ${INPUT} substitution), GET and DELETE
 * /api/dashboards/uid/:uid. Bodies are validated before anything is saved; a malformed
 * dashboard is rejected with 400 and the path of the field at fault.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DashboardCatalog, SaveInput } from './catalog.js';
import type { Datasource } from './datasources.js';
import { DashboardApiError } from './errors.js';
import { readJsonBody, sendJson } from './http-io.js';
import { slugify } from './slug.js';
import { isObject, validateDashboard, type JsonObject } from './validate.js';
import { dashboardUrl, dashboardView, type ViewContext } from './views.js';

export interface DashboardRouteDeps extends ViewContext {
  catalog: DashboardCatalog;
  datasources: () => readonly Datasource[];
}

function optString(body: JsonObject, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new DashboardApiError(`bad request data: ${key} must be a string`, 400);
  return v;
}

function optNumber(body: JsonObject, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DashboardApiError(`bad request data: ${key} must be a number`, 400);
  return v;
}

/** The save command of a POST body ({dashboard, folderUid, folderId, overwrite, message}). */
function saveInput(body: unknown, user: string): SaveInput {
  if (!isObject(body)) throw new DashboardApiError('bad request data: the body must be a JSON object', 400);
  const dashboard = body['dashboard'];
  if (dashboard === undefined || dashboard === null) throw new DashboardApiError('bad request data: dashboard is required', 400);
  validateDashboard(dashboard);
  const overwrite = body['overwrite'];
  if (overwrite !== undefined && overwrite !== null && typeof overwrite !== 'boolean') {
    throw new DashboardApiError('bad request data: overwrite must be a boolean', 400);
  }
  const input: SaveInput = { dashboard, overwrite: overwrite === true, message: optString(body, 'message') ?? '', user };
  const folderUid = optString(body, 'folderUid');
  if (folderUid !== undefined) input.folderUid = folderUid;
  const folderId = optNumber(body, 'folderId');
  if (folderId !== undefined) input.folderId = folderId;
  return input;
}

export async function postDashboard(d: DashboardRouteDeps, user: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const input = saveInput(await readJsonBody(req), user);
  const { record } = await d.catalog.save(input);
  sendJson(res, 200, {
    id: record.id,
    uid: record.uid,
    url: dashboardUrl(d, record),
    status: 'success',
    version: record.version,
    slug: slugify(record.title),
    folderUid: record.folderUid,
  });
}

/** Replaces ${NAME} of the import inputs in every string of v. */
function substitute(v: unknown, values: ReadonlyMap<string, string>): unknown {
  if (typeof v === 'string') return v.replace(/\$\{([A-Za-z0-9_]+)\}/g, (m, name: string) => values.get(name) ?? m);
  if (Array.isArray(v)) return v.map((x) => substitute(x, values));
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = substitute(x, values);
    return out;
  }
  return v;
}

/** Values of the import's inputs; data source inputs without a value get the default one. */
function importValues(d: DashboardRouteDeps, dashboard: JsonObject, inputs: unknown): Map<string, string> {
  const values = new Map<string, string>();
  if (inputs !== undefined && inputs !== null && !Array.isArray(inputs)) throw new DashboardApiError('bad request data: inputs must be an array', 400);
  for (const i of (inputs as unknown[] | undefined) ?? []) {
    if (isObject(i) && typeof i['name'] === 'string' && typeof i['value'] === 'string') values.set(i['name'], i['value']);
  }
  const declared = dashboard['__inputs'];
  const def = d.datasources().find((x) => x.isDefault);
  if (Array.isArray(declared) && def !== undefined) {
    for (const i of declared) {
      if (isObject(i) && typeof i['name'] === 'string' && i['type'] === 'datasource' && !values.has(i['name'])) values.set(i['name'], def.uid);
    }
  }
  return values;
}

export async function importDashboard(d: DashboardRouteDeps, user: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJsonBody(req);
  if (!isObject(body)) throw new DashboardApiError('bad request data: the body must be a JSON object', 400);
  const raw = body['dashboard'];
  if (raw === undefined || raw === null) throw new DashboardApiError('bad request data: dashboard is required', 400);
  validateDashboard(raw);
  const evaluated = substitute(raw, importValues(d, raw, body['inputs'])) as JsonObject;
  delete evaluated['__inputs'];
  delete evaluated['__requires'];
  delete evaluated['__elements'];
  evaluated['id'] = null;
  const input = saveInput({ ...body, dashboard: evaluated }, user);
  const pluginId = optString(body, 'pluginId');
  if (pluginId !== undefined && pluginId !== '') input.pluginId = pluginId;
  const { record } = await d.catalog.save(input);
  const folder = record.folderUid === '' ? undefined : d.catalog.folder(record.folderUid);
  sendJson(res, 200, {
    uid: record.uid,
    pluginId: record.pluginId,
    title: record.title,
    imported: true,
    importedUri: `db/${slugify(record.title)}`,
    importedUrl: dashboardUrl(d, record),
    slug: slugify(record.title),
    dashboardId: record.id,
    folderId: folder?.id ?? 0,
    folderUid: record.folderUid,
    importedRevision: 0,
    revision: 0,
    description: '',
    path: '',
    removed: false,
  });
}

export function getDashboard(d: DashboardRouteDeps, uid: string, canEdit: boolean, res: ServerResponse): void {
  const e = d.catalog.get(uid);
  if (e === undefined) throw new DashboardApiError('Dashboard not found', 404, 'not-found');
  sendJson(res, 200, dashboardView(d, e, canEdit));
}

export async function deleteDashboard(d: DashboardRouteDeps, uid: string, res: ServerResponse): Promise<void> {
  const r = await d.catalog.delete(uid);
  sendJson(res, 200, { title: r.title, message: `Dashboard ${r.title} deleted`, id: r.id, uid: r.uid });
}
