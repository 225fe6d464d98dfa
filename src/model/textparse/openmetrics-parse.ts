/**
 * The OpenMetrics 1.0 text parser (upstream openmetricsparse.go): metadata, series with
 * optional float-seconds timestamps and exemplars, `# EOF` termination, and the start
 * timestamp taken from a following `_created` series.
 */
import { Labels } from '../labels/index.js';
import { goInt64, validUtf8 } from './go-strconv.js';
import {
  type Entry,
  EntryEOF,
  EntryHelp,
  EntrySeries,
  EntryType,
  EntryUnit,
  type Exemplar,
  type MetricMetadata,
  type MetricType,
  ParseError,
} from './interface.js';
import { OpenMetricsLexer } from './openmetrics-lex.js';
import {
  sortPairs,
  T_BOPEN,
  T_BCLOSE,
  T_COMMA,
  T_COMMENT,
  T_EOF,
  T_EOFWORD,
  T_EQUAL,
  T_HELP,
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
  toBuffer,
  tokenName,
  unescapeLabelValue,
} from './parser-base.js';

const OM_TYPES: Record<string, MetricType> = {
  counter: 'counter',
  gauge: 'gauge',
  histogram: 'histogram',
  gaugehistogram: 'gaugehistogram',
  summary: 'summary',
  info: 'info',
  stateset: 'stateset',
  unknown: 'unknown',
};

export interface OpenMetricsParserOptions {
  /** Do not return `_created` series of counters, summaries and histograms (they only feed createdTimestamp()). */
  skipCreatedSeries?: boolean;
}

function typeRequiresCreated(t: MetricType): boolean {
  return t === 'counter' || t === 'summary' || t === 'histogram';
}

/** Go's %f of the non-finite values that reach the timestamp errors. */
function goF(v: number): string {
  return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
}

export class OpenMetricsParser extends OpenMetricsLexer {
  private val = 0;
  private ts = 0;
  private hasTs = false;
  private unitText = '';
  private mfNameLen = 0;
  private eOffsets: number[] = [];
  private hasExemplar = false;
  private exemplarVal = 0;
  private exemplarTs: number | null = null;
  private ignoreExemplar = false;
  private skipCreated: boolean;
  private readonly skipCreatedOption: boolean;
  private trailingComma = false;
  private stKey: string | null = null;
  private st = 0;

  constructor(body: Uint8Array | string, opts: OpenMetricsParserOptions = {}) {
    super(toBuffer(body, false));
    this.skipCreatedOption = opts.skipCreatedSeries ?? false;
    this.skipCreated = this.skipCreatedOption;
  }

  next(): Entry {
    for (;;) {
      this.start = this.i;
      this.nOff = 0;
      this.trailingComma = false;
      if (!this.ignoreExemplar) {
        this.eOffsets.length = 0;
        this.hasExemplar = false;
        this.exemplarVal = 0;
        this.exemplarTs = null;
      }
      const t = this.lex();
      switch (t) {
        case T_EOFWORD:
          if (this.lex() !== T_EOF) throw this.fail('unexpected data after # EOF');
          return EntryEOF;
        case T_EOF:
          throw this.fail('data does not end with # EOF');
        case T_HELP:
        case T_TYPE:
        case T_UNIT:
          return this.parseMetadata(t);
        case T_BOPEN:
          this.pushOffset(-1);
          this.pushOffset(-1);
          this.parseLVals(false);
          this.parseSeriesEndOfLine(this.lex());
          if (this.skipCreated && this.isCreatedSeries()) continue;
          return EntrySeries;
        case T_MNAME: {
          this.pushOffset(this.start);
          this.pushOffset(this.i);
          this.sample.start = this.start;
          this.sample.end = this.i;
          let t2 = this.lex();
          if (t2 === T_BOPEN) {
            this.parseLVals(false);
            t2 = this.lex();
          }
          this.parseSeriesEndOfLine(t2);
          if (this.skipCreated && this.isCreatedSeries()) continue;
          return EntrySeries;
        }
        default:
          throw this.tokenError('expected a valid start token', t);
      }
    }
  }

  private parseMetadata(t: number): Entry {
    const kw = tokenName(t);
    const t2 = this.lex();
    if (t2 !== T_MNAME) throw this.tokenError(`expected metric name after ${kw}`, t2);
    let ms = this.tokStart;
    let me = this.i;
    if (this.b[ms] === 0x22 && this.b[me - 1] === 0x22) {
      ms++;
      me--;
    }
    this.mfNameLen = me - ms;
    this.pushOffset(ms);
    this.pushOffset(me);
    if (this.lex() !== T_TEXT) throw this.fail(`expected text in ${kw}`);
    const len = this.i - this.tokStart;
    this.textStart = len > 1 ? this.tokStart + 1 : this.i;
    this.textEnd = len > 1 ? this.i - 1 : this.i;
    if (t === T_TYPE) {
      const s = this.str(this.textStart, this.textEnd);
      const mt = Object.hasOwn(OM_TYPES, s) ? OM_TYPES[s] : undefined;
      if (mt === undefined) throw this.fail(`invalid metric type ${this.quote(this.textStart, this.textEnd)}`);
      this.mtype = mt;
      return EntryType;
    }
    if (t === T_HELP) {
      if (!validUtf8(this.b, this.textStart, this.textEnd)) {
        throw this.fail(`help text ${this.quote(this.textStart, this.textEnd)} is not a valid utf8 string`);
      }
      return EntryHelp;
    }
    this.unitText = this.str(this.textStart, this.textEnd);
    const m = this.str(ms, me);
    const u = this.unitText;
    if (u !== '' && (!m.endsWith(u) || m.length < u.length + 1 || m[m.length - u.length - 1] !== '_')) {
      throw this.fail(`unit ${this.quote(this.textStart, this.textEnd)} not a suffix of metric ${this.quote(ms, me)}`);
    }
    return EntryUnit;
  }

  /** The label set after "{" (series) or " # {" (exemplar); offsets go to this.offsets or eOffsets. */
  private parseLVals(isExemplar: boolean): void {
    let t = this.lex();
    let afterComma = false;
    for (;;) {
      let s = this.tokStart;
      let e = this.i;
      let isQString = false;
      if (t === T_BCLOSE) {
        if (afterComma) this.trailingComma = true;
        break;
      }
      if (t === T_QSTRING) isQString = true;
      else if (t !== T_LNAME) throw this.tokenError('expected label name', t);
      t = this.lex();
      if (isQString && (t === T_COMMA || t === T_BCLOSE)) {
        if (isExemplar) throw this.tokenError('expected label name', t);
        if (this.offsets[0] !== -1 || this.offsets[1] !== -1) {
          throw this.fail(`metric name already set while parsing: ${this.quote(this.start, this.i)}`);
        }
        this.offsets[0] = s + 1;
        this.offsets[1] = e - 1;
        if (t === T_BCLOSE) break;
        t = this.lex();
        afterComma = true;
        continue;
      }
      if (this.b[s] === 0x22) {
        s++;
        e--;
      }
      if (t !== T_EQUAL) throw this.tokenError('expected equal', t);
      const tv = this.lex();
      if (tv !== T_LVALUE) throw this.tokenError('expected label value', tv);
      if (!validUtf8(this.b, this.tokStart, this.i)) {
        throw this.fail(`invalid UTF-8 label value: ${this.quote(this.tokStart, this.i)}`);
      }
      if (isExemplar) this.eOffsets.push(s, e, this.tokStart + 1, this.i - 1);
      else {
        this.pushOffset(s);
        this.pushOffset(e);
        this.pushOffset(this.tokStart + 1);
        this.pushOffset(this.i - 1);
      }
      t = this.lex();
      afterComma = t === T_COMMA;
      if (afterComma) t = this.lex();
      else if (t !== T_BCLOSE) throw this.tokenError('expected comma or brace close', t);
    }
    if (!isExemplar) {
      this.sample.start = this.start;
      this.sample.end = this.i;
    }
  }

  private floatValue(t: number, after: string): number {
    if (t !== T_VALUE) throw this.tokenError(`expected value after ${after}`, t);
    return this.parseFloatToken(this.tokStart + 1, this.i);
  }

  private parseSeriesEndOfLine(t: number): void {
    if (this.offsets[0] === -1) throw this.fail(`metric name not set while parsing: ${this.quote(this.start, this.i)}`);
    this.val = this.floatValue(t, 'metric');
    this.hasTs = false;
    const t2 = this.lex();
    if (t2 === T_EOF) throw this.fail('data does not end with # EOF');
    if (t2 === T_COMMENT) this.parseExemplar();
    else if (t2 === T_TIMESTAMP) {
      this.hasTs = true;
      const ts = this.parseFloatToken(this.tokStart + 1, this.i);
      if (!Number.isFinite(ts)) throw this.fail(`invalid timestamp ${goF(ts)}`);
      this.ts = goInt64(ts * 1000);
      const t3 = this.lex();
      if (t3 === T_COMMENT) this.parseExemplar();
      else if (t3 !== T_LINEBREAK) throw this.tokenError('expected next entry after timestamp', t3);
    }
    // Any other token (upstream has no default here) is left for the next call to report.
    this.sample.value = this.val;
    this.sample.timestamp = this.hasTs ? this.ts : null;
  }

  private parseExemplar(): void {
    if (this.ignoreExemplar) {
      for (let t = this.lex(); t !== T_LINEBREAK; t = this.lex()) {
        if (t === T_EOF) throw this.fail('data does not end with # EOF');
      }
      return;
    }
    this.parseLVals(true);
    this.hasExemplar = true;
    this.exemplarVal = this.floatValue(this.lex(), 'exemplar labels');
    this.exemplarTs = null;
    const t2 = this.lex();
    if (t2 === T_EOF) throw this.fail('data does not end with # EOF');
    if (t2 === T_LINEBREAK) return;
    if (t2 !== T_TIMESTAMP) throw this.tokenError('expected timestamp or comment', t2);
    const ts = this.parseFloatToken(this.tokStart + 1, this.i);
    if (!Number.isFinite(ts)) throw this.fail(`invalid exemplar timestamp ${goF(ts)}`);
    this.exemplarTs = goInt64(ts * 1000);
    const t3 = this.lex();
    if (t3 !== T_LINEBREAK) throw this.tokenError('expected next entry after exemplar timestamp', t3);
  }

  private metricNameEndsWithCreated(): boolean {
    const s = this.offsets[0] as number;
    const e = this.offsets[1] as number;
    return e - s >= 8 && this.str(e - 8, e) === '_created';
  }

  private isCreatedSeries(): boolean {
    return typeRequiresCreated(this.mtype) && this.metricNameEndsWithCreated();
  }

  help(): MetricMetadata<string> {
    return { name: this.metaName(), value: unescapeLabelValue(this.str(this.textStart, this.textEnd)) };
  }

  unit(): MetricMetadata<string> {
    return { name: this.metaName(), value: this.unitText };
  }

  override exemplar(): Exemplar | null {
    if (!this.hasExemplar) return null;
    this.hasExemplar = false;
    const o = this.eOffsets;
    const pairs: string[] = [];
    for (let k = 0; k + 3 < o.length; k += 4) {
      const v = this.str(o[k + 2] as number, o[k + 3] as number);
      if (v !== '') pairs.push(this.str(o[k] as number, o[k + 1] as number), v);
    }
    return { labels: Labels.fromSortedPairs(sortPairs(pairs)), value: this.exemplarVal, timestamp: this.exemplarTs };
  }

  /** Raw label pairs of the current series in input order (escapes resolved, empty values kept). */
  rawLabelPairs(): string[] {
    const o = this.offsets;
    const out: string[] = [];
    for (let k = 2; k + 3 < this.nOff; k += 4) {
      out.push(
        unescapeLabelValue(this.str(o[k] as number, o[k + 1] as number)),
        unescapeLabelValue(this.str(o[k + 2] as number, o[k + 3] as number)),
      );
    }
    return out;
  }

  /** Whether the current line's series or exemplar label set ended in a free trailing comma (",}"). */
  hadTrailingComma(): boolean {
    return this.trailingComma;
  }

  /** The series' metric name (escapes resolved). */
  metricName(): string {
    return unescapeLabelValue(this.str(this.offsets[0] as number, this.offsets[1] as number));
  }

  /** Raw exemplar label pairs of the current series, or null when it has none. */
  rawExemplarPairs(): string[] | null {
    if (!this.hasExemplar) return null;
    const o = this.eOffsets;
    const out: string[] = [];
    for (let k = 0; k + 3 < o.length; k += 4) {
      out.push(this.str(o[k] as number, o[k + 1] as number), this.str(o[k + 2] as number, o[k + 3] as number));
    }
    return out;
  }

  /** Identity of a series for matching its `_created` line: labels minus le/quantile, plus family name. */
  private seriesKey(familyName: string): string {
    const o = this.offsets;
    let key = '';
    for (let k = 2; k + 3 < this.nOff; k += 4) {
      const ln = this.str(o[k] as number, o[k + 1] as number);
      if (this.mtype === 'summary' && ln === 'quantile') continue;
      if (this.mtype === 'histogram' && ln === 'le') continue;
      key += ln + '\xff' + this.str(o[k + 2] as number, o[k + 3] as number) + '\xff';
    }
    return key + familyName;
  }

  override createdTimestamp(): number {
    if (!typeRequiresCreated(this.mtype)) {
      this.stKey = null;
      return 0;
    }
    const nameStart = this.offsets[0] as number;
    const currName = this.str(nameStart, Math.min(nameStart + this.mfNameLen, this.offsets[1] as number));
    const currKey = this.seriesKey(currName);
    if (currKey === this.stKey && this.st > 0) return this.st;
    const saved = this.saveState();
    this.skipCreated = false;
    this.ignoreExemplar = true;
    try {
      for (;;) {
        let e: Entry;
        try {
          e = this.next();
        } catch (err) {
          if (err instanceof ParseError) return this.noCreated();
          throw err;
        }
        if (e !== EntrySeries) return this.noCreated();
        if (!this.metricNameEndsWithCreated()) continue;
        const name = this.str(this.offsets[0] as number, (this.offsets[1] as number) - 8);
        if (this.seriesKey(name) !== currKey) return this.noCreated();
        this.st = goInt64(this.val * 1000);
        this.stKey = currKey;
        return this.st;
      }
    } finally {
      this.restoreState(saved);
    }
  }

  private noCreated(): number {
    this.stKey = null;
    return 0;
  }

  private saveState(): () => void {
    const { i, tokStart, state, start, mtype, nOff, val, ts, hasTs } = this;
    const offsets = this.offsets.slice(0, nOff);
    const sample = { start: this.sample.start, end: this.sample.end, value: this.sample.value, timestamp: this.sample.timestamp };
    return () => {
      Object.assign(this, { i, tokStart, state, start, mtype, nOff, val, ts, hasTs });
      this.offsets.set(offsets);
      Object.assign(this.sample, sample);
    };
  }

  private restoreState(restore: () => void): void {
    restore();
    this.skipCreated = this.skipCreatedOption;
    this.ignoreExemplar = false;
  }
}
