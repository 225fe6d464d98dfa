/**
 * `load_with_nhcb`: classic histogram series (`_bucket{le=..}`, `_sum`, `_count`) are also
 * loaded as native histograms with custom buckets (schema -53), per timestamp, following
 * upstream util/convertnhcb (cumulative checks, implicit +Inf bucket, count defaults).
 */
import { Labels } from '../../model/labels/index.js';
import { CustomBucketsSchema, FloatHistogram, type Span } from '../../model/value/index.js';
import type { LoadSample, LoadSeries } from './commands.js';

export class NHCBConversionError extends Error {
  override name = 'NHCBConversionError';
}

interface TempBucket {
  le: number;
  count: number;
}

/** One classic histogram at one timestamp, being assembled. */
class TempHistogram {
  buckets: TempBucket[] = [];
  count = 0;
  sum = 0;
  hasCount = false;
  err: string | null = null;

  setBucketCount(le: number, count: number): void {
    if (this.err) return;
    if (count < 0) {
      this.err = `bucket count must be non-negative: le=${le}, count=${count}`;
      return;
    }
    const b = this.buckets;
    const last = b[b.length - 1];
    if (!last || last.le < le) {
      if (last && count < last.count) {
        this.err = `count is not cumulative: ${count} < ${last.count}`;
        return;
      }
      b.push({ le, count });
      return;
    }
    const i = b.findIndex((x) => x.le >= le);
    const at = b[i] as TempBucket;
    if (at.le === le) return;
    const prev = b[i - 1];
    if (prev && count < prev.count) {
      this.err = `count is not cumulative: ${count} < ${prev.count}`;
      return;
    }
    if (count > at.count) {
      this.err = `count is not cumulative: ${count} > ${at.count}`;
      return;
    }
    b.splice(i, 0, { le, count });
  }

  setCount(count: number): void {
    if (this.err) return;
    if (count < 0) {
      this.err = `count must be non-negative: count=${count}`;
      return;
    }
    this.count = count;
    this.hasCount = true;
  }

  setSum(sum: number): void {
    if (!this.err) this.sum = sum;
  }

  convert(): FloatHistogram {
    if (this.err) throw new NHCBConversionError(this.err);
    const b = [...this.buckets];
    let count = this.count;
    if (!this.hasCount && b.length > 0) count = (b[b.length - 1] as TempBucket).count;
    if (b.length === 0 || (b[b.length - 1] as TempBucket).le !== Infinity) b.push({ le: Infinity, count });
    const integer = b.every((x) => Number.isInteger(x.count)) && Number.isInteger(count);
    const lastCount = (b[b.length - 1] as TempBucket).count;
    if (count !== lastCount) throw new NHCBConversionError(`count mismatch: count=${count} != le=+Inf count=${lastCount}`);
    const h = new FloatHistogram();
    h.schema = CustomBucketsSchema;
    h.count = count;
    h.sum = this.sum;
    h.customValues = b.filter((x) => x.le !== Infinity).map((x) => x.le);
    const dense = b.map((x, i) => x.count - (i > 0 ? (b[i - 1] as TempBucket).count : 0));
    const { spans, buckets } = compactDense(dense, integer ? 2 : 0);
    h.positiveSpans = spans;
    h.positiveBuckets = buckets;
    return h;
  }
}

/**
 * Spans and buckets for a dense bucket array starting at index 0, dropping empty buckets at
 * the ends and splitting spans at runs of more than maxEmpty empty buckets (Compact(maxEmpty)).
 */
export function compactDense(dense: readonly number[], maxEmpty: number): { spans: Span[]; buckets: number[] } {
  const spans: Span[] = [];
  const buckets: number[] = [];
  let lastEnd = 0;
  let cur: Span | null = null;
  let i = 0;
  while (i < dense.length) {
    if (dense[i] === 0) {
      let j = i;
      while (j < dense.length && dense[j] === 0) j++;
      if (j < dense.length && cur && j - i <= maxEmpty) {
        for (let k = i; k < j; k++) buckets.push(0);
        cur.length += j - i;
        lastEnd = j;
      }
      i = j;
      continue;
    }
    if (!cur || lastEnd !== i) {
      cur = { offset: i - lastEnd, length: 0 };
      spans.push(cur);
    }
    cur.length++;
    buckets.push(dense[i] as number);
    lastEnd = ++i;
  }
  return { spans, buckets };
}

function suffixOf(name: string): ['bucket' | 'sum' | 'count' | null, string] {
  for (const s of ['bucket', 'sum', 'count'] as const) {
    if (name.endsWith(`_${s}`)) return [s, name.slice(0, -(s.length + 1))];
  }
  return [null, name];
}

/** Go strconv.ParseFloat for an `le` value; NaN when unparsable. */
function parseLe(s: string): number {
  const t = s.trim() === s ? s : '';
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t)) return Number(t);
  return NaN;
}

/** The NHCB series derived from the classic histogram series of one load command. */
export function convertClassicToNHCB(series: Iterable<LoadSeries>): LoadSeries[] {
  const groups = new Map<string, { labels: Labels; byT: Map<number, TempHistogram> }>();
  for (const s of series) {
    const [suffix, base] = suffixOf(s.labels.get('__name__'));
    if (!suffix) continue;
    let le = 0;
    if (suffix === 'bucket') {
      if (!s.labels.has('le')) throw new NHCBConversionError(`expected bucket label in metric ${s.labels.toString()}`);
      le = parseLe(s.labels.get('le'));
      if (Number.isNaN(le)) continue;
    }
    const labels = s.labels.with('__name__', base).without('le');
    let g = groups.get(labels.key());
    if (!g) {
      g = { labels, byT: new Map() };
      groups.set(labels.key(), g);
    }
    for (const smp of s.samples) {
      if (smp.h) continue;
      let th = g.byT.get(smp.t);
      if (!th) {
        th = new TempHistogram();
        g.byT.set(smp.t, th);
      }
      if (suffix === 'bucket') th.setBucketCount(le, smp.f);
      else if (suffix === 'count') th.setCount(smp.f);
      else th.setSum(smp.f);
    }
  }
  const out: LoadSeries[] = [];
  for (const g of groups.values()) {
    const samples: LoadSample[] = [];
    for (const [t, th] of g.byT) samples.push({ t, f: 0, h: th.convert(), st: 0 });
    samples.sort((a, b) => a.t - b.t);
    out.push({ labels: g.labels, samples });
  }
  return out;
}
