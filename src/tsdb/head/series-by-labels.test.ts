import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { MemSeries } from './mem-series.js';
import { SeriesByLabels, labelsHash } from './series-by-labels.js';

// Two label sets with the same 32-bit hash (found by search), to exercise the collision lists.
const A = Labels.fromObject({ a: 'iynizxnu' });
const B = Labels.fromObject({ a: 'ou5zbzan' });

test('labelsHash: colliding fixture and separator', () => {
  assert.equal(labelsHash(A), labelsHash(B));
  // The separator keeps name/value boundaries apart.
  assert.notEqual(labelsHash(Labels.fromObject({ ab: 'c' })), labelsHash(Labels.fromObject({ a: 'bc' })));
});

test('SeriesByLabels: get, add, delete with hash collisions', () => {
  const m = new SeriesByLabels();
  const sa = new MemSeries(1, A);
  const sb = new MemSeries(2, B);
  const sc = new MemSeries(3, Labels.fromObject({ __name__: 'up', job: 'x' }));
  assert.equal(m.get(A), undefined);
  m.add(sa);
  assert.equal(m.get(A), sa);
  assert.equal(m.get(B), undefined);
  m.add(sb);
  m.add(sc);
  assert.equal(m.size, 3);
  assert.equal(m.get(Labels.fromObject({ a: 'iynizxnu' })), sa);
  assert.equal(m.get(B), sb);
  assert.equal(m.get(Labels.fromObject({ job: 'x', __name__: 'up' })), sc);
  m.delete(sa);
  assert.equal(m.get(A), undefined);
  assert.equal(m.get(B), sb);
  m.delete(sa);
  assert.equal(m.size, 2);
  m.delete(sb);
  assert.equal(m.get(B), undefined);
  m.add(sa);
  assert.equal(m.get(A), sa);
  assert.equal(m.size, 2);
});
