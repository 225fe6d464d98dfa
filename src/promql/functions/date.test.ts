import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FloatHistogram } from '../../model/value/index.js';
import { callFn, enh, labels, sampleOf, scalarVec } from './fixtures.js';

const at = (fn: string, secs?: number): number | undefined =>
  callFn(fn, secs === undefined ? [] : [scalarVec(secs)], [], [], enh(0)).out[0]?.f;

test('calendar functions at the evaluation time (1970-01-01, a Thursday)', () => {
  assert.equal(at('year'), 1970);
  assert.equal(at('month'), 1);
  assert.equal(at('day_of_month'), 1);
  assert.equal(at('day_of_year'), 1);
  assert.equal(at('day_of_week'), 4);
  assert.equal(at('hour'), 0);
  assert.equal(at('minute'), 0);
});

test('calendar functions on values (functions.test)', () => {
  assert.equal(at('year', 1136239445), 2006);
  assert.equal(at('month', 1136239445), 1);
  assert.equal(at('day_of_month', 1136239445), 2);
  assert.equal(at('day_of_year', 1136239445), 2);
  assert.equal(at('day_of_week', 1136239445), 1);
  assert.equal(at('hour', 1136239445), 22);
  assert.equal(at('minute', 1136239445), 4);
  assert.equal(at('year', 1230767999), 2008);
  assert.equal(at('year', 1230768000), 2009);
  assert.equal(at('month', 1456790399), 2);
  assert.equal(at('day_of_month', 1456790399), 29);
  assert.equal(at('month', 1456790400), 3);
  assert.equal(at('day_of_year', 1483191420), 366);
  assert.equal(at('day_of_year', 1672493820), 365);
  assert.equal(at('days_in_month', 1454284800), 29);
  assert.equal(at('days_in_month', 1485907200), 28);
  assert.equal(at('year', -1), 1969);
  assert.equal(at('day_of_week', -86400), 3);
});

test('calendar functions skip histogram samples', () => {
  const vec = [sampleOf(labels(), 0, 0, new FloatHistogram())];
  assert.equal(callFn('year', [vec], [], [], enh(0)).out.length, 0);
});
