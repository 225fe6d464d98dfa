import type { Expr } from '../parser/index.js';

/** The value of a string-literal argument (parentheses around it allowed), '' otherwise. */
export function stringArg(e: Expr | undefined): string {
  let x = e;
  while (x !== undefined && (x.kind === 'ParenExpr' || x.kind === 'StepInvariantExpr')) x = x.expr;
  return x?.kind === 'StringLiteral' ? x.val : '';
}
