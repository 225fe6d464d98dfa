import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatGoFloat, formatTimestamp } from './api-json.js';
import { benchMetrics, pointsPerSparseSeries, writeOpenMetrics } from './data.js';
import { benchQueries } from './queries.js';
import { countDifferences, summarize } from './targets.js';

test('formatGoFloat matches strconv.FormatFloat(v, f, -1, 64)', () => {
  assert.equal(formatGoFloat(1), '1');
  assert.equal(formatGoFloat(-2.5), '-2.5');
  assert.equal(formatGoFloat(1e21), '1000000000000000000000');
  assert.equal(formatGoFloat(1.5e-7), '0.00000015');
  assert.equal(formatGoFloat(-1.25e-10), '-0.000000000125');
  assert.equal(formatGoFloat(1.2345e22), '12345000000000000000000');
  assert.equal(formatGoFloat(NaN), 'NaN');
  assert.equal(formatGoFloat(Infinity), '+Inf');
  assert.equal(formatGoFloat(-Infinity), '-Inf');
});

test('formatTimestamp writes seconds with millisecond fraction', () => {
  assert.equal(formatTimestamp(1500), '1.500');
  assert.equal(formatTimestamp(1000), '1');
  assert.equal(formatTimestamp(1005), '1.005');
  assert.equal(formatTimestamp(-1500), '-1.500');
});

test('data set has the upstream shape', () => {
  const m = benchMetrics();
  assert.equal(m.length, 13 + 10 * 13 + 100 * 13);
  assert.deepEqual(m[0], { __name__: 'a_one' });
  assert.deepEqual(m[12], { __name__: 'h_one', le: '+Inf' });
  assert.equal(pointsPerSparseSeries({ numIntervals: 18640, intervalMs: 10_000 }), 372);
});

test('OpenMetrics output: families contiguous, seconds, # EOF', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-test-'));
  try {
    const path = join(dir, 'x.om');
    await writeOpenMetrics(path, { numIntervals: 3, intervalMs: 10_000 });
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], '# TYPE a_one unknown');
    assert.equal(lines[1], 'a_one 0 0');
    assert.equal(lines[3], 'a_one 2 20');
    assert.equal(lines[lines.length - 1], '# EOF');
    assert.ok(lines.includes('sparse{l="0"} 0 0'));
    assert.ok(lines.includes('h_hundred{l="99",le="+Inf"} 0.9993069993069993 0'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('query list expands X and step counts', () => {
  const q = benchQueries();
  assert.ok(q.some((x) => x.expr === 'rate(a_hundred[1m])' && x.steps === 10000));
  assert.ok(q.some((x) => x.expr === 'count({__name__!=""})' && x.steps === 1));
  assert.ok(q.filter((x) => x.p3Only).every((x) => /smoothed|double_exponential|limitk|limit_ratio/.test(x.expr)));
  assert.equal(q.filter((x) => x.expr === 'a_one').length, 2);
});

test('result comparison counts differing points', () => {
  const a = summarize('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"1"},"values":[[1,"1"],[2,"2"]]}]}}');
  const b = summarize('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"a":"1"},"values":[[1,"1"],[2,"3"]]}]}}');
  assert.equal(countDifferences(a, a), 0);
  assert.equal(countDifferences(a, b), 1);
  assert.equal(countDifferences(a, summarize('{"status":"error","error":"x"}')), -1);
});
