/**
 * How one time series is drawn, from its resolved field config (defaults + overrides) and,
 * for the legacy graph panel, the panel's own settings and its seriesOverrides (alias exact
 * or /regex/: yaxis, fill, linewidth, stack, transform, color, dashes, lines/bars/points,
 * hiddenSeries, legend), migrated as Grafana migrates graph panels to timeseries.
 */
import { cssColor } from './field-config.js';
import { arr, bool, isObject, num, obj, str, type FieldConfig, type Json, type JsonObject, type Panel } from './model.js';

export type SeriesDrawStyle = 'line' | 'bars' | 'points';

export interface SeriesStyle {
  drawStyle: SeriesDrawStyle;
  fillOpacity?: number;
  lineWidth?: number;
  dash?: number[];
  showPoints?: 'auto' | 'always' | 'never';
  /** 'left' | 'right' | 'hidden' | 'auto'. */
  axisPlacement: string;
  axisLabel?: string;
  softMin?: number;
  softMax?: number;
  /** null: not stacked. */
  stackGroup: string | null;
  stackPercent: boolean;
  negativeY: boolean;
  spanNulls: boolean;
  /** Log scale base, if the axis is logarithmic. */
  log?: number;
  hideFrom: { legend: boolean; tooltip: boolean; viz: boolean };
  color?: string;
}

/** Whether a legacy alias (exact text or /regex/flags) names a series. */
export function aliasMatches(alias: string, name: string): boolean {
  const m = /^\/(.*)\/([gimsuy]*)$/.exec(alias);
  if (m === null) return alias === name;
  try {
    return new RegExp(m[1] ?? '', (m[2] ?? '').replace('g', '')).test(name);
  } catch {
    return false;
  }
}

/** The legacy graph panel's settings for a series (panel level, then matching seriesOverrides) as custom field config. */
export function legacyGraphCustom(panel: Panel, name: string): JsonObject {
  const p = panel.raw;
  const c: JsonObject = {};
  const apply = (o: JsonObject): void => {
    const fill = num(o, 'fill');
    if (fill !== undefined) c['fillOpacity'] = fill * 10;
    const lw = num(o, 'linewidth');
    if (lw !== undefined) c['lineWidth'] = lw;
    if (o['bars'] === true) c['drawStyle'] = 'bars';
    else if (o['lines'] === true) c['drawStyle'] = 'line';
    else if (o['points'] === true && o['lines'] === false) c['drawStyle'] = 'points';
    if (o['points'] === true) c['showPoints'] = 'always';
    if (o['lines'] === false && o['bars'] !== true && o['points'] !== true) c['lineWidth'] = 0;
    if (o['dashes'] === true) c['lineStyle'] = { fill: 'dash', dash: [num(o, 'dashLength') ?? 10, num(o, 'spaceLength') ?? 10] };
    else if (o['dashes'] === false) c['lineStyle'] = { fill: 'solid' };
    const stack = o['stack'];
    if (stack === true) c['stacking'] = { mode: bool(p, 'percentage') === true ? 'percent' : 'normal', group: 'A' };
    else if (stack === false) c['stacking'] = { mode: 'none' };
    else if (typeof stack === 'string' || typeof stack === 'number') c['stacking'] = { mode: 'normal', group: String(stack) };
    if (o['transform'] === 'negative-Y') c['transform'] = 'negative-Y';
    const yaxis = num(o, 'yaxis');
    if (yaxis === 2) c['axisPlacement'] = 'right';
    if (yaxis === 1) c['axisPlacement'] = 'left';
    const log = num(arr(p, 'yaxes')[yaxis === 2 ? 1 : 0], 'logBase');
    if (log !== undefined && log > 1) c['scaleDistribution'] = { type: 'log', log };
    const color = str(o, 'color');
    if (color !== undefined) c['__color'] = color;
    if (o['hiddenSeries'] === true) c['hideFrom'] = { viz: true, legend: false, tooltip: false };
    if (o['legend'] === false) c['hideFrom'] = { ...(isObject(c['hideFrom']) ? c['hideFrom'] : {}), legend: true };
    if (o['hideTooltip'] === true) c['hideFrom'] = { ...(isObject(c['hideFrom']) ? c['hideFrom'] : {}), tooltip: true };
  };
  apply({ ...p, stack: p['stack'] === true ? true : null, yaxis: null, color: null } as JsonObject);
  if (str(p, 'nullPointMode') === 'connected') c['spanNulls'] = true;
  for (const ov of arr(p, 'seriesOverrides')) {
    if (isObject(ov) && aliasMatches(str(ov, 'alias') ?? '', name)) apply(ov);
  }
  return c;
}

function hideFrom(v: Json | undefined): SeriesStyle['hideFrom'] {
  return { legend: isObject(v) && v['legend'] === true, tooltip: isObject(v) && v['tooltip'] === true, viz: isObject(v) && v['viz'] === true };
}

function lineDash(v: Json | undefined): number[] | undefined {
  if (!isObject(v)) return undefined;
  const fill = str(v, 'fill');
  if (fill === 'dash' || fill === 'dot') {
    const d = arr(v, 'dash').filter((x): x is number => typeof x === 'number' && x >= 0);
    return d.length > 0 ? d : fill === 'dot' ? [0, 10] : [10, 10];
  }
  return undefined;
}

function seriesColor(config: FieldConfig, legacyColor: Json | undefined): string | undefined {
  if (typeof legacyColor === 'string') return cssColor(legacyColor);
  const mode = config.color?.mode;
  if (mode === 'fixed' || mode === 'shades') return cssColor(config.color?.fixedColor);
  return undefined;
}

/** The draw style of one series. `config.custom` already has the field's overrides. */
export function seriesStyle(panel: Panel, config: FieldConfig, name: string): SeriesStyle {
  const custom: JsonObject = panel.type === 'graph' ? { ...config.custom, ...legacyGraphCustom(panel, name) } : config.custom;
  const ds = custom['drawStyle'];
  const stacking = obj(custom, 'stacking');
  const mode = str(stacking, 'mode');
  const style: SeriesStyle = {
    drawStyle: ds === 'bars' ? 'bars' : ds === 'points' ? 'points' : 'line',
    axisPlacement: str(custom, 'axisPlacement') ?? 'auto',
    stackGroup: mode === 'normal' || mode === 'percent' ? (str(stacking, 'group') ?? 'A') : null,
    stackPercent: mode === 'percent',
    negativeY: custom['transform'] === 'negative-Y',
    spanNulls: custom['spanNulls'] === true || (typeof custom['spanNulls'] === 'number' && custom['spanNulls'] > 0),
    hideFrom: hideFrom(custom['hideFrom']),
  };
  const fill = num(custom, 'fillOpacity');
  if (fill !== undefined) style.fillOpacity = fill;
  const lw = num(custom, 'lineWidth');
  if (lw !== undefined) style.lineWidth = lw;
  const dash = lineDash(custom['lineStyle']);
  if (dash !== undefined) style.dash = dash;
  const sp = custom['showPoints'];
  if (sp === 'auto' || sp === 'always' || sp === 'never') style.showPoints = sp;
  const label = str(custom, 'axisLabel');
  if (label !== undefined && label !== '') style.axisLabel = label;
  const smin = num(custom, 'axisSoftMin');
  if (smin !== undefined) style.softMin = smin;
  const smax = num(custom, 'axisSoftMax');
  if (smax !== undefined) style.softMax = smax;
  const sd = obj(custom, 'scaleDistribution');
  if (str(sd, 'type') === 'log') style.log = num(sd, 'log') ?? 2;
  const color = seriesColor(config, custom['__color']);
  if (color !== undefined) style.color = color;
  return style;
}

export interface AxisAssignment {
  /** Per series: the axis index. */
  axisOf: number[];
  /** Per axis: placement and the unit/config of its first series. */
  axes: { placement: 'left' | 'right' | 'hidden'; unit?: string; seriesIndex: number }[];
}

/**
 * Groups series onto y axes as Grafana does: by placement and unit; 'auto' puts the first
 * unit on the left and other units on the right. Axis 0 is the first series' axis.
 */
export function assignAxes(series: readonly { placement: string; unit?: string }[]): AxisAssignment {
  const firstUnit = series.find((s) => s.placement === 'auto' || s.placement === 'left')?.unit ?? series[0]?.unit;
  const keys = new Map<string, number>();
  const out: AxisAssignment = { axisOf: [], axes: [] };
  series.forEach((s, i) => {
    const side: 'left' | 'right' | 'hidden' = s.placement === 'right' ? 'right' : s.placement === 'hidden' ? 'hidden' : s.placement === 'left' ? 'left' : s.unit === firstUnit ? 'left' : 'right';
    const key = `${side}\u0000${s.unit ?? ''}`;
    let ax = keys.get(key);
    if (ax === undefined) {
      ax = out.axes.length;
      keys.set(key, ax);
      out.axes.push({ placement: side, ...(s.unit !== undefined ? { unit: s.unit } : {}), seriesIndex: i });
    }
    out.axisOf.push(ax);
  });
  return out;
}
