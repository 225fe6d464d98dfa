import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import type { LoadSeries } from './commands.js';
import { compactDense, convertClassicToNHCB } from './nhcb.js';

function series(obj: Record<string, string>, values: number[]): LoadSeries {
  return { labels: Labels.fromObject(obj), samples: values.map((f, i) => ({ t: i * 60_000, f, h: null, st: 0 })) };
}

test('compactDense drops empty ends and splits long empty runs', () => {
  assert.deepEqual(compactDense([0, 1, 0, 0, 2, 0], 2), { spans: [{ offset: 1, length: 4 }], buckets: [1, 0, 0, 2] });
  assert.deepEqual(compactDense([1, 0, 2], 0), {
    spans: [
      { offset: 0, length: 1 },
      { offset: 1, length: 1 },
    ],
    buckets: [1, 2],
  });
  assert.deepEqual(compactDense([0, 0], 0), { spans: [], buckets: [] });
});

test('classic buckets become a custom-bucket histogram per timestamp', () => {
  const out = convertClassicToNHCB([
    series({ __name__: 'h_bucket', le: '1', job: 'a' }, [1, 2]),
    series({ __name__: 'h_bucket', le: '+Inf', job: 'a' }, [3, 5]),
    series({ __name__: 'h_bucket', le: '0.5', job: 'a' }, [0, 1]),
    series({ __name__: 'h_sum', job: 'a' }, [4, 8]),
    series({ __name__: 'h_count', job: 'a' }, [3, 5]),
    series({ __name__: 'other', job: 'a' }, [1, 1]),
  ]);
  assert.equal(out.length, 1);
  const s = out[0];
  assert.ok(s);
  assert.equal(s.labels.toString(), '{__name__="h", job="a"}');
  assert.equal(s.samples.length, 2);
  const h0 = s.samples[0]?.h;
  assert.ok(h0);
  assert.equal(h0.schema, -53);
  assert.deepEqual(h0.customValues, [0.5, 1]);
  assert.equal(h0.count, 3);
  assert.equal(h0.sum, 4);
  assert.deepEqual(h0.positiveSpans, [{ offset: 1, length: 2 }]);
  assert.deepEqual(h0.positiveBuckets, [1, 2]);
  const h1 = s.samples[1]?.h;
  assert.deepEqual(h1?.positiveBuckets, [1, 1, 3]);
});

test('missing +Inf bucket takes the count; non-cumulative buckets fail', () => {
  const [s] = convertClassicToNHCB([
    series({ __name__: 'h_bucket', le: '1' }, [2]),
    series({ __name__: 'h_count' }, [5]),
  ]);
  assert.deepEqual(s?.samples[0]?.h?.positiveBuckets, [2, 3]);
  assert.equal(s?.samples[0]?.h?.count, 5);
  assert.throws(
    () =>
      convertClassicToNHCB([
        series({ __name__: 'h_bucket', le: '1' }, [2]),
        series({ __name__: 'h_bucket', le: '2' }, [1]),
      ]),
    /count is not cumulative/,
  );
});
