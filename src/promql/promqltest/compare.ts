/**
 * Comparing a query result with an eval's expectation (upstream evalCmd.compareResult):
 * series as label sets (order only with `ordered`), floats within relative error 1e-6
 * (util/almost), histograms on schema/count/sum/custom bounds/zero bucket/buckets, and the
 * counter reset hint only when the expectation spells it out.
 */
import { compareLabels } from '../../model/labels/index.js';
import { formatFloat } from '../../model/strconv/index.js';
import { CustomBucketsSchema, type FloatHistogram } from '../../model/value/index.js';
import { almostEqual as almostEqualWithin } from '../functions/index.js';
import type { Matrix, Sample, Series, Value, Vector } from '../value/index.js';
import { type EvalCmd, type SequenceValue, isOrdered } from './commands.js';
import { formatHistogram, formatLabels, formatSeriesResult, sparseBuckets } from './format.js';

const DEFAULT_EPSILON = 0.000001;

/** util/almost.Equal with the runner's epsilon. */
export function almostEqual(a: number, b: number, epsilon = DEFAULT_EPSILON): boolean {
  return almostEqualWithin(a, b, epsilon);
}

function bucketsMatch(a: [number, number][], b: [number, number][]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as [number, number];
    const y = b[i] as [number, number];
    if (x[0] !== y[0] || !almostEqual(x[1], y[1])) return false;
  }
  return true;
}

function customBoundsMatch(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Upstream compareNativeHistogram on compacted histograms. Compact(0) drops empty buckets,
 * so comparing spans and buckets is comparing the non-empty buckets by absolute index.
 */
export function histogramsMatch(exp: FloatHistogram, cur: FloatHistogram, hintSet: boolean): boolean {
  if (exp.schema !== cur.schema || !almostEqual(exp.count, cur.count) || !almostEqual(exp.sum, cur.sum)) return false;
  if (exp.schema === CustomBucketsSchema && !customBoundsMatch(exp.customValues, cur.customValues)) return false;
  if (exp.zeroThreshold !== cur.zeroThreshold || !almostEqual(exp.zeroCount, cur.zeroCount)) return false;
  if (!bucketsMatch(sparseBuckets(exp.negativeSpans, exp.negativeBuckets), sparseBuckets(cur.negativeSpans, cur.negativeBuckets))) {
    return false;
  }
  if (!bucketsMatch(sparseBuckets(exp.positiveSpans, exp.positiveBuckets), sparseBuckets(cur.positiveSpans, cur.positiveBuckets))) {
    return false;
  }
  return !hintSet || exp.counterResetHint === cur.counterResetHint;
}

export function assertMatrixSorted(m: Matrix): string | null {
  for (let i = 0; i + 1 < m.length; i++) {
    const a = (m[i] as Series).metric;
    const b = (m[i + 1] as Series).metric;
    if (compareLabels(a, b) > 0) {
      return (
        `matrix results should always be sorted by labels, but matrix is not sorted: series at index ${i + 1} ` +
        `with labels ${formatLabels(b)} sorts before series at index ${i} with labels ${formatLabels(a)}`
      );
    }
  }
  return null;
}

function seqText(vals: SequenceValue[]): string {
  return `[${vals.map((v) => (v.omitted ? '_' : v.histogram ? formatHistogram(v.histogram) : formatFloat(v.value))).join(' ')}]`;
}

function compareSeries(ev: EvalCmd, s: Series, vals: SequenceValue[]): string | null {
  const name = formatLabels(s.metric);
  const expF: [number, number][] = [];
  const expH: [number, FloatHistogram, boolean][] = [];
  for (let i = 0; i < vals.length; i++) {
    const e = vals[i] as SequenceValue;
    const t = ev.start + i * ev.step;
    if (ev.end === null || t > ev.end) {
      return `expected ${vals.length} points for ${name}, but query time range cannot return this many points`;
    }
    if (e.histogram) expH.push([t, e.histogram, e.counterResetHintSet]);
    else if (!e.omitted) expF.push([t, e.value]);
  }
  if (expF.length !== s.floats.length || expH.length !== s.histograms.length) {
    return `expected ${expF.length} float points and ${expH.length} histogram points for ${name}, but got ${formatSeriesResult(s)}`;
  }
  for (let i = 0; i < expF.length; i++) {
    const [et, ef] = expF[i] as [number, number];
    const at = s.floats.t[i] as number;
    const af = s.floats.f[i] as number;
    if (et !== at) {
      return `expected float value at index ${i} for ${name} to have timestamp ${et}, but it had timestamp ${at} (result has ${formatSeriesResult(s)})`;
    }
    if (!almostEqual(af, ef)) {
      return `expected float value at index ${i} (t=${at}) for ${name} to be ${formatFloat(ef)}, but got ${formatFloat(af)} (result has ${formatSeriesResult(s)})`;
    }
  }
  for (let i = 0; i < expH.length; i++) {
    const [et, eh, hintSet] = expH[i] as [number, FloatHistogram, boolean];
    const a = s.histograms[i] as { t: number; h: FloatHistogram };
    if (et !== a.t) {
      return `expected histogram value at index ${i} for ${name} to have timestamp ${et}, but it had timestamp ${a.t} (result has ${formatSeriesResult(s)})`;
    }
    if (!histogramsMatch(eh, a.h, hintSet)) {
      return `expected histogram value at index ${i} (t=${a.t}) for ${name} to be ${formatHistogram(eh)}, but got ${formatHistogram(a.h)} (result has ${formatSeriesResult(s)})`;
    }
  }
  return null;
}

function compareMatrix(ev: EvalCmd, m: Matrix, ordered: boolean): string | null {
  if (ordered) return 'expected ordered result, but query returned a matrix';
  if (ev.expectScalar) return `expected scalar result, but got matrix ${m.map((s) => formatLabels(s.metric)).join(', ')}`;
  const sorted = assertMatrixSorted(m);
  if (sorted) return sorted;
  const seen = new Set<string>();
  for (const s of m) {
    const k = s.metric.key();
    const exp = ev.expected.get(k);
    if (!exp) return `unexpected metric ${formatLabels(s.metric)} in result, has ${formatSeriesResult(s)}`;
    seen.add(k);
    const err = compareSeries(ev, s, exp.vals);
    if (err) return err;
  }
  for (const [k, l] of ev.metrics) if (!seen.has(k)) return `expected metric ${formatLabels(l)} not found`;
  return null;
}

function compareSample(ev: EvalCmd, v: Sample, pos: number, ordered: boolean): string | null {
  const exp = ev.expected.get(v.metric.key());
  const name = formatLabels(v.metric);
  if (!exp) {
    return `unexpected metric ${name} in result, has value ${v.h ? formatHistogram(v.h) : formatFloat(v.f)}`;
  }
  if (ordered && exp.pos !== pos + 1) {
    return `expected metric ${name} with ${seqText(exp.vals)} at position ${exp.pos} but was at ${pos + 1}`;
  }
  const e0 = exp.vals[0];
  if (!e0) return `expected metric ${name} has no values`;
  if (!e0.histogram && v.h) return `expected float value ${seqText([e0])} for ${name} but got histogram ${formatHistogram(v.h)}`;
  if (e0.histogram && !v.h) return `expected histogram ${formatHistogram(e0.histogram)} for ${name} but got float value ${formatFloat(v.f)}`;
  if (e0.histogram && v.h && !histogramsMatch(e0.histogram, v.h, e0.counterResetHintSet)) {
    return `expected ${formatHistogram(e0.histogram)} for ${name} but got ${formatHistogram(v.h)}`;
  }
  const af = v.h ? 0 : v.f;
  if (!almostEqual(e0.value, af)) return `expected ${formatFloat(e0.value)} for ${name} but got ${formatFloat(af)}`;
  return null;
}

function compareVector(ev: EvalCmd, vec: Vector, ordered: boolean): string | null {
  if (ev.expectScalar) return `expected scalar result, but got vector ${vec.map((s) => formatLabels(s.metric)).join(', ')}`;
  const seen = new Set<string>();
  for (let pos = 0; pos < vec.length; pos++) {
    const v = vec[pos] as Sample;
    const err = compareSample(ev, v, pos, ordered);
    if (err) return err;
    seen.add(v.metric.key());
  }
  for (const [k, e] of ev.expected) {
    if (seen.has(k)) continue;
    const l = ev.metrics.get(k);
    return `expected metric ${l ? formatLabels(l) : '{}'} with ${seqText(e.vals)} not found`;
  }
  return null;
}

/**
 * Compares a result value with the eval's expectation. `ordered` is false for the range-mode
 * cross-check (range results are sorted by labels). Returns an error text or null.
 */
export function compareResult(ev: EvalCmd, v: Value, ordered = isOrdered(ev)): string | null {
  switch (v.type) {
    case 'matrix':
      return compareMatrix(ev, v.value, ordered);
    case 'vector':
      return compareVector(ev, v.value, ordered);
    case 'scalar': {
      if (!ev.expectScalar) return `expected vector or matrix result, but got scalar ${formatFloat(v.value.v)}`;
      const e0 = ev.scalar?.vals[0];
      if (!e0) return 'expected scalar has no value';
      if (e0.histogram) return `expected histogram ${formatHistogram(e0.histogram)} but got scalar ${formatFloat(v.value.v)}`;
      if (!almostEqual(e0.value, v.value.v)) return `expected scalar ${formatFloat(e0.value)} but got ${formatFloat(v.value.v)}`;
      return null;
    }
    case 'string':
      if (ev.expectedString !== v.value.v) return `expected string "${ev.expectedString}" but got "${v.value.v}"`;
      return null;
  }
}
