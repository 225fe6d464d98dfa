/**
 * The dashboard grid: 24 columns, rows that collapse (their panels then live inside them),
 * repeats of rows and panels by a variable, and vertical compaction as Grafana's grid does.
 */
import { ALL_VALUE, type VarMap, type VarValue } from './interpolate.js';
import type { GridPos, Panel } from './model.js';

export interface LayoutItem {
  key: string;
  panel: Panel;
  pos: GridPos;
  scoped?: Map<string, VarValue>;
  /** For row items: whether the row is collapsed now. */
  collapsed?: boolean;
}

interface Segment {
  row?: Panel;
  children: Panel[];
}

function byPosition(a: Panel, b: Panel): number {
  return a.gridPos.y - b.gridPos.y || a.gridPos.x - b.gridPos.x;
}

function segments(panels: readonly Panel[]): Segment[] {
  const out: Segment[] = [{ children: [] }];
  for (const p of [...panels].sort(byPosition)) {
    if (p.type === 'row') out.push({ row: p, children: p.collapsed ? [...p.panels] : [] });
    else {
      const cur = out[out.length - 1];
      if (cur?.row?.collapsed === true) out.push({ children: [p] });
      else cur?.children.push(p);
    }
  }
  return out.filter((s) => s.row !== undefined || s.children.length > 0);
}

/** The values a repeat produces: every option for All, else the selection. */
export function repeatValues(v: VarValue | undefined): { value: string; text: string }[] {
  if (v === undefined) return [];
  if (v.isAll || (v.value.length === 1 && v.value[0] === ALL_VALUE)) return v.allValues.map((x) => ({ value: x, text: x }));
  return v.value.filter((x) => x !== '').map((x, i) => ({ value: x, text: v.text[i] ?? x }));
}

function scopedWith(base: Map<string, VarValue> | undefined, name: string, v: VarValue, value: string, text: string): Map<string, VarValue> {
  const m = new Map(base ?? []);
  m.set(name, { value: [value], text: [text], isAll: false, allValues: v.allValues, multi: v.multi, includeAll: v.includeAll });
  return m;
}

interface Placed {
  panel: Panel;
  pos: GridPos;
  scoped?: Map<string, VarValue>;
  key: string;
  /** A copy made by a panel repeat: it keeps its row, other panels move below it. */
  repeated?: boolean;
}

function expandPanelRepeats(children: Panel[], vars: VarMap, scoped: Map<string, VarValue> | undefined): Placed[] {
  const out: Placed[] = [];
  for (const p of children) {
    const v = p.repeat !== undefined ? vars.get(p.repeat) : undefined;
    const values = repeatValues(v);
    if (p.repeat === undefined || v === undefined || values.length === 0) {
      out.push({ panel: p, pos: { ...p.gridPos }, ...(scoped !== undefined ? { scoped } : {}), key: String(p.id) });
      continue;
    }
    const repeatName = p.repeat;
    const maxPerRow = p.maxPerRow ?? 4;
    const w = p.repeatDirection === 'v' ? p.gridPos.w : Math.floor(Math.max(24 / values.length, 24 / maxPerRow));
    let x = p.repeatDirection === 'v' ? p.gridPos.x : 0;
    let y = p.gridPos.y;
    values.forEach((val, i) => {
      out.push({ panel: p, pos: { x, y, w, h: p.gridPos.h }, scoped: scopedWith(scoped, repeatName, v, val.value, val.text), key: `${p.id}-repeat-${i}`, repeated: true });
      if (p.repeatDirection === 'v') y += p.gridPos.h;
      else {
        x += w;
        if (x + w > 24) {
          x = 0;
          y += p.gridPos.h;
        }
      }
    });
  }
  return out;
}

/** Places items from `top` downwards, each as high as items above it allow (gravity). */
function compact(items: { pos: GridPos; repeated?: boolean }[], top: number): number {
  const placed: GridPos[] = [];
  let bottom = top;
  const rank = (it: { repeated?: boolean }): number => (it.repeated === true ? 0 : 1);
  for (const it of [...items].sort((a, b) => a.pos.y - b.pos.y || rank(a) - rank(b) || a.pos.x - b.pos.x)) {
    let y = top;
    for (const q of placed) if (q.x < it.pos.x + it.pos.w && it.pos.x < q.x + q.w) y = Math.max(y, q.y + q.h);
    it.pos.y = y;
    placed.push(it.pos);
    bottom = Math.max(bottom, it.pos.y + it.pos.h);
  }
  return bottom;
}

/** Lays out a dashboard's panels; `collapsedRows` holds rows the user toggled (id -> collapsed). */
export function layoutDashboard(panels: readonly Panel[], vars: VarMap, collapsedRows: ReadonlyMap<number, boolean>): LayoutItem[] {
  const out: LayoutItem[] = [];
  let y = 0;
  for (const seg of segments(panels)) {
    const rowVar = seg.row?.repeat !== undefined ? vars.get(seg.row.repeat) : undefined;
    const rowValues = seg.row?.repeat !== undefined ? repeatValues(rowVar) : [];
    const copies: (Map<string, VarValue> | undefined)[] = rowValues.length > 0 && rowVar !== undefined && seg.row?.repeat !== undefined
      ? rowValues.map((val) => scopedWith(undefined, seg.row?.repeat ?? '', rowVar, val.value, val.text))
      : [undefined];
    copies.forEach((scoped, ci) => {
      const row = seg.row;
      let collapsed = false;
      if (row !== undefined) {
        collapsed = collapsedRows.get(row.id) ?? row.collapsed;
        out.push({ key: `row-${row.id}-${ci}`, panel: row, pos: { x: 0, y, w: 24, h: 1 }, collapsed, ...(scoped !== undefined ? { scoped } : {}) });
        y += 1;
      }
      if (collapsed) return;
      const items = expandPanelRepeats(seg.children, vars, scoped).map((it) => ({ ...it, key: `${it.key}-${ci}` }));
      y = compact(items, y);
      out.push(...items.sort((a, b) => a.pos.y - b.pos.y || a.pos.x - b.pos.x));
    });
  }
  return out;
}
