/** /api/v1/query_exemplars: exemplars of the series the query's selectors select. */
import type { Matcher } from '../../../model/labels/index.js';
import type { Expr } from '../../../promql/parser/index.js';
import { children, parseExpr } from '../../../promql/parser/index.js';
import type { ApiContext } from './context.js';
import type { ApiResult } from './envelope.js';
import { ApiError, errorText, toApiError } from './errors.js';
import { formatSampleValue, formatTimestamp } from './json.js';
import { MAX_TIME, MIN_TIME, timeParam } from './params.js';

/** parser.ExtractSelectors: the matchers of every vector selector, in order. */
export function extractSelectors(e: Expr): Matcher[][] {
  const out: Matcher[][] = [];
  const walk = (n: Expr): void => {
    if (n.kind === 'VectorSelector') out.push(n.labelMatchers);
    for (const ch of children(n)) walk(ch);
  };
  walk(e);
  return out;
}

export async function queryExemplars(c: ApiContext): Promise<ApiResult> {
  const start = timeParam(c.form, 'start', MIN_TIME);
  const end = timeParam(c.form, 'end', MAX_TIME);
  if (end < start) throw new ApiError('bad_data', 'end timestamp must not be before start timestamp');
  let expr: Expr;
  try {
    expr = parseExpr(c.form.get('query'));
  } catch (e) {
    throw new ApiError('bad_data', errorText(e));
  }
  const selectors = extractSelectors(expr);
  if (selectors.length < 1) return { data: null };
  if (!c.deps.exemplars) return { data: [] };
  let res;
  try {
    res = await c.deps.exemplars.select(start, end, selectors);
  } catch (e) {
    throw toApiError(e);
  }
  return {
    data: res.map((r) => ({
      seriesLabels: r.seriesLabels.toObject(),
      exemplars: r.exemplars.map((x) => ({
        labels: x.labels.toObject(),
        value: formatSampleValue(x.value),
        timestamp: Number(formatTimestamp(x.ts)),
      })),
    })),
  };
}
