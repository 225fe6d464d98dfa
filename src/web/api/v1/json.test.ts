import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../../model/labels/index.js';
import { FloatHistogram } from '../../../model/value/index.js';
import { newSeries } from '../../../promql/value/index.js';
import { formatSampleValue, formatTimestamp, histogramJson, jsonString, labelsJson, rfc3339Nano, valueChunks } from './json.js';

test('sample values in jsonutil.MarshalFloat format', () => {
  const cases: Array<[number, string]> = [
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [-2.5, '-2.5'],
    [1e-6, '0.000001'],
    [1e-7, '1e-07'],
    [-1.5e-9, '-1.5e-09'],
    [1e20, '100000000000000000000'],
    [1e21, '1e+21'],
    [1.25e22, '1.25e+22'],
    [0.1 + 0.2, '0.30000000000000004'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ];
  for (const [v, s] of cases) assert.equal(formatSampleValue(v), s, String(v));
});

test('timestamps as seconds with the millisecond fraction', () => {
  assert.equal(formatTimestamp(1700000000000), '1700000000');
  assert.equal(formatTimestamp(1700000000500), '1700000000.500');
  assert.equal(formatTimestamp(1700000000005), '1700000000.005');
  assert.equal(formatTimestamp(1700000000050), '1700000000.050');
  assert.equal(formatTimestamp(-1500), '-1.500');
  assert.equal(formatTimestamp(0), '0');
});

test('strings and labels are escaped as Go does', () => {
  assert.equal(jsonString('a<b>&c'), '"a\\u003cb\\u003e\\u0026c"');
  assert.equal(jsonString('x\u2028'), '"x\\u2028"');
  assert.equal(labelsJson(Labels.fromObject({ b: '"q"', a: '1' })), '{"a":"1","b":"\\"q\\""}');
  assert.equal(labelsJson(Labels.EMPTY), '{}');
});

test('RFC 3339 times as Go marshals time.Time', () => {
  assert.equal(rfc3339Nano(null), '0001-01-01T00:00:00Z');
  assert.equal(rfc3339Nano(Date.UTC(2023, 10, 14, 22, 13, 20)), '2023-11-14T22:13:20Z');
  assert.equal(rfc3339Nano(Date.UTC(2023, 10, 14, 22, 13, 20, 120)), '2023-11-14T22:13:20.12Z');
});

test('native histogram JSON: buckets with boundaries, empty ones left out', () => {
  const h = new FloatHistogram();
  h.schema = 0;
  h.count = 10;
  h.sum = 12.5;
  h.zeroThreshold = 0.001;
  h.zeroCount = 1;
  h.positiveSpans = [{ offset: 0, length: 3 }];
  h.positiveBuckets = [2, 0, 3];
  h.negativeSpans = [{ offset: 1, length: 1 }];
  h.negativeBuckets = [4];
  assert.equal(
    histogramJson(h),
    '{"count":"10","sum":"12.5","buckets":[[1,"-2","-1","4"],[3,"-0.001","0.001","1"],[0,"0.5","1","2"],[0,"2","4","3"]]}',
  );
  const empty = new FloatHistogram();
  assert.equal(histogramJson(empty), '{"count":"0","sum":"0"}');
});

test('matrix chunks join to upstream JSON', () => {
  const s = newSeries(Labels.fromObject({ __name__: 'x' }));
  s.floats.push(1000, 1);
  s.floats.push(2500, 2.5);
  const out = [...valueChunks({ type: 'matrix', value: [s] })].join('');
  assert.equal(out, '[{"metric":{"__name__":"x"},"values":[[1,"1"],[2.500,"2.5"]]}]');
  assert.equal([...valueChunks({ type: 'scalar', value: { t: 1500, v: 1e-7 } })].join(''), '[1.5,"0.0000001"]');
  assert.equal([...valueChunks({ type: 'vector', value: [] })].join(''), '[]');
});
