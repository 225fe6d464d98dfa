/**
 * Entry points of the PromQL parser: expressions, metric selectors, metrics and durations.
 * All failures are thrown as ParseErrors whose message is upstream's first error.
 */
import { Labels, type Matcher } from '../../model/labels/index.js';
import { goQuote, NumError, parseGoFloat } from '../../model/strconv/index.js';
import { children, type Expr } from './ast.js';
import { checkAST } from './check.js';
import { DurationError, parseModelDuration, secondsToMsTruncated } from './duration.js';
import { ParseError, ParseErrors } from './errors.js';
import { parseExpr as parseExpression } from './expr-parser.js';
import { ParserState, SyntaxAbort, type ParserOptions } from './parser-state.js';
import { positionRange } from './position.js';
import { parseMetricLabels, parseVectorSelector } from './selector-parser.js';
import { T } from './token.js';

export type { ParserOptions };

/** Deepest expression tree accepted (keeps evaluation and printing off the stack limit). */
export const MAX_AST_DEPTH = 2000;

/** Runs a parse, turning every failure (including internal ones) into ParseErrors. */
export function runParse<R>(p: ParserState, body: () => R | undefined): R {
  let result: R | undefined;
  try {
    result = body();
  } catch (e) {
    if (!(e instanceof SyntaxAbort)) {
      if (e instanceof ParseErrors) throw e;
      const detail = e instanceof RangeError ? 'expression too complex' : 'unexpected error';
      p.errors.push(new ParseError({ start: 0, end: 0 }, detail, p.input));
    }
  }
  if (p.errors.length > 0 || result === undefined) throw new ParseErrors(p.errors);
  return result;
}

/** Expects the end of input after a complete parse. */
function expectEnd(p: ParserState): void {
  if (!p.atEnd()) p.unexpected('', '');
}

function astDepthExceeds(root: Expr, max: number): Expr | null {
  const stack: Array<[Expr, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop() as [Expr, number];
    if (d > max) return e;
    for (const c of children(e)) stack.push([c, d + 1]);
  }
  return null;
}

/** Parses and type-checks a PromQL expression (upstream ParseExpr). */
export function parseExpr(input: string, opts?: ParserOptions): Expr {
  const p = new ParserState(input, opts);
  return runParse(p, () => {
    if (p.peekType() === T.EOF) {
      p.addError({ start: 0, end: 0 }, 'no expression found in input');
      return undefined;
    }
    const expr = parseExpression(p);
    expectEnd(p);
    if (p.errors.length > 0) return expr;
    const deep = astDepthExceeds(expr, MAX_AST_DEPTH);
    if (deep !== null) {
      p.addError(positionRange(deep), `expression nested too deeply (more than ${MAX_AST_DEPTH} levels)`);
      return expr;
    }
    checkAST(p, expr);
    return expr;
  });
}

/** Parses a series selector such as `foo{a="b"}` into its matchers (upstream ParseMetricSelector). */
export function parseMetricSelector(input: string): Matcher[] {
  const p = new ParserState(input);
  return runParse(p, () => {
    const vs = parseVectorSelector(p);
    expectEnd(p);
    return vs.labelMatchers;
  });
}

/** Parses a metric such as `foo{a="b"}` into its labels (upstream ParseMetric). */
export function parseMetric(input: string): Labels {
  const p = new ParserState(input);
  return runParse(p, () => {
    const labels = parseMetricLabels(p);
    expectEnd(p);
    return labels;
  });
}

/**
 * A duration in milliseconds: a float number of seconds ("1.5", "30") or a Prometheus duration
 * ("1h30m", "500ms", "1d"). Throws DurationError with the upstream text when it is neither.
 */
export function parseDuration(s: string): number {
  try {
    const seconds = parseGoFloat(s);
    if (!Number.isFinite(seconds) || Math.abs(seconds) > 9223372036.854775) {
      throw new DurationError(`cannot parse ${goQuote(s)} to a valid duration. It overflows int64`);
    }
    return secondsToMsTruncated(seconds);
  } catch (e) {
    if (!(e instanceof NumError)) throw e;
  }
  return parseModelDuration(s);
}
