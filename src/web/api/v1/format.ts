/**
 * /api/v1/format_query (the prettified expression) and /api/v1/parse_query (the AST as the
 * UI's tree view reads it, translate_ast.go's shape).
 */
import type { Matcher } from '../../../model/labels/index.js';
import { formatFloat } from '../../../model/strconv/index.js';
import type { Expr, MatrixSelector, StartOrEnd, SubqueryExpr, VectorSelector } from '../../../promql/parser/index.js';
import { parseExpr, prettify } from '../../../promql/parser/index.js';
import type { ApiContext } from './context.js';
import type { ApiResult } from './envelope.js';
import { invalidParam } from './errors.js';

function parseQueryParam(c: ApiContext): Expr {
  try {
    return parseExpr(c.form.get('query'));
  } catch (e) {
    throw invalidParam('query', e);
  }
}

export function formatQuery(c: ApiContext): ApiResult {
  return { data: prettify(parseQueryParam(c)) };
}

export function parseQuery(c: ApiContext): ApiResult {
  return { data: translateAst(parseQueryParam(c)) };
}

function matchersJson(ms: readonly Matcher[]): unknown[] {
  return ms.map((m) => ({ name: m.name, value: m.value, type: m.type }));
}

function startOrEnd(s: StartOrEnd): string | null {
  return s ?? null;
}

function numberLiteralVal(v: number): string {
  return formatFloat(v, 'f', -1);
}

/** translateDurationExpr: duration arithmetic and number literals inside it. */
function translateDuration(e: Expr | null): unknown {
  if (e === null) return null;
  if (e.kind === 'DurationExpr') {
    return { type: 'durationExpr', op: e.op, lhs: translateDuration(e.lhs), rhs: translateDuration(e.rhs), wrapped: e.wrapped };
  }
  if (e.kind === 'NumberLiteral') return { type: 'numberLiteral', val: numberLiteralVal(e.val), duration: e.duration };
  return translateAst(e);
}

/** The JSON tree of an expression (translateAST). */
export function translateAst(e: Expr): unknown {
  switch (e.kind) {
    case 'AggregateExpr':
      return {
        type: 'aggregation',
        op: e.op,
        expr: translateAst(e.expr),
        param: e.param ? translateAst(e.param) : null,
        grouping: e.grouping,
        without: e.without,
      };
    case 'BinaryExpr': {
      const m = e.vectorMatching;
      const matching =
        m === null
          ? null
          : {
              card: m.card,
              labels: m.matchingLabels,
              on: m.on,
              include: m.include,
              fillValues: { lhs: m.fillValues.lhs, rhs: m.fillValues.rhs },
            };
      return { type: 'binaryExpr', op: e.op, lhs: translateAst(e.lhs), rhs: translateAst(e.rhs), matching, bool: e.returnBool };
    }
    case 'Call':
      return {
        type: 'call',
        func: { name: e.func.name, argTypes: e.func.argTypes, variadic: e.func.variadic, returnType: e.func.returnType },
        args: e.args.map(translateAst),
      };
    case 'MatrixSelector':
      return matrixSelectorJson(e);
    case 'SubqueryExpr':
      return subqueryJson(e);
    case 'DurationExpr':
      return translateDuration(e);
    case 'NumberLiteral':
      return { type: 'numberLiteral', val: numberLiteralVal(e.val) };
    case 'ParenExpr':
      return { type: 'parenExpr', expr: translateAst(e.expr) };
    case 'StringLiteral':
      return { type: 'stringLiteral', val: e.val };
    case 'UnaryExpr':
      return { type: 'unaryExpr', op: e.op, expr: translateAst(e.expr) };
    case 'StepInvariantExpr':
      return translateAst(e.expr);
    case 'VectorSelector':
      return vectorSelectorJson(e);
  }
}

function vectorSelectorJson(e: VectorSelector): unknown {
  return {
    type: 'vectorSelector',
    name: e.name,
    offset: e.originalOffset,
    offsetExpr: translateDuration(e.originalOffsetExpr),
    matchers: matchersJson(e.labelMatchers),
    timestamp: e.timestamp,
    startOrEnd: startOrEnd(e.startOrEnd),
    anchored: e.anchored,
    smoothed: e.smoothed,
  };
}

function matrixSelectorJson(e: MatrixSelector): unknown {
  const vs = e.vectorSelector;
  return {
    type: 'matrixSelector',
    name: vs.name,
    range: e.range,
    rangeExpr: translateDuration(e.rangeExpr),
    offset: vs.originalOffset,
    offsetExpr: translateDuration(vs.originalOffsetExpr),
    matchers: matchersJson(vs.labelMatchers),
    timestamp: vs.timestamp,
    startOrEnd: startOrEnd(vs.startOrEnd),
    anchored: vs.anchored,
    smoothed: vs.smoothed,
  };
}

function subqueryJson(e: SubqueryExpr): unknown {
  return {
    type: 'subquery',
    expr: translateAst(e.expr),
    range: e.range,
    rangeExpr: translateDuration(e.rangeExpr),
    offset: e.originalOffset,
    offsetExpr: translateDuration(e.originalOffsetExpr),
    step: e.step,
    stepExpr: translateDuration(e.stepExpr),
    timestamp: e.timestamp,
    startOrEnd: startOrEnd(e.startOrEnd),
  };
}
