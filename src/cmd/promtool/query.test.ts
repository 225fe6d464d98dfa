import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoDuration, parseArgs, parseGoDuration, UsageError } from './query-args.js';
import { parseCliTime } from './query-client.js';
import { decodeQueryData, labelSetString, metricString, valueJson, valueString } from './query-print.js';
import { queryCommand } from './query.js';

test('kingpin-style arguments', () => {
  const p = parseArgs(['-o', 'json', 'range', '--start=1', '--step', '30s', 'http://x', 'up'], new Set(['format', 'start', 'step']), { o: 'format' });
  assert.deepEqual(p.positional, ['range', 'http://x', 'up']);
  assert.deepEqual(p.flags.get('format'), ['json']);
  assert.deepEqual(p.flags.get('step'), ['30s']);
  assert.throws(() => parseArgs(['--bogus'], new Set(), {}), UsageError);
});

test("Go's time.ParseDuration and Duration.String", () => {
  assert.equal(parseGoDuration('30s'), 30000);
  assert.equal(parseGoDuration('1h30m'), 5400000);
  assert.equal(parseGoDuration('1.5s'), 1500);
  assert.equal(parseGoDuration('100ms'), 100);
  assert.throws(() => parseGoDuration('abc'), /time: invalid duration "abc"/);
  assert.equal(formatGoDuration(3600000), '1h0m0s');
  assert.equal(formatGoDuration(90000), '1m30s');
  assert.equal(formatGoDuration(1500), '1.5s');
  assert.equal(formatGoDuration(250), '250ms');
});

test("promtool's time parsing", () => {
  assert.equal(parseCliTime('1700000000.5'), 1700000000500);
  assert.equal(parseCliTime('2023-11-14T22:13:20Z'), 1700000000000);
  assert.throws(() => parseCliTime('x'), /cannot parse "x" to a valid timestamp/);
});

test('model value printing as prometheus/common formats it', () => {
  const v = decodeQueryData({
    resultType: 'vector',
    result: [
      { metric: { __name__: 'up', job: 'a', a1: 'x' }, value: [1700000000.5, '1e-07'] },
      { metric: {}, value: [1, 'NaN'] },
    ],
  });
  assert.equal(valueString(v), 'up{a1="x", job="a"} => 0.0000001 @[1700000000.5]\n{} => NaN @[1]');
  assert.equal(valueJson(v), '[{"metric":{"__name__":"up","a1":"x","job":"a"},"value":[1700000000.5,"0.0000001"]},{"metric":{},"value":[1,"NaN"]}]');
  const m = decodeQueryData({
    resultType: 'matrix',
    result: [
      { metric: { b: '1', c: '2' }, values: [[1, '1']] },
      { metric: { a: '1' }, values: [[1, '2'], [2, '3']] },
    ],
  });
  assert.equal(valueString(m), '{a="1"} =>\n2 @[1]\n3 @[2]\n{b="1", c="2"} =>\n1 @[1]');
  assert.equal(valueString(decodeQueryData({ resultType: 'scalar', result: [5, '1.5'] })), 'scalar: 1.5 @[5]');
  assert.equal(metricString({ __name__: 'x' }), 'x');
  assert.equal(labelSetString({ __name__: 'x', a: 'q"' }), '{__name__="x", a="q\\""}');
});

test('usage errors exit 1 with kingpin-like messages', async () => {
  let err = '';
  const io = { stdout: (): void => {}, stderr: (s: string): void => void (err += s) };
  assert.equal(await queryCommand(['instant'], io), 1);
  assert.equal(err, "vigil: error: required argument 'server' not provided, try --help\n");
  err = '';
  assert.equal(await queryCommand(['-o', 'yaml', 'instant', 'http://x', 'up'], io), 1);
  assert.equal(err, "vigil: error: enum value must be one of promql,json, got 'yaml', try --help\n");
  err = '';
  assert.equal(await queryCommand(['range', 'http://127.0.0.1:1', 'up', '--start=10', '--end=5'], io), 1);
  assert.equal(err, 'start time is not before end time\n');
  err = '';
  assert.equal(await queryCommand(['instant', 'http://127.0.0.1:1', 'up', '--time=abc'], io), 1);
  assert.equal(err, 'error parsing evaluation time: cannot parse "abc" to a valid timestamp\n');
  err = '';
  assert.equal(await queryCommand(['instant', 'http://127.0.0.1:1', 'up'], io), 1);
  assert.equal(err, 'query error: Post "http://127.0.0.1:1/api/v1/query": dial tcp 127.0.0.1:1: connect: connection refused\n');
});
