/**
 * Modifiers written after an expression: range `[5m]`, subquery `[1h:5m]`, `offset`, `@`,
 * `anchored` and `smoothed`. They bind tighter than any binary operator.
 */
import { formatFloat } from '../../model/strconv/index.js';
import type { DurationExpr, Expr, MatrixSelector, PositionRange, StartOrEnd, SubqueryExpr, VectorSelector } from './ast.js';
import { secondsToMs } from './duration.js';
import { numberLiteral, parseOffsetDuration, parsePositiveDuration, RANGE_CONTEXT, STEP_CONTEXT } from './duration-parser.js';
import type { ParserState } from './parser-state.js';
import { positionRange } from './position.js';
import { T } from './token.js';

export function parsePostfix(p: ParserState, base: Expr): Expr {
  let e = base;
  for (;;) {
    switch (p.peekType()) {
      case T.LEFT_BRACKET:
        e = parseRangeOrSubquery(p, e);
        break;
      case T.OFFSET:
        e = parseOffset(p, e);
        break;
      case T.AT:
        e = parseAt(p, e);
        break;
      case T.ANCHORED:
      case T.SMOOTHED:
        setExtendedRange(p, e, p.next().type === T.ANCHORED);
        break;
      default:
        return e;
    }
  }
}

function durationMs(e: Expr): number {
  return e.kind === 'NumberLiteral' ? secondsToMs(e.val) : 0;
}
function durationExpr(e: Expr): DurationExpr | null {
  return e.kind === 'DurationExpr' ? e : null;
}

function parseRangeOrSubquery(p: ParserState, e: Expr): Expr {
  const open = p.next();
  const range = parsePositiveDuration(p, RANGE_CONTEXT);
  const sep = p.peek();
  if (sep.type === T.RIGHT_BRACKET) {
    p.next();
    return newMatrixSelector(p, e, range, { start: open.pos, end: sep.pos + 1 });
  }
  if (sep.type !== T.COLON) p.unexpected('subquery or range', '":" or "]"');
  p.next();
  let step: Expr | null = null;
  if (p.peekType() !== T.RIGHT_BRACKET) {
    step = parsePositiveDuration(p, STEP_CONTEXT);
    if (p.peekType() !== T.RIGHT_BRACKET) p.unexpected('subquery selector', '"]"');
  }
  const close = p.next();
  const sq: SubqueryExpr = {
    kind: 'SubqueryExpr', expr: e, range: durationMs(range), rangeExpr: durationExpr(range),
    originalOffset: 0, originalOffsetExpr: null, offset: 0, timestamp: null, startOrEnd: null,
    step: step === null ? 0 : durationMs(step), stepExpr: step === null ? null : durationExpr(step),
    endPos: close.pos + 1,
  };
  return sq;
}

/** A selector standing in for a non-selector under [..] once the error is recorded. */
function placeholderSelector(range: PositionRange): VectorSelector {
  return {
    kind: 'VectorSelector', name: '', originalOffset: 0, originalOffsetExpr: null, offset: 0, timestamp: null,
    startOrEnd: null, labelMatchers: [], bypassEmptyMatcherCheck: true, anchored: false, smoothed: false,
    skipHistogramBuckets: false, posRange: range,
  };
}

function newMatrixSelector(p: ParserState, e: Expr, range: Expr, brackets: PositionRange): MatrixSelector {
  let msg = '';
  if (e.kind !== 'VectorSelector') msg = 'ranges only allowed for vector selectors';
  else if (e.originalOffset !== 0 || e.originalOffsetExpr !== null) msg = 'no offset modifiers allowed before range';
  else if (e.timestamp !== null || e.startOrEnd !== null) msg = 'no @ modifiers allowed before range';
  if (msg !== '') p.addError(brackets, msg);
  const vs = e.kind === 'VectorSelector' ? e : placeholderSelector(positionRange(e));
  return { kind: 'MatrixSelector', vectorSelector: vs, range: durationMs(range), rangeExpr: durationExpr(range), endPos: brackets.end };
}

/** The node carrying offset/@ for e, or null (with the error recorded) if e cannot take one. */
function modifierTarget(p: ParserState, e: Expr, what: 'offset' | '@'): VectorSelector | SubqueryExpr | null {
  if (e.kind === 'VectorSelector' || e.kind === 'SubqueryExpr') return e;
  if (e.kind === 'MatrixSelector') return e.vectorSelector;
  const noun = what === 'offset' ? 'offset modifier' : '@ modifier';
  p.addError(positionRange(e), `${noun} must be preceded by an instant vector selector or range vector selector or a subquery`);
  return null;
}

function setEndPos(e: Expr, end: number): void {
  if (e.kind === 'VectorSelector') e.posRange = { start: e.posRange.start, end };
  else if (e.kind === 'MatrixSelector' || e.kind === 'SubqueryExpr') e.endPos = end;
}

function parseOffset(p: ParserState, e: Expr): Expr {
  p.next();
  const d = parseOffsetDuration(p);
  const target = modifierTarget(p, e, 'offset');
  if (target === null) return e;
  if (target.originalOffset !== 0 || target.originalOffsetExpr !== null) {
    p.addError(positionRange(e), 'offset may not be set multiple times');
  } else if (d.kind === 'DurationExpr') {
    target.originalOffsetExpr = d;
  } else if (d.kind === 'NumberLiteral') {
    target.originalOffset = secondsToMs(d.val);
  }
  setEndPos(e, p.lastEnd);
  return e;
}

function parseAt(p: ParserState, e: Expr): Expr {
  p.next();
  const tok = p.peek();
  if (tok.type === T.START || tok.type === T.END) {
    p.next();
    p.expect(T.LEFT_PAREN, '@', 'timestamp');
    p.expect(T.RIGHT_PAREN, '@', 'timestamp');
    setAt(p, e, null, tok.type === T.START ? 'start' : 'end');
    return e;
  }
  let sign = 1;
  if (tok.type === T.ADD || tok.type === T.SUB) {
    const nt = p.peekType(1);
    if (nt !== T.NUMBER && nt !== T.DURATION) {
      p.next();
      p.unexpected('@', 'timestamp');
    }
    p.next();
    if (tok.type === T.SUB) sign = -1;
  } else if (tok.type !== T.NUMBER && tok.type !== T.DURATION) {
    p.unexpected('@', 'timestamp');
  }
  const ts = sign * numberLiteral(p, p.next()).val;
  if (!Number.isFinite(ts) || ts >= 9223372036854775807 || ts <= -9223372036854775808) {
    p.addError(positionRange(e), `timestamp out of bounds for @ modifier: ${formatFloat(ts, 'f', 6)}`);
  }
  setAt(p, e, goRound(ts * 1000), null);
  return e;
}

function setAt(p: ParserState, e: Expr, timestamp: number | null, startOrEnd: StartOrEnd): void {
  const target = modifierTarget(p, e, '@');
  if (target === null) return;
  if (target.timestamp !== null || target.startOrEnd !== null) {
    p.addError(positionRange(e), '@ <timestamp> may not be set multiple times');
    return;
  }
  target.timestamp = timestamp;
  target.startOrEnd = startOrEnd;
  setEndPos(e, p.lastEnd);
}

function setExtendedRange(p: ParserState, e: Expr, anchored: boolean): void {
  const name = anchored ? 'anchored' : 'smoothed';
  if (!p.opts.enableExtendedRangeSelectors) {
    p.addError(positionRange(e), `${name} modifier is experimental and not enabled`);
    return;
  }
  let vs: VectorSelector;
  if (e.kind === 'VectorSelector') vs = e;
  else if (e.kind === 'MatrixSelector') vs = e.vectorSelector;
  else {
    const why = e.kind === 'SubqueryExpr' ? 'is not supported for subqueries' : 'not implemented';
    p.addError(positionRange(e), `${name} modifier ${why}`);
    return;
  }
  if (anchored) vs.anchored = true;
  else vs.smoothed = true;
  if (vs.anchored && vs.smoothed) p.addError(positionRange(e), 'anchored and smoothed modifiers cannot be used together');
}

/** Go's math.Round: half away from zero. */
function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
