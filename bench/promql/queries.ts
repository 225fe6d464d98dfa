/**
 * The query set of Prometheus's BenchmarkRangeQuery (promql/bench_test.go), as restated in
 * shared/bench/promql-bench.md: each `X` expands to `one` and `hundred`; a query without
 * explicit step counts runs with 1 and with 1000 steps.
 */

export interface BenchQuery {
  /** The PromQL expression. */
  readonly expr: string;
  /** Number of 10 s steps; the range is [end - steps*10s, end] (steps + 1 points). */
  readonly steps: number;
  /** Needs Prometheus 3 (the Debian reference, 2.42, rejects it). */
  readonly p3Only: boolean;
}

interface Template {
  expr: string;
  /** Explicit step counts; omitted means [1, 1000]. */
  steps?: number[];
  p3Only?: boolean;
}

const TEMPLATES: readonly Template[] = [
  { expr: 'a_X' },
  { expr: 'rate(a_X[1m])', steps: [1, 1000, 10000] },
  { expr: 'rate(sparse[1m])', steps: [10000] },
  { expr: 'rate(a_X[1m] smoothed)', steps: [1, 1000, 10000], p3Only: true },
  { expr: 'rate(sparse[1m] smoothed)', steps: [10000], p3Only: true },
  { expr: 'double_exponential_smoothing(a_X[1d], 0.3, 0.3)', p3Only: true },
  { expr: 'changes(a_X[1d])' },
  { expr: 'rate(a_X[1d])' },
  { expr: 'absent_over_time(a_X[1d])' },
  { expr: '-a_X' },
  { expr: 'a_X - b_X', steps: [1, 1000, 10000] },
  { expr: "a_X and b_X{l=~'.*[0-4]$'}" },
  { expr: "a_X or b_X{l=~'.*[0-4]$'}" },
  { expr: "a_X unless b_X{l=~'.*[0-4]$'}" },
  { expr: "a_X and b_X{l='notfound'}" },
  { expr: 'abs(a_X)' },
  { expr: "label_replace(a_X, 'l2', '$1', 'l', '(.*)')" },
  { expr: "label_join(a_X, 'l2', '-', 'l', 'l')" },
  { expr: 'sum(a_X)' },
  { expr: 'avg(a_X)' },
  { expr: 'sum without (l)(h_X)' },
  { expr: 'sum without (le)(h_X)' },
  { expr: 'sum by (l)(h_X)' },
  { expr: 'sum by (le)(h_X)' },
  { expr: "count_values('value', h_X)", steps: [100] },
  { expr: 'topk(1, a_X)' },
  { expr: 'topk(5, a_X)' },
  { expr: 'limitk(1, a_X)', p3Only: true },
  { expr: 'limitk(5, a_X)', p3Only: true },
  { expr: 'limit_ratio(0.1, a_X)', p3Only: true },
  { expr: 'limit_ratio(0.5, a_X)', p3Only: true },
  { expr: 'limit_ratio(-0.5, a_X)', p3Only: true },
  { expr: 'rate(a_X[1m]) + rate(b_X[1m])' },
  { expr: 'sum without (l)(rate(a_X[1m]))' },
  { expr: 'sum without (l)(rate(a_X[1m])) / sum without (l)(rate(b_X[1m]))' },
  { expr: 'histogram_quantile(0.9, rate(h_X[5m]))' },
  { expr: 'a_X + on(l) group_right a_one' },
  { expr: 'count({__name__!=""})', steps: [1] },
  { expr: 'count({__name__!="",l=""})', steps: [1] },
  { expr: 'timestamp(a_X)' },
];

/** The expanded query list, in upstream order. */
export function benchQueries(): BenchQuery[] {
  const out: BenchQuery[] = [];
  for (const t of TEMPLATES) {
    const exprs = t.expr.includes('X') ? [t.expr.replaceAll('X', 'one'), t.expr.replaceAll('X', 'hundred')] : [t.expr];
    for (const expr of exprs) {
      for (const steps of t.steps ?? [1, 1000]) out.push({ expr, steps, p3Only: t.p3Only === true });
    }
  }
  return out;
}
