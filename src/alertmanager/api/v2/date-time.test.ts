import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DateTimeParseError, formatDateTime, goZeroTimeMs, parseDateTime } from './date-time.js';

test('parseDateTime accepts the layouts strfmt tries', () => {
  const t = Date.UTC(2026, 10, 21, 10, 0, 0);
  assert.equal(parseDateTime('2026-11-21T10:00:00Z'), t);
  assert.equal(parseDateTime('2026-11-21T10:00:00.123456Z'), t + 123);
  assert.equal(parseDateTime('2026-11-21T12:00:00.5+02:00'), t + 500);
  assert.equal(parseDateTime('2026-11-21T12:00:00.000+0200'), t);
  assert.equal(parseDateTime('2026-11-21T12:00:00.000000+0200'), t);
  assert.equal(parseDateTime('2026-11-21T10:00:00'), t);
  assert.equal(parseDateTime('2026-11-21T10:00Z'), t);
  assert.equal(parseDateTime('2026-11-21T10:00'), t);
  assert.equal(parseDateTime('2026-11-21 10:00:00'), t);
  assert.equal(parseDateTime(''), 0);
  assert.equal(parseDateTime('0001-01-01T00:00:00Z'), goZeroTimeMs());
});

test('parseDateTime fails with Go time.Parse texts for the last layout (recorded from Alertmanager 0.25)', () => {
  const cases: [string, string][] = [
    ['garbage', 'parsing time "garbage" as "2006-01-02 15:04:05": cannot parse "garbage" as "2006"'],
    ['2026-13-21T10:00:00Z', 'parsing time "2026-13-21T10:00:00Z": month out of range'],
    ['2026-02-30 10:00:00', 'parsing time "2026-02-30 10:00:00": day out of range'],
    ['2026-02-20 10:00:00 x', 'parsing time "2026-02-20 10:00:00 x": extra text: " x"'],
    ['2026-02-20T25:00:00Z', 'parsing time "2026-02-20T25:00:00Z" as "2006-01-02 15:04:05": cannot parse "T25:00:00Z" as " "'],
    ['2026-02-2', 'parsing time "2026-02-2" as "2006-01-02 15:04:05": cannot parse "2" as "02"'],
    ['2026-02-20T10:00:00+0200', 'parsing time "2026-02-20T10:00:00+0200" as "2006-01-02 15:04:05": cannot parse "T10:00:00+0200" as " "'],
  ];
  for (const [v, want] of cases) {
    assert.throws(() => parseDateTime(v), (e: unknown) => e instanceof DateTimeParseError && e.message === want, v);
  }
});

test('formatDateTime writes RFC 3339 with milliseconds in UTC', () => {
  assert.equal(formatDateTime(Date.UTC(2024, 0, 1)), '2024-01-01T00:00:00.000Z');
  assert.equal(formatDateTime(0), '1970-01-01T00:00:00.000Z');
  assert.equal(formatDateTime(goZeroTimeMs()), '0001-01-01T00:00:00.000Z');
});
