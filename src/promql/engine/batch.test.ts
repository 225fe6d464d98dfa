import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import type { Matcher } from '../../model/labels/index.js';
import { FloatHistogram, StaleNaN } from '../../model/value/index.js';
import { MemoryStorage } from '../../storage/memory/index.js';
import { ValueType } from '../../storage/index.js';
import type { Querier, Queryable, SelectHints, SeriesSet } from '../../storage/index.js';
import { annotationText } from '../value/index.js';
import type { Matrix } from '../value/index.js';
import { BatchSizer } from './batch.js';
import { Engine, QueryCanceledError } from './index.js';
import type { EngineOpts, Result } from './index.js';

const M = 60_000;
const PARSER = { enableExperimentalFunctions: true, enableExtendedRangeSelectors: true };

function engine(opts: EngineOpts = {}): Engine {
  return new Engine({ enableDelayedNameRemoval: true, parserOptions: PARSER, ...opts });
}

/** Series with resets, NaNs, gaps, a stale marker, classic and native histograms; 30 s apart. */
function testData(): MemoryStorage {
  const st = new MemoryStorage();
  const put = (l: Record<string, string>, i: number, v: number): void => {
    st.put(Labels.fromObject(l), i * 30_000, ValueType.Float, v, null);
  };
  for (let i = 0; i < 240; i++) {
    put({ __name__: 'x', job: 'a', inst: '1' }, i, (i % 70) * 3);
    put({ __name__: 'x', job: 'a', inst: '2' }, i, i % 17 === 0 ? NaN : i * 2);
    if (i % 50 < 35) put({ __name__: 'x', job: 'b', inst: '1' }, i, i * 0.5);
    put({ __name__: 'g', job: 'a' }, i, Math.sin(i / 10));
    if (i !== 120) put({ __name__: 'y', job: 'a' }, i, i);
    const les = ['0.1', '0.5', '1', '+Inf'];
    les.forEach((le, k) => {
      // Bucket 0.5 dips below 0.1 now and then: forced monotonicity infos.
      const v = i * (k + 1) - (k === 1 && i % 9 === 0 ? 2 * i : 0);
      put({ __name__: 'h_bucket', job: 'a', le }, i, v);
    });
  }
  st.put(Labels.fromObject({ __name__: 'y', job: 'a' }), 120 * 30_000, ValueType.Float, StaleNaN, null);
  for (let i = 0; i < 240; i += 2) {
    const h = new FloatHistogram();
    h.count = i;
    h.sum = i * 2;
    h.positiveSpans = [{ offset: 0, length: 1 }];
    h.positiveBuckets = [i];
    st.put(Labels.fromObject({ __name__: 'nh', job: 'a' }), i * 30_000, ValueType.FloatHistogram, 0, h);
  }
  return st;
}

/** A result as comparable text: series with their points, then the annotations. */
function render(r: Result, q: string): string {
  if (r.err !== null) return `error: ${r.err.message}`;
  const lines: string[] = [];
  for (const s of (r.value?.value ?? []) as Matrix) {
    const pts: string[] = [];
    for (let i = 0; i < s.floats.length; i++) pts.push(`${s.floats.t[i] as number}:${s.floats.f[i] as number}`);
    for (const hp of s.histograms) pts.push(`${hp.t}:h${hp.h.count}/${hp.h.sum}`);
    lines.push(`${s.metric.toString()} ${pts.join(' ')}`);
  }
  for (const a of r.warnings.all()) lines.push(annotationText(a, q));
  return lines.join('\n');
}

const EQUALITY_QUERIES = [
  'x',
  'rate(x[5m])',
  'increase(x[3m])',
  'rate(x[2m] anchored)',
  'delta(g[5m])',
  'changes(x[10m])',
  'resets(x[10m])',
  'irate(x[2m])',
  'max_over_time(rate(x[5m])[10m:1m])',
  'avg_over_time(x[10m:45s] offset 2m)',
  'x @ start()',
  'x @ end() - x',
  'rate(x[5m] @ end())',
  'sum_over_time(x[5m] @ 3000)',
  'max_over_time(x[7m:1m] @ start())',
  'topk(2, x)',
  'bottomk(1, x) by (job)',
  'sort(x)',
  'sort_desc(rate(x[5m]))',
  'absent(nonexistent)',
  'absent_over_time(nonexistent[5m])',
  'absent_over_time(y[1m])',
  'timestamp(x)',
  'timestamp(y offset 1m)',
  'time() - timestamp(x)',
  'sum by (job) (x)',
  'avg without (inst) (rate(x[5m]))',
  'count_values("v", x)',
  'quantile(0.5, x)',
  'x / on(job) group_left sum by (job) (x)',
  'x > bool 100',
  'scalar(g) * x',
  'vector(1) + g',
  'deriv(g[10m])',
  'predict_linear(x[10m], 600)',
  'quantile_over_time(0.9, x[1h])',
  'double_exponential_smoothing(g[20m], 0.5, 0.5)',
  'last_over_time(y[3m])',
  'histogram_quantile(0.9, rate(h_bucket[5m]))',
  'histogram_quantile(0.5, sum by (le) (h_bucket))',
  'rate(g[5m])',
  'nh',
  'histogram_count(rate(nh[5m]))',
  'label_replace(x, "j", "$1", "job", "(.*)")',
  'y',
  'minute(x)',
  'clamp(x, 10, 50)',
];

test('a range query evaluated in batches equals the unbatched result', async () => {
  const st = testData();
  const whole = engine({ rangeBatchSteps: Infinity });
  const batched = [engine({ rangeBatchSteps: 2 }), engine({ rangeBatchSteps: 3 }), engine({ rangeBatchSteps: 7 }), engine()];
  const start = 10 * M;
  const end = 110 * M;
  for (const q of EQUALITY_QUERIES) {
    for (const step of [M, 47_000]) {
      const want = render(await whole.newRangeQuery(st, q, start, end, step).exec(), q);
      assert.doesNotMatch(want, /^error/, `${q}: ${want}`);
      for (const e of batched) {
        const got = render(await e.newRangeQuery(st, q, start, end, step).exec(), q);
        assert.equal(got, want, `${q} (step ${step})`);
      }
    }
  }
});

/** A Queryable that counts select() calls. */
function countingQueryable(inner: Queryable): { q: Queryable; selects: () => number } {
  let n = 0;
  const q: Queryable = {
    querier(mint: number, maxt: number): Querier {
      const qr = inner.querier(mint, maxt);
      return {
        select(sorted: boolean, hints: SelectHints | null, ...ms: Matcher[]): SeriesSet {
          n++;
          return qr.select(sorted, hints, ...ms);
        },
        labelValues: (name, hints, ...ms) => qr.labelValues(name, hints, ...ms),
        labelNames: (hints, ...ms) => qr.labelNames(hints, ...ms),
        close: () => qr.close(),
      };
    },
  };
  return { q, selects: () => n };
}

test('series are selected once per selector, not once per batch', async () => {
  const { q, selects } = countingQueryable(testData());
  const r = await engine({ rangeBatchSteps: 2 }).newRangeQuery(q, 'rate(x[5m]) + on(job, inst) x', 10 * M, 110 * M, M).exec();
  assert.equal(r.err, null);
  assert.equal(selects(), 2);
});

/** n series of a counter, one sample every 10 s for `samples` samples. */
function bigStorage(n: number, samples: number): MemoryStorage {
  const st = new MemoryStorage();
  for (let i = 0; i < n; i++) {
    const l = Labels.fromObject({ __name__: 'big', i: String(i) });
    for (let s = 0; s < samples; s++) st.put(l, s * 10_000, ValueType.Float, s + i / n, null);
  }
  return st;
}

// Sorting a day of samples per step per series: seconds of work for a few hundred steps.
const SLOW_QUERY = 'quantile_over_time(0.5, big[1d])';

test('aborting a long range query cancels it promptly', async () => {
  const st = bigStorage(20, 10_000);
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 50);
  const t0 = performance.now();
  const r = await engine().newRangeQuery(st, SLOW_QUERY, 8640 * 10_000, 10_000 * 10_000, 10_000).exec(ac.signal);
  const took = performance.now() - t0;
  assert.ok(r.err instanceof QueryCanceledError, String(r.err));
  assert.equal(r.err.message, 'query was canceled in expression evaluation');
  assert.ok(took < 2_000, `canceled after ${took.toFixed(0)} ms`);
});

test('a long range query does not block the event loop', async () => {
  const st = bigStorage(10, 10_000);
  let last = performance.now();
  let maxGap = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, 5);
  try {
    const t0 = performance.now();
    const r = await engine().newRangeQuery(st, SLOW_QUERY, 8640 * 10_000, 9_000 * 10_000, 10_000).exec();
    const took = performance.now() - t0;
    assert.equal(r.err, null);
    // Only meaningful if the query ran long enough to have blocked a timer.
    if (took > 400) {
      assert.ok(ticks > 5, `${ticks} ticks in ${took.toFixed(0)} ms`);
      // ~20 ms batches; generous for a loaded machine, far below the query's duration.
      assert.ok(maxGap < Math.max(150, took / 4), `the event loop was blocked for ${maxGap.toFixed(0)} ms of ${took.toFixed(0)}`);
    }
  } finally {
    clearInterval(timer);
  }
});

test('batch sizes adapt to the work a batch takes', () => {
  const fast = new BatchSizer(4, 20);
  fast.record(4, 0.1);
  assert.equal(fast.next, 32); // capped growth
  fast.record(32, 0.1);
  assert.equal(fast.next, 256);
  // The first batch (one-time costs) never shrinks the next one; later ones halve at most.
  const slow = new BatchSizer(40, 20);
  slow.record(40, 400);
  assert.equal(slow.next, 40);
  slow.record(40, 200);
  assert.equal(slow.next, 20);
  slow.record(20, 100);
  assert.ok(slow.next >= 4 && slow.next <= 10, String(slow.next));
  const even = new BatchSizer(10, 20);
  even.record(10, 10);
  assert.equal(even.next, 20);
  // The time does not grow with the steps: it is per-batch overhead, so batches grow.
  const overhead = new BatchSizer(4, 20);
  overhead.record(4, 30);
  overhead.record(4, 30);
  assert.equal(overhead.next, 2);
  overhead.record(2, 30);
  overhead.record(overhead.next, 30);
  assert.ok(overhead.next >= 8, String(overhead.next));
  // Overhead and per-step work: batches big enough that the overhead is at most half.
  const mixed = new BatchSizer(4, 20);
  mixed.record(4, 1);
  for (const n of [10, 20, 10, 20]) mixed.record(n, 30 + n);
  assert.ok(mixed.next >= 25 && mixed.next <= 35, String(mixed.next));
});
