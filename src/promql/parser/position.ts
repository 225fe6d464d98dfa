/** Where each node sits in the query text (upstream Node.PositionRange()). */
import type { Expr, PositionRange } from './ast.js';

export function positionRange(e: Expr): PositionRange {
  switch (e.kind) {
    case 'AggregateExpr':
    case 'Call':
    case 'NumberLiteral':
    case 'ParenExpr':
    case 'StringLiteral':
    case 'VectorSelector':
      return e.posRange;
    case 'BinaryExpr':
      return { start: positionRange(e.lhs).start, end: positionRange(e.rhs).end };
    case 'DurationExpr':
      if (e.lhs === null && e.rhs === null) return { start: e.startPos, end: e.endPos };
      if (e.rhs === null) return { start: e.startPos, end: positionRange(e.lhs as Expr).end };
      if (e.lhs === null) return { start: e.startPos, end: positionRange(e.rhs).end };
      return { start: positionRange(e.lhs).start, end: positionRange(e.rhs).end };
    case 'MatrixSelector':
      return { start: positionRange(e.vectorSelector).start, end: e.endPos };
    case 'SubqueryExpr':
      return { start: positionRange(e.expr).start, end: e.endPos };
    case 'UnaryExpr':
      return { start: e.startPos, end: positionRange(e.expr).end };
    case 'StepInvariantExpr':
      return positionRange(e.expr);
  }
}
