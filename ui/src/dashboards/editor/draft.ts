/**
 * The dashboard being edited, kept as Grafana's JSON (so that saving writes back every field
 * that was loaded, known or not). Edits are immutable: a changed panel is a new object in a new
 * panels array, unchanged panels keep their identity (their parsed form is cached on it).
 */
import { arr, isObject, num, parsePanel, type Json, type JsonObject, type Panel } from '../model';

const parsed = new WeakMap<JsonObject, Panel>();

/** The parsed panel of a raw panel object (cached by identity). */
export function panelOf(raw: JsonObject): Panel {
  let p = parsed.get(raw);
  if (p === undefined) {
    p = parsePanel(raw);
    parsed.set(raw, p);
  }
  return p;
}

/** The top-level raw panels of a dashboard. */
export function rawPanels(dash: JsonObject): JsonObject[] {
  return arr(dash, 'panels').filter(isObject);
}

/** Every panel id in use, rows' children included. */
function allIds(panels: readonly Json[], out: number[] = []): number[] {
  for (const p of panels) {
    if (!isObject(p)) continue;
    const id = num(p, 'id');
    if (id !== undefined) out.push(id);
    allIds(arr(p, 'panels'), out);
  }
  return out;
}

export function nextPanelId(dash: JsonObject): number {
  return allIds(arr(dash, 'panels')).reduce((m, id) => Math.max(m, id), 0) + 1;
}

function gridOf(p: JsonObject): { x: number; y: number; w: number; h: number } {
  const panel = panelOf(p);
  return { ...panel.gridPos };
}

/** The y just below every top-level panel. */
function bottom(dash: JsonObject): number {
  return rawPanels(dash).reduce((m, p) => {
    const g = gridOf(p);
    return Math.max(m, g.y + g.h);
  }, 0);
}

/** Applies `fn` to the panel with this id (top level or inside a collapsed row). */
export function updatePanel(dash: JsonObject, id: number, fn: (p: JsonObject) => JsonObject | null): JsonObject {
  const walk = (list: readonly Json[]): Json[] => {
    const out: Json[] = [];
    for (const p of list) {
      if (!isObject(p)) {
        out.push(p);
        continue;
      }
      if (num(p, 'id') === id) {
        const next = fn(p);
        if (next !== null) out.push(next);
        continue;
      }
      const children = arr(p, 'panels');
      out.push(children.length > 0 ? { ...p, panels: walk(children) } : p);
    }
    return out;
  };
  return { ...dash, panels: walk(arr(dash, 'panels')) };
}

export function findPanel(dash: JsonObject, id: number): JsonObject | undefined {
  const walk = (list: readonly Json[]): JsonObject | undefined => {
    for (const p of list) {
      if (!isObject(p)) continue;
      if (num(p, 'id') === id) return p;
      const inner = walk(arr(p, 'panels'));
      if (inner !== undefined) return inner;
    }
    return undefined;
  };
  return walk(arr(dash, 'panels'));
}

export function removePanel(dash: JsonObject, id: number): JsonObject {
  return updatePanel(dash, id, () => null);
}

/** A new time series panel (Grafana's defaults), full width at the bottom; returns its id too. */
export function addPanel(dash: JsonObject): { dash: JsonObject; id: number } {
  const id = nextPanelId(dash);
  const panel: JsonObject = {
    id,
    type: 'timeseries',
    title: 'Panel Title',
    gridPos: { x: 0, y: bottom(dash), w: 12, h: 8 },
    targets: [{ refId: 'A', expr: '', legendFormat: '', range: true }],
    fieldConfig: { defaults: {}, overrides: [] },
    options: {},
  };
  return { dash: { ...dash, panels: [...arr(dash, 'panels'), panel] }, id };
}

/** A copy of a panel just below it, with a new id. */
export function duplicatePanel(dash: JsonObject, id: number): JsonObject {
  const src = findPanel(dash, id);
  if (src === undefined) return dash;
  const copyId = nextPanelId(dash);
  const g = gridOf(src);
  const copy: JsonObject = { ...(JSON.parse(JSON.stringify(src)) as JsonObject), id: copyId, gridPos: { ...g, y: g.y + g.h } };
  const walk = (list: readonly Json[]): Json[] => list.flatMap((p): Json[] => {
    if (!isObject(p)) return [p];
    if (num(p, 'id') === id) return [p, copy];
    const children = arr(p, 'panels');
    return [children.length > 0 ? { ...p, panels: walk(children) } : p];
  });
  return { ...dash, panels: walk(arr(dash, 'panels')) };
}

/** Rewrites the list (top level or a row's children) that holds the panel with this id. */
function inListOf(dash: JsonObject, id: number, fn: (list: readonly Json[]) => Json[]): JsonObject {
  const visit = (list: readonly Json[]): Json[] | null => {
    if (list.some((p) => isObject(p) && num(p, 'id') === id)) return fn(list);
    for (let i = 0; i < list.length; i++) {
      const p = list[i];
      if (!isObject(p)) continue;
      const inner = visit(arr(p, 'panels'));
      if (inner !== null) return list.map((q, j) => (j === i ? { ...p, panels: inner } : q));
    }
    return null;
  };
  const next = visit(arr(dash, 'panels'));
  return next === null ? dash : { ...dash, panels: next };
}

/** Trades the places (x, y) of two panels of the same list; widths are kept, x clamped onto the grid. */
function swapIn(list: readonly Json[], aId: number, bId: number): Json[] {
  const self = list.find((p): p is JsonObject => isObject(p) && num(p, 'id') === aId);
  const other = list.find((p): p is JsonObject => isObject(p) && num(p, 'id') === bId);
  if (self === undefined || other === undefined || self === other) return [...list];
  const a = gridOf(self);
  const b = gridOf(other);
  const selfPos = { ...a, x: Math.min(b.x, 24 - a.w), y: b.y };
  const otherPos = { ...b, x: Math.min(a.x, 24 - b.w), y: a.y };
  return list.map((p) => (p === self ? { ...self, gridPos: selfPos } : p === other ? { ...other, gridPos: otherPos } : p));
}

/** Puts a panel where another one is (drag and drop), and that one where it was. */
export function swapPanels(dash: JsonObject, id: number, otherId: number): JsonObject {
  return inListOf(dash, id, (list) => swapIn(list, id, otherId));
}

/** Moves a panel up (-1) or down (+1): it trades places with its neighbour in reading order. */
export function movePanel(dash: JsonObject, id: number, dir: -1 | 1): JsonObject {
  return inListOf(dash, id, (list) => {
    const sorted = list.filter(isObject).sort((a, b) => gridOf(a).y - gridOf(b).y || gridOf(a).x - gridOf(b).x);
    const at = sorted.findIndex((p) => num(p, 'id') === id);
    const other = num(sorted[at + dir], 'id');
    return other === undefined ? [...list] : swapIn(list, id, other);
  });
}

/** Sets (or, for undefined, deletes) a key of an object, returning a new object. */
export function withKey(o: JsonObject, key: string, value: Json | undefined): JsonObject {
  const next = { ...o };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}
