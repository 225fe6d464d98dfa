/**
 * State and accessors shared by the Prometheus text and OpenMetrics parsers: the byte buffer,
 * lexer position, label offsets of the current series, and lazy label/metadata decoding.
 */
import { Buffer } from 'node:buffer';
import { compareStrings, Labels, MetricName } from '../labels/index.js';
import { formatOpenMetricsFloat, goQuoteBytes, NumberError, parseGoFloat } from './go-strconv.js';
import {
  type BodyScratch,
  type Exemplar,
  type MetricMetadata,
  type MetricType,
  ParseError,
  type SeriesSample,
  type StringInterner,
} from './interface.js';

// Tokens (upstream textparse token names, used in error texts).
export const T_INVALID = -1;
export const T_EOF = 0;
export const T_LINEBREAK = 2;
export const T_WHITESPACE = 3;
export const T_HELP = 4;
export const T_TYPE = 5;
export const T_UNIT = 6;
export const T_EOFWORD = 7;
export const T_TEXT = 8;
export const T_COMMENT = 9;
export const T_MNAME = 11;
export const T_QSTRING = 12;
export const T_BOPEN = 13;
export const T_BCLOSE = 14;
export const T_LNAME = 15;
export const T_LVALUE = 16;
export const T_COMMA = 17;
export const T_EQUAL = 18;
export const T_TIMESTAMP = 19;
export const T_VALUE = 20;

const TOKEN_NAMES: Record<number, string> = {
  [T_INVALID]: 'INVALID',
  [T_EOF]: 'EOF',
  [T_LINEBREAK]: 'LINEBREAK',
  [T_WHITESPACE]: 'WHITESPACE',
  [T_HELP]: 'HELP',
  [T_TYPE]: 'TYPE',
  [T_UNIT]: 'UNIT',
  [T_EOFWORD]: 'EOFWORD',
  [T_TEXT]: 'TEXT',
  [T_COMMENT]: 'COMMENT',
  [T_MNAME]: 'MNAME',
  [T_QSTRING]: 'QSTRING',
  [T_BOPEN]: 'BOPEN',
  [T_BCLOSE]: 'BCLOSE',
  [T_LNAME]: 'LNAME',
  [T_LVALUE]: 'LVALUE',
  [T_COMMA]: 'COMMA',
  [T_EQUAL]: 'EQUAL',
  [T_TIMESTAMP]: 'TIMESTAMP',
  [T_VALUE]: 'VALUE',
};

export function tokenName(t: number): string {
  return TOKEN_NAMES[t] ?? `<invalid: ${t}>`;
}

// Character classes.
export const C_MSTART = 1; // [a-zA-Z_:]
export const C_MCONT = 2; // [a-zA-Z_:0-9]
export const C_LSTART = 4; // [a-zA-Z_]
export const C_LCONT = 8; // [a-zA-Z_0-9]
export const CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const alpha = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
  const digit = c >= 0x30 && c <= 0x39;
  let f = 0;
  if (alpha || c === 0x3a) f |= C_MSTART | C_MCONT;
  if (digit) f |= C_MCONT | C_LCONT;
  if (alpha) f |= C_LSTART | C_LCONT;
  CLASS[c] = f;
}

export function toBuffer(body: Uint8Array | string, appendNewline: boolean, scratch?: BodyScratch): Buffer {
  if (typeof body === 'string') return Buffer.from(appendNewline ? body + '\n' : body, 'utf8');
  if (!appendNewline) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const need = body.byteLength + 1;
  let out: Buffer;
  if (scratch === undefined) out = Buffer.allocUnsafe(need);
  else {
    // Keep the scratch between 1x and 2x of what the last body needed (a huge body is not kept).
    if (scratch.buf.byteLength < need || scratch.buf.byteLength > 2 * need + 65536) {
      scratch.buf = Buffer.allocUnsafeSlow(need + (need >> 3));
    }
    out = Buffer.from(scratch.buf.buffer, scratch.buf.byteOffset, need);
  }
  out.set(body, 0);
  out[body.byteLength] = 0x0a;
  return out;
}

/** Resolves \" \\ \n in label values (strings.Replacer semantics: other escapes stay as written). */
export function unescapeLabelValue(s: string, withQuote = true): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      const d = s[i + 1];
      if (d === '\\') {
        out += '\\';
        i++;
        continue;
      }
      if (d === 'n') {
        out += '\n';
        i++;
        continue;
      }
      if (d === '"' && withQuote) {
        out += '"';
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}

class SeriesView implements SeriesSample {
  bytes: Uint8Array;
  start = 0;
  end = 0;
  timestamp: number | null = null;
  value = 0;
  constructor(b: Buffer) {
    this.bytes = b;
  }
  get text(): string {
    return (this.bytes as Buffer).toString('utf8', this.start, this.end);
  }
}

export abstract class ParserBase {
  protected readonly b: Buffer;
  protected readonly n: number;
  /** Lexer position, start of the current token, and start condition. */
  protected i = 0;
  protected tokStart = 0;
  protected state = 0;
  /** Start of the current entry (line). */
  protected start = 0;
  /** [nameStart, nameEnd, (lnameStart, lnameEnd, lvalueStart, lvalueEnd)*] absolute offsets. */
  protected offsets = new Int32Array(64);
  protected nOff = 0;
  protected textStart = 0;
  protected textEnd = 0;
  protected mtype: MetricType = '';
  protected readonly sample: SeriesView;
  /** Canonicalises the strings of labels() (null: fresh strings). */
  protected interner: StringInterner | null = null;

  constructor(b: Buffer) {
    this.b = b;
    this.n = b.length;
    this.sample = new SeriesView(b);
  }

  protected pushOffset(v: number): void {
    if (this.nOff === this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[this.nOff++] = v;
  }

  protected str(s: number, e: number): string {
    return this.b.toString('utf8', s, e);
  }

  protected quote(s: number, e: number): string {
    return goQuoteBytes(this.b, s, e);
  }

  /** 1-based line number of byte offset pos. */
  protected lineOf(pos: number): number {
    let line = 1;
    const end = Math.min(pos, this.n);
    for (let k = 0; k < end; k++) if (this.b[k] === 0x0a) line++;
    return line;
  }

  protected fail(message: string): ParseError {
    return new ParseError(message, this.lineOf(this.start));
  }

  /** Upstream parseError: `<exp>, got "<token+1>" ("<TOKEN>") while parsing: "<line so far+1>"`. */
  protected tokenError(exp: string, got: number): ParseError {
    const e = Math.min(this.n, this.i + 1);
    return this.fail(
      `${exp}, got ${this.quote(this.tokStart, e)} ("${tokenName(got)}") while parsing: ${this.quote(this.start, e)}`,
    );
  }

  /** A number error with the upstream suffix ` while parsing: "<line so far>"`. */
  protected numberError(err: unknown): ParseError {
    const msg = err instanceof NumberError ? err.message : String(err);
    return this.fail(`${msg} while parsing: ${this.quote(this.start, this.i)}`);
  }

  protected parseFloatToken(s: number, e: number): number {
    for (let k = s; k < e; k++) {
      const c = this.b[k];
      if (c === 0x70 || c === 0x50 || c === 0x5f) throw this.numberError(new NumberError('unsupported character in float'));
    }
    try {
      return parseGoFloat(this.b, s, e);
    } catch (err) {
      throw this.numberError(err);
    }
  }

  series(): SeriesSample {
    return this.sample;
  }

  comment(): string {
    return this.str(this.textStart, this.textEnd);
  }

  type(): MetricMetadata<MetricType> {
    return { name: this.metaName(), value: this.mtype };
  }

  protected metaName(): string {
    return unescapeLabelValue(this.str(this.offsets[0] as number, this.offsets[1] as number));
  }

  labels(): Labels {
    const o = this.offsets;
    const it = this.interner;
    let name = unescapeLabelValue(this.str(o[0] as number, o[1] as number));
    if (it !== null) name = it.intern(name);
    const pairs: string[] = [MetricName, name];
    const normalise = this.mtype === 'histogram' || this.mtype === 'summary';
    for (let k = 2; k + 3 < this.nOff; k += 4) {
      let ln = unescapeLabelValue(this.str(o[k] as number, o[k + 1] as number));
      let lv = unescapeLabelValue(this.str(o[k + 2] as number, o[k + 3] as number));
      if (lv === '') continue;
      if (normalise) lv = normaliseFloatLabel(this.mtype, ln, lv);
      if (it !== null) {
        ln = it.intern(ln);
        lv = it.intern(lv);
      }
      pairs.push(ln, lv);
    }
    return Labels.fromSortedPairs(sortPairs(pairs));
  }

  exemplar(): Exemplar | null {
    return null;
  }

  createdTimestamp(): number {
    return 0;
  }
}

/** normalizeFloatsInLabelValues: histogram "le" and summary "quantile" in OpenMetrics float form. */
function normaliseFloatLabel(t: MetricType, name: string, value: string): string {
  if ((t === 'summary' && name === 'quantile') || (t === 'histogram' && name === 'le')) {
    const bytes = Buffer.from(value, 'utf8');
    try {
      return formatOpenMetricsFloat(parseGoFloat(bytes, 0, bytes.length));
    } catch {
      return value;
    }
  }
  return value;
}

/** Sorts flat name/value pairs by name (stable insertion sort: label sets are small). */
export function sortPairs(p: string[]): string[] {
  for (let k = 2; k < p.length; k += 2) {
    const n = p[k] as string;
    const v = p[k + 1] as string;
    let j = k - 2;
    while (j >= 0 && compareStrings(p[j] as string, n) > 0) {
      p[j + 2] = p[j] as string;
      p[j + 3] = p[j + 1] as string;
      j -= 2;
    }
    p[j + 2] = n;
    p[j + 3] = v;
  }
  return p;
}
