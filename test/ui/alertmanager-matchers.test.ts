/**
 * The Alertmanager pages' pure parts (no DOM): the matcher filter syntax `{a="b", c=~"d"}` the
 * filter box and the URLs use, and the silence form's durations and timestamps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatMatchers,
  fromApiMatcher,
  MatcherSyntaxError,
  matchersFromLabels,
  matchersFromParam,
  parseMatchers,
  toApiMatcher,
} from '../../ui/src/alertmanager/matchers.js';
import { formatDuration, parseDuration, parseTimestamp } from '../../ui/src/alertmanager/time.js';

test('matcher lists: braces optional, values quoted or bare, every operator', () => {
  assert.deepEqual(parseMatchers('{alertname="Foo", job=~"api|web"}'), [
    { name: 'alertname', op: '=', value: 'Foo' },
    { name: 'job', op: '=~', value: 'api|web' },
  ]);
  assert.deepEqual(parseMatchers(' a!=b , c!~ "d.*" '), [
    { name: 'a', op: '!=', value: 'b' },
    { name: 'c', op: '!~', value: 'd.*' },
  ]);
  assert.deepEqual(parseMatchers('instance=host:9100'), [{ name: 'instance', op: '=', value: 'host:9100' }]);
  assert.deepEqual(parseMatchers('{}'), []);
  assert.deepEqual(parseMatchers(''), []);
  assert.deepEqual(parseMatchers('a=""'), [{ name: 'a', op: '=', value: '' }]);
});

test('quoted values keep commas, braces and escapes', () => {
  assert.deepEqual(parseMatchers('{msg="a, b} \\"c\\" \\\\ d\\n"}'), [{ name: 'msg', op: '=', value: 'a, b} "c" \\ d\n' }]);
});

test('formatting reads back as the same matchers', () => {
  const ms = [
    { name: 'alertname', op: '=' as const, value: 'He said "hi", twice\\n' },
    { name: 'job', op: '!~' as const, value: 'a|b' },
  ];
  const text = formatMatchers(ms);
  assert.equal(text, '{alertname="He said \\"hi\\", twice\\\\n", job!~"a|b"}');
  assert.deepEqual(parseMatchers(text), ms);
  assert.equal(formatMatchers([]), '');
});

test('syntax errors say where', () => {
  const cases: [string, RegExp][] = [
    ['{a="b"', /expected "," or "}" at position 7/],
    ['a', /expected one of =, !=, =~, !~ at position 2/],
    ['=b', /expected a label name at position 1/],
    ['a="b', /unterminated quoted value at position 3/],
    ['a="b" c="d"', /expected "," between matchers at position 7/],
  ];
  for (const [text, re] of cases) {
    assert.throws(() => parseMatchers(text), (e: unknown) => e instanceof MatcherSyntaxError && re.test(e.message), text);
  }
  assert.deepEqual(matchersFromParam('{a="'), []);
  assert.deepEqual(matchersFromParam(null), []);
});

test('API matchers and alert labels', () => {
  for (const op of ['=', '!=', '=~', '!~'] as const) {
    const m = { name: 'x', op, value: 'y' };
    assert.deepEqual(fromApiMatcher(toApiMatcher(m)), m);
  }
  assert.deepEqual(toApiMatcher({ name: 'a', op: '!~', value: 'b' }), { name: 'a', value: 'b', isRegex: true, isEqual: false });
  assert.deepEqual(matchersFromLabels({ severity: 'warning', alertname: 'X' }), [
    { name: 'alertname', op: '=', value: 'X' },
    { name: 'severity', op: '=', value: 'warning' },
  ]);
});

test('durations and timestamps of the silence form', () => {
  assert.equal(parseDuration('2h'), 7_200_000);
  assert.equal(parseDuration('1d 2h 30m'), 95_400_000);
  assert.equal(parseDuration('1.5h'), 5_400_000);
  assert.equal(parseDuration('1w'), 604_800_000);
  for (const bad of ['', '2', 'h', '2x', '0s', '-1h']) assert.equal(parseDuration(bad), null, bad);
  assert.equal(formatDuration(7_200_000), '2h');
  assert.equal(formatDuration(95_400_000), '1d 2h 30m');
  assert.equal(formatDuration(7_199_900), '2h', 'a start clamped to the save time still reads 2h');
  assert.equal(formatDuration(90_000), '1m 30s');
  assert.equal(formatDuration(0), '0s');
  assert.equal(parseTimestamp('2024-05-01T12:00:00Z'), Date.UTC(2024, 4, 1, 12));
  assert.equal(parseTimestamp('2024-05-01T14:00:00.500+02:00'), Date.UTC(2024, 4, 1, 12, 0, 0, 500));
  for (const bad of ['', 'tomorrow', '2024-05-01', '2024-05-01 12:00:00Z', '2024-13-01T00:00:00Z']) assert.equal(parseTimestamp(bad), null, bad);
});
