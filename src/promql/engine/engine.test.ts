import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { FloatHistogram, StaleNaN } from '../../model/value/index.js';
import { MemoryStorage } from '../../storage/memory/index.js';
import { ValueType } from '../../storage/index.js';
import type { Matrix, Sample, Vector } from '../value/index.js';
import { Engine, EvalError, QueryCanceledError, QueryTimeoutError, TooManySamplesError } from './index.js';
import type { EngineOpts, Result } from './index.js';

const M = 60_000;

function lbls(s: string): Labels {
  // name{a="b",c="d"} or {a="b"}
  const m = /^([^{]*)(?:\{(.*)\})?$/.exec(s);
  const obj: Record<string, string> = {};
  if (m?.[1]) obj.__name__ = m[1];
  for (const part of (m?.[2] ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [k, v] = part.split('=');
    obj[(k as string).trim()] = JSON.parse((v as string).trim()) as string;
  }
  return Labels.fromObject(obj);
}

/** Loads values at t = 0, step, 2*step, ...; null = gap. */
function load(st: MemoryStorage, series: string, step: number, values: (number | null)[]): void {
  const l = lbls(series);
  values.forEach((v, i) => {
    if (v !== null) st.put(l, i * step, ValueType.Float, v, null);
  });
}

function engine(opts: EngineOpts = {}): Engine {
  return new Engine({ enableDelayedNameRemoval: true, ...opts });
}

async function instant(st: MemoryStorage, q: string, t: number, opts: EngineOpts = {}): Promise<Result> {
  return engine(opts).newInstantQuery(st, q, t).exec();
}

function vec(r: Result): Map<string, number> {
  assert.equal(r.err, null, r.err?.message);
  assert.equal(r.value?.type, 'vector');
  const out = new Map<string, number>();
  for (const s of r.value.value as Vector) out.set(s.metric.toString(), s.f);
  return out;
}

function mat(r: Result): Map<string, [number, number][]> {
  assert.equal(r.err, null, r.err?.message);
  assert.equal(r.value?.type, 'matrix');
  const out = new Map<string, [number, number][]>();
  for (const s of r.value.value as Matrix) {
    const pts: [number, number][] = [];
    for (let i = 0; i < s.floats.length; i++) pts.push([s.floats.t[i] as number, s.floats.f[i] as number]);
    out.set(s.metric.toString(), pts);
  }
  return out;
}

function storage(): MemoryStorage {
  const st = new MemoryStorage();
  load(st, 'x{a="1"}', M, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  load(st, 'x{a="2"}', M, [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
  load(st, 'y{a="1"}', M, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  return st;
}

test('instant selector uses the latest sample within the left-open lookback window', async () => {
  const st = new MemoryStorage();
  load(st, 'm', 10 * M, [1, 2]);
  assert.deepEqual(vec(await instant(st, 'm', 10 * M)), new Map([['{__name__="m"}', 2]]));
  assert.deepEqual(vec(await instant(st, 'm', 14 * M)), new Map([['{__name__="m"}', 2]]));
  // Exactly lookback after the last sample: excluded.
  assert.deepEqual(vec(await instant(st, 'm', 15 * M)), new Map());
  assert.deepEqual(vec(await instant(st, 'm', 15 * M - 1)), new Map([['{__name__="m"}', 2]]));
});

test('a staleness marker ends the series', async () => {
  const st = new MemoryStorage();
  const l = lbls('m');
  st.put(l, 0, ValueType.Float, 1, null);
  st.put(l, M, ValueType.Float, StaleNaN, null);
  assert.deepEqual(vec(await instant(st, 'm', 30_000)), new Map([['{__name__="m"}', 1]]));
  assert.deepEqual(vec(await instant(st, 'm', 2 * M)), new Map());
});

test('offset and @ move the evaluation time', async () => {
  const st = storage();
  assert.equal(vec(await instant(st, 'x{a="1"} offset 3m', 10 * M)).get('{__name__="x", a="1"}'), 7);
  assert.equal(vec(await instant(st, 'x{a="1"} offset -3m', 5 * M)).get('{__name__="x", a="1"}'), 8);
  assert.equal(vec(await instant(st, 'x{a="1"} @ 120', 10 * M)).get('{__name__="x", a="1"}'), 2);
  const r = mat(await engine().newRangeQuery(st, 'x{a="1"} @ end()', 0, 4 * M, M).exec());
  assert.deepEqual(r.get('{__name__="x", a="1"}')?.map((p) => p[1]), [4, 4, 4, 4, 4]);
});

test('range query evaluates every step and sorts series', async () => {
  const st = storage();
  const r = await engine().newRangeQuery(st, 'x * 2', 0, 2 * M, M).exec();
  const m = mat(r);
  assert.deepEqual([...m.keys()], ['{a="1"}', '{a="2"}']);
  assert.deepEqual(m.get('{a="2"}'), [
    [0, 0],
    [M, 4],
    [2 * M, 8],
  ]);
});

test('range vector selection is left-open and instant queries return a matrix', async () => {
  const st = storage();
  const r = mat(await instant(st, 'x{a="1"}[2m]', 5 * M));
  assert.deepEqual(r.get('{__name__="x", a="1"}'), [
    [4 * M, 4],
    [5 * M, 5],
  ]);
});

test('rate over a range vector', async () => {
  const st = new MemoryStorage();
  load(st, 'c_total', 15_000, [0, 15, 30, 45, 60, 75, 90, 105, 120]);
  const v = vec(await instant(st, 'rate(c_total[1m])', 2 * M));
  assert.ok(Math.abs((v.get('{}') as number) - 1) < 1e-9);
});

test('subquery steps are aligned to absolute multiples of the step', async () => {
  const st = storage();
  const r = mat(await instant(st, 'x{a="1"}[5m:2m]', 7 * M));
  assert.deepEqual(r.get('{__name__="x", a="1"}'), [
    [4 * M, 4],
    [6 * M, 6],
  ]);
  const s = vec(await instant(st, 'sum_over_time(x{a="1"}[5m:1m])', 5 * M));
  assert.equal(s.get('{a="1"}'), 1 + 2 + 3 + 4 + 5);
});

test('arithmetic drops the name, comparison keeps it, bool drops it', async () => {
  const st = storage();
  assert.deepEqual([...vec(await instant(st, 'x{a="1"} + 1', 2 * M))], [['{a="1"}', 3]]);
  assert.deepEqual([...vec(await instant(st, 'x{a="1"} > 1', 2 * M))], [['{__name__="x", a="1"}', 2]]);
  assert.deepEqual([...vec(await instant(st, 'x{a="1"} > bool 1', 2 * M))], [['{a="1"}', 1]]);
  assert.deepEqual([...vec(await instant(st, 'x{a="1"} < 1', 2 * M))], []);
});

test('scalar results', async () => {
  const st = storage();
  const r = await instant(st, '1 + 2 * 3', 0);
  assert.equal(r.value?.type, 'scalar');
  assert.equal((r.value?.value as { v: number }).v, 7);
  const s = await instant(st, '"hello"', 0);
  assert.deepEqual(s.value, { type: 'string', value: { t: 0, v: 'hello' } });
});

test('vector matching: on, ignoring, group_left and cardinality errors', async () => {
  const st = new MemoryStorage();
  load(st, 'req{job="a",inst="1"}', M, [10]);
  load(st, 'req{job="a",inst="2"}', M, [20]);
  load(st, 'lim{job="a"}', M, [100]);
  load(st, 'info{job="a",team="t"}', M, [1]);
  assert.deepEqual(
    vec(await instant(st, 'req / on(job) group_left lim', 0)),
    new Map([
      ['{inst="1", job="a"}', 0.1],
      ['{inst="2", job="a"}', 0.2],
    ]),
  );
  assert.deepEqual(
    vec(await instant(st, 'req * on(job) group_left(team) info', 0)),
    new Map([
      ['{inst="1", job="a", team="t"}', 10],
      ['{inst="2", job="a", team="t"}', 20],
    ]),
  );
  const r = await instant(st, 'req / on(job) lim', 0);
  assert.ok(r.err instanceof EvalError);
  assert.equal(r.err.message, 'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
  const r2 = await instant(st, 'lim / on(job) req', 0);
  assert.equal(
    r2.err?.message,
    'found duplicate series for the match group {job="a"} on the right hand-side of the operation: ' +
      '[{__name__="req", inst="1", job="a"}, {__name__="req", inst="2", job="a"}]' +
      ';many-to-many matching not allowed: matching labels must be unique on one side',
  );
});

test('set operators', async () => {
  const st = storage();
  assert.deepEqual([...vec(await instant(st, 'x and on(a) y', 0)).keys()], ['{__name__="x", a="1"}']);
  assert.deepEqual([...vec(await instant(st, 'x unless on(a) y', 0)).keys()], ['{__name__="x", a="2"}']);
  assert.equal(vec(await instant(st, 'x or y', 0)).size, 2);
  assert.equal(vec(await instant(st, 'x or on(__name__, a) y', 0)).size, 3);
});

test('aggregations', async () => {
  const st = storage();
  const t = 10 * M;
  assert.deepEqual(vec(await instant(st, 'sum(x)', t)), new Map([['{}', 30]]));
  assert.deepEqual(vec(await instant(st, 'avg by (a) (x)', t)), new Map([['{a="1"}', 10], ['{a="2"}', 20]]));
  assert.deepEqual(vec(await instant(st, 'count without (a) (x)', t)), new Map([['{}', 2]]));
  assert.deepEqual(vec(await instant(st, 'max(x)', t)), new Map([['{}', 20]]));
  assert.deepEqual(vec(await instant(st, 'quantile(0.5, x)', t)), new Map([['{}', 15]]));
  assert.deepEqual(vec(await instant(st, 'stddev(x)', t)), new Map([['{}', 5]]));
  assert.deepEqual(vec(await instant(st, 'count_values("v", y)', t)), new Map([['{v="1"}', 1]]));
  const top = await instant(st, 'topk(1, x)', t);
  assert.deepEqual([...vec(top).keys()], ['{__name__="x", a="2"}']);
  const bottom = await instant(st, 'bottomk(2, x)', t);
  assert.deepEqual([...vec(bottom).values()], [10, 20]);
  const q = await instant(st, 'quantile(2, x)', t);
  assert.equal(q.warnings.warnings()[0]?.message, 'quantile value should be between 0 and 1, got 2');
});

test('duplicate label sets after dropping names are an error', async () => {
  const st = new MemoryStorage();
  load(st, 'a{x="1"}', M, [1]);
  load(st, 'b{x="1"}', M, [2]);
  const r = await instant(st, '{x="1"} * 2', 0);
  assert.equal(r.err?.message, 'vector cannot contain metrics with the same labelset');
  const r2 = await instant(st, '{x="1"} * 2', 0, { enableDelayedNameRemoval: false });
  assert.equal(r2.err?.message, 'vector cannot contain metrics with the same labelset');
});

test('range query rejects range-vector expressions and bad steps', () => {
  const st = storage();
  assert.throws(
    () => engine().newRangeQuery(st, 'x[5m]', 0, M, M),
    /invalid expression type "range vector" for range query, must be Scalar or instant Vector/,
  );
  assert.throws(() => engine().newRangeQuery(st, 'x', 0, M, 0), /zero or negative query resolution step widths/);
});

test('too many samples', async () => {
  const st = storage();
  const r = await engine({ maxSamples: 5 }).newRangeQuery(st, 'x', 0, 10 * M, M).exec();
  assert.ok(r.err instanceof TooManySamplesError);
  assert.equal(r.err.message, 'query processing would load too many samples into memory in query execution');
  const ok = await engine({ maxSamples: 100 }).newRangeQuery(st, 'x', 0, 10 * M, M).exec();
  assert.equal(ok.err, null);
});

test('timeout and cancellation', async () => {
  const st = storage();
  const r = await engine({ timeout: -1 }).newRangeQuery(st, 'x', 0, 10 * M, M).exec();
  assert.ok(r.err instanceof QueryTimeoutError);
  assert.equal(r.err.message, 'query timed out in expression evaluation');
  const ac = new AbortController();
  ac.abort();
  const c = await engine().newInstantQuery(st, 'x', 0).exec(ac.signal);
  assert.ok(c.err instanceof QueryCanceledError);
  assert.match(c.err.message, /^query was canceled in /);
});

test('label_replace and label_join', async () => {
  const st = storage();
  const r = vec(await instant(st, 'label_replace(y, "b", "v-$1", "a", "(.*)")', 0));
  assert.deepEqual([...r.keys()], ['{__name__="y", a="1", b="v-1"}']);
  const j = vec(await instant(st, 'label_join(y, "c", "-", "a", "a")', 0));
  assert.deepEqual([...j.keys()], ['{__name__="y", a="1", c="1-1"}']);
});

test('limit_ratio selects series by label hash like upstream', async () => {
  const st = new MemoryStorage();
  for (let i = 0; i < 20; i++) load(st, `m{i="${i}"}`, M, [i]);
  const opts = { parserOptions: { enableExperimentalFunctions: true } };
  const half = vec(await instant(st, 'limit_ratio(0.5, m)', 0, opts));
  const rest = vec(await instant(st, 'limit_ratio(-0.5, m)', 0, opts));
  assert.equal(half.size + rest.size, 20);
  for (const k of half.keys()) assert.ok(!rest.has(k));
});

test('absent_over_time labels from equality matchers', async () => {
  const st = storage();
  const r = vec(await instant(st, 'absent_over_time(nope{job="j"}[1m])', 0));
  assert.deepEqual([...r], [['{job="j"}', 1]]);
});

function first(r: Result): Sample | undefined {
  return (r.value?.value as Vector)[0];
}

test('timestamp() of a selector reports the sample time', async () => {
  const st = storage();
  const r = await instant(st, 'timestamp(y)', 90_000);
  assert.equal(first(r)?.f, 60);
});

test('per-query lookback delta', async () => {
  const st = new MemoryStorage();
  load(st, 'm', M, [1]);
  const e = engine();
  const r = await e.newInstantQuery(st, 'm', 2 * M, { lookbackDelta: M }).exec();
  assert.deepEqual(vec(r), new Map());
  const r2 = await e.newInstantQuery(st, 'm', 2 * M).exec();
  assert.equal(vec(r2).size, 1);
});

test('histogram samples: scaling works, unsupported operations are annotated, nothing crashes', async () => {
  const st = new MemoryStorage();
  const h = new FloatHistogram();
  h.count = 4;
  h.sum = 8;
  h.positiveSpans = [{ offset: 0, length: 1 }];
  h.positiveBuckets = [4];
  st.put(lbls('hist'), 0, ValueType.FloatHistogram, 0, h);
  const r = await instant(st, 'hist * 2', 0);
  assert.equal(r.err, null);
  assert.equal((r.value?.value as Vector)[0]?.h?.count, 8);
  const r2 = await instant(st, 'hist + 1', 0);
  assert.equal((r2.value?.value as Vector).length, 0);
  assert.equal(
    r2.warnings.infos()[0]?.message,
    'incompatible sample types encountered for binary operator "+": histogram + float',
  );
  for (const q of ['-hist', 'sum(hist)', 'max(hist)', 'hist == hist', 'topk(1, hist)', 'count_values("v", hist)', 'hist[1m]']) {
    const x = await instant(st, q, 0);
    assert.equal(x.err, null, q);
  }
});

test('@ modifier and negative offsets can be disabled', () => {
  const st = storage();
  assert.throws(() => engine({ enableAtModifier: false }).newInstantQuery(st, 'x @ 100', 0), /@ modifier is disabled/);
  assert.throws(() => engine({ enableNegativeOffset: false }).newInstantQuery(st, 'x offset -1m', 0), /negative offset is disabled/);
});

test('a query runs once', async () => {
  const q = engine().newInstantQuery(storage(), 'x', 0);
  assert.equal((await q.exec()).err, null);
  assert.ok((await q.exec()).err instanceof EvalError);
});
