/**
 * Metric types of the instrumentation registry (client_golang's model): counters, gauges,
 * histograms and summaries, each with optional label dimensions, plus function-backed values
 * read at collection time.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

/** One exposed sample: the family name plus a suffix (_bucket, _sum, ...), labels and value. */
export interface MetricSample {
  suffix: string;
  /** Label pairs in exposition order. */
  labels: readonly (readonly [string, string])[];
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  samples: MetricSample[];
}

/** Anything the registry can gather families from. */
export interface Collector {
  collect(): MetricFamily[];
}

export interface MetricOpts {
  name: string;
  help: string;
  labelNames?: readonly string[];
}

const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export class MetricDefinitionError extends Error {
  override name = 'MetricDefinitionError';
}

function checkOpts(o: MetricOpts): void {
  if (!METRIC_NAME_RE.test(o.name)) throw new MetricDefinitionError(`invalid metric name ${JSON.stringify(o.name)}`);
  for (const l of o.labelNames ?? []) {
    if (!LABEL_NAME_RE.test(l) || l.startsWith('__')) throw new MetricDefinitionError(`invalid label name ${JSON.stringify(l)}`);
  }
}

/** Children keyed by their label values; the unlabeled metric is the child of []. */
abstract class Vec<C> implements Collector {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  protected readonly children = new Map<string, { values: readonly string[]; child: C }>();

  constructor(o: MetricOpts) {
    checkOpts(o);
    this.name = o.name;
    this.help = o.help;
    this.labelNames = o.labelNames ?? [];
  }

  protected abstract newChild(): C;
  abstract collect(): MetricFamily[];

  /** The child for these label values (created on first use). */
  labels(...values: string[]): C {
    if (values.length !== this.labelNames.length) {
      throw new MetricDefinitionError(`${this.name}: expected ${this.labelNames.length} label values, got ${values.length}`);
    }
    const key = values.join('\u0000');
    let e = this.children.get(key);
    if (e === undefined) {
      e = { values: [...values], child: this.newChild() };
      this.children.set(key, e);
    }
    return e.child;
  }

  /** Removes the child with these label values. */
  remove(...values: string[]): void {
    this.children.delete(values.join('\u0000'));
  }

  protected pairs(values: readonly string[], extra?: readonly [string, string]): (readonly [string, string])[] {
    const out: (readonly [string, string])[] = this.labelNames.map((n, i) => [n, values[i] ?? ''] as const);
    if (extra !== undefined) out.push(extra);
    return out;
  }

  protected family(type: MetricType, samples: MetricSample[]): MetricFamily {
    return { name: this.name, help: this.help, type, samples };
  }
}

export class CounterChild {
  value = 0;
  inc(by = 1): void {
    if (by < 0 || Number.isNaN(by)) return;
    this.value += by;
  }
}

export class Counter extends Vec<CounterChild> {
  constructor(o: MetricOpts) {
    super(o);
    if (this.labelNames.length === 0) this.labels();
  }
  protected newChild(): CounterChild {
    return new CounterChild();
  }
  inc(by = 1): void {
    this.labels().inc(by);
  }
  collect(): MetricFamily[] {
    return [this.family('counter', [...this.children.values()].map((e) => ({ suffix: '', labels: this.pairs(e.values), value: e.child.value })))];
  }
}

export class GaugeChild {
  value = 0;
  set(v: number): void {
    this.value = v;
  }
  inc(by = 1): void {
    this.value += by;
  }
  dec(by = 1): void {
    this.value -= by;
  }
  setToCurrentTime(): void {
    this.value = Date.now() / 1000;
  }
}

export class Gauge extends Vec<GaugeChild> {
  constructor(o: MetricOpts) {
    super(o);
    if (this.labelNames.length === 0) this.labels();
  }
  protected newChild(): GaugeChild {
    return new GaugeChild();
  }
  set(v: number): void {
    this.labels().set(v);
  }
  inc(by = 1): void {
    this.labels().inc(by);
  }
  dec(by = 1): void {
    this.labels().dec(by);
  }
  setToCurrentTime(): void {
    this.labels().setToCurrentTime();
  }
  get value(): number {
    return this.labels().value;
  }
  collect(): MetricFamily[] {
    return [this.family('gauge', [...this.children.values()].map((e) => ({ suffix: '', labels: this.pairs(e.values), value: e.child.value })))];
  }
}

/** client_golang's DefBuckets. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class HistogramChild {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;
  constructor(readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length);
  }
  observe(v: number): void {
    for (let i = 0; i < this.bounds.length; i++) if (v <= (this.bounds[i] as number)) this.counts[i] = (this.counts[i] as number) + 1;
    this.sum += v;
    this.count++;
  }
}

function formatLe(b: number): string {
  return b === Infinity ? '+Inf' : String(b);
}

export class Histogram extends Vec<HistogramChild> {
  readonly buckets: readonly number[];
  constructor(o: MetricOpts & { buckets?: readonly number[] }) {
    super(o);
    this.buckets = [...(o.buckets ?? DEFAULT_BUCKETS)].filter((b) => b !== Infinity).sort((a, b) => a - b);
    if (this.labelNames.length === 0) this.labels();
  }
  protected newChild(): HistogramChild {
    return new HistogramChild(this.buckets);
  }
  observe(v: number): void {
    this.labels().observe(v);
  }
  collect(): MetricFamily[] {
    const samples: MetricSample[] = [];
    for (const e of this.children.values()) {
      const c = e.child;
      c.bounds.forEach((b, i) => samples.push({ suffix: '_bucket', labels: this.pairs(e.values, ['le', formatLe(b)]), value: c.counts[i] as number }));
      samples.push({ suffix: '_bucket', labels: this.pairs(e.values, ['le', '+Inf']), value: c.count });
      samples.push({ suffix: '_sum', labels: this.pairs(e.values), value: c.sum });
      samples.push({ suffix: '_count', labels: this.pairs(e.values), value: c.count });
    }
    return [this.family('histogram', samples)];
  }
}

/**
 * A summary: count and sum, and quantiles over the observations of the last maxAge (default
 * 10m, as client_golang) computed from a bounded reservoir of the newest observations.
 */
export class SummaryChild {
  sum = 0;
  count = 0;
  private readonly ts: Float64Array;
  private readonly vs: Float64Array;
  private next = 0;
  private filled = 0;
  constructor(
    private readonly maxAge: number,
    capacity: number,
    private readonly now: () => number,
  ) {
    this.ts = new Float64Array(capacity);
    this.vs = new Float64Array(capacity);
  }
  observe(v: number): void {
    this.sum += v;
    this.count++;
    this.ts[this.next] = this.now();
    this.vs[this.next] = v;
    this.next = (this.next + 1) % this.ts.length;
    if (this.filled < this.ts.length) this.filled++;
  }
  quantile(q: number): number {
    const cutoff = this.now() - this.maxAge;
    const recent: number[] = [];
    for (let i = 0; i < this.filled; i++) if ((this.ts[i] as number) >= cutoff) recent.push(this.vs[i] as number);
    if (recent.length === 0) return NaN;
    recent.sort((a, b) => a - b);
    const idx = Math.min(recent.length - 1, Math.max(0, Math.ceil(q * recent.length) - 1));
    return recent[idx] as number;
  }
}

export class Summary extends Vec<SummaryChild> {
  readonly quantiles: readonly number[];
  private readonly maxAge: number;
  private readonly now: () => number;
  constructor(o: MetricOpts & { quantiles?: readonly number[]; maxAgeMs?: number; now?: () => number }) {
    super(o);
    this.quantiles = o.quantiles ?? [0.5, 0.9, 0.99];
    this.maxAge = o.maxAgeMs ?? 10 * 60_000;
    this.now = o.now ?? Date.now;
    if (this.labelNames.length === 0) this.labels();
  }
  protected newChild(): SummaryChild {
    return new SummaryChild(this.maxAge, 512, this.now);
  }
  observe(v: number): void {
    this.labels().observe(v);
  }
  collect(): MetricFamily[] {
    const samples: MetricSample[] = [];
    for (const e of this.children.values()) {
      for (const q of this.quantiles) samples.push({ suffix: '', labels: this.pairs(e.values, ['quantile', String(q)]), value: e.child.quantile(q) });
      samples.push({ suffix: '_sum', labels: this.pairs(e.values), value: e.child.sum });
      samples.push({ suffix: '_count', labels: this.pairs(e.values), value: e.child.count });
    }
    return [this.family('summary', samples)];
  }
}

/** A gauge or counter whose value (or labeled values) is read from a function at collection. */
export class FuncMetric implements Collector {
  constructor(
    private readonly o: MetricOpts & { type: 'gauge' | 'counter' },
    private readonly fn: () => number | readonly (readonly [readonly string[], number])[],
  ) {
    checkOpts(o);
  }
  collect(): MetricFamily[] {
    let v: number | readonly (readonly [readonly string[], number])[];
    try {
      v = this.fn();
    } catch {
      return [];
    }
    const names = this.o.labelNames ?? [];
    const samples: MetricSample[] =
      typeof v === 'number'
        ? [{ suffix: '', labels: [], value: v }]
        : v.map(([values, x]) => ({ suffix: '', labels: names.map((n, i) => [n, values[i] ?? ''] as const), value: x }));
    return [{ name: this.o.name, help: this.o.help, type: this.o.type, samples }];
  }
}
