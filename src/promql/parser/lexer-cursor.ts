/**
 * Character-level scanning shared by the lexer's states: the cursor over the input, token
 * emission, and the number, duration and quoted-string scanners.
 */
import { goQuoteRune, goRuneU } from '../../model/strconv/index.js';
import { T, type Token } from './token.js';

export const EOF = -1;

export function isSpaceRune(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0a || r === 0x0d;
}
export function isDigitRune(r: number): boolean {
  return r >= 0x30 && r <= 0x39;
}
export function isAlphaRune(r: number): boolean {
  return r === 0x5f || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a);
}
export function isAlphaNumericRune(r: number): boolean {
  return isAlphaRune(r) || isDigitRune(r);
}
/** Go's %q of a rune read by the lexer (EOF reads as the replacement character). */
export function quoteR(r: number): string {
  return goQuoteRune(r === EOF ? 0xfffd : r);
}

const DECIMAL = '0123456789';
const HEXDIGITS = '0123456789abcdefABCDEF';

export class LexerCursor {
  readonly input: string;
  /** Lexing a series description (promqltest load lines) rather than an expression. */
  seriesDesc = false;
  protected pos = 0;
  protected start = 0;
  protected width = 0;
  protected item: Token | null = null;

  constructor(input: string) {
    this.input = input;
  }

  protected next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) as number;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }
  protected peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }
  protected backup(): void {
    this.pos -= this.width;
  }
  protected emit(type: T): void {
    this.item = { type, pos: this.start, val: this.input.slice(this.start, this.pos) };
    this.start = this.pos;
  }
  protected ignore(): void {
    this.start = this.pos;
  }
  protected accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }
  protected is(valid: string): boolean {
    const r = this.peek();
    return r !== EOF && valid.includes(String.fromCodePoint(r));
  }
  protected acceptRun(valid: string): void {
    while (this.accept(valid)) {
      // consume
    }
  }
  protected errorf(msg: string): null {
    this.item = { type: T.ERROR, pos: this.start, val: msg };
    return null;
  }
  protected skipSpaces(): void {
    while (isSpaceRune(this.peek())) this.next();
    this.ignore();
  }

  /** Scans decimal, hex or float syntax; the text is validated later by the parser. */
  protected scanNumber(): boolean {
    const initial = this.pos;
    let digits = DECIMAL;
    if (!this.seriesDesc && this.accept('0') && this.accept('xX')) {
      this.accept('_');
      digits = HEXDIGITS;
    }
    this.accept('.');
    this.accept(digits);
    let dot = false;
    let exp = false;
    while (this.is(digits + '._eE')) {
      if (this.is('.') && dot) {
        this.accept('.');
        return false;
      }
      if (this.is('eE') && exp) {
        this.accept('eE');
        return false;
      }
      if (this.accept('.')) {
        dot = true;
        if (this.accept('_.') || digits.length > 10) return false;
        continue;
      }
      if (this.accept('eE')) {
        exp = true;
        this.accept('+-');
        if (this.accept('._eE') || this.peek() === EOF) return false;
        continue;
      }
      if (this.accept('_')) {
        if (this.accept('._eE') || this.peek() === EOF) return false;
        continue;
      }
      this.acceptRun(digits);
    }
    if (this.pos === initial) return false;
    const r = this.peek();
    return (this.seriesDesc && r === 0x78) || !isAlphaNumericRune(r);
  }

  protected acceptRemainingDuration(): boolean {
    if (!this.accept('smhdwy')) return false;
    this.accept('s');
    while (this.accept(DECIMAL)) {
      while (this.accept(DECIMAL)) {
        // digits
      }
      if (!this.accept('smhdw')) return false;
      this.accept('s');
    }
    return !isAlphaNumericRune(this.next());
  }

  /** Scans a quoted string whose opening quote was just read; emits STRING or an ERROR. */
  protected scanString(quote: number): void {
    const raw = quote === 0x60;
    for (;;) {
      const r = this.next();
      if (!raw && r === 0x5c) {
        const err = this.scanEscape(quote);
        if (err !== null) {
          this.errorf(err);
          return;
        }
        continue;
      }
      if (r === 0xfffd || (r >= 0xd800 && r <= 0xdfff)) {
        this.errorf('invalid UTF-8 rune');
        return;
      }
      if (r === EOF || (!raw && r === 0x0a)) {
        this.errorf(raw ? 'unterminated raw string' : 'unterminated quoted string');
        return;
      }
      if (r === quote) break;
    }
    this.emit(T.STRING);
  }

  /** Checks one escape sequence after a backslash; returns the error text, or null. */
  private scanEscape(quote: number): string | null {
    let ch = this.next();
    let n: number;
    let base: number;
    let max: number;
    if (ch !== EOF && ('abfnrtv\\'.includes(String.fromCodePoint(ch)) || ch === quote)) return null;
    if (ch >= 0x30 && ch <= 0x37) {
      [n, base, max] = [3, 8, 255];
    } else if (ch === 0x78) {
      ch = this.next();
      [n, base, max] = [2, 16, 255];
    } else if (ch === 0x75 || ch === 0x55) {
      n = ch === 0x75 ? 4 : 8;
      ch = this.next();
      [base, max] = [16, 0x10ffff];
    } else if (ch === EOF) {
      return 'escape sequence not terminated';
    } else {
      return `unknown escape sequence ${goRuneU(ch)}`;
    }
    let x = 0;
    while (n > 0) {
      const d = digitVal(ch);
      if (d >= base) return ch === EOF ? 'escape sequence not terminated' : `illegal character ${goRuneU(ch)} in escape sequence`;
      x = x * base + d;
      n--;
      if (n > 0) ch = this.next();
    }
    if (x > max || (x >= 0xd800 && x < 0xe000)) return 'escape sequence is an invalid Unicode code point';
    return null;
  }
}

function digitVal(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  if (ch >= 0x61 && ch <= 0x66) return ch - 0x61 + 10;
  if (ch >= 0x41 && ch <= 0x46) return ch - 0x41 + 10;
  return 16;
}
