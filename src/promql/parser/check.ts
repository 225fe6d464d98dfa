/**
 * Type checking of a parsed expression (upstream checkAST): operand types, argument counts
 * and types, modifier rules. Errors are recorded on the parser state; parsing has finished.
 */
import { MetricName } from '../../model/labels/index.js';
import { goQuote } from '../../model/strconv/index.js';
import { exprType, isComparisonOperator, isSetOperator, ValueType, VectorMatchCardinality } from './ast.js';
import type { AggregateExpr, BinaryExpr, Call, Expr, PositionRange, VectorSelector } from './ast.js';
import { isSpaceRune } from './lexer-cursor.js';
import type { ParserState } from './parser-state.js';
import { positionRange } from './position.js';

/** The user-facing name of a value type (DocumentedType). */
export function documentedType(t: ValueType): string {
  if (t === ValueType.Vector) return 'instant vector';
  if (t === ValueType.Matrix) return 'range vector';
  return t;
}


export function checkAST(p: ParserState, node: Expr): ValueType {
  const typ = exprType(node);
  switch (node.kind) {
    case 'AggregateExpr':
      checkAggregate(p, node);
      break;
    case 'BinaryExpr':
      checkBinary(p, node);
      break;
    case 'Call':
      checkCall(p, node);
      break;
    case 'ParenExpr':
    case 'StepInvariantExpr':
      checkAST(p, node.expr);
      break;
    case 'UnaryExpr': {
      const t = checkAST(p, node.expr);
      if (t !== ValueType.Scalar && t !== ValueType.Vector) {
        p.addError(positionRange(node), `unary expression only allowed on expressions of type scalar or instant vector, got ${goQuote(documentedType(t))}`);
      }
      break;
    }
    case 'SubqueryExpr': {
      const t = checkAST(p, node.expr);
      if (t !== ValueType.Vector) p.addError(positionRange(node), `subquery is only allowed on instant vector, got ${t} instead`);
      break;
    }
    case 'MatrixSelector':
      checkAST(p, node.vectorSelector);
      break;
    case 'VectorSelector':
      checkVectorSelector(p, node);
      break;
    case 'NumberLiteral':
    case 'StringLiteral':
    case 'DurationExpr':
      break;
  }
  return typ;
}

function expectType(p: ParserState, node: Expr, want: ValueType, context: string): void {
  const t = checkAST(p, node);
  if (t !== want) p.addError(positionRange(node), `expected type ${documentedType(want)} in ${context}, got ${documentedType(t)}`);
}

function checkAggregate(p: ParserState, n: AggregateExpr): void {
  expectType(p, n.expr, ValueType.Vector, 'aggregation expression');
  if (n.param === null) return;
  if (n.op === 'count_values') expectType(p, n.param, ValueType.String, 'aggregation parameter');
  else expectType(p, n.param, ValueType.Scalar, 'aggregation parameter');
}

/** The operator's text range with surrounding spaces trimmed (as upstream, end exclusive of its last char). */
function opRange(p: ParserState, n: BinaryExpr): PositionRange {
  const input = p.input;
  let start = positionRange(n.lhs).end;
  while (start < input.length && isSpaceRune(input.charCodeAt(start))) start++;
  let end = positionRange(n.rhs).start - 1;
  while (end > 0 && isSpaceRune(input.charCodeAt(end))) end--;
  return { start, end };
}

function checkBinary(p: ParserState, n: BinaryExpr): void {
  const lt = checkAST(p, n.lhs);
  const rt = checkAST(p, n.rhs);
  const isComparison = isComparisonOperator(n.op);
  const isSet = isSetOperator(n.op);
  const vm = n.vectorMatching;
  if (n.returnBool && !isComparison) p.addError(opRange(p, n), 'bool modifier can only be used on comparison operators');
  if (isComparison && !n.returnBool && exprType(n.rhs) === ValueType.Scalar && exprType(n.lhs) === ValueType.Scalar) {
    p.addError(opRange(p, n), 'comparisons between scalars must use BOOL modifier');
  }
  if (vm !== null) {
    if (isSet && vm.card === VectorMatchCardinality.OneToOne) vm.card = VectorMatchCardinality.ManyToMany;
    if (vm.on) {
      for (const l1 of vm.matchingLabels) {
        for (const l2 of vm.include) {
          if (l1 === l2) p.addError(opRange(p, n), `label ${goQuote(l1)} must not occur in ON and GROUP clause at once`);
        }
      }
    }
  }
  if (lt !== ValueType.Scalar && lt !== ValueType.Vector) {
    p.addError(positionRange(n.lhs), 'binary expression must contain only scalar and instant vector types');
  }
  if (rt !== ValueType.Scalar && rt !== ValueType.Vector) {
    p.addError(positionRange(n.rhs), 'binary expression must contain only scalar and instant vector types');
  }
  const hasFill = vm !== null && (vm.fillValues.lhs !== null || vm.fillValues.rhs !== null);
  if ((lt !== ValueType.Vector || rt !== ValueType.Vector) && vm !== null) {
    if (vm.matchingLabels.length > 0) p.addError(positionRange(n), 'vector matching only allowed between instant vectors');
    if (hasFill) p.addError(positionRange(n), 'filling in missing series only allowed between instant vectors');
    n.vectorMatching = null;
  } else if (isSet && vm !== null) {
    if (vm.card === VectorMatchCardinality.OneToMany || vm.card === VectorMatchCardinality.ManyToOne) {
      p.addError(positionRange(n), `no grouping allowed for ${goQuote(n.op)} operation`);
    }
    if (vm.card !== VectorMatchCardinality.ManyToMany) p.addError(positionRange(n), 'set operations must always be many-to-many');
    if (hasFill) p.addError(positionRange(n), 'filling in missing series not allowed for set operators');
  }
  if ((lt === ValueType.Scalar || rt === ValueType.Scalar) && isSet) {
    p.addError(positionRange(n), `set operator ${goQuote(n.op)} not allowed in binary scalar expression`);
  }
}

function checkCall(p: ParserState, n: Call): void {
  const f = n.func;
  const nargs = f.argTypes.length;
  const name = goQuote(f.name);
  if (f.variadic === 0) {
    if (nargs !== n.args.length) p.addError(n.posRange, `expected ${nargs} argument(s) in call to ${name}, got ${n.args.length}`);
  } else {
    const na = nargs - 1;
    if (na > n.args.length) {
      p.addError(n.posRange, `expected at least ${na} argument(s) in call to ${name}, got ${n.args.length}`);
    } else if (f.variadic > 0 && na + f.variadic < n.args.length) {
      p.addError(n.posRange, `expected at most ${na + f.variadic} argument(s) in call to ${name}, got ${n.args.length}`);
    }
  }
  if (f.name === 'info' && n.args.length > 1) checkInfoSelector(p, n);
  for (let i = 0; i < n.args.length; i++) {
    let idx = i;
    if (idx >= nargs) {
      if (f.variadic === 0) break;
      idx = nargs - 1;
    }
    const arg = n.args[i] as Expr;
    const want = f.argTypes[idx] as ValueType;
    const t = checkAST(p, arg);
    if (t !== want) {
      p.addError(positionRange(arg), `expected type ${documentedType(want)} in call to function ${name}, got ${documentedType(t)}`);
    }
  }
}

/** info()'s second argument must be a bare label selector, which may match the empty string. */
function checkInfoSelector(p: ParserState, n: Call): void {
  const arg = n.args[1] as Expr;
  const t = exprType(arg);
  if (t !== ValueType.Vector) {
    p.addError(n.posRange, `expected type ${documentedType(ValueType.Vector)} in call to function ${goQuote(n.func.name)}, got ${documentedType(t)}`);
  }
  if (arg.kind === 'VectorSelector' && arg.name !== '') {
    p.addError(positionRange(arg), 'expected label selectors only, got vector selector instead');
  } else if (arg.kind === 'VectorSelector') {
    arg.bypassEmptyMatcherCheck = true;
  } else {
    p.addError(positionRange(arg), 'expected label selectors only');
  }
}

function checkVectorSelector(p: ParserState, n: VectorSelector): void {
  if (n.name !== '') {
    const ms = n.labelMatchers;
    for (let i = 0; i < ms.length - 1; i++) {
      const m = ms[i];
      if (m !== undefined && m.name === MetricName) {
        p.addError(n.posRange, `metric name must not be set twice: ${goQuote(n.name)} or ${goQuote(m.value)}`);
      }
    }
    return;
  }
  if (n.bypassEmptyMatcherCheck) return;
  if (!n.labelMatchers.some((m) => !m.matches(''))) {
    p.addError(n.posRange, 'vector selector must contain at least one non-empty matcher');
  }
}
