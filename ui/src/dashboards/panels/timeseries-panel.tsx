/**
 * Time series (and legacy graph) panels on the shared TimeSeriesChart: one chart series per
 * numeric field, named by legend/display name, drawn per its field config and overrides (or the
 * graph panel's seriesOverrides): colour, draw style, fill, line width and dash, stacking
 * groups (normal/percent), negative-Y, y axes by placement and unit, hidden series; thresholds
 * drawn as lines/areas, dashboard annotations, legend (list/table, calcs, sort) and tooltip
 * modes; drag-to-zoom sets the dashboard's time range.
 */
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { TimeSeriesChart, type ChartAnnotation, type ChartAxis, type ChartThresholds, type TimeSeriesChartSeries } from '../../components/time-series-chart';
import { cssColor, resolveFieldConfig, thresholdColor } from '../field-config';
import { type DataFrame, timeField } from '../frames';
import { calcHeaders, hiddenByLegend, legendCalcs, legendOptions, tooltipOptions, type LegendOptions } from '../legend';
import { arr, isObject, num, obj, str, type FieldConfig, type Json, type Panel } from '../model';
import { assignAxes, seriesStyle } from '../series-config';
import type { TimeRange } from '../time-range';
import { formatValue } from '../units';

interface SeriesInfo {
  series: TimeSeriesChartSeries;
  config: FieldConfig;
  placement: string;
  unit?: string;
  softMin?: number;
  softMax?: number;
  axisLabel?: string;
  log?: number;
  percent: boolean;
}

/** The legacy graph panel's y axis (0 left, 1 right) settings. */
function legacyAxis(panel: Panel, i: number): Json | undefined {
  return arr(panel.raw, 'yaxes')[i];
}

function seriesUnit(panel: Panel, config: FieldConfig, placement: string): string | undefined {
  if (panel.type === 'graph' && placement === 'right') return str(legacyAxis(panel, 1), 'format') ?? config.unit;
  return config.unit;
}

function fieldSeries(panel: Panel, frame: DataFrame, times: Float64Array, calcs: readonly string[], aliasColors: Json | undefined): SeriesInfo[] {
  const out: SeriesInfo[] = [];
  for (const f of frame.fields) {
    if (f.type !== 'number') continue;
    const { config, name } = resolveFieldConfig(panel, f, frame);
    const style = seriesStyle(panel, config, name);
    const raw = new Float64Array(f.values.length);
    f.values.forEach((v, i) => {
      raw[i] = typeof v === 'number' ? v : NaN;
    });
    const unit = style.stackPercent ? 'percentunit' : seriesUnit(panel, config, style.axisPlacement);
    const ownUnit = seriesUnit(panel, config, style.axisPlacement);
    const lc = calcs.length > 0 ? legendCalcs(raw, calcs, ownUnit, config.decimals) : undefined;
    const alias = isObject(aliasColors) ? aliasColors[name] : undefined;
    const color = typeof alias === 'string' ? cssColor(alias) : style.color ?? (config.color?.mode === 'thresholds' ? thresholdColor(config, null) : undefined);
    const series: TimeSeriesChartSeries = {
      name, times, values: raw, drawStyle: style.drawStyle, stackGroup: style.stackGroup,
      ...(style.negativeY ? { negativeY: true } : {}),
      format: (v: number) => formatValue(v, ownUnit, config.decimals),
      ...(style.spanNulls ? { spanGaps: true } : {}),
      ...(f.labels !== undefined ? { labels: f.labels } : {}),
      ...(color !== undefined ? { color } : {}),
      ...(style.fillOpacity !== undefined ? { fillOpacity: style.fillOpacity } : {}),
      ...(style.lineWidth !== undefined ? { lineWidth: style.lineWidth } : {}),
      ...(style.dash !== undefined ? { dash: style.dash } : {}),
      ...(style.showPoints !== undefined ? { showPoints: style.showPoints } : {}),
      ...(style.hideFrom.viz ? { hidden: true } : {}),
      hideFrom: { legend: style.hideFrom.legend, tooltip: style.hideFrom.tooltip },
      ...(lc !== undefined ? { legendValues: lc.texts, legendSortValues: lc.sort } : {}),
    };
    out.push({
      series, config, placement: style.axisPlacement, percent: style.stackPercent,
      ...(unit !== undefined ? { unit } : {}),
      ...(style.softMin !== undefined ? { softMin: style.softMin } : {}),
      ...(style.softMax !== undefined ? { softMax: style.softMax } : {}),
      ...(style.axisLabel !== undefined ? { axisLabel: style.axisLabel } : {}),
      ...(style.log !== undefined ? { log: style.log } : {}),
    });
  }
  return out;
}

function axisFor(panel: Panel, info: SeriesInfo, placement: 'left' | 'right' | 'hidden', unit: string | undefined): ChartAxis {
  const c = info.config;
  const legacy = panel.type === 'graph' ? legacyAxis(panel, placement === 'right' ? 1 : 0) : undefined;
  const decimals = c.decimals ?? (panel.type === 'graph' ? num(legacy, 'decimals') : undefined);
  const a: ChartAxis = {
    placement: legacy !== undefined && isObject(legacy) && legacy['show'] === false ? 'hidden' : placement,
    format: (v: number) => formatValue(v, unit, decimals),
  };
  const min = panel.type === 'graph' && placement === 'right' ? num(legacy, 'min') : c.min;
  const max = panel.type === 'graph' && placement === 'right' ? num(legacy, 'max') : c.max;
  if (min !== undefined && !info.percent) a.min = min;
  if (max !== undefined && !info.percent) a.max = max;
  if (info.log !== undefined) a.log = info.log;
  if (info.softMin !== undefined) a.softMin = info.softMin;
  if (info.softMax !== undefined) a.softMax = info.softMax;
  const label = info.axisLabel ?? str(legacy, 'label');
  if (label !== undefined && label !== '') a.label = label;
  return a;
}

export interface ChartModel {
  series: TimeSeriesChartSeries[];
  axes: ChartAxis[];
  percent: boolean;
}

/** The chart's series and axes for a panel's frames. */
export function toChartModel(panel: Panel, frames: readonly DataFrame[], calcs: readonly string[] = []): ChartModel {
  const infos: SeriesInfo[] = [];
  const aliasColors = obj(panel.raw, 'aliasColors');
  for (const frame of frames) {
    const tf = timeField(frame);
    if (tf === undefined) continue;
    const times = new Float64Array(tf.values.length);
    tf.values.forEach((t, i) => {
      times[i] = typeof t === 'number' ? t : NaN;
    });
    infos.push(...fieldSeries(panel, frame, times, calcs, aliasColors));
  }
  const assignment = assignAxes(infos.map((i) => ({ placement: i.placement, ...(i.unit !== undefined ? { unit: i.unit } : {}) })));
  const series = infos.map((info, i) => ({ ...info.series, axis: assignment.axisOf[i] ?? 0 }));
  const axes = assignment.axes.map((ax) => {
    const info = infos[ax.seriesIndex];
    return info === undefined ? {} : axisFor(panel, info, ax.placement, ax.unit);
  });
  return { series, axes, percent: infos.some((i) => i.percent) };
}

/** The panel's thresholds to draw (custom.thresholdsStyle, or the graph panel's thresholds list). */
function chartThresholds(panel: Panel): ChartThresholds | undefined {
  const d = panel.fieldConfig.defaults;
  if (panel.type === 'graph') {
    const list = arr(panel.raw, 'thresholds').filter(isObject);
    if (list.length === 0) return undefined;
    const colors: Record<string, string> = { critical: 'rgba(245, 54, 54, 0.9)', warning: 'rgba(237, 129, 40, 0.89)', ok: 'rgba(50, 172, 45, 0.97)' };
    const steps = list.filter((t) => num(t, 'value') !== undefined && str(t, 'op') !== 'lt')
      .map((t) => ({ value: num(t, 'value') ?? 0, color: str(t, 'colorMode') === 'custom' ? cssColor(str(t, 'lineColor') ?? str(t, 'fillColor')) : colors[str(t, 'colorMode') ?? 'critical'] ?? 'red' }))
      .sort((a, b) => a.value - b.value);
    const fill = list.some((t) => t['fill'] !== false);
    return { style: fill ? 'line+area' : 'line', steps: [{ value: -Infinity, color: 'transparent' }, ...steps] };
  }
  const mode = str(obj(d.custom, 'thresholdsStyle'), 'mode');
  if (mode === undefined || mode === 'off' || d.thresholds === undefined) return undefined;
  const pct = d.thresholds.mode === 'percentage';
  const lo = d.min ?? 0;
  const hi = d.max ?? 100;
  return {
    style: mode,
    steps: d.thresholds.steps.map((s, i) => ({ value: i === 0 ? -Infinity : pct ? lo + ((hi - lo) * s.value) / 100 : s.value, color: cssColor(s.color) })),
  };
}

/** Legend height for the panel's size: table rows, or wrapped list items. */
function legendHeight(opts: LegendOptions, series: readonly TimeSeriesChartSeries[], width: number, height: number): number {
  if (!opts.show || opts.placement === 'right') return 0;
  const shown = series.filter((s) => s.hideFrom?.legend !== true);
  if (shown.length === 0) return 0;
  let px: number;
  if (opts.mode === 'table') px = (shown.length + 1) * 19 + 8;
  else {
    const headers = calcHeaders(opts.calcs);
    const chars = (s: TimeSeriesChartSeries): number => s.name.length + headers.reduce((n, h, i) => n + h.length + 3 + (s.legendValues?.[i]?.length ?? 0), 0);
    const itemW = shown.map((s) => Math.min(width, chars(s) * 7.3 + 24 + headers.length * 10));
    let rows = 1;
    let x = 0;
    for (const w of itemW) {
      if (x + w > width && x > 0) {
        rows++;
        x = 0;
      }
      x += w + 12;
    }
    px = rows * 18 + 8;
  }
  return Math.min(px, Math.round(height * (opts.mode === 'table' ? 0.5 : 0.4)));
}

export function TimeSeriesPanel(props: { panel: Panel; frames: DataFrame[]; height: number; width?: number; range: TimeRange; utc: boolean; annotations?: readonly ChartAnnotation[]; onZoom: (from: number, to: number) => void }): JSX.Element {
  const { panel } = props;
  const narrow = (props.width ?? 600) < 500;
  const legend = useMemo((): LegendOptions => {
    const l = legendOptions(panel);
    // A right-side legend leaves no room for the plot on a narrow panel (a phone): put it below.
    return narrow && l.placement === 'right' ? { ...l, placement: 'bottom' } : l;
  }, [panel, narrow]);
  const tooltip = useMemo(() => tooltipOptions(panel), [panel]);
  const model = useMemo(() => {
    const m = toChartModel(panel, props.frames, legend.calcs);
    const series = m.series.map((s) => (hiddenByLegend(legend, s.values) ? { ...s, hideFrom: { ...s.hideFrom, legend: true } } : s));
    return { ...m, series };
  }, [panel, props.frames, legend]);
  const thresholds = useMemo(() => chartThresholds(panel), [panel]);
  const width = Math.max(100, (props.width ?? 600) - 14);
  const lh = legendHeight(legend, model.series, width, props.height);
  return (
    <TimeSeriesChart
      series={model.series}
      axes={model.axes}
      stackPercent={model.percent}
      xMin={props.range.from}
      xMax={props.range.to}
      height={Math.max(60, props.height - lh - (lh > 0 ? 6 : 0))}
      onZoom={props.onZoom}
      showLegend={legend.show}
      legend={{
        mode: legend.mode, placement: legend.placement, columns: calcHeaders(legend.calcs), sortDesc: legend.sortDesc, wrap: legend.mode === 'list' && legend.placement === 'bottom',
        ...(legend.sortBy !== undefined ? { sortBy: legend.sortBy } : {}),
        ...(legend.placement === 'right' ? { maxHeight: props.height, width: Math.min(legend.width ?? (legend.mode === 'table' ? 320 : 200), Math.round(width * 0.45)) } : { maxHeight: lh }),
      }}
      tooltip={tooltip}
      {...(thresholds !== undefined ? { thresholds } : {})}
      {...(props.annotations !== undefined && props.annotations.length > 0 ? { annotations: props.annotations } : {})}
      utc={props.utc}
    />
  );
}
