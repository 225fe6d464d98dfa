/**
 * The data set of Prometheus's BenchmarkRangeQuery (promql/bench_test.go): a_X, b_X and
 * classic histograms h_X for X in one/ten/hundred, plus `sparse`, one sample every 10 s.
 * Written either as OpenMetrics text (for promtool backfill) or through an Appender.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Labels } from '../../src/model/labels/index.js';
import type { Appendable } from '../../src/storage/index.js';

export type Scale = 'small' | 'full';

export interface DataSpec {
  /** Number of samples per series (upstream: a day plus 10,000 = 18,640). */
  readonly numIntervals: number;
  /** Sample spacing in ms. */
  readonly intervalMs: number;
}

export const INTERVAL_MS = 10_000;

export function dataSpec(scale: Scale): DataSpec {
  return { numIntervals: scale === 'full' ? 8640 + 10000 : 2000, intervalMs: INTERVAL_MS };
}

type LabelObject = Record<string, string>;

/** The series of the data set (without `sparse`) in upstream order: value i/n depends on it. */
export function benchMetrics(): LabelObject[] {
  const out: LabelObject[] = [];
  const histogram = (name: string, extra: LabelObject): void => {
    for (let j = 0; j < 10; j++) out.push({ __name__: name, ...extra, le: String(j) });
    out.push({ __name__: name, ...extra, le: '+Inf' });
  };
  out.push({ __name__: 'a_one' }, { __name__: 'b_one' });
  histogram('h_one', {});
  for (const [suffix, n] of [['ten', 10], ['hundred', 100]] as const) {
    for (let i = 0; i < n; i++) {
      const l = String(i);
      out.push({ __name__: `a_${suffix}`, l }, { __name__: `b_${suffix}`, l });
      histogram(`h_${suffix}`, { l });
    }
  }
  return out;
}

/** Samples each `sparse{l=...}` series carries before the next label value takes over. */
export function pointsPerSparseSeries(spec: DataSpec): number {
  return Math.max(1, Math.floor(spec.numIntervals / 50));
}

/** Timestamp (ms) of the last sample. */
export function lastSampleMs(spec: DataSpec): number {
  return (spec.numIntervals - 1) * spec.intervalMs;
}

/** Appends the data set the way upstream does: one transaction per interval. */
export async function appendBenchData(db: Appendable, spec: DataSpec): Promise<number> {
  const metrics = benchMetrics().map((m) => Labels.fromObject(m));
  const n = metrics.length;
  const perSparse = pointsPerSparseSeries(spec);
  const sparse = new Map<number, Labels>();
  let samples = 0;
  for (let s = 0; s < spec.numIntervals; s++) {
    const app = db.appender();
    const t = s * spec.intervalMs;
    for (let i = 0; i < n; i++) app.append(0, metrics[i] as Labels, t, s + i / n);
    const k = Math.floor(s / perSparse);
    let sl = sparse.get(k);
    if (sl === undefined) {
      sl = Labels.fromObject({ __name__: 'sparse', l: String(k) });
      sparse.set(k, sl);
    }
    app.append(0, sl, t, s / n);
    await app.commit();
    samples += n + 1;
  }
  return samples;
}

function seriesText(m: LabelObject): string {
  const name = m.__name__ as string;
  const pairs = Object.keys(m)
    .filter((k) => k !== '__name__')
    .map((k) => `${k}="${m[k] as string}"`);
  return pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`;
}

/**
 * Writes the data set as OpenMetrics text (timestamps in seconds, `# EOF` last), each
 * metric family contiguous, for `promtool tsdb create-blocks-from openmetrics`.
 */
export async function writeOpenMetrics(path: string, spec: DataSpec): Promise<void> {
  const out = createWriteStream(path);
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const metrics = benchMetrics();
  const n = metrics.length;
  const families = new Map<string, number[]>();
  metrics.forEach((m, i) => {
    const f = m.__name__ as string;
    const list = families.get(f) ?? [];
    list.push(i);
    families.set(f, list);
  });
  const secs = (s: number): string => String((s * spec.intervalMs) / 1000);
  for (const [family, indexes] of families) {
    await write(`# TYPE ${family} unknown\n`);
    for (const i of indexes) {
      const series = seriesText(metrics[i] as LabelObject);
      let buf = '';
      for (let s = 0; s < spec.numIntervals; s++) {
        buf += `${series} ${String(s + i / n)} ${secs(s)}\n`;
        if (buf.length > 1 << 20) {
          await write(buf);
          buf = '';
        }
      }
      await write(buf);
    }
  }
  await write('# TYPE sparse unknown\n');
  const perSparse = pointsPerSparseSeries(spec);
  let buf = '';
  for (let s = 0; s < spec.numIntervals; s++) {
    buf += `sparse{l="${Math.floor(s / perSparse)}"} ${String(s / n)} ${secs(s)}\n`;
  }
  await write(buf);
  await write('# EOF\n');
  out.end();
  await once(out, 'finish');
}
