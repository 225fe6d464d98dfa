import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TemplateError } from './errors.js';
import { parseTemplate, withArity, type FuncMap, type TemplateOptions } from './template.js';

async function run(text: string, data?: unknown, funcs: FuncMap = {}, opts: TemplateOptions = {}): Promise<string> {
  return parseTemplate(text, 't', funcs, opts).execute(data);
}

async function runErr(text: string, data?: unknown, funcs: FuncMap = {}, opts: TemplateOptions = {}): Promise<string> {
  try {
    await run(text, data, funcs, opts);
  } catch (e) {
    assert.ok(e instanceof TemplateError, `not a TemplateError: ${String(e)}`);
    return e.message;
  }
  assert.fail(`no error for ${text}`);
}

const OUTPUT: [string, unknown, string][] = [
  // literals and printing
  ['plain', undefined, 'plain'],
  ['{{1}} {{1.5}} {{-3}} {{0x1F}} {{1_000}} {{1e3}} {{0o17}} {{017}} {{0b101}}', undefined, '1 1.5 -3 31 1000 1000 15 15 5'],
  ["{{'a'}} {{'\\n'}}", undefined, '97 10'],
  ['{{"a\\tb"}} {{`raw\\n`}}', undefined, 'a\tb raw\\n'],
  ['{{true}} {{false}}', undefined, 'true false'],
  ['{{.}}', 'x', 'x'],
  ['{{.}}', [1, 'a', null], '[1 a <nil>]'],
  ['{{.}}', { b: 2, a: 1 }, 'map[a:1 b:2]'],
  ['{{.}}', null, '<no value>'],
  ['{{.missing}}', {}, '<no value>'],
  ['{{.a.b.c}}', { a: { b: { c: 'deep' } } }, 'deep'],
  ['{{.a.b.c}}', { a: null }, '<no value>'],
  ['{{printf "%T" 1}} {{printf "%T" 1.0}} {{printf "%T" "s"}} {{printf "%T" (len "ab")}}', undefined, 'int float64 string int'],
  // trimming and comments
  ['{{23 -}} < {{- 45}}', undefined, '23<45'],
  ['a  {{- "b" -}}  c', undefined, 'abc'],
  ['a \n {{- /* comment */ -}} \n b', undefined, 'ab'],
  ['x{{/* a\nmultiline comment */}}y', undefined, 'xy'],
  ['{{- 1 -}}', undefined, '1'],
  ['a\n{{- if true}}\n  b\n{{- end}}\n', undefined, 'a\n  b\n'],
  // if / else if / else
  ['{{if .}}yes{{else}}no{{end}}', 0, 'no'],
  ['{{if .}}yes{{else}}no{{end}}', 'x', 'yes'],
  ['{{if .}}yes{{else}}no{{end}}', [], 'no'],
  ['{{if .}}yes{{else}}no{{end}}', {}, 'no'],
  ['{{if eq . 1.0}}one{{else if eq . 2.0}}two{{else}}many{{end}}', 2, 'two'],
  ['{{if eq . 1.0}}one{{else if eq . 2.0}}two{{else}}many{{end}}', 7, 'many'],
  ['{{if and .a .b}}both{{end}}', { a: 1, b: 'x' }, 'both'],
  // with
  ['{{with .a}}[{{.}}]{{else}}none{{end}}', { a: 'v' }, '[v]'],
  ['{{with .a}}[{{.}}]{{else}}none{{end}}', { a: '' }, 'none'],
  ['{{with .a}}A{{else with .b}}B{{.}}{{else}}none{{end}}', { a: '', b: 'x' }, 'Bx'],
  ['{{with $x := "a"}}{{$x}}{{.}}{{end}}', undefined, 'aa'],
  // range
  ['{{range .}}<{{.}}>{{end}}', ['a', 'b'], '<a><b>'],
  ['{{range $i, $v := .}}{{$i}}={{$v}} {{end}}', ['a', 'b'], '0=a 1=b '],
  ['{{range $v := .}}{{$v}}{{end}}', ['a', 'b'], 'ab'],
  ['{{range $k, $v := .}}{{$k}}={{$v}} {{end}}', { b: 2, a: 1, c: 3 }, 'a=1 b=2 c=3 '],
  ['{{range .}}x{{else}}empty{{end}}', [], 'empty'],
  ['{{range .}}x{{else}}empty{{end}}', null, 'empty'],
  ['{{range .}}{{if eq . 3.0}}{{break}}{{end}}{{.}}{{end}}', [1, 2, 3, 4], '12'],
  ['{{range .}}{{if eq . 2.0}}{{continue}}{{end}}{{.}}{{end}}', [1, 2, 3], '13'],
  ['{{range 3}}{{.}}{{end}}', undefined, '012'],
  ['{{range $i := 3}}{{$i}}{{end}}', undefined, '012'],
  ['{{range .}}{{range .}}{{.}}{{end}};{{end}}', [[1, 2], [3]], '12;3;'],
  ['{{range $i, $e := .}}{{$i}}{{range $e}}{{$i}}{{.}}{{end}}{{end}}', [['a'], ['b']], '00a11b'],
  // variables and scoping
  ['{{$x := 1}}{{if true}}{{$x := 2}}{{$x}}{{end}}{{$x}}', undefined, '21'],
  ['{{$x := 1}}{{if true}}{{$x = 2}}{{end}}{{$x}}', undefined, '2'],
  ['{{$x := 0}}{{range .}}{{$x = .}}{{end}}{{$x}}', ['a', 'b'], 'b'],
  ['{{$}}', 'dot', 'dot'],
  ['{{range .}}{{$}}{{end}}', ['a'], '[a]'],
  ['{{$m := .}}{{$m.a}}', { a: 'x' }, 'x'],
  ['{{$x := "a"}}{{$x | printf "%s-%s" "b"}}', undefined, 'b-a'],
  // define / template / block
  ['{{define "x"}}[{{.}}]{{end}}{{template "x" "a"}}{{template "x" 1}}', undefined, '[a][1]'],
  ['{{define "x"}}{{.}}{{end}}{{template "x"}}', 'ignored', '<no value>'],
  ['{{block "b" .}}default {{.}}{{end}}', 'd', 'default d'],
  ['{{define "r"}}{{if gt . 0.0}}{{.}}{{template "r" (sub .)}}{{end}}{{end}}{{template "r" 3.0}}', undefined, '321'],
  ['{{define "vars"}}{{$}}{{end}}{{$x := 1}}{{template "vars" "inner"}}', undefined, 'inner'],
  // pipelines and parenthesised arguments
  ['{{"x" | printf "%s%s" "y"}}', undefined, 'yx'],
  ['{{len (index . 1)}}', ['a', 'bcd'], '3'],
  ['{{(index . 0).a}}', [{ a: 'f' }], 'f'],
  ['{{. | len | printf "%d"}}', [1, 2, 3], '3'],
  // builtins
  ['{{index . "k"}}', { k: 'v' }, 'v'],
  ['{{index . 1 0}}', [[1], ['x']], 'x'],
  ['{{index .}}', 'self', 'self'],
  ['{{index . "missing"}}', { k: 'v' }, ''],
  ['{{index . "missing"}}', { k: 1 }, '<no value>'],
  ['{{slice . 1 3}}', [1, 2, 3, 4], '[2 3]'],
  ['{{slice . 1}}', 'abcdef', 'bcdef'],
  ['{{slice .}}', [1], '[1]'],
  ['{{len .}} {{len "héllo"}}', { a: 1, b: 2 }, '2 6'],
  ['{{eq 1 2 3 1}} {{eq "a" "b"}} {{ne "a" "b"}} {{eq .x .y}}', { x: 'q', y: 'q' }, 'true false true true'],
  ['{{lt 1.5 2.5}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}}', undefined, 'true true true false'],
  ['{{eq nil nil}} {{eq .missing "x"}}', {}, 'true false'],
  ['{{and 1 2}} {{and 0 2}} {{or 0 ""}} {{or 0 "x"}} {{not true}} {{not ""}}', undefined, '2 0  x false true'],
  ['{{and 0 (index . 5)}} {{or 1 (index . 5)}}', [1], '0 1'],
  ['{{print "a" 1 2 "b"}} {{printf "%v-%v" 1 "a"}}', undefined, 'a1 2b 1-a'],
  ['{{println 1 "a"}}', undefined, '1 a\n'],
  ['{{html "<a href=\'x\'>&</a>"}}', undefined, '&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;'],
  ['{{js "</script>\'"}}', undefined, "\\u003C/script\\u003E\\'"],
  ['{{urlquery "a/b c&d"}}', undefined, 'a%2Fb+c%26d'],
  ['{{call .f 2 3}}', { f: (a: unknown, b: unknown) => Number(a) * Number(b) }, '6'],
  ['{{"<" | html}}', undefined, '&lt;'],
];

test('execution output', async () => {
  const funcs: FuncMap = { sub: (x: unknown) => (x as number) - 1 };
  for (const [text, data, want] of OUTPUT) {
    assert.equal(await run(text, data, funcs), want, text);
  }
});

const PARSE_ERRORS: [string, string][] = [
  ['{{', 'template: t:1: unclosed action'],
  ['{{if}}{{end}}', 'template: t:1: missing value for if'],
  ['{{end}}', 'template: t:1: unexpected {{end}}'],
  ['{{else}}', 'template: t:1: unexpected {{else}}'],
  ['{{range .}}', 'template: t:1: unexpected EOF'],
  ['{{if .}}a{{else}}b{{else}}c{{end}}', 'template: t:1: expected end; found {{else}}'],
  ['{{break}}', 'template: t:1: {{break}} outside {{range}}'],
  ['{{range .}}{{continue 1}}{{end}}', 'template: t:1: unexpected "1" in {{continue}}'],
  ['{{$x}}', 'template: t:1: undefined variable "$x"'],
  ['{{if true}}{{$x := 1}}{{end}}{{$x}}', 'template: t:1: undefined variable "$x"'],
  ['{{foo}}', 'template: t:1: function "foo" not defined'],
  ['a\nb\n{{foo}}', 'template: t:3: function "foo" not defined'],
  ['{{"a" | "b"}}', 'template: t:1: non executable command in pipeline stage 2'],
  ['{{(1}}', 'template: t:1: unclosed left paren'],
  ['{{1)}}', 'template: t:1: unexpected right paren'],
  ['{{"abc}}', 'template: t:1: unterminated quoted string'],
  ['{{`abc}}', 'template: t:1: unterminated raw quoted string'],
  ["{{'ab}}", 'template: t:1: unterminated character constant'],
  ['{{3x}}', 'template: t:1: bad number syntax: "3x"'],
  ['{{/* a}}', 'template: t:1: unclosed comment'],
  ['{{/* a */ 1}}', 'template: t:1: comment ends before closing delimiter'],
  ['{{define "x"}}a', 'template: t:1: unexpected EOF'],
  ['{{define x}}{{end}}', 'template: t:1: unexpected "x" in define clause'],
  ['{{template x}}', 'template: t:1: unexpected "x" in template clause'],
  ['{{range $a, $b, $c := .}}{{end}}', 'template: t:1: too many declarations in range'],
  ['{{$a, $b := 1}}', 'template: t:1: too many declarations in command'],
  ['{{"a".b}}', 'template: t:1: unexpected . after term "\\"a\\""'],
  // From Go's parse_test.go errorTests.
  ['line1\n{{', 'template: t:2: unclosed action'],
  ['line1\n{{define `x`}}line2\n{{', 'template: t:3: unclosed action'],
  ['line1\n{{"x"\n"y"\n', 'template: t:4: unclosed action started at t:2'],
  ['{{\n\n\n\n\n', 'template: t:6: unclosed action started at t:1'],
  ['line1\n{{\nx\n}}', 'template: t:3: function "x" not defined'],
  ['{{/*}}', 'template: t:1: unclosed comment'],
  ['{{/*\nhello\n}}', 'template: t:1: unclosed comment'],
  ['{{.X (1 2 3}}', 'template: t:1: unclosed left paren'],
  ['{{.X 1 2 3 ) }}', 'template: t:1: unexpected right paren'],
  ['{{(.X 1 2 3', 'template: t:1: unclosed action'],
  ['{{`x`3}}', 'template: t:1: unexpected "3" in operand'],
  ['{{a#}}', "template: t:1: bad character U+0023 '#'"],
  ['{{0xi}}', 'template: t:1: illegal number syntax: "0xi"'],
  ['{{define `a`}}a{{end}}{{define `a`}}b{{end}}', 'template: t:1: template: multiple definition of template "a"'],
  ['{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}', 'template: t:1: unexpected ":=" in operand'],
  ['{{$a,$b,$c := 23}}', 'template: t:1: too many declarations in command'],
  ['{{true.any}}', 'template: t:1: unexpected . after term "true"'],
  ['{{12|false}}', 'template: t:1: non executable command in pipeline stage 2'],
  ['{{ ( ) }}', 'template: t:1: missing value for parenthesized pipeline'],
  ['{{ $v := `\n` }} {{', 'template: t:2: unclosed action'],
  ['{{range $k}}{{end}}', 'template: t:1: undefined variable "$k"'],
  ['{{range $k,}}{{end}}', 'template: t:1: missing value for range'],
  ['{{range $k, $v := }}{{end}}', 'template: t:1: missing value for range'],
  ['{{range $k, .}}{{end}}', 'template: t:1: range can only initialize variables'],
  ['{{range .}}{{else}}{{break}}{{end}}', 'template: t:1: {{break}} outside {{range}}'],
  ['{{if .X}}a{{else if .Y}}b{{end}}{{end}}', 'template: t:1: unexpected {{end}}'],
  ['{{printf 3, 4}}', 'template: t:1: unexpected "," in operand'],
  ['{{$x:=.}}{{$x+2}}', "template: t:1: bad character U+002B '+'"],
  ['{{range $x := $y := 3}}{{end}}', 'template: t:1: undefined variable "$y"'],
];

test('parse errors carry Go texts', () => {
  for (const [text, want] of PARSE_ERRORS) {
    assert.throws(() => parseTemplate(text, 't', {}), (e: unknown) => {
      assert.ok(e instanceof TemplateError);
      assert.equal(e.message, want, text);
      return true;
    });
  }
});

const EXEC_ERRORS: [string, unknown, string][] = [
  ['{{.a}}', 'x', 'template: t:1:2: executing "t" at <.a>: can\'t evaluate field a in type string'],
  ['a\nb {{.x.y}}', { x: 1 }, 'template: t:2:6: executing "t" at <.x.y>: can\'t evaluate field y in type float64'],
  ['{{index . 5}}', [1], 'template: t:1:2: executing "t" at <index . 5>: error calling index: index out of range: 5'],
  ['{{index . "a"}}', [1], 'template: t:1:2: executing "t" at <index . "a">: error calling index: cannot index slice/array with type string'],
  ['{{index 1 1}}', undefined, 'template: t:1:2: executing "t" at <index 1 1>: error calling index: can\'t index item of type int'],
  ['{{index nil 1}}', undefined, 'template: t:1:2: executing "t" at <index nil 1>: error calling index: index of untyped nil'],
  ['{{slice . 3 1}}', [1, 2, 3], 'template: t:1:2: executing "t" at <slice . 3 1>: error calling slice: invalid slice index: 3 > 1'],
  ['{{eq . "a"}}', 1, 'template: t:1:2: executing "t" at <eq . "a">: error calling eq: incompatible types for comparison'],
  ['{{eq 1 1.0}}', undefined, 'template: t:1:2: executing "t" at <eq 1 1.0>: error calling eq: incompatible types for comparison'],
  ['{{lt true false}}', undefined, 'template: t:1:2: executing "t" at <lt true false>: error calling lt: invalid type for comparison'],
  ['{{len 3}}', undefined, 'template: t:1:2: executing "t" at <len 3>: error calling len: len of type int'],
  ['{{len}}', undefined, 'template: t:1:2: executing "t" at <len>: wrong number of args for len: want 1 got 0'],
  ['{{eq}}', undefined, 'template: t:1:2: executing "t" at <eq>: wrong number of args for eq: want at least 1 got 0'],
  ['{{not 1 2}}', undefined, 'template: t:1:2: executing "t" at <not>: wrong number of args for not: want 1 got 2'],
  ['{{template "x"}}', undefined, 'template: t:1:11: executing "t" at <{{template "x"}}>: template "x" not defined'],
  ['{{nil}}', undefined, 'template: t:1:2: executing "t" at <nil>: nil is not a command'],
  ['{{1 2}}', undefined, 'template: t:1:2: executing "t" at <1>: can\'t give argument to non-function 1'],
  ['{{.a 1}}', { a: 'x' }, 'template: t:1:2: executing "t" at <.a>: a is not a method but has arguments'],
  ['{{range 3.5}}{{end}}', undefined, 'template: t:1:8: executing "t" at <3.5>: range can\'t iterate over 3.5'],
  ['{{range $i, $v := 3}}{{end}}', undefined, 'template: t:1:18: executing "t" at <3>: can\'t use 3 to iterate over more than one variable'],
  ['{{printf 1}}', undefined, 'template: t:1:2: executing "t" at <printf 1>: wrong type for value; expected string; got int'],
  ['{{call .f}}', { f: 1 }, 'template: t:1:2: executing "t" at <call .f>: error calling call: non-function .f of type float64'],
  ['{{call .f}}', { f: () => { throw new Error('boom'); } }, 'template: t:1:2: executing "t" at <call .f>: error calling .f: boom'],
  ['{{define "x"}}{{.a}}{{end}}{{template "x" 1}}', undefined, 'template: t:1:16: executing "x" at <.a>: can\'t evaluate field a in type int'],
];

test('execution errors carry Go texts and positions', async () => {
  for (const [text, data, want] of EXEC_ERRORS) {
    assert.equal(await runErr(text, data), want, text);
  }
});

test('missingkey options', async () => {
  assert.equal(await run('{{.a}}', { b: 'x' }, {}, { missingKey: 'zero' }), '');
  assert.equal(await run('{{.a}}', { b: 1 }, {}, { missingKey: 'zero' }), '<no value>');
  assert.equal(await run('{{.a}}', { b: 'x' }), '<no value>');
  assert.equal(
    await runErr('{{.a}}', { b: 'x' }, {}, { missingKey: 'error' }),
    'template: t:1:2: executing "t" at <.a>: map has no entry for key "a"',
  );
});

test('functions: async results, errors and declared arity', async () => {
  const funcs: FuncMap = {
    later: async (x: unknown) => `later:${String(x)}`,
    fail: () => {
      throw new Error('nope');
    },
    one: withArity((x: unknown) => x, 1),
  };
  assert.equal(await run('{{later "a" | printf "%s!"}}', undefined, funcs), 'later:a!');
  assert.equal(await runErr('{{fail}}', undefined, funcs), 'template: t:1:2: executing "t" at <fail>: error calling fail: nope');
  assert.equal(
    await runErr('{{one 1 2}}', undefined, funcs),
    'template: t:1:2: executing "t" at <one>: wrong number of args for one: want 1 got 2',
  );
});

test('recursion depth and execution steps are bounded', async () => {
  const msg = await runErr('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}');
  assert.match(msg, /exceeded maximum template depth \(100000\)/);
  const small = await runErr('{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}', undefined, {}, { maxExecDepth: 50 });
  assert.equal(small, 'template: t:1:25: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (50)');
  const steps = await runErr('{{range 100000000}}{{end}}', undefined, {}, { maxSteps: 10000 });
  assert.match(steps, /exceeded maximum execution steps \(10000\)/);
  const big = await runErr('{{range 1000}}{{printf "%100d" 1}}{{end}}', undefined, {}, { maxOutput: 5000 });
  assert.equal(big, 'template: t: output exceeds 5000 characters');
  const grow = await runErr('{{$s := "xx"}}{{range 40}}{{$s = printf "%s%s" $s $s}}{{end}}');
  assert.match(grow, /^template: t:1:\d+: executing "t" at <printf "%s%s" \$s \$s>: error calling printf: /);
});

test('templates share definitions and can be executed by name', async () => {
  const t = parseTemplate('{{define "a"}}A{{.}}{{end}}main', 'm', {});
  assert.deepEqual(t.templateNames().sort(), ['a', 'm']);
  assert.equal(await t.execute(1, 'a'), 'A1');
  assert.equal(await t.execute(undefined), 'main');
  await assert.rejects(t.execute(undefined, 'zz'), TemplateError);
});
