/**
 * The PromQL lexer: a state machine producing one token per call, with the same token
 * boundaries, modes (inside braces, inside brackets, series descriptions, histograms) and
 * error texts as upstream's lexer. A lexing error yields one ERROR token, then EOF forever.
 */
import { goQuote } from '../../model/strconv/index.js';
import { EOF, isAlphaNumericRune, isAlphaRune, isDigitRune, isSpaceRune, LexerCursor, quoteR } from './lexer-cursor.js';
import { COUNTER_RESET_HINTS, DURATION_KEYWORDS, HISTOGRAM_DESCRIPTORS, KEYWORDS, T, type Token } from './token.js';

enum S {
  Statements,
  InsideBraces,
  DurationExpr,
  ValueSequence,
  Histogram,
  Buckets,
  HistogramDescriptor,
  KeywordOrIdentifier,
  Identifier,
  NumberOrDuration,
  Number,
  Space,
  LineComment,
}

enum HistState {
  None,
  Open,
  Mul,
  Add,
  Sub,
}

function isDurationKeywordStart(r: number): boolean {
  const c = r | 0x20;
  return c === 0x73 || c === 0x72 || c === 0x6d; // s(tep), r(ange), m(ax_of/min_of)
}
export class Lexer extends LexerCursor {
  private state: S | null = S.Statements;
  private parenDepth = 0;
  private braceOpen = false;
  private bracketOpen = false;
  private gotColon = false;
  private gotDuration = false;
  private histState = HistState.None;

  /** The next token; comments are returned too (the parser skips them). */
  nextToken(): Token {
    this.item = null;
    let tok = this.scanned();
    while (tok === null) {
      if (this.state === null) {
        this.start = this.pos;
        this.emit(T.EOF);
      } else {
        this.state = this.step(this.state);
      }
      tok = this.scanned();
    }
    if (tok.type === T.ERROR) this.state = null;
    return tok;
  }

  private scanned(): Token | null {
    return this.item;
  }

  /** Start offset of the token being scanned (where a lexing error is reported). */
  get tokenStart(): number {
    return this.start;
  }

  private step(s: S): S | null {
    switch (s) {
      case S.Statements: return this.lexStatements();
      case S.InsideBraces: return this.lexInsideBraces();
      case S.DurationExpr: return this.lexDurationExpr();
      case S.ValueSequence: return this.lexValueSequence();
      case S.Histogram: return this.lexHistogram();
      case S.Buckets: return this.lexBuckets();
      case S.HistogramDescriptor: return this.lexHistogramDescriptor();
      case S.KeywordOrIdentifier: return this.lexKeywordOrIdentifier();
      case S.Identifier: return this.lexIdentifier();
      case S.NumberOrDuration: return this.lexNumberOrDuration();
      case S.Number: return this.lexNumber();
      case S.Space: return this.lexSpace();
      case S.LineComment: return this.lexLineComment();
    }
  }

  private lexStatements(): S | null {
    if (this.histState !== HistState.None) return S.Histogram;
    if (this.braceOpen) return S.InsideBraces;
    if (this.input.startsWith('#', this.pos)) return S.LineComment;
    const r = this.next();
    if (r === EOF) {
      if (this.parenDepth !== 0) return this.errorf('unclosed left parenthesis');
      if (this.bracketOpen) return this.errorf('unclosed left bracket');
      this.emit(T.EOF);
      return null;
    }
    if (isSpaceRune(r)) return S.Space;
    if (isDigitRune(r) || (r === 0x2e && isDigitRune(this.peek()))) {
      this.backup();
      return S.NumberOrDuration;
    }
    if (isAlphaRune(r) || r === 0x3a) return this.lexWordInStatements(r);
    switch (String.fromCharCode(r)) {
      case ',': this.emit(T.COMMA); break;
      case '*': this.emit(T.MUL); break;
      case '/': this.emit(T.DIV); break;
      case '%': this.emit(T.MOD); break;
      case '+': this.emit(T.ADD); break;
      case '-': this.emit(T.SUB); break;
      case '^': this.emit(T.POW); break;
      case '@': this.emit(T.AT); break;
      case '=': return this.lexEquals();
      case '!': {
        const t = this.next();
        if (t !== 0x3d) return this.errorf(`unexpected character after '!': ${quoteR(t)}`);
        this.emit(T.NEQ);
        break;
      }
      case '<': this.emit(this.accept('=') ? T.LTE : this.accept('/') ? T.TRIM_UPPER : T.LSS); break;
      case '>': this.emit(this.accept('=') ? T.GTE : this.accept('/') ? T.TRIM_LOWER : T.GTR); break;
      case '"': case "'": case '`': this.scanString(r); break;
      case '(': this.emit(T.LEFT_PAREN); this.parenDepth++; break;
      case ')':
        this.emit(T.RIGHT_PAREN);
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf(`unexpected right parenthesis ${quoteR(r)}`);
        break;
      case '{': this.emit(T.LEFT_BRACE); this.braceOpen = true; return S.InsideBraces;
      case '[':
        if (this.bracketOpen) return this.errorf(`unexpected left bracket ${quoteR(r)}`);
        this.gotColon = false;
        this.emit(T.LEFT_BRACKET);
        this.skipSpaces();
        this.bracketOpen = true;
        return S.DurationExpr;
      case ']':
        if (!this.bracketOpen) return this.errorf(`unexpected right bracket ${quoteR(r)}`);
        this.emit(T.RIGHT_BRACKET);
        this.bracketOpen = false;
        break;
      default: return this.errorf(`unexpected character: ${quoteR(r)}`);
    }
    return S.Statements;
  }

  private lexEquals(): S | null {
    const t = this.peek();
    if (t === 0x3d) {
      this.next();
      this.emit(T.EQLC);
    } else if (t === 0x7e) {
      return this.errorf(`unexpected character after '=': ${quoteR(t)}`);
    } else {
      this.emit(T.EQL);
    }
    return S.Statements;
  }

  /** A letter or colon at statement level: an identifier, or inside brackets a colon / step() etc. */
  private lexWordInStatements(r: number): S | null {
    if (!this.bracketOpen) {
      this.backup();
      return S.KeywordOrIdentifier;
    }
    if (r === 0x3a) {
      if (this.gotColon) return this.errorf(`unexpected colon ${quoteR(r)}`);
      this.emit(T.COLON);
      this.gotColon = true;
      return S.Statements;
    }
    if (isDurationKeywordStart(r) && this.scanDurationKeyword()) return S.Statements;
    return this.errorf(`unexpected character: ${quoteR(r)}, expected ${quoteR(0x3a)}`);
  }

  private lexInsideBraces(): S | null {
    if (this.input.startsWith('#', this.pos)) return S.LineComment;
    const r = this.next();
    if (r === EOF) return this.errorf('unexpected end of input inside braces');
    if (isSpaceRune(r)) return S.Space;
    if (isAlphaRune(r)) {
      this.backup();
      return S.Identifier;
    }
    switch (String.fromCharCode(r)) {
      case ',': this.emit(T.COMMA); break;
      case '"': case "'": case '`': this.scanString(r); return S.Statements;
      case '=':
        if (this.next() === 0x7e) {
          this.emit(T.EQL_REGEX);
        } else {
          this.backup();
          this.emit(T.EQL);
        }
        break;
      case '!': {
        const nr = this.next();
        if (nr === 0x7e) this.emit(T.NEQ_REGEX);
        else if (nr === 0x3d) this.emit(T.NEQ);
        else return this.errorf(`unexpected character after '!' inside braces: ${quoteR(nr)}`);
        break;
      }
      case '{': return this.errorf(`unexpected left brace ${quoteR(r)}`);
      case '}':
        this.emit(T.RIGHT_BRACE);
        this.braceOpen = false;
        return this.seriesDesc ? S.ValueSequence : S.Statements;
      default: return this.errorf(`unexpected character inside braces: ${quoteR(r)}`);
    }
    return S.InsideBraces;
  }

  private lexDurationExpr(): S | null {
    const r = this.next();
    if (r === EOF) return this.errorf('unexpected end of input in duration expression');
    if (isSpaceRune(r)) {
      this.skipSpaces();
      return S.DurationExpr;
    }
    if (isDurationKeywordStart(r)) {
      if (this.scanDurationKeyword()) return S.DurationExpr;
      return this.errorf(`unexpected character in duration expression: ${quoteR(r)}`);
    }
    if (isDigitRune(r) || (r === 0x2e && isDigitRune(this.peek()))) {
      this.backup();
      this.gotDuration = true;
      return S.NumberOrDuration;
    }
    const simple: Record<string, T> = { '+': T.ADD, '-': T.SUB, '*': T.MUL, '/': T.DIV, '%': T.MOD, '^': T.POW, ',': T.COMMA };
    const c = String.fromCodePoint(r);
    const op = simple[c];
    if (op !== undefined) {
      this.emit(op);
      return S.DurationExpr;
    }
    switch (c) {
      case ']':
        this.emit(T.RIGHT_BRACKET);
        this.bracketOpen = false;
        this.gotColon = false;
        return S.Statements;
      case ':':
        this.emit(T.COLON);
        if (!this.gotDuration) return this.errorf('unexpected colon before duration in duration expression');
        if (this.gotColon) return this.errorf('unexpected repeated colon in duration expression');
        this.gotColon = true;
        return S.DurationExpr;
      case '(':
        this.emit(T.LEFT_PAREN);
        this.parenDepth++;
        return S.DurationExpr;
      case ')':
        this.emit(T.RIGHT_PAREN);
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf(`unexpected right parenthesis ${quoteR(r)}`);
        return S.DurationExpr;
      default:
        return this.errorf(`unexpected character in duration expression: ${quoteR(r)}`);
    }
  }

  private scanDurationKeyword(): boolean {
    while (isAlphaRune(this.next())) {
      // absorb
    }
    this.backup();
    const tok = DURATION_KEYWORDS.get(this.input.slice(this.start, this.pos).toLowerCase());
    if (tok === undefined) return false;
    this.emit(tok);
    return true;
  }

  private lexValueSequence(): S | null {
    if (this.histState !== HistState.None) return S.Histogram;
    const r = this.next();
    if (r === EOF) return S.Statements;
    if (r === 0x7b && this.peek() === 0x7b) {
      this.histState = HistState.Open;
      this.next();
      this.emit(T.OPEN_HIST);
      return S.Histogram;
    }
    if (isSpaceRune(r)) {
      this.emit(T.SPACE);
      this.skipSpaces();
      return S.ValueSequence;
    }
    switch (r) {
      case 0x2b: this.emit(T.ADD); return S.ValueSequence;
      case 0x2d: this.emit(T.SUB); return S.ValueSequence;
      case 0x78: this.emit(T.TIMES); return S.ValueSequence;
      case 0x5f: this.emit(T.BLANK); return S.ValueSequence;
    }
    if (isDigitRune(r) || (r === 0x2e && isDigitRune(this.peek()))) {
      this.backup();
      this.lexNumber();
      return S.ValueSequence;
    }
    if (isAlphaRune(r)) {
      this.backup();
      return S.KeywordOrIdentifier;
    }
    return this.errorf(`unexpected character in series sequence: ${quoteR(r)}`);
  }

  private lexHistogram(): S | null {
    const pending: Partial<Record<HistState, T>> = { [HistState.Mul]: T.TIMES, [HistState.Add]: T.ADD, [HistState.Sub]: T.SUB };
    const op = pending[this.histState];
    if (op !== undefined) {
      this.histState = HistState.None;
      this.next();
      this.emit(op);
      return S.ValueSequence;
    }
    if (this.bracketOpen) return S.Buckets;
    const r = this.next();
    if (isSpaceRune(r)) {
      this.emit(T.SPACE);
      return S.Space;
    }
    if (isAlphaRune(r)) {
      this.backup();
      return S.HistogramDescriptor;
    }
    if (isDigitRune(r)) {
      this.backup();
      return S.Number;
    }
    switch (r) {
      case 0x3a: this.emit(T.COLON); return S.Histogram;
      case 0x2d: this.emit(T.SUB); return S.Histogram;
      case 0x5b:
        this.bracketOpen = true;
        this.gotColon = false;
        this.gotDuration = false;
        this.emit(T.LEFT_BRACKET);
        return S.Buckets;
    }
    if (r === 0x7d && this.peek() === 0x7d) {
      this.next();
      this.emit(T.CLOSE_HIST);
      const after = this.peek();
      this.histState = after === 0x78 ? HistState.Mul : after === 0x2b ? HistState.Add : after === 0x2d ? HistState.Sub : HistState.None;
      return this.histState === HistState.None ? S.ValueSequence : S.Histogram;
    }
    return this.errorf(`histogram description incomplete unexpected: ${quoteR(r)}`);
  }

  private lexHistogramDescriptor(): S | null {
    while (isAlphaRune(this.next())) {
      // absorb
    }
    this.backup();
    const word = this.input.slice(this.start, this.pos);
    const lower = word.toLowerCase();
    const desc = HISTOGRAM_DESCRIPTORS.get(lower);
    if (desc !== undefined) {
      if (this.peek() === 0x3a) {
        this.emit(desc);
        return S.Histogram;
      }
      return this.errorf('missing `:` for histogram descriptor');
    }
    if (KEYWORDS.get(lower) === T.NUMBER) {
      this.emit(T.NUMBER);
      return S.Histogram;
    }
    const hint = COUNTER_RESET_HINTS.get(lower);
    if (hint !== undefined) {
      this.emit(hint);
      return S.Histogram;
    }
    return this.errorf(`bad histogram descriptor found: ${goQuote(word)}`);
  }

  private lexBuckets(): S | null {
    const r = this.next();
    if (isSpaceRune(r)) {
      this.emit(T.SPACE);
      return S.Space;
    }
    if (r === 0x2d) {
      this.emit(T.SUB);
      return S.Number;
    }
    if (isDigitRune(r)) {
      this.backup();
      return S.Number;
    }
    if (r === 0x5d) {
      this.bracketOpen = false;
      this.emit(T.RIGHT_BRACKET);
      return S.Histogram;
    }
    if (isAlphaRune(r)) {
      if (KEYWORDS.get(this.input.slice(this.start, this.pos).toLowerCase()) === T.NUMBER) {
        this.emit(T.NUMBER);
        return S.Statements;
      }
      return S.Buckets;
    }
    return this.errorf(`invalid character in buckets description: ${quoteR(r)}`);
  }

  private lexKeywordOrIdentifier(): S | null {
    for (;;) {
      const r = this.next();
      if (isAlphaNumericRune(r) || r === 0x3a) continue;
      this.backup();
      break;
    }
    const word = this.input.slice(this.start, this.pos);
    const kw = KEYWORDS.get(word.toLowerCase());
    if (kw !== undefined) {
      const isFill = kw === T.FILL || kw === T.FILL_LEFT || kw === T.FILL_RIGHT;
      this.emit(isFill && !this.followedByLeftParen() ? T.IDENTIFIER : kw);
    } else {
      this.emit(word.includes(':') ? T.METRIC_IDENTIFIER : T.IDENTIFIER);
    }
    if (this.seriesDesc && this.peek() !== 0x7b) return S.ValueSequence;
    return S.Statements;
  }

  private followedByLeftParen(): boolean {
    for (let p = this.pos; p < this.input.length; p++) {
      const c = this.input.charCodeAt(p);
      if (!isSpaceRune(c)) return c === 0x28;
    }
    return false;
  }

  private lexIdentifier(): S | null {
    while (isAlphaNumericRune(this.next())) {
      // absorb
    }
    this.backup();
    this.emit(T.IDENTIFIER);
    return S.Statements;
  }

  private lexNumberOrDuration(): S | null {
    if (this.scanNumber()) {
      this.emit(T.NUMBER);
      return S.Statements;
    }
    if (this.acceptRemainingDuration()) {
      this.backup();
      this.emit(T.DURATION);
      return S.Statements;
    }
    return this.errorf(`bad number or duration syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
  }

  private lexNumber(): S | null {
    if (!this.scanNumber()) return this.errorf(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
    this.emit(T.NUMBER);
    return S.Statements;
  }

  /** Scans decimal, hex or float syntax; the text is validated later by the parser. */
  private lexSpace(): S {
    this.skipSpaces();
    return S.Statements;
  }

  private lexLineComment(): S {
    this.pos += 1;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a || r === 0x0d) break;
    }
    this.backup();
    this.emit(T.COMMENT);
    return S.Statements;
  }
}

