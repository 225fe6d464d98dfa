/**
 * Runs a dashboard's Prometheus annotation queries for the time range (and each refresh) and
 * gives their events to the panels; a failing query only loses its own events.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { promApi } from '../lib/api';
import { annotationEvents, annotationExpr, annotationQueries, type AnnotationEvent } from './annotations';
import { interpolate, type VarMap } from './interpolate';
import type { TimeRange } from './time-range';

export function useAnnotations(raw: unknown, range: TimeRange | null, vars: VarMap, tick: number, ready: boolean): AnnotationEvent[] {
  const queries = useMemo(() => annotationQueries(raw), [raw]);
  const [events, setEvents] = useState<AnnotationEvent[]>([]);
  const exprs = useMemo(() => queries.map((q) => annotationExpr(q, vars)), [queries, vars]);
  const key = range === null || !ready ? '' : JSON.stringify([range.from, range.to, tick, exprs]);
  useEffect(() => {
    if (key === '' || range === null || queries.length === 0) return;
    const ac = new AbortController();
    Promise.allSettled(queries.map(async (q, i) => {
      const step = Math.max(1, Math.round(q.stepMs / 1000));
      const start = Math.floor(range.from / 1000 / step) * step;
      const r = await promApi<{ result?: unknown }>('/api/v1/query_range', { query: exprs[i] ?? q.expr, start, end: range.to / 1000, step }, { method: 'POST', signal: ac.signal });
      // Title and text formats may use dashboard variables besides the series' {{labels}}.
      return annotationEvents({ ...q, titleFormat: interpolate(q.titleFormat, vars), textFormat: interpolate(q.textFormat, vars) }, r.data.result);
    })).then((rs) => {
      if (ac.signal.aborted) return;
      setEvents(rs.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])).sort((a, b) => a.time - b.time));
    }, () => undefined);
    return () => ac.abort();
  }, [key]);
  return events;
}
