import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goQuote, goQuoteRune, unquote, unquoteLiteral, UnquoteError } from './index.js';

test('goQuote follows strconv.Quote', () => {
  assert.equal(goQuote('a"b\n'), '"a\\"b\\n"');
  assert.equal(goQuote('plain'), '"plain"');
  assert.equal(goQuote('\x00\x7f'), '"\\x00\\x7f"');
  assert.equal(goQuote('\u0085\u00a0é'), '"\\u0085\\u00a0é"');
  assert.equal(goQuote('\udcff'), '"\\xff"');
  assert.equal(goQuoteRune(0x27), "'\\''");
});

test('unquote (strconv.Unquote) and unquoteLiteral (strutil.Unquote)', () => {
  assert.equal(unquote('"a\\tb"'), 'a\tb');
  assert.equal(unquote('`raw\\n`'), 'raw\\n');
  assert.equal(unquote('`a\rb`'), 'ab');
  assert.equal(unquote("'x'"), 'x');
  assert.throws(() => unquote('"bad'), UnquoteError);
  assert.throws(() => unquote("'xy'"), UnquoteError);
  assert.equal(unquoteLiteral("'xy'"), 'xy');
  assert.equal(unquoteLiteral('`a\rb`'), 'a\rb');
  assert.equal(unquoteLiteral('"\\xff"'), '\udcff');
});
