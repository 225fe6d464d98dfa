import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BigEndianPostings,
  ListPostings,
  emptyPostings,
  errPostings,
  expandPostings,
  findIntersectingPostings,
  intersect,
  isEmptyPostings,
  merge,
  without,
} from './postings.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomSet(r: () => number, n: number, max: number): number[] {
  const s = new Set<number>();
  for (let i = 0; i < n; i++) s.add(1 + Math.floor(r() * max));
  return [...s].sort((a, b) => a - b);
}

const lp = (a: number[]): ListPostings => new ListPostings(a);

test('ListPostings next/seek', () => {
  const p = lp([2, 4, 6, 8]);
  assert.equal(p.seek(3), true);
  assert.equal(p.at(), 4);
  assert.equal(p.seek(1), true, 'seek never moves backwards');
  assert.equal(p.at(), 4);
  assert.equal(p.next(), true);
  assert.equal(p.at(), 6);
  assert.equal(p.seek(9), false);
  assert.equal(p.next(), false);
  assert.deepEqual(expandPostings(lp([1, 2, 3])), [1, 2, 3]);
  const q = lp([5]);
  assert.equal(q.seek(0), true);
  assert.equal(q.at(), 5);
});

test('BigEndianPostings reads uint32 refs from bytes', () => {
  const b = new Uint8Array(3 + 4 * 3);
  const dv = new DataView(b.buffer);
  [7, 70000, 4294967295].forEach((v, i) => dv.setUint32(3 + 4 * i, v));
  const p = new BigEndianPostings(b, 3, 3);
  assert.equal(p.seek(100), true);
  assert.equal(p.at(), 70000);
  assert.equal(p.next(), true);
  assert.equal(p.at(), 4294967295);
  assert.equal(p.next(), false);
  assert.deepEqual(expandPostings(new BigEndianPostings(b, 3, 3)), [7, 70000, 4294967295]);
});

test('intersect, merge and without agree with set algebra on random lists', () => {
  const r = rng(42);
  for (let iter = 0; iter < 300; iter++) {
    const k = 1 + Math.floor(r() * 4);
    const sets = Array.from({ length: k }, () => randomSet(r, Math.floor(r() * 60), 120));
    const inter = sets.reduce((acc, s) => acc.filter((x) => s.includes(x)));
    const union = [...new Set(sets.flat())].sort((a, b) => a - b);
    assert.deepEqual(expandPostings(intersect(...sets.map(lp))), inter);
    assert.deepEqual(expandPostings(merge(...sets.map(lp))), union);
    const a = sets[0] as number[];
    const b = randomSet(r, 40, 120);
    assert.deepEqual(expandPostings(without(lp(a), lp(b))), a.filter((x) => !b.includes(x)));
    // seek on composed cursors
    const target = Math.floor(r() * 130);
    const m = merge(...sets.map(lp));
    const expect = union.find((x) => x >= target);
    assert.equal(m.seek(target), expect !== undefined);
    if (expect !== undefined) assert.equal(m.at(), expect);
    const i = intersect(...sets.map(lp));
    const expI = inter.find((x) => x >= target);
    assert.equal(i.seek(target), expI !== undefined);
    if (expI !== undefined) assert.equal(i.at(), expI);
    const w = without(lp(a), lp(b));
    const expW = a.filter((x) => !b.includes(x)).find((x) => x >= target);
    assert.equal(w.seek(target), expW !== undefined);
    if (expW !== undefined) assert.equal(w.at(), expW);
  }
});

test('empty postings shortcuts and errors', () => {
  assert.ok(isEmptyPostings(intersect()));
  assert.ok(isEmptyPostings(intersect(lp([1]), emptyPostings())));
  assert.ok(isEmptyPostings(merge()));
  assert.ok(isEmptyPostings(merge(emptyPostings(), emptyPostings())));
  assert.ok(isEmptyPostings(without(emptyPostings(), lp([1]))));
  const a = lp([1]);
  assert.equal(without(a, emptyPostings()), a);
  const e = new Error('boom');
  assert.equal(intersect(lp([1]), errPostings(e)).err(), e);
  assert.throws(() => expandPostings(merge(lp([1]), errPostings(e))), /boom/);
});

test('merge of many lists and merged next after seek', () => {
  const lists = Array.from({ length: 50 }, (_, i) => [i + 1, i + 100, 1000]);
  const m = merge(...lists.map(lp));
  assert.equal(m.seek(40), true);
  assert.equal(m.at(), 40);
  assert.equal(m.next(), true);
  assert.equal(m.at(), 41);
  const rest = expandPostings(m);
  assert.equal(rest[rest.length - 1], 1000);
  assert.equal(rest.length, 9 + 50 + 1);
});

test('findIntersectingPostings', () => {
  const idx = findIntersectingPostings(lp([2, 5, 9]), [lp([1, 3]), lp([5]), lp([]), lp([9, 10]), emptyPostings()]);
  assert.deepEqual(idx, [1, 3]);
});
