/**
 * The text/template lexer: splits a template into text and action tokens (identifiers, fields,
 * variables, keywords, literals, `|`, `(`, `)`, `:=`, `=`, `,`), handling `{{-`/`-}}` trimming
 * and comments. Errors become an 'error' token carrying Go's message, as Go's lexer does.
 */
import { goQuote } from '../model/strconv/index.js';

export type TokenKind =
  | 'text' | 'leftDelim' | 'rightDelim' | 'identifier' | 'field' | 'variable' | 'keyword'
  | 'bool' | 'nil' | 'dot' | 'string' | 'rawString' | 'char' | 'number' | 'pipe' | 'leftParen'
  | 'rightParen' | 'declare' | 'assign' | 'comma' | 'space' | 'eof' | 'error';

export interface Token {
  kind: TokenKind;
  val: string;
  /** UTF-16 offset of the token in the template text. */
  pos: number;
  /** 1-based line the token starts on. */
  line: number;
}

export const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);

const LEFT = '{{';
const RIGHT = '}}';
const COMMENT_OPEN = '/*';
const COMMENT_CLOSE = '*/';

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && /^[\p{L}\p{Nd}_]$/u.test(c);
}

function countLines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

class Lexer {
  readonly tokens: Token[] = [];
  private pos = 0;
  private start = 0;
  private line = 1;
  private startLine = 1;
  private parenDepth = 0;
  private done = false;

  constructor(private readonly input: string) {}

  private emit(kind: TokenKind, val?: string): void {
    this.tokens.push({ kind, val: val ?? this.input.slice(this.start, this.pos), pos: this.start, line: this.startLine });
    this.ignore();
  }

  private ignore(): void {
    this.line += countLines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  private error(msg: string): void {
    this.tokens.push({ kind: 'error', val: msg, pos: this.start, line: this.startLine });
    this.done = true;
  }

  private peek(k = 0): string | undefined {
    return this.input[this.pos + k];
  }

  run(): Token[] {
    while (!this.done) this.lexText();
    return this.tokens;
  }

  private lexText(): void {
    const i = this.input.indexOf(LEFT, this.pos);
    if (i < 0) {
      this.pos = this.input.length;
      if (this.pos > this.start) this.emit('text');
      this.emit('eof');
      this.done = true;
      return;
    }
    this.pos = i;
    const trim = this.input[i + 2] === '-' && isSpace(this.input[i + 3]);
    let end = this.pos;
    if (trim) while (end > this.start && isSpace(this.input[end - 1])) end--;
    if (end > this.start) {
      const save = this.pos;
      this.pos = end;
      this.emit('text');
      this.pos = save;
    }
    this.ignore();
    this.lexLeftDelim(trim);
  }

  private lexLeftDelim(trim: boolean): void {
    this.pos += LEFT.length + (trim ? 2 : 0);
    if (this.input.startsWith(COMMENT_OPEN, this.pos)) {
      this.ignore();
      this.lexComment();
      return;
    }
    this.tokens.push({ kind: 'leftDelim', val: LEFT, pos: this.start, line: this.startLine });
    this.ignore();
    this.parenDepth = 0;
    this.lexInsideAction();
  }

  private lexComment(): void {
    const close = this.input.indexOf(COMMENT_CLOSE, this.pos + COMMENT_OPEN.length);
    if (close < 0) return this.error('unclosed comment');
    this.pos = close + COMMENT_CLOSE.length;
    const [delim, trim] = this.atRightDelim();
    if (!delim) return this.error('comment ends before closing delimiter');
    this.pos += (trim ? 2 : 0) + RIGHT.length;
    if (trim) this.skipSpaceAfter();
    this.ignore();
  }

  private skipSpaceAfter(): void {
    while (isSpace(this.input[this.pos])) this.pos++;
  }

  /** [at a right delimiter, with a trim marker] */
  private atRightDelim(): [boolean, boolean] {
    if (isSpace(this.peek()) && this.peek(1) === '-' && this.input.startsWith(RIGHT, this.pos + 2)) return [true, true];
    return [this.input.startsWith(RIGHT, this.pos), false];
  }

  private lexInsideAction(): void {
    for (;;) {
      const [delim, trim] = this.atRightDelim();
      if (delim) {
        if (this.parenDepth > 0) return this.error('unclosed left paren');
        if (trim) this.pos += 2;
        this.ignore();
        this.pos += RIGHT.length;
        this.emit('rightDelim');
        if (trim) {
          this.skipSpaceAfter();
          this.ignore();
        }
        return;
      }
      const c = this.peek();
      if (c === undefined) return this.error('unclosed action');
      if (!this.lexActionItem(c)) return;
    }
  }

  /** One item inside an action; false when lexing stopped with an error. */
  private lexActionItem(c: string): boolean {
    if (isSpace(c)) {
      while (isSpace(this.peek()) && !this.atRightDelim()[1]) this.pos++;
      this.emit('space');
      return true;
    }
    this.pos++;
    switch (c) {
      case '=': this.emit('assign'); return true;
      case ':':
        if (this.peek() !== '=') {
          this.error('expected :=');
          return false;
        }
        this.pos++;
        this.emit('declare');
        return true;
      case '|': this.emit('pipe'); return true;
      case ',': this.emit('comma'); return true;
      case '"': return this.lexQuote();
      case '`': return this.lexRawQuote();
      case "'": return this.lexChar();
      case '$': return this.lexVariable();
      case '(':
        this.parenDepth++;
        this.emit('leftParen');
        return true;
      case ')':
        this.parenDepth--;
        if (this.parenDepth < 0) {
          this.error('unexpected right paren');
          return false;
        }
        this.emit('rightParen');
        return true;
      case '.': {
        const n = this.peek();
        if (n === undefined || n < '0' || n > '9') return this.lexField();
        this.pos--;
        return this.lexNumber();
      }
    }
    if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      this.pos--;
      return this.lexNumber();
    }
    if (isAlnum(c)) {
      this.pos--;
      return this.lexIdentifier();
    }
    const cp = c.codePointAt(0) as number;
    this.error(`unrecognized character in action: U+${cp.toString(16).toUpperCase().padStart(4, '0')}${cp >= 0x20 && cp !== 0x7f && !/\s/u.test(c) ? ` '${c}'` : ''}`);
    return false;
  }

  private lexQuote(): boolean {
    for (;;) {
      const c = this.input[this.pos++];
      if (c === '\\') {
        const n = this.input[this.pos];
        if (n !== undefined && n !== '\n') {
          this.pos++;
          continue;
        }
      }
      if (c === undefined || c === '\n' || c === '\\') {
        this.error('unterminated quoted string');
        return false;
      }
      if (c === '"') break;
    }
    this.emit('string');
    return true;
  }

  private lexRawQuote(): boolean {
    const end = this.input.indexOf('`', this.pos);
    if (end < 0) {
      this.error('unterminated raw quoted string');
      return false;
    }
    this.pos = end + 1;
    this.emit('rawString');
    return true;
  }

  private lexChar(): boolean {
    for (;;) {
      const c = this.input[this.pos++];
      if (c === '\\') {
        const n = this.input[this.pos];
        if (n !== undefined && n !== '\n') {
          this.pos++;
          continue;
        }
      }
      if (c === undefined || c === '\n' || c === '\\') {
        this.error('unterminated character constant');
        return false;
      }
      if (c === "'") break;
    }
    this.emit('char');
    return true;
  }

  private scanAlnum(): void {
    for (;;) {
      const cp = this.input.codePointAt(this.pos);
      if (cp === undefined) return;
      const ch = String.fromCodePoint(cp);
      if (!isAlnum(ch)) return;
      this.pos += ch.length;
    }
  }

  private lexVariable(): boolean {
    if (this.atTerminator()) {
      this.emit('variable');
      return true;
    }
    this.scanAlnum();
    return this.finishWord('variable');
  }

  private lexField(): boolean {
    if (this.atTerminator()) {
      this.emit('dot');
      return true;
    }
    this.scanAlnum();
    return this.finishWord('field');
  }

  private lexIdentifier(): boolean {
    this.scanAlnum();
    const word = this.input.slice(this.start, this.pos);
    if (!this.atTerminator()) {
      this.error(`bad character U+${(this.input.codePointAt(this.pos) ?? 0).toString(16).toUpperCase().padStart(4, '0')} '${String.fromCodePoint(this.input.codePointAt(this.pos) ?? 0)}'`);
      return false;
    }
    if (KEYWORDS.has(word)) this.emit('keyword');
    else if (word === 'true' || word === 'false') this.emit('bool');
    else if (word === 'nil') this.emit('nil');
    else if (word === '.') this.emit('dot');
    else this.emit('identifier');
    return true;
  }

  private finishWord(kind: TokenKind): boolean {
    if (!this.atTerminator()) {
      const cp = this.input.codePointAt(this.pos) ?? 0;
      this.error(`bad character U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${String.fromCodePoint(cp)}'`);
      return false;
    }
    this.emit(kind);
    return true;
  }

  private atTerminator(): boolean {
    const c = this.peek();
    if (c === undefined || isSpace(c)) return true;
    if ('.,|:)('.includes(c)) return true;
    return this.input.startsWith(RIGHT, this.pos);
  }

  private lexNumber(): boolean {
    if (!this.scanNumber()) {
      this.error(`bad number syntax: ${goQuote(this.input.slice(this.start, this.pos))}`);
      return false;
    }
    this.emit('number');
    return true;
  }

  private accept(chars: string): boolean {
    const c = this.peek();
    if (c !== undefined && chars.includes(c)) {
      this.pos++;
      return true;
    }
    return false;
  }

  private acceptRun(chars: string): void {
    while (this.accept(chars));
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 11 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 23 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    const c = this.peek();
    if (isAlnum(c)) {
      this.pos++;
      return false;
    }
    return true;
  }
}

/** Lexes a whole template into tokens ending with 'eof' or 'error'. */
export function lex(input: string): Token[] {
  return new Lexer(input).run();
}
