/**
 * Grafana's dashboard annotations from Prometheus queries (dashboard.annotations.list): the
 * entries with an expr (enable, hide, step, titleFormat, textFormat, tagKeys, iconColor,
 * useValueForTime); the built-in "Annotations & Alerts" entry and other data sources are
 * skipped. Each series' samples with a non-zero value become events, consecutive samples
 * (no more than a step apart) one region, as Grafana's Prometheus data source makes them.
 */
import { cssColor } from './field-config.js';
import { renderLegend } from './frames.js';
import { interpolate, prometheusQueryFormat, type VarMap } from './interpolate.js';
import { arr, bool, isObject, str, type Json } from './model.js';
import { parseDuration } from './time-range.js';

export interface AnnotationQuery {
  name: string;
  expr: string;
  stepMs: number;
  titleFormat: string;
  textFormat: string;
  tagKeys: string[];
  color: string;
  useValueForTime: boolean;
}

export interface AnnotationEvent {
  time: number;
  timeEnd?: number;
  title: string;
  text: string;
  tags: string[];
  color: string;
}

const DEFAULT_STEP_MS = 60_000;

/** The enabled Prometheus annotation queries of a dashboard JSON (annotations.list). */
export function annotationQueries(dashboard: unknown): AnnotationQuery[] {
  const list = arr(isObject(dashboard) ? (dashboard['annotations'] ?? null) : null, 'list');
  const out: AnnotationQuery[] = [];
  for (const a of list) {
    if (!isObject(a)) continue;
    if (a['builtIn'] === 1 || a['builtIn'] === true || str(a, 'type') === 'dashboard') continue;
    if (bool(a, 'enable') === false) continue;
    const target = isObject(a['target']) ? a['target'] : undefined;
    const expr = str(a, 'expr') ?? str(target, 'expr') ?? '';
    if (expr.trim() === '') continue;
    const step = parseDuration(str(a, 'step') ?? str(target, 'step') ?? '') ?? DEFAULT_STEP_MS;
    out.push({
      name: str(a, 'name') ?? '',
      expr,
      stepMs: step > 0 ? step : DEFAULT_STEP_MS,
      titleFormat: str(a, 'titleFormat') ?? '',
      textFormat: str(a, 'textFormat') ?? '',
      tagKeys: (str(a, 'tagKeys') ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
      color: cssColor(str(a, 'iconColor') ?? 'rgba(255, 96, 96, 1)'),
      useValueForTime: bool(a, 'useValueForTime') ?? false,
    });
  }
  return out;
}

/** The query an annotation runs: its expr with the dashboard's variables (Prometheus escaping). */
export function annotationExpr(q: AnnotationQuery, vars: VarMap): string {
  return interpolate(q.expr, vars, prometheusQueryFormat);
}

interface PromRangeSeries {
  metric: Record<string, string>;
  values: [number, string][];
}

function isRangeSeries(x: Json | unknown): x is PromRangeSeries {
  return isObject(x) && isObject(x['metric']) && Array.isArray(x['values']);
}

/** Events of a query_range result: one per run of non-zero samples no more than a step apart. */
export function annotationEvents(q: AnnotationQuery, result: unknown): AnnotationEvent[] {
  if (!Array.isArray(result)) return [];
  const out: AnnotationEvent[] = [];
  for (const s of result) {
    if (!isRangeSeries(s)) continue;
    const base = {
      title: renderLegend(q.titleFormat, s.metric),
      text: renderLegend(q.textFormat, s.metric),
      tags: q.tagKeys.map((k) => s.metric[k] ?? '').filter((v) => v !== ''),
      color: q.color,
    };
    let start: number | null = null;
    let last = 0;
    const flush = (): void => {
      if (start === null) return;
      out.push({ ...base, time: start, ...(last > start ? { timeEnd: last } : {}) });
      start = null;
    };
    for (const p of s.values) {
      if (!Array.isArray(p)) continue;
      const v = Number(p[1]);
      if (!Number.isFinite(v) || v === 0) {
        flush();
        continue;
      }
      const t = q.useValueForTime ? v : Number(p[0]) * 1000;
      if (start !== null && t - last > q.stepMs) flush();
      if (start === null) start = t;
      last = t;
    }
    flush();
  }
  return out.sort((a, b) => a.time - b.time);
}
