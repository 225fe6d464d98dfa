/**
 * What a range-vector function needs to know about its range argument (upstream reads these
 * from the MatrixSelector and its VectorSelector), plus searches over a window's timestamps.
 */
import { positionRange, type Expr, type PositionRange } from '../parser/index.js';

export interface RangeArg {
  /** Selector range in ms. */
  range: number;
  /** Effective offset in ms (for a subquery: its offset after @ adjustment). */
  offset: number;
  anchored: boolean;
  smoothed: boolean;
}

function unwrap(e: Expr): Expr {
  let x = e;
  while (x.kind === 'ParenExpr' || x.kind === 'StepInvariantExpr') x = x.expr;
  return x;
}

/**
 * The range, offset and modifiers of a range-vector argument: a MatrixSelector (as upstream,
 * where the engine also replaces a subquery argument by a MatrixSelector with the subquery's
 * range and effective offset) or a SubqueryExpr (its range and effective `offset`).
 */
export function rangeArg(arg: Expr | undefined): RangeArg {
  const e = arg === undefined ? undefined : unwrap(arg);
  if (e?.kind === 'MatrixSelector') {
    const vs = e.vectorSelector;
    return { range: e.range, offset: vs.offset, anchored: vs.anchored, smoothed: vs.smoothed };
  }
  if (e?.kind === 'SubqueryExpr') return { range: e.range, offset: e.offset, anchored: false, smoothed: false };
  return { range: 0, offset: 0, anchored: false, smoothed: false };
}

/** Position of an argument for annotations (upstream: args[i].PositionRange()). */
export function argPosition(args: Expr[], i = 0): PositionRange | null {
  const a = args[i];
  return a === undefined ? null : positionRange(a);
}

/** Position of the whole argument list (upstream: args.PositionRange()). */
export function argsPosition(args: Expr[]): PositionRange | null {
  const first = args[0];
  const last = args[args.length - 1];
  if (first === undefined || last === undefined) return null;
  return { start: positionRange(first).start, end: positionRange(last).end };
}

/** Smallest i in [0, n) with t[i] > x, or n (sort.Search(n, t[i] > x)). */
export function searchAfter(t: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Smallest i in [0, n) with t[i] >= x, or n (sort.Search(n, t[i] >= x)). */
export function searchAtOrAfter(t: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as number) >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
