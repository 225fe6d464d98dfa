/**
 * Grafana's dashboard JSON model, read from untrusted JSON into typed structures. Unknown
 * fields are kept in `raw` so that saving writes back what was loaded. Legacy dashboards
 * (schema < 16, `rows` with `span`) are converted to the gridPos layout.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function str(o: unknown, k: string): string | undefined {
  const v = isObject(o) ? o[k] : undefined;
  return typeof v === 'string' ? v : undefined;
}
export function num(o: unknown, k: string): number | undefined {
  const v = isObject(o) ? o[k] : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}
export function bool(o: unknown, k: string): boolean | undefined {
  const v = isObject(o) ? o[k] : undefined;
  return typeof v === 'boolean' ? v : undefined;
}
export function obj(o: unknown, k: string): JsonObject | undefined {
  const v = isObject(o) ? o[k] : undefined;
  return isObject(v) ? v : undefined;
}
export function arr(o: unknown, k: string): Json[] {
  const v = isObject(o) ? o[k] : undefined;
  return Array.isArray(v) ? v : [];
}

export interface GridPos {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Target {
  refId: string;
  expr: string;
  legendFormat: string;
  interval: string;
  intervalFactor: number;
  instant: boolean;
  range: boolean;
  format: string;
  hide: boolean;
}

export interface ThresholdStep {
  value: number;
  color: string;
}

export interface Thresholds {
  mode: 'absolute' | 'percentage';
  steps: ThresholdStep[];
}

/** fieldConfig.defaults (and an override's properties applied onto it). */
export interface FieldConfig {
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  displayName?: string;
  thresholds?: Thresholds;
  color?: { mode: string; fixedColor?: string };
  noValue?: string;
  custom: JsonObject;
  mappings?: Json[];
  /** Data links (title, url, targetBlank). */
  links?: Json[];
}

export interface Override {
  matcher: { id: string; options: string };
  properties: { id: string; value: Json }[];
}

export interface Panel {
  id: number;
  type: string;
  title: string;
  description: string;
  gridPos: GridPos;
  targets: Target[];
  fieldConfig: { defaults: FieldConfig; overrides: Override[] };
  options: JsonObject;
  transformations: { id: string; options: JsonObject; disabled: boolean }[];
  interval: string;
  maxDataPoints?: number;
  repeat?: string;
  repeatDirection: 'h' | 'v';
  maxPerRow?: number;
  collapsed: boolean;
  /** Children of a collapsed row. */
  panels: Panel[];
  raw: JsonObject;
}

export interface VariableModel {
  type: string;
  name: string;
  label: string;
  hide: number;
  query: string;
  regex: string;
  sort: number;
  refresh: number;
  multi: boolean;
  includeAll: boolean;
  allValue?: string;
  current: { text: string[]; value: string[] };
  options: { text: string; value: string }[];
  auto: boolean;
  autoCount: number;
  autoMin: string;
  raw: JsonObject;
}

export interface Dashboard {
  uid: string;
  title: string;
  tags: string[];
  timezone: string;
  time: { from: string; to: string };
  refresh: string;
  refreshIntervals: string[];
  panels: Panel[];
  variables: VariableModel[];
  version?: number;
  raw: JsonObject;
}

function target(t: Json, i: number): Target {
  const refId = str(t, 'refId') ?? String.fromCharCode(65 + (i % 26)) + (i >= 26 ? String(Math.floor(i / 26)) : '');
  return {
    refId,
    expr: str(t, 'expr') ?? '',
    legendFormat: str(t, 'legendFormat') ?? '',
    interval: str(t, 'interval') ?? '',
    intervalFactor: num(t, 'intervalFactor') ?? 1,
    instant: bool(t, 'instant') ?? false,
    range: bool(t, 'range') ?? false,
    format: str(t, 'format') ?? 'time_series',
    hide: bool(t, 'hide') ?? false,
  };
}

function thresholds(v: unknown): Thresholds | undefined {
  if (!isObject(v)) return undefined;
  const steps = arr(v, 'steps').filter(isObject).map((s) => ({ value: num(s, 'value') ?? -Infinity, color: str(s, 'color') ?? 'green' }));
  return { mode: str(v, 'mode') === 'percentage' ? 'percentage' : 'absolute', steps };
}

/** Reads a fieldConfig.defaults object (or an override's value set). */
export function fieldConfig(d: unknown): FieldConfig {
  const fc: FieldConfig = { custom: obj(d, 'custom') ?? {} };
  const unit = str(d, 'unit');
  if (unit !== undefined) fc.unit = unit;
  const dec = num(d, 'decimals');
  if (dec !== undefined) fc.decimals = dec;
  const min = num(d, 'min');
  if (min !== undefined) fc.min = min;
  const max = num(d, 'max');
  if (max !== undefined) fc.max = max;
  const dn = str(d, 'displayName');
  if (dn !== undefined && dn !== '') fc.displayName = dn;
  const th = thresholds(obj(d, 'thresholds'));
  if (th !== undefined) fc.thresholds = th;
  const color = obj(d, 'color');
  if (color !== undefined) fc.color = { mode: str(color, 'mode') ?? 'palette-classic', ...(str(color, 'fixedColor') !== undefined ? { fixedColor: str(color, 'fixedColor') } : {}) };
  const nv = str(d, 'noValue');
  if (nv !== undefined) fc.noValue = nv;
  const mappings = arr(d, 'mappings');
  if (mappings.length > 0) fc.mappings = mappings;
  const links = arr(d, 'links');
  if (links.length > 0) fc.links = links;
  return fc;
}

function gridPos(p: unknown): GridPos {
  const g = obj(p, 'gridPos');
  const clamp = (v: number | undefined, lo: number, hi: number, dflt: number): number => Math.min(hi, Math.max(lo, Math.round(v ?? dflt)));
  return { x: clamp(num(g, 'x'), 0, 23, 0), y: clamp(num(g, 'y'), 0, 1e6, 0), w: clamp(num(g, 'w'), 1, 24, 12), h: clamp(num(g, 'h'), 1, 200, 8) };
}

/** Maps a legacy (graph/singlestat era) panel's options onto fieldConfig. */
function legacyFieldConfig(p: JsonObject, defaults: FieldConfig): void {
  const yaxes = arr(p, 'yaxes');
  const y0 = yaxes[0];
  if (defaults.unit === undefined) {
    const u = str(y0, 'format') ?? str(p, 'format');
    if (u !== undefined) defaults.unit = u;
  }
  if (defaults.min === undefined && num(y0, 'min') !== undefined) defaults.min = num(y0, 'min');
  if (defaults.max === undefined && num(y0, 'max') !== undefined) defaults.max = num(y0, 'max');
  if (defaults.decimals === undefined && num(p, 'decimals') !== undefined) defaults.decimals = num(p, 'decimals');
  if (p['stack'] === true) defaults.custom['stacking'] = { mode: 'normal' };
  const fill = num(p, 'fill');
  if (fill !== undefined && defaults.custom['fillOpacity'] === undefined) defaults.custom['fillOpacity'] = fill * 10;
  if (p['bars'] === true) defaults.custom['drawStyle'] = 'bars';
  else if (p['points'] === true && p['lines'] === false) defaults.custom['drawStyle'] = 'points';
  const th = str(p, 'thresholds');
  const colors = arr(p, 'colors').filter((c): c is string => typeof c === 'string');
  if (defaults.thresholds === undefined && th !== undefined && th !== '') {
    const values = th.split(',').map((s) => Number(s.trim()));
    defaults.thresholds = { mode: 'absolute', steps: [{ value: -Infinity, color: colors[0] ?? 'green' }, ...values.map((v, i) => ({ value: v, color: colors[i + 1] ?? 'red' }))] };
  }
}

export function parsePanel(p: unknown): Panel {
  const o: JsonObject = isObject(p) ? p : {};
  const fcRaw = obj(o, 'fieldConfig');
  const defaults = fieldConfig(obj(fcRaw, 'defaults'));
  const type = str(o, 'type') ?? 'unknown';
  if (type === 'graph' || type === 'singlestat') legacyFieldConfig(o, defaults);
  const overrides: Override[] = arr(fcRaw, 'overrides').filter(isObject).map((ov) => {
    const m = obj(ov, 'matcher');
    const opt = m?.['options'];
    return {
      matcher: { id: str(m, 'id') ?? '', options: typeof opt === 'string' ? opt : '' },
      properties: arr(ov, 'properties').filter(isObject).map((pr) => ({ id: str(pr, 'id') ?? '', value: pr['value'] ?? null })),
    };
  });
  const panel: Panel = {
    id: num(o, 'id') ?? 0,
    type,
    title: str(o, 'title') ?? '',
    description: str(o, 'description') ?? '',
    gridPos: gridPos(o),
    targets: arr(o, 'targets').map(target),
    fieldConfig: { defaults, overrides },
    options: obj(o, 'options') ?? {},
    transformations: arr(o, 'transformations').filter(isObject).map((t) => ({ id: str(t, 'id') ?? '', options: obj(t, 'options') ?? {}, disabled: bool(t, 'disabled') ?? false })),
    interval: str(o, 'interval') ?? '',
    repeatDirection: str(o, 'repeatDirection') === 'v' ? 'v' : 'h',
    collapsed: bool(o, 'collapsed') ?? false,
    panels: arr(o, 'panels').map(parsePanel),
    raw: o,
  };
  const mdp = num(o, 'maxDataPoints');
  if (mdp !== undefined && mdp > 0) panel.maxDataPoints = mdp;
  const repeat = str(o, 'repeat');
  if (repeat !== undefined && repeat !== '') panel.repeat = repeat;
  const mpr = num(o, 'maxPerRow');
  if (mpr !== undefined) panel.maxPerRow = mpr;
  return panel;
}

function strings(v: Json | undefined): string[] {
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : ''));
  if (typeof v === 'string') return [v];
  if (typeof v === 'number' || typeof v === 'boolean') return [String(v)];
  return [];
}

function queryString(v: Json | undefined): string {
  if (typeof v === 'string') return v;
  if (isObject(v)) return str(v, 'query') ?? '';
  return '';
}

export function parseVariable(v: unknown): VariableModel {
  const o: JsonObject = isObject(v) ? v : {};
  const cur = obj(o, 'current');
  const model: VariableModel = {
    type: str(o, 'type') ?? 'custom',
    name: str(o, 'name') ?? '',
    label: str(o, 'label') ?? '',
    hide: num(o, 'hide') ?? 0,
    query: queryString(o['query'] ?? null) || queryString(o['definition'] ?? null),
    regex: str(o, 'regex') ?? '',
    sort: num(o, 'sort') ?? 0,
    refresh: num(o, 'refresh') ?? 1,
    multi: bool(o, 'multi') ?? false,
    includeAll: bool(o, 'includeAll') ?? false,
    current: { text: strings(cur?.['text']), value: strings(cur?.['value']) },
    options: arr(o, 'options').filter(isObject).map((op) => ({ text: strings(op['text'])[0] ?? '', value: strings(op['value'])[0] ?? '' })),
    auto: bool(o, 'auto') ?? false,
    autoCount: num(o, 'auto_count') ?? 30,
    autoMin: str(o, 'auto_min') ?? '10s',
    raw: o,
  };
  const all = o['allValue'];
  if (typeof all === 'string' && all !== '') model.allValue = all;
  return model;
}

/** Converts schema < 16 `rows` into row panels followed by their panels with gridPos. */
function legacyRows(rows: Json[]): Json[] {
  const out: Json[] = [];
  let y = 0;
  let nextId = 1000;
  for (const r of rows) {
    if (!isObject(r)) continue;
    const heightPx = typeof r['height'] === 'string' ? parseInt(r['height'], 10) : (num(r, 'height') ?? 250);
    const h = Math.max(1, Math.ceil((Number.isFinite(heightPx) ? heightPx : 250) / 30));
    const showRow = bool(r, 'showTitle') === true || rows.length > 1;
    const rowPanel: JsonObject = { type: 'row', id: nextId++, title: str(r, 'title') ?? '', collapsed: bool(r, 'collapse') ?? false, gridPos: { x: 0, y, w: 24, h: 1 }, panels: [] };
    if (showRow) y += 1;
    let x = 0;
    const children: Json[] = [];
    for (const p of arr(r, 'panels')) {
      if (!isObject(p)) continue;
      const w = Math.max(1, Math.min(24, Math.round((num(p, 'span') ?? 12) * 2)));
      if (x + w > 24) {
        x = 0;
        y += h;
      }
      children.push({ ...p, gridPos: { x, y, w, h } });
      x += w;
    }
    y += h;
    if (showRow && rowPanel['collapsed'] === true) rowPanel['panels'] = children;
    if (showRow) out.push(rowPanel);
    if (!(showRow && rowPanel['collapsed'] === true)) out.push(...children);
  }
  return out;
}

/** Reads a dashboard model; throws an Error naming what is wrong when it is not one. */
export function parseDashboard(d: unknown): Dashboard {
  if (!isObject(d)) throw new Error('dashboard JSON must be an object');
  const panelsJson = Array.isArray(d['panels']) ? d['panels'] : Array.isArray(d['rows']) ? legacyRows(d['rows']) : [];
  const time = obj(d, 'time');
  const refresh = d['refresh'];
  const dash: Dashboard = {
    uid: str(d, 'uid') ?? '',
    title: str(d, 'title') ?? 'Untitled',
    tags: arr(d, 'tags').filter((t): t is string => typeof t === 'string'),
    timezone: str(d, 'timezone') ?? '',
    time: { from: str(time, 'from') ?? 'now-6h', to: str(time, 'to') ?? 'now' },
    refresh: typeof refresh === 'string' ? refresh : '',
    refreshIntervals: arr(obj(d, 'timepicker'), 'refresh_intervals').filter((x): x is string => typeof x === 'string'),
    panels: panelsJson.map(parsePanel),
    variables: arr(obj(d, 'templating'), 'list').map(parseVariable).filter((v) => v.name !== ''),
    raw: d,
  };
  const version = num(d, 'version');
  if (version !== undefined) dash.version = version;
  return dash;
}
