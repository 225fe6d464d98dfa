/**
 * The extra instant-eval check with the @ modifier: the query is re-run with `@ <evalTime>`
 * pinned on every selector and subquery (upstream atModifierTestCases), at other eval times,
 * and must give the same result. Queries using at-unsafe functions are not re-run.
 */
import { type Expr, exprToString, inspect, parseExpr, type StartOrEnd } from '../parser/index.js';
import { AT_MODIFIER_UNSAFE_FUNCTIONS } from '../functions/index.js';
import { TEST_PARSER_OPTIONS } from './engine-settings.js';

export interface AtModifierCase {
  expr: string;
  evalTime: number;
}

function underPinnedSubquery(path: Expr[]): boolean {
  return path.some((n) => n.kind === 'SubqueryExpr' && n.timestamp !== null);
}

/** Sets `@ ts` on a selector or subquery that has no @ yet. */
function pin(node: { timestamp: number | null; startOrEnd: StartOrEnd }, ts: number): void {
  if (node.timestamp !== null) return;
  node.timestamp = ts;
  node.startOrEnd = null;
}

/** Pins @ ts on selectors/subqueries lacking one; returns false if an at-unsafe function is used. */
function pinAll(root: Expr, ts: number): boolean {
  let safe = true;
  inspect(root, (node, path) => {
    if (underPinnedSubquery(path)) return;
    switch (node.kind) {
      case 'VectorSelector':
      case 'SubqueryExpr':
        pin(node, ts);
        break;
      case 'MatrixSelector':
        pin(node.vectorSelector, ts);
        break;
      case 'Call':
        if (AT_MODIFIER_UNSAFE_FUNCTIONS.has(node.func.name)) safe = false;
        break;
      default:
        break;
    }
  });
  return safe;
}

/** The @-pinned reruns of an instant eval at evalTime (ms); [] when not applicable. */
export function atModifierTestCases(expr: string, evalTime: number): AtModifierCase[] {
  const root = parseExpr(expr, TEST_PARSER_OPTIONS);
  if (!pinAll(root, evalTime)) return [];
  const pinned = exprToString(root);
  const times = evalTime === 0 ? [-1000, 0, 1000] : [-10 * evalTime, 0, evalTime / 5, evalTime, 10 * evalTime];
  return times.map((t) => ({ expr: pinned, evalTime: Math.trunc(t) }));
}
