/**
 * Template variables' options: query (label_values, label_names, metrics, query_result
 * answered by /api/v1), custom, interval (with auto), constant, textbox and datasource
 * variables; regex filter and sort; All and multi-value selection; and which variables must
 * refresh when another changes.
 */
import { promApi } from '../lib/api';
import { interpolate, prometheusQueryFormat, type VarMap } from './interpolate.js';
import type { VariableModel } from './model.js';
import type { TimeRange } from './time-range.js';
import { applyRegex, customOptions, sortOptions, type VarOption } from './variable-state.js';

function seriesText(metric: Record<string, string>, value: string, ts: number): string {
  const { __name__: name = '', ...rest } = metric;
  const labels = Object.keys(rest).map((k) => `${k}="${rest[k] ?? ''}"`).join(',');
  return `${name}{${labels}} ${value} ${ts * 1000}`;
}

async function prometheusQueryOptions(query: string, range: TimeRange | null, signal: AbortSignal): Promise<string[]> {
  const q = query.trim();
  const time = range !== null ? { start: Math.floor(range.from / 1000), end: Math.ceil(range.to / 1000) } : {};
  let m = /^label_names\(\s*(.*)\s*\)$/s.exec(q);
  if (m !== null) {
    const match = (m[1] ?? '').trim();
    return (await promApi<string[]>('/api/v1/labels', { ...time, ...(match !== '' ? { 'match[]': [match] } : {}) }, { signal })).data;
  }
  m = /^label_values\((?:(.+),\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/s.exec(q);
  if (m !== null) {
    const metric = (m[1] ?? '').trim();
    const label = m[2] ?? '';
    return (await promApi<string[]>(`/api/v1/label/${encodeURIComponent(label)}/values`, { ...time, ...(metric !== '' ? { 'match[]': [metric] } : {}) }, { signal })).data;
  }
  m = /^metrics\((.*)\)$/s.exec(q);
  if (m !== null) {
    const re = new RegExp((m[1] ?? '').trim());
    const names = (await promApi<string[]>('/api/v1/label/__name__/values', time, { signal })).data;
    return names.filter((n) => re.test(n));
  }
  m = /^query_result\((.+)\)$/s.exec(q);
  if (m !== null) {
    const at = range !== null ? range.to / 1000 : Date.now() / 1000;
    const data = (await promApi<{ resultType: string; result: unknown }>('/api/v1/query', { query: (m[1] ?? '').trim(), time: at }, { method: 'POST', signal })).data;
    if (data.resultType === 'scalar' || data.resultType === 'string') {
      const r = data.result as [number, string];
      return [`${data.resultType} ${r[1]} ${r[0] * 1000}`];
    }
    const result = Array.isArray(data.result) ? (data.result as { metric: Record<string, string>; value: [number, string] }[]) : [];
    return result.map((s) => seriesText(s.metric, s.value[1], s.value[0]));
  }
  // Anything else is an expression: the metric names / series it returns.
  const series = (await promApi<Record<string, string>[]>('/api/v1/series', { ...time, 'match[]': [q] }, { signal })).data;
  return series.map((s) => seriesText(s, '', 0).replace(/ {2}0$/, ''));
}

export interface DatasourceInfo {
  name: string;
  uid: string;
  type: string;
  isDefault: boolean;
  /** jsonData.timeInterval: the scrape interval ("15s") when set. */
  timeInterval?: string;
}

/** Computes a variable's options (without All). */
export async function variableOptions(m: VariableModel, vars: VarMap, range: TimeRange | null, datasources: readonly DatasourceInfo[], signal: AbortSignal): Promise<VarOption[]> {
  switch (m.type) {
    case 'query': {
      const q = interpolate(m.query, vars, prometheusQueryFormat);
      if (q.trim() === '') return [];
      const values = await prometheusQueryOptions(q, range, signal);
      return sortOptions(applyRegex([...new Set(values)], interpolate(m.regex, vars, prometheusQueryFormat)), m.sort);
    }
    case 'custom':
      return customOptions(interpolate(m.query, vars));
    case 'interval': {
      const opts = customOptions(m.query);
      return m.auto ? [{ text: 'auto', value: `$__auto_interval_${m.name}` }, ...opts] : opts;
    }
    case 'constant':
      return [{ text: m.query, value: m.query }];
    case 'textbox':
      return [];
    case 'datasource': {
      const type = m.query === '' ? 'prometheus' : m.query;
      const list = datasources.filter((d) => d.type === type);
      const names = list.length > 0 ? list.map((d) => d.name) : ['Prometheus'];
      const opts = applyRegex(names, interpolate(m.regex, vars));
      return list.some((d) => d.isDefault) || list.length === 0 ? [{ text: 'default', value: 'default' }, ...opts] : opts;
    }
    default:
      return m.options;
  }
}

