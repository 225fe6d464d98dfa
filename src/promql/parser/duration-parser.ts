/**
 * Durations inside [..] and after `offset`: literals, and (experimental) arithmetic with
 * step(), range(), min_of() and max_of(). Constant literals stay NumberLiterals (seconds);
 * anything else becomes a DurationExpr that the engine evaluates.
 */
import { NumError, parseGoNumber } from '../../model/strconv/index.js';
import type { DurationExpr, Expr, NumberLiteral } from './ast.js';
import { parseModelDuration, DurationError } from './duration.js';
import { type ParserState, tokenRange } from './parser-state.js';
import { positionRange } from './position.js';
import { T, type Token } from './token.js';

/** How syntax errors read in the place a duration is parsed. */
export interface DurationContext {
  context: string;
  expected: string;
}

export const RANGE_CONTEXT: DurationContext = {
  context: 'subquery or range selector',
  expected: 'number, duration, step(), or range()',
};
export const STEP_CONTEXT: DurationContext = {
  context: 'subquery selector',
  expected: 'number, duration, step(), range(), or "]"',
};
export const OFFSET_CONTEXT: DurationContext = {
  context: 'offset',
  expected: 'number, duration, step(), or range()',
};

const BINARY_PREC: Partial<Record<T, number>> = {
  [T.ADD]: 1, [T.SUB]: 1, [T.MUL]: 2, [T.DIV]: 2, [T.MOD]: 2, [T.POW]: 3,
};
const OP_TEXT: Partial<Record<T, string>> = {
  [T.ADD]: '+', [T.SUB]: '-', [T.MUL]: '*', [T.DIV]: '/', [T.MOD]: '%', [T.POW]: '^',
  [T.STEP]: 'step', [T.RANGE]: 'range', [T.MAX_OF]: 'max_of', [T.MIN_OF]: 'min_of',
};
const UNARY_PREC = 3; // unary minus binds like '*': its operand only absorbs '^'.

/** A NUMBER or DURATION token as a NumberLiteral (value in seconds). */
export function numberLiteral(p: ParserState, tok: Token): NumberLiteral {
  const posRange = tokenRange(tok);
  if (tok.type === T.NUMBER) {
    let val = 0;
    try {
      val = parseGoNumber(tok.val);
    } catch (e) {
      if (!(e instanceof NumError)) throw e;
      p.addError(posRange, `error parsing number: ${e.message}`);
    }
    return { kind: 'NumberLiteral', val, duration: false, posRange };
  }
  let ms = 0;
  try {
    ms = parseModelDuration(tok.val);
  } catch (e) {
    if (!(e instanceof DurationError)) throw e;
    p.addError(posRange, e.message);
  }
  return { kind: 'NumberLiteral', val: ms / 1000, duration: true, posRange };
}

function zeroLiteral(): NumberLiteral {
  return { kind: 'NumberLiteral', val: 0, duration: false, posRange: { start: 0, end: 0 } };
}

/** True when seconds would overflow a time.Duration. */
function outOfRange(seconds: number): boolean {
  return seconds > 9223372036.854775807 || seconds < -9223372036.854775808;
}

function checkedLiteral(p: ParserState, nl: NumberLiteral): NumberLiteral {
  if (outOfRange(nl.val)) {
    p.addError(nl.posRange, 'duration out of range');
    return zeroLiteral();
  }
  return nl;
}

function experimental(p: ParserState, e: Expr): void {
  if (!p.opts.experimentalDurationExpr) p.addError(positionRange(e), 'experimental duration expression is not enabled');
}

function wrapParen(e: Expr, start: number, end: number): Expr {
  if (e.kind === 'DurationExpr') {
    e.wrapped = true;
    return e;
  }
  return { kind: 'DurationExpr', op: '+', lhs: null, rhs: e, wrapped: true, startPos: start, endPos: end };
}

/** Applies a leading + or - to a duration operand (folding it into a literal when it is one). */
function applyUnary(p: ParserState, op: Token, operand: Expr, wrapped: boolean): Expr {
  const e = wrapped ? wrapParen(operand, positionRange(operand).start, positionRange(operand).end) : operand;
  if (e.kind === 'DurationExpr') {
    if (op.type === T.SUB) return { kind: 'DurationExpr', op: '-', lhs: null, rhs: e, wrapped: false, startPos: op.pos, endPos: 0 };
    return e;
  }
  if (e.kind === 'NumberLiteral') {
    if (op.type === T.SUB) e.val *= -1;
    if (outOfRange(e.val)) {
      p.addError(tokenRange(op), 'duration out of range');
      return zeroLiteral();
    }
    e.posRange = { start: op.pos, end: e.posRange.end };
    return e;
  }
  p.addError(tokenRange(op), 'expected number literal or duration expression');
  return zeroLiteral();
}

/** step() or range(), the keyword token already consumed. */
function durationFunction(p: ParserState, kw: Token, ctx: DurationContext): DurationExpr {
  p.expect(T.LEFT_PAREN, ctx.context, ctx.expected);
  const close = p.expect(T.RIGHT_PAREN, ctx.context, ctx.expected);
  return { kind: 'DurationExpr', op: OP_TEXT[kw.type] as string, lhs: null, rhs: null, wrapped: false, startPos: kw.pos, endPos: close.pos + 1 };
}

/** min_of(a, b) or max_of(a, b), the keyword token already consumed. */
function minMaxOf(p: ParserState, kw: Token, ctx: DurationContext): DurationExpr {
  p.expect(T.LEFT_PAREN, ctx.context, ctx.expected);
  const a = parseDurationExpr(p, ctx);
  p.expect(T.COMMA, ctx.context, ctx.expected);
  const b = parseDurationExpr(p, ctx);
  const close = p.expect(T.RIGHT_PAREN, ctx.context, ctx.expected);
  return { kind: 'DurationExpr', op: OP_TEXT[kw.type] as string, lhs: a, rhs: b, wrapped: false, startPos: kw.pos, endPos: close.pos + 1 };
}

function parsePrimary(p: ParserState, ctx: DurationContext): Expr {
  const tok = p.peek();
  switch (tok.type) {
    case T.NUMBER:
    case T.DURATION:
      return checkedLiteral(p, numberLiteral(p, p.next()));
    case T.ADD:
    case T.SUB: {
      p.next();
      const operand = parseBinary(p, ctx, UNARY_PREC);
      return applyUnary(p, tok, operand, false);
    }
    case T.STEP:
    case T.RANGE: {
      const de = durationFunction(p, p.next(), ctx);
      experimental(p, de);
      return de;
    }
    case T.MAX_OF:
    case T.MIN_OF: {
      const de = minMaxOf(p, p.next(), ctx);
      experimental(p, de);
      return de;
    }
    case T.LEFT_PAREN: {
      const open = p.next();
      const inner = parseDurationExpr(p, ctx);
      const close = p.expect(T.RIGHT_PAREN, ctx.context, ctx.expected);
      experimental(p, inner);
      return wrapParen(inner, open.pos, close.pos + 1);
    }
    default:
      return p.unexpected(ctx.context, ctx.expected);
  }
}

function parseBinary(p: ParserState, ctx: DurationContext, minPrec: number): Expr {
  p.enter();
  let lhs = parsePrimary(p, ctx);
  for (;;) {
    const op = p.peek();
    const prec = BINARY_PREC[op.type];
    if (prec === undefined || prec < minPrec) break;
    p.next();
    const rhs = parseBinary(p, ctx, op.type === T.POW ? prec : prec + 1);
    experimental(p, lhs);
    if ((op.type === T.DIV || op.type === T.MOD) && rhs.kind === 'NumberLiteral' && rhs.val === 0) {
      p.addError(tokenRange(op), op.type === T.DIV ? 'division by zero' : 'modulo by zero');
      lhs = zeroLiteral();
      continue;
    }
    lhs = { kind: 'DurationExpr', op: OP_TEXT[op.type] as string, lhs, rhs, wrapped: false, startPos: 0, endPos: 0 };
  }
  p.leave();
  return lhs;
}

/** A full duration expression (duration_expr). */
export function parseDurationExpr(p: ParserState, ctx: DurationContext): Expr {
  return parseBinary(p, ctx, 0);
}

/** The range or step inside brackets: a duration expression that, if literal, must be > 0. */
export function parsePositiveDuration(p: ParserState, ctx: DurationContext): Expr {
  const e = parseDurationExpr(p, ctx);
  if (e.kind === 'NumberLiteral' && e.val <= 0) {
    p.addError(e.posRange, 'duration must be greater than 0');
    return zeroLiteral();
  }
  return e;
}

/**
 * The duration after `offset`. A literal, signed literal, step(), range(), min_of/max_of or
 * signed parenthesis ends the offset (so `foo offset 5m + 1` adds 1 to the selector);
 * an expression starting with "(" or a double sign goes on as duration arithmetic.
 */
export function parseOffsetDuration(p: ParserState): Expr {
  const ctx = OFFSET_CONTEXT;
  const tok = p.peek();
  switch (tok.type) {
    case T.NUMBER:
    case T.DURATION:
      return checkedLiteral(p, numberLiteral(p, p.next()));
    case T.STEP:
    case T.RANGE:
    case T.MAX_OF:
    case T.MIN_OF:
      return parsePrimary(p, ctx);
    case T.LEFT_PAREN:
      return parseDurationExpr(p, ctx);
    case T.ADD:
    case T.SUB:
      return parseSignedOffset(p, ctx);
    default:
      return p.unexpected(ctx.context, ctx.expected);
  }
}

function parseSignedOffset(p: ParserState, ctx: DurationContext): Expr {
  const op = p.peek();
  const after = p.peekType(1);
  switch (after) {
    case T.NUMBER:
    case T.DURATION: {
      p.next();
      return applyUnary(p, op, numberLiteral(p, p.next()), false);
    }
    case T.STEP:
    case T.RANGE:
    case T.MAX_OF:
    case T.MIN_OF: {
      p.next();
      const kw = p.next();
      const inner = after === T.STEP || after === T.RANGE ? durationFunction(p, kw, ctx) : minMaxOf(p, kw, ctx);
      const de: DurationExpr = { kind: 'DurationExpr', op: op.type === T.SUB ? '-' : '+', lhs: null, rhs: inner, wrapped: false, startPos: op.pos, endPos: inner.endPos };
      experimental(p, de);
      return de;
    }
    case T.LEFT_PAREN: {
      p.next();
      p.next();
      const inner = parseDurationExpr(p, ctx);
      p.expect(T.RIGHT_PAREN, ctx.context, ctx.expected);
      return applyUnary(p, op, inner, true);
    }
    default:
      return parseDurationExpr(p, ctx);
  }
}
