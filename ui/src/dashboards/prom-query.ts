/**
 * Runs a panel's Prometheus targets against Vigil's /api/v1 as Grafana's Prometheus data
 * source does (interpolated expr, step from the interval arithmetic, range or instant) and
 * turns the answers into data frames.
 */
import { ApiError, promApi } from '../lib/api';
import { type DataFrame, type Field, type FieldValue, parseSampleValue, renderLegend, seriesName } from './frames';
import { interpolate, prometheusQueryFormat, singleValue, type VarMap, type VarValue } from './interpolate';
import type { Panel, Target } from './model';
import { formatInterval, queryInterval, type TimeRange } from './time-range';

export interface PanelData {
  frames: DataFrame[];
  /** The first failing target's error, as the API gave it. */
  error?: string;
  /** The interval the panel's queries used (ms), for display. */
  intervalMs: number;
}

interface PromSeries {
  metric: Record<string, string>;
  values?: [number, string][];
  value?: [number, string];
}

/** The data source's range variables ($__range, $__from, ...). */
export function rangeVariables(range: TimeRange): Map<string, VarValue> {
  const ms = Math.round(range.to - range.from);
  const s = Math.round(ms / 1000);
  return new Map([
    ['__range', singleValue(`${s}s`)],
    ['__range_s', singleValue(String(s))],
    ['__range_ms', singleValue(String(ms))],
    ['__from', singleValue(String(Math.round(range.from)))],
    ['__to', singleValue(String(Math.round(range.to)))],
  ]);
}

function intervalVariables(intervalMs: number, rateMs: number): [string, VarValue][] {
  const sec = (ms: number): string => `${Math.round(ms / 10) / 100}s`;
  return [
    ['__interval', singleValue(intervalMs % 1000 === 0 ? formatInterval(intervalMs) : sec(intervalMs))],
    ['__interval_ms', singleValue(String(Math.round(intervalMs)))],
    ['__rate_interval', singleValue(rateMs % 1000 === 0 ? formatInterval(rateMs) : sec(rateMs))],
    ['__rate_interval_ms', singleValue(String(Math.round(rateMs)))],
  ];
}

function isPromSeries(x: unknown): x is PromSeries {
  return typeof x === 'object' && x !== null && typeof (x as { metric?: unknown }).metric === 'object';
}

function seriesFrames(result: PromSeries[], target: Target, expr: string): DataFrame[] {
  return result.map((s) => {
    const points = s.values ?? (s.value !== undefined ? [s.value] : []);
    const times: FieldValue[] = new Array<FieldValue>(points.length);
    const values: FieldValue[] = new Array<FieldValue>(points.length);
    points.forEach((p, i) => {
      times[i] = p[0] * 1000;
      values[i] = parseSampleValue(p[1]);
    });
    const legend = target.legendFormat !== '' && target.legendFormat !== '__auto' ? renderLegend(target.legendFormat, s.metric) : undefined;
    const value: Field = { name: 'Value', type: 'number', values, labels: s.metric, seriesName: seriesName(s.metric, expr) };
    if (legend !== undefined) value.legend = legend;
    return { refId: target.refId, name: legend ?? seriesName(s.metric, expr), fields: [{ name: 'Time', type: 'time', values: times }, value] };
  });
}

function tableFrame(result: PromSeries[], target: Target, valueName: string): DataFrame {
  const labelNames = new Set<string>();
  for (const s of result) for (const k of Object.keys(s.metric)) labelNames.add(k);
  const names = [...labelNames].sort((a, b) => (a === '__name__' ? -1 : b === '__name__' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const time: FieldValue[] = [];
  const labels = names.map((): FieldValue[] => []);
  const values: FieldValue[] = [];
  for (const s of result) {
    for (const p of s.values ?? (s.value !== undefined ? [s.value] : [])) {
      time.push(p[0] * 1000);
      names.forEach((n, i) => labels[i]?.push(s.metric[n] ?? ''));
      values.push(parseSampleValue(p[1]));
    }
  }
  return {
    refId: target.refId,
    fields: [
      { name: 'Time', type: 'time', values: time },
      ...names.map((n, i): Field => ({ name: n, type: 'string', values: labels[i] ?? [] })),
      { name: valueName, type: 'number', values },
    ],
  };
}

function toSeries(resultType: unknown, result: unknown): PromSeries[] {
  if ((resultType === 'scalar' || resultType === 'string') && Array.isArray(result)) {
    return [{ metric: {}, value: [Number(result[0]), String(result[1])] }];
  }
  return Array.isArray(result) ? result.filter(isPromSeries) : [];
}

export interface QueryContext {
  range: TimeRange;
  vars: VarMap;
  scoped?: VarMap;
  /** The panel's width in px (max data points when the panel sets none). */
  width: number;
  /** The data source's scrape interval (jsonData.timeInterval) in ms; default 15 s. */
  scrapeIntervalMs?: number;
}

/** Interpolates one target's expr with the dashboard's variables and its interval variables. */
export function targetQuery(panel: Panel, target: Target, ctx: QueryContext): { expr: string; stepMs: number; intervalMs: number } {
  const maxDataPoints = panel.maxDataPoints ?? Math.max(100, Math.round(ctx.width));
  const iv = queryInterval(ctx.range, maxDataPoints, interpolate(panel.interval, ctx.vars), interpolate(target.interval, ctx.vars), target.intervalFactor, ctx.scrapeIntervalMs);
  const vars = new Map(ctx.vars);
  for (const [k, v] of rangeVariables(ctx.range)) vars.set(k, v);
  for (const [k, v] of intervalVariables(iv.intervalMs, iv.rateIntervalMs)) vars.set(k, v);
  return { expr: interpolate(target.expr, vars, prometheusQueryFormat, ctx.scoped), stepMs: iv.stepMs, intervalMs: iv.intervalMs };
}

async function runTarget(panel: Panel, target: Target, ctx: QueryContext, tableValueName: string, signal: AbortSignal): Promise<{ frames: DataFrame[]; intervalMs: number }> {
  const { expr, stepMs, intervalMs } = targetQuery(panel, target, ctx);
  const legendTarget = { ...target, legendFormat: interpolate(target.legendFormat, ctx.vars, undefined, ctx.scoped) };
  const instant = target.instant && !target.range;
  const step = stepMs / 1000;
  let data: { resultType?: unknown; result?: unknown };
  if (instant) {
    data = (await promApi<{ resultType?: unknown; result?: unknown }>('/api/v1/query', { query: expr, time: ctx.range.to / 1000 }, { method: 'POST', signal })).data;
  } else {
    const start = Math.floor(ctx.range.from / 1000 / step) * step;
    const end = Math.floor(ctx.range.to / 1000 / step) * step;
    data = (await promApi<{ resultType?: unknown; result?: unknown }>('/api/v1/query_range', { query: expr, start, end, step }, { method: 'POST', signal })).data;
  }
  const series = toSeries(data.resultType, data.result);
  const frames = target.format === 'table' ? [tableFrame(series, legendTarget, tableValueName)] : seriesFrames(series, legendTarget, expr);
  return { frames, intervalMs };
}

/** Runs every visible target of a panel; errors of one target do not hide the others' data. */
export async function runPanelQueries(panel: Panel, ctx: QueryContext, signal: AbortSignal): Promise<PanelData> {
  const targets = panel.targets.filter((t) => !t.hide && t.expr.trim() !== '');
  const results = await Promise.allSettled(targets.map((t) => runTarget(panel, t, ctx, panel.targets.length > 1 ? `Value #${t.refId}` : 'Value', signal)));
  const out: PanelData = { frames: [], intervalMs: 0 };
  for (const r of results) {
    if (r.status === 'fulfilled') {
      out.frames.push(...r.value.frames);
      out.intervalMs = Math.max(out.intervalMs, r.value.intervalMs);
    } else if (out.error === undefined) {
      const e: unknown = r.reason;
      out.error = e instanceof ApiError || e instanceof Error ? e.message : String(e);
    }
  }
  return out;
}
