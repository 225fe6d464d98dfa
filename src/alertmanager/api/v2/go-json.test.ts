import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFirstValue, GoJSONEOFError, GoJSONSyntaxError } from './go-json.js';

const dec = (s: string): unknown => decodeFirstValue(Buffer.from(s));

test('decodeFirstValue reads the first value and ignores the rest, as json.Decoder', () => {
  assert.deepEqual(dec(' [1, {"a": "b"}] x'), [1, { a: 'b' }]);
  assert.equal(dec('null'), null);
  assert.equal(dec('12 34'), 12);
  assert.throws(() => dec('  \n'), GoJSONEOFError);
  assert.equal((dec('['.repeat(10000) + ']'.repeat(10000)) as unknown[]).length, 1);
});

test('decodeFirstValue fails with encoding/json scanner texts', () => {
  const cases: [string, string][] = [
    ['x', "invalid character 'x' looking for beginning of value"],
    ['[{"labels":{"a":"x"},}]', "invalid character '}' looking for beginning of object key string"],
    ['[{"labels":{"a":"x"}} x]', "invalid character 'x' after array element"],
    ['[{"labels":{"a":"x"}', 'unexpected EOF'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b"}', 'invalid character \'"\' after object key:value pair'],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ['"\\q"', "invalid character 'q' in string escape code"],
    ['"\\u12x4"', "invalid character 'x' in \\u hexadecimal character escape"],
    ['[-x]', "invalid character 'x' in numeric literal"],
    ['[1.x]', "invalid character 'x' after decimal point in numeric literal"],
    ['[1ex]', "invalid character 'x' in exponent of numeric literal"],
    ['[tru]', "invalid character ']' in literal true (expecting 'e')"],
    ['nul', 'unexpected EOF'],
    ["['a']", "invalid character '\\'' looking for beginning of value"],
    ['[01]', "invalid character '1' after array element"],
    ['['.repeat(10001), "invalid character '[' exceeded max depth"],
  ];
  for (const [s, want] of cases) {
    assert.throws(() => dec(s), (e: unknown) => e instanceof GoJSONSyntaxError && e.message === want, s);
  }
});
