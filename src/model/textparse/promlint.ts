/**
 * Metric linting as client_golang's promlint does it (the default validations Prometheus 3's
 * promtool uses): help text, base units, counter/gauge suffixes, reserved histogram/summary names
 * and labels, type in name, colons, camelCase, abbreviated units, duplicate series. Problems are
 * sorted by metric name, then text.
 */
import type { FamilyType, MetricFamily } from './metric-families.js';

export interface LintProblem {
  metric: string;
  text: string;
}

type Validation = (mf: MetricFamily) => string[];

const UNITS: Readonly<Record<string, string>> = {
  amperes: 'amperes',
  bytes: 'bytes',
  celsius: 'celsius',
  grams: 'grams',
  joules: 'joules',
  kelvin: 'kelvin',
  meters: 'meters',
  metres: 'metres',
  seconds: 'seconds',
  volts: 'volts',
  minutes: 'seconds',
  hours: 'seconds',
  days: 'seconds',
  weeks: 'seconds',
  kelvins: 'kelvin',
  fahrenheit: 'celsius',
  rankine: 'celsius',
  inches: 'meters',
  yards: 'meters',
  miles: 'meters',
  bits: 'bytes',
  calories: 'joules',
  pounds: 'grams',
  ounces: 'grams',
};
const UNIT_PREFIXES = ['pico', 'nano', 'micro', 'milli', 'centi', 'deci', 'deca', 'hecto', 'kilo', 'kibi', 'mega', 'mibi', 'giga', 'gibi', 'tera', 'tebi', 'peta', 'pebi'];
const UNIT_ABBREVIATIONS = ['s', 'ms', 'us', 'ns', 'sec', 'b', 'kb', 'mb', 'gb', 'tb', 'pb', 'm', 'h', 'd'];
const CAMEL_CASE = /[a-z][A-Z]/;

function typeOf(mf: MetricFamily): FamilyType {
  return mf.type ?? 'COUNTER';
}

function metricUnits(name: string): [unit: string, base: string] | null {
  for (const s of name.split('_')) {
    const base = Object.hasOwn(UNITS, s) ? UNITS[s] : undefined;
    if (base !== undefined) return [s, base];
    for (const p of UNIT_PREFIXES) {
      if (!s.startsWith(p)) continue;
      const rest = s.slice(p.length);
      const b = Object.hasOwn(UNITS, rest) ? UNITS[rest] : undefined;
      if (b !== undefined) return [s, b];
    }
  }
  return null;
}

function goQ(s: string): string {
  return JSON.stringify(s);
}

const lintHelp: Validation = (mf) => (mf.help === null ? ['no help text'] : []);

const lintMetricUnits: Validation = (mf) => {
  const u = metricUnits(mf.name);
  if (u === null || u[0] === u[1]) return [];
  return [`use base unit ${goQ(u[1])} instead of ${goQ(u[0])}`];
};

const lintCounter: Validation = (mf) => {
  const t = typeOf(mf);
  const total = mf.name.endsWith('_total');
  if (t === 'COUNTER' && !total) return ['counter metrics should have "_total" suffix'];
  if (t !== 'UNTYPED' && t !== 'COUNTER' && total) return ['non-counter metrics should not have "_total" suffix'];
  return [];
};

const lintGauge: Validation = (mf) => {
  const t = typeOf(mf);
  if (t !== 'UNTYPED' && t !== 'GAUGE' && mf.name.endsWith('_timestamp_seconds')) {
    return ['non-gauge metrics should not have "_timestamp_seconds" suffix'];
  }
  return [];
};

const lintHistogramSummaryReserved: Validation = (mf) => {
  const t = typeOf(mf);
  if (t === 'UNTYPED') return [];
  const out: string[] = [];
  const hist = t === 'HISTOGRAM';
  const summary = t === 'SUMMARY';
  const n = mf.name;
  if (!hist && n.endsWith('_bucket')) out.push('non-histogram metrics should not have "_bucket" suffix');
  if (!hist && !summary && n.endsWith('_count')) out.push('non-histogram and non-summary metrics should not have "_count" suffix');
  if (!hist && !summary && n.endsWith('_sum')) out.push('non-histogram and non-summary metrics should not have "_sum" suffix');
  for (const m of mf.metrics) {
    for (const [ln] of m.labels) {
      if (!hist && ln === 'le') out.push('non-histogram metrics should not have "le" label');
      if (!summary && ln === 'quantile') out.push('non-summary metrics should not have "quantile" label');
    }
  }
  return out;
};

const lintMetricTypeInName: Validation = (mf) => {
  const t = typeOf(mf);
  if (t === 'UNTYPED') return [];
  const n = mf.name.toLowerCase();
  const typename = t.toLowerCase();
  return n.includes(`_${typename}_`) || n.endsWith(`_${typename}`) ? [`metric name should not include type '${typename}'`] : [];
};

const lintReservedChars: Validation = (mf) => (mf.name.includes(':') ? ["metric names should not contain ':'"] : []);

const lintCamelCase: Validation = (mf) => {
  const out: string[] = [];
  if (CAMEL_CASE.test(mf.name)) out.push("metric names should be written in 'snake_case' not 'camelCase'");
  for (const m of mf.metrics) {
    for (const [ln] of m.labels) {
      if (CAMEL_CASE.test(ln)) out.push("label names should be written in 'snake_case' not 'camelCase'");
    }
  }
  return out;
};

const lintUnitAbbreviations: Validation = (mf) => {
  const n = mf.name.toLowerCase();
  const out: string[] = [];
  for (const s of UNIT_ABBREVIATIONS) {
    if (n.includes(`_${s}_`) || n.endsWith(`_${s}`)) out.push('metric names should not contain abbreviated units');
  }
  return out;
};

function sameLabels(a: [string, string][], b: [string, string][]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as [string, string];
    const y = b[i] as [string, string];
    if (x[0] !== y[0] || x[1] !== y[1]) return false;
  }
  return true;
}

const lintDuplicateMetric: Validation = (mf) => {
  const out: string[] = [];
  const ms = mf.metrics;
  for (let i = 0; i < ms.length; i++) {
    for (let j = i + 1; j < ms.length; j++) {
      if (sameLabels((ms[i] as (typeof ms)[number]).labels, (ms[j] as (typeof ms)[number]).labels)) {
        out.push('metric not unique');
        break;
      }
    }
  }
  return out;
};

const DEFAULT_VALIDATIONS: readonly Validation[] = [
  lintHelp,
  lintMetricUnits,
  lintCounter,
  lintGauge,
  lintHistogramSummaryReserved,
  lintMetricTypeInName,
  lintReservedChars,
  lintCamelCase,
  lintUnitAbbreviations,
  lintDuplicateMetric,
];

/** promlint's Lint over parsed families. */
export function lintMetricFamilies(families: readonly MetricFamily[]): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const mf of families) {
    for (const v of DEFAULT_VALIDATIONS) for (const text of v(mf)) problems.push({ metric: mf.name, text });
  }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return problems.sort((a, b) => cmp(a.metric, b.metric) || cmp(a.text, b.text));
}
