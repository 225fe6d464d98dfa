/**
 * Expressions: precedence climbing over the binary operators, unary signs, and primaries
 * (literals, selectors, calls, aggregations, parentheses) with their postfix modifiers.
 */
import { goQuote } from '../../model/strconv/index.js';
import type { AggregateExpr, AggregateOp, BinaryExpr, BinaryOp, Call, Expr, FunctionDef, VectorMatching } from './ast.js';
import { ValueType, VectorMatchCardinality } from './ast.js';
import { numberLiteral } from './duration-parser.js';
import { FUNCTIONS } from './functions.js';
import { type ParserState, tokenRange } from './parser-state.js';
import { positionRange } from './position.js';
import { parsePostfix } from './postfix-parser.js';
import { METRIC_IDENTIFIER_TOKENS, parseGroupingLabels, parseVectorSelector, unquoteToken } from './selector-parser.js';
import { isAggregator, isAggregatorWithParam, T, tokenText, type Token } from './token.js';

const BINARY_PREC: Partial<Record<T, number>> = {
  [T.LOR]: 1,
  [T.LAND]: 2, [T.LUNLESS]: 2,
  [T.EQLC]: 3, [T.NEQ]: 3, [T.LTE]: 3, [T.LSS]: 3, [T.GTE]: 3, [T.GTR]: 3, [T.TRIM_UPPER]: 3, [T.TRIM_LOWER]: 3,
  [T.ADD]: 4, [T.SUB]: 4,
  [T.MUL]: 5, [T.DIV]: 5, [T.MOD]: 5, [T.ATAN2]: 5,
  [T.POW]: 6,
};
/** A unary sign binds like '*': its operand takes only '^' and postfix modifiers. */
const UNARY_OPERAND_PREC = 6;

/** expr: the full precedence-climbing parse. */
export function parseExpr(p: ParserState, minPrec = 0): Expr {
  p.enter();
  let lhs = parseUnary(p);
  for (;;) {
    const opTok = p.peek();
    const prec = BINARY_PREC[opTok.type];
    if (prec === undefined || prec < minPrec) break;
    p.next();
    const modifiers = parseBinModifiers(p);
    const rhs = parseExpr(p, opTok.type === T.POW ? prec : prec + 1);
    lhs = newBinaryExpr(p, lhs, opTok, modifiers, rhs);
  }
  p.leave();
  return lhs;
}

function parseUnary(p: ParserState): Expr {
  const tok = p.peek();
  if (tok.type !== T.ADD && tok.type !== T.SUB) return parsePostfix(p, parsePrimary(p));
  p.next();
  p.enter();
  const operand = parseExpr(p, UNARY_OPERAND_PREC);
  p.leave();
  if (operand.kind === 'NumberLiteral') {
    if (tok.type === T.SUB) operand.val *= -1;
    operand.posRange = { start: tok.pos, end: operand.posRange.end };
    return operand;
  }
  return { kind: 'UnaryExpr', op: tok.type === T.SUB ? '-' : '+', expr: operand, startPos: tok.pos };
}

function parsePrimary(p: ParserState): Expr {
  const tok = p.peek();
  switch (tok.type) {
    case T.NUMBER:
    case T.DURATION:
      return numberLiteral(p, p.next());
    case T.STRING:
      p.next();
      return { kind: 'StringLiteral', val: unquoteToken(p, tok), posRange: tokenRange(tok) };
    case T.LEFT_PAREN:
      return parseParen(p);
    case T.LEFT_BRACE:
      return parseVectorSelector(p);
    case T.IDENTIFIER:
    case T.START:
    case T.END:
    case T.STEP:
    case T.RANGE:
    case T.MAX_OF:
    case T.MIN_OF:
      if (p.peekType(1) === T.LEFT_PAREN) return parseCall(p);
      return parseVectorSelector(p);
  }
  if (isAggregator(tok.type)) {
    const after = p.peekType(1);
    if (after === T.LEFT_PAREN || after === T.BY || after === T.WITHOUT) return parseAggregation(p);
  }
  if (METRIC_IDENTIFIER_TOKENS.has(tok.type)) return parseVectorSelector(p);
  return p.unexpectedInExpr();
}

function parseParen(p: ParserState): Expr {
  const open = p.next();
  const inner = parseExpr(p);
  if (p.peekType() !== T.RIGHT_PAREN) p.unexpectedInExpr();
  const close = p.next();
  return { kind: 'ParenExpr', expr: inner, posRange: { start: open.pos, end: close.pos + 1 } };
}

/** `( args )` of a call or aggregation; the "(" is the next token. */
function parseCallBody(p: ParserState): Expr[] {
  if (p.peekType() !== T.LEFT_PAREN) p.unexpectedInExpr();
  p.next();
  const args: Expr[] = [];
  if (p.peekType() === T.RIGHT_PAREN) {
    p.next();
    return args;
  }
  for (;;) {
    args.push(parseExpr(p));
    const sep = p.peek();
    if (sep.type === T.COMMA) {
      p.next();
      if (p.peekType() === T.RIGHT_PAREN) {
        p.addError(tokenRange(sep), 'trailing commas not allowed in function call args');
        p.next();
        return args;
      }
      continue;
    }
    if (sep.type === T.RIGHT_PAREN) {
      p.next();
      return args;
    }
    p.unexpectedInExpr();
  }
}

function unknownFunction(name: string): FunctionDef {
  return { name, argTypes: [], variadic: -1, returnType: ValueType.Vector, experimental: false };
}

function parseCall(p: ParserState): Call {
  const nameTok = p.next();
  let func = FUNCTIONS.get(nameTok.val);
  if (func === undefined) {
    p.addError(tokenRange(nameTok), `unknown function with name ${goQuote(nameTok.val)}`);
    func = unknownFunction(nameTok.val);
  } else if (func.experimental && !p.opts.enableExperimentalFunctions) {
    p.addError(tokenRange(nameTok), `function ${goQuote(nameTok.val)} is not enabled`);
  }
  const args = parseCallBody(p);
  return { kind: 'Call', func, args, posRange: { start: nameTok.pos, end: p.lastEnd } };
}

function parseAggregation(p: ParserState): AggregateExpr {
  const opTok = p.next();
  p.aggregationDepth++;
  let grouping: string[] = [];
  let without = false;
  const modifier = (): void => {
    without = p.next().type === T.WITHOUT;
    grouping = parseGroupingLabels(p);
  };
  const before = p.peekType() === T.BY || p.peekType() === T.WITHOUT;
  if (before) modifier();
  const args = parseCallBody(p);
  if (!before && (p.peekType() === T.BY || p.peekType() === T.WITHOUT)) modifier();
  p.aggregationDepth--;
  return newAggregateExpr(p, opTok, args, grouping, without);
}

function newAggregateExpr(p: ParserState, opTok: Token, args: Expr[], grouping: string[], without: boolean): AggregateExpr {
  const op = tokenText(opTok.type) as AggregateOp;
  const posRange = { start: opTok.pos, end: p.lastEnd };
  const agg: AggregateExpr = {
    kind: 'AggregateExpr', op, expr: { kind: 'NumberLiteral', val: 0, duration: false, posRange },
    param: null, grouping, without, posRange,
  };
  if (args.length === 0) {
    p.addError(posRange, 'no arguments for aggregate expression provided');
    return agg;
  }
  let desired = 1;
  if (isAggregatorWithParam(opTok.type)) {
    if (!p.opts.enableExperimentalFunctions && (opTok.type === T.LIMITK || opTok.type === T.LIMIT_RATIO)) {
      p.addError(posRange, `${op}() is experimental and must be enabled with --enable-feature=promql-experimental-functions`);
      return agg;
    }
    desired = 2;
    agg.param = args[0] as Expr;
  }
  if (args.length !== desired) {
    p.addError(posRange, `wrong number of arguments for aggregate expression provided, expected ${desired}, got ${args.length}`);
    return agg;
  }
  agg.expr = args[desired - 1] as Expr;
  return agg;
}

interface BinModifiers {
  returnBool: boolean;
  matching: VectorMatching;
}

/** bool, on/ignoring(...), group_left/group_right(...), fill/fill_left/fill_right(...). */
function parseBinModifiers(p: ParserState): BinModifiers {
  const matching: VectorMatching = {
    card: VectorMatchCardinality.OneToOne, matchingLabels: [], on: false, include: [], fillValues: { lhs: null, rhs: null },
  };
  let returnBool = false;
  if (p.peekType() === T.BOOL) {
    p.next();
    returnBool = true;
  }
  const t = p.peekType();
  if (t === T.ON || t === T.IGNORING) {
    p.next();
    matching.on = t === T.ON;
    matching.matchingLabels = parseGroupingLabels(p);
    const g = p.peekType();
    if (g === T.GROUP_LEFT || g === T.GROUP_RIGHT) {
      p.next();
      matching.card = g === T.GROUP_LEFT ? VectorMatchCardinality.ManyToOne : VectorMatchCardinality.OneToMany;
      if (p.peekType() === T.LEFT_PAREN) matching.include = parseGroupingLabels(p);
    }
  }
  parseFillModifiers(p, matching);
  return { returnBool, matching };
}

function parseFillModifiers(p: ParserState, m: VectorMatching): void {
  const t = p.peekType();
  if (t === T.FILL) {
    p.next();
    const v = parseFillValue(p);
    m.fillValues = { lhs: v, rhs: v };
  } else if (t === T.FILL_LEFT || t === T.FILL_RIGHT) {
    p.next();
    const v = parseFillValue(p);
    if (t === T.FILL_LEFT) m.fillValues.lhs = v;
    else m.fillValues.rhs = v;
    const other = t === T.FILL_LEFT ? T.FILL_RIGHT : T.FILL_LEFT;
    if (p.peekType() === other) {
      p.next();
      const w = parseFillValue(p);
      if (other === T.FILL_LEFT) m.fillValues.lhs = w;
      else m.fillValues.rhs = w;
    }
  }
}

/** `( number )` or `( -number )` of a fill modifier. */
function parseFillValue(p: ParserState): number {
  if (p.peekType() !== T.LEFT_PAREN) p.unexpectedInExpr();
  p.next();
  let sign = 1;
  const t = p.peekType();
  if (t === T.ADD || t === T.SUB) {
    p.next();
    if (t === T.SUB) sign = -1;
  }
  const nt = p.peekType();
  if (nt !== T.NUMBER && nt !== T.DURATION) p.unexpectedInExpr();
  const nl = numberLiteral(p, p.next());
  if (p.peekType() !== T.RIGHT_PAREN) p.unexpectedInExpr();
  p.next();
  return sign * nl.val;
}

const BINARY_OP_TEXT: Partial<Record<T, BinaryOp>> = {
  [T.ADD]: '+', [T.SUB]: '-', [T.MUL]: '*', [T.DIV]: '/', [T.MOD]: '%', [T.POW]: '^', [T.ATAN2]: 'atan2',
  [T.EQLC]: '==', [T.NEQ]: '!=', [T.GTR]: '>', [T.LSS]: '<', [T.GTE]: '>=', [T.LTE]: '<=',
  [T.TRIM_UPPER]: '</', [T.TRIM_LOWER]: '>/', [T.LAND]: 'and', [T.LOR]: 'or', [T.LUNLESS]: 'unless',
};

function newBinaryExpr(p: ParserState, lhs: Expr, opTok: Token, mods: BinModifiers, rhs: Expr): BinaryExpr {
  const e: BinaryExpr = {
    kind: 'BinaryExpr', op: BINARY_OP_TEXT[opTok.type] as BinaryOp, lhs, rhs,
    vectorMatching: mods.matching, returnBool: mods.returnBool,
  };
  const fill = mods.matching.fillValues;
  if (!p.opts.enableBinopFillModifiers && (fill.lhs !== null || fill.rhs !== null)) {
    p.addError(positionRange(e), 'binop fill modifiers are experimental and not enabled');
  }
  return e;
}
