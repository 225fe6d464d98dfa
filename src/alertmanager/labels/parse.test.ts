import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { AmMatcher, AmMatchType, compareMatchers, matchersMatch, matchersToString } from './matcher.js';
import { parseMatcher, parseMatchers } from './parse.js';

function triples(input: string): [string, string, string][] {
  return parseMatchers(input).map((m) => [m.name, m.type, m.value]);
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
}

test('parseMatchers: the forms upstream accepts', () => {
  const cases: [string, [string, string, string][]][] = [
    ['{}', []],
    ['{foo=bar}', [['foo', '=', 'bar']]],
    ['{foo="bar"}', [['foo', '=', 'bar']]],
    ['{foo=~bar.*}', [['foo', '=~', 'bar.*']]],
    ['{foo!~"bar.*"}', [['foo', '!~', 'bar.*']]],
    ['{foo="bar", baz!="quux"}', [['foo', '=', 'bar'], ['baz', '!=', 'quux']]],
    ['{foo=""}', [['foo', '=', '']]],
    ['{foo="bar,quux", job="job1"}', [['foo', '=', 'bar,quux'], ['job', '=', 'job1']]],
    ['{foo = "bar", dings != "bums", }', [['foo', '=', 'bar'], ['dings', '!=', 'bums']]],
    ['foo=bar,dings!=bums', [['foo', '=', 'bar'], ['dings', '!=', 'bums']]],
    ['{quote="She said: \\"Hi!\\""}', [['quote', '=', 'She said: "Hi!"']]],
    ['tricky=~~~', [['tricky', '=~', '~~']]],
    ['trickier==\\\\=\\=\\"', [['trickier', '=', '=\\=\\="']]],
    ['contains_quote != "\\"" , contains_comma !~ "foo,bar" , ', [['contains_quote', '!=', '"'], ['contains_comma', '!~', 'foo,bar']]],
    ['{foo=bar}}', [['foo', '=', 'bar}']]],
    ['{foo=bar}},}', [['foo', '=', 'bar}}']]],
    ['{foo=,bar=}}', [['foo', '=', ''], ['bar', '=', '}']]],
    ['{foo=bar\\t}', [['foo', '=', 'bar\\t']]],
    ['{foo=bar\\n}', [['foo', '=', 'bar\n']]],
    ['{foo=bar\\}', [['foo', '=', 'bar\\']]],
    ['{foo=bar\\\\}', [['foo', '=', 'bar\\']]],
    ['{foo=bar\\"}', [['foo', '=', 'bar"']]],
    ['job=', [['job', '=', '']]],
  ];
  for (const [input, want] of cases) assert.deepEqual(triples(input), want, input);
});

test('parseMatchers: upstream error texts', () => {
  const cases: [string, string][] = [
    [',', 'bad matcher format: '],
    ['{,}', 'bad matcher format: '],
    ['job="value', 'matcher value contains unescaped double quote: "value'],
    ['job=value"', 'matcher value contains unescaped double quote: value"'],
    ['contains_unescaped_quote = foo"bar', 'matcher value contains unescaped double quote: foo"bar'],
    ['{invalid-name = "valid label"}', 'bad matcher format: invalid-name = "valid label"'],
    ['{foo=~"invalid[regexp"}', 'error parsing regexp: missing closing ]: `[regexp)$`'],
    ['"foo=\\"bar"', 'bad matcher format: "foo=\\"bar"'],
    ['{{foo=', 'bad matcher format: {foo='],
  ];
  for (const [input, want] of cases) assert.equal(errorOf(() => parseMatchers(input)), want, input);
});

test('parseMatcher and String()', () => {
  const m = parseMatcher('foo!="bar"');
  assert.equal(m.type, AmMatchType.NotEqual);
  assert.equal(m.toString(), 'foo!="bar"');
  assert.equal(new AmMatcher(AmMatchType.Equal, 'a', 'x"y\\z\n').toString(), 'a="x\\"y\\\\z\\n"');
  assert.equal(matchersToString(parseMatchers('a=1,b=~"x.*"')), '{a="1",b=~"x.*"}');
});

test('matching: anchored regexes, missing labels read as empty', () => {
  const ls = Labels.fromObject({ job: 'api', env: 'prod' });
  assert.ok(matchersMatch(parseMatchers('{job="api", env=~"pro.*"}'), ls));
  assert.ok(!matchersMatch(parseMatchers('{env=~"pro"}'), ls));
  assert.ok(matchersMatch(parseMatchers('{missing=""}'), ls));
  assert.ok(matchersMatch(parseMatchers('{missing!~".+"}'), ls));
  assert.ok(!matchersMatch(parseMatchers('{job!="api"}'), ls));
  // `.` does not match a newline (no (?s) flag upstream).
  assert.ok(!parseMatcher('a=~"x.y"').matches('x\ny'));
});

test('compareMatchers orders by name, value, then type', () => {
  const ms = parseMatchers('b=1,a!=2,a=2,a=1').sort(compareMatchers);
  assert.deepEqual(ms.map((m) => m.toString()), ['a="1"', 'a="2"', 'a!="2"', 'b="1"']);
});
