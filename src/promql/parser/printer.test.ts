import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exprToString, formatDuration, parseExpr, prettify, type ParserOptions } from './index.js';

const OPTS: ParserOptions = {
  experimentalDurationExpr: true,
  enableExtendedRangeSelectors: true,
  enableBinopFillModifiers: true,
  enableExperimentalFunctions: true,
};

// [input, expected String()] pairs from upstream's printer tests.
const PRINTED: Array<[string, string]> = [
  ["sum by() (task:errors:rate10s{job=\"s\"})", "sum(task:errors:rate10s{job=\"s\"})"],
  ["sum by(code) (task:errors:rate10s{job=\"s\"})", "sum by (code) (task:errors:rate10s{job=\"s\"})"],
  ["sum without() (task:errors:rate10s{job=\"s\"})", "sum without () (task:errors:rate10s{job=\"s\"})"],
  ["sum without(instance) (task:errors:rate10s{job=\"s\"})", "sum without (instance) (task:errors:rate10s{job=\"s\"})"],
  ["sum by(\"foo.bar\") (task:errors:rate10s{job=\"s\"})", "sum by (\"foo.bar\") (task:errors:rate10s{job=\"s\"})"],
  ["sum without(\"foo.bar\") (task:errors:rate10s{job=\"s\"})", "sum without (\"foo.bar\") (task:errors:rate10s{job=\"s\"})"],
  ["topk(5, task:errors:rate10s{job=\"s\"})", "topk(5, task:errors:rate10s{job=\"s\"})"],
  ["count_values(\"value\", task:errors:rate10s{job=\"s\"})", "count_values(\"value\", task:errors:rate10s{job=\"s\"})"],
  ["a - on() c", "a - on () c"],
  ["a - on(b) c", "a - on (b) c"],
  ["a - on(b) group_left(x) c", "a - on (b) group_left (x) c"],
  ["a - on(b) group_left(x, y) c", "a - on (b) group_left (x, y) c"],
  ["a - on(b) group_left c", "a - on (b) group_left () c"],
  ["a - on(b) group_left() (c)", "a - on (b) group_left () (c)"],
  ["a - ignoring(b) c", "a - ignoring (b) c"],
  ["a - ignoring() c", "a - c"],
  ["a - ignoring() group_left c", "a - ignoring () group_left () c"],
  ["a + fill(-23) b", "a + fill (-23) b"],
  ["a + fill_left(-23) b", "a + fill_left (-23) b"],
  ["a + fill_right(42) b", "a + fill_right (42) b"],
  ["a + fill_left(-23) fill_right(42) b", "a + fill_left (-23) fill_right (42) b"],
  ["a + fill_left(5) fill_right(5) b", "a + fill (5) b"],
  ["a + on(b) group_left fill(-23) c", "a + on (b) group_left () fill (-23) c"],
  ["up > bool 0", "up > bool 0"],
  ["a offset 1m", "a offset 1m"],
  ["a offset -7m", "a offset -7m"],
  ["a{c=\"d\"}[5m] offset 1m", "a{c=\"d\"}[5m] offset 1m"],
  ["a[5m] offset 1m", "a[5m] offset 1m"],
  ["a[12m] offset -3m", "a[12m] offset -3m"],
  ["a[1h:5m] offset 1m", "a[1h:5m] offset 1m"],
  ["a anchored", "a anchored"],
  ["a[5m] anchored", "a[5m] anchored"],
  ["a{b=\"c\"}[5m] anchored", "a{b=\"c\"}[5m] anchored"],
  ["a{b=\"c\"}[5m] anchored offset 1m", "a{b=\"c\"}[5m] anchored offset 1m"],
  ["a{b=\"c\"}[5m] anchored @ start() offset 1m", "a{b=\"c\"}[5m] anchored @ start() offset 1m"],
  ["a smoothed", "a smoothed"],
  ["a[5m] smoothed", "a[5m] smoothed"],
  ["a{b=\"c\"}[5m] smoothed", "a{b=\"c\"}[5m] smoothed"],
  ["a{b=\"c\"}[5m] smoothed offset 1m", "a{b=\"c\"}[5m] smoothed offset 1m"],
  ["a{b=\"c\"}[5m] smoothed @ start() offset 1m", "a{b=\"c\"}[5m] smoothed @ start() offset 1m"],
  ["{__name__=\"a\"}", "{__name__=\"a\"}"],
  ["a{b!=\"c\"}[1m]", "a{b!=\"c\"}[1m]"],
  ["a{b=~\"c\"}[1m]", "a{b=~\"c\"}[1m]"],
  ["a{b!~\"c\"}[1m]", "a{b!~\"c\"}[1m]"],
  ["a @ 10", "a @ 10.000"],
  ["a[1m] @ 10", "a[1m] @ 10.000"],
  ["a @ start()", "a @ start()"],
  ["a @ end()", "a @ end()"],
  ["a[1m] @ start()", "a[1m] @ start()"],
  ["a[1m] @ end()", "a[1m] @ end()"],
  ["{__name__=\"\",a=\"x\"}", "{__name__=\"\",a=\"x\"}"],
  ["{\"a.b\"=\"c\"}", "{\"a.b\"=\"c\"}"],
  ["{\"0\"=\"1\"}", "{\"0\"=\"1\"}"],
  ["{\"_0\"=\"1\"}", "{_0=\"1\"}"],
  ["{\"\"=\"0\"}", "{\"\"=\"0\"}"],
  ["{``=\"0\"}", "{\"\"=\"0\"}"],
  ["1048576", "1048576"],
  ["foo[step()]", "foo[step()]"],
  ["foo[-step()]", "foo[-step()]"],
  ["foo[(step())]", "foo[(step())]"],
  ["foo[-(step())]", "foo[-(step())]"],
  ["foo offset step()", "foo offset step()"],
  ["foo offset -step()", "foo offset -step()"],
  ["foo offset (step())", "foo offset (step())"],
  ["foo offset -(step())", "foo offset -(step())"],
  ["foo offset +(5)", "foo offset (5)"],
  ["foo offset -(5)", "foo offset -(5)"],
  ["foo offset (5)", "foo offset (5)"],
  ["foo offset (5m)", "foo offset (5m)"],
  ["foo[(5s)]", "foo[(5s)]"],
  ["foo[(5m):(1m)]", "foo[(5m):(1m)]"],
  ["foo offset +min_of(10s, 20s)", "foo offset min_of(10s, 20s)"],
  ["foo offset -min_of(10s, 20s)", "foo offset -min_of(10s, 20s)"],
  ["foo offset -min_of(10s, +max_of(step() ^ 2, 2))", "foo offset -min_of(10s, max_of(step() ^ 2, 2))"],
  ["foo[200-min_of(-step()^+step(),1)]", "foo[200 - min_of(-step() ^ step(), 1)]"],
  ["foo[200 - min_of(step() + 10s, -max_of(step() ^ 2, 3))]", "foo[200 - min_of(step() + 10s, -max_of(step() ^ 2, 3))]"],
  ["foo[range()]", "foo[range()]"],
  ["foo[-range()]", "foo[-range()]"],
  ["foo offset range()", "foo offset range()"],
  ["foo offset -range()", "foo offset -range()"],
  ["foo[max_of(range(), 5s)]", "foo[max_of(range(), 5s)]"],
  ["predict_linear(foo[1h], 3000)", "predict_linear(foo[1h], 3000)"],
  ["sum by(\"üüü\") (foo)", "sum by (\"üüü\") (foo)"],
  ["sum without(\"äää\") (foo)", "sum without (\"äää\") (foo)"],
  ["count by(\"ööö\", job) (foo)", "count by (\"ööö\", job) (foo)"],
];

// [line limit, input, expected Pretty()] from upstream's prettier tests.
const PRETTY: Array<[number, string, string]> = [
  [10, "sum(foo)", "sum(foo)"],
  [10, "sum by() (task:errors:rate10s{job=\"s\"})", "sum(\n  task:errors:rate10s{job=\"s\"}\n)"],
  [10, "sum without(job,foo) (task:errors:rate10s{job=\"s\"})", "sum without (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)"],
  [10, "sum(task:errors:rate10s{job=\"s\"}) without(job,foo)", "sum without (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)"],
  [10, "sum by(job,foo) (task:errors:rate10s{job=\"s\"})", "sum by (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)"],
  [10, "sum (task:errors:rate10s{job=\"s\"}) by(job,foo)", "sum by (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)"],
  [10, "topk(10, ask:errors:rate10s{job=\"s\"})", "topk(\n  10,\n  ask:errors:rate10s{job=\"s\"}\n)"],
  [10, "sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job=\"s\"}))", "sum by (job, foo) (\n  sum by (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)"],
  [10, "sum by(job,foo) (sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job=\"s\"})))", "sum by (job, foo) (\n  sum by (job, foo) (\n    sum by (job, foo) (\n      task:errors:rate10s{job=\"s\"}\n    )\n  )\n)"],
  [10, "sum by(job,foo)\n(sum by(job,foo) (task:errors:rate10s{job=\"s\"}))", "sum by (job, foo) (\n  sum by (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)"],
  [10, "sum by(job,foo)\n(sum(task:errors:rate10s{job=\"s\"}) without(job,foo))", "sum by (job, foo) (\n  sum without (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)"],
  [10, "sum by(job,foo) # Comment 1.\n(sum by(job,foo) ( # Comment 2.\ntask:errors:rate10s{job=\"s\"}))", "sum by (job, foo) (\n  sum by (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)"],
  [10, "a+b", "a + b"],
  [10, "a == bool 1", "  a\n== bool\n  1"],
  [10, "a + ignoring(job) b", "  a\n+ ignoring (job)\n  b"],
  [10, "foo_1 + foo_2", "  foo_1\n+\n  foo_2"],
  [10, "foo_1 + foo_2 + foo_3", "    foo_1\n  +\n    foo_2\n+\n  foo_3"],
  [10, "foo + baar + foo_3", "  foo + baar\n+\n  foo_3"],
  [10, "foo_1 + foo_2 + foo_3 + foo_4", "      foo_1\n    +\n      foo_2\n  +\n    foo_3\n+\n  foo_4"],
  [10, "foo_1 + ignoring(foo) foo_2 + ignoring(job) group_left foo_3 + on(instance) group_right foo_4", "      foo_1\n    + ignoring (foo)\n      foo_2\n  + ignoring (job) group_left ()\n    foo_3\n+ on (instance) group_right ()\n  foo_4"],
  [10, "rate(foo[1m])", "rate(\n  foo[1m]\n)"],
  [10, "sum_over_time(foo[1m])", "sum_over_time(\n  foo[1m]\n)"],
  [10, "rate(long_vector_selector[10m:1m] @ start() offset 1m)", "rate(\n  long_vector_selector[10m:1m] @ start() offset 1m\n)"],
  [10, "histogram_quantile(0.9, rate(foo[1m]))", "histogram_quantile(\n  0.9,\n  rate(\n    foo[1m]\n  )\n)"],
  [10, "max_over_time(rate(demo_api_request_duration_seconds_count[1m])[1m:] @ start() offset 1m)", "max_over_time(\n  rate(\n    demo_api_request_duration_seconds_count[1m]\n  )[1m:] @ start() offset 1m\n)"],
  [10, "label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\")", "label_replace(\n  up{job=\"api-server\",service=\"a:c\"},\n  \"foo\",\n  \"$1\",\n  \"service\",\n  \"(.*):.*\"\n)"],
  [10, "label_replace(label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\"), \"foo\", \"$1\", \"service\", \"(.*):.*\")", "label_replace(\n  label_replace(\n    up{job=\"api-server\",service=\"a:c\"},\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  ),\n  \"foo\",\n  \"$1\",\n  \"service\",\n  \"(.*):.*\"\n)"],
  [10, "(foo)", "(foo)"],
  [10, "(_foo_long_)", "(\n  _foo_long_\n)"],
  [10, "((foo_long))", "(\n  (foo_long)\n)"],
  [10, "((_foo_long_))", "(\n  (\n    _foo_long_\n  )\n)"],
  [10, "(((foo_long)))", "(\n  (\n    (foo_long)\n  )\n)"],
  [10, "a @ 1", "a @ 1.000"],
  [10, "a @ start()", "a @ start()"],
  [10, "vector_selector @ start()", "vector_selector @ start()"],
  [10, "(1 + 2)", "(1 + 2)"],
  [10, "(foo + bar)", "(\n  foo + bar\n)"],
  [10, "(foo_long + bar_long)", "(\n    foo_long\n  +\n    bar_long\n)"],
  [10, "(foo_long + bar_long + bar_2_long)", "(\n      foo_long\n    +\n      bar_long\n  +\n    bar_2_long\n)"],
  [10, "((foo_long + bar_long) + bar_2_long)", "(\n    (\n        foo_long\n      +\n        bar_long\n    )\n  +\n    bar_2_long\n)"],
  [10, "(1111 + 2222)", "(\n    1111\n  +\n    2222\n)"],
  [10, "(sum_over_time(foo[1m]))", "(\n  sum_over_time(\n    foo[1m]\n  )\n)"],
  [10, "histogram_quantile(0.9, rate(foo[1m] @ start()))", "histogram_quantile(\n  0.9,\n  rate(\n    foo[1m] @ start()\n  )\n)"],
  [10, "(label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\"))", "(\n  label_replace(\n    up{job=\"api-server\",service=\"a:c\"},\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  )\n)"],
  [10, "(label_replace(label_replace(up{job=\"api-server\",service=\"a:c\"}, \"foo\", \"$1\", \"service\", \"(.*):.*\"), \"foo\", \"$1\", \"service\", \"(.*):.*\"))", "(\n  label_replace(\n    label_replace(\n      up{job=\"api-server\",service=\"a:c\"},\n      \"foo\",\n      \"$1\",\n      \"service\",\n      \"(.*):.*\"\n    ),\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  )\n)"],
  [10, "(label_replace(label_replace((up{job=\"api-server\",service=\"a:c\"}), \"foo\", \"$1\", \"service\", \"(.*):.*\"), \"foo\", \"$1\", \"service\", \"(.*):.*\"))", "(\n  label_replace(\n    label_replace(\n      (\n        up{job=\"api-server\",service=\"a:c\"}\n      ),\n      \"foo\",\n      \"$1\",\n      \"service\",\n      \"(.*):.*\"\n    ),\n    \"foo\",\n    \"$1\",\n    \"service\",\n    \"(.*):.*\"\n  )\n)"],
  [10, "(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"} / node_filesystem_size_bytes{job=\"node\",fstype!=\"\"} * 100 < 40 and predict_linear(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"}[6h], 24*60*60) < 0 and node_filesystem_readonly{job=\"node\",fstype!=\"\"} == 0)", "(\n            node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}\n          /\n            node_filesystem_size_bytes{fstype!=\"\",job=\"node\"}\n        *\n          100\n      <\n        40\n    and\n        predict_linear(\n          node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}[6h],\n            24 * 60\n          *\n            60\n        )\n      <\n        0\n  and\n      node_filesystem_readonly{fstype!=\"\",job=\"node\"}\n    ==\n      0\n)"],
  [10, "(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"} / node_filesystem_size_bytes{job=\"node\",fstype!=\"\"} * 100 < 20 and predict_linear(node_filesystem_avail_bytes{job=\"node\",fstype!=\"\"}[6h], 4*60*60) < 0 and node_filesystem_readonly{job=\"node\",fstype!=\"\"} == 0)", "(\n            node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}\n          /\n            node_filesystem_size_bytes{fstype!=\"\",job=\"node\"}\n        *\n          100\n      <\n        20\n    and\n        predict_linear(\n          node_filesystem_avail_bytes{fstype!=\"\",job=\"node\"}[6h],\n            4 * 60\n          *\n            60\n        )\n      <\n        0\n  and\n      node_filesystem_readonly{fstype!=\"\",job=\"node\"}\n    ==\n      0\n)"],
  [10, "(node_timex_offset_seconds > 0.05 and deriv(node_timex_offset_seconds[5m]) >= 0) or (node_timex_offset_seconds < -0.05 and deriv(node_timex_offset_seconds[5m]) <= 0)", "  (\n        node_timex_offset_seconds\n      >\n        0.05\n    and\n        deriv(\n          node_timex_offset_seconds[5m]\n        )\n      >=\n        0\n  )\nor\n  (\n        node_timex_offset_seconds\n      <\n        -0.05\n    and\n        deriv(\n          node_timex_offset_seconds[5m]\n        )\n      <=\n        0\n  )"],
  [10, "1 - ((node_memory_MemAvailable_bytes{job=\"node\"} or (node_memory_Buffers_bytes{job=\"node\"} + node_memory_Cached_bytes{job=\"node\"} + node_memory_MemFree_bytes{job=\"node\"} + node_memory_Slab_bytes{job=\"node\"}) ) / node_memory_MemTotal_bytes{job=\"node\"})", "  1\n-\n  (\n      (\n          node_memory_MemAvailable_bytes{job=\"node\"}\n        or\n          (\n                  node_memory_Buffers_bytes{job=\"node\"}\n                +\n                  node_memory_Cached_bytes{job=\"node\"}\n              +\n                node_memory_MemFree_bytes{job=\"node\"}\n            +\n              node_memory_Slab_bytes{job=\"node\"}\n          )\n      )\n    /\n      node_memory_MemTotal_bytes{job=\"node\"}\n  )"],
  [10, "min by (job, integration) (rate(alertmanager_notifications_failed_total{job=\"alertmanager\", integration=~\".*\"}[5m]) / rate(alertmanager_notifications_total{job=\"alertmanager\", integration=\"~.*\"}[5m])) > 0.01", "  min by (job, integration) (\n      rate(\n        alertmanager_notifications_failed_total{integration=~\".*\",job=\"alertmanager\"}[5m]\n      )\n    /\n      rate(\n        alertmanager_notifications_total{integration=\"~.*\",job=\"alertmanager\"}[5m]\n      )\n  )\n>\n  0.01"],
  [10, "(count by (job) (changes(process_start_time_seconds{job=\"alertmanager\"}[10m]) > 4) / count by (job) (up{job=\"alertmanager\"})) >= 0.5", "  (\n      count by (job) (\n          changes(\n            process_start_time_seconds{job=\"alertmanager\"}[10m]\n          )\n        >\n          4\n      )\n    /\n      count by (job) (\n        up{job=\"alertmanager\"}\n      )\n  )\n>=\n  0.5"],
  [10, "-1", "-1"],
  [10, "-vector_selector", "-vector_selector"],
  [10, "(-vector_selector)", "(\n  -vector_selector\n)"],
  [10, "-histogram_quantile(0.9,rate(foo[1m]))", "-histogram_quantile(\n  0.9,\n  rate(\n    foo[1m]\n  )\n)"],
  [10, "-histogram_quantile(0.99, sum by (le) (rate(foo[1m])))", "-histogram_quantile(\n  0.99,\n  sum by (le) (\n    rate(\n      foo[1m]\n    )\n  )\n)"],
  [10, "-histogram_quantile(0.9, -rate(foo[1m] @ start()))", "-histogram_quantile(\n  0.9,\n  -rate(\n    foo[1m] @ start()\n  )\n)"],
  [10, "(-histogram_quantile(0.9, -rate(foo[1m] @ start())))", "(\n  -histogram_quantile(\n    0.9,\n    -rate(\n      foo[1m] @ start()\n    )\n  )\n)"],
  [10, "rate(foo[2*1h])", "rate(\n  foo[2 * 1h]\n)"],
  [10, "rate(foo[2*1h])", "rate(\n  foo[2 * 1h]\n)"],
  [10, "rate(foo[-5m+35m])", "rate(\n  foo[-5m + 35m]\n)"],
];

test('exprToString matches upstream String() and re-parses to the same text', () => {
  for (const [input, want] of PRINTED) {
    const got = exprToString(parseExpr(input, OPTS));
    assert.equal(got, want, input);
    assert.equal(exprToString(parseExpr(got, OPTS)), got, `round trip of ${input}`);
  }
});

test('prettify matches upstream Pretty()', () => {
  for (const [limit, input, want] of PRETTY) {
    assert.equal(prettify(parseExpr(input, OPTS), limit), want, input);
  }
});

test('prettify uses a 100 character limit by default', () => {
  const q = 'sum by (job) (rate(http_requests_total{job="api-server",instance="localhost:9090"}[5m])) / on (job) group_left () sum by (job) (up)';
  assert.equal(
    prettify(parseExpr(q)),
    [
      '  sum by (job) (rate(http_requests_total{instance="localhost:9090",job="api-server"}[5m]))',
      '/ on (job) group_left ()',
      '  sum by (job) (up)',
    ].join('\n'),
  );
  assert.equal(prettify(parseExpr('up')), 'up');
});

test('literals print like Go', () => {
  const cases: Array<[string, string]> = [
    ['1e21', '1000000000000000000000'],
    ['1e-7', '0.0000001'],
    ['0x1F', '31'],
    ['0755', '493'],
    ['1_000', '1000'],
    ['Inf', '+Inf'],
    ['-inf', '-Inf'],
    ['nAn', 'NaN'],
    ['1h30m', '1h30m'],
    ['90m', '1h30m'],
    ['-5m', '-5m'],
    ['1.5', '1.5'],
    ['"a\\tb\\u00e4\\x41"', '"a\\tbäA"'],
    ["'single \"q\"'", '"single \\"q\\""'],
    ['`raw\\n`', '"raw\\\\n"'],
    ['"\\xff"', '"\\xff"'],
    ['"\\u00a0\\U0001F600"', '"\\u00a0😀"'],
    ['foo @ 1.5', 'foo @ 1.500'],
    ['foo @ -1', 'foo @ -1.000'],
    ['a + fill(1e6) b', 'a + fill (1e+06) b'],
    ['a + fill_left(0.5) fill_right(-Inf) b', 'a + fill_left (0.5) fill_right (-Inf) b'],
    ['foo{"a b"="c", d!~"e"}', 'foo{"a b"="c",d!~"e"}'],
    ['{"foo.bar"}', '{__name__="foo.bar"}'],
    ['foo[90s:1m30s]', 'foo[1m30s:1m30s]'],
    ['foo[1w] offset 2w', 'foo[1w] offset 2w'],
    ['foo[8d]', 'foo[8d]'],
    ['foo[14d]', 'foo[2w]'],
    ['foo[0.5]', 'foo[500ms]'],
    ['foo offset 1y', 'foo offset 1y'],
    ['a </ 2', 'a </ 2'],
    ['a >/ 2', 'a >/ 2'],
    ['SUM BY (a) (x)', 'sum by (a) (x)'],
    ['foo and on() bar', 'foo and on () bar'],
    ['foo or ignoring(a) bar', 'foo or ignoring (a) bar'],
    ['foo[step()+1m:step()]', 'foo[step() + 1m:step()]'],
    ['foo offset -(step() * 2)', 'foo offset -(step() * 2)'],
    ['foo offset max_of(1m, range())', 'foo offset max_of(1m, range())'],
  ];
  for (const [input, want] of cases) {
    const got = exprToString(parseExpr(input, OPTS));
    assert.equal(got, want, input);
    assert.equal(exprToString(parseExpr(got, OPTS)), got, `round trip of ${input}`);
  }
});

test('formatDuration follows model.Duration.String()', () => {
  const cases: Array<[number, string]> = [
    [0, '0s'], [1, '1ms'], [500, '500ms'], [1000, '1s'], [90_000, '1m30s'], [5_400_000, '1h30m'],
    [86_400_000, '1d'], [604_800_000, '1w'], [691_200_000, '8d'], [31_536_000_000, '1y'],
    [31_536_000_000 + 86_400_000, '366d'], [-300_000, '-5m'], [1_500.7, '1s500ms'],
  ];
  for (const [ms, want] of cases) assert.equal(formatDuration(ms), want, String(ms));
});
