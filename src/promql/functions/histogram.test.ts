import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FloatHistogram } from '../../model/value/index.js';
import { Annotations, type Vector } from '../value/index.js';
import { callFn, enh, labels, num, sampleOf, scalarVec, str, vectorSelector } from './fixtures.js';
import { bucketQuantile, ClassicBuckets } from './quantile.js';

function buckets(name: string, pairs: Array<[string, number]>, extra: Record<string, string> = {}): Vector {
  return pairs.map(([le, v]) => sampleOf(labels({ __name__: name, le, ...extra }), v));
}

const nonmonotonic = buckets('nonmonotonic_bucket', [
  ['0.1', 20],
  ['1', 10],
  ['10', 50],
  ['100', 40],
  ['1000', 90],
  ['+Inf', 80],
]);

const args = [num(0), vectorSelector('nonmonotonic_bucket', { posRange: { start: 20, end: 39 } })];

test('histogram_quantile fixes non-monotonic buckets and says so (histograms.test)', () => {
  for (const [q, want] of [
    [0.01, 0.0045],
    [0.5, 8.5],
    [0.99, 979.75],
  ] as const) {
    const annos = new Annotations();
    const r = callFn('histogram_quantile', [scalarVec(q), nonmonotonic], [], args, enh(3_000_000), annos);
    assert.equal(r.out.length, 1);
    assert.ok(Math.abs((r.out[0]?.f as number) - want) < 1e-9, `${r.out[0]?.f} != ${want}`);
    assert.equal(r.out[0]?.metric.get('__name__'), '');
    assert.equal(r.out[0]?.dropName, true);
    assert.deepEqual(annos.infos().map((a) => a.message), [
      'input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile), from buckets 1 to +Inf, with a max diff of 10, over 1 samples from 1970-01-01T00:50:00Z to 1970-01-01T00:50:00Z',
    ]);
    assert.deepEqual(annos.infos()[0]?.posRange, { start: 20, end: 39 });
  }
});

test('forced-monotonicity info merges over steps, with the metric name under delayed removal', () => {
  const annos = new Annotations();
  const h = enh(60_000, { enableDelayedNameRemoval: true });
  callFn('histogram_quantile', [scalarVec(0.5), nonmonotonic], [], args, h, annos);
  h.ts = 120_000;
  const r = callFn('histogram_quantile', [scalarVec(0.5), nonmonotonic], [], args, h, annos);
  assert.equal(r.out[0]?.metric.get('__name__'), 'nonmonotonic_bucket');
  assert.equal(annos.size, 1);
  assert.match(
    annos.infos()[0]?.message ?? '',
    /for metric name "nonmonotonic_bucket", from buckets 1 to \+Inf, with a max diff of 10, over 2 samples from 1970-01-01T00:01:00Z to 1970-01-01T00:02:00Z$/,
  );
});

test('histogram_quantile groups by labels without le and handles special cases', () => {
  const vec = [
    ...buckets('x_bucket', [['0.1', 1], ['0.2', 3], ['+Inf', 4]], { a: '1' }),
    ...buckets('x_bucket', [['1', 10], ['2', 20]], { a: '2' }),
  ];
  const annos = new Annotations();
  const r = callFn('histogram_quantile', [scalarVec(0.5), vec], [], args, enh(0), annos);
  const byA = new Map(r.out.map((s) => [s.metric.get('a'), s.f]));
  assert.ok(Math.abs((byA.get('1') as number) - 0.15) < 1e-12);
  assert.ok(Number.isNaN(byA.get('2') as number), 'no +Inf bucket: NaN');
  assert.equal(annos.size, 0);
  const q2 = callFn('histogram_quantile', [scalarVec(2), vec], [], args, enh(0), annos);
  assert.equal(q2.out[0]?.f, Infinity);
  assert.equal(annos.warnings()[0]?.message, 'quantile value should be between 0 and 1, got 2');
});

test('histogram_quantile: bad le label and mixed classic/native', () => {
  const annos = new Annotations();
  const vec = [sampleOf(labels({ __name__: 'x_bucket', le: 'foo' }), 1)];
  assert.equal(callFn('histogram_quantile', [scalarVec(0.5), vec], [], args, enh(0), annos).out.length, 0);
  assert.equal(annos.warnings()[0]?.message, 'bucket label "le" is missing or has a malformed value of "foo"');
  const mixed = [
    ...buckets('x', [['1', 1], ['+Inf', 2]]),
    sampleOf(labels({ __name__: 'x' }), 0, 0, new FloatHistogram()),
  ];
  const a2 = new Annotations();
  assert.equal(callFn('histogram_quantile', [scalarVec(0.5), mixed], [], args, enh(0), a2).out.length, 0);
  assert.equal(a2.warnings()[0]?.message, 'vector contains a mix of classic and native histograms');
});

test('histogram_quantiles adds a quantile label per requested quantile', () => {
  const qargs = [vectorSelector('nonmonotonic_bucket'), str('q'), num(0.01), num(0.5), num(1)];
  const r = callFn('histogram_quantiles', [nonmonotonic, [], scalarVec(0.01), scalarVec(0.5), scalarVec(1)], [], qargs, enh(0));
  assert.deepEqual(
    r.out.map((s) => [s.metric.get('q'), s.f]),
    [
      ['0.01', 0.0045],
      ['0.5', 8.5],
      ['1.0', 1000],
    ],
  );
});

test('histogram_fraction on classic buckets', () => {
  const vec = buckets('x_bucket', [['1', 10], ['2', 20], ['+Inf', 40]]);
  const frac = (lo: number, hi: number): number | undefined =>
    callFn('histogram_fraction', [scalarVec(lo), scalarVec(hi), vec], [], [num(lo), num(hi), vectorSelector('x_bucket')], enh(0)).out[0]?.f;
  assert.equal(frac(-Infinity, 1), 0.25);
  assert.equal(frac(0, 1.5), 0.375);
  assert.equal(frac(2, Infinity), 0.5);
  assert.equal(frac(3, 2), 0);
});

test('bucketQuantile: lowest bucket with non-positive bound, +Inf bucket', () => {
  const b = new ClassicBuckets();
  b.push(Infinity, 10);
  b.push(-1, 5);
  b.push(1, 8);
  assert.equal(bucketQuantile(0.1, b).quantile, -1);
  const c = new ClassicBuckets();
  c.push(1, 1);
  c.push(Infinity, 10);
  assert.equal(bucketQuantile(0.9, c).quantile, 1);
});

test('histogram_count/sum/avg read native histograms and skip floats', () => {
  const h = new FloatHistogram();
  h.count = 4;
  h.sum = 10;
  const vec = [sampleOf(labels({ __name__: 'h', a: 'b' }), 0, 0, h), sampleOf(labels({ __name__: 'f' }), 1)];
  const one = (fn: string): Vector => callFn(fn, [vec], [], [vectorSelector('h')], enh(0)).out;
  assert.deepEqual(one('histogram_count').map((s) => [s.metric.toString(), s.f]), [['{a="b"}', 4]]);
  assert.equal(one('histogram_sum')[0]?.f, 10);
  assert.equal(one('histogram_avg')[0]?.f, 2.5);
});
