import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './errors.js';
import { parseDuration, parseRfc3339, parseTime } from './params.js';

test('times: Unix seconds rounded to ms, RFC 3339 with zones', () => {
  assert.equal(parseTime('1700000000'), 1700000000000);
  assert.equal(parseTime('1700000000.1234'), 1700000000123);
  assert.equal(parseTime('1700000000.9996'), 1700000001000);
  assert.equal(parseTime('1e3'), 1000000);
  assert.equal(parseTime('2023-11-14T22:13:20Z'), 1700000000000);
  assert.equal(parseTime('2023-11-14T22:13:20.5Z'), 1700000000500);
  assert.equal(parseTime('2023-11-14T23:13:20+01:00'), 1700000000000);
  assert.equal(parseRfc3339('2023-02-30T00:00:00Z'), null);
  assert.throws(() => parseTime('yesterday'), (e: unknown) => e instanceof ApiError && e.message === 'cannot parse "yesterday" to a valid timestamp');
});

test('durations: float seconds or Prometheus durations', () => {
  assert.equal(parseDuration('15'), 15000);
  assert.equal(parseDuration('0.5'), 500);
  assert.equal(parseDuration('1m30s'), 90000);
  assert.equal(parseDuration('1d'), 86400000);
  assert.throws(() => parseDuration('1x'), /^ApiError: cannot parse "1x" to a valid duration$/);
  assert.throws(() => parseDuration('1e20'), /It overflows int64/);
});
