import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { expandPostings } from '../index/index.js';
import { MemPostings } from './mem-postings.js';

function lbls(o: Record<string, string>): Labels {
  return Labels.fromObject(o);
}

test('postings by pair, by values, all, and matching', () => {
  const p = new MemPostings();
  p.add(1, lbls({ __name__: 'up', job: 'a' }));
  p.add(2, lbls({ __name__: 'up', job: 'b' }));
  p.add(3, lbls({ __name__: 'down', job: 'a' }));
  assert.deepEqual(expandPostings(p.postings('job', ['a'])), [1, 3]);
  assert.deepEqual(expandPostings(p.postings('job', ['a', 'b'])), [1, 2, 3]);
  assert.deepEqual(expandPostings(p.postings('job', ['c'])), []);
  assert.deepEqual(expandPostings(p.postings('nope', ['a'])), []);
  assert.deepEqual(expandPostings(p.all()), [1, 2, 3]);
  assert.deepEqual(expandPostings(p.postingsForLabelMatching('__name__', (v) => v.startsWith('d'))), [3]);
  assert.deepEqual(expandPostings(p.postingsForAllLabelValues('job')), [1, 2, 3]);
  assert.deepEqual(p.labelNames().sort(), ['__name__', 'job']);
  assert.deepEqual(p.labelValues('job').sort(), ['a', 'b']);
  assert.deepEqual(p.symbols(), ['__name__', 'a', 'b', 'down', 'job', 'up']);
});

test('refs added out of order stay sorted', () => {
  const p = new MemPostings();
  for (const r of [5, 2, 9, 1]) p.add(r, lbls({ a: 'x' }));
  assert.deepEqual(expandPostings(p.postings('a', ['x'])), [1, 2, 5, 9]);
});

test('delete drops refs and empty lists; open cursors keep their view', () => {
  const p = new MemPostings();
  p.add(1, lbls({ a: 'x', b: 'y' }));
  p.add(2, lbls({ a: 'x' }));
  const open = p.postings('a', ['x']);
  p.delete(new Set([1]), [
    ['a', 'x'],
    ['b', 'y'],
  ]);
  assert.deepEqual(expandPostings(p.postings('a', ['x'])), [2]);
  assert.deepEqual(expandPostings(p.all()), [2]);
  assert.deepEqual(p.labelNames(), ['a']);
  assert.deepEqual(expandPostings(open), [1, 2]);
});

test('add interns names and values', () => {
  const p = new MemPostings();
  const v1 = ['va', 'lue'].join('');
  const v2 = ['val', 'ue'].join('');
  const a = p.add(1, Labels.fromSortedPairs(['k', v1]));
  const b = p.add(2, Labels.fromSortedPairs(['k', v2]));
  assert.equal(a[1], 'value');
  assert.equal(b[1], 'value');
  assert.equal(p.count('k', 'value'), 2);
});
