/**
 * The PromQL abstract syntax tree, node for node Prometheus's promql/parser AST.
 * Nodes are plain objects discriminated by `kind`. Positions are UTF-16 offsets into
 * the query string (0-based, end exclusive), like upstream's posrange.PositionRange.
 */
import type { Matcher } from '../../model/labels/index.js';

export interface PositionRange {
  start: number;
  end: number;
}

export enum ValueType {
  None = 'none',
  Vector = 'vector',
  Scalar = 'scalar',
  Matrix = 'matrix',
  String = 'string',
}

/** Operators, spelled as in the language. */
export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '^' | 'atan2'
  | '==' | '!=' | '>' | '<' | '>=' | '<='
  /** Native histogram trim operators: `</` keeps observations below, `>/` above the scalar. */
  | '</' | '>/'
  | 'and' | 'or' | 'unless';

/** ==, !=, >, <, >=, <= (ItemType.IsComparisonOperator). */
export function isComparisonOperator(op: BinaryOp): boolean {
  return op === '==' || op === '!=' || op === '>' || op === '<' || op === '>=' || op === '<=';
}

/** and, or, unless (ItemType.IsSetOperator). */
export function isSetOperator(op: BinaryOp): boolean {
  return op === 'and' || op === 'or' || op === 'unless';
}

export type AggregateOp =
  | 'sum' | 'avg' | 'count' | 'min' | 'max' | 'group' | 'stddev' | 'stdvar'
  | 'topk' | 'bottomk' | 'count_values' | 'quantile' | 'limitk' | 'limit_ratio';

/** Set when @ is written with start() or end(). */
export type StartOrEnd = 'start' | 'end' | null;

export interface FunctionDef {
  name: string;
  argTypes: ValueType[];
  /** -1: the last arg type repeats without bound; 0: fixed; N>0: up to N optional trailing args. */
  variadic: number;
  returnType: ValueType;
  experimental: boolean;
}

export enum VectorMatchCardinality {
  OneToOne = 'one-to-one',
  ManyToOne = 'many-to-one',
  OneToMany = 'one-to-many',
  ManyToMany = 'many-to-many',
}

export interface VectorMatching {
  card: VectorMatchCardinality;
  /** Labels that define equality of a pair (on(...) or ignoring(...)). */
  matchingLabels: string[];
  /** on(...) rather than ignoring(...). */
  on: boolean;
  /** group_left/group_right extra labels. */
  include: string[];
  /** fill()/fill_left()/fill_right(): null = no fill for that side. */
  fillValues: { lhs: number | null; rhs: number | null };
}

export interface AggregateExpr {
  kind: 'AggregateExpr';
  op: AggregateOp;
  expr: Expr;
  param: Expr | null;
  grouping: string[];
  without: boolean;
  posRange: PositionRange;
}

export interface BinaryExpr {
  kind: 'BinaryExpr';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  /** Set when both operands are vectors (and for set operators). */
  vectorMatching: VectorMatching | null;
  returnBool: boolean;
}

export interface Call {
  kind: 'Call';
  func: FunctionDef;
  args: Expr[];
  posRange: PositionRange;
}

/** Arithmetic on durations inside [..], offset and @ (experimental duration expressions). */
export interface DurationExpr {
  kind: 'DurationExpr';
  /**
   * '+', '-', '*', '/', '%', '^' for binary; '-' / '+' with lhs null for unary (rhs is the operand);
   * 'step' / 'range' for step()/range() (no operands); 'min_of' / 'max_of' for min_of(a, b) / max_of(a, b).
   */
  op: string;
  lhs: Expr | null;
  rhs: Expr | null;
  wrapped: boolean;
  startPos: number;
  endPos: number;
}

export interface MatrixSelector {
  kind: 'MatrixSelector';
  vectorSelector: VectorSelector;
  /** Range in ms (resolved from rangeExpr when that is set and constant). */
  range: number;
  rangeExpr: DurationExpr | null;
  endPos: number;
}

export interface SubqueryExpr {
  kind: 'SubqueryExpr';
  expr: Expr;
  range: number;
  rangeExpr: DurationExpr | null;
  /** As written, in ms. */
  originalOffset: number;
  originalOffsetExpr: DurationExpr | null;
  /** Effective offset used during execution (ms); set by the engine's preprocessing. */
  offset: number;
  /** @ timestamp in ms, or null. */
  timestamp: number | null;
  startOrEnd: StartOrEnd;
  /** Step in ms; 0 = the default resolution. */
  step: number;
  stepExpr: DurationExpr | null;
  endPos: number;
}

export interface NumberLiteral {
  kind: 'NumberLiteral';
  val: number;
  /** Written as a duration (e.g. 5m) and printed back as one. */
  duration: boolean;
  posRange: PositionRange;
}

export interface ParenExpr {
  kind: 'ParenExpr';
  expr: Expr;
  posRange: PositionRange;
}

export interface StringLiteral {
  kind: 'StringLiteral';
  val: string;
  posRange: PositionRange;
}

export interface UnaryExpr {
  kind: 'UnaryExpr';
  op: '+' | '-';
  expr: Expr;
  startPos: number;
}

/** Wraps a subtree whose value does not depend on the evaluation step (engine optimisation). */
export interface StepInvariantExpr {
  kind: 'StepInvariantExpr';
  expr: Expr;
}

export interface VectorSelector {
  kind: 'VectorSelector';
  name: string;
  originalOffset: number;
  originalOffsetExpr: DurationExpr | null;
  offset: number;
  timestamp: number | null;
  startOrEnd: StartOrEnd;
  labelMatchers: Matcher[];
  /** True for info()'s second argument, which may lack a matcher that excludes the empty string. */
  bypassEmptyMatcherCheck: boolean;
  anchored: boolean;
  smoothed: boolean;
  skipHistogramBuckets: boolean;
  posRange: PositionRange;
}

export type Expr =
  | AggregateExpr
  | BinaryExpr
  | Call
  | DurationExpr
  | MatrixSelector
  | SubqueryExpr
  | NumberLiteral
  | ParenExpr
  | StringLiteral
  | UnaryExpr
  | StepInvariantExpr
  | VectorSelector;

export type Node = Expr;

/** The type an expression evaluates to (parser.Expr.Type()). */
export function exprType(e: Expr): ValueType {
  switch (e.kind) {
    case 'AggregateExpr':
    case 'VectorSelector':
      return ValueType.Vector;
    case 'Call':
      return e.func.returnType;
    case 'MatrixSelector':
    case 'SubqueryExpr':
      return ValueType.Matrix;
    case 'NumberLiteral':
    case 'DurationExpr':
      return ValueType.Scalar;
    case 'StringLiteral':
      return ValueType.String;
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      return exprType(e.expr);
    case 'BinaryExpr':
      return exprType(e.lhs) === ValueType.Scalar && exprType(e.rhs) === ValueType.Scalar
        ? ValueType.Scalar
        : ValueType.Vector;
  }
}

/** Direct children, in source order (parser.Children). */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'AggregateExpr':
      return e.param ? [e.param, e.expr] : [e.expr];
    case 'BinaryExpr':
      return [e.lhs, e.rhs];
    case 'Call':
      return e.args;
    case 'DurationExpr':
      return [e.lhs, e.rhs].filter((x): x is Expr => x !== null);
    case 'MatrixSelector':
      return [e.vectorSelector];
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      return [e.expr];
    case 'NumberLiteral':
    case 'StringLiteral':
    case 'VectorSelector':
      return [];
  }
}

/**
 * Depth-first walk: calls fn(node, path) for each node; path holds the ancestors.
 * Returning false from fn skips the node's children.
 */
export function inspect(e: Expr, fn: (node: Expr, path: Expr[]) => boolean | void, path: Expr[] = []): void {
  if (fn(e, path) === false) return;
  path.push(e);
  for (const c of children(e)) inspect(c, fn, path);
  path.pop();
}
