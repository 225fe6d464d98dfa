import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintMetricFamilies, parseMetricFamilies, ParseError } from './index.js';

test('families: summaries and histograms fold into one metric per label set', () => {
  const fams = parseMetricFamilies(`# HELP s_seconds A summary.
# TYPE s_seconds summary
s_seconds{quantile="0.5",a="x"} 1
s_seconds{quantile="0.9",a="x"} 2
s_seconds_sum{a="x"} 3
s_seconds_count{a="x"} 4
# TYPE h histogram
h_bucket{le="1"} 1
h_bucket{le="+Inf"} 2
h_sum 3
h_count 2
# TYPE g GAUGE
g{x="1"} 5 1700000000000
`);
  assert.deepEqual(fams.map((f) => [f.name, f.type, f.metrics.length]), [
    ['s_seconds', 'SUMMARY', 1],
    ['h', 'HISTOGRAM', 1],
    ['g', 'GAUGE', 1],
  ]);
  assert.deepEqual(fams[0]?.metrics[0]?.summary, { quantiles: [[0.5, 1], [0.9, 2]], sum: 3, count: 4 });
  assert.deepEqual(fams[0]?.metrics[0]?.labels, [['a', 'x']]);
  assert.deepEqual(fams[1]?.metrics[0]?.histogram, { buckets: [[1, 1], [Infinity, 2]], sum: 3, count: 2 });
  assert.equal(fams[2]?.metrics[0]?.timestampMs, 1700000000000);
});

test('families: expfmt error texts with line numbers', () => {
  const cases: [string, string][] = [
    ['a 1', 'text format parsing error in line 1: unexpected end of input stream'],
    ['a{b="c" 1\n', "text format parsing error in line 1: unexpected end of label value \"c\""],
    ['a 1 x\n', 'text format parsing error in line 1: expected integer as timestamp, got "x"'],
    ['# TYPE a counter\n# TYPE a gauge\n', 'text format parsing error in line 2: second TYPE line for metric name "a", or TYPE reported after samples'],
    ['# HELP a x\n# HELP a y\n', 'text format parsing error in line 2: second HELP line for metric name "a"'],
    ['a{__name__="x"} 1\n', 'text format parsing error in line 1: label name "__name__" is reserved'],
    ['a{b="c",b="d"} 1\n', 'text format parsing error in line 1: duplicate label names for metric "a"'],
    ['a 1 2 3\n', 'text format parsing error in line 1: spurious string after timestamp: " 3"'],
    ['a{b=c} 1\n', "text format parsing error in line 1: expected '\"' at start of label value, found 'c'"],
    ['a{b="\\x"} 1\n', "text format parsing error in line 1: invalid escape sequence '\\x'"],
    ['# TYPE a foo\n', 'text format parsing error in line 1: unknown metric type "foo"'],
    ['a 0x1p3\n', 'text format parsing error in line 1: expected float as value, got "0x1p3"'],
    ['# TYPE h histogram\nh_count -1\n', 'text format parsing error in line 2: negative count for histogram "h"'],
    ['\n\n1a 1\n', 'text format parsing error in line 3: invalid metric name'],
  ];
  for (const [input, want] of cases) {
    assert.throws(() => parseMetricFamilies(input, 'legacy'), (err: unknown) => {
      assert.ok(err instanceof ParseError);
      assert.equal(err.message, want, JSON.stringify(input));
      return true;
    });
  }
});

test('families: quoted UTF-8 names pass the utf8 scheme but not the legacy one', () => {
  assert.equal(parseMetricFamilies('{"a.b",c="d"} 1\n', 'utf8')[0]?.name, 'a.b');
  assert.throws(() => parseMetricFamilies('{"a.b"} 1\n', 'legacy'), { message: 'text format parsing error in line 1: invalid metric name "a.b"' });
});

test('promlint: findings sorted by metric then text', () => {
  const fams = parseMetricFamilies(`# TYPE fooBar counter
fooBar{someLabel="x"} 1
http_requests_ms 3
# TYPE x_seconds_count gauge
x_seconds_count 1
# TYPE y_hours summary
y_hours{quantile="0.5"} 1
abc:def 1
abc:def 2
# HELP t_timestamp_seconds x
# TYPE t_timestamp_seconds counter
t_timestamp_seconds 1
# HELP r_total x
# TYPE r_total gauge
r_total{le="1"} 1
`, 'legacy');
  assert.deepEqual(
    lintMetricFamilies(fams).map((p) => `${p.metric} ${p.text}`),
    [
      "abc:def metric names should not contain ':'",
      'abc:def metric not unique',
      'abc:def no help text',
      'fooBar counter metrics should have "_total" suffix',
      "fooBar label names should be written in 'snake_case' not 'camelCase'",
      "fooBar metric names should be written in 'snake_case' not 'camelCase'",
      'fooBar no help text',
      'http_requests_ms metric names should not contain abbreviated units',
      'http_requests_ms no help text',
      'r_total non-counter metrics should not have "_total" suffix',
      'r_total non-histogram metrics should not have "le" label',
      't_timestamp_seconds counter metrics should have "_total" suffix',
      't_timestamp_seconds non-gauge metrics should not have "_timestamp_seconds" suffix',
      'x_seconds_count no help text',
      'x_seconds_count non-histogram and non-summary metrics should not have "_count" suffix',
      'y_hours no help text',
      'y_hours use base unit "seconds" instead of "hours"',
    ],
  );
});
