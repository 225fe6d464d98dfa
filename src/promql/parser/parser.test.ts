import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MatchType } from '../../model/labels/index.js';
import {
  exprToString, parseDuration, parseExpr, parseMetric, parseMetricSelector, positionRange, ParseErrors,
  VectorMatchCardinality, type Expr, type ParserOptions,
} from './index.js';

const ALL: ParserOptions = {
  enableExperimentalFunctions: true,
  experimentalDurationExpr: true,
  enableExtendedRangeSelectors: true,
  enableBinopFillModifiers: true,
};

/** A compact s-expression of the tree shape, for precedence tests. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'BinaryExpr': return `(${e.op} ${shape(e.lhs)} ${shape(e.rhs)})`;
    case 'UnaryExpr': return `(neg${e.op} ${shape(e.expr)})`;
    case 'ParenExpr': return `[${shape(e.expr)}]`;
    case 'NumberLiteral': return String(e.val);
    default: return exprToString(e);
  }
}

function parse(q: string, opts: ParserOptions = ALL): Expr {
  return parseExpr(q, opts);
}

function as<K extends Expr['kind']>(e: Expr, kind: K): Extract<Expr, { kind: K }> {
  assert.equal(e.kind, kind);
  return e as Extract<Expr, { kind: K }>;
}

test('number literals', () => {
  const cases: Array<[string, number, number, number]> = [
    ['1', 1, 0, 1], ['+Inf', Infinity, 0, 4], ['-Inf', -Infinity, 0, 4], ['.5', 0.5, 0, 2], ['5.', 5, 0, 2],
    ['123.4567', 123.4567, 0, 8], ['5e-3', 0.005, 0, 4], ['5e3', 5000, 0, 3], ['0xc', 12, 0, 3], ['0755', 493, 0, 4],
    ['+5.5e-3', 0.0055, 0, 7], ['-0755', -493, 0, 5], ['1_000_000', 1e6, 0, 9], ['0x_1F', 31, 0, 5],
    ['1h', 3600, 0, 2], ['-1m', -60, 0, 3], ['08', 8, 0, 2], ['99999999999999999999', 1e20, 0, 20],
  ];
  for (const [q, val, start, end] of cases) {
    const n = as(parse(q), 'NumberLiteral');
    assert.equal(n.val, val, q);
    assert.deepEqual(n.posRange, { start, end }, q);
  }
  assert.ok(Number.isNaN(as(parse('NaN'), 'NumberLiteral').val));
  assert.equal(as(parse('1h'), 'NumberLiteral').duration, true);
  assert.equal(as(parse('3600'), 'NumberLiteral').duration, false);
});

test('string literals and escapes', () => {
  const cases: Array<[string, string]> = [
    ['"double-quoted string \\" with escaped quote"', 'double-quoted string " with escaped quote'],
    ["'single-quoted string \\' with escaped quote'", "single-quoted string ' with escaped quote"],
    ['`backtick-quoted string`', 'backtick-quoted string'],
    ['"\\a\\b\\f\\n\\r\\t\\v\\\\\\" - \\xFF\\377\\u1234\\U00010111\\U0001011111☺"', '\x07\b\f\n\r\t\v\\" - \udcff\udcff\u1234\u{10111}\u{10111}11☺'],
    ["'\\a\\b\\f\\n\\r\\t\\v\\\\\\' - \\xFF\\377\\u1234\\U00010111\\U0001011111☺'", "\x07\b\f\n\r\t\v\\' - \udcff\udcff\u1234\u{10111}\u{10111}11☺"],
    ['"\\xe2\\x82\\xac"', '€'],
    ['`\\a\\b`', '\\a\\b'],
  ];
  for (const [q, want] of cases) assert.equal(as(parse(q), 'StringLiteral').val, want, q);
});

test('vector selectors: matchers, name matcher last, positions', () => {
  const vs = as(parse('foo:bar{a="bc", d!="e", f=~"g", h!~"i"}'), 'VectorSelector');
  assert.equal(vs.name, 'foo:bar');
  assert.deepEqual(vs.labelMatchers.map((m) => [m.type, m.name, m.value]), [
    [MatchType.Equal, 'a', 'bc'], [MatchType.NotEqual, 'd', 'e'], [MatchType.Regexp, 'f', 'g'],
    [MatchType.NotRegexp, 'h', 'i'], [MatchType.Equal, '__name__', 'foo:bar'],
  ]);
  assert.deepEqual(vs.posRange, { start: 0, end: 39 });
  const quoted = as(parse('{"foo.bar", "a b"="c"}'), 'VectorSelector');
  assert.equal(quoted.name, '');
  assert.deepEqual(quoted.labelMatchers.map((m) => [m.name, m.value]), [['__name__', 'foo.bar'], ['a b', 'c']]);
  // Keywords are plain metric names outside their syntactic position, and labels inside braces.
  for (const name of ['sum', 'by', 'start', 'end', 'step', 'offset', 'and', 'without', 'anchored', 'min_of', 'fill']) {
    assert.equal(as(parse(name), 'VectorSelector').name, name);
  }
  assert.equal(as(parse('start{end="foo"}'), 'VectorSelector').labelMatchers.length, 2);
  assert.equal(shape(parse('fill + fill')), '(+ fill fill)');
  assert.equal(shape(parse('foo and and')), '(and foo and)');
  const trailing = as(parse('foo{a="b",}'), 'VectorSelector');
  assert.equal(trailing.labelMatchers.length, 2);
  const comments = as(parse('foo{a="b", # comment\n c="d"} # end'), 'VectorSelector');
  assert.equal(comments.labelMatchers.length, 3);
});

test('operator precedence and associativity', () => {
  const cases: Array<[string, string]> = [
    ['1 + 2 * 3', '(+ 1 (* 2 3))'],
    ['1 * 2 + 3', '(+ (* 1 2) 3)'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['2 ^ 3 ^ 2', '(^ 2 (^ 3 2))'],
    ['-1 ^ 2', '(neg- (^ 1 2))'],
    ['-1 * 2', '(* -1 2)'],
    ['2 ^ -1 ^ 2', '(^ 2 (neg- (^ 1 2)))'],
    ['2 ^ -1 * 3', '(* (^ 2 -1) 3)'],
    ['-a * b', '(* (neg- a) b)'],
    ['a * -b + c', '(+ (* a (neg- b)) c)'],
    ['a or b and c unless d', '(or a (unless (and b c) d))'],
    ['a == b + c', '(== a (+ b c))'],
    ['a > b == c', '(== (> a b) c)'],
    ['a atan2 b * c', '(* (atan2 a b) c)'],
    ['a </ 1 + 2', '(</ a (+ 1 2))'],
    ['- - 1', '1'],
    ['+-+1', '-1'],
    ['(1 + 2) * 3', '(* [(+ 1 2)] 3)'],
    ['foo offset 5m + 1', '(+ foo offset 5m 1)'],
    ['foo offset -1^1', '(^ foo offset -1s 1)'],
  ];
  for (const [q, want] of cases) assert.equal(shape(parse(q)), want, q);
});

test('range selectors, subqueries, offset and @', () => {
  const ms = as(parse('foo[5m] offset 1h @ 100'), 'MatrixSelector');
  assert.equal(ms.range, 300_000);
  assert.equal(ms.vectorSelector.originalOffset, 3_600_000);
  assert.equal(ms.vectorSelector.timestamp, 100_000);
  assert.equal(ms.endPos, 23);
  assert.deepEqual(positionRange(ms), { start: 0, end: 23 });

  const neg = as(parse('foo offset -7m'), 'VectorSelector');
  assert.equal(neg.originalOffset, -420_000);
  assert.deepEqual(neg.posRange, { start: 0, end: 14 });

  const sq = as(parse('rate(foo[5m])[1h:30s] @ end() offset 5m'), 'SubqueryExpr');
  assert.equal(sq.range, 3_600_000);
  assert.equal(sq.step, 30_000);
  assert.equal(sq.startOrEnd, 'end');
  assert.equal(sq.originalOffset, 300_000);
  assert.equal(as(sq.expr, 'Call').func.name, 'rate');

  const noStep = as(parse('foo[5m:]'), 'SubqueryExpr');
  assert.equal(noStep.step, 0);
  assert.equal(noStep.stepExpr, null);
  assert.equal(noStep.endPos, 8);

  assert.equal(as(parse('foo @ start()'), 'VectorSelector').startOrEnd, 'start');
  assert.equal(as(parse('foo @ 1.5'), 'VectorSelector').timestamp, 1500);
  assert.equal(as(parse('foo @ -0.0005'), 'VectorSelector').timestamp, -1);
  assert.equal(as(parse('foo[1.5]'), 'MatrixSelector').range, 1500);
  assert.equal(as(parse('foo[0.0001]'), 'MatrixSelector').range, 0);
});

test('duration expressions keep the expression and leave constant literals as ranges', () => {
  const ms = as(parse('foo[11s+10s-5*2^2]'), 'MatrixSelector');
  assert.equal(ms.range, 0);
  assert.ok(ms.rangeExpr !== null);
  assert.equal(exprToString(ms.rangeExpr), '11s + 10s - 5 * 2 ^ 2');

  const unary = as(parse('foo[-(10s-5s)+20s]'), 'MatrixSelector').rangeExpr;
  assert.ok(unary !== null && unary.op === '+');
  const lhs = unary.lhs;
  assert.ok(lhs !== null && lhs.kind === 'DurationExpr' && lhs.op === '-' && lhs.lhs === null && lhs.startPos === 4);

  const step = as(parse('foo[  -  step  (  )  ]'), 'MatrixSelector').rangeExpr;
  assert.ok(step !== null && step.op === '-' && step.startPos === 6);
  assert.ok(step.rhs !== null && step.rhs.kind === 'DurationExpr' && step.rhs.op === 'step' && step.rhs.startPos === 9 && step.rhs.endPos === 19);

  const sq = as(parse('foo[4s+4s:1s*2] offset (5s-8)'), 'SubqueryExpr');
  assert.equal(exprToString(sq.rangeExpr as Expr), '4s + 4s');
  assert.equal(exprToString(sq.stepExpr as Expr), '1s * 2');
  assert.equal(exprToString(sq.originalOffsetExpr as Expr), '(5s - 8)');
  assert.equal(sq.endPos, 29);

  const off = as(parse('foo offset -(1^2)'), 'VectorSelector');
  assert.equal(off.originalOffsetExpr?.op, '-');
  assert.equal(off.originalOffsetExpr?.startPos, 11);
  assert.equal(as(parse('foo offset (-1^2)'), 'VectorSelector').originalOffsetExpr?.startPos, 12);
  assert.equal(as(parse('foo[-10s+15s]'), 'MatrixSelector').rangeExpr?.lhs?.kind, 'NumberLiteral');
  assert.equal(exprToString(parse('foo offset min_of(step(), 1s)+8000')), 'foo offset min_of(step(), 1s) + 8000');
  assert.equal(parse('foo offset min_of(step(), 1s)+8000').kind, 'BinaryExpr');
  assert.equal(parse('foo offset (step()) + 1').kind, 'VectorSelector');
  assert.equal(parse('foo offset - -5m + 1m').kind, 'VectorSelector');
});

test('aggregations', () => {
  const a = as(parse('sum by (a, "b.c") (foo)'), 'AggregateExpr');
  assert.deepEqual([a.op, a.grouping, a.without, a.param], ['sum', ['a', 'b.c'], false, null]);
  const b = as(parse('max(foo) without (job,)'), 'AggregateExpr');
  assert.deepEqual([b.op, b.grouping, b.without], ['max', ['job'], true]);
  const c = as(parse('topk(5, foo)'), 'AggregateExpr');
  assert.equal(as(c.param as Expr, 'NumberLiteral').val, 5);
  const d = as(parse('count_values("v", foo)'), 'AggregateExpr');
  assert.equal(as(d.param as Expr, 'StringLiteral').val, 'v');
  const e = as(parse('sum by (on, by, offset, start, group_left) (foo)'), 'AggregateExpr');
  assert.deepEqual(e.grouping, ['on', 'by', 'offset', 'start', 'group_left']);
  assert.deepEqual(as(parse('(sum(foo))'), 'ParenExpr').posRange, { start: 0, end: 10 });
  assert.deepEqual(as(as(parse('(sum(foo) by (bar))'), 'ParenExpr').expr, 'AggregateExpr').posRange, { start: 1, end: 18 });
  for (const op of ['avg', 'count', 'min', 'group', 'stddev', 'stdvar', 'bottomk', 'quantile', 'limitk', 'limit_ratio']) {
    const q = ['bottomk', 'quantile', 'limitk', 'limit_ratio'].includes(op) ? `${op}(0.5, foo)` : `${op}(foo)`;
    assert.equal(as(parse(q), 'AggregateExpr').op, op);
  }
});

test('binary vector matching', () => {
  const a = as(parse('foo + on(a, b) group_left(c) bar'), 'BinaryExpr');
  assert.deepEqual(a.vectorMatching, {
    card: VectorMatchCardinality.ManyToOne, matchingLabels: ['a', 'b'], on: true, include: ['c'], fillValues: { lhs: null, rhs: null },
  });
  const set = as(parse('foo and ignoring(x) bar'), 'BinaryExpr');
  assert.equal(set.vectorMatching?.card, VectorMatchCardinality.ManyToMany);
  assert.equal(as(parse('foo * 2'), 'BinaryExpr').vectorMatching, null);
  assert.equal(as(parse('1 > bool 2'), 'BinaryExpr').returnBool, true);
  const fill = as(parse('foo + fill_right(1) fill_left(-2) bar'), 'BinaryExpr');
  assert.deepEqual(fill.vectorMatching?.fillValues, { lhs: -2, rhs: 1 });
  const gr = as(parse('a - on(b) group_right c'), 'BinaryExpr');
  assert.equal(gr.vectorMatching?.card, VectorMatchCardinality.OneToMany);
  assert.deepEqual(gr.vectorMatching?.include, []);
});

test('function calls and info()', () => {
  const c = as(parse('label_join(foo, "a", ",", "b", "c")'), 'Call');
  assert.equal(c.args.length, 5);
  assert.deepEqual(c.posRange, { start: 0, end: 35 });
  const info = as(parse('info(foo, {job="a"})'), 'Call');
  assert.equal(as(info.args[1] as Expr, 'VectorSelector').bypassEmptyMatcherCheck, true);
  parse('info(foo, {job=~".*"})');
  assert.equal(as(parse('time()'), 'Call').func.returnType, 'scalar');
  assert.equal(as(parse('start()'), 'Call').func.name, 'start');
});

test('positionRange for each node kind', () => {
  const e = parse('-sum(rate(foo{a="b"}[5m] offset 1m)) by (x) + 2 ^ 3');
  const bin = as(e, 'BinaryExpr');
  assert.deepEqual(positionRange(bin), { start: 0, end: 51 });
  const un = as(bin.lhs, 'UnaryExpr');
  assert.deepEqual(positionRange(un), { start: 0, end: 43 });
  const agg = as(un.expr, 'AggregateExpr');
  assert.deepEqual(positionRange(agg), { start: 1, end: 43 });
  const call = as(agg.expr, 'Call');
  assert.deepEqual(positionRange(call), { start: 5, end: 35 });
  assert.deepEqual(positionRange(call.args[0] as Expr), { start: 10, end: 34 });
});

test('parseMetricSelector, parseMetric and parseDuration', () => {
  const ms = parseMetricSelector('foo{a="b", c=~"d"}');
  assert.deepEqual(ms.map((m) => `${m.name}${m.type}${m.value}`), ['a=b', 'c=~d', '__name__=foo']);
  assert.deepEqual(parseMetricSelector('{__name__="x"}').length, 1);
  assert.throws(() => parseMetricSelector('foo + bar'), ParseErrors);
  assert.equal(parseMetric('foo{a="b"}').toString(), '{__name__="foo", a="b"}');
  assert.equal(parseMetric('{"x.y", a="b"}').get('__name__'), 'x.y');
  assert.equal(parseMetric('').length, 0);
  assert.throws(() => parseMetric('foo{a=~"b"}'), ParseErrors);
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('1.5'), 1500);
  assert.equal(parseDuration('15'), 15_000);
  assert.equal(parseDuration('500ms'), 500);
  assert.equal(parseDuration('0'), 0);
  assert.throws(() => parseDuration('1x'), /unknown unit "x" in duration "1x"/);
  assert.throws(() => parseDuration('5m1h'), /not a valid duration string: "5m1h"/);
  assert.throws(() => parseDuration(''), /empty duration string/);
});

test('AST children are type checked: vector matching reset and errors', () => {
  assert.throws(() => parse('foo{__name__="bar"}'), /metric name must not be set twice: "foo" or "bar"/);
  assert.throws(() => parse('rate(foo)'), /expected type range vector in call to function "rate", got instant vector/);
  assert.throws(() => parse('foo[5m:1m][5m:]'), /subquery is only allowed on instant vector, got matrix instead/);
  assert.throws(() => parse('-"a"'), /got "string"/);
});
