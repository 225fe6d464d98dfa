/**
 * A time series chart (uPlot) shared by the Query page's Graph tab and the dashboards' panels:
 * lines, bars or points, optionally stacked and filled; a legend below that toggles series
 * (click) or isolates one (ctrl/cmd-click); a tooltip with the hovered series' value and
 * labels; drag-to-zoom reported through onZoom; width follows the container.
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './time-series-chart.css';

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
}

export type DrawStyle = 'line' | 'bars' | 'points';

export interface TimeSeriesChartProps {
  series: readonly TimeSeriesChartSeries[];
  /** Stack the visible series on top of each other (filled areas). */
  stacked?: boolean;
  /** Formats y values (axis ticks, tooltip). Default: SI prefixes on the axis, the plain number in the tooltip. */
  yFormat?: (v: number) => string;
  yMin?: number;
  yMax?: number;
  /** Fixed x range in milliseconds (e.g. the query's range); by default the data's extent. */
  xMin?: number;
  xMax?: number;
  /** Height of the plot area with its axes, in CSS pixels (default 300). */
  height?: number;
  /** Called with the selected range when the user drags across the plot. Without it, the chart zooms itself (double-click resets). */
  onZoom?: (startMs: number, endMs: number) => void;
  /** Show the legend below the plot (default true). */
  showLegend?: boolean;
  /** What a plain click on a legend entry does; ctrl/cmd-click does the other (default 'toggle'). */
  legendClick?: 'toggle' | 'isolate';
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

/** Grafana's classic palette: the colour of the series at an index, deterministic. */
const PALETTE = [
  '#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A9', '#705DA0',
  '#508642', '#CCA300', '#447EBC', '#C15C17', '#890F02', '#0A437C', '#6D1F62', '#584477',
  '#B7DBAB', '#F4D598', '#70DBED', '#F9BA8F', '#F29191', '#82B5D8', '#E5A8E2', '#AEA2E0',
  '#629E51', '#E5AC0E', '#64B0C8', '#E0752D', '#BF1B00', '#0A50A1', '#962D82', '#614D93',
  '#9AC48A', '#F2C96D', '#65C5DB', '#F9934E', '#EA6460', '#5195CE', '#D683CE', '#806EB7',
  '#3F6833', '#967302', '#2F575E', '#99440A', '#58140C', '#052B51', '#511749', '#3F2B5B',
];

export function seriesColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? '#7EB26D';
}

type YColumn = (number | null | undefined)[];

interface Aligned {
  /** x values in seconds (uPlot's default time unit). */
  xs: Float64Array;
  /** Per series: number, null (a gap) or undefined (no sample at this x: the line connects over it). */
  ys: YColumn[];
}

function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function column(values: Float64Array): YColumn {
  const out: YColumn = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

/** Puts every series on one x axis: shared timestamps directly, otherwise their sorted union. */
export function alignSeries(series: readonly TimeSeriesChartSeries[]): Aligned {
  const first = series[0];
  if (first === undefined) return { xs: new Float64Array(0), ys: [] };
  if (series.every((s) => sameTimes(s.times, first.times))) {
    const xs = new Float64Array(first.times.length);
    for (let i = 0; i < xs.length; i++) xs[i] = (first.times[i] as number) / 1000;
    return { xs, ys: series.map((s) => column(s.values)) };
  }
  let total = 0;
  for (const s of series) total += s.times.length;
  const all = new Float64Array(total);
  let o = 0;
  for (const s of series) {
    all.set(s.times, o);
    o += s.times.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[n - 1]) all[n++] = all[i] as number;
  const times = all.subarray(0, n);
  const ys = series.map((s) => {
    const col: YColumn = new Array<number | null | undefined>(n).fill(undefined);
    let j = 0;
    for (let i = 0; i < s.times.length; i++) {
      const t = s.times[i] as number;
      while (j < n && (times[j] as number) < t) j++;
      const v = s.values[i] as number;
      if (j < n) col[j] = Number.isFinite(v) ? v : null;
    }
    return col;
  });
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = (times[i] as number) / 1000;
  return { xs, ys };
}

/** Cumulative sums of the visible series (hidden ones keep their own values) and the bands between them. */
function stackData(a: Aligned, hidden: ReadonlySet<number>): { data: uPlot.AlignedData; bands: uPlot.Band[] } {
  const acc = new Float64Array(a.xs.length);
  const cols: YColumn[] = a.ys.map((col, si) => {
    if (hidden.has(si)) return col;
    const out: YColumn = new Array<number | null | undefined>(col.length);
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      acc[i] = (acc[i] as number) + (typeof v === 'number' ? v : 0);
      out[i] = typeof v === 'number' ? (acc[i] as number) : v;
    }
    return out;
  });
  const bands: uPlot.Band[] = [];
  let below = -1;
  for (let si = 0; si < a.ys.length; si++) {
    if (hidden.has(si)) continue;
    if (below >= 0) bands.push({ series: [si + 1, below + 1] });
    below = si;
  }
  return { data: [a.xs, ...cols] as uPlot.AlignedData, bands };
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

let colorCtx: CanvasRenderingContext2D | null = null;

/** A CSS colour with an alpha (0-1), for fills; named colours are resolved by a canvas. */
function withAlpha(color: string, alpha: number): string {
  colorCtx ??= document.createElement('canvas').getContext('2d');
  let c = color;
  if (colorCtx !== null) {
    colorCtx.fillStyle = '#000';
    colorCtx.fillStyle = color;
    c = String(colorCtx.fillStyle);
  }
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (hex !== null) return `rgba(${parseInt(hex[1] ?? '0', 16)}, ${parseInt(hex[2] ?? '0', 16)}, ${parseInt(hex[3] ?? '0', 16)}, ${alpha})`;
  const rgb = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(c);
  if (rgb !== null) return `rgba(${rgb[1]},${rgb[2]},${rgb[3]}, ${alpha})`;
  return c;
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

function yRange(p: TimeSeriesChartProps): uPlot.Range.Function {
  return (_u, min, max) => {
    const lo = p.yMin ?? (p.stacked === true ? Math.min(0, min) : min);
    const hi = p.yMax ?? max;
    if (lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi)) return [p.yMin ?? 0, p.yMax ?? 1];
    const [rlo, rhi] = uPlot.rangeNum(lo, hi, 0.1, true);
    return [p.yMin ?? rlo, p.yMax ?? rhi];
  };
}

function seriesOptions(p: TimeSeriesChartProps, index: number, hidden: boolean): uPlot.Series {
  const s = p.series[index];
  const color = s?.color ?? seriesColor(index);
  const style = p.drawStyle ?? 'line';
  const fill = p.fillOpacity ?? (p.stacked === true ? 40 : 0);
  const show = p.showPoints ?? 'auto';
  const opts: uPlot.Series = {
    label: s?.name ?? '',
    stroke: color,
    width: p.lineWidth ?? 1.5,
    show: !hidden,
    spanGaps: false,
    points: show === 'always' || style === 'points'
      ? { show: true, size: style === 'points' ? 5 : 4, fill: color }
      : show === 'never' ? { show: false } : { filter: (u: uPlot, si: number) => isolatedPoints(u, si) },
  };
  if (fill > 0 || style === 'bars') opts.fill = withAlpha(color, style === 'bars' && fill === 0 ? 0.8 : Math.min(fill, 100) / 100);
  if (style === 'bars') opts.paths = uPlot.paths.bars?.({ size: [0.6, 100] });
  if (style === 'points') opts.paths = () => null;
  return opts;
}

function buildOptions(live: Live, root: HTMLElement, width: number, hidden: ReadonlySet<number>): uPlot.Options {
  const p = live.props;
  const axisColor = cssVar(root, '--muted', '#6b7385');
  const gridColor = cssVar(root, '--border', '#d9dde5');
  const font = `12px ${cssVar(root, '--font', 'sans-serif')}`;
  const xRange: uPlot.Scale['range'] = p.xMin !== undefined && p.xMax !== undefined
    ? [p.xMin / 1000, p.xMax / 1000] : undefined;
  return {
    width,
    height: p.height ?? 300,
    legend: { show: false },
    cursor: {
      drag: { x: true, y: false, setScale: p.onZoom === undefined },
      points: { size: 6 },
    },
    ...(p.utc === true ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC') } : {}),
    scales: {
      x: { time: true, ...(xRange !== undefined ? { range: xRange, auto: false } : {}) },
      y: { range: yRange(p) },
    },
    axes: [
      {
        stroke: axisColor, font, space: 80,
        grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 },
        values: TIME_VALUES as uPlot.Axis['values'],
      },
      {
        stroke: axisColor, font,
        grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 },
        values: (_u, splits) => tickLabels(splits, live.props.yFormat),
        size: (u, values, axisIdx, cycle) => axisSize(u, values, axisIdx, cycle),
      },
    ],
    series: [{}, ...p.series.map((_s, i) => seriesOptions(p, i, hidden.has(i)))],
    hooks: {
      setSelect: [(u) => onSelect(u, live)],
      setCursor: [(u) => updateTooltip(u, live)],
    },
  };
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

function appendText(parent: HTMLElement, tag: string, cls: string, text: string): HTMLElement {
  const el = document.createElement(tag);
  if (cls !== '') el.className = cls;
  el.textContent = text;
  parent.appendChild(el);
  return el;
}

/** The shown series drawn nearest to the cursor's height at a data index (1-based uPlot index). */
function nearestSeries(u: uPlot, idx: number, top: number): number | null {
  let best: number | null = null;
  let bestDist = Infinity;
  for (let si = 1; si < u.series.length; si++) {
    if (u.series[si]?.show === false) continue;
    const v = u.data[si]?.[idx];
    if (typeof v !== 'number') continue;
    const d = Math.abs(u.valToPos(v, 'y') - top);
    if (d < bestDist) {
      bestDist = d;
      best = si;
    }
  }
  return best;
}

function updateTooltip(u: uPlot, live: Live): void {
  const tip = live.tooltip;
  if (tip === null) return;
  const { left, top, idx } = u.cursor;
  const si = idx === null || idx === undefined || top === undefined ? null : nearestSeries(u, idx, top);
  const s = si === null ? undefined : live.props.series[si - 1];
  const raw = si === null || idx === null || idx === undefined ? undefined : live.aligned.ys[si - 1]?.[idx];
  if (s === undefined || si === null || idx === null || idx === undefined || left === undefined || top === undefined || left < 0 || typeof raw !== 'number') {
    tip.style.display = 'none';
    return;
  }
  const ts = (u.data[0][idx] ?? 0) * 1000;
  tip.replaceChildren();
  appendText(tip, 'div', 'tt-time', formatTimestamp(ts, live.props.utc === true));
  const row = appendText(tip, 'div', 'tt-value', '');
  const sw = appendText(row, 'span', 'tt-swatch', '');
  sw.style.background = s.color ?? seriesColor(si - 1);
  appendText(row, 'span', 'tt-name', `${s.name}: `);
  appendText(row, 'strong', '', live.props.yFormat !== undefined ? live.props.yFormat(raw) : String(raw));
  const labels = s.labels ?? {};
  const keys = Object.keys(labels).filter((k) => k !== '__name__');
  if (keys.length > 0) {
    const box = appendText(tip, 'div', 'tt-labels', '');
    for (const k of keys) {
      const line = appendText(box, 'div', '', '');
      appendText(line, 'strong', '', `${k}: `);
      appendText(line, 'span', '', labels[k] ?? '');
    }
  }
  tip.style.display = 'block';
  const host = tip.parentElement;
  if (host === null) return;
  const hr = host.getBoundingClientRect();
  const or = u.over.getBoundingClientRect();
  const x = or.left - hr.left + left;
  const y = or.top - hr.top + top;
  const w = tip.offsetWidth;
  const flip = x + 12 + w > hr.width && x - 12 - w >= 0;
  tip.style.left = `${flip ? x - 12 - w : Math.max(0, Math.min(x + 12, hr.width - w))}px`;
  tip.style.top = `${Math.max(0, Math.min(y + 12, or.bottom - hr.top - tip.offsetHeight))}px`;
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

function ChartLegend(props: {
  series: readonly TimeSeriesChartSeries[];
  hidden: ReadonlySet<number>;
  onClick: (i: number, e: MouseEvent) => void;
}): JSX.Element {
  return (
    <ul class="ts-legend" data-testid="chart-legend">
      {props.series.map((s, i) => (
        <li
          key={i}
          class={props.hidden.has(i) ? 'ts-legend-item hidden' : 'ts-legend-item'}
          data-testid="legend-item"
          data-hidden={props.hidden.has(i) ? 'true' : 'false'}
          title={s.name}
          onClick={(e) => props.onClick(i, e)}
        >
          <span class="ts-swatch" style={{ background: s.color ?? seriesColor(i) }} />
          <span class="ts-name">{s.name}</span>
        </li>
      ))}
    </ul>
  );
}

function legendKey(series: readonly TimeSeriesChartSeries[]): string {
  return series.map((s) => s.name).join('\u0000');
}

const NONE: ReadonlySet<number> = new Set();

/** Which series the legend hid; kept while the series stay the same (e.g. a refresh), cleared when they change. */
function useHiddenSeries(series: readonly TimeSeriesChartSeries[]): [ReadonlySet<number>, (h: ReadonlySet<number>) => void] {
  const [hidden, setHidden] = useState<ReadonlySet<number>>(NONE);
  const names = legendKey(series);
  const namesRef = useRef(names);
  useEffect(() => {
    if (namesRef.current !== names) {
      namesRef.current = names;
      setHidden(NONE);
    }
  }, [names]);
  return [namesRef.current === names ? hidden : NONE, setHidden];
}

export function TimeSeriesChart(props: TimeSeriesChartProps): JSX.Element {
  const plotRef = useRef<HTMLDivElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const aligned = useMemo(() => alignSeries(props.series), [props.series]);
  const liveRef = useRef<Live>({ props, aligned, tooltip: null });
  liveRef.current.props = props;
  liveRef.current.aligned = aligned;
  const [hiddenNow, setHidden] = useHiddenSeries(props.series);
  const hiddenRef = useRef(hiddenNow);
  hiddenRef.current = hiddenNow;

  // (Re)build the chart when the data or its look change.
  useEffect(() => {
    const root = plotRef.current;
    if (root === null) return;
    const live = liveRef.current;
    live.tooltip = tipRef.current;
    const width = Math.max(root.clientWidth, 100);
    const opts = buildOptions(live, root, width, hiddenRef.current);
    let data: uPlot.AlignedData = [aligned.xs, ...aligned.ys] as uPlot.AlignedData;
    if (props.stacked === true) {
      const st = stackData(aligned, hiddenRef.current);
      data = st.data;
      opts.bands = st.bands;
    }
    const u = new uPlot(opts, data, root);
    chartRef.current = u;
    const leave = (): void => {
      if (live.tooltip !== null) live.tooltip.style.display = 'none';
    };
    u.over.addEventListener('mouseleave', leave);
    return () => {
      chartRef.current = null;
      u.destroy();
    };
  }, [aligned, props.stacked, props.drawStyle, props.fillOpacity, props.lineWidth, props.showPoints,
    props.yMin, props.yMax, props.xMin, props.xMax, props.height, props.utc, props.onZoom === undefined]);

  // Apply legend toggles without rebuilding.
  useEffect(() => {
    const u = chartRef.current;
    if (u === null) return;
    u.batch(() => {
      for (let i = 0; i < props.series.length; i++) {
        const show = !hiddenNow.has(i);
        if (u.series[i + 1]?.show !== show) u.setSeries(i + 1, { show });
      }
      if (props.stacked === true) {
        const st = stackData(aligned, hiddenNow);
        u.delBand(null);
        for (const b of st.bands) u.addBand(b);
        u.setData(st.data);
      }
    });
  }, [hiddenNow]);

  // Follow the container's width.
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

  const onLegendClick = (i: number, e: MouseEvent): void => {
    const isolate = (e.ctrlKey || e.metaKey) !== ((props.legendClick ?? 'toggle') === 'isolate');
    setHidden(nextHidden(hiddenNow, i, props.series.length, isolate));
  };

  return (
    <div class="ts-chart" data-testid="time-series-chart">
      <div class="ts-plot" ref={plotRef}>
        <div class="ts-tooltip" ref={tipRef} data-testid="chart-tooltip" style={{ display: 'none' }} />
      </div>
      {props.series.length === 0 && <div class="ts-empty muted" data-testid="chart-empty">No data points</div>}
      {(props.showLegend ?? true) && props.series.length > 0 && (
        <ChartLegend series={props.series} hidden={hiddenNow} onClick={onLegendClick} />
      )}
    </div>
  );
}
