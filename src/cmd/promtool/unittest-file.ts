/**
 * Decoding a promtool unit-test file (yaml.UnmarshalStrict into unitTestFile): unknown fields
 * are reported as Go's yaml does, durations are Prometheus durations.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { parseDuration } from '../../config/index.js';
import { Labels } from '../../model/labels/index.js';

export interface InputSeries {
  series: string;
  values: string;
}

export interface ExpAlert {
  expLabels: Record<string, string>;
  expAnnotations: Record<string, string>;
}

export interface AlertTestCase {
  evalTime: number;
  alertname: string;
  expAlerts: ExpAlert[];
}

export interface ExpSample {
  labels: string;
  value: number;
  histogram: string;
}

export interface PromqlTestCase {
  expr: string;
  evalTime: number;
  expSamples: ExpSample[];
}

export interface TestGroup {
  interval: number;
  inputSeries: InputSeries[];
  alertRuleTests: AlertTestCase[];
  promqlExprTests: PromqlTestCase[];
  externalLabels: Labels;
  externalURL: string;
  name: string;
  /** ms since the epoch; null when unset. */
  startTimestamp: number | null;
}

export interface UnitTestFile {
  ruleFiles: string[];
  evaluationInterval: number;
  groupEvalOrder: string[];
  tests: TestGroup[];
  fuzzyCompare: boolean;
}

class Decoder {
  readonly errors: string[] = [];
  constructor(
    private readonly lc: LineCounter,
    private readonly strict: boolean,
  ) {}

  line(n: Node | null | undefined): number {
    return n?.range ? this.lc.linePos(n.range[0]).line : 0;
  }

  /** The fields of a mapping; unknown keys are errors (strict mode). */
  fields(n: unknown, goType: string, known: readonly string[]): Map<string, Node | null> {
    const out = new Map<string, Node | null>();
    if (n === null || n === undefined || (isScalar(n) && n.value === null)) return out;
    if (!isMap(n)) {
      this.errors.push(`line ${this.line(n as Node)}: cannot unmarshal ${describe(n)} into ${goType}`);
      return out;
    }
    for (const item of n.items) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      if (!known.includes(key)) {
        if (this.strict) this.errors.push(`line ${this.line(item.key as Node)}: field ${key} not found in type ${goType}`);
        continue;
      }
      if (out.has(key)) this.errors.push(`line ${this.line(item.key as Node)}: field ${key} already set in type ${goType}`);
      out.set(key, (item.value as Node | null) ?? null);
    }
    return out;
  }

  list(n: Node | null | undefined): Node[] {
    if (n === null || n === undefined || (isScalar(n) && n.value === null)) return [];
    if (!isSeq(n)) {
      this.errors.push(`line ${this.line(n)}: cannot unmarshal ${describe(n)} into a list`);
      return [];
    }
    return n.items as Node[];
  }

  str(n: Node | null | undefined): string {
    if (n === null || n === undefined) return '';
    if (isScalar(n)) {
      if (n.value === null) return '';
      // Go's yaml keeps a non-string scalar's text for a string field (0x10 stays "0x10").
      if (typeof n.value !== 'string' && typeof n.source === 'string') return n.source;
      return String(n.value);
    }
    this.errors.push(`line ${this.line(n)}: cannot unmarshal ${describe(n)} into string`);
    return '';
  }

  num(n: Node | null | undefined): number {
    if (n === null || n === undefined) return 0;
    if (isScalar(n) && typeof n.value === 'number') return n.value;
    const s = this.str(n);
    const v = Number(s.replace(/^\+?(inf|Inf|INF)$/, 'Infinity').replace(/^-(inf|Inf|INF)$/, '-Infinity').replace(/^\.?nan$/i, 'NaN'));
    if (Number.isNaN(v) && !/nan/i.test(s)) this.errors.push(`line ${this.line(n)}: cannot unmarshal !!str \`${s}\` into float64`);
    return v;
  }

  duration(n: Node | null | undefined): number {
    const s = this.str(n);
    if (s === '') return 0;
    try {
      return parseDuration(s);
    } catch (e) {
      this.errors.push(e instanceof Error ? e.message : String(e));
      return 0;
    }
  }

  bool(n: Node | null | undefined): boolean {
    return n !== null && n !== undefined && isScalar(n) && n.value === true;
  }

  strMap(n: Node | null | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (n === null || n === undefined || (isScalar(n) && n.value === null)) return out;
    if (!isMap(n)) {
      this.errors.push(`line ${this.line(n)}: cannot unmarshal ${describe(n)} into map[string]string`);
      return out;
    }
    for (const item of n.items) {
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      out[key] = this.str(item.value as Node | null);
    }
    return out;
  }
}

function describe(n: unknown): string {
  if (isMap(n)) return '!!map';
  if (isSeq(n)) return '!!seq';
  if (isScalar(n)) return `!!${typeof n.value === 'number' ? 'int' : 'str'} \`${String(n.value)}\``;
  return 'value';
}

/** parseTime as promtool: RFC 3339 or Unix seconds (with fractions). */
function parseTime(s: string): number {
  const f = Number(s);
  if (s !== '' && Number.isFinite(f)) return Math.round(f * 1000);
  const t = Date.parse(s);
  if (/^\d{4}-\d\d-\d\dT/.test(s) && !Number.isNaN(t)) return t;
  throw new Error(`cannot parse "${s}" to a valid timestamp`);
}

function decodeGroup(d: Decoder, n: Node): TestGroup {
  const f = d.fields(n, 'main.testGroup', [
    'interval', 'input_series', 'alert_rule_test', 'promql_expr_test', 'external_labels', 'external_url', 'name', 'start_timestamp',
  ]);
  const inputSeries = d.list(f.get('input_series')).map((s): InputSeries => {
    const sf = d.fields(s, 'main.series', ['series', 'values']);
    return { series: d.str(sf.get('series')), values: d.str(sf.get('values')) };
  });
  const alertRuleTests = d.list(f.get('alert_rule_test')).map((a): AlertTestCase => {
    const af = d.fields(a, 'main.alertTestCase', ['eval_time', 'alertname', 'exp_alerts']);
    const expAlerts = d.list(af.get('exp_alerts')).map((e): ExpAlert => {
      const ef = d.fields(e, 'main.alert', ['exp_labels', 'exp_annotations']);
      return { expLabels: d.strMap(ef.get('exp_labels')), expAnnotations: d.strMap(ef.get('exp_annotations')) };
    });
    return { evalTime: d.duration(af.get('eval_time')), alertname: d.str(af.get('alertname')), expAlerts };
  });
  const promqlExprTests = d.list(f.get('promql_expr_test')).map((p): PromqlTestCase => {
    const pf = d.fields(p, 'main.promqlTestCase', ['expr', 'eval_time', 'exp_samples']);
    const expSamples = d.list(pf.get('exp_samples')).map((s): ExpSample => {
      const sf = d.fields(s, 'main.sample', ['labels', 'value', 'histogram']);
      return { labels: d.str(sf.get('labels')), value: d.num(sf.get('value')), histogram: d.str(sf.get('histogram')) };
    });
    return { expr: d.str(pf.get('expr')), evalTime: d.duration(pf.get('eval_time')), expSamples };
  });
  let startTimestamp: number | null = null;
  const st = d.str(f.get('start_timestamp'));
  if (st !== '') {
    try {
      startTimestamp = parseTime(st);
    } catch (e) {
      d.errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  return {
    interval: d.duration(f.get('interval')),
    inputSeries,
    alertRuleTests,
    promqlExprTests,
    externalLabels: Labels.fromObject(d.strMap(f.get('external_labels'))),
    externalURL: d.str(f.get('external_url')),
    name: d.str(f.get('name')),
    startTimestamp,
  };
}

/** Decodes a unit-test file; throws Error with yaml's texts. */
export function parseUnitTestFile(text: string, strict = true): UnitTestFile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new Error(`yaml: line ${e?.linePos?.[0]?.line ?? 0}: ${e?.message.split('\n')[0] ?? 'syntax error'}`);
  }
  const d = new Decoder(lc, strict);
  const f = d.fields(doc.contents, 'main.unitTestFile', ['rule_files', 'evaluation_interval', 'group_eval_order', 'tests', 'fuzzy_compare']);
  const out: UnitTestFile = {
    ruleFiles: d.list(f.get('rule_files')).map((n) => d.str(n)),
    evaluationInterval: d.duration(f.get('evaluation_interval')),
    groupEvalOrder: d.list(f.get('group_eval_order')).map((n) => d.str(n)),
    tests: d.list(f.get('tests')).map((n) => decodeGroup(d, n)),
    fuzzyCompare: d.bool(f.get('fuzzy_compare')),
  };
  if (d.errors.length > 0) throw new Error(`yaml: unmarshal errors:\n  ${d.errors.join('\n  ')}`);
  return out;
}
