/**
 * The time series chart's legend: a list (name, then any value columns inline) or a table
 * (a header of value columns, sortable by clicking one), below or right of the plot. A click
 * toggles a series, ctrl/cmd-click isolates it (the chart decides which is which).
 */
import type { JSX } from 'preact';
import type { ChartLegendOptions, TimeSeriesChartSeries } from './time-series-chart';
import { seriesColor } from './time-series-palette';

/** The order legend rows are shown in: by a column's sort values when asked, else as given. */
export function legendOrder(series: readonly TimeSeriesChartSeries[], sortBy: number | undefined, desc: boolean): number[] {
  const idx = series.map((_s, i) => i).filter((i) => series[i]?.hideFrom?.legend !== true);
  if (sortBy === undefined || sortBy < 0) return idx;
  const key = (i: number): number => {
    const v = series[i]?.legendSortValues?.[sortBy];
    return typeof v === 'number' && !Number.isNaN(v) ? v : desc ? -Infinity : Infinity;
  };
  return idx.sort((a, b) => (desc ? key(b) - key(a) : key(a) - key(b)) || a - b);
}

export interface LegendProps {
  series: readonly TimeSeriesChartSeries[];
  hidden: ReadonlySet<number>;
  options: ChartLegendOptions;
  sortBy: number | undefined;
  sortDesc: boolean;
  onSort: (column: number) => void;
  onClick: (i: number, e: MouseEvent) => void;
}

function Swatch(props: { s: TimeSeriesChartSeries; i: number }): JSX.Element {
  const dashed = props.s.dash !== undefined && props.s.dash.length > 0;
  const color = props.s.color ?? seriesColor(props.i);
  return <span class={dashed ? 'ts-swatch dashed' : 'ts-swatch'} style={dashed ? { borderColor: color } : { background: color }} />;
}

function TableLegend(props: LegendProps & { order: number[] }): JSX.Element {
  const columns = props.options.columns ?? [];
  return (
    <div class="ts-legend ts-legend-table" data-testid="chart-legend" style={props.options.maxHeight !== undefined ? { maxHeight: `${props.options.maxHeight}px` } : {}}>
      <table>
        <thead>
          <tr>
            <th class="ts-legend-name-h" />
            {columns.map((c, ci) => (
              <th key={c} data-testid="legend-column" aria-sort={props.sortBy === ci ? (props.sortDesc ? 'descending' : 'ascending') : 'none'} onClick={() => props.onSort(ci)}>
                {c}{props.sortBy === ci ? (props.sortDesc ? ' ↓' : ' ↑') : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.order.map((i) => {
            const s = props.series[i];
            if (s === undefined) return null;
            return (
              <tr key={i} class={props.hidden.has(i) ? 'ts-legend-item hidden' : 'ts-legend-item'} data-testid="legend-item"
                data-hidden={props.hidden.has(i) ? 'true' : 'false'} title={s.name} onClick={(e) => props.onClick(i, e)}>
                <td class="ts-legend-name"><Swatch s={s} i={i} /><span class="ts-name">{s.name}</span></td>
                {columns.map((c, ci) => <td key={c} class="ts-legend-value">{s.legendValues?.[ci] ?? ''}</td>)}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ChartLegend(props: LegendProps): JSX.Element {
  const order = legendOrder(props.series, props.sortBy, props.sortDesc);
  if (props.options.mode === 'table') return <TableLegend {...props} order={order} />;
  const columns = props.options.columns ?? [];
  return (
    <ul class={props.options.wrap === true ? 'ts-legend wrap' : 'ts-legend'} data-testid="chart-legend" style={props.options.maxHeight !== undefined ? { maxHeight: `${props.options.maxHeight}px` } : {}}>
      {order.map((i) => {
        const s = props.series[i];
        if (s === undefined) return null;
        return (
          <li key={i} class={props.hidden.has(i) ? 'ts-legend-item hidden' : 'ts-legend-item'} data-testid="legend-item"
            data-hidden={props.hidden.has(i) ? 'true' : 'false'} title={s.name} onClick={(e) => props.onClick(i, e)}>
            <Swatch s={s} i={i} />
            <span class="ts-name">{s.name}</span>
            {columns.map((c, ci) => <span key={c} class="ts-legend-calc"><span class="muted">{c}: </span>{s.legendValues?.[ci] ?? ''}</span>)}
          </li>
        );
      })}
    </ul>
  );
}
