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
import type { AnnotationEvent } from '../annotations';
import { linkUrl, parseLinks } from '../links';
import { TextContent } from '../markdown';
import { bool, str, type Panel } from '../model';
import { panelTimeRange } from '../panel-time';
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
  /** The dashboard's annotation events, drawn on time series panels. */
  annotations?: readonly AnnotationEvent[];
  /** The Prometheus data source's scrape interval (ms), for $__interval and $__rate_interval. */
  scrapeIntervalMs?: number;
}

const QUERY_TYPES = new Set(['timeseries', 'graph', 'stat', 'singlestat', 'gauge', 'bargauge', 'table', 'table-old', 'heatmap']);
export const GRID_ROW_PX = 30;
export const GRID_GAP_PX = 8;

type State = { kind: 'loading' } | { kind: 'done'; data: PanelData };

function usePanelData(panel: Panel, ctx: PanelContext, range: TimeRange, scoped: VarMap | undefined, width: number): State {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const queries = QUERY_TYPES.has(panel.type);
  const key = useMemo(() => {
    if (!queries || !ctx.ready) return '';
    const qctx = { range, vars: ctx.vars, width, ...(scoped !== undefined ? { scoped } : {}), ...(ctx.scrapeIntervalMs !== undefined ? { scrapeIntervalMs: ctx.scrapeIntervalMs } : {}) };
    return JSON.stringify([range.from, range.to, ctx.refreshTick, panel.targets.map((t) => targetQuery(panel, t, qctx))]);
  }, [panel, range, ctx.vars, ctx.refreshTick, ctx.ready, ctx.scrapeIntervalMs, scoped, width]);
  useEffect(() => {
    if (key === '') return;
    const ac = new AbortController();
    const qctx = { range, vars: ctx.vars, width, ...(scoped !== undefined ? { scoped } : {}), ...(ctx.scrapeIntervalMs !== undefined ? { scrapeIntervalMs: ctx.scrapeIntervalMs } : {}) };
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

function Visualization(props: { panel: Panel; frames: DataFrame[]; height: number; width: number; range: TimeRange; ctx: PanelContext }): JSX.Element {
  const { panel, frames, height, ctx } = props;
  switch (panel.type) {
    case 'timeseries':
    case 'graph':
      return <TimeSeriesPanel panel={panel} frames={frames} height={height} width={props.width} range={props.range} utc={ctx.utc} onZoom={ctx.onZoom}
        {...(ctx.annotations !== undefined ? { annotations: ctx.annotations } : {})} />;
    case 'stat':
    case 'singlestat':
      return <StatPanel panel={panel} frames={frames} width={props.width} height={height} />;
    case 'gauge':
      return <GaugePanel panel={panel} frames={frames} />;
    case 'bargauge':
      return <BarGaugePanel panel={panel} frames={frames} />;
    case 'table':
    case 'table-old':
      return <TablePanel panel={panel} frames={frames} utc={ctx.utc} height={height} vars={ctx.vars} />;
    case 'heatmap':
      return <HeatmapPanel panel={panel} frames={frames} height={height} utc={ctx.utc} />;
    default:
      return <Unsupported type={panel.type} />;
  }
}

function PanelLinks(props: { panel: Panel; ctx: PanelContext; scoped: VarMap | undefined }): JSX.Element | null {
  const links = parseLinks(props.panel.raw['links']);
  const [open, setOpen] = useState(false);
  if (links.length === 0) return null;
  return (
    <span class="dash-panel-links">
      <button type="button" class="dash-panel-links-toggle" data-testid="panel-links" aria-expanded={open} title="Panel links" aria-label="Panel links" onClick={() => setOpen(!open)}>
        <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true"><path d="M6.5 9.5l3-3M7 4.5l1.2-1.2a2.5 2.5 0 013.5 3.5L10.5 8M9 11.5l-1.2 1.2a2.5 2.5 0 01-3.5-3.5L5.5 8" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" /></svg>
      </button>
      {open && (
        <ul class="dash-panel-links-menu" onMouseLeave={() => setOpen(false)}>
          {links.map((l, i) => {
            const url = linkUrl(l, props.ctx.vars, props.ctx.range, props.scoped);
            const title = interpolate(l.title, props.ctx.vars, undefined, props.scoped);
            return <li key={i}>{url === '' ? <span>{title}</span> : <a href={url} {...(l.targetBlank ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>{title || url}</a>}</li>;
          })}
        </ul>
      )}
    </span>
  );
}

export function PanelView(props: { item: LayoutItem; ctx: PanelContext; width: number }): JSX.Element {
  const { item, ctx } = props;
  const panel = item.panel;
  const ptime = useMemo(() => panelTimeRange(panel, ctx.range), [panel, ctx.range]);
  const state = usePanelData(panel, ctx, ptime.range, item.scoped, props.width);
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
        {ok ? <Visualization panel={panel} frames={transformed.frames} height={bodyHeight - (err !== undefined ? 40 : 0)} width={props.width} range={ptime.range} ctx={ctx} /> : err === undefined && <div class="panel-empty muted">No data</div>}
      </>
    );
  }
  return (
    <div
      class={`dash-panel panel-${panel.type.replace(/[^a-z0-9-]/gi, '')}${bool(panel.raw, 'transparent') === true ? ' transparent' : ''}`}
      data-panel-id={String(panel.id)}
      data-panel-type={panel.type}
      data-state={dataState}
      {...(QUERY_TYPES.has(panel.type) || panel.type === 'text' ? {} : { 'data-unsupported': 'true' })}
      style={{ gridColumn: `${item.pos.x + 1} / span ${item.pos.w}`, gridRow: `${item.pos.y + 1} / span ${item.pos.h}`, '--panel-h': `${heightPx}px` }}
    >
      <div class="dash-panel-header">
        <h3 class="dash-panel-title" title={title}>{title}</h3>
        {panel.description !== '' && <span class="dash-panel-info" data-testid="panel-description" title={interpolate(panel.description, ctx.vars, undefined, item.scoped)} aria-label="Description">i</span>}
        {ptime.info !== '' && <span class="dash-panel-time muted" data-testid="panel-time-info">{ptime.info}</span>}
        <PanelLinks panel={panel} ctx={ctx} scoped={item.scoped} />
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
