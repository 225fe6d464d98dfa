/**
 * The text format read into metric families the way prometheus/common's expfmt.TextParser does
 * (what promtool's `check metrics` and promlint use): a byte-at-a-time state machine that groups
 * samples into families, folds summary/histogram series into one metric per label set, and
 * reports errors as `text format parsing error in line N: ...`. Not a hot path: the scrape path
 * uses PromParser.
 */
import { Buffer } from 'node:buffer';
import { goQuote, goQuoteBytes, NumberError, parseExpositionFloat, validUtf8 } from './go-strconv.js';
import { ParseError } from './interface.js';
import { goQuoteByte, isLegacyLabelName, isLegacyMetricName } from './names.js';

export type FamilyType = 'COUNTER' | 'GAUGE' | 'SUMMARY' | 'UNTYPED' | 'HISTOGRAM' | 'GAUGE_HISTOGRAM';
const FAMILY_TYPES: readonly FamilyType[] = ['COUNTER', 'GAUGE', 'SUMMARY', 'UNTYPED', 'HISTOGRAM', 'GAUGE_HISTOGRAM'];

export interface FamilyMetric {
  /** Label pairs in input order (without quantile/le for summaries/histograms). */
  labels: [string, string][];
  value?: number;
  timestampMs?: number;
  summary?: { count?: number; sum?: number; quantiles: [number, number][] };
  histogram?: { count?: number; sum?: number; buckets: [number, number][] };
}

export interface MetricFamily {
  name: string;
  help: string | null;
  type: FamilyType | null;
  metrics: FamilyMetric[];
}

/** Name validation: legacy ([a-zA-Z_:][a-zA-Z0-9_:]*) or UTF-8 (any valid, non-empty). */
export type NameValidation = 'legacy' | 'utf8';

type State = (() => State) | null;

function isBlankOrTab(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
function isLabelNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x22;
}
function isLabelNameCont(c: number, quoted: boolean): boolean {
  // Go's utf8.ValidString(string(b)) is true for every byte (a byte converts to a rune).
  return isLabelNameStart(c) || (c >= 0x30 && c <= 0x39) || quoted;
}
function isMetricNameStart(c: number): boolean {
  return isLabelNameStart(c) || c === 0x3a;
}
function isMetricNameCont(c: number, quoted: boolean): boolean {
  return isLabelNameCont(c, quoted) || c === 0x3a;
}
function stripSuffix(name: string, kinds: readonly string[]): string {
  for (const k of kinds) if (name.length > k.length && name.endsWith(k)) return name.slice(0, -k.length);
  return name;
}
function signature(labels: Map<string, string>): string {
  return [...labels.keys()].sort().map((k) => `${k}\xff${labels.get(k) as string}`).join('\xfe');
}

export class MetricFamilyParser {
  private readonly b: Uint8Array;
  private pos = 0;
  private eof = false;
  private err: ParseError | null = null;
  private cur = 0;
  private line = 0;
  private tok = new Uint8Array(256);
  private tokLen = 0;
  private families = new Map<string, MetricFamily>();
  private mf: MetricFamily | null = null;
  private metric: FamilyMetric | null = null;
  private pairName = '';
  private pairs: [string, string][] = [];
  private curLabels = new Map<string, string>();
  private summaries = new Map<string, FamilyMetric>();
  private histograms = new Map<string, FamilyMetric>();
  private quantile = NaN;
  private bucket = NaN;
  private isSummaryCount = false;
  private isSummarySum = false;
  private isHistCount = false;
  private isHistSum = false;
  private insideBraces = false;
  private insideBracesPresent = false;

  constructor(body: Uint8Array | string, private readonly scheme: NameValidation = 'utf8') {
    this.b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  }

  /** All families with at least one metric, in order of first appearance; throws ParseError. */
  parse(): MetricFamily[] {
    for (let s: State = this.startOfLine; s !== null; s = s.call(this));
    const out = [...this.families.values()].filter((f) => f.metrics.length > 0);
    if (this.err === null && this.eof) this.parseError('unexpected end of input stream');
    if (this.err !== null) throw this.err;
    return out;
  }

  private readByte(): boolean {
    if (this.pos >= this.b.length) {
      this.cur = 0;
      this.eof = true;
      return false;
    }
    this.cur = this.b[this.pos++] as number;
    return true;
  }

  private get failed(): boolean {
    return this.eof || this.err !== null;
  }

  private pushTok(c: number): void {
    if (this.tokLen === this.tok.length) {
      const grown = new Uint8Array(this.tok.length * 2);
      grown.set(this.tok);
      this.tok = grown;
    }
    this.tok[this.tokLen++] = c;
  }

  private tokBytes(): Uint8Array {
    return this.tok.subarray(0, this.tokLen);
  }

  private tokenString(): string {
    return Buffer.from(this.tok.buffer, 0, this.tokLen).toString('utf8');
  }

  private quoteToken(): string {
    return goQuoteBytes(this.tok, 0, this.tokLen);
  }

  private parseError(msg: string): void {
    this.err = new ParseError(`text format parsing error in line ${this.line}: ${msg}`, this.line);
  }

  private skipBlankTab(): void {
    while (this.readByte() && isBlankOrTab(this.cur));
  }

  private skipBlankTabIfCurrentBlankTab(): void {
    if (isBlankOrTab(this.cur)) this.skipBlankTab();
  }

  private startOfLine(): State {
    this.line++;
    this.insideBraces = false;
    this.insideBracesPresent = false;
    this.skipBlankTab();
    if (this.eof) {
      this.eof = false; // the only place where the end of input is not an error
      return null;
    }
    if (this.cur === 0x23) return this.startComment;
    if (this.cur === 0x0a) return this.startOfLine;
    if (this.cur === 0x7b) {
      this.insideBraces = true;
      return this.readingLabels;
    }
    return this.readingMetricName;
  }

  private startComment(): State {
    this.skipBlankTab();
    if (this.failed) return null;
    if (this.cur === 0x0a) return this.startOfLine;
    this.readTokenUntilWhitespace();
    if (this.failed) return null;
    if (this.cur === 0x0a) return this.startOfLine;
    const keyword = this.tokenString();
    if (keyword !== 'HELP' && keyword !== 'TYPE') {
      while (this.cur !== 0x0a) if (!this.readByte()) return null;
      return this.startOfLine;
    }
    this.skipBlankTab();
    if (this.failed) return null;
    this.readTokenAsName(true);
    if (this.failed) return null;
    if (this.cur === 0x0a) return this.startOfLine;
    if (!isBlankOrTab(this.cur)) {
      this.parseError('invalid metric name in comment');
      return null;
    }
    this.setOrCreateCurrentMF();
    if (this.failed) return null;
    this.skipBlankTab();
    if (this.failed) return null;
    if (this.cur === 0x0a) return this.startOfLine;
    return keyword === 'HELP' ? this.readingHelp : this.readingType;
  }

  private newMetric(): void {
    const mf = this.mf as MetricFamily;
    if (mf.type === null) mf.type = 'UNTYPED';
    this.metric = { labels: [] };
  }

  private readingMetricName(): State {
    this.readTokenAsName(true);
    if (this.failed) return null;
    if (this.tokLen === 0) {
      this.parseError('invalid metric name');
      return null;
    }
    this.setOrCreateCurrentMF();
    if (this.failed) return null;
    this.newMetric();
    this.skipBlankTabIfCurrentBlankTab();
    if (this.failed) return null;
    return this.readingLabels;
  }

  private isFolded(): boolean {
    const t = this.mf?.type;
    return t === 'SUMMARY' || t === 'HISTOGRAM' || t === 'GAUGE_HISTOGRAM';
  }

  private readingLabels(): State {
    if (this.isFolded()) {
      this.curLabels = new Map([['__name__', (this.mf as MetricFamily).name]]);
      this.quantile = NaN;
      this.bucket = NaN;
    }
    if (this.cur !== 0x7b) return this.readingValue;
    return this.startLabelName;
  }

  /** After "}": attach the collected pairs and move on to the value. */
  private closeLabels(): State {
    if (this.mf === null || this.metric === null) {
      this.parseError('invalid metric name');
      this.pairs = [];
      return null;
    }
    this.metric.labels.push(...this.pairs);
    this.pairs = [];
    this.skipBlankTab();
    if (this.failed) return null;
    return this.readingValue;
  }

  private startLabelName(): State {
    this.skipBlankTab();
    if (this.failed) return null;
    if (this.cur === 0x7d) return this.closeLabels();
    this.readTokenAsName(false);
    if (this.failed) return null;
    if (this.tokLen === 0) {
      this.parseError(`invalid label name for metric ${goQuote(this.mf?.name ?? '')}`);
      return null;
    }
    this.skipBlankTabIfCurrentBlankTab();
    if (this.failed) return null;
    if (this.cur !== 0x3d) return this.metricNameInBraces();
    const name = this.tokenString();
    this.pairName = name;
    if (name === '__name__') {
      this.parseError('label name "__name__" is reserved');
      this.pairs = [];
      return null;
    }
    if (this.scheme === 'legacy' ? !isLegacyLabelName(name) : !validUtf8(this.tokBytes(), 0, this.tokLen)) {
      this.parseError(`invalid label name ${goQuote(name)}`);
      this.pairs = [];
      return null;
    }
    const t = this.mf?.type;
    const special = (t === 'SUMMARY' && name === 'quantile') || ((t === 'HISTOGRAM' || t === 'GAUGE_HISTOGRAM') && name === 'le');
    if (!special) this.pairs.push([name, '']);
    const ps = this.pairs;
    for (let a = 1; a < ps.length; a++) {
      for (let c = 0; c < a; c++) {
        if ((ps[a] as [string, string])[0] !== (ps[c] as [string, string])[0]) continue;
        this.parseError(`duplicate label names for metric ${goQuote(this.mf?.name ?? '')}`);
        this.pairs = [];
        return null;
      }
    }
    return this.startLabelValue;
  }

  /** A label "name" not followed by "=": inside braces it is the (quoted) metric name. */
  private metricNameInBraces(): State {
    if (this.insideBraces) {
      if (this.insideBracesPresent) {
        this.parseError(`multiple metric names for metric ${goQuote(this.mf?.name ?? '')}`);
        return null;
      }
      if (this.cur === 0x2c || this.cur === 0x7d) {
        this.setOrCreateCurrentMF();
        if (this.failed) {
          this.pairs = [];
          return null;
        }
        this.newMetric();
        if (this.cur === 0x7d) return this.closeLabels();
        this.insideBracesPresent = true;
        return this.startLabelName;
      }
      this.parseError(`unexpected end of metric name ${goQuoteByte(this.cur)}`);
      return null;
    }
    this.parseError(`expected '=' after label name, found ${goQuoteByte(this.cur)}`);
    this.pairs = [];
    return null;
  }

  private startLabelValue(): State {
    this.skipBlankTab();
    if (this.failed) return null;
    if (this.cur !== 0x22) {
      this.parseError(`expected '"' at start of label value, found ${goQuoteByte(this.cur)}`);
      return null;
    }
    this.readTokenAsLabelValue();
    if (this.failed) return null;
    if (!validUtf8(this.tokBytes(), 0, this.tokLen)) {
      this.parseError(`invalid label value ${this.quoteToken()}`);
      return null;
    }
    const value = this.tokenString();
    const last = this.pairs[this.pairs.length - 1];
    if (last && last[0] === this.pairName && last[1] === '') last[1] = value;
    if (!this.foldLabel(value)) return null;
    this.skipBlankTab();
    if (this.failed) return null;
    const c = this.cur as number;
    if (c === 0x2c) return this.startLabelName;
    if (c === 0x7d) return this.closeLabels();
    this.parseError(`unexpected end of label value ${goQuote(value)}`);
    this.pairs = [];
    return null;
  }

  /** Summaries/histograms: quantile and le become buckets, other labels the series identity. */
  private foldLabel(value: string): boolean {
    const t = this.mf?.type;
    const special = t === 'SUMMARY' ? 'quantile' : t === 'HISTOGRAM' || t === 'GAUGE_HISTOGRAM' ? 'le' : null;
    if (special === null) return true;
    if (this.pairName !== special) {
      this.curLabels.set(this.pairName, value);
      return true;
    }
    try {
      const bytes = Buffer.from(value, 'utf8');
      const f = parseExpositionFloat(bytes, 0, bytes.length);
      if (special === 'quantile') this.quantile = f;
      else this.bucket = f;
      return true;
    } catch (e) {
      if (!(e instanceof NumberError)) throw e;
      this.parseError(`expected float as value for '${special}' label, got ${goQuote(value)}`);
      if (special === 'quantile') this.pairs = [];
      return false;
    }
  }

  private attachMetric(): FamilyMetric {
    const mf = this.mf as MetricFamily;
    let m = this.metric as FamilyMetric;
    const folded = mf.type === 'SUMMARY' ? this.summaries : this.isFolded() ? this.histograms : null;
    if (folded !== null) {
      const sig = signature(this.curLabels);
      const existing = folded.get(sig);
      if (existing !== undefined) m = existing;
      else {
        folded.set(sig, m);
        mf.metrics.push(m);
      }
    } else {
      mf.metrics.push(m);
    }
    this.metric = m;
    return m;
  }

  private readingValue(): State {
    if (this.mf === null || this.metric === null) {
      this.parseError('invalid metric name');
      return null;
    }
    const m = this.attachMetric();
    this.readTokenUntilWhitespace();
    if (this.failed) return null;
    let value: number;
    try {
      const t = this.tokBytes();
      value = parseExpositionFloat(t, 0, t.length);
    } catch (e) {
      if (!(e instanceof NumberError)) throw e;
      this.parseError(`expected float as value, got ${goQuote(this.tokenString())}`);
      return null;
    }
    if (!this.storeValue(m, value)) return null;
    return this.cur === 0x0a ? this.startOfLine : this.startTimestamp;
  }

  private storeValue(m: FamilyMetric, value: number): boolean {
    const mf = this.mf as MetricFamily;
    const t = mf.type;
    if (t === 'SUMMARY') {
      m.summary ??= { quantiles: [] };
      if (this.isSummaryCount) m.summary.count = value;
      else if (this.isSummarySum) m.summary.sum = value;
      else if (!Number.isNaN(this.quantile)) m.summary.quantiles.push([this.quantile, value]);
      return true;
    }
    if (t === 'HISTOGRAM' || t === 'GAUGE_HISTOGRAM') {
      m.histogram ??= { buckets: [] };
      const integral = Number.isInteger(value) && value >= 0 && value < 18446744073709551616;
      if (this.isHistCount) {
        if (!integral && value < 0) {
          this.parseError(`negative count for histogram ${goQuote(mf.name)}`);
          return false;
        }
        m.histogram.count = value;
      } else if (this.isHistSum) {
        m.histogram.sum = value;
      } else if (!Number.isNaN(this.bucket)) {
        if (!integral && value < 0) {
          this.parseError(`negative bucket population for histogram ${goQuote(mf.name)}`);
          return false;
        }
        m.histogram.buckets.push([this.bucket, value]);
      }
      return true;
    }
    m.value = value;
    return true;
  }

  private startTimestamp(): State {
    this.skipBlankTab();
    if (this.failed) return null;
    this.readTokenUntilWhitespace();
    if (this.failed) return null;
    const s = this.tokenString();
    if (!/^[+-]?\d+$/.test(s) || BigInt(s) > 9223372036854775807n || BigInt(s) < -9223372036854775808n) {
      this.parseError(`expected integer as timestamp, got ${this.quoteToken()}`);
      return null;
    }
    (this.metric as FamilyMetric).timestampMs = Number(s);
    this.readTokenUntilNewline(false);
    if (this.failed) return null;
    if (this.tokLen > 0) {
      this.parseError(`spurious string after timestamp: ${this.quoteToken()}`);
      return null;
    }
    return this.startOfLine;
  }

  private readingHelp(): State {
    const mf = this.mf as MetricFamily;
    if (mf.help !== null) {
      this.parseError(`second HELP line for metric name ${goQuote(mf.name)}`);
      return null;
    }
    this.readTokenUntilNewline(true);
    if (this.failed) return null;
    mf.help = this.tokenString();
    return this.startOfLine;
  }

  private readingType(): State {
    const mf = this.mf as MetricFamily;
    if (mf.type !== null) {
      this.parseError(`second TYPE line for metric name ${goQuote(mf.name)}, or TYPE reported after samples`);
      return null;
    }
    this.readTokenUntilNewline(false);
    if (this.failed) return null;
    const typ = this.tokenString().toUpperCase();
    const known = FAMILY_TYPES.find((t) => t === typ) ?? (typ === 'GAUGEHISTOGRAM' ? 'GAUGE_HISTOGRAM' : undefined);
    if (known === undefined) {
      this.parseError(`unknown metric type ${this.quoteToken()}`);
      return null;
    }
    mf.type = known;
    return this.startOfLine;
  }

  private readTokenUntilWhitespace(): void {
    this.tokLen = 0;
    while (!this.eof && !isBlankOrTab(this.cur) && this.cur !== 0x0a) {
      this.pushTok(this.cur);
      this.readByte();
    }
  }

  private readTokenUntilNewline(escapes: boolean): void {
    this.tokLen = 0;
    let escaped = false;
    while (!this.eof) {
      const c = this.cur;
      if (escapes && escaped) {
        if (c === 0x5c || c === 0x22) this.pushTok(c);
        else if (c === 0x6e) this.pushTok(0x0a);
        else {
          this.parseError(`invalid escape sequence '\\${String.fromCharCode(c)}'`);
          return;
        }
        escaped = false;
      } else if (c === 0x0a) return;
      else if (c === 0x5c) escaped = true;
      else this.pushTok(c);
      this.readByte();
    }
  }

  /** readTokenAsMetricName / readTokenAsLabelName: plain or "quoted" with \\ \n \" escapes. */
  private readTokenAsName(metric: boolean): void {
    this.tokLen = 0;
    let quoted = false;
    let escaped = false;
    if (!(metric ? isMetricNameStart(this.cur) : isLabelNameStart(this.cur))) return;
    while (!this.eof) {
      const c = this.cur;
      if (escaped) {
        if (c === 0x5c || c === 0x22) this.pushTok(c);
        else if (c === 0x6e) this.pushTok(0x0a);
        else {
          this.parseError(`invalid escape sequence '\\${String.fromCharCode(c)}'`);
          return;
        }
        escaped = false;
      } else if (c === 0x22) {
        quoted = !quoted;
        if (!quoted) {
          this.readByte();
          return;
        }
      } else if (c === 0x0a) {
        this.parseError(`${metric ? 'metric' : 'label'} name ${this.quoteToken()} contains unescaped new-line`);
        return;
      } else if (c === 0x5c) escaped = true;
      else this.pushTok(c);
      this.readByte();
      const stop = metric ? 0x20 : 0x3d;
      if (!(metric ? isMetricNameCont(this.cur, quoted) : isLabelNameCont(this.cur, quoted)) || (!quoted && this.cur === stop)) return;
    }
  }

  private readTokenAsLabelValue(): void {
    this.tokLen = 0;
    let escaped = false;
    for (;;) {
      if (!this.readByte()) return;
      const c = this.cur;
      if (escaped) {
        if (c === 0x22 || c === 0x5c) this.pushTok(c);
        else if (c === 0x6e) this.pushTok(0x0a);
        else {
          this.parseError(`invalid escape sequence '\\${String.fromCharCode(c)}'`);
          this.pairs = [];
          return;
        }
        escaped = false;
        continue;
      }
      if (c === 0x22) return;
      if (c === 0x0a) {
        this.parseError(`label value ${this.quoteToken()} contains unescaped new-line`);
        return;
      }
      if (c === 0x5c) escaped = true;
      else this.pushTok(c);
    }
  }

  private setOrCreateCurrentMF(): void {
    this.isSummaryCount = this.isSummarySum = this.isHistCount = this.isHistSum = false;
    const name = this.tokenString();
    const valid = this.scheme === 'legacy' ? isLegacyMetricName(name) : name !== '' && validUtf8(this.tokBytes(), 0, this.tokLen);
    if (!valid) {
      this.parseError(`invalid metric name ${this.quoteToken()}`);
      return;
    }
    const existing = this.families.get(name);
    if (existing) {
      this.mf = existing;
      return;
    }
    const summary = this.families.get(stripSuffix(name, ['_count', '_sum']));
    if (summary?.type === 'SUMMARY') {
      this.mf = summary;
      this.isSummaryCount = name.length > 6 && name.endsWith('_count');
      this.isSummarySum = name.length > 4 && name.endsWith('_sum');
      return;
    }
    const hist = this.families.get(stripSuffix(name, ['_count', '_sum', '_bucket']));
    if (hist?.type === 'HISTOGRAM' || hist?.type === 'GAUGE_HISTOGRAM') {
      this.mf = hist;
      this.isHistCount = name.length > 6 && name.endsWith('_count');
      this.isHistSum = name.length > 4 && name.endsWith('_sum');
      return;
    }
    this.mf = { name, help: null, type: null, metrics: [] };
    this.families.set(name, this.mf);
  }
}

/** expfmt TextParser.TextToMetricFamilies; throws ParseError (`text format parsing error in line N: ...`). */
export function parseMetricFamilies(body: Uint8Array | string, scheme: NameValidation = 'utf8'): MetricFamily[] {
  return new MetricFamilyParser(body, scheme).parse();
}
