/**
 * Text forms used in failure messages and in the expected/actual blocks: floats as Go's %g
 * prints them, label sets, histograms as test-script literals, and results as script lines.
 */
import { formatFloat, goQuote } from '../../model/strconv/index.js';
import { CounterResetHint, CustomBucketsSchema, type FloatHistogram, type Span } from '../../model/value/index.js';
import type { Labels } from '../../model/labels/index.js';
import type { Series, Value } from '../value/index.js';

/** Go's %v of a []float64: `[1 2 3]`. */
export function formatFloatList(vs: readonly number[]): string {
  return `[${vs.map((v) => formatFloat(v)).join(' ')}]`;
}

/** Label set as Prometheus's labels.Labels String(): `{__name__="x", a="b"}`. */
export function formatLabels(l: Labels): string {
  return l.toString();
}

const PLAIN_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Series as written in a test script: `name{a="b"}` or `{a="b"}`. */
export function formatMetric(l: Labels): string {
  const name = l.get('__name__');
  const parts: string[] = [];
  let prefix = '';
  if (name !== '' && PLAIN_NAME.test(name)) prefix = name;
  l.forEach((n, v) => {
    if (n === '__name__' && prefix !== '') return;
    parts.push(`${n}=${goQuote(v)}`);
  });
  if (prefix !== '' && parts.length === 0) return prefix;
  return `${prefix}{${parts.join(', ')}}`;
}

/** Absolute bucket indices and counts of the non-empty buckets, in index order. */
export function sparseBuckets(spans: readonly Span[], buckets: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  let idx = 0;
  let b = 0;
  for (const s of spans) {
    idx += s.offset;
    for (let j = 0; j < s.length; j++, idx++, b++) {
      const v = buckets[b] ?? 0;
      if (v !== 0) out.push([idx, v]);
    }
  }
  return out;
}

function bucketPart(out: string[], key: string, offsetKey: string, spans: readonly Span[], buckets: readonly number[]): void {
  const sparse = sparseBuckets(spans, buckets);
  if (sparse.length === 0) return;
  const first = (sparse[0] as [number, number])[0];
  const last = (sparse[sparse.length - 1] as [number, number])[0];
  const dense: number[] = new Array<number>(last - first + 1).fill(0);
  for (const [i, v] of sparse) dense[i - first] = v;
  if (first !== 0) out.push(`${offsetKey}:${first}`);
  out.push(`${key}:[${dense.map((v) => formatFloat(v)).join(' ')}]`);
}

const HINT_TEXT: Record<CounterResetHint, string | null> = {
  [CounterResetHint.Unknown]: null,
  [CounterResetHint.CounterReset]: 'reset',
  [CounterResetHint.NotCounterReset]: 'not_reset',
  [CounterResetHint.Gauge]: 'gauge',
};

/** A histogram as a test-script literal (upstream FloatHistogram.TestExpression). */
export function formatHistogram(h: FloatHistogram): string {
  const out: string[] = [];
  if (h.schema !== 0) out.push(`schema:${h.schema}`);
  if (h.count !== 0) out.push(`count:${formatFloat(h.count)}`);
  if (h.sum !== 0) out.push(`sum:${formatFloat(h.sum)}`);
  if (h.zeroCount !== 0) out.push(`z_bucket:${formatFloat(h.zeroCount)}`);
  if (h.zeroThreshold !== 0) out.push(`z_bucket_w:${formatFloat(h.zeroThreshold)}`);
  if (h.schema === CustomBucketsSchema) out.push(`custom_values:${formatFloatList(h.customValues)}`);
  const hint = HINT_TEXT[h.counterResetHint];
  if (hint) out.push(`counter_reset_hint:${hint}`);
  bucketPart(out, 'buckets', 'offset', h.positiveSpans, h.positiveBuckets);
  bucketPart(out, 'n_buckets', 'n_offset', h.negativeSpans, h.negativeBuckets);
  return `{{${out.join(' ')}}}`;
}

/** Upstream's formatSeriesResult: `2 float points [1 @[0] 2 @[60000]] and 0 histogram points []`. */
export function formatSeriesResult(s: Series): string {
  const nf = s.floats.length;
  const nh = s.histograms.length;
  const floats: string[] = [];
  for (let i = 0; i < nf; i++) floats.push(`${formatFloat(s.floats.f[i] as number)} @[${s.floats.t[i] as number}]`);
  const hists = s.histograms.map((p) => `${formatHistogram(p.h)} @[${p.t}]`);
  return (
    `${nf} float point${nf === 1 ? '' : 's'} [${floats.join(' ')}] and ` +
    `${nh} histogram point${nh === 1 ? '' : 's'} [${hists.join(' ')}]`
  );
}

/** Steps of a range (inclusive) used to lay out matrix rows; null when not aligned to a grid. */
export interface StepGrid {
  start: number;
  end: number;
  step: number;
}

function matrixRow(s: Series, grid: StepGrid | null): string {
  const byT = new Map<number, string>();
  for (let i = 0; i < s.floats.length; i++) byT.set(s.floats.t[i] as number, formatFloat(s.floats.f[i] as number));
  for (const p of s.histograms) byT.set(p.t, formatHistogram(p.h));
  if (grid && grid.step > 0 && (grid.end - grid.start) / grid.step <= 10000) {
    const cells: string[] = [];
    let used = 0;
    for (let t = grid.start; t <= grid.end; t += grid.step) {
      const c = byT.get(t);
      if (c !== undefined) used++;
      cells.push(c ?? '_');
    }
    if (used === byT.size) return `${formatMetric(s.metric)} ${cells.join(' ')}`;
  }
  const pts = [...byT.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => `${v}@${t}`);
  return `${formatMetric(s.metric)} ${pts.join(' ')}`;
}

/** A query result as test-script lines (what the expected block would have to say). */
export function formatValue(v: Value, grid: StepGrid | null): string {
  switch (v.type) {
    case 'scalar':
      return formatFloat(v.value.v);
    case 'string':
      return `expect string ${goQuote(v.value.v)}`;
    case 'vector':
      if (v.value.length === 0) return '(empty vector)';
      return v.value
        .map((s) => `${formatMetric(s.metric)} ${s.h ? formatHistogram(s.h) : formatFloat(s.f)}`)
        .join('\n');
    case 'matrix':
      if (v.value.length === 0) return '(empty matrix)';
      return v.value.map((s) => matrixRow(s, grid)).join('\n');
  }
}
