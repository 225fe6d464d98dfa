/**
 * Time series (and legacy graph) panels on the shared TimeSeriesChart: one chart series per
 * numeric field, named by legend/display name, coloured by its colour mode, unit-formatted
 * axis and tooltip, stacking, draw style, fill, points, min/max, negative-Y transform and
 * hidden series from overrides; drag-to-zoom sets the dashboard's time range.
 */
import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import { TimeSeriesChart, type DrawStyle, type TimeSeriesChartSeries } from '../../components/time-series-chart';
import { cssColor, resolveFieldConfig, thresholdColor } from '../field-config';
import { type DataFrame, timeField } from '../frames';
import { bool, isObject, num, obj, str, type FieldConfig, type Panel } from '../model';
import type { TimeRange } from '../time-range';
import { formatValue } from '../units';

function seriesColor(config: FieldConfig): string | undefined {
  const mode = config.color?.mode;
  if (mode === 'fixed' || mode === 'shades') return cssColor(config.color?.fixedColor);
  if (mode === 'thresholds') return thresholdColor(config, null);
  return undefined;
}

function hiddenFromViz(config: FieldConfig): boolean {
  const h = config.custom['hideFrom'];
  return isObject(h) && h['viz'] === true;
}

export function toChartSeries(panel: Panel, frames: readonly DataFrame[]): { series: TimeSeriesChartSeries[]; unit?: string; decimals?: number } {
  const series: TimeSeriesChartSeries[] = [];
  let unit: string | undefined;
  let decimals: number | undefined;
  // The legacy graph panel's colour per series name.
  const aliasColors = obj(panel.raw, 'aliasColors');
  for (const frame of frames) {
    const tf = timeField(frame);
    if (tf === undefined) continue;
    const times = new Float64Array(tf.values.length);
    tf.values.forEach((t, i) => {
      times[i] = typeof t === 'number' ? t : NaN;
    });
    for (const f of frame.fields) {
      if (f.type !== 'number') continue;
      const { config, name } = resolveFieldConfig(panel, f, frame);
      if (hiddenFromViz(config)) continue;
      unit ??= config.unit;
      decimals ??= config.decimals;
      const negate = config.custom['transform'] === 'negative-Y';
      const values = new Float64Array(f.values.length);
      f.values.forEach((v, i) => {
        values[i] = typeof v === 'number' ? (negate ? -v : v) : NaN;
      });
      const alias = aliasColors?.[name];
      const color = typeof alias === 'string' ? cssColor(alias) : seriesColor(config);
      series.push({ name, times, values, ...(f.labels !== undefined ? { labels: f.labels } : {}), ...(color !== undefined ? { color } : {}) });
    }
  }
  return { series, ...(unit !== undefined ? { unit } : {}), ...(decimals !== undefined ? { decimals } : {}) };
}

function drawStyle(custom: Record<string, unknown>): DrawStyle {
  const ds = custom['drawStyle'];
  return ds === 'bars' ? 'bars' : ds === 'points' ? 'points' : 'line';
}

export function TimeSeriesPanel(props: { panel: Panel; frames: DataFrame[]; height: number; range: TimeRange; utc: boolean; onZoom: (from: number, to: number) => void }): JSX.Element {
  const { panel } = props;
  const d = panel.fieldConfig.defaults;
  const { series, unit, decimals } = useMemo(() => toChartSeries(panel, props.frames), [panel, props.frames]);
  const legend = obj(panel.options, 'legend') ?? obj(panel.raw, 'legend');
  const showLegend = bool(legend, 'showLegend') ?? bool(legend, 'show') ?? str(legend, 'displayMode') !== 'hidden';
  const legendHeight = showLegend ? Math.min(series.length, 4) * 17 + 10 : 0;
  const stacking = obj(d.custom, 'stacking');
  const stacked = str(stacking, 'mode') === 'normal' || str(stacking, 'mode') === 'percent';
  const yFormat = useMemo(() => (v: number): string => formatValue(v, unit, decimals), [unit, decimals]);
  const showPoints = str(d.custom, 'showPoints');
  const fill = num(d.custom, 'fillOpacity');
  const width = num(d.custom, 'lineWidth');
  return (
    <TimeSeriesChart
      series={series}
      stacked={stacked}
      yFormat={yFormat}
      {...(d.min !== undefined ? { yMin: d.min } : {})}
      {...(d.max !== undefined ? { yMax: d.max } : {})}
      xMin={props.range.from}
      xMax={props.range.to}
      height={Math.max(80, props.height - legendHeight)}
      onZoom={props.onZoom}
      showLegend={showLegend}
      drawStyle={drawStyle(d.custom)}
      {...(fill !== undefined ? { fillOpacity: fill } : {})}
      {...(width !== undefined ? { lineWidth: width } : {})}
      {...(showPoints === 'always' || showPoints === 'never' || showPoints === 'auto' ? { showPoints } : {})}
      utc={props.utc}
    />
  );
}
