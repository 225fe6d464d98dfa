/**
 * The instrumentation registry: gathers metric families from registered collectors and writes
 * them in the text exposition format 0.0.4 (what /metrics serves), families sorted by name and
 * samples by label values, as client_golang does.
 */
import { formatFloat } from '../model/strconv/index.js';
import {
  Counter,
  FuncMetric,
  Gauge,
  Histogram,
  MetricDefinitionError,
  Summary,
  type Collector,
  type MetricFamily,
  type MetricOpts,
} from './metric.js';

export const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8; escaping=underscores';

function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabelValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function formatValue(v: number): string {
  if (v === 0) return '0';
  return formatFloat(v, 'g');
}

function compareSamples(a: MetricFamily['samples'][number], b: MetricFamily['samples'][number]): number {
  const n = Math.min(a.labels.length, b.labels.length);
  for (let i = 0; i < n; i++) {
    const x = (a.labels[i] as readonly [string, string])[1];
    const y = (b.labels[i] as readonly [string, string])[1];
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.labels.length - b.labels.length;
}

/** Writes families in the text format 0.0.4. */
export function writeTextFormat(families: readonly MetricFamily[]): string {
  const parts: string[] = [];
  for (const f of families) {
    if (f.samples.length === 0) continue;
    parts.push(`# HELP ${f.name} ${escapeHelp(f.help)}\n# TYPE ${f.name} ${f.type}\n`);
    // Histograms and summaries keep their per-series order (buckets, sum, count).
    const samples = f.type === 'histogram' || f.type === 'summary' ? f.samples : [...f.samples].sort(compareSamples);
    for (const s of samples) {
      const lbl = s.labels.length === 0 ? '' : `{${s.labels.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
      parts.push(`${f.name}${s.suffix}${lbl} ${formatValue(s.value)}\n`);
    }
  }
  return parts.join('');
}

export class Registry {
  private readonly collectors: Collector[] = [];
  private readonly names = new Set<string>();

  /** Registers a collector; a metric object's name must be unique. */
  register<C extends Collector>(c: C): C {
    const name = (c as { name?: unknown }).name;
    if (typeof name === 'string') {
      if (this.names.has(name)) throw new MetricDefinitionError(`duplicate metrics collector registration attempted: ${name}`);
      this.names.add(name);
    }
    this.collectors.push(c);
    return c;
  }

  counter(o: MetricOpts): Counter {
    return this.register(new Counter(o));
  }

  gauge(o: MetricOpts): Gauge {
    return this.register(new Gauge(o));
  }

  histogram(o: MetricOpts & { buckets?: readonly number[] }): Histogram {
    return this.register(new Histogram(o));
  }

  summary(o: MetricOpts & { quantiles?: readonly number[]; maxAgeMs?: number }): Summary {
    return this.register(new Summary(o));
  }

  gaugeFunc(o: MetricOpts, fn: () => number | readonly (readonly [readonly string[], number])[]): void {
    this.register(new FuncMetric({ ...o, type: 'gauge' }, fn));
  }

  counterFunc(o: MetricOpts, fn: () => number | readonly (readonly [readonly string[], number])[]): void {
    this.register(new FuncMetric({ ...o, type: 'counter' }, fn));
  }

  /** Every family, merged by name and sorted by name. */
  gather(): MetricFamily[] {
    const byName = new Map<string, MetricFamily>();
    for (const c of this.collectors) {
      let fams: MetricFamily[];
      try {
        fams = c.collect();
      } catch {
        continue;
      }
      for (const f of fams) {
        const have = byName.get(f.name);
        if (have === undefined) byName.set(f.name, { ...f, samples: [...f.samples] });
        else have.samples.push(...f.samples);
      }
    }
    return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** The text exposition of every registered metric. */
  expose(): string {
    return writeTextFormat(this.gather());
  }
}
