/**
 * The Prometheus text exposition format 0.0.4 (upstream promparse.go + promlex.l): a byte
 * scanner with the lexer's start conditions, then the parser's token grammar. Error texts and
 * the quirks that decide accept/reject (free trailing commas, spaces between labels, null
 * bytes inside label values and help text) follow upstream.
 */
import { NumberError, parseDigitsInt64, validUtf8 } from './go-strconv.js';
import {
  type Entry,
  EntryComment,
  EntryEOF,
  EntryHelp,
  EntrySeries,
  EntryType,
  type BodyScratch,
  type MetricMetadata,
  type MetricType,
  type SeriesLookup,
  type StringInterner,
} from './interface.js';
import type { Labels } from '../labels/index.js';
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
  T_VALUE,
  T_WHITESPACE,
  toBuffer,
  tokenName,
  unescapeLabelValue,
} from './parser-base.js';

const S_INIT = 0;
const S_COMMENT = 1;
const S_META1 = 2;
const S_META2 = 3;
const S_LABELS = 4;
const S_LVALUE = 5;
const S_VALUE = 6;
const S_TIMESTAMP = 7;

const PROM_TYPES: Record<string, MetricType> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  summary: 'summary',
  untyped: 'unknown',
};

function isWs(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09;
}

export interface PromParserOptions {
  /** Lets series the caller already knows skip label lexing (see SeriesLookup). */
  knownSeries?: SeriesLookup | undefined;
  /** Reused for the copy of the body. */
  scratch?: BodyScratch | undefined;
  /** Canonicalises the strings of labels(). */
  interner?: StringInterner | undefined;
}

export class PromParser extends ParserBase {
  private val = 0;
  private ts = 0;
  private hasTs = false;
  private readonly knownSeries: SeriesLookup | null;
  /** The current series came through knownSeries: its label offsets are not lexed yet. */
  private lazyLabels = false;

  constructor(body: Uint8Array | string, opts: PromParserOptions = {}) {
    super(toBuffer(body, true, opts.scratch));
    this.knownSeries = opts.knownSeries ?? null;
    this.interner = opts.interner ?? null;
  }

  // ---- lexer -------------------------------------------------------------------------------

  /** Next index after i, skipping NUL bytes in the states where upstream's lexer does. */
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

  private lex(): number {
    let i = this.i;
    if (i >= this.n) return T_EOF;
    this.tokStart = i;
    const b = this.b;
    for (;;) {
      const c = b[i] as number;
      switch (this.state) {
        case S_INIT:
          if (c === 0) return this.emit(i + 1, T_EOF);
          if (c === 0x0a) return this.emit(i + 1, T_LINEBREAK);
          if (isWs(c)) return this.emit(this.skipWs(i), T_WHITESPACE);
          if (c === 0x23) {
            i++;
            if (isWs(this.cAt(i))) {
              i = this.skipWs(i);
              this.state = S_COMMENT;
              if (i >= this.n) return this.emit(i, T_EOF);
              continue;
            }
            return this.consumeComment(i);
          }
          if (CLASS[c]! & C_MSTART) {
            i++;
            while (i < this.n && CLASS[b[i] as number]! & C_MCONT) i++;
            this.state = S_VALUE;
            return this.emit(i, T_MNAME);
          }
          if (c === 0x7b) {
            this.state = S_LABELS;
            return this.emit(i + 1, T_BOPEN);
          }
          return this.emit(i, T_INVALID);
        case S_COMMENT:
          return this.lexCommentKeyword(i);
        case S_META1:
          if (c === 0x22) return this.lexQuoted(i, T_MNAME, S_META2);
          if (CLASS[c]! & C_MSTART) {
            i++;
            while (i < this.n && CLASS[b[i] as number]! & C_MCONT) i++;
            this.state = S_META2;
            return this.emit(i, T_MNAME);
          }
          if (isWs(c)) return this.emit(this.skipWs(i), T_WHITESPACE);
          return this.emit(i, T_INVALID);
        case S_META2:
          return this.lexMetaText(i);
        case S_LABELS:
          return this.lexLabels(i, c);
        case S_LVALUE:
          if (c === 0x22) return this.lexQuoted(i, T_LVALUE, S_LABELS);
          if (isWs(c)) return this.emit(this.skipWs(i), T_WHITESPACE);
          return this.emit(i, T_INVALID);
        case S_VALUE:
          if (isWs(c)) return this.emit(this.skipWs(i), T_WHITESPACE);
          if (c === 0x7b) {
            this.state = S_LABELS;
            return this.emit(i + 1, T_BOPEN);
          }
          if (c !== 0 && c !== 0x0a) {
            while (i < this.n) {
              const d = b[i] as number;
              if (d === 0 || d === 0x09 || d === 0x0a || d === 0x20 || d === 0x7b) break;
              i++;
            }
            this.state = S_TIMESTAMP;
            return this.emit(i, T_VALUE);
          }
          return this.emit(i, T_INVALID);
        default: // S_TIMESTAMP
          if (c === 0x0a) {
            this.state = S_INIT;
            return this.emit(i + 1, T_LINEBREAK);
          }
          if (isWs(c)) return this.emit(this.skipWs(i), T_WHITESPACE);
          if (c >= 0x30 && c <= 0x39) {
            i++;
            while (i < this.n && (b[i] as number) >= 0x30 && (b[i] as number) <= 0x39) i++;
            return this.emit(i, T_TIMESTAMP);
          }
          return this.emit(i, T_INVALID);
      }
    }
  }

  private emit(i: number, t: number): number {
    this.i = i;
    if (t === T_LINEBREAK) this.state = S_INIT;
    return t;
  }

  private skipWs(i: number): number {
    do i = this.adv(i);
    while (i < this.n && isWs(this.b[i]));
    return i;
  }

  private lexLabels(i: number, c: number): number {
    if (c === 0x22) return this.lexQuoted(i, T_QSTRING, S_LABELS);
    if (c === 0x2c) return this.emit(i + 1, T_COMMA);
    if (c === 0x3d) {
      this.state = S_LVALUE;
      return this.emit(i + 1, T_EQUAL);
    }
    if (isWs(c)) return this.emit(this.skipWs(i), T_WHITESPACE);
    if (c === 0x7d) {
      this.state = S_VALUE;
      return this.emit(i + 1, T_BCLOSE);
    }
    if (CLASS[c]! & C_LSTART) {
      i++;
      while (i < this.n && CLASS[this.b[i] as number]! & C_LCONT) i++;
      return this.emit(i, T_LNAME);
    }
    return this.emit(i, T_INVALID);
  }

  /** \"(\\.|[^\\"])*\" — raw newlines allowed, NUL not (except in the states that skip it). */
  private lexQuoted(i: number, tok: number, next: number): number {
    const b = this.b;
    const n = this.n;
    const skipNul = this.state === S_LVALUE;
    for (i++; i < n; i++) {
      const c = b[i] as number;
      if (c === 0x22) {
        i++;
        if (skipNul) while (i < n && b[i] === 0) i++;
        this.state = next;
        return this.emit(i, tok);
      }
      if (c === 0) {
        if (skipNul) continue;
        return this.emit(i, T_INVALID);
      }
      if (c === 0x5c) {
        i++;
        if (skipNul) while (i < n && b[i] === 0) i++;
        const d = i < n ? (b[i] as number) : 0;
        if (i >= n || d === 0 || d === 0x0a) return this.emit(i, T_INVALID);
      }
    }
    return this.emit(i, T_INVALID);
  }

  private lexCommentKeyword(i: number): number {
    const b = this.b;
    const c = b[i];
    if (c === 0x48 || c === 0x54) {
      const word = c === 0x48 ? 'HELP' : 'TYPE';
      for (let k = 1; k < 4; k++) {
        i = this.adv(i);
        if (this.cAt(i) !== word.charCodeAt(k)) return this.consumeComment(i);
      }
      i = this.adv(i);
      if (!isWs(this.cAt(i))) return this.consumeComment(i);
      i = this.skipWs(i);
      this.state = S_META1;
      return this.emit(i, c === 0x48 ? T_HELP : T_TYPE);
    }
    if (isWs(c)) return this.emit(this.skipWs(i), T_WHITESPACE);
    return this.consumeComment(i);
  }

  private consumeComment(i: number): number {
    for (;;) {
      const c = this.cAt(i);
      if (c === 0) return this.emit(i, T_EOF);
      if (c === 0x0a) {
        this.state = S_INIT;
        this.i = i;
        return T_COMMENT;
      }
      i = this.adv(i);
    }
  }

  private lexMetaText(i: number): number {
    const b = this.b;
    let c = this.cAt(i);
    if (isWs(c)) {
      while (i < this.n && isWs(b[i])) i = this.adv(i);
      c = this.cAt(i);
      if (c === 0 || c === 0x0a) return this.emit(i, T_WHITESPACE);
    }
    while (i < this.n && b[i] !== 0x0a && b[i] !== 0) i = this.adv(i);
    this.state = S_INIT;
    this.i = i;
    return T_TEXT;
  }

  private nextToken(): number {
    for (;;) {
      const t = this.lex();
      if (t !== T_WHITESPACE) return t;
    }
  }

  // ---- parser ------------------------------------------------------------------------------

  next(): Entry {
    for (;;) {
      this.start = this.i;
      this.nOff = 0;
      this.lazyLabels = false;
      if (this.knownSeries !== null && this.state === S_INIT) {
        const e = this.scanSeriesEnd(this.i);
        if (e > 0 && this.knownSeries(this.b, this.start, e)) return this.knownSeriesEntry(e);
      }
      const t = this.nextToken();
      switch (t) {
        case T_EOF:
          return EntryEOF;
        case T_LINEBREAK:
          continue;
        case T_HELP:
        case T_TYPE:
          return this.parseMetadata(t);
        case T_COMMENT: {
          this.textStart = this.tokStart;
          this.textEnd = this.i;
          const tc = this.nextToken();
          if (tc !== T_LINEBREAK) throw this.tokenError('linebreak expected after comment', tc);
          return EntryComment;
        }
        case T_BOPEN:
        case T_MNAME:
          return this.parseMetricSuffix(this.parseSeriesHead(t));
        default:
          throw this.tokenError('expected a valid start token', t);
      }
    }
  }

  /** Lexes the metric name and label set (t is their first token); returns the token after them. */
  private parseSeriesHead(t: number): number {
    if (t === T_BOPEN) {
      this.pushOffset(-1);
      this.pushOffset(-1);
      this.parseLVals();
      this.setSeriesEnd();
      return this.nextToken();
    }
    this.pushOffset(this.start);
    this.pushOffset(this.i);
    this.setSeriesEnd();
    let t2 = this.nextToken();
    if (t2 === T_BOPEN) {
      this.parseLVals();
      this.setSeriesEnd();
      t2 = this.nextToken();
    }
    return t2;
  }

  /**
   * Where the series text of a line starting at i ends, by a cheap scan (name, then a brace
   * block with quoted strings skipped), or -1. Only a hint: the bytes are trusted only when the
   * caller recognises them as series text that lexed successfully before, and the lexer, being
   * deterministic from a line start, would then stop at the same place.
   */
  private scanSeriesEnd(i: number): number {
    const b = this.b;
    const n = this.n;
    const c = b[i] as number;
    if (CLASS[c]! & C_MSTART) {
      i++;
      while (i < n && CLASS[b[i] as number]! & C_MCONT) i++;
      if (b[i] !== 0x7b) return i;
    } else if (c !== 0x7b) return -1;
    for (i++; i < n; i++) {
      const d = b[i] as number;
      if (d === 0x7d) return i + 1;
      if (d === 0x0a) return -1;
      if (d === 0x22) {
        for (i++; i < n; i++) {
          const q = b[i] as number;
          if (q === 0x5c) i++;
          else if (q === 0x22) break;
        }
      }
    }
    return -1;
  }

  /** A series the caller knows: skip to its value; labels() lexes the label set if asked. */
  private knownSeriesEntry(e: number): Entry {
    this.pushOffset(this.start);
    this.pushOffset(e);
    this.lazyLabels = true;
    this.sample.start = this.start;
    this.sample.end = e;
    this.i = e;
    this.tokStart = e;
    this.state = S_VALUE;
    return this.parseMetricSuffix(this.nextToken());
  }

  override labels(): Labels {
    if (this.lazyLabels) {
      const i = this.i;
      const tokStart = this.tokStart;
      const state = this.state;
      this.i = this.start;
      this.state = S_INIT;
      this.nOff = 0;
      this.parseSeriesHead(this.nextToken());
      this.i = i;
      this.tokStart = tokStart;
      this.state = state;
      this.lazyLabels = false;
    }
    return super.labels();
  }

  private setSeriesEnd(): void {
    this.sample.start = this.start;
    this.sample.end = this.i;
  }

  private parseMetadata(t: number): Entry {
    const kw = tokenName(t);
    const t2 = this.nextToken();
    if (t2 !== T_MNAME) throw this.tokenError(`expected metric name after ${kw}`, t2);
    let ms = this.tokStart;
    let me = this.i;
    if (this.b[ms] === 0x22 && this.b[me - 1] === 0x22) {
      ms++;
      me--;
    }
    this.pushOffset(ms);
    this.pushOffset(me);
    const t3 = this.nextToken();
    if (t3 !== T_TEXT) throw this.fail(`expected text in ${kw}, got ${tokenName(t3)}`);
    const len = this.i - this.tokStart;
    this.textStart = len > 1 ? this.tokStart + 1 : this.i;
    this.textEnd = this.i;
    if (t === T_TYPE) {
      const s = this.str(this.textStart, this.textEnd);
      const mt = Object.hasOwn(PROM_TYPES, s) ? PROM_TYPES[s] : undefined;
      if (mt === undefined) throw this.fail(`invalid metric type ${this.quote(this.textStart, this.textEnd)}`);
      this.mtype = mt;
    } else if (!validUtf8(this.b, this.textStart, this.textEnd)) {
      throw this.fail(`help text ${this.quote(this.textStart, this.textEnd)} is not a valid utf8 string`);
    }
    const t4 = this.nextToken();
    if (t4 !== T_LINEBREAK) throw this.tokenError('linebreak expected after metadata', t4);
    return t === T_HELP ? EntryHelp : EntryType;
  }

  private parseLVals(): void {
    let t = this.nextToken();
    for (;;) {
      let s = this.tokStart;
      let e = this.i;
      let isQString = false;
      if (t === T_BCLOSE) return;
      if (t === T_QSTRING) isQString = true;
      else if (t !== T_LNAME) throw this.tokenError('expected label name', t);
      t = this.nextToken();
      if (isQString && (t === T_COMMA || t === T_BCLOSE)) {
        if (this.offsets[0] !== -1 || this.offsets[1] !== -1) {
          throw this.fail(`metric name already set while parsing: ${this.quote(this.start, this.i)}`);
        }
        this.offsets[0] = s + 1;
        this.offsets[1] = e - 1;
        if (t === T_BCLOSE) return;
        t = this.nextToken();
        continue;
      }
      if (this.b[s] === 0x22) {
        s++;
        e--;
      }
      this.pushOffset(s);
      this.pushOffset(e);
      if (t !== T_EQUAL) throw this.tokenError('expected equal', t);
      const tv = this.nextToken();
      if (tv !== T_LVALUE) throw this.tokenError('expected label value', tv);
      if (!validUtf8(this.b, this.tokStart, this.i)) {
        throw this.fail(`invalid UTF-8 label value: ${this.quote(this.tokStart, this.i)}`);
      }
      this.pushOffset(this.tokStart + 1);
      this.pushOffset(this.i - 1);
      t = this.nextToken();
      if (t === T_COMMA) t = this.nextToken();
    }
  }

  private parseMetricSuffix(t: number): Entry {
    if (this.offsets[0] === -1) throw this.fail(`metric name not set while parsing: ${this.quote(this.start, this.i)}`);
    if (t !== T_VALUE) throw this.tokenError('expected value after metric', t);
    this.val = this.parseFloatToken(this.tokStart, this.i);
    this.hasTs = false;
    const t2 = this.nextToken();
    if (t2 === T_TIMESTAMP) {
      this.hasTs = true;
      try {
        this.ts = parseDigitsInt64(this.b, this.tokStart, this.i);
      } catch (err) {
        if (err instanceof NumberError) throw this.numberError(err);
        throw err;
      }
      const t3 = this.nextToken();
      if (t3 !== T_LINEBREAK) throw this.tokenError('expected next entry after timestamp', t3);
    } else if (t2 !== T_LINEBREAK) {
      throw this.tokenError('expected timestamp or new record', t2);
    }
    this.sample.value = this.val;
    this.sample.timestamp = this.hasTs ? this.ts : null;
    return EntrySeries;
  }

  help(): MetricMetadata<string> {
    const raw = this.str(this.textStart, this.textEnd);
    return { name: this.metaName(), value: raw.indexOf('\\') < 0 ? raw : unescapeLabelValue(raw, false) };
  }

  unit(): MetricMetadata<string> {
    return { name: '', value: '' };
  }

  /** The raw value/timestamp accessors, for callers that avoid the sample object. */
  value(): number {
    return this.val;
  }
}

export function newPromParser(body: Uint8Array | string, opts: PromParserOptions = {}): PromParser {
  return new PromParser(body, opts);
}
