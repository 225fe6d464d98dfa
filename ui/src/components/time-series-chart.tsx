/**
 * A time series chart (uPlot) shared by the Query page's Graph tab and the dashboards' panels:
 * lines, bars or points per series, stacked (normal or percent, by group) and filled; several
 * y axes (left/right, each with its own format and range); thresholds and annotations; a
 * legend (list or table with value columns, below or right) that toggles series (click) or
 * isolates one (ctrl/cmd-click); a tooltip (nearest series, all series, or none); drag-to-zoom
 * reported through onZoom; width follows the container.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './time-series-chart.css';
import { ChartLegend } from './time-series-legend';
import { drawAnnotations, drawThresholdAreas, drawThresholdLines, updateTooltip } from './time-series-overlay';
import { seriesColor, withAlpha } from './time-series-palette';
import { alignSeries, stackColumns, type Aligned, type YColumn } from './time-series-stack';

export { alignSeries, seriesColor };

export type DrawStyle = 'line' | 'bars' | 'points';

export interface TimeSeriesChartSeries {
  /** The legend text (e.g. `up{job="node"}` or a Grafana legendFormat result). */
  name: string;
  /** The series' labels, shown in the tooltip. */
  labels?: Record<string, string>;
  /** A CSS colour; by default the palette colour of the series' index. */
  color?: string;
  /** Sample timestamps in milliseconds, ascending. */
  times: Float64Array;
  /** Sample values; NaN is a gap. */
  values: Float64Array;
  /** Per-series look; the chart's props give the defaults. */
  drawStyle?: DrawStyle;
  fillOpacity?: number;
  lineWidth?: number;
  /** A line dash pattern in CSS pixels (e.g. [10, 10]). */
  dash?: number[];
  showPoints?: 'auto' | 'always' | 'never';
  /** Index into the chart's `axes` (default 0). */
  axis?: number;
  /** The stacking group: a name stacks with the same name, null never stacks; by default the chart's `stacked` decides. */
  stackGroup?: string | null;
  hideFrom?: { legend?: boolean; tooltip?: boolean };
  /** Formats this series' values in the tooltip (default: its axis' format). */
  format?: (v: number) => string;
  /** Connect the line across missing samples (Grafana's spanNulls / nullPointMode connected). */
  spanGaps?: boolean;
  /** Draw the values below zero (Grafana's negative-Y transform); the tooltip keeps the values as they are. */
  negativeY?: boolean;
  /** Hidden at first (shown dimmed in the legend; a click shows it). */
  hidden?: boolean;
  /** Texts of the legend's value columns (legend.columns), in order. */
  legendValues?: string[];
  /** The numbers the legend sorts each column by. */
  legendSortValues?: (number | null)[];
}

export interface ChartAxis {
  placement?: 'left' | 'right' | 'hidden';
  /** Formats tick and tooltip values of the series on this axis. */
  format?: (v: number) => string;
  min?: number;
  max?: number;
  softMin?: number;
  softMax?: number;
  label?: string;
  /** A logarithmic scale of this base (2 or 10). */
  log?: number;
}

export interface ChartLegendOptions {
  mode?: 'list' | 'table';
  placement?: 'bottom' | 'right';
  /** Headers of the value columns (e.g. Mean, Max). */
  columns?: string[];
  /** Column index to sort by at first. */
  sortBy?: number;
  sortDesc?: boolean;
  /** The legend's height limit in px (it scrolls). */
  maxHeight?: number;
  /** Width of a right-placed legend in px. */
  width?: number;
  /** List items side by side, wrapping (Grafana's list legend), instead of one per line. */
  wrap?: boolean;
}

export interface ChartThresholds {
  /** Grafana's thresholdsStyle.mode: line, dashed, area, line+area, dashed+area. */
  style: string;
  steps: { value: number; color: string }[];
}

export interface ChartAnnotation {
  /** Start (and end, for a region) in ms. */
  time: number;
  timeEnd?: number;
  color: string;
  title: string;
  text?: string;
  tags?: string[];
}

export interface TimeSeriesChartProps {
  series: readonly TimeSeriesChartSeries[];
  /** Stack the visible series on top of each other (filled areas). */
  stacked?: boolean;
  /** Stacked values as shares (0..1) of their group's total. */
  stackPercent?: boolean;
  /** Formats y values (axis ticks, tooltip). Default: SI prefixes on the axis, the plain number in the tooltip. */
  yFormat?: (v: number) => string;
  yMin?: number;
  yMax?: number;
  /** The y axes; axis 0 defaults to yFormat/yMin/yMax on the left. */
  axes?: ChartAxis[];
  /** Fixed x range in milliseconds (e.g. the query's range); by default the data's extent. */
  xMin?: number;
  xMax?: number;
  /** Height of the plot area with its axes, in CSS pixels (default 300). */
  height?: number;
  /** Called with the selected range when the user drags across the plot. Without it, the chart zooms itself (double-click resets). */
  onZoom?: (startMs: number, endMs: number) => void;
  /** Show the legend (default true). */
  showLegend?: boolean;
  legend?: ChartLegendOptions;
  /** What a plain click on a legend entry does; ctrl/cmd-click does the other (default 'toggle'). */
  legendClick?: 'toggle' | 'isolate';
  tooltip?: { mode?: 'single' | 'multi' | 'none'; sort?: 'none' | 'asc' | 'desc' };
  thresholds?: ChartThresholds;
  annotations?: readonly ChartAnnotation[];
  /** Area fill under each series, 0-100 (Grafana's fillOpacity; default 0, 40 when stacked). */
  fillOpacity?: number;
  drawStyle?: DrawStyle;
  /** Line width in CSS pixels (default 1.5). */
  lineWidth?: number;
  /** 'auto' draws points only where a sample has no neighbour (or the data is sparse). */
  showPoints?: 'auto' | 'always' | 'never';
  /** Show times in UTC (as the Prometheus UI does) instead of the browser's time zone. */
  utc?: boolean;
}

const SI: readonly [number, string][] = [
  [1e24, 'Y'], [1e21, 'Z'], [1e18, 'E'], [1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'],
];
const SI_SMALL: readonly [number, string][] = [
  [1e-21, 'y'], [1e-18, 'z'], [1e-15, 'a'], [1e-12, 'f'], [1e-9, 'p'], [1e-6, 'n'], [1e-3, 'µ'], [1, 'm'],
];

/** An axis tick value with an SI prefix (as the Prometheus UI's y axis). */
export function formatSI(v: number, precision = 2): string {
  const abs = Math.abs(v);
  if (!Number.isFinite(v)) return String(v);
  for (const [f, p] of SI) if (abs >= f) return (v / f).toFixed(precision) + p;
  if (abs >= 1 || abs === 0) return v.toFixed(precision);
  if (abs < 1e-2) {
    for (const [lim, p] of SI_SMALL) if (abs < lim * 1e-2) return (v / (lim * 1e-3)).toFixed(precision) + p;
  }
  return v.toFixed(precision);
}

function tickLabels(splits: number[], fmt: ((v: number) => string) | undefined): string[] {
  if (fmt !== undefined) return splits.map((v) => fmt(v));
  for (let p = 2; p <= 8; p++) {
    const labels = splits.map((v) => formatSI(v, p));
    if (new Set(labels).size === labels.length) return labels;
  }
  return splits.map((v) => formatSI(v, 8));
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `YYYY-MM-DD HH:mm:ss` of a time in ms, in UTC or local time. */
export function formatTimestamp(ms: number, utc: boolean): string {
  const d = new Date(ms);
  const [y, mo, da, h, mi, s] = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()];
  const milli = d.getUTCMilliseconds();
  return `${y}-${pad2(mo)}-${pad2(da)} ${pad2(h)}:${pad2(mi)}:${pad2(s)}${milli !== 0 ? `.${String(milli).padStart(3, '0')}` : ''}`;
}

/** Points where a sample has no drawn neighbour, so isolated samples stay visible on a line. */
function isolatedPoints(u: uPlot, si: number): number[] | null {
  const ys = u.data[si] as YColumn | undefined;
  if (ys === undefined) return null;
  const [i0 = 0, i1 = ys.length - 1] = u.series[si]?.idxs ?? [];
  const out: number[] = [];
  let prev: number | null | undefined = null;
  for (let i = i0; i <= i1; i++) {
    const v = ys[i];
    if (v === undefined || v === null) {
      if (v === null) prev = null;
      continue;
    }
    let next: number | null | undefined = undefined;
    for (let j = i + 1; j <= i1 && next === undefined; j++) next = ys[j];
    if ((prev === null || prev === undefined) && (next === null || next === undefined)) out.push(i);
    prev = v;
  }
  return out.length > 0 ? out : null;
}

// The time axis labels: 24-hour times, unambiguous dates (incr, default, year, month, day, hour, min, sec, mode).
const TIME_VALUES: (string | number | null)[][] = [
  [3600 * 24 * 365, '{YYYY}', null, null, null, null, null, null, 1],
  [3600 * 24 * 28, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
  [3600 * 24, '{MMM} {D}', '\n{YYYY}', null, null, null, null, null, 1],
  [3600, '{HH}:{mm}', '\n{MMM} {D} \'{YY}', null, '\n{MMM} {D}', null, null, null, 1],
  [60, '{HH}:{mm}', '\n{MMM} {D} \'{YY}', null, '\n{MMM} {D}', null, null, null, 1],
  [1, '{HH}:{mm}:{ss}', '\n{MMM} {D} \'{YY}', null, '\n{MMM} {D}', null, null, null, 1],
  [0.001, '{HH}:{mm}:{ss}.{fff}', '\n{MMM} {D} \'{YY}', null, '\n{MMM} {D}', null, null, null, 1],
];

interface Live {
  props: TimeSeriesChartProps;
  aligned: Aligned;
  tooltip: HTMLDivElement | null;
}

function cssVar(el: Element, name: string, fallback: string): string {
  const v = getComputedStyle(el).getPropertyValue(name).trim();
  return v === '' ? fallback : v;
}

/** The chart's axes with axis 0 defaulting to the yFormat/yMin/yMax props. */
function chartAxes(p: TimeSeriesChartProps): ChartAxis[] {
  const given = p.axes ?? [];
  const first: ChartAxis = { ...given[0] };
  if (first.format === undefined && p.yFormat !== undefined) first.format = p.yFormat;
  if (first.min === undefined && p.yMin !== undefined && p.yMin !== null) first.min = p.yMin;
  if (first.max === undefined && p.yMax !== undefined && p.yMax !== null) first.max = p.yMax;
  if (p.stackPercent === true) {
    first.min ??= 0;
    first.max ??= 1;
  }
  return [first, ...given.slice(1)];
}

function scaleKey(axis: number): string {
  return axis === 0 ? 'y' : `y${axis}`;
}

function yRange(a: ChartAxis, stacked: boolean): uPlot.Range.Function {
  return (_u, min, max) => {
    let lo = a.min ?? (stacked ? Math.min(0, min) : min);
    let hi = a.max ?? max;
    if (lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi)) return [a.min ?? a.softMin ?? 0, a.max ?? a.softMax ?? 1];
    if (a.softMin !== undefined && a.min === undefined) lo = Math.min(lo, a.softMin);
    if (a.softMax !== undefined && a.max === undefined) hi = Math.max(hi, a.softMax);
    const [rlo, rhi] = uPlot.rangeNum(lo, hi, 0.1, true);
    return [a.min ?? (a.softMin !== undefined && lo === a.softMin ? lo : rlo), a.max ?? (a.softMax !== undefined && hi === a.softMax ? hi : rhi)];
  };
}

function seriesOptions(p: TimeSeriesChartProps, index: number, hidden: boolean, stacked: boolean): uPlot.Series {
  const s = p.series[index];
  const color = s?.color ?? seriesColor(index);
  const style = s?.drawStyle ?? p.drawStyle ?? 'line';
  const fill = s?.fillOpacity ?? p.fillOpacity ?? (stacked ? 40 : 0);
  const show = s?.showPoints ?? p.showPoints ?? 'auto';
  const opts: uPlot.Series = {
    label: s?.name ?? '',
    stroke: color,
    width: s?.lineWidth ?? p.lineWidth ?? 1.5,
    scale: scaleKey(s?.axis ?? 0),
    show: !hidden,
    spanGaps: s?.spanGaps === true,
    points: show === 'always' || style === 'points'
      ? { show: true, size: style === 'points' ? 5 : 4, fill: color }
      : show === 'never' ? { show: false } : { filter: (u: uPlot, si: number) => isolatedPoints(u, si) },
  };
  if (s?.dash !== undefined && s.dash.length > 0) opts.dash = s.dash;
  if (fill > 0 || style === 'bars') opts.fill = withAlpha(color, style === 'bars' && fill === 0 ? 0.8 : Math.min(fill, 100) / 100);
  if (style === 'bars') opts.paths = uPlot.paths.bars?.({ size: [0.6, 100] });
  if (style === 'points') opts.paths = () => null;
  if ((s?.lineWidth ?? p.lineWidth) === 0 && style === 'line') opts.stroke = withAlpha(color, 0);
  return opts;
}

/** Which stacking group each series is in (null: not stacked). */
function stackGroups(p: TimeSeriesChartProps): (string | null)[] {
  return p.series.map((s) => (s.stackGroup === undefined ? (p.stacked === true ? 'A' : null) : s.stackGroup));
}

function yAxisOptions(live: Live, axes: ChartAxis[], axisColor: string, gridColor: string, font: string): uPlot.Axis[] {
  return axes.map((a, i): uPlot.Axis => ({
    scale: scaleKey(i),
    show: a.placement !== 'hidden',
    side: a.placement === 'right' ? 1 : 3,
    stroke: axisColor, font,
    grid: { show: i === 0, stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 },
    values: (_u, splits) => tickLabels(splits, chartAxes(live.props)[i]?.format),
    size: (u, values, axisIdx, cycle) => axisSize(u, values, axisIdx, cycle),
    ...(a.label !== undefined && a.label !== '' ? { label: a.label, labelFont: font, labelSize: 18 } : {}),
  }));
}

function buildOptions(live: Live, root: HTMLElement, width: number, hidden: ReadonlySet<number>): uPlot.Options {
  const p = live.props;
  const axisColor = cssVar(root, '--muted', '#6b7385');
  const gridColor = cssVar(root, '--border', '#d9dde5');
  const font = `12px ${cssVar(root, '--font', 'sans-serif')}`;
  const xRange: uPlot.Scale['range'] = p.xMin !== undefined && p.xMax !== undefined
    ? [p.xMin / 1000, p.xMax / 1000] : undefined;
  const axes = chartAxes(p);
  const groups = stackGroups(p);
  const scales: uPlot.Scales = { x: { time: true, ...(xRange !== undefined ? { range: xRange, auto: false } : {}) } };
  axes.forEach((a, i) => {
    const stacked = p.series.some((s, si) => (s.axis ?? 0) === i && groups[si] !== null);
    scales[scaleKey(i)] = a.log !== undefined && !stacked ? { distr: 3, log: a.log === 2 ? 2 : 10 } : { range: yRange(a, stacked) };
  });
  return {
    width,
    height: p.height ?? 300,
    legend: { show: false },
    cursor: {
      drag: { x: true, y: false, setScale: p.onZoom === undefined },
      points: { size: 6 },
    },
    ...(p.utc === true ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC') } : {}),
    scales,
    axes: [
      {
        stroke: axisColor, font, space: 80,
        grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 },
        values: TIME_VALUES as uPlot.Axis['values'],
      },
      ...yAxisOptions(live, axes, axisColor, gridColor, font),
    ],
    series: [{}, ...p.series.map((_s, i) => seriesOptions(p, i, hidden.has(i), groups[i] !== null))],
    hooks: {
      setSelect: [(u) => onSelect(u, live)],
      setCursor: [(u) => updateTooltip(u, live.tooltip, tooltipState(live))],
      drawAxes: [(u) => drawThresholdAreas(u, live.props.thresholds)],
      draw: [(u) => {
        drawThresholdLines(u, live.props.thresholds);
        drawAnnotations(u, live.props.annotations);
      }],
    },
  };
}

function tooltipState(live: Live): Parameters<typeof updateTooltip>[2] {
  const p = live.props;
  const axes = chartAxes(p);
  return {
    props: p,
    raw: live.aligned.ys,
    format: (i, v) => {
      const fmt = p.series[i]?.format ?? axes[p.series[i]?.axis ?? 0]?.format;
      return fmt !== undefined ? fmt(v) : String(v);
    },
    formatTime: (ms) => formatTimestamp(ms, p.utc === true),
  };
}

/** The uPlot data and bands for the current hidden set (stacking when any series stacks). */
function chartData(p: TimeSeriesChartProps, aligned: Aligned, hidden: ReadonlySet<number>): { data: uPlot.AlignedData; bands: uPlot.Band[] } {
  const groups = stackGroups(p);
  const ys = aligned.ys.map((col, i) => (p.series[i]?.negativeY === true ? col.map((v) => (typeof v === 'number' ? -v : v)) : col));
  if (groups.every((g) => g === null)) return { data: [aligned.xs, ...ys] as uPlot.AlignedData, bands: [] };
  const st = stackColumns(ys, groups, hidden, p.stackPercent === true);
  const bands: uPlot.Band[] = [];
  st.below.forEach((b, si) => {
    if (b >= 0) bands.push({ series: [si + 1, b + 1] });
  });
  return { data: [aligned.xs, ...st.cols] as uPlot.AlignedData, bands };
}

function axisSize(u: uPlot, values: string[] | null, axisIdx: number, cycle: number): number {
  const axis = u.axes[axisIdx];
  const prev = (axis as { _size?: number } | undefined)?._size;
  if (cycle > 1 && prev !== undefined) return prev;
  let size = (axis?.ticks?.size ?? 10) + (axis?.gap ?? 5);
  const longest = (values ?? []).reduce((a, v) => (v.length > a.length ? v : a), '');
  if (longest !== '') {
    const font = axis?.font as unknown;
    u.ctx.font = Array.isArray(font) ? String(font[0]) : typeof font === 'string' ? font : '12px sans-serif';
    size += u.ctx.measureText(longest).width / devicePixelRatio;
  }
  return Math.ceil(size) + 4;
}

function onSelect(u: uPlot, live: Live): void {
  const onZoom = live.props.onZoom;
  if (onZoom === undefined || u.select.width < 2) return;
  const start = u.posToVal(u.select.left, 'x') * 1000;
  const end = Math.max(u.posToVal(u.select.left + u.select.width, 'x') * 1000, start + 1000);
  u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  onZoom(Math.round(start), Math.round(end));
}

/** The hidden set after a legend click: toggle one series, or isolate it (show all again when it already is). */
function nextHidden(hidden: ReadonlySet<number>, i: number, n: number, isolate: boolean): ReadonlySet<number> {
  const next = new Set<number>();
  if (isolate) {
    let othersShown = false;
    for (let j = 0; j < n; j++) if (j !== i && !hidden.has(j)) othersShown = true;
    if (othersShown || hidden.has(i)) for (let j = 0; j < n; j++) if (j !== i) next.add(j);
    return next;
  }
  for (const j of hidden) next.add(j);
  if (next.has(i)) next.delete(i);
  else next.add(i);
  return next;
}

function legendKey(series: readonly TimeSeriesChartSeries[]): string {
  return series.map((s) => s.name).join('\u0000');
}

const NONE: ReadonlySet<number> = new Set();

/** Which series the legend hid; kept while the series stay the same (e.g. a refresh), cleared when they change. */
function initiallyHidden(series: readonly TimeSeriesChartSeries[]): ReadonlySet<number> {
  const out = new Set<number>();
  series.forEach((s, i) => {
    if (s.hidden === true) out.add(i);
  });
  return out.size === 0 ? NONE : out;
}

function useHiddenSeries(series: readonly TimeSeriesChartSeries[]): [ReadonlySet<number>, (h: ReadonlySet<number>) => void] {
  const [hidden, setHidden] = useState<ReadonlySet<number>>(() => initiallyHidden(series));
  const names = legendKey(series);
  const namesRef = useRef(names);
  useEffect(() => {
    if (namesRef.current !== names) {
      namesRef.current = names;
      setHidden(initiallyHidden(series));
    }
  }, [names]);
  return [namesRef.current === names ? hidden : initiallyHidden(series), setHidden];
}

/** Builds the uPlot instance, rebuilding it when the data or its look change; follows the width. */
function usePlot(plotRef: { current: HTMLDivElement | null }, liveRef: { current: Live }, tipRef: { current: HTMLDivElement | null }, hiddenRef: { current: ReadonlySet<number> }, props: TimeSeriesChartProps, aligned: Aligned): { current: uPlot | null } {
  const chartRef = useRef<uPlot | null>(null);
  useEffect(() => {
    const root = plotRef.current;
    if (root === null) return;
    const live = liveRef.current;
    live.tooltip = tipRef.current;
    const opts = buildOptions(live, root, Math.max(root.clientWidth, 100), hiddenRef.current);
    const { data, bands } = chartData(props, aligned, hiddenRef.current);
    if (bands.length > 0) opts.bands = bands;
    const u = new uPlot(opts, data, root);
    chartRef.current = u;
    u.over.addEventListener('mouseleave', () => {
      if (live.tooltip !== null) live.tooltip.style.display = 'none';
    });
    return () => {
      chartRef.current = null;
      u.destroy();
    };
  }, [aligned, props.stacked, props.stackPercent, props.drawStyle, props.fillOpacity, props.lineWidth, props.showPoints,
    props.yMin, props.yMax, props.xMin, props.xMax, props.height, props.utc, props.onZoom === undefined, props.axes?.length,
    props.thresholds, props.annotations]);
  useEffect(() => {
    const root = plotRef.current;
    if (root === null || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => {
      const u = chartRef.current;
      const w = Math.max(root.clientWidth, 100);
      if (u !== null && Math.abs(u.width - w) >= 1) u.setSize({ width: w, height: props.height ?? 300 });
    });
    ro.observe(root);
    return () => ro.disconnect();
  }, [props.height]);
  return chartRef;
}

export function TimeSeriesChart(props: TimeSeriesChartProps): JSX.Element {
  const plotRef = useRef<HTMLDivElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const aligned = useMemo(() => alignSeries(props.series), [props.series]);
  const liveRef = useRef<Live>({ props, aligned, tooltip: null });
  liveRef.current.props = props;
  liveRef.current.aligned = aligned;
  const [hiddenNow, setHidden] = useHiddenSeries(props.series);
  const hiddenRef = useRef(hiddenNow);
  hiddenRef.current = hiddenNow;
  const legendOpts = props.legend ?? {};
  const [sort, setSort] = useState<{ by: number | undefined; desc: boolean }>({ by: legendOpts.sortBy, desc: legendOpts.sortDesc ?? false });
  const chartRef = usePlot(plotRef, liveRef, tipRef, hiddenRef, props, aligned);

  // Apply legend toggles without rebuilding.
  useEffect(() => {
    const u = chartRef.current;
    if (u === null) return;
    u.batch(() => {
      for (let i = 0; i < props.series.length; i++) {
        const show = !hiddenNow.has(i);
        if (u.series[i + 1]?.show !== show) u.setSeries(i + 1, { show });
      }
      if (stackGroups(props).some((g) => g !== null)) {
        const st = chartData(props, aligned, hiddenNow);
        u.delBand(null);
        for (const b of st.bands) u.addBand(b);
        u.setData(st.data);
      }
    });
  }, [hiddenNow]);

  const onLegendClick = (i: number, e: MouseEvent): void => {
    const isolate = (e.ctrlKey || e.metaKey) !== ((props.legendClick ?? 'toggle') === 'isolate');
    setHidden(nextHidden(hiddenNow, i, props.series.length, isolate));
  };
  const right = legendOpts.placement === 'right';
  const showLegend = (props.showLegend ?? true) && props.series.some((s) => s.hideFrom?.legend !== true);
  return (
    <div class={right && showLegend ? 'ts-chart legend-right' : 'ts-chart'} data-testid="time-series-chart">
      <div class="ts-plot" ref={plotRef}>
        <div class="ts-tooltip" ref={tipRef} data-testid="chart-tooltip" style={{ display: 'none' }} />
      </div>
      {props.series.length === 0 && <div class="ts-empty muted" data-testid="chart-empty">No data points</div>}
      {showLegend && (
        <div class="ts-legend-box" style={right ? { width: `${legendOpts.width ?? 220}px` } : {}}>
          <ChartLegend series={props.series} hidden={hiddenNow} options={legendOpts} sortBy={sort.by} sortDesc={sort.desc}
            onSort={(c) => setSort(sort.by === c ? { by: c, desc: !sort.desc } : { by: c, desc: true })} onClick={onLegendClick} />
        </div>
      )}
    </div>
  );
}
