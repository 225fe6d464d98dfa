import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CounterResetHint, isStaleNaN, type FloatHistogram } from '../../model/value/index.js';
import { parseSeriesDesc, ParseErrors, type SeriesDescValue } from './index.js';

/** Values as numbers, with '_' for omitted ones. */
function floats(values: SeriesDescValue[]): Array<number | '_'> {
  return values.map((v) => (v.omitted ? '_' : v.value));
}

function hist(v: SeriesDescValue | undefined): FloatHistogram {
  assert.ok(v !== undefined && v.histogram !== null);
  return v.histogram;
}

function errorOf(input: string): string {
  try {
    parseSeriesDesc(input);
  } catch (e) {
    assert.ok(e instanceof ParseErrors);
    return e.message;
  }
  assert.fail(`expected ${JSON.stringify(input)} to fail`);
}

test('labels and float values', () => {
  const cases: Array<[string, string, Array<number | '_'>]> = [
    ['{} 1 2 3', '{}', [1, 2, 3]],
    ['{a="b"} -1 2 3', '{a="b"}', [-1, 2, 3]],
    ['my_metric 1 2 3', '{__name__="my_metric"}', [1, 2, 3]],
    ['my_metric{} 1 2 3', '{__name__="my_metric"}', [1, 2, 3]],
    ['my_metric{a="b"} 1 2 3-10x4', '{__name__="my_metric", a="b"}', [1, 2, 3, -7, -17, -27, -37]],
    ['my_metric{a="b"} 1 2 3-0x4', '{__name__="my_metric", a="b"}', [1, 2, 3, 3, 3, 3, 3]],
    ['{} 1x0', '{}', [1]],
    ['{} 1+1x0', '{}', [1]],
    ['my_metric{a="b"} 1 3 _ 5 _x4', '{__name__="my_metric", a="b"}', [1, 3, '_', 5, '_', '_', '_', '_']],
    ['my_metric{a="b"} 1 -1 -3-10x4 7 9 +5', '{__name__="my_metric", a="b"}', [1, -1, -3, -13, -23, -33, -43, 7, 9, 5]],
    ['my_metric{a="b"} 1 +1 +4 -6 -2 8', '{__name__="my_metric", a="b"}', [1, 1, 4, -6, -2, 8]],
    ['my_metric{a="b"} 1 2 3    ', '{__name__="my_metric", a="b"}', [1, 2, 3]],
    ['my_metric{a="\\u70ac = torch"} 1 2 3', '{__name__="my_metric", a="炬 = torch"}', [1, 2, 3]],
    ['{"http.requests", "service.name"="api-server", instance="0"}\t\t0+50x2', '{__name__="http.requests", instance="0", service.name="api-server"}', [0, 50, 100]],
    ['http_requests{job="api-server", instance="0"}', '{__name__="http_requests", instance="0", job="api-server"}', []],
    ['', '{}', []],
    ['{a="b"} 1 2 _ 3', '{a="b"}', [1, 2, '_', 3]],
    ['metric 0.5+0.1x2', '{__name__="metric"}', [0.5, 0.6, 0.7]],
    ['sum 1 2', '{__name__="sum"}', [1, 2]],
  ];
  for (const [input, labels, values] of cases) {
    const d = parseSeriesDesc(input);
    assert.equal(d.labels.toString(), labels, input);
    assert.deepEqual(floats(d.values), values, input);
  }
  const special = parseSeriesDesc('foo stale Inf -Inf NaN 1e3 .5').values;
  assert.ok(isStaleNaN(special[0]?.value as number));
  assert.deepEqual(special.slice(1, 3).map((v) => v.value), [Infinity, -Infinity]);
  assert.ok(Number.isNaN(special[3]?.value) && !isStaleNaN(special[3]?.value as number));
  assert.deepEqual(special.slice(4).map((v) => v.value), [1000, 0.5]);
  // As upstream, `stalex3` is one identifier, not an expansion.
  assert.throws(() => parseSeriesDesc('foo stalex3'), ParseErrors);
});

test('malformed series descriptions', () => {
  for (const input of ['{} 1+1', 'my_metric{a="b"} 1 3 _ 5 _a4', 'my_metric{a="b"} -3-3 -3', 'my_metric{a="b"} -3 -3-3', 'my_metric{a="b"} -3 _-2', 'my_metric{a="b"} -3 3+3x4-4']) {
    assert.throws(() => parseSeriesDesc(input), ParseErrors, input);
  }
  assert.match(errorOf('{"http.requests"xx}\t\t0+50x2'), /parse error: unexpected identifier "xx" in label set, expected "," or "}"/);
  assert.match(errorOf('{"http.requests"=, x="y"}\t\t0+50x2'), /parse error: unexpected "," in label set, expected string/);
  assert.match(errorOf('{"http.requests}\t\t0+50x2'), /parse error: unterminated quoted string/);
  assert.equal(errorOf('foo bar'), '1:5: parse error: unexpected identifier "bar" in series values, expected number or "stale"');
  assert.equal(errorOf('foo 1x1.5'), '1:7: parse error: invalid repetition in series values: strconv.ParseUint: parsing "1.5": invalid syntax');
});

test('histogram literals', () => {
  const empty = hist(parseSeriesDesc('{} {{}}').values[0]);
  assert.deepEqual([empty.schema, empty.count, empty.positiveBuckets], [0, 0, []]);
  hist(parseSeriesDesc('{} {{ }}').values[0]);
  const all = parseSeriesDesc('{} {{schema:1 sum:0.3 count:3.1 z_bucket:7.1 z_bucket_w:0.05 buckets:[5.1 10 7] offset:3 n_buckets:[4.1 5] n_offset:5 counter_reset_hint:gauge}}').values[0];
  const h = hist(all);
  assert.deepEqual(
    [h.schema, h.sum, h.count, h.zeroCount, h.zeroThreshold, h.positiveBuckets, h.positiveSpans, h.negativeBuckets, h.negativeSpans, h.counterResetHint],
    [1, 0.3, 3.1, 7.1, 0.05, [5.1, 10, 7], [{ offset: 3, length: 3 }], [4.1, 5], [{ offset: 5, length: 2 }], CounterResetHint.Gauge],
  );
  assert.equal(all?.counterResetHintSet, true);
  const spaced = hist(parseSeriesDesc('{} {{schema:1  sum:0.3  count:3  z_bucket:7 z_bucket_w:5 buckets:[5 10  7  ] offset:-3  n_buckets:[4 5]  n_offset:5  counter_reset_hint:gauge  }}').values[0]);
  assert.deepEqual(spaced.positiveSpans, [{ offset: -3, length: 3 }]);
  const negative = hist(parseSeriesDesc('{} {{schema:1 sum:-0.3 count:-3.1 z_bucket:-7.1 buckets:[-5.1 -10 -7] offset:-3 n_offset:-5}}').values[0]);
  assert.deepEqual([negative.sum, negative.count, negative.zeroCount, negative.positiveBuckets], [-0.3, -3.1, -7.1, [-5.1, -10, -7]]);
  const nhcb = hist(parseSeriesDesc('{} {{schema:-53 sum:1 count:2 custom_values:[1 2] buckets:[1 1 0]}}').values[0]);
  assert.deepEqual([nhcb.schema, nhcb.customValues], [-53, [1, 2]]);
  const hints: Array<[string, CounterResetHint]> = [
    ['unknown', CounterResetHint.Unknown], ['reset', CounterResetHint.CounterReset],
    ['not_reset', CounterResetHint.NotCounterReset], ['gauge', CounterResetHint.Gauge],
  ];
  for (const [word, hint] of hints) {
    const v = parseSeriesDesc(`{} {{counter_reset_hint:${word}}}`).values[0];
    assert.equal(hist(v).counterResetHint, hint);
    assert.equal(v?.counterResetHintSet, true);
  }
  assert.equal(parseSeriesDesc('{} {{sum:1}}').values[0]?.counterResetHintSet, false);
  const infs = hist(parseSeriesDesc('{} {{buckets:[Inf NaN] sum:Inf count:NaN}}').values[0]);
  assert.equal(infs.positiveBuckets[0], Infinity);
  assert.ok(Number.isNaN(infs.count));
});

test('histogram expansions', () => {
  const rep = parseSeriesDesc('{} {{buckets:[5 10 7] schema:1}}x2').values;
  assert.equal(rep.length, 3);
  assert.deepEqual(rep.map((v) => hist(v).positiveBuckets), [[5, 10, 7], [5, 10, 7], [5, 10, 7]]);
  assert.equal(parseSeriesDesc('{} {{buckets:[5 10 7] schema:1}}x0').values.length, 1);
  const two = parseSeriesDesc('{} {{buckets:[5 10 7] schema:1}} {{buckets:[1 2 3] schema:1}}').values;
  assert.deepEqual(two.map((v) => hist(v).positiveBuckets), [[5, 10, 7], [1, 2, 3]]);
  const inc = parseSeriesDesc('{} {{buckets:[5] schema:0}}+{{buckets:[1 2] schema:1}}x2').values.map(hist);
  assert.deepEqual(inc.map((x) => [x.schema, x.positiveBuckets, x.positiveSpans]), [
    [0, [5], [{ offset: 0, length: 1 }]],
    [0, [6, 2], [{ offset: 0, length: 2 }]],
    [0, [7, 4], [{ offset: 0, length: 2 }]],
  ]);
  const sums = parseSeriesDesc('{} {{sum:1}}+{{sum:1}}x2 {{sum:2}}+{{sum:2}}x2').values.map((v) => hist(v).sum);
  assert.deepEqual(sums, [1, 2, 3, 2, 4, 6]);
  const dec = parseSeriesDesc('{} {{buckets:[5 10 7] schema:1}}-{{buckets:[1 2 3] schema:1}}x2').values.map((v) => hist(v).positiveBuckets);
  assert.deepEqual(dec, [[5, 10, 7], [4, 8, 4], [3, 6, 1]]);
  assert.equal(parseSeriesDesc('{} {{buckets:[5 10 7] schema:1}}+{{buckets:[1 2 3] schema:1}}x0').values.length, 1);
  const gaps = hist(parseSeriesDesc('{} {{buckets:[1] offset:-2}}+{{buckets:[1] offset:3}}x1').values[1]);
  assert.deepEqual([gaps.positiveBuckets, gaps.positiveSpans], [[1, 1], [{ offset: -2, length: 1 }, { offset: 4, length: 1 }]]);
  const counts = parseSeriesDesc('{} {{count:10 z_bucket:1 counter_reset_hint:gauge}}+{{count:5 z_bucket:2}}x1').values.map(hist);
  assert.deepEqual([counts[1]?.count, counts[1]?.zeroCount, counts[1]?.counterResetHint], [15, 3, CounterResetHint.Gauge]);
});

test('histogram errors match upstream', () => {
  const cases: Array<[string, string]> = [
    ['{} {{buckets:[5 10 7] schema:1}}+{{buckets:[1 2 3] schema:0}}x2', '1:63: parse error: error combining histograms: cannot merge from schema 0 to 1'],
    ['{} {{schema:1 schema:1}}', '1:1: parse error: duplicate key "schema" in histogram'],
    ['{} {{foo:1}}', '1:6: parse error: bad histogram descriptor found: "foo"'],
    ['{} {{schema :1}}', '1:6: parse error: missing `:` for histogram descriptor'],
    ['{} {{schema: 1}}', '1:13: parse error: unexpected " " in series values'],
    ['{} {{buckets:[ 1]}}', '1:15: parse error: unexpected " " in series values'],
    ['{} {{ schema:1}}', '1:7: parse error: unexpected "<Item 57372>" "schema" in series values'],
    ['{} {{counter_reset_hint:foo}}', '1:25: parse error: bad histogram descriptor found: "foo"'],
    ['{} {{schema:1 :1}}', '1:15: parse error: unexpected ":" in histogram description, expected histogram description key, e.g. buckets:[5 10 7]'],
  ];
  for (const [input, want] of cases) assert.equal(errorOf(input), want, input);
});
