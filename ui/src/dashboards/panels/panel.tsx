/**
 * One dashboard panel: runs its queries when the time range, variables or refresh tick change,
 * applies its transformations, and renders the visualization for its type. The element carries
 * data-panel-id and data-state (loading, then ok / no-data / error with the API's error text).
 */
import { Component, type ComponentChildren, type JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorBox } from '../../components/error-box';
import { type DataFrame, hasData } from '../frames';
import { interpolate, type VarMap } from '../interpolate';
import type { LayoutItem } from '../layout';
import { TextContent } from '../markdown';
import { str, type Panel } from '../model';
import { type PanelData, runPanelQueries, targetQuery } from '../prom-query';
import type { TimeRange } from '../time-range';
import { applyTransformations } from '../transformations';
import { BarGaugePanel, GaugePanel } from './gauge-panel';
import { HeatmapPanel } from './heatmap-panel';
import { StatPanel } from './stat-panel';
import { TablePanel } from './table-panel';
import { TimeSeriesPanel } from './timeseries-panel';

export interface PanelContext {
  range: TimeRange;
  vars: VarMap;
  refreshTick: number;
  utc: boolean;
  /** False while variables are still being resolved (queries wait). */
  ready: boolean;
  onZoom: (from: number, to: number) => void;
}

const QUERY_TYPES = new Set(['timeseries', 'graph', 'stat', 'singlestat', 'gauge', 'bargauge', 'table', 'table-old', 'heatmap']);
export const GRID_ROW_PX = 30;
export const GRID_GAP_PX = 8;

type State = { kind: 'loading' } | { kind: 'done'; data: PanelData };

function usePanelData(panel: Panel, ctx: PanelContext, scoped: VarMap | undefined, width: number): State {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const queries = QUERY_TYPES.has(panel.type);
  const key = useMemo(() => {
    if (!queries || !ctx.ready) return '';
    const qctx = { range: ctx.range, vars: ctx.vars, width, ...(scoped !== undefined ? { scoped } : {}) };
    return JSON.stringify([ctx.range.from, ctx.range.to, ctx.refreshTick, panel.targets.map((t) => targetQuery(panel, t, qctx))]);
  }, [panel, ctx.range, ctx.vars, ctx.refreshTick, ctx.ready, scoped, width]);
  useEffect(() => {
    if (key === '') return;
    const ac = new AbortController();
    const qctx = { range: ctx.range, vars: ctx.vars, width, ...(scoped !== undefined ? { scoped } : {}) };
    runPanelQueries(panel, qctx, ac.signal).then(
      (data) => { if (!ac.signal.aborted) setState({ kind: 'done', data }); },
      (e: unknown) => { if (!ac.signal.aborted) setState({ kind: 'done', data: { frames: [], intervalMs: 0, error: e instanceof Error ? e.message : String(e) } }); },
    );
    return () => ac.abort();
  }, [key]);
  return state;
}

function Unsupported(props: { type: string }): JSX.Element {
  return <div class="panel-unsupported">Panel type {props.type} is not supported</div>;
}

function Visualization(props: { panel: Panel; frames: DataFrame[]; height: number; ctx: PanelContext }): JSX.Element {
  const { panel, frames, height, ctx } = props;
  switch (panel.type) {
    case 'timeseries':
    case 'graph':
      return <TimeSeriesPanel panel={panel} frames={frames} height={height} range={ctx.range} utc={ctx.utc} onZoom={ctx.onZoom} />;
    case 'stat':
    case 'singlestat':
      return <StatPanel panel={panel} frames={frames} />;
    case 'gauge':
      return <GaugePanel panel={panel} frames={frames} />;
    case 'bargauge':
      return <BarGaugePanel panel={panel} frames={frames} />;
    case 'table':
    case 'table-old':
      return <TablePanel panel={panel} frames={frames} utc={ctx.utc} />;
    case 'heatmap':
      return <HeatmapPanel panel={panel} frames={frames} height={height} utc={ctx.utc} />;
    default:
      return <Unsupported type={panel.type} />;
  }
}

export function PanelView(props: { item: LayoutItem; ctx: PanelContext; width: number }): JSX.Element {
  const { item, ctx } = props;
  const panel = item.panel;
  const state = usePanelData(panel, ctx, item.scoped, props.width);
  const title = interpolate(panel.title, ctx.vars, (v) => v.join(', '), item.scoped);
  const heightPx = item.pos.h * GRID_ROW_PX + (item.pos.h - 1) * GRID_GAP_PX;
  const bodyHeight = Math.max(40, heightPx - 36);
  const transformed = useMemo(() => {
    if (state.kind !== 'done') return null;
    const frames = state.data.frames;
    // Tables of several table-format queries without transformations show as one table, joined
    // on their labels (Value #A, Value #B, ... columns), as Grafana's migrated tables do.
    const tableTargets = panel.targets.filter((t) => !t.hide && t.expr.trim() !== '');
    if (panel.type === 'table' && panel.transformations.length === 0 && frames.length > 1 && tableTargets.every((t) => t.format === 'table')) {
      return applyTransformations(frames, [{ id: 'merge', options: {}, disabled: false }]);
    }
    return applyTransformations(frames, panel.transformations);
  }, [state, panel.transformations]);

  let dataState: string;
  let body: JSX.Element;
  if (panel.type === 'text') {
    const mode = str(panel.options, 'mode') ?? str(panel.raw, 'mode') ?? 'markdown';
    const content = interpolate(str(panel.options, 'content') ?? str(panel.raw, 'content') ?? '', ctx.vars, undefined, item.scoped);
    dataState = 'ok';
    body = <TextContent mode={mode} content={content} />;
  } else if (!QUERY_TYPES.has(panel.type)) {
    dataState = 'no-data';
    body = <Unsupported type={panel.type} />;
  } else if (state.kind === 'loading' || transformed === null) {
    dataState = 'loading';
    body = <div class="panel-empty muted" aria-busy="true">Loading…</div>;
  } else {
    const err = state.kind === 'done' ? state.data.error : undefined;
    const ok = hasData(transformed.frames);
    dataState = err !== undefined ? 'error' : ok ? 'ok' : 'no-data';
    body = (
      <>
        {err !== undefined && <ErrorBox message={err} />}
        {transformed.unsupported.length > 0 && <div class="panel-note muted">Transformation {transformed.unsupported.join(', ')} is not supported</div>}
        {ok ? <Visualization panel={panel} frames={transformed.frames} height={bodyHeight - (err !== undefined ? 40 : 0)} ctx={ctx} /> : err === undefined && <div class="panel-empty muted">No data</div>}
      </>
    );
  }
  return (
    <div
      class={`dash-panel panel-${panel.type.replace(/[^a-z0-9-]/gi, '')}`}
      data-panel-id={String(panel.id)}
      data-panel-type={panel.type}
      data-state={dataState}
      {...(QUERY_TYPES.has(panel.type) || panel.type === 'text' ? {} : { 'data-unsupported': 'true' })}
      style={{ gridColumn: `${item.pos.x + 1} / span ${item.pos.w}`, gridRow: `${item.pos.y + 1} / span ${item.pos.h}`, '--panel-h': `${heightPx}px` }}
    >
      <div class="dash-panel-header">
        <h3 class="dash-panel-title" title={title}>{title}</h3>
        {panel.description !== '' && <span class="dash-panel-info" title={interpolate(panel.description, ctx.vars, undefined, item.scoped)} aria-label="Description">i</span>}
      </div>
      <div class="dash-panel-body">{body}</div>
    </div>
  );
}

/** Keeps a panel whose rendering throws from breaking the page: it shows the error instead. */
export class PanelBoundary extends Component<{ item: LayoutItem; children?: ComponentChildren }, { error: string | null }> {
  override state = { error: null as string | null };

  override componentDidCatch(e: unknown): void {
    this.setState({ error: e instanceof Error ? e.message : String(e) });
  }

  override render(): ComponentChildren {
    const { item } = this.props;
    if (this.state.error === null) return this.props.children;
    return (
      <div class="dash-panel" data-panel-id={String(item.panel.id)} data-panel-type={item.panel.type} data-state="error"
        style={{ gridColumn: `${item.pos.x + 1} / span ${item.pos.w}`, gridRow: `${item.pos.y + 1} / span ${item.pos.h}`, '--panel-h': `${item.pos.h * GRID_ROW_PX + (item.pos.h - 1) * GRID_GAP_PX}px` }}>
        <div class="dash-panel-header"><h3 class="dash-panel-title">{item.panel.title}</h3></div>
        <div class="dash-panel-body"><ErrorBox title="This panel failed to render" message={this.state.error} /></div>
      </div>
    );
  }
}
