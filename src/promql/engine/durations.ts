/**
 * Duration expressions (promql/durations.go): arithmetic in ranges, steps and offsets,
 * e.g. `foo offset (1h / 2)` or `rate(foo[step() * 4])`, resolved to milliseconds before
 * evaluation.
 */
import type { DurationExpr, Expr } from '../parser/index.js';
import { inspect, positionRange } from '../parser/index.js';
import { EvalError } from './errors.js';

function posText(e: Expr): string {
  const p = positionRange(e);
  return `${p.start}:${p.end}`;
}

/** The value of a duration expression in seconds; step and range are in ms. */
export function evaluateDurationExpr(e: Expr, stepMs: number, rangeMs: number): number {
  if (e.kind === 'NumberLiteral') return e.val;
  if (e.kind === 'ParenExpr') return evaluateDurationExpr(e.expr, stepMs, rangeMs);
  if (e.kind !== 'DurationExpr') throw new EvalError(`unexpected duration expression type ${e.kind}`);
  const lhs = e.lhs !== null ? evaluateDurationExpr(e.lhs, stepMs, rangeMs) : 0;
  const rhs = e.rhs !== null ? evaluateDurationExpr(e.rhs, stepMs, rangeMs) : 0;
  switch (e.op) {
    case 'step':
      return stepMs / 1000;
    case 'range':
      return rangeMs / 1000;
    case 'min_of':
    case 'min':
      return Math.min(lhs, rhs);
    case 'max_of':
    case 'max':
      return Math.max(lhs, rhs);
    case '+':
      return e.lhs === null ? rhs : lhs + rhs;
    case '-':
      return e.lhs === null ? -rhs : lhs - rhs;
    case '*':
      return lhs * rhs;
    case '/':
      if (rhs === 0) throw new EvalError(`${posText(e)}: division by zero`);
      return lhs / rhs;
    case '%':
      if (rhs === 0) throw new EvalError(`${posText(e)}: modulo by zero`);
      return lhs % rhs;
    case '^':
      return Math.pow(lhs, rhs);
    default:
      throw new EvalError(`unexpected duration expression operator "${e.op}"`);
  }
}

const MAX_SECONDS = 2 ** 63 / 1e9;

/** A duration expression's value in ms, checked like upstream's calculateDuration. */
export function calculateDuration(e: DurationExpr, allowNegative: boolean, stepMs: number, rangeMs: number): number {
  const d = evaluateDurationExpr(e, stepMs, rangeMs);
  if (!Number.isFinite(d)) throw new EvalError(`${posText(e)}: duration is NaN or infinite`);
  if (d <= 0 && !allowNegative) throw new EvalError(`${posText(e)}: duration must be greater than 0`);
  if (d > MAX_SECONDS || d < -MAX_SECONDS) throw new EvalError(`${posText(e)}: duration is out of range`);
  return Math.trunc(d * 1000);
}

/** Resolves every duration expression of the tree into the nodes' ms fields. */
export function resolveDurations(expr: Expr, stepMs: number, rangeMs: number): void {
  inspect(expr, (n) => {
    switch (n.kind) {
      case 'VectorSelector':
        if (n.originalOffsetExpr) n.originalOffset = calculateDuration(n.originalOffsetExpr, true, stepMs, rangeMs);
        break;
      case 'MatrixSelector':
        if (n.rangeExpr) n.range = calculateDuration(n.rangeExpr, false, stepMs, rangeMs);
        break;
      case 'SubqueryExpr':
        if (n.originalOffsetExpr) n.originalOffset = calculateDuration(n.originalOffsetExpr, true, stepMs, rangeMs);
        if (n.stepExpr) n.step = calculateDuration(n.stepExpr, false, stepMs, rangeMs);
        if (n.rangeExpr) n.range = calculateDuration(n.rangeExpr, false, stepMs, rangeMs);
        break;
      default:
    }
  });
}
