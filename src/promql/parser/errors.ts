/** Parse errors, formatted like upstream's ParseErr / ParseErrors. */
import { utf8Length } from '../../model/strconv/index.js';
import type { PositionRange } from './ast.js';

/**
 * line:col of a position (PositionRange.StartPosInput): lines count from 1, columns are
 * 1-based byte offsets in the line, as upstream computes them on the UTF-8 query.
 */
export function startPosInput(query: string, pos: number, lineOffset = 0): string {
  if (query === '') return 'unknown position';
  if (pos < 0 || pos > query.length) return 'invalid position';
  let line = lineOffset + 1;
  let lastBreak = -1;
  for (let i = 0; i < pos; i++) {
    if (query.charCodeAt(i) === 10) {
      lastBreak = i;
      line++;
    }
  }
  const col = utf8Length(query.slice(lastBreak + 1, pos)) + 1;
  return `${line}:${col}`;
}

/** One parse error: the position range in the query and upstream's message text. */
export class ParseError extends Error {
  override name = 'ParseError';
  readonly positionRange: PositionRange;
  /** The bare error text, without position (upstream ParseErr.Err). */
  readonly err: string;
  readonly query: string;
  /** Extra lines to add to the reported line number (test files). */
  lineOffset: number;

  constructor(positionRange: PositionRange, err: string, query: string, lineOffset = 0) {
    super(`${startPosInput(query, positionRange.start, lineOffset)}: parse error: ${err}`);
    this.positionRange = positionRange;
    this.err = err;
    this.query = query;
    this.lineOffset = lineOffset;
  }

  /** The formatted error, recomputed (lineOffset may have been changed). */
  override toString(): string {
    return `${startPosInput(this.query, this.positionRange.start, this.lineOffset)}: parse error: ${this.err}`;
  }
}

/** All errors of one parse; `message` is the first one's, as upstream's ParseErrors.Error(). */
export class ParseErrors extends Error {
  override name = 'ParseErrors';
  readonly errors: ParseError[];

  constructor(errors: ParseError[]) {
    super(errors.length > 0 ? (errors[0] as ParseError).toString() : 'error contains no error message');
    this.errors = errors;
  }

  /** Adds a line offset to every error (used when a query sits inside a larger file). */
  withLineOffset(lineOffset: number): ParseErrors {
    return new ParseErrors(this.errors.map((e) => new ParseError(e.positionRange, e.err, e.query, lineOffset)));
  }
}
