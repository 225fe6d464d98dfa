import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoDuration, GoTime } from './go-time.js';

test('time.Duration.String', () => {
  const cases: [bigint, string][] = [
    [0n, '0s'],
    [1n, '1ns'],
    [1100n, '1.1µs'],
    [2_200_000n, '2.2ms'],
    [3_300_000_000n, '3.3s'],
    [245_000_000_000n, '4m5s'],
    [245_001_000_000n, '4m5.001s'],
    [18_367_001_000_000n, '5h6m7.001s'],
    [480_000_000_001n, '8m0.000000001s'],
    [-1n, '-1ns'],
    [1_800_000_000_000n, '30m0s'],
  ];
  for (const [ns, want] of cases) assert.equal(formatGoDuration(ns), want);
});

test('time.Time.Format layouts (UTC)', () => {
  const t = new GoTime(1435065584128000000n);
  const cases: [string, string][] = [
    ['2006-01-02 15:04:05.999999999 -0700 MST', '2015-06-23 13:19:44.128 +0000 UTC'],
    ['2006-01-02T15:04:05Z07:00', '2015-06-23T13:19:44Z'],
    ['2006-01-02T15:04:05.000Z07:00', '2015-06-23T13:19:44.128Z'],
    ['Jan _2 03:04:05 PM', 'Jun 23 01:19:44 PM'],
    ['Monday, January 2 2006', 'Tuesday, June 23 2015'],
    ['Mon Jan 2 15:04:05 2006', 'Tue Jun 23 13:19:44 2015'],
    ['06/1/2 3:4:5 pm', '15/6/23 1:19:44 pm'],
    ['002', '174'],
  ];
  for (const [layout, want] of cases) assert.equal(t.format(layout), want, layout);
  assert.equal(new GoTime(0n).goFormat(), '1970-01-01 00:00:00 +0000 UTC');
  assert.equal(new GoTime(-1_000_000_000n).goFormat(), '1969-12-31 23:59:59 +0000 UTC');
});
