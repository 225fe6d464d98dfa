import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels, Matcher, MatchType } from '../../model/labels/index.js';
import { ValueType } from '../index.js';
import { MemoryStorage } from './memory-storage.js';

function collect(s: MemoryStorage, mint: number, maxt: number, ...m: Matcher[]): [string, number[]][] {
  const q = s.querier(mint, maxt);
  const set = q.select(true, null, ...m);
  const out: [string, number[]][] = [];
  while (set.next()) {
    const it = set.at().iterator();
    const ts: number[] = [];
    while (it.next() !== ValueType.None) ts.push(it.atT());
    out.push([set.at().labels.toString(), ts]);
  }
  return out;
}

test('appends in any order, keeps time order, replaces same timestamp', async () => {
  const s = new MemoryStorage();
  const a = s.appender();
  const l = Labels.fromObject({ __name__: 'm', job: 'x' });
  a.append(0, l, 20, 2);
  a.append(0, l, 10, 1);
  a.append(0, l, 30, 3);
  a.append(0, l, 20, 22);
  await a.commit();
  const got = collect(s, 0, 100, new Matcher(MatchType.Equal, 'job', 'x'));
  assert.deepEqual(got, [['{__name__="m", job="x"}', [10, 20, 30]]]);
});

test('select honours time bounds, matchers, sorting and seek', () => {
  const s = new MemoryStorage();
  for (let i = 0; i < 10; i++) {
    s.put(Labels.fromObject({ __name__: 'b', i: String(i % 2) }), i * 10, ValueType.Float, i, null);
    s.put(Labels.fromObject({ __name__: 'a' }), i * 10, ValueType.Float, i, null);
  }
  assert.deepEqual(
    collect(s, 25, 45).map((x) => x[0]),
    ['{__name__="a"}', '{__name__="b", i="0"}', '{__name__="b", i="1"}'],
  );
  assert.deepEqual(collect(s, 25, 45, new Matcher(MatchType.Regexp, 'i', '1')), [['{__name__="b", i="1"}', [30]]]);
  assert.deepEqual(collect(s, 1000, 2000), []);
  const it = s.querier(0, 100).select(false, null, new Matcher(MatchType.Equal, '__name__', 'a'));
  assert.ok(it.next());
  const c = it.at().iterator();
  assert.equal(c.seek(35), ValueType.Float);
  assert.equal(c.atT(), 40);
  assert.equal(c.seek(10), ValueType.Float);
  assert.equal(c.atT(), 40);
  assert.equal(c.next(), ValueType.Float);
  assert.equal(c.atT(), 50);
  assert.equal(c.seek(1000), ValueType.None);
});

test('label names and values', () => {
  const s = new MemoryStorage();
  s.put(Labels.fromObject({ __name__: 'a', x: '1' }), 0, ValueType.Float, 1, null);
  s.put(Labels.fromObject({ __name__: 'b', y: '2' }), 0, ValueType.Float, 1, null);
  const q = s.querier(0, 10);
  assert.deepEqual(q.labelNames(null), ['__name__', 'x', 'y']);
  assert.deepEqual(q.labelValues('__name__', null), ['a', 'b']);
  assert.deepEqual(q.labelValues('x', null, new Matcher(MatchType.Equal, '__name__', 'b')), []);
  s.clear();
  assert.equal(s.numSeries, 0);
});
