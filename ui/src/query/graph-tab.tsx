/**
 * The Graph tab: a range query over [end - range, end] at the chosen resolution, drawn with the
 * shared time series chart. Dragging across the chart zooms (sets range and end time).
 */
import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { TimeSeriesChart } from '../components/time-series-chart';
import type { TimeSeriesChartSeries } from '../components/time-series-chart';
import { graphExpr } from './graph-expr';
import { rangeQuery } from './query-api';
import type { QueryAnswer, RangeParams, RangeSeries } from './query-api';
import { errorText, isAbort, QueryError, QueryNotices } from './query-notices';
import { formatSeries } from './series-name';
import { DisplayModeInput, EndTimeInput, RangeInput, ResolutionInput } from './time-controls';
import { effectiveStep, formatDuration } from './url-state';
import type { PanelState } from './url-state';

export interface GraphTabProps {
  panel: PanelState;
  retrigger: number;
  onChange: (patch: Partial<PanelState>) => void;
}

interface Shown {
  answer: QueryAnswer<RangeSeries[]>;
  params: RangeParams;
}

/** Puts each series on the query's step grid; missing steps and non-finite values are gaps. */
export function toChartSeries(result: readonly RangeSeries[], p: RangeParams): TimeSeriesChartSeries[] {
  const n = Math.max(0, Math.floor((p.end - p.start) / p.step) + 1);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = p.start + i * p.step;
  return result.map((s) => {
    const values = new Float64Array(n).fill(NaN);
    const put = (t: number, v: number): void => {
      const i = Math.round((t * 1000 - p.start) / p.step);
      if (i >= 0 && i < n) values[i] = v;
    };
    for (const [t, v] of s.values ?? []) put(t, parseFloat(v));
    for (const [t, h] of s.histograms ?? []) put(t, parseFloat(h.sum));
    return { name: formatSeries(s.metric), labels: s.metric, times, values };
  });
}

export function GraphTab(props: GraphTabProps): JSX.Element {
  const { panel } = props;
  const [shown, setShown] = useState<Shown | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resKey = JSON.stringify(panel.resolution);

  useEffect(() => {
    if (panel.expr.trim() === '') {
      setShown(null);
      setError(null);
      return;
    }
    const ac = new AbortController();
    const end = panel.endTime ?? Date.now();
    const params: RangeParams = { start: end - panel.range, end, step: effectiveStep(panel.resolution, panel.range) };
    setLoading(true);
    rangeQuery(graphExpr(panel.expr), params, ac.signal).then(
      (answer) => {
        setShown({ answer, params });
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        setError(errorText(e));
        setShown(null);
        setLoading(false);
      },
    );
    return () => ac.abort();
  }, [panel.expr, panel.endTime, panel.range, resKey, props.retrigger]);

  const series = useMemo(() => (shown === null ? [] : toChartSeries(shown.answer.data, shown.params)), [shown]);
  const onZoom = (start: number, end: number): void => {
    const range = Math.max(1000, Math.round((end - start) / 1000) * 1000);
    props.onChange({ range, endTime: Math.round(end / 1000) * 1000 });
  };

  return (
    <div class="tab-body">
      <div class="controls">
        <RangeInput range={panel.range} onChange={(range) => props.onChange({ range })} />
        <EndTimeInput time={panel.endTime} range={panel.range} label="End time" onChange={(endTime) => props.onChange({ endTime })} />
        <ResolutionInput resolution={panel.resolution} range={panel.range} onChange={(resolution) => props.onChange({ resolution })} />
        <DisplayModeInput mode={panel.displayMode} onChange={(displayMode) => props.onChange({ displayMode })} />
      </div>
      {loading && <div class="loading-bar" data-testid="query-loading" aria-busy="true">Loading…</div>}
      {error !== null && <QueryError error={error} />}
      {error === null && shown === null && !loading && <div class="muted empty">No data queried yet</div>}
      {shown !== null && (
        <div class={loading ? 'stale' : ''}>
          <QueryNotices warnings={shown.answer.warnings} infos={shown.answer.infos} />
          <div class="muted stats" data-testid="query-stats">
            Load time: {Math.round(shown.answer.elapsed)}ms · Resolution: {formatDuration(shown.params.step)} · Result series: {series.length}
          </div>
          {series.length === 0 && <div class="notice info" data-testid="query-empty">Empty query result: this query returned no data.</div>}
          <div class="query-graph" data-testid="query-graph" data-series={series.length}>
            {series.length > 0 && <TimeSeriesChart
              series={series}
              stacked={panel.displayMode === 'stacked'}
              yMin={panel.yAxisMin ?? undefined}
              xMin={shown.params.start}
              xMax={shown.params.end}
              height={360}
              utc
              onZoom={onZoom}
            />}
            {series.length > 0 && <div class="muted legend-hint">Click: toggle a series · Ctrl/⌘ + click: show only that series · Drag: zoom</div>}
          </div>
        </div>
      )}
    </div>
  );
}
