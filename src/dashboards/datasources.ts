/**
 * Data sources as Grafana's API shows them (/api/datasources, /api/datasources/uid/:uid,
 * /api/frontend/settings), from provisioning. When none is provisioned a default Prometheus
 * data source "Vigil" (uid "vigil") stands for Vigil's own API. Panels reference a data
 * source by uid, by name, by a variable ("${datasource}", "${DS_PROMETHEUS}") or not at all
 * (the default); the UI queries Vigil's /api/v1 in every case.
 */
import type { DatasourceConfig } from './provisioning-config.js';
import { stableUid } from './slug.js';
import type { JsonObject } from './validate.js';

export interface Datasource {
  id: number;
  uid: string;
  name: string;
  type: string;
  access: string;
  url: string;
  isDefault: boolean;
  jsonData: JsonObject;
  basicAuth: boolean;
  database: string;
  user: string;
  readOnly: boolean;
}

export const BUILTIN_DATASOURCE_UID = 'vigil';

const TYPE_NAMES: Readonly<Record<string, string>> = { prometheus: 'Prometheus', alertmanager: 'Alertmanager' };

/** The data sources from provisioning, or the built-in one when there are none. */
export function datasourcesFrom(configs: readonly DatasourceConfig[], routePrefix: string): Datasource[] {
  if (configs.length === 0) {
    return [
      {
        id: 1,
        uid: BUILTIN_DATASOURCE_UID,
        name: 'Vigil',
        type: 'prometheus',
        access: 'proxy',
        url: routePrefix === '/' ? '' : routePrefix,
        isDefault: true,
        jsonData: { httpMethod: 'POST' },
        basicAuth: false,
        database: '',
        user: '',
        readOnly: true,
      },
    ];
  }
  const list = configs.map((c, i) => ({
    id: i + 1,
    uid: c.uid !== '' ? c.uid : stableUid('datasource', c.name),
    name: c.name,
    type: c.type,
    access: c.access,
    url: c.url,
    isDefault: c.isDefault,
    jsonData: c.jsonData,
    basicAuth: c.basicAuth,
    database: c.database,
    user: c.user,
    readOnly: !c.editable,
  }));
  // As Grafana: without an explicit default, the first Prometheus data source is used.
  if (!list.some((d) => d.isDefault)) {
    const first = list.find((d) => d.type === 'prometheus') ?? list[0];
    if (first !== undefined) first.isDefault = true;
  }
  return list;
}

/** An item of GET /api/datasources. */
export function datasourceListItem(d: Datasource): JsonObject {
  return {
    id: d.id,
    uid: d.uid,
    orgId: 1,
    name: d.name,
    type: d.type,
    typeName: TYPE_NAMES[d.type] ?? d.type,
    typeLogoUrl: '',
    access: d.access,
    url: d.url,
    user: d.user,
    database: d.database,
    basicAuth: d.basicAuth,
    isDefault: d.isDefault,
    jsonData: d.jsonData,
    readOnly: d.readOnly,
  };
}

/** The body of GET /api/datasources/uid/:uid (no secrets: secureJsonFields stays empty). */
export function datasourceDetail(d: Datasource): JsonObject {
  return {
    id: d.id,
    uid: d.uid,
    orgId: 1,
    name: d.name,
    type: d.type,
    typeLogoUrl: '',
    access: d.access,
    url: d.url,
    user: d.user,
    database: d.database,
    basicAuth: d.basicAuth,
    basicAuthUser: '',
    withCredentials: false,
    isDefault: d.isDefault,
    jsonData: d.jsonData,
    secureJsonFields: {},
    version: 1,
    readOnly: d.readOnly,
  };
}

/** The datasources part of /api/frontend/settings (keyed by name). */
export function frontendDatasources(list: readonly Datasource[]): JsonObject {
  const out: JsonObject = {};
  for (const d of list) {
    out[d.name] = {
      id: d.id,
      uid: d.uid,
      type: d.type,
      name: d.name,
      url: d.url,
      isDefault: d.isDefault,
      access: d.access,
      jsonData: d.jsonData,
      meta: { id: d.type, type: 'datasource', name: TYPE_NAMES[d.type] ?? d.type, metrics: true },
    };
  }
  return out;
}
