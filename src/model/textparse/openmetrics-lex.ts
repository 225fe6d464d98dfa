/**
 * The OpenMetrics 1.0 text lexer (upstream openmetricslex.l): single spaces are significant,
 * there is no whitespace token, comments other than HELP/TYPE/UNIT/EOF are invalid, and
 * exemplars follow " # {". No backtracking: a partial match ends in INVALID at the failing byte.
 */
import {
  C_LCONT,
  C_LSTART,
  C_MCONT,
  C_MSTART,
  CLASS,
  ParserBase,
  T_BCLOSE,
  T_BOPEN,
  T_COMMA,
  T_COMMENT,
  T_EOF,
  T_EOFWORD,
  T_EQUAL,
  T_HELP,
  T_INVALID,
  T_LINEBREAK,
  T_LNAME,
  T_LVALUE,
  T_MNAME,
  T_QSTRING,
  T_TEXT,
  T_TIMESTAMP,
  T_TYPE,
  T_UNIT,
  T_VALUE,
} from './parser-base.js';

export const S_INIT = 0;
export const S_COMMENT = 1;
export const S_META1 = 2;
export const S_META2 = 3;
export const S_LABELS = 4;
export const S_LVALUE = 5;
export const S_VALUE = 6;
export const S_TIMESTAMP = 7;
export const S_EXEMPLAR = 8;
export const S_EVALUE = 9;
export const S_ETIMESTAMP = 10;

/** [^ \n] as the lexer's DFA has it: anything but NUL, newline and space. */
function isValueChar(c: number): boolean {
  return c !== 0 && c !== 0x0a && c !== 0x20;
}

export abstract class OpenMetricsLexer extends ParserBase {
  private adv(i: number): number {
    i++;
    const s = this.state;
    if (s === S_LVALUE || s === S_META2 || s === S_COMMENT) {
      while (i < this.n && this.b[i] === 0) i++;
    }
    return i;
  }

  private cAt(i: number): number {
    return i < this.n ? (this.b[i] as number) : 0;
  }

  private tok(i: number, t: number, state?: number): number {
    this.i = i;
    if (state !== undefined) this.state = state;
    return t;
  }

  protected lex(): number {
    let i = this.i;
    if (i >= this.n) return T_EOF;
    this.tokStart = i;
    const c = this.b[i] as number;
    switch (this.state) {
      case S_INIT:
        if (c === 0x23) {
          i = this.adv(i);
          if (this.cAt(i) !== 0x20) return this.tok(i, T_INVALID);
          i = this.adv(i);
          this.state = S_COMMENT;
          return this.lexComment(i);
        }
        if (CLASS[c]! & C_MSTART) return this.tok(this.scanClass(i, C_MCONT), T_MNAME, S_VALUE);
        if (c === 0x7b) return this.tok(i + 1, T_BOPEN, S_LABELS);
        return this.tok(i, T_INVALID);
      case S_COMMENT:
        return this.lexComment(i);
      case S_META1:
        if (c === 0x22) return this.lexQuoted(i, true, T_MNAME, S_META2);
        if (CLASS[c]! & C_MSTART) return this.tok(this.scanClass(i, C_MCONT), T_MNAME, S_META2);
        return this.tok(i, T_INVALID);
      case S_META2:
        return this.lexMetaText(i, c);
      case S_LABELS:
      case S_EXEMPLAR:
        return this.lexLabels(i, c);
      case S_LVALUE:
        if (c === 0x22) return this.lexQuoted(i, false, T_LVALUE, S_LABELS);
        return this.tok(i, T_INVALID);
      case S_VALUE:
        if (c === 0x20) return this.lexSpaced(i, T_VALUE, S_TIMESTAMP);
        if (c === 0x7b) return this.tok(i + 1, T_BOPEN, S_LABELS);
        return this.tok(i, T_INVALID);
      case S_TIMESTAMP:
        if (c === 0x0a) return this.tok(i + 1, T_LINEBREAK, S_INIT);
        if (c === 0x20) return this.lexTimestampOrExemplar(i);
        return this.tok(i, T_INVALID);
      case S_EVALUE:
        if (c === 0x20) return this.lexSpaced(i, T_VALUE, S_ETIMESTAMP);
        if (c === 0x22) return this.lexQuoted(i, false, T_LVALUE, S_EXEMPLAR);
        return this.tok(i, T_INVALID);
      default: // S_ETIMESTAMP
        if (c === 0x20) return this.lexSpaced(i, T_TIMESTAMP);
        if (c === 0x0a) return this.tok(i + 1, T_LINEBREAK, S_INIT);
        return this.tok(i, T_INVALID);
    }
  }

  private scanClass(i: number, cls: number): number {
    i++;
    while (i < this.n && CLASS[this.b[i] as number]! & cls) i++;
    return i;
  }

  /** After "# ": HELP / TYPE / UNIT followed by one space, or EOF with an optional newline. */
  private lexComment(i: number): number {
    const c = this.cAt(i);
    let word: string;
    let t: number;
    if (c === 0x48) [word, t] = ['HELP', T_HELP];
    else if (c === 0x54) [word, t] = ['TYPE', T_TYPE];
    else if (c === 0x55) [word, t] = ['UNIT', T_UNIT];
    else if (c === 0x45) [word, t] = ['EOF', T_EOFWORD];
    else return this.tok(i, T_INVALID);
    for (let k = 1; k < word.length; k++) {
      i = this.adv(i);
      if (this.cAt(i) !== word.charCodeAt(k)) return this.tok(i, T_INVALID);
    }
    i = this.adv(i);
    if (t === T_EOFWORD) {
      if (this.cAt(i) === 0x0a && i < this.n) i = this.adv(i);
      return this.tok(i, T_EOFWORD, S_INIT);
    }
    if (this.cAt(i) !== 0x20) return this.tok(i, T_INVALID);
    return this.tok(this.adv(i), t, S_META1);
  }

  /** {S}{C}*\n : the leading space and the newline are part of the token. */
  private lexMetaText(i: number, c: number): number {
    if (c !== 0x20) return this.tok(i, T_INVALID);
    for (;;) {
      i = this.adv(i);
      if (i >= this.n) return this.tok(i, T_INVALID);
      const d = this.b[i] as number;
      if (d === 0x0a) return this.tok(this.adv(i), T_TEXT, S_INIT);
      if (d === 0) return this.tok(i, T_INVALID);
    }
  }

  private lexLabels(i: number, c: number): number {
    const ex = this.state === S_EXEMPLAR;
    if (c === 0x22) return this.lexQuoted(i, !ex, T_QSTRING, this.state);
    if (c === 0x2c) return this.tok(i + 1, T_COMMA);
    if (c === 0x3d) return this.tok(i + 1, T_EQUAL, ex ? S_EVALUE : S_LVALUE);
    if (c === 0x7d) return this.tok(i + 1, T_BCLOSE, ex ? S_EVALUE : S_VALUE);
    if (CLASS[c]! & C_LSTART) return this.tok(this.scanClass(i, C_LCONT), T_LNAME);
    return this.tok(i, T_INVALID);
  }

  /** A double-quoted string; newlines are allowed only where the grammar allows them. */
  private lexQuoted(i: number, newlineOK: boolean, t: number, next: number): number {
    for (;;) {
      i = this.adv(i);
      if (i >= this.n) return this.tok(i, T_INVALID);
      const c = this.b[i] as number;
      if (c === 0x22) return this.tok(this.adv(i), t, next);
      if (c === 0 || (c === 0x0a && !newlineOK)) return this.tok(i, T_INVALID);
      if (c === 0x5c) {
        i = this.adv(i);
        const d = this.cAt(i);
        if (i >= this.n || d === 0 || d === 0x0a) return this.tok(i, T_INVALID);
      }
    }
  }

  /** {S}[^ \n]+ */
  private lexSpaced(i: number, t: number, next?: number): number {
    i++;
    if (i >= this.n || !isValueChar(this.b[i] as number)) return this.tok(i, T_INVALID);
    i++;
    while (i < this.n && isValueChar(this.b[i] as number)) i++;
    return this.tok(i, t, next);
  }

  /** After a value: " <timestamp>" or the exemplar opener " # {". */
  private lexTimestampOrExemplar(i: number): number {
    i++;
    const c = this.cAt(i);
    if (i >= this.n || !isValueChar(c)) return this.tok(i, T_INVALID);
    if (c === 0x23) {
      i++;
      const d = this.cAt(i);
      if (i < this.n && d === 0x20) {
        i++;
        if (this.cAt(i) !== 0x7b || i >= this.n) return this.tok(i, T_INVALID);
        return this.tok(i + 1, T_COMMENT, S_EXEMPLAR);
      }
      while (i < this.n && isValueChar(this.b[i] as number)) i++;
      return this.tok(i, T_TIMESTAMP);
    }
    while (i < this.n && isValueChar(this.b[i] as number)) i++;
    return this.tok(i, T_TIMESTAMP);
  }
}
