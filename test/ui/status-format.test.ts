/**
 * The status pages' text formatting (ui/src/status/): durations as the Prometheus UI writes
 * them, relative times ("never" for Go's zero time), label badges' quoting and escaping, the
 * free-text search and the choice of scrape pools to show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatPrometheusDuration,
  formatTimestamp,
  humanizeDuration,
  humanizeDurationRelative,
  secondsToMs,
} from '../../ui/src/status/time-format.js';
import { escapeString, formatLabel, maybeQuoteLabelName } from '../../ui/src/status/label-format.js';
import { labelTexts, matchesSearch } from '../../ui/src/status/text-search.js';
import { poolsToShow, POOL_DISPLAY_LIMIT } from '../../ui/src/status/pools.js';
import { effectivePage } from '../../ui/src/status/pagination-math.js';

test('humanizeDuration writes days to milliseconds with fractional seconds', () => {
  assert.equal(humanizeDuration(0), '0s');
  assert.equal(humanizeDuration(114.00000000000001), '114ms');
  assert.equal(humanizeDuration(0.4), '0ms');
  assert.equal(humanizeDuration(1500), '1.5s');
  assert.equal(humanizeDuration(93784123), '1d 2h 3m 4.123s');
  assert.equal(humanizeDuration(-60_000), '-1m');
  assert.equal(humanizeDuration(7 * 86400_000), '1w');
  assert.equal(humanizeDuration(8 * 86400_000), '8d');
});

test('formatPrometheusDuration writes the duration syntax', () => {
  assert.equal(formatPrometheusDuration(60_000), '1m');
  assert.equal(formatPrometheusDuration(93784000), '1d2h3m4s');
  assert.equal(formatPrometheusDuration(365 * 86400_000), '1y');
  assert.equal(formatPrometheusDuration(90 * 86400_000), '90d');
});

test('relative times: "ago", and "never" for Go zero time or garbage', () => {
  const now = Date.parse('2024-05-01T12:00:10Z');
  assert.equal(humanizeDurationRelative('2024-05-01T12:00:00Z', now), '10s ago');
  assert.equal(humanizeDurationRelative('2024-05-01T12:00:09.750Z', now, ''), '250ms');
  assert.equal(humanizeDurationRelative('0001-01-01T00:00:00Z', now), 'never');
  assert.equal(humanizeDurationRelative('not a time', now), 'never');
});

test('seconds from the API (numbers or strings) and timestamps', () => {
  assert.equal(secondsToMs(0.25), 250);
  assert.equal(secondsToMs('1.5'), 1500);
  assert.ok(Number.isNaN(secondsToMs('x')));
  assert.equal(formatTimestamp(Date.parse('2024-05-01T12:00:00.123Z')), '2024-05-01T12:00:00Z');
  assert.equal(formatTimestamp(NaN), 'Invalid Date');
});

test('label badges quote UTF-8 names and escape values', () => {
  assert.equal(escapeString('a"b\\c'), 'a\\"b\\\\c');
  assert.equal(maybeQuoteLabelName('job'), 'job');
  assert.equal(maybeQuoteLabelName('http.status'), '"http.status"');
  assert.equal(formatLabel('job', 'say "hi"'), 'job="say \\"hi\\""');
});

test('search: every term must occur in some text, name=value works', () => {
  const texts = ['http://h:9100/metrics', ...labelTexts({ job: 'node', instance: 'h:9100' })];
  assert.ok(matchesSearch('', texts));
  assert.ok(matchesSearch('job=node', texts));
  assert.ok(matchesSearch('JOB="node" 9100', texts));
  assert.ok(!matchesSearch('job=node missing', texts));
});

test('scrape pools: the chosen one, all, or the first past the limit', () => {
  const many = Array.from({ length: POOL_DISPLAY_LIMIT + 1 }, (_, i) => `p${i}`);
  assert.deepEqual(poolsToShow(['a', 'b'], ''), { selected: '', limited: false });
  assert.deepEqual(poolsToShow(['a', 'b'], 'b'), { selected: 'b', limited: false });
  assert.deepEqual(poolsToShow(many, ''), { selected: 'p0', limited: true });
});

test('pagination clamps the page to those that exist', () => {
  assert.deepEqual(effectivePage('', 0), { page: 1, pages: 1 });
  assert.deepEqual(effectivePage('3', 25), { page: 3, pages: 3 });
  assert.deepEqual(effectivePage('9', 25), { page: 3, pages: 3 });
  assert.deepEqual(effectivePage('x', 25), { page: 1, pages: 3 });
});
