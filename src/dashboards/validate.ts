/**
 * Validation of a dashboard JSON against the shape of Grafana's dashboard model. Only what
 * would break a reader is checked (types of the structural fields); unknown fields pass, as
 * Grafana keeps them. Messages name the field at fault by its path, e.g.
 * `dashboard.panels[3].gridPos.w must be a number`.
 */
import { DashboardValidationError } from './errors.js';

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function fail(where: string, what: string, v: unknown): never {
  if (v === undefined) throw new DashboardValidationError(`${where} is missing (must be ${what})`);
  throw new DashboardValidationError(`${where} must be ${what}, got ${typeName(v)}`);
}

function optional(o: JsonObject, key: string, where: string, check: (v: unknown) => boolean, what: string): void {
  const v = o[key];
  if (v === undefined || v === null) return;
  if (!check(v)) fail(`${where}.${key}`, what, v);
}

const isString = (v: unknown): boolean => typeof v === 'string';
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const isBool = (v: unknown): boolean => typeof v === 'boolean';

function checkArray(o: JsonObject, key: string, where: string): unknown[] | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) fail(`${where}.${key}`, 'an array', v);
  return v;
}

function checkObject(o: JsonObject, key: string, where: string): JsonObject | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (!isObject(v)) fail(`${where}.${key}`, 'an object', v);
  return v;
}

function checkDatasourceRef(o: JsonObject, where: string): void {
  const v = o['datasource'];
  if (v === undefined || v === null || typeof v === 'string') return;
  if (!isObject(v)) fail(`${where}.datasource`, 'an object or a string', v);
  optional(v, 'uid', `${where}.datasource`, isString, 'a string');
  optional(v, 'type', `${where}.datasource`, isString, 'a string');
}

function checkTargets(panel: JsonObject, where: string): void {
  const targets = checkArray(panel, 'targets', where);
  if (targets === null) return;
  targets.forEach((t, i) => {
    const w = `${where}.targets[${i}]`;
    if (!isObject(t)) fail(w, 'an object', t);
    optional(t, 'expr', w, isString, 'a string');
    optional(t, 'legendFormat', w, isString, 'a string');
    optional(t, 'refId', w, isString, 'a string');
    optional(t, 'interval', w, isString, 'a string');
    optional(t, 'instant', w, isBool, 'a boolean');
    optional(t, 'range', w, isBool, 'a boolean');
    checkDatasourceRef(t, w);
  });
}

function checkGridPos(panel: JsonObject, where: string): void {
  const g = checkObject(panel, 'gridPos', where);
  if (g === null) return;
  for (const k of ['h', 'w', 'x', 'y']) {
    const v = g[k];
    if (v === undefined) continue;
    if (!isNumber(v)) fail(`${where}.gridPos.${k}`, 'a number', v);
  }
  const w = g['w'];
  if (typeof w === 'number' && (w < 1 || w > 24)) {
    throw new DashboardValidationError(`${where}.gridPos.w must be between 1 and 24, got ${w}`);
  }
  const h = g['h'];
  if (typeof h === 'number' && h < 0) throw new DashboardValidationError(`${where}.gridPos.h must not be negative, got ${h}`);
}

function checkFieldConfig(panel: JsonObject, where: string): void {
  const fc = checkObject(panel, 'fieldConfig', where);
  if (fc === null) return;
  const w = `${where}.fieldConfig`;
  checkObject(fc, 'defaults', w);
  const overrides = checkArray(fc, 'overrides', w);
  overrides?.forEach((o, i) => {
    if (!isObject(o)) fail(`${w}.overrides[${i}]`, 'an object', o);
    checkObject(o, 'matcher', `${w}.overrides[${i}]`);
    checkArray(o, 'properties', `${w}.overrides[${i}]`);
  });
}

function checkPanel(p: unknown, where: string, depth: number): void {
  if (!isObject(p)) fail(where, 'an object', p);
  const type = p['type'];
  if (type === undefined || type === null) {
    // A library panel reference carries no type of its own.
    if (!isObject(p['libraryPanel'])) throw new DashboardValidationError(`${where}.type is missing`);
  } else if (typeof type !== 'string') fail(`${where}.type`, 'a string', type);
  else if (type === '') throw new DashboardValidationError(`${where}.type must not be empty`);
  optional(p, 'id', where, isNumber, 'a number');
  optional(p, 'title', where, isString, 'a string');
  optional(p, 'description', where, isString, 'a string');
  optional(p, 'interval', where, isString, 'a string');
  optional(p, 'transparent', where, isBool, 'a boolean');
  checkGridPos(p, where);
  checkDatasourceRef(p, where);
  checkTargets(p, where);
  checkFieldConfig(p, where);
  checkObject(p, 'options', where);
  const tr = checkArray(p, 'transformations', where);
  tr?.forEach((t, i) => {
    if (!isObject(t)) fail(`${where}.transformations[${i}]`, 'an object', t);
    optional(t, 'id', `${where}.transformations[${i}]`, isString, 'a string');
  });
  // Collapsed rows hold their panels; nesting deeper than that is not Grafana's model.
  const nested = checkArray(p, 'panels', where);
  if (nested !== null && nested.length > 0) {
    if (depth > 0) throw new DashboardValidationError(`${where}.panels: panels nest at most one level (in a row)`);
    nested.forEach((c, i) => checkPanel(c, `${where}.panels[${i}]`, depth + 1));
  }
}

function checkTemplating(d: JsonObject, where: string): void {
  const t = checkObject(d, 'templating', where);
  if (t === null) return;
  const list = checkArray(t, 'list', `${where}.templating`);
  list?.forEach((v, i) => {
    const w = `${where}.templating.list[${i}]`;
    if (!isObject(v)) fail(w, 'an object', v);
    const name = v['name'];
    if (typeof name !== 'string') fail(`${w}.name`, 'a string', name);
    const type = v['type'];
    if (typeof type !== 'string') fail(`${w}.type`, 'a string', type);
    optional(v, 'multi', w, isBool, 'a boolean');
    optional(v, 'includeAll', w, isBool, 'a boolean');
    checkArray(v, 'options', w);
    checkDatasourceRef(v, w);
  });
}

function checkAnnotations(d: JsonObject, where: string): void {
  const a = checkObject(d, 'annotations', where);
  if (a === null) return;
  const list = checkArray(a, 'list', `${where}.annotations`);
  list?.forEach((v, i) => {
    if (!isObject(v)) fail(`${where}.annotations.list[${i}]`, 'an object', v);
  });
}

function checkTime(d: JsonObject, where: string): void {
  const t = checkObject(d, 'time', where);
  if (t === null) return;
  optional(t, 'from', `${where}.time`, isString, 'a string');
  optional(t, 'to', `${where}.time`, isString, 'a string');
}

/**
 * Checks the shape of a dashboard; throws DashboardValidationError naming the first field
 * at fault. `where` is the name of the value in messages ("dashboard").
 */
export function validateDashboard(d: unknown, where = 'dashboard'): asserts d is JsonObject {
  if (!isObject(d)) fail(where, 'an object', d);
  optional(d, 'title', where, isString, 'a string');
  optional(d, 'uid', where, isString, 'a string');
  optional(d, 'id', where, isNumber, 'a number');
  optional(d, 'version', where, isNumber, 'a number');
  optional(d, 'schemaVersion', where, isNumber, 'a number');
  optional(d, 'editable', where, isBool, 'a boolean');
  optional(d, 'timezone', where, isString, 'a string');
  optional(d, 'description', where, isString, 'a string');
  const refresh = d['refresh'];
  if (refresh !== undefined && refresh !== null && typeof refresh !== 'string' && refresh !== false) {
    fail(`${where}.refresh`, 'a string or false', refresh);
  }
  const tags = checkArray(d, 'tags', where);
  tags?.forEach((t, i) => {
    if (typeof t !== 'string') fail(`${where}.tags[${i}]`, 'a string', t);
  });
  const panels = checkArray(d, 'panels', where);
  panels?.forEach((p, i) => checkPanel(p, `${where}.panels[${i}]`, 0));
  // Dashboards older than schema 16 keep their panels in rows.
  const rows = checkArray(d, 'rows', where);
  rows?.forEach((r, i) => {
    const w = `${where}.rows[${i}]`;
    if (!isObject(r)) fail(w, 'an object', r);
    const rp = checkArray(r, 'panels', w);
    rp?.forEach((p, j) => checkPanel(p, `${w}.panels[${j}]`, 1));
  });
  checkTemplating(d, where);
  checkAnnotations(d, where);
  checkTime(d, where);
  checkArray(d, 'links', where);
}
