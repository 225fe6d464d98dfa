import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpr, ParseErrors, type ParserOptions } from './index.js';

/** The options upstream's parse tests run with (everything but fill modifiers). */
const OPTS: ParserOptions = {
  enableExperimentalFunctions: true,
  experimentalDurationExpr: true,
  enableExtendedRangeSelectors: true,
};

function firstError(input: string, opts: ParserOptions = OPTS): { start: number; msg: string; message: string } {
  try {
    parseExpr(input, opts);
  } catch (e) {
    assert.ok(e instanceof ParseErrors, `expected ParseErrors for ${JSON.stringify(input)}, got ${String(e)}`);
    const first = e.errors[0];
    assert.ok(first !== undefined);
    return { start: first.positionRange.start, msg: first.err, message: e.message };
  }
  assert.fail(`expected ${JSON.stringify(input)} to fail`);
}

// [input, start offset of the first error, first error text], checked against upstream's parser.
const UPSTREAM_ERRORS: Array<[string, number, string]> = [
  ["", 0, "no expression found in input"],
  ["# just a comment\n\n", 0, "no expression found in input"],
  ["1+", 2, "unexpected end of input"],
  [".", 0, "unexpected character: '.'"],
  ["2.5.", 0, "bad number or duration syntax: \"2.5.\""],
  ["100..4", 0, "bad number or duration syntax: \"100..\""],
  ["0deadbeef", 0, "bad number or duration syntax: \"0de\""],
  ["1 /", 3, "unexpected end of input"],
  ["*1", 0, "unexpected <op:*>"],
  ["(1))", 4, "unexpected right parenthesis ')'"],
  ["((1)", 4, "unclosed left parenthesis"],
  ["(", 1, "unclosed left parenthesis"],
  ["1 and 1", 0, "set operator \"and\" not allowed in binary scalar expression"],
  ["1 == 1", 2, "comparisons between scalars must use BOOL modifier"],
  ["1 or 1", 0, "set operator \"or\" not allowed in binary scalar expression"],
  ["1 unless 1", 0, "set operator \"unless\" not allowed in binary scalar expression"],
  ["1 !~ 1", 2, "unexpected character after '!': '~'"],
  ["1 =~ 1", 2, "unexpected character after '=': '~'"],
  ["-\"string\"", 0, "unary expression only allowed on expressions of type scalar or instant vector, got \"string\""],
  ["-test[5m]", 0, "unary expression only allowed on expressions of type scalar or instant vector, got \"range vector\""],
  ["*test", 0, "unexpected <op:*>"],
  ["@@", 0, "unexpected <op:@>"],
  ["1 offset 1d", 0, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery"],
  ["foo offset 1s offset 2s", 0, "offset may not be set multiple times"],
  ["a - on(b) ignoring(c) d", 10, "unexpected <ignoring>"],
  ["foo and 1", 0, "set operator \"and\" not allowed in binary scalar expression"],
  ["1 and foo", 0, "set operator \"and\" not allowed in binary scalar expression"],
  ["foo or 1", 0, "set operator \"or\" not allowed in binary scalar expression"],
  ["1 or foo", 0, "set operator \"or\" not allowed in binary scalar expression"],
  ["foo unless 1", 0, "set operator \"unless\" not allowed in binary scalar expression"],
  ["1 unless foo", 0, "set operator \"unless\" not allowed in binary scalar expression"],
  ["1 or on(bar) foo", 0, "vector matching only allowed between instant vectors"],
  ["foo == on(bar) 10", 0, "vector matching only allowed between instant vectors"],
  ["foo + group_left(baz) bar", 6, "unexpected <group_left>"],
  ["foo and on(bar) group_left(baz) bar", 0, "no grouping allowed for \"and\" operation"],
  ["foo and on(bar) group_right(baz) bar", 0, "no grouping allowed for \"and\" operation"],
  ["foo or on(bar) group_left(baz) bar", 0, "no grouping allowed for \"or\" operation"],
  ["foo or on(bar) group_right(baz) bar", 0, "no grouping allowed for \"or\" operation"],
  ["foo unless on(bar) group_left(baz) bar", 0, "no grouping allowed for \"unless\" operation"],
  ["foo unless on(bar) group_right(baz) bar", 0, "no grouping allowed for \"unless\" operation"],
  ["http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}", 34, "label \"instance\" must not occur in ON and GROUP clause at once"],
  ["foo + bool bar", 4, "bool modifier can only be used on comparison operators"],
  ["foo + bool 10", 4, "bool modifier can only be used on comparison operators"],
  ["foo and bool 10", 4, "bool modifier can only be used on comparison operators"],
  ["http_requests{group=\"production\"} + on(instance) group_left(job,instance) cpu_count{type=\"smp\"}", 34, "label \"instance\" must not occur in ON and GROUP clause at once"],
  ["foo @ +Inf", 0, "timestamp out of bounds for @ modifier: +Inf"],
  ["foo @ -Inf", 0, "timestamp out of bounds for @ modifier: -Inf"],
  ["foo @ NaN", 0, "timestamp out of bounds for @ modifier: NaN"],
  ["{", 1, "unexpected end of input inside braces"],
  ["}", 0, "unexpected character: '}'"],
  ["some{", 5, "unexpected end of input inside braces"],
  ["some}", 4, "unexpected character: '}'"],
  ["some_metric{a=b}", 14, "unexpected identifier \"b\" in label matching, expected string"],
  ["some_metric{a:b=\"b\"}", 13, "unexpected character inside braces: ':'"],
  ["foo{a*\"b\"}", 5, "unexpected character inside braces: '*'"],
  ["foo{a>=\"b\"}", 5, "unexpected character inside braces: '>'"],
  ["foo{gibberish}", 13, "unexpected \"}\" in label matching, expected label matching operator"],
  ["foo{1}", 4, "unexpected character inside braces: '1'"],
  ["{}", 0, "vector selector must contain at least one non-empty matcher"],
  ["{x=\"\"}", 0, "vector selector must contain at least one non-empty matcher"],
  ["{x=~\".*\"}", 0, "vector selector must contain at least one non-empty matcher"],
  ["{x!~\".+\"}", 0, "vector selector must contain at least one non-empty matcher"],
  ["{x!=\"a\"}", 0, "vector selector must contain at least one non-empty matcher"],
  ["foo{__name__=\"bar\"}", 0, "metric name must not be set twice: \"foo\" or \"bar\""],
  ["foo{__name__= =}", 14, "unexpected \"=\" in label matching, expected string"],
  ["foo{,}", 4, "unexpected \",\" in label matching, expected identifier or \"}\""],
  ["foo{__name__ == \"bar\"}", 14, "unexpected \"=\" in label matching, expected string"],
  ["foo{__name__=\"bar\" lol}", 19, "unexpected identifier \"lol\" in label matching, expected \",\" or \"}\""],
  ["foo{\"a\"=}", 8, "unexpected \"}\" in label matching, expected string"],
  ["foo[5mm]", 4, "bad number or duration syntax: \"5mm\""],
  ["foo[5m1]", 4, "bad number or duration syntax: \"5m1\""],
  ["foo[5m:1m1]", 7, "bad number or duration syntax: \"1m1\""],
  ["foo[5y1hs]", 4, "unknown unit \"hs\" in duration \"5y1hs\""],
  ["foo[5m1h]", 4, "not a valid duration string: \"5m1h\""],
  ["foo[5m1m]", 4, "not a valid duration string: \"5m1m\""],
  ["foo[0m]", 4, "duration must be greater than 0"],
  ["foo[\"5m\"]", 4, "unexpected character in duration expression: '\"'"],
  ["foo[]", 4, "unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()"],
  ["foo[-1]", 4, "duration must be greater than 0"],
  ["some_metric[5m] OFFSET 1mm", 23, "bad number or duration syntax: \"1mm\""],
  ["some_metric[5m] OFFSET", 22, "unexpected end of input in offset, expected number, duration, step(), or range()"],
  ["some_metric OFFSET 1m[5m]", 21, "no offset modifiers allowed before range"],
  ["some_metric[5m] @", 17, "unexpected end of input in @, expected timestamp"],
  ["some_metric @ 1234 [5m]", 19, "no @ modifiers allowed before range"],
  ["some_metric @ start() [5m]", 22, "no @ modifiers allowed before range"],
  ["some_metric @ end()[5m]", 19, "no @ modifiers allowed before range"],
  ["some_metric offset step()[5m]", 25, "no offset modifiers allowed before range"],
  ["(foo + bar)[5m]", 11, "ranges only allowed for vector selectors"],
  ["sum by (\"foo)(some_metric{})", 8, "unterminated quoted string"],
  ["sum without(==)(some_metric)", 12, "unexpected <op:==> in grouping opts, expected label"],
  ["sum without(,)(some_metric)", 12, "unexpected \",\" in grouping opts, expected label"],
  ["sum without(foo,,)(some_metric)", 16, "unexpected \",\" in grouping opts, expected label"],
  ["sum some_metric by (test)", 4, "unexpected identifier \"some_metric\""],
  ["sum (some_metric) by test", 21, "unexpected identifier \"test\" in grouping opts, expected \"(\""],
  ["sum () by (test)", 0, "no arguments for aggregate expression provided"],
  ["MIN keep_common (some_metric)", 4, "unexpected identifier \"keep_common\""],
  ["MIN (some_metric) keep_common", 18, "unexpected identifier \"keep_common\""],
  ["sum (some_metric) without (test) by (test)", 33, "unexpected <by>"],
  ["sum without (test) (some_metric) by (test)", 33, "unexpected <by>"],
  ["topk(some_metric)", 0, "wrong number of arguments for aggregate expression provided, expected 2, got 1"],
  ["topk(some_metric,)", 16, "trailing commas not allowed in function call args"],
  ["topk(some_metric, other_metric)", 5, "expected type scalar in aggregation parameter, got instant vector"],
  ["count_values(5, other_metric)", 13, "expected type string in aggregation parameter, got scalar"],
  ["rate(some_metric[5m]) @ 1234", 0, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery"],
  ["floor()", 0, "expected 1 argument(s) in call to \"floor\", got 0"],
  ["floor(some_metric, other_metric)", 0, "expected 1 argument(s) in call to \"floor\", got 2"],
  ["floor(some_metric, 1)", 0, "expected 1 argument(s) in call to \"floor\", got 2"],
  ["floor(1)", 6, "expected type instant vector in call to function \"floor\", got scalar"],
  ["hour(some_metric, some_metric, some_metric)", 0, "expected at most 1 argument(s) in call to \"hour\", got 3"],
  ["time(some_metric)", 0, "expected 0 argument(s) in call to \"time\", got 1"],
  ["non_existent_function_far_bar()", 0, "unknown function with name \"non_existent_function_far_bar\""],
  ["rate(some_metric)", 5, "expected type range vector in call to function \"rate\", got instant vector"],
  ["*1", 0, "unexpected <op:*>"],
  ["-=", 1, "unexpected \"=\""],
  ["++-++-+-+-<", 10, "unexpected <op:<>"],
  ["e-+=/(0)", 3, "unexpected \"=\""],
  ["a>b()", 2, "unknown function with name \"b\""],
  ["rate(avg)", 5, "expected type range vector in call to function \"rate\", got instant vector"],
  ["`\\``", 3, "unterminated raw string"],
  ["\"\\", 0, "escape sequence not terminated"],
  ["\"\\c\"", 0, "unknown escape sequence U+0063 'c'"],
  ["\"\\x.\"", 0, "illegal character U+002E '.' in escape sequence"],
  ["foo{bar=\"baz\"}[", 15, "unexpected end of input in duration expression"],
  ["test[5d] OFFSET 10s [10m:5s]", 0, "subquery is only allowed on instant vector, got matrix instead"],
  ["(foo + bar{nm=\"val\"})[5m:][10m:5s]", 0, "subquery is only allowed on instant vector, got matrix instead"],
  ["rate(food[1m])[1h] offset 1h", 14, "ranges only allowed for vector selectors"],
  ["rate(food[1m])[1h] @ 100", 14, "ranges only allowed for vector selectors"],
  ["info(rate(http_request_counter_total{}[5m]), target_info{foo=\"bar\"})", 45, "expected label selectors only, got vector selector instead"],
  ["info(http_request_counter_total{namespace=\"zzz\"}, {foo=\"bar\"} == 1)", 50, "expected label selectors only"],
  ["foo[step]", 8, "unexpected \"]\" in subquery or range selector, expected number, duration, step(), or range()"],
  ["foo[step()/0d]", 10, "division by zero"],
  ["foo[5s/0d]", 6, "division by zero"],
  ["foo offset (4d/0)", 14, "division by zero"],
  ["foo[5s%0d]", 6, "modulo by zero"],
  ["foo offset 9.5e10", 11, "duration out of range"],
  ["foo[9.5e10]", 4, "duration out of range"],
  ["sum(", 4, "unclosed left parenthesis"],
  ["sum(rate(", 9, "unclosed left parenthesis"],
  ["foo[5s x 5s]", 7, "unexpected character: 'x', expected ':'"],
  ["foo[5s s 5s]", 7, "unexpected character: 's', expected ':'"],
  ["1[5m] smoothed", 1, "ranges only allowed for vector selectors"],
  ["1[5m] anchored", 1, "ranges only allowed for vector selectors"],
];

test('first error and its position match upstream for malformed queries', () => {
  for (const [input, start, msg] of UPSTREAM_ERRORS) {
    const got = firstError(input);
    assert.equal(got.msg, msg, `message for ${JSON.stringify(input)}`);
    assert.equal(got.start, start, `position for ${JSON.stringify(input)}`);
  }
});

test('error message carries line:col like upstream ParseErrors.Error()', () => {
  assert.equal(firstError('1 +').message, '1:4: parse error: unexpected end of input');
  assert.equal(firstError('foo{a=b}').message, '1:7: parse error: unexpected identifier "b" in label matching, expected string');
  assert.equal(firstError('sum(\n  foo bar)').message, '2:7: parse error: unexpected identifier "bar" in aggregation');
  // Columns count UTF-8 bytes, as upstream does.
  assert.equal(firstError('{a="ä"} + ').message, '1:12: parse error: unexpected end of input');
  assert.equal(firstError('').message, 'unknown position: parse error: no expression found in input');
});

test('features that are off by default report upstream texts', () => {
  const off: ParserOptions = {};
  const cases: Array<[string, number, string]> = [
    ['limitk(1, foo)', 0, 'limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions'],
    ['limit_ratio(0.5, foo)', 0, 'limit_ratio() is experimental and must be enabled with --enable-feature=promql-experimental-functions'],
    ['mad_over_time(foo[5m])', 0, 'function "mad_over_time" is not enabled'],
    ['foo[5m+1m]', 4, 'experimental duration expression is not enabled'],
    ['foo[step()]', 4, 'experimental duration expression is not enabled'],
    ['foo offset (5m)', 12, 'experimental duration expression is not enabled'],
    ['foo anchored', 0, 'anchored modifier is experimental and not enabled'],
    ['foo[5m] smoothed', 0, 'smoothed modifier is experimental and not enabled'],
    ['a + fill(0) b', 0, 'binop fill modifiers are experimental and not enabled'],
  ];
  for (const [input, start, msg] of cases) {
    const got = firstError(input, off);
    assert.equal(got.msg, msg, input);
    assert.equal(got.start, start, input);
  }
  // The plain forms stay valid.
  for (const q of ['foo[5m]', 'foo offset -5m', 'topk(1, foo)', 'fill + fill', 'a + on(b) group_left fill']) parseExpr(q, off);
});

test('more error cases', () => {
  const cases: Array<[string, number, string]> = [
    ['sum(foo bar)', 8, 'unexpected identifier "bar" in aggregation'],
    ['sum by (a b) (foo)', 10, 'unexpected identifier "b" in grouping opts, expected "," or ")"'],
    ['foo offset', 10, 'unexpected end of input in offset, expected number, duration, step(), or range()'],
    ['foo offset -x', 12, 'unexpected identifier "x" in offset, expected number, duration, step(), or range()'],
    ['foo @ bar', 6, 'unexpected identifier "bar" in @, expected timestamp'],
    ['foo[5m 1m]', 7, 'unexpected duration "1m" in subquery or range, expected ":" or "]"'],
    ['foo[5m:1m 2]', 10, 'unexpected number "2" in subquery selector, expected "]"'],
    ['foo[5m:(]', 8, 'unexpected "]" in subquery selector, expected number, duration, step(), range(), or "]"'],
    ['a + fill(x) b', 9, 'unexpected identifier "x"'],
    ['foo @ 1 @ 2', 0, '@ <timestamp> may not be set multiple times'],
    ['foo[5m] @ start() @ end()', 0, '@ <timestamp> may not be set multiple times'],
    ['foo offset 1m[5m]', 13, 'no offset modifiers allowed before range'],
    ['foo anchored smoothed', 0, 'anchored and smoothed modifiers cannot be used together'],
    ['foo[5m:] anchored', 0, 'anchored modifier is not supported for subqueries'],
    ['rate(foo[5m]) smoothed', 0, 'smoothed modifier not implemented'],
    ['foo > bool on(a) bar and bool baz', 21, 'bool modifier can only be used on comparison operators'],
    ['label_join(foo)', 0, 'expected at least 3 argument(s) in call to "label_join", got 1'],
    ['round(foo, 1, 2)', 0, 'expected at most 2 argument(s) in call to "round", got 3'],
    ['sum(foo) offset 1m', 0, 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery'],
    ['quantile("a", foo)', 9, 'expected type scalar in aggregation parameter, got string'],
    ['sum(foo[5m])', 4, 'expected type instant vector in aggregation expression, got range vector'],
    ['foo[5m] + 1', 0, 'binary expression must contain only scalar and instant vector types'],
    ['1 + "a"', 4, 'binary expression must contain only scalar and instant vector types'],
    ['sum by ("") (foo)', 8, 'invalid label name for grouping: ""'],
    ['foo{a=~"("}', 4, 'error parsing regexp: missing closing ): `(`'],
    ['"\\xZZ"', 0, 'illegal character U+005A \'Z\' in escape sequence'],
    ['"\\u00"', 0, 'illegal character U+0022 \'"\' in escape sequence'],
    ['"\\ud800"', 0, 'escape sequence is an invalid Unicode code point'],
    ['foo[1h1h]', 4, 'not a valid duration string: "1h1h"'],
    ['0x', 0, 'error parsing number: strconv.ParseFloat: parsing "0x": invalid syntax'],
    ['0xg', 0, 'bad number or duration syntax: "0x"'],
    ['foo[5m]]', 7, 'unexpected right bracket \']\''],
    ['foo[[5m]', 4, 'unexpected character in duration expression: \'[\''],
    ['foo[5m [', 7, 'unexpected left bracket \'[\''],
    ['foo[5m::]', 7, 'unexpected colon \':\''],
    ['foo[:5m]', 5, 'unexpected colon before duration in duration expression'],
    ['a ! b', 2, 'unexpected character after \'!\': \' \''],
  ];
  for (const [input, start, msg] of cases) {
    const got = firstError(input);
    assert.equal(got.msg, msg, input);
    assert.equal(got.start, start, input);
  }
  // After fill(..), fill_left is read as a metric name; its "(" is then unexpected.
  const fill = firstError('a + fill(1) fill_left(2) b', { ...OPTS, enableBinopFillModifiers: true });
  assert.deepEqual([fill.start, fill.msg], [21, 'unexpected "("']);
  // Without the feature, the binary expression's own error comes first (as upstream reduces it first).
  assert.equal(firstError('a + fill(1) fill_left(2) b').msg, 'binop fill modifiers are experimental and not enabled');
});

test('deep nesting gives a parse error, not a stack overflow', () => {
  for (const q of ['('.repeat(5000) + '1' + ')'.repeat(5000), '-'.repeat(20000) + '1', 'sum('.repeat(3000) + 'x' + ')'.repeat(3000)]) {
    assert.throws(() => parseExpr(q, OPTS), ParseErrors);
  }
  // The upstream stress case: many errors, must stay fast.
  const big = '(' + '-{}-1'.repeat(10000) + ')' + '[1m:]'.repeat(1000);
  const t0 = Date.now();
  assert.throws(() => parseExpr(big, OPTS), ParseErrors);
  assert.ok(Date.now() - t0 < 5000);
  // Moderately deep queries still work.
  parseExpr('('.repeat(200) + '1' + ')'.repeat(200), OPTS);
  parseExpr(Array.from({ length: 1500 }, (_, i) => `m${i}`).join(' + '), OPTS);
});
