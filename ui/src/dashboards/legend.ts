/**
 * Time series legend and tooltip options as Grafana reads them: the timeseries panel's
 * options.legend (displayMode list/table/hidden, placement, calcs, sortBy/sortDesc) and
 * options.tooltip (mode, sort), or the legacy graph panel's legend (show, values, min, max,
 * avg, current, total, alignAsTable, rightSide, sort) and tooltip (shared, sort); and the
 * legend's value columns computed from a series' values.
 */
import type { FieldValue } from './frames.js';
import { bool, num, obj, str, type Json, type Panel } from './model.js';
import { reduceValues, reducerName } from './reducers.js';
import { formatValue } from './units.js';

export interface LegendOptions {
  show: boolean;
  mode: 'list' | 'table';
  placement: 'bottom' | 'right';
  /** Reducer ids, in column order. */
  calcs: string[];
  /** Index into calcs to sort by, if any. */
  sortBy?: number;
  sortDesc: boolean;
  /** Width of a right-placed legend in px. */
  width?: number;
  /** The legacy graph's hideEmpty (series without values) and hideZero (only zeros) legend options. */
  hideEmpty?: boolean;
  hideZero?: boolean;
}

export interface TooltipOptions {
  mode: 'single' | 'multi' | 'none';
  sort: 'none' | 'asc' | 'desc';
}

const LEGACY_CALCS: [string, string][] = [['min', 'min'], ['max', 'max'], ['avg', 'mean'], ['current', 'lastNotNull'], ['total', 'sum']];

function calcIndex(calcs: readonly string[], sortBy: string | undefined): number | undefined {
  if (sortBy === undefined || sortBy === '') return undefined;
  const i = calcs.findIndex((c) => c === sortBy || reducerName(c) === sortBy || reducerName(c).toLowerCase() === sortBy.toLowerCase());
  return i >= 0 ? i : undefined;
}

function legacyLegend(legend: Record<string, Json> | undefined): LegendOptions {
  const calcs = bool(legend, 'values') === true ? LEGACY_CALCS.filter(([k]) => bool(legend, k) === true).map(([, id]) => id) : [];
  const sortKey = str(legend, 'sort');
  const sortId = LEGACY_CALCS.find(([k]) => k === sortKey)?.[1];
  const opts: LegendOptions = {
    show: bool(legend, 'show') ?? true,
    mode: bool(legend, 'alignAsTable') === true ? 'table' : 'list',
    placement: bool(legend, 'rightSide') === true ? 'right' : 'bottom',
    calcs,
    sortDesc: bool(legend, 'sortDesc') ?? false,
  };
  const si = sortId !== undefined ? calcs.indexOf(sortId) : -1;
  if (si >= 0) opts.sortBy = si;
  const w = num(legend, 'sideWidth');
  if (w !== undefined) opts.width = w;
  if (bool(legend, 'hideEmpty') === true) opts.hideEmpty = true;
  if (bool(legend, 'hideZero') === true) opts.hideZero = true;
  return opts;
}

/** Whether the legacy legend options hide a series with these values from the legend. */
export function hiddenByLegend(opts: LegendOptions, values: ArrayLike<number>): boolean {
  if (opts.hideEmpty !== true && opts.hideZero !== true) return false;
  let seen = false;
  let nonZero = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    seen = true;
    if (v !== 0) nonZero = true;
  }
  return (opts.hideEmpty === true && !seen) || (opts.hideZero === true && !nonZero);
}

/** The legend options of a timeseries or legacy graph panel. */
export function legendOptions(panel: Panel): LegendOptions {
  if (panel.type === 'graph') return legacyLegend(obj(panel.raw, 'legend'));
  const legend = obj(panel.options, 'legend');
  const mode = str(legend, 'displayMode');
  const calcs = (Array.isArray(legend?.['calcs']) ? legend['calcs'] : []).filter((c): c is string => typeof c === 'string');
  const opts: LegendOptions = {
    show: (bool(legend, 'showLegend') ?? true) && mode !== 'hidden',
    mode: mode === 'table' ? 'table' : 'list',
    placement: str(legend, 'placement') === 'right' ? 'right' : 'bottom',
    calcs,
    sortDesc: bool(legend, 'sortDesc') ?? false,
  };
  const si = calcIndex(calcs, str(legend, 'sortBy'));
  if (si !== undefined) opts.sortBy = si;
  const w = num(legend, 'width');
  if (w !== undefined) opts.width = w;
  return opts;
}

/** The tooltip options of a timeseries or legacy graph panel. */
export function tooltipOptions(panel: Panel): TooltipOptions {
  if (panel.type === 'graph') {
    const t = obj(panel.raw, 'tooltip');
    const sort = num(t, 'sort');
    return { mode: bool(t, 'shared') === false ? 'single' : 'multi', sort: sort === 1 ? 'asc' : sort === 2 ? 'desc' : 'none' };
  }
  const t = obj(panel.options, 'tooltip');
  const mode = str(t, 'mode');
  const sort = str(t, 'sort');
  return {
    mode: mode === 'multi' || mode === 'none' ? mode : 'single',
    sort: sort === 'asc' || sort === 'desc' ? sort : 'none',
  };
}

/** Column headers for legend calcs (Grafana's reducer names). */
export function calcHeaders(calcs: readonly string[]): string[] {
  return calcs.map(reducerName);
}

const UNITLESS = new Set(['count', 'distinctCount', 'changeCount', 'allIsNull', 'allIsZero']);

/** One series' legend values: formatted texts and the numbers to sort by. */
export function legendCalcs(values: ArrayLike<number>, calcs: readonly string[], unit?: string, decimals?: number): { texts: string[]; sort: (number | null)[] } {
  const col: FieldValue[] = new Array<FieldValue>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    col[i] = Number.isNaN(v) ? null : v;
  }
  const texts: string[] = [];
  const sort: (number | null)[] = [];
  for (const c of calcs) {
    const r = reduceValues(col, c);
    const n = typeof r === 'number' ? r : null;
    sort.push(n);
    if (n === null) texts.push(r === null ? '' : String(r));
    else if (UNITLESS.has(c)) texts.push(String(n));
    else texts.push(formatValue(n, unit, decimals));
  }
  return { texts, sort };
}
