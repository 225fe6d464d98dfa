/**
 * Multi-line formatting of long expressions (upstream Prettify / Node.Pretty): a node whose
 * one-line text exceeds the line limit is split, its children indented one level deeper.
 */
import { utf8Length } from '../../model/strconv/index.js';
import type { Expr } from './ast.js';
import { aggregateHead, binaryModifiers, exprToString, subquerySuffix } from './printer.js';

const INDENT = '  ';

function indent(level: number): string {
  return INDENT.repeat(level);
}

function pretty(e: Expr, level: number, max: number): string {
  const one = exprToString(e);
  const split = utf8Length(one) > max;
  switch (e.kind) {
    case 'AggregateExpr': {
      if (!split) return indent(level) + one;
      let s = `${indent(level)}${aggregateHead(e)}(\n`;
      if (e.param !== null) s += `${pretty(e.param, level + 1, max)},\n`;
      return `${s}${pretty(e.expr, level + 1, max)}\n${indent(level)})`;
    }
    case 'BinaryExpr':
      if (!split) return indent(level) + one;
      return `${pretty(e.lhs, level + 1, max)}\n${indent(level)}${e.op}${binaryModifiers(e)}\n${pretty(e.rhs, level + 1, max)}`;
    case 'Call':
      if (!split) return indent(level) + one;
      return `${indent(level)}${e.func.name}(\n${e.args.map((a) => pretty(a, level + 1, max)).join(',\n')}\n${indent(level)})`;
    case 'ParenExpr':
      if (!split) return indent(level) + one;
      return `${indent(level)}(\n${pretty(e.expr, level + 1, max)}\n${indent(level)})`;
    case 'SubqueryExpr':
      if (!split) return one;
      return pretty(e.expr, level, max) + subquerySuffix(e);
    case 'StepInvariantExpr':
      return pretty(e.expr, level, max);
    case 'UnaryExpr':
      return `${indent(level)}${e.op}${pretty(e.expr, level, max).trim()}`;
    case 'DurationExpr':
      return one;
    case 'MatrixSelector':
    case 'VectorSelector':
    case 'NumberLiteral':
    case 'StringLiteral':
      return indent(level) + one;
  }
}

/** The prettified query, as /api/v1/format_query returns it. */
export function prettify(expr: Expr, maxCharactersPerLine = 100): string {
  return pretty(expr, 0, maxCharactersPerLine);
}
