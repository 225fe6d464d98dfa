/**
 * Query preprocessing (engine.go PreprocessExpr and friends): folding start()/end()/
 * range()/step() into numbers, resolving duration expressions, @ start()/end(), wrapping
 * step-invariant subtrees, offsets for @, and the time range each selector reads.
 */
import type { Expr, SubqueryExpr, VectorSelector } from '../parser/index.js';
import { inspect } from '../parser/index.js';
import { AT_MODIFIER_UNSAFE_FUNCTIONS } from '../functions/index.js';
import { resolveDurations } from './durations.js';

/** A deep copy of an expression tree (matchers are immutable and shared). */
export function cloneExpr<T extends Expr>(e: T): T {
  const c = { ...e } as Expr;
  switch (c.kind) {
    case 'AggregateExpr':
      c.expr = cloneExpr(c.expr);
      c.param = c.param ? cloneExpr(c.param) : null;
      c.grouping = [...c.grouping];
      break;
    case 'BinaryExpr':
      c.lhs = cloneExpr(c.lhs);
      c.rhs = cloneExpr(c.rhs);
      break;
    case 'Call':
      c.args = c.args.map((a) => cloneExpr(a));
      break;
    case 'MatrixSelector':
      c.vectorSelector = cloneExpr(c.vectorSelector);
      break;
    case 'SubqueryExpr':
    case 'ParenExpr':
    case 'UnaryExpr':
    case 'StepInvariantExpr':
      c.expr = cloneExpr(c.expr);
      break;
    case 'VectorSelector':
      c.labelMatchers = [...c.labelMatchers];
      break;
    default:
  }
  return c as T;
}

function numberAt(val: number, posRange: { start: number; end: number }): Expr {
  return { kind: 'NumberLiteral', val, duration: false, posRange };
}

/** Replaces start(), end(), range() and step() calls by their values (seconds). */
export function foldQueryContextFunctions(e: Expr, start: number, end: number, step: number): Expr {
  if (e.kind === 'Call') {
    switch (e.func.name) {
      case 'start':
        return numberAt(start / 1000, e.posRange);
      case 'end':
        return numberAt(end / 1000, e.posRange);
      case 'range':
        return numberAt((end - start) / 1000, e.posRange);
      case 'step':
        return numberAt(start !== end ? step / 1000 : 0, e.posRange);
      default:
        e.args = e.args.map((a) => foldQueryContextFunctions(a, start, end, step));
        return e;
    }
  }
  switch (e.kind) {
    case 'BinaryExpr':
      e.lhs = foldQueryContextFunctions(e.lhs, start, end, step);
      e.rhs = foldQueryContextFunctions(e.rhs, start, end, step);
      break;
    case 'AggregateExpr':
      e.expr = foldQueryContextFunctions(e.expr, start, end, step);
      if (e.param) e.param = foldQueryContextFunctions(e.param, start, end, step);
      break;
    case 'UnaryExpr':
    case 'ParenExpr':
    case 'SubqueryExpr':
    case 'StepInvariantExpr':
      e.expr = foldQueryContextFunctions(e.expr, start, end, step);
      break;
    default:
  }
  return e;
}

/** PreprocessExpr: fold, resolve durations, then wrap step-invariant parts. */
export function preprocessExpr(expr: Expr, start: number, end: number, step: number): Expr {
  const folded = foldQueryContextFunctions(expr, start, end, step);
  resolveDurations(folded, step, end - start);
  const [, shouldWrap] = preprocessHelper(folded, start, end);
  return shouldWrap ? wrap(folded) : folded;
}

function wrap(e: Expr): Expr {
  return { kind: 'StepInvariantExpr', expr: e };
}

function unwrapParens(e: Expr): Expr {
  while (e.kind === 'ParenExpr') e = e.expr;
  return e;
}

/** Returns [isStepInvariant, shouldWrap] for e, wrapping invariant children in place. */
function preprocessHelper(e: Expr, start: number, end: number): [boolean, boolean] {
  switch (e.kind) {
    case 'VectorSelector':
      resolveAtStartEnd(e, start, end);
      return [e.timestamp !== null, e.timestamp !== null];
    case 'AggregateExpr':
      e.expr = unwrapParens(e.expr);
      if (e.param) e.param = unwrapParens(e.param);
      return preprocessHelper(e.expr, start, end);
    case 'BinaryExpr': {
      const [invL, wrapL] = preprocessHelper(e.lhs, start, end);
      const [invR, wrapR] = preprocessHelper(e.rhs, start, end);
      if (invL && invR) return [true, true];
      if (wrapL) e.lhs = wrap(e.lhs);
      if (wrapR) e.rhs = wrap(e.rhs);
      return [false, false];
    }
    case 'Call':
      return preprocessCall(e, start, end);
    case 'MatrixSelector': {
      const [inv] = preprocessHelper(e.vectorSelector, start, end);
      return [inv, false];
    }
    case 'SubqueryExpr': {
      const [inv] = preprocessHelper(e.expr, start, end);
      if (inv) e.expr = wrap(e.expr);
      resolveAtStartEnd(e, start, end);
      return [e.timestamp !== null, false];
    }
    case 'ParenExpr':
    case 'UnaryExpr':
      return preprocessHelper(e.expr, start, end);
    case 'StringLiteral':
    case 'NumberLiteral':
    case 'DurationExpr':
      return [true, false];
    case 'StepInvariantExpr':
      return [true, false];
  }
}

function preprocessCall(e: Extract<Expr, { kind: 'Call' }>, start: number, end: number): [boolean, boolean] {
  let isInvariant = !AT_MODIFIER_UNSAFE_FUNCTIONS.has(e.func.name);
  let timestampSafe = e.func.name === 'timestamp';
  const shouldWrap: boolean[] = [];
  for (let i = 0; i < e.args.length; i++) {
    const a = unwrapParens(e.args[i] as Expr);
    e.args[i] = a;
    const [inv, w] = preprocessHelper(a, start, end);
    shouldWrap.push(w);
    isInvariant = isInvariant && inv;
    if (!inv || a.kind !== 'VectorSelector') timestampSafe = false;
  }
  if (isInvariant || timestampSafe) return [true, true];
  for (let i = 0; i < shouldWrap.length; i++) if (shouldWrap[i]) e.args[i] = wrap(e.args[i] as Expr);
  return [false, false];
}

function resolveAtStartEnd(n: VectorSelector | SubqueryExpr, start: number, end: number): void {
  if (n.startOrEnd === 'start') n.timestamp = start;
  else if (n.startOrEnd === 'end') n.timestamp = end;
}

/** Sum of offsets and ranges of the subqueries on a path; reset at a subquery with @. */
export function subqueryTimes(path: readonly Expr[]): { offset: number; range: number; ts: number | null } {
  let offset = 0;
  let range = 0;
  let ts: number | null = null;
  for (const n of path) {
    if (n.kind !== 'SubqueryExpr') continue;
    offset += n.originalOffset;
    range += n.range;
    if (n.timestamp !== null) {
      offset = n.originalOffset;
      range = n.range;
      ts = n.timestamp;
    }
  }
  return { offset, range, ts };
}

/** Sets the effective offset of selectors and subqueries for @, relative to evalTime. */
export function setOffsetForAtModifier(evalTime: number, expr: Expr): void {
  const getOffset = (ts: number | null, originalOffset: number, path: readonly Expr[]): number => {
    if (ts === null) return originalOffset;
    const sq = subqueryTimes(path);
    let subqOffset = sq.offset;
    if (sq.ts !== null) subqOffset += evalTime - sq.ts;
    return originalOffset + (evalTime - ts) - subqOffset;
  };
  inspect(expr, (n, path) => {
    switch (n.kind) {
      case 'VectorSelector':
        n.offset = getOffset(n.timestamp, n.originalOffset, path);
        break;
      case 'MatrixSelector':
        n.vectorSelector.offset = getOffset(n.vectorSelector.timestamp, n.vectorSelector.originalOffset, path);
        break;
      case 'SubqueryExpr':
        n.offset = getOffset(n.timestamp, n.originalOffset, path);
        break;
      default:
    }
  });
}

/** The [start, end] time range (ms) a selector reads (getTimeRangesForSelector). */
export function selectorTimeRange(
  q: { start: number; end: number; lookbackDelta: number },
  n: VectorSelector,
  path: readonly Expr[],
  evalRange: number,
): { start: number; end: number } {
  let start = q.start;
  let end = q.end;
  const sq = subqueryTimes(path);
  if (sq.ts !== null) {
    start = sq.ts;
    end = sq.ts;
  }
  if (n.timestamp !== null) {
    start = n.timestamp;
    end = n.timestamp;
  } else {
    start = start - sq.offset - sq.range;
    end -= sq.offset;
  }
  const lb = q.lookbackDelta;
  if (evalRange === 0) {
    start -= lb - 1;
    if (n.smoothed) end += lb;
  } else if (n.anchored) {
    start -= lb + evalRange - 1;
  } else if (n.smoothed) {
    start -= lb + evalRange - 1;
    end += lb;
  } else {
    start -= evalRange - 1;
  }
  start -= n.originalOffset;
  end -= n.originalOffset;
  return { start, end };
}

/** Visits every vector selector with its path and the range of an enclosing matrix selector. */
export function forEachSelector(expr: Expr, fn: (vs: VectorSelector, path: readonly Expr[], evalRange: number) => void): void {
  let evalRange = 0;
  inspect(expr, (n, path) => {
    if (n.kind === 'MatrixSelector') evalRange = n.range;
    else if (n.kind === 'VectorSelector') {
      fn(n, path, evalRange);
      evalRange = 0;
    }
  });
}

/** The last subquery step on a path (for select hints). */
export function lastSubqueryInterval(path: readonly Expr[], noStepFn: (rangeMs: number) => number): number {
  let interval = 0;
  for (const n of path) if (n.kind === 'SubqueryExpr') interval = n.step !== 0 ? n.step : noStepFn(n.range);
  return interval;
}
