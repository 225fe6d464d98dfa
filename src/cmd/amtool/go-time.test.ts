import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMs, dateTimeJSON, formatTime, inUTC, parseDateTime, parseRFC3339, ZERO_TIME } from './go-time.js';

test('parseRFC3339: Go time.Parse error texts', () => {
  const err = (s: string): string => {
    try {
      parseRFC3339(s);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };
  assert.equal(err('bad'), 'parsing time "bad" as "2006-01-02T15:04:05Z07:00": cannot parse "bad" as "2006"');
  assert.equal(err('2020/01'), 'parsing time "2020/01" as "2006-01-02T15:04:05Z07:00": cannot parse "/01" as "-"');
  assert.equal(err('2020-13-01T00:00:00Z'), 'parsing time "2020-13-01T00:00:00Z": month out of range');
  assert.equal(err('2020-02-30T00:00:00Z'), 'parsing time "2020-02-30T00:00:00Z": day out of range');
  assert.equal(err('2020-01-01T25:00:00Z'), 'parsing time "2020-01-01T25:00:00Z": hour out of range');
  assert.equal(err('2020-01-01T00:00:00.5Zx'), 'parsing time "2020-01-01T00:00:00.5Zx": extra text: "x"');
  assert.equal(err('2020-01-01T00:00:00'), 'parsing time "2020-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"');
  assert.equal(err('2020-01-01T00:00:00+0200'), 'parsing time "2020-01-01T00:00:00+0200" as "2006-01-02T15:04:05Z07:00": cannot parse "+0200" as "Z07:00"');
});

test('times keep their zone: formatting with Go layouts', () => {
  const t = parseRFC3339('2030-01-01T00:00:00.123456+02:00');
  assert.equal(t.offset, 7200);
  assert.equal(formatTime(t, '2006-01-02 15:04:05 MST'), '2030-01-01 00:00:00 +0200');
  assert.equal(dateTimeJSON(t), '2030-01-01T00:00:00.123+02:00');
  assert.equal(dateTimeJSON(inUTC(t)), '2029-12-31T22:00:00.123Z');
  assert.equal(formatTime(addMs(inUTC(t), 3_600_000), 'Jan _2 3:04PM .000000 -07:00 Mon'), 'Dec 31 11:00PM .123456 +00:00 Mon');
  assert.equal(formatTime(ZERO_TIME, '2006-01-02T15:04:05.999Z07:00'), '0001-01-01T00:00:00Z');
  const z = parseDateTime('2026-11-21T19:33:17.856123Z');
  assert.ok(z !== null);
  assert.equal(formatTime(z, '2006-01-02 15:04:05 MST'), '2026-11-21 19:33:17 UTC');
  assert.equal(dateTimeJSON(z), '2026-11-21T19:33:17.856Z');
  assert.equal(parseDateTime('yesterday'), null);
});
