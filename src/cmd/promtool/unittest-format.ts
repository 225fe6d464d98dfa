/**
 * The texts `test rules` prints, as promtool does: Go durations, alert lists, samples with
 * %E floats and histograms as test expressions.
 */
import { type Labels, compareLabels } from '../../model/labels/index.js';
import { formatFloat } from '../../model/strconv/index.js';
import { CounterResetHint, CustomBucketsSchema, type FloatHistogram, type Span } from '../../model/value/index.js';

/** Go's time.Duration.String for a whole number of milliseconds. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  if (rest < 1000) return `${neg ? '-' : ''}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  let out = `${s}s`;
  if (h > 0 || m > 0) out = `${m}m${out}`;
  if (h > 0) out = `${h}h${out}`;
  return (neg ? '-' : '') + out;
}

/** strconv.FormatFloat(v, 'E', -1, 64). */
export function formatFloatE(v: number): string {
  if (!Number.isFinite(v)) return formatFloat(v);
  return formatFloat(v, 'e', -1).toUpperCase();
}

export interface LabelsAndAnnotations {
  labels: Labels;
  annotations: Labels;
}

export function compareAlerts(a: LabelsAndAnnotations, b: LabelsAndAnnotations): number {
  const d = compareLabels(a.labels, b.labels);
  return d !== 0 ? d : compareLabels(a.annotations, b.annotations);
}

export function indentLines(lines: string, indent: string): string {
  return lines.split('\n').join('\n' + indent);
}

export function alertsString(la: readonly LabelsAndAnnotations[]): string {
  if (la.length === 0) return '[]';
  const parts = la.map((a, i) => `${i}:` + indentLines(`\nLabels:${a.labels.toString()}\nAnnotations:${a.annotations.toString()}`, '  '));
  return `[\n${parts.join(',\n')}\n]`;
}

function sparse(spans: readonly Span[], buckets: readonly number[]): [number, number][] {
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

function bucketText(out: string[], key: string, offsetKey: string, spans: readonly Span[], buckets: readonly number[]): void {
  const sp = sparse(spans, buckets);
  const first = sp[0];
  const last = sp[sp.length - 1];
  if (first === undefined || last === undefined) return;
  const dense = new Array<number>(last[0] - first[0] + 1).fill(0);
  for (const [i, v] of sp) dense[i - first[0]] = v;
  if (first[0] !== 0) out.push(`${offsetKey}:${first[0]}`);
  out.push(`${key}:[${dense.map((v) => formatFloat(v)).join(' ')}]`);
}

const HINTS: Partial<Record<CounterResetHint, string>> = {
  [CounterResetHint.CounterReset]: 'reset',
  [CounterResetHint.NotCounterReset]: 'not_reset',
  [CounterResetHint.Gauge]: 'gauge',
};

/** FloatHistogram.TestExpression ('' for no histogram). */
export function histogramTestExpression(h: FloatHistogram | null | undefined): string {
  if (!h) return '';
  const out: string[] = [];
  if (h.schema !== 0) out.push(`schema:${h.schema}`);
  if (h.count !== 0) out.push(`count:${formatFloat(h.count)}`);
  if (h.sum !== 0) out.push(`sum:${formatFloat(h.sum)}`);
  if (h.zeroCount !== 0) out.push(`z_bucket:${formatFloat(h.zeroCount)}`);
  if (h.zeroThreshold !== 0) out.push(`z_bucket_w:${formatFloat(h.zeroThreshold)}`);
  if (h.schema === CustomBucketsSchema) out.push(`custom_values:[${h.customValues.map((v) => formatFloat(v)).join(' ')}]`);
  const hint = HINTS[h.counterResetHint];
  if (hint) out.push(`counter_reset_hint:${hint}`);
  bucketText(out, 'buckets', 'offset', h.positiveSpans, h.positiveBuckets);
  bucketText(out, 'n_buckets', 'n_offset', h.negativeSpans, h.negativeBuckets);
  return `{{${out.join(' ')}}}`;
}

export interface ParsedSample {
  labels: Labels;
  value: number;
  histogram: string;
}

export function samplesString(ss: readonly ParsedSample[]): string {
  if (ss.length === 0) return 'nil';
  return ss.map((s) => `${s.labels.toString()} ${s.histogram !== '' ? s.histogram : formatFloatE(s.value)}`).join(', ');
}
