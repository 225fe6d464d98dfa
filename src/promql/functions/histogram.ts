/**
 * histogram_quantile, histogram_quantiles and histogram_fraction on classic histograms (series
 * grouped by their labels minus `le`), and the native-histogram readers histogram_count, _sum,
 * _avg. TODO(native histograms): quantiles, fractions and histogram_stddev/_stdvar of native
 * histogram samples need the bucket iterators of the native-histogram issue; until then native
 * samples yield no output here (as they do for float-only functions).
 */
import { MetricName, type Labels } from '../../model/labels/index.js';
import { formatFloat, formatOpenMetricsFloat, NumError, parseGoFloat } from '../../model/strconv/index.js';
import type { Expr } from '../parser/index.js';
import type { Annotations, Sample, Vector } from '../value/index.js';
import {
  badBucketLabelWarning,
  histogramQuantileForcedMonotonicityBase,
  invalidQuantileWarning,
  mixedClassicNativeHistogramsWarning,
} from './annotation-messages.js';
import { addMergedAnnotation } from './merged-annotation.js';
import { dropMetadataLabels, metricName } from './metric-labels.js';
import { bucketFraction, bucketQuantile, ClassicBuckets, type BucketQuantileResult } from './quantile.js';
import { argPosition } from './range-window.js';
import type { EvalNodeHelper, FunctionCall, FunctionTable } from './function-call.js';
import { stringArg } from './string-arg.js';

const BUCKET_LABEL = 'le';

interface ClassicHistogram {
  metric: Labels;
  buckets: ClassicBuckets;
}

/**
 * Per call node: the classic histograms (kept across steps) and this step's native samples.
 * The input vector usually holds the same series at the same positions step after step, so
 * each position remembers its last series' group and upper bound.
 */
class HistogramGroups {
  readonly classic = new Map<string, ClassicHistogram>();
  native: Sample[] = [];
  readonly posMetric: (Labels | undefined)[] = [];
  readonly posGroup: ClassicHistogram[] = [];
  readonly posUpper: number[] = [];

  /** The group of a bucket series and its upper bound; null for a bad `le` label. */
  group(k: number, metric: Labels): ClassicHistogram | null {
    if (this.posMetric[k] === metric) return this.posGroup[k] as ClassicHistogram;
    const info = bucketSeriesInfo(metric);
    if (info.upperBound === null) return null;
    let c = this.classic.get(info.key);
    if (c === undefined) {
      c = { metric: metric.without(BUCKET_LABEL), buckets: new ClassicBuckets() };
      this.classic.set(info.key, c);
    }
    this.posMetric[k] = metric;
    this.posGroup[k] = c;
    this.posUpper[k] = info.upperBound;
    return c;
  }

  /** Drops a group (a native histogram with the same labels cancels it). */
  drop(key: string): void {
    this.classic.delete(key);
    this.posMetric.length = 0;
  }
}

/** What a bucket series contributes to grouping: its upper bound (null: bad `le`) and group key. */
interface BucketSeriesInfo {
  upperBound: number | null;
  key: string;
}

/** Per Labels object (immutable), so a series is parsed once, not at every step. */
const bucketInfoCache = new WeakMap<Labels, BucketSeriesInfo>();

function bucketSeriesInfo(metric: Labels): BucketSeriesInfo {
  let info = bucketInfoCache.get(metric);
  if (info === undefined) {
    info = { upperBound: bucketUpperBound(metric.get(BUCKET_LABEL)), key: signatureWithoutLe(metric) };
    bucketInfoCache.set(metric, info);
  }
  return info;
}

/** The grouping key of a bucket series: its labels without `le` (as Labels.key() would give). */
function signatureWithoutLe(metric: Labels): string {
  const p = metric.pairs;
  let key = '';
  let first = true;
  for (let i = 0; i < p.length; i += 2) {
    if (p[i] === BUCKET_LABEL) continue;
    key += first ? `${p[i]}\xff${p[i + 1]}` : `\xff${p[i]}\xff${p[i + 1]}`;
    first = false;
  }
  return key;
}

/**
 * resetHistograms: sorts this step's input into classic bucket groups and native samples;
 * a native histogram with the same labels as a classic one cancels both (with a warning).
 */
function resetHistograms(inVec: Vector, arg: Expr | undefined, enh: EvalNodeHelper, annos: Annotations): HistogramGroups {
  let g = enh.cache.get('histogram-groups');
  if (!(g instanceof HistogramGroups)) {
    g = new HistogramGroups();
    enh.cache.set('histogram-groups', g);
  }
  const groups = g as HistogramGroups;
  for (const c of groups.classic.values()) c.buckets.clear();
  if (groups.native.length > 0) groups.native = [];
  const pos = arg === undefined ? null : argPosition([arg]);
  const delayed = enh.enableDelayedNameRemoval;
  for (let k = 0; k < inVec.length; k++) {
    const s = inVec[k] as Sample;
    if (s.h !== null) {
      groups.native.push(s);
      continue;
    }
    const c = groups.group(k, s.metric);
    if (c === null) {
      annos.warn(badBucketLabelWarning(delayed ? metricName(s.metric) : '', s.metric.get(BUCKET_LABEL)), pos);
      continue;
    }
    c.buckets.push(groups.posUpper[k] as number, s.f);
  }
  if (groups.native.length === 0) return groups;
  groups.native = groups.native.filter((s) => {
    const key = s.metric.key();
    const c = groups.classic.get(key);
    if (c === undefined || c.buckets.length === 0) return true;
    annos.warn(mixedClassicNativeHistogramsWarning(delayed ? metricName(s.metric) : ''), pos);
    groups.drop(key);
    return false;
  });
  return groups;
}

/** The `le` label's value as strconv.ParseFloat reads it; null when it is not a number. */
function bucketUpperBound(le: string): number | null {
  try {
    return parseGoFloat(le);
  } catch (e) {
    if (e instanceof NumError) return null;
    throw e;
  }
}

function outputMetric(enh: EvalNodeHelper, c: ClassicHistogram): Labels {
  if (!enh.enableDelayedNameRemoval) c.metric = dropMetadataLabels(c.metric);
  return c.metric;
}

interface MonotonicityNote {
  minTs: number;
  maxTs: number;
  minBucket: number;
  maxBucket: number;
  maxDiff: number;
  count: number;
}

function rfc3339(ms: number): string {
  return new Date(Math.trunc(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The forced-monotonicity info, merged over all steps and groups of this call. */
function noteForcedMonotonicity(annos: Annotations, enh: EvalNodeHelper, c: ClassicHistogram, arg: Expr | undefined, r: BucketQuantileResult): void {
  const base = histogramQuantileForcedMonotonicityBase(enh.enableDelayedNameRemoval ? metricName(c.metric) : '');
  const note: MonotonicityNote = {
    minTs: enh.ts,
    maxTs: enh.ts,
    minBucket: r.minBucket,
    maxBucket: r.maxBucket,
    maxDiff: r.maxDiff,
    count: 1,
  };
  addMergedAnnotation(
    annos,
    enh,
    `hq-monotonicity\x00${base}`,
    'info',
    arg === undefined ? null : argPosition([arg]),
    note,
    (a, b) => ({
      minTs: Math.min(a.minTs, b.minTs),
      maxTs: Math.max(a.maxTs, b.maxTs),
      minBucket: Math.min(a.minBucket, b.minBucket),
      maxBucket: Math.max(a.maxBucket, b.maxBucket),
      maxDiff: Math.max(a.maxDiff, b.maxDiff),
      count: a.count + b.count,
    }),
    (n) =>
      `${base}, from buckets ${formatFloat(n.minBucket)} to ${formatFloat(n.maxBucket)}, with a max diff of ${formatFloat(n.maxDiff, 'g', 2)}, over ${n.count} samples from ${rfc3339(n.minTs)} to ${rfc3339(n.maxTs)}`,
  );
}

function checkQuantile(q: number, arg: Expr | undefined, annos: Annotations): void {
  if (Number.isNaN(q) || q < 0 || q > 1) annos.warn(invalidQuantileWarning(q), arg === undefined ? null : argPosition([arg]));
}

function classicQuantile(q: number, c: ClassicHistogram, arg: Expr | undefined, enh: EvalNodeHelper, annos: Annotations): number {
  const r = bucketQuantile(q, c.buckets);
  if (r.forcedMonotonic) noteForcedMonotonicity(annos, enh, c, arg, r);
  return r.quantile;
}

const funcHistogramQuantile: FunctionCall = (vectorVals, _m, args, enh, annos) => {
  const qv = vectorVals[0];
  if (vectorVals.length < 2 || qv === undefined || qv.length === 0) return enh.out;
  const q = (qv[0] as Sample).f;
  checkQuantile(q, args[0], annos);
  const groups = resetHistograms(vectorVals[1] ?? [], args[1], enh, annos);
  for (const c of groups.classic.values()) {
    if (c.buckets.length === 0) continue;
    const f = classicQuantile(q, c, args[1], enh, annos);
    enh.out.push({ metric: outputMetric(enh, c), t: enh.ts, f, h: null, dropName: true });
  }
  return enh.out;
};

const funcHistogramQuantiles: FunctionCall = (vectorVals, _m, args, enh, annos) => {
  const label = stringArg(args[1]);
  const qs: number[] = [];
  for (let i = 2; i < vectorVals.length; i++) {
    const q = vectorVals[i]?.[0]?.f ?? NaN;
    checkQuantile(q, args[i], annos);
    qs.push(q);
  }
  const groups = resetHistograms(vectorVals[0] ?? [], args[0], enh, annos);
  for (const q of qs) {
    const qStr = formatOpenMetricsFloat(q);
    for (const c of groups.classic.values()) {
      if (c.buckets.length === 0) continue;
      const f = classicQuantile(q, c, args[0], enh, annos);
      enh.out.push({ metric: outputMetric(enh, c).with(label, qStr), t: enh.ts, f, h: null, dropName: true });
    }
  }
  return enh.out;
};

const funcHistogramFraction: FunctionCall = (vectorVals, _m, args, enh, annos) => {
  const lo = vectorVals[0]?.[0];
  const hi = vectorVals[1]?.[0];
  if (vectorVals.length < 3 || lo === undefined || hi === undefined) return enh.out;
  const groups = resetHistograms(vectorVals[2] ?? [], args[2], enh, annos);
  for (const c of groups.classic.values()) {
    if (c.buckets.length === 0) continue;
    const f = bucketFraction(lo.f, hi.f, c.buckets);
    enh.out.push({ metric: outputMetric(enh, c), t: enh.ts, f, h: null, dropName: true });
  }
  return enh.out;
};

/** simpleHistogramFunc: f of every histogram sample; only __name__ is dropped. */
function histogramFunc(f: (count: number, sum: number) => number): FunctionCall {
  return (vectorVals, _m, _a, enh) => {
    for (const el of vectorVals[0] ?? []) {
      if (el.h === null) continue;
      const metric = enh.enableDelayedNameRemoval ? el.metric : el.metric.without(MetricName);
      enh.out.push({ metric, t: enh.ts, f: f(el.h.count, el.h.sum), h: null, dropName: true });
    }
    return enh.out;
  };
}

/** TODO(native histograms): needs bucket iteration; yields nothing for now. */
const funcHistogramVarianceTodo: FunctionCall = (_v, _m, _a, enh) => enh.out;

export const HISTOGRAM_FUNCTIONS: FunctionTable = {
  histogram_quantile: funcHistogramQuantile,
  histogram_quantiles: funcHistogramQuantiles,
  histogram_fraction: funcHistogramFraction,
  histogram_count: histogramFunc((count) => count),
  histogram_sum: histogramFunc((_count, sum) => sum),
  histogram_avg: histogramFunc((count, sum) => sum / count),
  histogram_stddev: funcHistogramVarianceTodo,
  histogram_stdvar: funcHistogramVarianceTodo,
};
