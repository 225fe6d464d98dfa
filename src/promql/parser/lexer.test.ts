import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lexer } from './lexer.js';
import { T, type Token } from './token.js';

type TokenRow = [type: keyof typeof T, pos: number, val: string];

// [input, lex as series description, expected tokens before EOF (null: must end in an error)],
// from upstream's lexer tests.
const CASES: Array<[string, boolean, TokenRow[] | null]> = [
  [",", false, [["COMMA", 0, ","]]],
  ["()", false, [["LEFT_PAREN", 0, "("], ["RIGHT_PAREN", 1, ")"]]],
  ["{}", false, [["LEFT_BRACE", 0, "{"], ["RIGHT_BRACE", 1, "}"]]],
  ["[5m]", false, [["LEFT_BRACKET", 0, "["], ["DURATION", 1, "5m"], ["RIGHT_BRACKET", 3, "]"]]],
  ["[ 5m]", false, [["LEFT_BRACKET", 0, "["], ["DURATION", 2, "5m"], ["RIGHT_BRACKET", 4, "]"]]],
  ["[  5m]", false, [["LEFT_BRACKET", 0, "["], ["DURATION", 3, "5m"], ["RIGHT_BRACKET", 5, "]"]]],
  ["[  5m ]", false, [["LEFT_BRACKET", 0, "["], ["DURATION", 3, "5m"], ["RIGHT_BRACKET", 6, "]"]]],
  ["\r\n\r", false, []],
  ["1", false, [["NUMBER", 0, "1"]]],
  ["4.23", false, [["NUMBER", 0, "4.23"]]],
  [".3", false, [["NUMBER", 0, ".3"]]],
  ["5.", false, [["NUMBER", 0, "5."]]],
  ["NaN", false, [["NUMBER", 0, "NaN"]]],
  ["nAN", false, [["NUMBER", 0, "nAN"]]],
  ["NaN 123", false, [["NUMBER", 0, "NaN"], ["NUMBER", 4, "123"]]],
  ["NaN123", false, [["IDENTIFIER", 0, "NaN123"]]],
  ["iNf", false, [["NUMBER", 0, "iNf"]]],
  ["Inf", false, [["NUMBER", 0, "Inf"]]],
  ["+Inf", false, [["ADD", 0, "+"], ["NUMBER", 1, "Inf"]]],
  ["+Inf 123", false, [["ADD", 0, "+"], ["NUMBER", 1, "Inf"], ["NUMBER", 5, "123"]]],
  ["-Inf", false, [["SUB", 0, "-"], ["NUMBER", 1, "Inf"]]],
  ["Infoo", false, [["IDENTIFIER", 0, "Infoo"]]],
  ["-Infoo", false, [["SUB", 0, "-"], ["IDENTIFIER", 1, "Infoo"]]],
  ["-Inf 123", false, [["SUB", 0, "-"], ["NUMBER", 1, "Inf"], ["NUMBER", 5, "123"]]],
  ["0x123", false, [["NUMBER", 0, "0x123"]]],
  ["1..2", false, null],
  ["1.2.", false, null],
  ["00_1_23_4.56_7_8", false, [["NUMBER", 0, "00_1_23_4.56_7_8"]]],
  ["00_1_23__4.56_7_8", false, null],
  ["00_1_23_4._56_7_8", false, null],
  ["00_1_23_4_.56_7_8", false, null],
  ["0x1_2_34", false, [["NUMBER", 0, "0x1_2_34"]]],
  ["0x1_2__34", false, null],
  ["0x1_2__34.5_6p1", false, null],
  ["0x1_2__34.5_6", false, null],
  ["0x1_2__34.56", false, null],
  ["1_e2", false, null],
  ["1.e2", false, [["NUMBER", 0, "1.e2"]]],
  ["1e.2", false, null],
  ["1e+.2", false, null],
  ["1ee2", false, null],
  ["1e+e2", false, null],
  ["1e", false, null],
  ["1e+", false, null],
  ["1e1_2_34", false, [["NUMBER", 0, "1e1_2_34"]]],
  ["1e_1_2_34", false, null],
  ["1e1_2__34", false, null],
  ["1e+_1_2_34", false, null],
  ["1e-_1_2_34", false, null],
  ["12_", false, null],
  ["_1_2", false, [["IDENTIFIER", 0, "_1_2"]]],
  ["\"test\\tsequence\"", false, [["STRING", 0, "\"test\\tsequence\""]]],
  ["\"test\\\\.expression\"", false, [["STRING", 0, "\"test\\\\.expression\""]]],
  ["`test\\.expression`", false, [["STRING", 0, "`test\\.expression`"]]],
  [".٩", false, null],
  ["5s", false, [["DURATION", 0, "5s"]]],
  ["123m", false, [["DURATION", 0, "123m"]]],
  ["1h", false, [["DURATION", 0, "1h"]]],
  ["3w", false, [["DURATION", 0, "3w"]]],
  ["1y", false, [["DURATION", 0, "1y"]]],
  ["abc", false, [["IDENTIFIER", 0, "abc"]]],
  ["a:bc", false, [["METRIC_IDENTIFIER", 0, "a:bc"]]],
  ["abc d", false, [["IDENTIFIER", 0, "abc"], ["IDENTIFIER", 4, "d"]]],
  [":bc", false, [["METRIC_IDENTIFIER", 0, ":bc"]]],
  ["0a:bc", false, null],
  ["# some comment", false, [["COMMENT", 0, "# some comment"]]],
  ["5 # 1+1\n5", false, [["NUMBER", 0, "5"], ["COMMENT", 2, "# 1+1"], ["NUMBER", 8, "5"]]],
  ["=", false, [["EQL", 0, "="]]],
  ["{=}", false, [["LEFT_BRACE", 0, "{"], ["EQL", 1, "="], ["RIGHT_BRACE", 2, "}"]]],
  ["==", false, [["EQLC", 0, "=="]]],
  ["!=", false, [["NEQ", 0, "!="]]],
  ["<", false, [["LSS", 0, "<"]]],
  [">", false, [["GTR", 0, ">"]]],
  [">=", false, [["GTE", 0, ">="]]],
  ["<=", false, [["LTE", 0, "<="]]],
  ["+", false, [["ADD", 0, "+"]]],
  ["-", false, [["SUB", 0, "-"]]],
  ["*", false, [["MUL", 0, "*"]]],
  ["/", false, [["DIV", 0, "/"]]],
  ["^", false, [["POW", 0, "^"]]],
  ["%", false, [["MOD", 0, "%"]]],
  ["AND", false, [["LAND", 0, "AND"]]],
  ["or", false, [["LOR", 0, "or"]]],
  ["unless", false, [["LUNLESS", 0, "unless"]]],
  ["@", false, [["AT", 0, "@"]]],
  ["sum", false, [["SUM", 0, "sum"]]],
  ["AVG", false, [["AVG", 0, "AVG"]]],
  ["GROUP", false, [["GROUP", 0, "GROUP"]]],
  ["MAX", false, [["MAX", 0, "MAX"]]],
  ["min", false, [["MIN", 0, "min"]]],
  ["count", false, [["COUNT", 0, "count"]]],
  ["stdvar", false, [["STDVAR", 0, "stdvar"]]],
  ["stddev", false, [["STDDEV", 0, "stddev"]]],
  ["offset", false, [["OFFSET", 0, "offset"]]],
  ["by", false, [["BY", 0, "by"]]],
  ["without", false, [["WITHOUT", 0, "without"]]],
  ["on", false, [["ON", 0, "on"]]],
  ["ignoring", false, [["IGNORING", 0, "ignoring"]]],
  ["group_left", false, [["GROUP_LEFT", 0, "group_left"]]],
  ["group_right", false, [["GROUP_RIGHT", 0, "group_right"]]],
  ["bool", false, [["BOOL", 0, "bool"]]],
  ["atan2", false, [["ATAN2", 0, "atan2"]]],
  ["start", false, [["START", 0, "start"]]],
  ["end", false, [["END", 0, "end"]]],
  ["台北", false, null],
  ["{台北='a'}", false, null],
  ["{0a='a'}", false, null],
  ["{foo='bar'}", false, [["LEFT_BRACE", 0, "{"], ["IDENTIFIER", 1, "foo"], ["EQL", 4, "="], ["STRING", 5, "'bar'"], ["RIGHT_BRACE", 10, "}"]]],
  ["{foo=\"bar\"}", false, [["LEFT_BRACE", 0, "{"], ["IDENTIFIER", 1, "foo"], ["EQL", 4, "="], ["STRING", 5, "\"bar\""], ["RIGHT_BRACE", 10, "}"]]],
  ["{foo=\"bar\\\"bar\"}", false, [["LEFT_BRACE", 0, "{"], ["IDENTIFIER", 1, "foo"], ["EQL", 4, "="], ["STRING", 5, "\"bar\\\"bar\""], ["RIGHT_BRACE", 15, "}"]]],
  ["{NaN\t!= \"bar\" }", false, [["LEFT_BRACE", 0, "{"], ["IDENTIFIER", 1, "NaN"], ["NEQ", 5, "!="], ["STRING", 8, "\"bar\""], ["RIGHT_BRACE", 14, "}"]]],
  ["{alert=~\"bar\" }", false, [["LEFT_BRACE", 0, "{"], ["IDENTIFIER", 1, "alert"], ["EQL_REGEX", 6, "=~"], ["STRING", 8, "\"bar\""], ["RIGHT_BRACE", 14, "}"]]],
  ["{on!~\"bar\"}", false, [["LEFT_BRACE", 0, "{"], ["IDENTIFIER", 1, "on"], ["NEQ_REGEX", 3, "!~"], ["STRING", 5, "\"bar\""], ["RIGHT_BRACE", 10, "}"]]],
  ["{alert!#\"bar\"}", false, null],
  ["{foo:a=\"bar\"}", false, null],
  ["=~", false, null],
  ["!~", false, null],
  ["!(", false, null],
  ["1a", false, null],
  ["(", false, null],
  ["())", false, null],
  ["(()", false, null],
  ["{", false, null],
  ["}", false, null],
  ["{{", false, null],
  ["{{}}", false, null],
  ["[", false, null],
  ["[[", false, null],
  ["[]]", false, null],
  ["[[]]", false, null],
  ["]", false, null],
  ["{} {{buckets:[5]}}", true, [["LEFT_BRACE", 0, "{"], ["RIGHT_BRACE", 1, "}"], ["SPACE", 2, " "], ["OPEN_HIST", 3, "{{"], ["BUCKETS_DESC", 5, "buckets"], ["COLON", 12, ":"], ["LEFT_BRACKET", 13, "["], ["NUMBER", 14, "5"], ["RIGHT_BRACKET", 15, "]"], ["CLOSE_HIST", 16, "}}"]]],
  ["{} {{buckets: [5 10 7]}}", true, [["LEFT_BRACE", 0, "{"], ["RIGHT_BRACE", 1, "}"], ["SPACE", 2, " "], ["OPEN_HIST", 3, "{{"], ["BUCKETS_DESC", 5, "buckets"], ["COLON", 12, ":"], ["SPACE", 13, " "], ["LEFT_BRACKET", 14, "["], ["NUMBER", 15, "5"], ["SPACE", 16, " "], ["NUMBER", 17, "10"], ["SPACE", 19, " "], ["NUMBER", 20, "7"], ["RIGHT_BRACKET", 21, "]"], ["CLOSE_HIST", 22, "}}"]]],
  ["{} {{buckets: [5 10 7] schema:1}}", true, [["LEFT_BRACE", 0, "{"], ["RIGHT_BRACE", 1, "}"], ["SPACE", 2, " "], ["OPEN_HIST", 3, "{{"], ["BUCKETS_DESC", 5, "buckets"], ["COLON", 12, ":"], ["SPACE", 13, " "], ["LEFT_BRACKET", 14, "["], ["NUMBER", 15, "5"], ["SPACE", 16, " "], ["NUMBER", 17, "10"], ["SPACE", 19, " "], ["NUMBER", 20, "7"], ["RIGHT_BRACKET", 21, "]"], ["SPACE", 22, " "], ["SCHEMA_DESC", 23, "schema"], ["COLON", 29, ":"], ["NUMBER", 30, "1"], ["CLOSE_HIST", 31, "}}"]]],
  ["{} {{sum:1}}+{{sum:0}}x2 {{sum:1}}+{{sum:0}}x3", true, [["LEFT_BRACE", 0, "{"], ["RIGHT_BRACE", 1, "}"], ["SPACE", 2, " "], ["OPEN_HIST", 3, "{{"], ["SUM_DESC", 5, "sum"], ["COLON", 8, ":"], ["NUMBER", 9, "1"], ["CLOSE_HIST", 10, "}}"], ["ADD", 12, "+"], ["OPEN_HIST", 13, "{{"], ["SUM_DESC", 15, "sum"], ["COLON", 18, ":"], ["NUMBER", 19, "0"], ["CLOSE_HIST", 20, "}}"], ["TIMES", 22, "x"], ["NUMBER", 23, "2"], ["SPACE", 24, " "], ["OPEN_HIST", 25, "{{"], ["SUM_DESC", 27, "sum"], ["COLON", 30, ":"], ["NUMBER", 31, "1"], ["CLOSE_HIST", 32, "}}"], ["ADD", 34, "+"], ["OPEN_HIST", 35, "{{"], ["SUM_DESC", 37, "sum"], ["COLON", 40, ":"], ["NUMBER", 41, "0"], ["CLOSE_HIST", 42, "}}"], ["TIMES", 44, "x"], ["NUMBER", 45, "3"]]],
  ["{} _ 1 x .3", true, [["LEFT_BRACE", 0, "{"], ["RIGHT_BRACE", 1, "}"], ["SPACE", 2, " "], ["BLANK", 3, "_"], ["SPACE", 4, " "], ["NUMBER", 5, "1"], ["SPACE", 6, " "], ["TIMES", 7, "x"], ["SPACE", 8, " "], ["NUMBER", 9, ".3"]]],
  ["metric +Inf Inf NaN", true, [["IDENTIFIER", 0, "metric"], ["SPACE", 6, " "], ["ADD", 7, "+"], ["NUMBER", 8, "Inf"], ["SPACE", 11, " "], ["NUMBER", 12, "Inf"], ["SPACE", 15, " "], ["NUMBER", 16, "NaN"]]],
  ["metric 1+1x4", true, [["IDENTIFIER", 0, "metric"], ["SPACE", 6, " "], ["NUMBER", 7, "1"], ["ADD", 8, "+"], ["NUMBER", 9, "1"], ["TIMES", 10, "x"], ["NUMBER", 11, "4"]]],
  ["test_name{on!~\"bar\"}[4m:4s]", false, [["IDENTIFIER", 0, "test_name"], ["LEFT_BRACE", 9, "{"], ["IDENTIFIER", 10, "on"], ["NEQ_REGEX", 12, "!~"], ["STRING", 14, "\"bar\""], ["RIGHT_BRACE", 19, "}"], ["LEFT_BRACKET", 20, "["], ["DURATION", 21, "4m"], ["COLON", 23, ":"], ["DURATION", 24, "4s"], ["RIGHT_BRACKET", 26, "]"]]],
  ["test:name{on!~\"bar\"}[4m:4s]", false, [["METRIC_IDENTIFIER", 0, "test:name"], ["LEFT_BRACE", 9, "{"], ["IDENTIFIER", 10, "on"], ["NEQ_REGEX", 12, "!~"], ["STRING", 14, "\"bar\""], ["RIGHT_BRACE", 19, "}"], ["LEFT_BRACKET", 20, "["], ["DURATION", 21, "4m"], ["COLON", 23, ":"], ["DURATION", 24, "4s"], ["RIGHT_BRACKET", 26, "]"]]],
  ["test:name{on!~\"b:ar\"}[4m:4s]", false, [["METRIC_IDENTIFIER", 0, "test:name"], ["LEFT_BRACE", 9, "{"], ["IDENTIFIER", 10, "on"], ["NEQ_REGEX", 12, "!~"], ["STRING", 14, "\"b:ar\""], ["RIGHT_BRACE", 20, "}"], ["LEFT_BRACKET", 21, "["], ["DURATION", 22, "4m"], ["COLON", 24, ":"], ["DURATION", 25, "4s"], ["RIGHT_BRACKET", 27, "]"]]],
  ["test:name{on!~\"b:ar\"}[4m:4s] offset 10m", false, [["METRIC_IDENTIFIER", 0, "test:name"], ["LEFT_BRACE", 9, "{"], ["IDENTIFIER", 10, "on"], ["NEQ_REGEX", 12, "!~"], ["STRING", 14, "\"b:ar\""], ["RIGHT_BRACE", 20, "}"], ["LEFT_BRACKET", 21, "["], ["DURATION", 22, "4m"], ["COLON", 24, ":"], ["DURATION", 25, "4s"], ["RIGHT_BRACKET", 27, "]"], ["OFFSET", 29, "offset"], ["DURATION", 36, "10m"]]],
  ["min_over_time(rate(foo{bar=\"baz\"}[2s])[5m:] offset 6m)[4m:3s]", false, [["IDENTIFIER", 0, "min_over_time"], ["LEFT_PAREN", 13, "("], ["IDENTIFIER", 14, "rate"], ["LEFT_PAREN", 18, "("], ["IDENTIFIER", 19, "foo"], ["LEFT_BRACE", 22, "{"], ["IDENTIFIER", 23, "bar"], ["EQL", 26, "="], ["STRING", 27, "\"baz\""], ["RIGHT_BRACE", 32, "}"], ["LEFT_BRACKET", 33, "["], ["DURATION", 34, "2s"], ["RIGHT_BRACKET", 36, "]"], ["RIGHT_PAREN", 37, ")"], ["LEFT_BRACKET", 38, "["], ["DURATION", 39, "5m"], ["COLON", 41, ":"], ["RIGHT_BRACKET", 42, "]"], ["OFFSET", 44, "offset"], ["DURATION", 51, "6m"], ["RIGHT_PAREN", 53, ")"], ["LEFT_BRACKET", 54, "["], ["DURATION", 55, "4m"], ["COLON", 57, ":"], ["DURATION", 58, "3s"], ["RIGHT_BRACKET", 60, "]"]]],
  ["test:name[ 5m]", false, [["METRIC_IDENTIFIER", 0, "test:name"], ["LEFT_BRACKET", 9, "["], ["DURATION", 11, "5m"], ["RIGHT_BRACKET", 13, "]"]]],
  ["test:name{o:n!~\"bar\"}[4m:4s]", false, null],
  ["test:name{on!~\"bar\"}[4m:4s:4h]", false, null],
  ["test:name{on!~\"bar\"}[4m:4s:]", false, null],
  ["test:name{on!~\"bar\"}[4m::]", false, null],
  ["test:name{on!~\"bar\"}[:4s]", false, null],
  ["test:name{on!~\"bar\"}[1s:1s:1s]", false, null],
];

function lexAll(input: string, seriesDesc: boolean): Token[] {
  const l = new Lexer(input);
  l.seriesDesc = seriesDesc;
  const out: Token[] = [];
  for (let i = 0; i <= input.length + 1; i++) {
    const tok = l.nextToken();
    out.push(tok);
    if (tok.type === T.EOF || tok.type === T.ERROR) break;
  }
  return out;
}

test('token streams match upstream lexer', () => {
  for (const [input, seriesDesc, want] of CASES) {
    const got = lexAll(input, seriesDesc);
    const last = got[got.length - 1] as Token;
    if (want === null) {
      assert.equal(last.type, T.ERROR, `expected a lexing error for ${JSON.stringify(input)}`);
      continue;
    }
    assert.notEqual(last.type, T.ERROR, `unexpected error for ${JSON.stringify(input)}: ${last.val}`);
    assert.equal(last.pos, input.length, `EOF position for ${JSON.stringify(input)}`);
    assert.deepEqual(got.slice(0, -1).map((t) => [T[t.type], t.pos, t.val]), want, JSON.stringify(input));
  }
});

test('lexing errors carry upstream texts', () => {
  const cases: Array<[string, string]> = [
    ['"test\\.expression"', "unknown escape sequence U+002E '.'"],
    ['"\\', 'escape sequence not terminated'],
    ['`abc', 'unterminated raw string'],
    ['"abc\n"', 'unterminated quoted string'],
    ['"\uFFFD"', 'invalid UTF-8 rune'],
    ['foo{a!b}', "unexpected character after '!' inside braces: 'b'"],
    ['foo{{', "unexpected left brace '{'"],
    ['{a="b"', 'unexpected end of input inside braces'],
    ['foo[5m', 'unclosed left bracket'],
    ['foo[', 'unexpected end of input in duration expression'],
    ['foo[5m x]', "unexpected character: 'x', expected ':'"],
    ['foo[$]', "unexpected character in duration expression: '$'"],
    ['foo[stop]', "unexpected character in duration expression: 's'"],
    ['$', "unexpected character: '$'"],
    ['1.2.3', 'bad number or duration syntax: "1.2."'],
  ];
  for (const [input, msg] of cases) {
    const last = lexAll(input, false).pop() as Token;
    assert.equal(last.type, T.ERROR, input);
    assert.equal(last.val, msg, input);
  }
  const series: Array<[string, string]> = [
    ['{} 1 $', "unexpected character in series sequence: '$'"],
    ['{} {{buckets:[1 $]}}', "invalid character in buckets description: '$'"],
    ['{} {{schema:1 $}}', "histogram description incomplete unexpected: '$'"],
    ['{} 1.2.3', 'bad number syntax: "1.2."'],
  ];
  for (const [input, msg] of series) {
    const last = lexAll(input, true).pop() as Token;
    assert.equal(last.val, msg, input);
  }
});
