/**
 * Token stream, error list and options shared by the parts of the recursive-descent parser.
 * Semantic errors are collected and parsing goes on; a syntax error records its message and
 * aborts the parse with a SyntaxAbort (the first error is the one users see, as upstream).
 */
import type { PositionRange } from './ast.js';
import { ParseError } from './errors.js';
import { Lexer } from './lexer.js';
import { describeToken, T, type Token } from './token.js';

export interface ParserOptions {
  enableExperimentalFunctions?: boolean;
  experimentalDurationExpr?: boolean;
  enableExtendedRangeSelectors?: boolean;
  enableBinopFillModifiers?: boolean;
}

/** Thrown to unwind the parser after a syntax error has been recorded. */
export class SyntaxAbort {
  readonly aborted = true;
}

/** Deepest syntactic nesting accepted (parentheses, calls, unary chains, ...). */
export const MAX_NESTING = 1000;

export class ParserState {
  readonly input: string;
  readonly opts: Required<ParserOptions>;
  readonly lexer: Lexer;
  readonly errors: ParseError[] = [];
  /** Enclosing aggregations being parsed: syntax errors then read "... in aggregation". */
  aggregationDepth = 0;
  /** Current syntactic nesting. */
  nesting = 0;
  private lookahead: Token[] = [];
  private last: Token | null = null;

  constructor(input: string, opts: ParserOptions = {}) {
    this.input = input;
    this.opts = {
      enableExperimentalFunctions: opts.enableExperimentalFunctions === true,
      experimentalDurationExpr: opts.experimentalDurationExpr === true,
      enableExtendedRangeSelectors: opts.enableExtendedRangeSelectors === true,
      enableBinopFillModifiers: opts.enableBinopFillModifiers === true,
    };
    this.lexer = new Lexer(input);
  }

  private pull(): Token {
    for (;;) {
      const tok = this.lexer.nextToken();
      if (tok.type === T.COMMENT) continue;
      if (tok.type === T.ERROR) {
        this.errors.push(new ParseError({ start: tok.pos, end: this.input.length }, tok.val, this.input));
      }
      return tok;
    }
  }

  /** The k-th upcoming token (0 = next), comments skipped. */
  peek(k = 0): Token {
    while (this.lookahead.length <= k) {
      const prev = this.lookahead[this.lookahead.length - 1];
      if (prev !== undefined && (prev.type === T.EOF || prev.type === T.ERROR)) {
        this.lookahead.push(prev);
        continue;
      }
      this.lookahead.push(this.pull());
    }
    return this.lookahead[k] as Token;
  }

  peekType(k = 0): T {
    return this.peek(k).type;
  }

  /** Consumes and returns the next token. */
  next(): Token {
    const tok = this.peek();
    this.lookahead.shift();
    this.last = tok;
    return tok;
  }

  /** End offset of the last consumed token. */
  get lastEnd(): number {
    return this.last === null ? 0 : this.last.pos + this.last.val.length;
  }

  /** True at the end of input (a lexing error also ends the input). */
  atEnd(): boolean {
    const t = this.peekType();
    return t === T.EOF || t === T.ERROR;
  }

  addError(range: PositionRange, msg: string): void {
    this.errors.push(new ParseError(range, msg, this.input));
  }

  /**
   * Reports the next token as unexpected ("unexpected X in context, expected Y") and aborts.
   * A lexing error has already been reported, so it is not reported twice.
   */
  unexpected(context: string, expected: string): never {
    const tok = this.peek();
    if (tok.type !== T.ERROR) {
      let msg = `unexpected ${describeToken(tok)}`;
      if (context !== '') msg += ` in ${context}`;
      if (expected !== '') msg += `, expected ${expected}`;
      this.addError(tokenRange(tok), msg);
    }
    throw new SyntaxAbort();
  }

  /** Unexpected token in expression position: no context, or "in aggregation" inside one. */
  unexpectedInExpr(): never {
    return this.unexpected(this.aggregationDepth > 0 ? 'aggregation' : '', '');
  }

  /** Consumes a token of the given type, or reports the next one as unexpected. */
  expect(type: T, context: string, expected: string): Token {
    if (this.peekType() !== type) this.unexpected(context, expected);
    return this.next();
  }

  enter(): void {
    if (++this.nesting > MAX_NESTING) {
      const tok = this.peek();
      this.addError(tokenRange(tok), `expression nested too deeply (more than ${MAX_NESTING} levels)`);
      throw new SyntaxAbort();
    }
  }

  leave(): void {
    this.nesting--;
  }
}

export function tokenRange(tok: Token): PositionRange {
  return { start: tok.pos, end: tok.pos + tok.val.length };
}
