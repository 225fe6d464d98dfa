import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contains, Intervener, parseTimeInterval, TimeIntervalError } from './index.js';

const t = (iso: string): number => Date.parse(iso);

interface Case {
  name: string;
  interval: Record<string, unknown>;
  at: string;
  want: boolean;
}

const cases: Case[] = [
  { name: 'whole day', interval: { times: [{ start_time: '00:00', end_time: '24:00' }] }, at: '2021-04-26T23:59:59Z', want: true },
  { name: 'time start inclusive', interval: { times: [{ start_time: '09:00', end_time: '17:00' }] }, at: '2021-04-26T09:00:00Z', want: true },
  { name: 'time end exclusive', interval: { times: [{ start_time: '09:00', end_time: '17:00' }] }, at: '2021-04-26T17:00:00Z', want: false },
  { name: 'time last minute', interval: { times: [{ start_time: '09:00', end_time: '17:00' }] }, at: '2021-04-26T16:59:59Z', want: true },
  { name: 'second of two ranges', interval: { times: [{ start_time: '01:00', end_time: '02:00' }, { start_time: '20:00', end_time: '21:00' }] }, at: '2021-04-26T20:30:00Z', want: true },
  { name: 'monday in monday:friday', interval: { weekdays: ['monday:friday'] }, at: '2021-04-26T00:00:00Z', want: true },
  { name: 'friday in monday:friday', interval: { weekdays: ['monday:friday'] }, at: '2021-04-30T23:59:00Z', want: true },
  { name: 'saturday not in monday:friday', interval: { weekdays: ['monday:friday'] }, at: '2021-05-01T00:00:00Z', want: false },
  { name: 'sunday single day', interval: { weekdays: ['Sunday'] }, at: '2021-04-25T12:00:00Z', want: true },
  { name: 'day 1:5', interval: { days_of_month: ['1:5'] }, at: '2021-04-05T10:00:00Z', want: true },
  { name: 'day 6 not in 1:5', interval: { days_of_month: ['1:5'] }, at: '2021-04-06T10:00:00Z', want: false },
  { name: 'last day of april', interval: { days_of_month: ['-1'] }, at: '2021-04-30T10:00:00Z', want: true },
  { name: 'not last day', interval: { days_of_month: ['-1'] }, at: '2021-04-29T10:00:00Z', want: false },
  { name: 'last day of leap february', interval: { days_of_month: ['-1'] }, at: '2020-02-29T10:00:00Z', want: true },
  { name: 'last three days', interval: { days_of_month: ['-3:-1'] }, at: '2021-02-26T00:00:00Z', want: true },
  { name: 'last three days, before', interval: { days_of_month: ['-3:-1'] }, at: '2021-02-25T00:00:00Z', want: false },
  { name: '30:31 skipped in february', interval: { days_of_month: ['30:31'] }, at: '2021-02-28T00:00:00Z', want: false },
  { name: '28:31 clamped in february', interval: { days_of_month: ['28:31'] }, at: '2021-02-28T00:00:00Z', want: true },
  { name: '-30:-1 clamped in february', interval: { days_of_month: ['-30:-1'] }, at: '2021-02-01T00:00:00Z', want: true },
  { name: '1:-1 whole month', interval: { days_of_month: ['1:-1'] }, at: '2021-04-30T00:00:00Z', want: true },
  { name: 'month range', interval: { months: ['january:march'] }, at: '2021-03-31T23:59:00Z', want: true },
  { name: 'month out of range', interval: { months: ['january:march'] }, at: '2021-04-01T00:00:00Z', want: false },
  { name: 'numeric months', interval: { months: ['1:3', '12'] }, at: '2021-12-01T00:00:00Z', want: true },
  { name: 'year range', interval: { years: ['2020:2022'] }, at: '2022-12-31T23:59:00Z', want: true },
  { name: 'year out of range', interval: { years: ['2020:2022'] }, at: '2023-01-01T00:00:00Z', want: false },
  { name: 'location time', interval: { times: [{ start_time: '09:00', end_time: '17:00' }], location: 'Australia/Sydney' }, at: '2021-04-26T00:00:00Z', want: true },
  { name: 'location time outside', interval: { times: [{ start_time: '09:00', end_time: '17:00' }], location: 'Australia/Sydney' }, at: '2021-04-26T08:00:00Z', want: false },
  { name: 'location weekday boundary', interval: { weekdays: ['monday'], location: 'Australia/Sydney' }, at: '2021-04-25T23:00:00Z', want: true },
  { name: 'UTC weekday boundary', interval: { weekdays: ['monday'] }, at: '2021-04-25T23:00:00Z', want: false },
  { name: 'location month boundary', interval: { days_of_month: ['-1'], location: 'America/New_York' }, at: '2021-05-01T02:00:00Z', want: true },
  { name: 'all fields', interval: { times: [{ start_time: '09:00', end_time: '17:00' }], weekdays: ['monday:friday'], days_of_month: ['20:30'], months: ['april'], years: ['2021'] }, at: '2021-04-26T10:00:00Z', want: true },
  { name: 'empty interval', interval: {}, at: '1999-01-01T00:00:00Z', want: true },
];

for (const c of cases) {
  test(`contains: ${c.name}`, () => {
    assert.equal(contains(parseTimeInterval(c.interval), new Date(c.at)), c.want);
  });
}

const bad: Array<[Record<string, unknown>, string]> = [
  [{ times: [{ start_time: '09:00' }] }, 'both start and end times must be provided'],
  [{ times: [{ start_time: '17:00', end_time: '09:00' }] }, 'start time cannot be equal or greater than end time'],
  [{ times: [{ start_time: '09:00', end_time: '09:00' }] }, 'start time cannot be equal or greater than end time'],
  [{ times: [{ start_time: '25:00', end_time: '26:00' }] }, "couldn't parse timestamp 25:00, invalid format"],
  [{ times: [{ start_time: '9:00', end_time: '10:00' }] }, "couldn't parse timestamp 9:00, invalid format"],
  [{ weekdays: ['friday:monday'] }, 'start day cannot be before end day'],
  [{ weekdays: ['blurgsday'] }, 'blurgsday is not a valid weekday'],
  [{ weekdays: ['monday:tuesday:wednesday'] }, "couldn't parse range monday:tuesday:wednesday, invalid format"],
  [{ days_of_month: ['0'] }, '0 is not a valid day of the month: out of range'],
  [{ days_of_month: ['1:32'] }, '32 is not a valid day of the month: out of range'],
  [{ days_of_month: ['-32'] }, '-32 is not a valid day of the month: out of range'],
  [{ days_of_month: ['-1:5'] }, 'end day must be negative if start day is negative'],
  [{ days_of_month: ['10:5'] }, 'end day 5 is always before start day 10'],
  [{ days_of_month: ['-1:-3'] }, 'end day -3 is always before start day -1'],
  [{ months: ['march:january'] }, 'end month january is before start month march'],
  [{ months: ['smarch'] }, 'smarch is not a valid month'],
  [{ years: ['2022:2020'] }, 'end year 2020 is before start year 2022'],
  [{ location: 'Not/AZone' }, 'unknown time zone Not/AZone'],
];

for (const [raw, msg] of bad) {
  test(`parse error: ${msg}`, () => {
    assert.throws(() => parseTimeInterval(raw), (e: unknown) => e instanceof TimeIntervalError && e.message === msg);
  });
}

test('parse keeps ranges and location', () => {
  const ti = parseTimeInterval({ times: [{ start_time: '09:30', end_time: '24:00' }], weekdays: ['Saturday'], location: 'Europe/Berlin' });
  assert.deepEqual(ti.times, [{ startMinute: 570, endMinute: 1440 }]);
  assert.deepEqual(ti.weekdays, [{ begin: 6, end: 6 }]);
  assert.equal(ti.location, 'Europe/Berlin');
});

test('Intervener reports active intervals and unknown names', () => {
  const iv = new Intervener({ weekend: [parseTimeInterval({ weekdays: ['saturday', 'sunday'] })], night: [parseTimeInterval({ times: [{ start_time: '00:00', end_time: '06:00' }] })] });
  assert.deepEqual(iv.mutes(['weekend', 'night'], t('2021-04-25T03:00:00Z')), [true, ['weekend', 'night']]);
  assert.deepEqual(iv.mutes(['weekend'], t('2021-04-26T03:00:00Z')), [false, []]);
  assert.throws(() => iv.mutes(['nope'], 0), /time interval nope doesn't exist in config/);
});
