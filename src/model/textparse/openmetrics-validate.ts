/**
 * Strict OpenMetrics 1.0 validation: the scrape parser (upstream openmetricsparse.go) checks the
 * grammar only; this adds the metric-family rules that the OpenMetrics test suite's reference
 * parser (prometheus_client's openmetrics parser) enforces: family/metadata order and clashes,
 * allowed sample names per type, label-set grouping and timestamps within a group, counter-like
 * values, histogram bucket structure, stateset/info values, exemplar placement and length, and
 * strict label sets (no duplicate names, no trailing comma). Messages follow the reference parser.
 */
import { Buffer } from 'node:buffer';
import { parseGoFloat } from './go-strconv.js';
import { EntryEOF, EntryHelp, EntrySeries, EntryType, EntryUnit, ParseError } from './interface.js';
import { OpenMetricsParser } from './openmetrics-parse.js';
import { unescapeLabelValue } from './parser-base.js';

const TYPE_SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  counter: ['_total', '_created'],
  summary: ['', '_count', '_sum', '_created'],
  histogram: ['_count', '_sum', '_bucket', '_created'],
  gaugehistogram: ['_gcount', '_gsum', '_bucket'],
  info: ['_info'],
};
const COUNTER_LIKE_NAN = new Set(['_total', '_sum', '_count', '_bucket', '_gcount', '_gsum']);
const COUNTER_LIKE_NEGATIVE = new Set(['_total', '_sum', '_count', '_bucket', '_gcount']);

interface HistSample {
  suffix: string;
  group: string;
  ts: number | null;
  le: number;
  value: number;
}

function parseNum(s: string): number | undefined {
  const b = Buffer.from(s, 'utf8');
  try {
    return parseGoFloat(b, 0, b.length);
  } catch {
    return undefined;
  }
}

/** Only +Inf has a required spelling (the reference parser's _isUncanonicalNumber). */
function isUncanonical(s: string): boolean {
  return parseNum(s) === Infinity && s !== '+Inf';
}

function groupKey(labels: Map<string, string>, drop: string | null): string {
  const names = [...labels.keys()].filter((n) => n !== drop).sort();
  return names.map((n) => `${n}\xff${labels.get(n) as string}`).join('\xfe');
}

class Family {
  name: string;
  type: string | null = null;
  help = false;
  unit: string | null = null;
  allowed: string[];
  samples = 0;
  group: string | null = null;
  groupTs: number | null = null;
  groupSeries = new Set<string>();
  seenGroups = new Set<string>();
  hist: HistSample[] = [];
  constructor(name: string, type: string | null) {
    this.name = name;
    this.type = type;
    this.allowed = [name];
  }
}

export class OpenMetricsValidator {
  private readonly p: OpenMetricsParser;
  private line = 0;
  private readonly seenNames = new Set<string>();
  private fam: Family | null = null;

  constructor(body: Uint8Array | string) {
    this.p = new OpenMetricsParser(body);
  }

  private fail(msg: string): ParseError {
    return new ParseError(msg, this.line);
  }

  /** Parses and validates the whole exposition; throws ParseError at the first violation. */
  validate(): void {
    for (;;) {
      this.line++;
      const e = this.p.next();
      if (e === EntryEOF) break;
      if (e === EntrySeries) this.sample();
      else this.metadata(e);
    }
    if (this.fam) this.finishFamily(this.fam);
  }

  private metadata(e: number): void {
    const name = e === EntryType ? this.p.type().name : e === EntryHelp ? this.p.help().name : this.p.unit().name;
    let f = this.fam;
    if (f && f.name === name && f.samples > 0) throw this.fail(`Received metadata after samples: ${name}`);
    if (!f || f.name !== name) {
      if (f) this.finishFamily(f);
      f = this.fam = new Family(name, null);
    }
    if (e === EntryHelp) {
      if (f.help) throw this.fail(`More than one HELP for metric: ${name}`);
      f.help = true;
    } else if (e === EntryType) {
      if (f.type !== null) throw this.fail(`More than one TYPE for metric: ${name}`);
      f.type = this.p.type().value;
      f.allowed = (TYPE_SUFFIXES[f.type] ?? ['']).map((s) => name + s);
    } else if (e === EntryUnit) {
      if (f.unit !== null) throw this.fail(`More than one UNIT for metric: ${name}`);
      f.unit = this.p.unit().value;
    }
  }

  private finishFamily(f: Family): void {
    const type = f.type ?? 'unknown';
    for (const suffix of new Set([...(TYPE_SUFFIXES[type] ?? []), ''])) {
      if (this.seenNames.has(f.name + suffix)) throw this.fail(`Clashing name: ${f.name}${suffix}`);
      this.seenNames.add(f.name + suffix);
    }
    if (f.unit) {
      if (!f.name.endsWith('_' + f.unit)) throw this.fail(`Unit does not match metric name: ${f.name}`);
      if (type === 'info' || type === 'stateset') throw this.fail(`Units not allowed for this metric type: ${f.name}`);
    }
    if (type === 'histogram' || type === 'gaugehistogram') this.checkHistogram(f);
  }

  private sampleLabels(): Map<string, string> {
    const p = this.p;
    if (p.hadTrailingComma()) throw this.fail(`Invalid line, trailing comma in label set: ${p.series().text}`);
    const pairs = p.rawLabelPairs();
    const labels = new Map<string, string>();
    for (let k = 0; k < pairs.length; k += 2) {
      const n = pairs[k] as string;
      if (labels.has(n)) throw this.fail(`invalid line, duplicate label name: ${p.series().text}`);
      labels.set(n, pairs[k + 1] as string);
    }
    if (labels.has('__name__')) throw this.fail('metric name specified more than once');
    return labels;
  }

  private sample(): void {
    const p = this.p;
    const sname = p.metricName();
    const labels = this.sampleLabels();
    const { value, timestamp: ts } = p.series();
    const line = p.series().text;
    let f = this.fam;
    if (!f || !f.allowed.includes(sname)) {
      if (f) this.finishFamily(f);
      f = this.fam = new Family(sname, 'unknown');
    }
    f.samples++;
    const type = f.type ?? 'unknown';
    const name = f.name;
    const suffix = sname.slice(name.length);
    this.checkLabels(f, type, sname, labels, value, line);
    this.checkGroup(f, type, sname, labels, ts, line);
    if (type === 'stateset' && value !== 0 && value !== 1) {
      throw this.fail(`Stateset samples can only have values zero and one: ${line}`);
    }
    if (type === 'info' && value !== 1) throw this.fail(`Info samples can only have value one: ${line}`);
    if (type === 'summary' && sname === name && value < 0) throw this.fail(`Quantile values cannot be negative: ${line}`);
    if (COUNTER_LIKE_NAN.has(suffix) && Number.isNaN(value)) throw this.fail(`Counter-like samples cannot be NaN: ${line}`);
    if (COUNTER_LIKE_NEGATIVE.has(suffix) && value < 0) throw this.fail(`Counter-like samples cannot be negative: ${line}`);
    this.checkExemplar(type, sname, line);
  }

  private checkLabels(f: Family, type: string, sname: string, labels: Map<string, string>, value: number, line: string): void {
    const name = f.name;
    if (type === 'stateset' && !labels.has(name)) throw this.fail(`Stateset missing label: ${line}`);
    if (sname === name + '_bucket') {
      const le = labels.get('le') ?? 'NaN';
      const leNum = parseNum(le);
      if (le === 'NaN' || leNum === undefined || Number.isNaN(leNum) || isUncanonical(le)) {
        throw this.fail(`Invalid le label: ${line}`);
      }
      if (!Number.isInteger(value)) throw this.fail(`Bucket value must be an integer: ${line}`);
    }
    if ((sname === name + '_count' || sname === name + '_gcount') && !Number.isInteger(value)) {
      throw this.fail(`Count value must be an integer: ${line}`);
    }
    if (type === 'summary' && sname === name) {
      const q = labels.get('quantile');
      const qn = q === undefined ? -1 : parseNum(q);
      if (q === undefined || qn === undefined || !(qn >= 0 && qn <= 1) || isUncanonical(q)) {
        throw this.fail(`Invalid quantile label: ${line}`);
      }
    }
  }

  private checkGroup(f: Family, type: string, sname: string, labels: Map<string, string>, ts: number | null, line: string): void {
    let drop: string | null = null;
    if (type === 'summary' && sname === f.name) drop = 'quantile';
    else if (type === 'stateset') drop = f.name;
    else if ((type === 'histogram' || type === 'gaugehistogram') && sname === f.name + '_bucket') drop = 'le';
    const g = type === 'info' ? '' : groupKey(labels, drop);
    if (f.group !== null && g !== f.group && f.seenGroups.has(g)) throw this.fail(`Invalid metric grouping: ${line}`);
    if (f.group !== null && g === f.group) {
      if ((ts === null) !== (f.groupTs === null)) throw this.fail(`Mix of timestamp presence within a group: ${line}`);
      if (f.groupTs !== null && ts !== null && f.groupTs > ts && type !== 'info') {
        throw this.fail(`Timestamps went backwards within a group: ${line}`);
      }
    } else {
      f.groupSeries.clear();
    }
    const seriesId = `${sname}\xfd${groupKey(labels, null)}`;
    const duplicate = ts === f.groupTs && f.groupSeries.has(seriesId);
    f.groupSeries.add(seriesId);
    f.group = g;
    f.groupTs = ts;
    f.seenGroups.add(g);
    if (!duplicate && (type === 'histogram' || type === 'gaugehistogram')) {
      const suffix = sname.slice(f.name.length);
      const le = suffix === '_bucket' ? parseNum(labels.get('le') ?? 'NaN') ?? NaN : NaN;
      const hg = groupKey(labels, suffix === '_bucket' ? 'le' : null);
      f.hist.push({ suffix, group: hg, ts, le, value: this.p.series().value });
    }
  }

  private checkExemplar(type: string, sname: string, line: string): void {
    const ex = this.p.rawExemplarPairs();
    if (ex === null) return;
    if (this.p.hadTrailingComma()) throw this.fail(`Invalid line, trailing comma in exemplar: ${line}`);
    let length = 0;
    const names = new Set<string>();
    for (let k = 0; k < ex.length; k += 2) {
      const n = ex[k] as string;
      if (names.has(n)) throw this.fail(`invalid line, duplicate label name in exemplar: ${line}`);
      names.add(n);
      length += [...n].length + [...unescapeLabelValue(ex[k + 1] as string)].length;
    }
    if (length > 128) throw this.fail(`Exemplar labels are too long: ${line}`);
    const ok =
      ((type === 'histogram' || type === 'gaugehistogram') && sname.endsWith('_bucket')) ||
      (type === 'counter' && sname.endsWith('_total'));
    if (!ok) throw this.fail(`Invalid line only histogram/gaugehistogram buckets and counters can have exemplars: ${line}`);
  }

  private checkHistogram(f: Family): void {
    const name = f.name;
    let group: string | null = null;
    let ts: number | null = null;
    let st = newHistState();
    const done = (): void => {
      if (st.bucket !== Infinity) throw this.fail(`+Inf bucket missing: ${name}`);
      if (st.count !== null && st.value !== st.count) throw this.fail(`Count does not match +Inf value: ${name}`);
      if (st.hasSum && st.count === null) throw this.fail(`_count must be present if _sum is present: ${name}`);
      if (st.hasGsum && st.count === null) throw this.fail(`_gcount must be present if _gsum is present: ${name}`);
      if (!(st.hasSum || st.hasGsum) && st.count !== null) throw this.fail(`_sum/_gsum must be present if _count is present: ${name}`);
      if (st.negBuckets && st.hasSum) throw this.fail(`Cannot have _sum with negative buckets: ${name}`);
      if (!st.negBuckets && st.negGsum) throw this.fail(`Cannot have negative _gsum with non-negative buckets: ${name}`);
    };
    for (const s of f.hist) {
      if (s.suffix === '') continue;
      if (s.group !== group || s.ts !== ts) {
        if (group !== null) done();
        st = newHistState();
      }
      group = s.group;
      ts = s.ts;
      if (s.suffix === '_bucket') {
        if (s.le < 0) st.negBuckets = true;
        if (st.bucket !== null && s.le <= st.bucket) throw this.fail(`Buckets out of order: ${name}`);
        if (s.value < st.value) throw this.fail(`Bucket values out of order: ${name}`);
        st.bucket = s.le;
        st.value = s.value;
      } else if (s.suffix === '_count' || s.suffix === '_gcount') st.count = s.value;
      else if (s.suffix === '_sum') st.hasSum = true;
      else if (s.suffix === '_gsum') {
        st.hasGsum = true;
        if (s.value < 0) st.negGsum = true;
      }
    }
    if (group !== null) done();
  }
}

function newHistState(): {
  count: number | null;
  bucket: number | null;
  negBuckets: boolean;
  hasSum: boolean;
  hasGsum: boolean;
  negGsum: boolean;
  value: number;
} {
  return { count: null, bucket: null, negBuckets: false, hasSum: false, hasGsum: false, negGsum: false, value: 0 };
}

/** Validates an OpenMetrics exposition strictly (grammar + family rules); throws ParseError. */
export function validateOpenMetrics(body: Uint8Array | string): void {
  new OpenMetricsValidator(body).validate();
}
