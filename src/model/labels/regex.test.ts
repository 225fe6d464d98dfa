import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileAnchoredRegex, compileGoRegex, expandTemplate, RegexError } from './regex.js';

/** [regex, strings it must match, strings it must not match] (fully anchored, as matchers). */
const MATCH_CASES: ReadonlyArray<[string, string[], string[]]> = [
  ['', [''], ['a']],
  ['foo', ['foo'], ['fo', 'foox', 'xfoo', 'FOO']],
  ['foo|bar|baz', ['foo', 'bar', 'baz'], ['ba', 'foobar', '']],
  ['a|', ['a', ''], ['b']],
  ['.*', ['', 'a', 'a\nb', '\u{1F600}'], []],
  ['.+', ['a', '\n', '\u{1F600}'], ['']],
  ['foo.*', ['foo', 'foobar', 'foo\n'], ['fo', 'xfoo']],
  ['.*foo', ['foo', 'xxfoo'], ['foox']],
  ['.*foo.*', ['foo', 'afoob', 'xxfooyy'], ['fo', 'bar']],
  ['foo.+', ['foox'], ['foo']],
  ['.+foo', ['xfoo'], ['foo']],
  ['a.*b.*c', ['abc', 'aXbYc', 'abbc', 'acbc'], ['ab', 'acb', 'bc']],
  ['a.+b', ['axb', 'a\u{1F600}b'], ['ab']],
  ['ab.*ab', ['abab', 'abXab'], ['ab', 'aba']],
  ['(foo)(bar)', ['foobar'], ['foo']],
  ['(a|b)(c|d)', ['ac', 'ad', 'bc', 'bd'], ['ab', 'cd']],
  ['[abc]', ['a', 'b', 'c'], ['d', 'ab']],
  ['[^abc]', ['d', '\n', 'é'], ['a', '']],
  ['[a-c]+', ['abcabc'], ['abcd']],
  ['[]a]', [']', 'a'], ['b']],
  ['[a-]', ['a', '-'], ['b']],
  ['[-a]', ['a', '-'], ['b']],
  ['[a\\-z]', ['a', '-', 'z'], ['b']],
  ['.', ['a', '\n', '\u{10FFFF}'], ['', 'ab']],
  ['(?-s:.)', ['a'], ['\n']],
  ['(?i)foo', ['foo', 'FOO', 'fOo'], ['fo', 'bar']],
  ['(?i:foo)bar', ['FOObar', 'foobar'], ['fooBAR']],
  ['foo(?i)bar', ['fooBAR', 'foobar'], ['FOObar']],
  ['(?i)foo|bar', ['FOO', 'BAR'], ['baz']],
  ['(?i)k', ['k', 'K', '\u212A'], ['x']],
  ['(?i)s', ['s', 'S', '\u017F'], ['x']],
  ['(?i)σ', ['σ', 'Σ', 'ς'], ['s']],
  ['(?i)[a-c]', ['A', 'b', 'C'], ['d']],
  ['(?i)[^a]', ['b'], ['a', 'A']],
  ['(?i)\\W', ['!'], ['a', 'K', '\u212A', '\u017F']],
  ['(?i)(a)|b', ['A', 'B'], ['c']],
  ['(?i)ab(?-i)c', ['ABc'], ['ABC']],
  ['(?U)a+', ['aaa'], ['']],
  ['(?U)(a+?)', ['aa'], ['b']],
  ['\\d+', ['0123456789'], ['٣', 'a']],
  ['\\D', ['a', '٣'], ['1']],
  ['\\w+', ['a_Z9'], ['é', '-']],
  ['\\W', ['é', '-'], ['a']],
  ['\\s', [' ', '\t', '\n', '\f', '\r'], ['\v', '\u00A0', '\u2028']],
  ['\\S', ['\v', 'a'], [' ']],
  ['[[:alpha:]]+', ['abcXYZ'], ['a1', 'é']],
  ['[[:^alpha:]]', ['1', 'é'], ['a']],
  ['[[:space:]]', ['\v', ' '], ['a']],
  ['[[:punct:][:digit:]]+', ['!1@2'], ['a']],
  ['[[:word:]]', ['_'], ['-']],
  ['[[:xdigit:]]+', ['09afAF'], ['g']],
  ['\\pL+', ['abcé', 'Ωж'], ['a1', '']],
  ['\\p{L}', ['é'], ['1']],
  ['\\PL', ['1', '!'], ['a']],
  ['\\p{^L}', ['1'], ['a']],
  ['\\P{^L}', ['a'], ['1']],
  ['\\p{Greek}+', ['αβγ', 'Ω'], ['a']],
  ['\\p{Lu}', ['A', 'Ω'], ['a']],
  ['(?i)\\p{Lu}', ['A', 'a'], ['1']],
  ['\\pN', ['1', '٣', '½'], ['a']],
  ['\\p{Any}', ['a', '\n'], ['']],
  ['[\\p{Greek}\\d]+', ['α1β2'], ['a']],
  ['[^\\pL]', ['1'], ['a']],
  ['[\\D]', ['a'], ['1']],
  ['\\x41\\x{42}\\x{1F600}', ['AB\u{1F600}'], ['AB']],
  ['\\x{10FFFF}', ['\u{10FFFF}'], []],
  ['\\0\\012\\101', ['\0\nA'], []],
  ['\\a\\f\\t\\n\\r\\v', ['\x07\f\t\n\r\v'], []],
  ['\\Qa.b*c\\E', ['a.b*c'], ['aXbbc']],
  ['\\Qa.b', ['a.b'], ['aXb']],
  ['x\\Q\\E*', ['x', 'xxx'], []],
  ['a{,3}', ['a{,3}'], ['aaa']],
  ['a{2}', ['aa'], ['a', 'aaa']],
  ['a{2,}', ['aa', 'aaaa'], ['a']],
  ['a{2,3}', ['aa', 'aaa'], ['a', 'aaaa']],
  ['a{0}', [''], ['a']],
  ['a{1000}', ['a'.repeat(1000)], ['a'.repeat(999)]],
  ['{', ['{'], []],
  ['a{', ['a{'], []],
  ['a{1', ['a{1'], []],
  ['a{1,2', ['a{1,2'], []],
  ['a{01}', ['a{01}'], ['a']],
  ['}', ['}'], []],
  [']', [']'], []],
  ['\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\', ['.*+?()[]{}|^$\\'], []],
  ['\\_\\-\\/\\!', ['_-/!'], []],
  ['^foo$', ['foo'], ['foo\n']],
  ['\\Afoo\\z', ['foo'], ['foo\n']],
  ['(?m)a$\\nb', ['a\nb'], []],
  ['(?m)^a\\n^b', ['a\nb'], []],
  ['a$\\nb', [], ['a\nb']],
  ['^*a', ['a'], []],
  ['(?:)*a', ['a'], []],
  ['a\\bb', [], ['ab']],
  ['a\\b-', ['a-'], []],
  ['a\\Bb', ['ab'], []],
  ['é\\b', [], ['é']],
  ['(?P<name>a)(?<other>b)', ['ab'], ['a']],
  ['(?P<n>a)(?P<n>b)', ['ab'], []],
  ['(a*)*', ['', 'aaa'], ['b']],
  ['(a|ab)(c|bcd)(d*)', ['abcd', 'acd'], []],
  ['.*[0-4]$', ['l0', '4', 'x14'], ['5', '']],
  ['\u{1F600}+', ['\u{1F600}\u{1F600}'], ['\u{1F600}a']],
  ['[\u{1F600}-\u{1F64F}]', ['\u{1F610}'], ['a']],
  ['a/b', ['a/b'], []],
  ['.', ['\u{1F600}'], ['\u{1F600}\u{1F600}']],
  ['.{2}', ['ab', 'a\u{1F600}', '\u{1F600}\u{1F600}'], ['\u{1F600}', 'a']],
  ['(.)(.)', ['\u{1F600}x'], ['\u{1F600}']],
  ['[^a]', ['\u{1F600}', 'b'], ['a', '\u{1F600}\u{1F600}']],
  ['[^a]{2}', ['\u{1F600}\u{10000}'], ['\u{1F600}']],
  ['\\PL', ['\u{1F600}'], ['\u{10400}']],
  ['(?i)\\x{10400}', ['\u{10400}', '\u{10428}'], ['\u{10401}']],
  ['[\\x{10000}-\\x{10FFFF}]', ['\u{10000}', '\u{10FFFF}', '\u{1F600}'], ['\uFFFF', 'a']],
  ['[\\x{1F600}-\\x{1F64F}a]+', ['a\u{1F600}\u{1F64F}'], ['\u{1F650}']],
  ['[\\x{FFFF}-\\x{10400}]', ['\uFFFF', '\u{10000}', '\u{10400}'], ['\u{10401}', '\uFFFE']],
  ['\\x{1F600}{2}', ['\u{1F600}\u{1F600}'], ['\u{1F600}']],
  ['.+', ['\u{1F600}'], []],
  ['(?-s:.)+', ['\u{1F600}a'], ['\n']],
  ['.{2,}', ['ab', '\u{1F600}a'], ['\u{1F600}']],
  ['foo|foobar', ['foo', 'foobar'], ['foob']],
  ['(?s:.)|x', ['\n', 'x'], []],
];

test('RE2 regexes match like Go (fully anchored)', () => {
  for (const [re, yes, no] of MATCH_CASES) {
    const r = compileAnchoredRegex(re);
    for (const s of yes) assert.equal(r.test(s), true, `${JSON.stringify(re)} should match ${JSON.stringify(s)} (${r.source})`);
    for (const s of no) assert.equal(r.test(s), false, `${JSON.stringify(re)} should not match ${JSON.stringify(s)} (${r.source})`);
  }
});

/** [regex, Go's error message]. */
const ERROR_CASES: ReadonlyArray<[string, string]> = [
  ['(foo', 'missing closing ): `(foo`'],
  ['a(b(c)', 'missing closing ): `a(b(c)`'],
  ['foo)', 'unexpected ): `foo)`'],
  [')', 'unexpected ): `)`'],
  ['*', 'missing argument to repetition operator: `*`'],
  ['+a', 'missing argument to repetition operator: `+`'],
  ['a|*', 'missing argument to repetition operator: `*`'],
  ['(*)', 'missing argument to repetition operator: `*`'],
  ['(?i)*', 'missing argument to repetition operator: `*`'],
  ['*?', 'missing argument to repetition operator: `*?`'],
  ['{2}', 'missing argument to repetition operator: `{2}`'],
  ['a**', 'invalid nested repetition operator: `**`'],
  ['a*+', 'invalid nested repetition operator: `*+`'],
  ['a++', 'invalid nested repetition operator: `++`'],
  ['a?*', 'invalid nested repetition operator: `?*`'],
  ['a*?*', 'invalid nested repetition operator: `*?*`'],
  ['a{2}{3}', 'invalid nested repetition operator: `{2}{3}`'],
  ['x{1001}', 'invalid repeat count: `{1001}`'],
  ['x{2,1}', 'invalid repeat count: `{2,1}`'],
  ['x{1,1001}', 'invalid repeat count: `{1,1001}`'],
  ['x{100000000000}', 'invalid repeat count: `{100000000000}`'],
  ['(a{500}){3}', 'invalid repeat count: `{3}`'],
  ['((a{10}){10}){11}', 'invalid repeat count: `{11}`'],
  ['(?=x)', 'invalid or unsupported Perl syntax: `(?=`'],
  ['(?!x)', 'invalid or unsupported Perl syntax: `(?!`'],
  ['a(?#comment)', 'invalid or unsupported Perl syntax: `(?#`'],
  ['(?P=n)', 'invalid or unsupported Perl syntax: `(?P`'],
  ['(?', 'invalid or unsupported Perl syntax: `(?`'],
  ['(?i', 'invalid or unsupported Perl syntax: `(?i`'],
  ['(?-)', 'invalid or unsupported Perl syntax: `(?-)`'],
  ['(?i-)', 'invalid or unsupported Perl syntax: `(?i-)`'],
  ['(?i--s)', 'invalid or unsupported Perl syntax: `(?i--`'],
  ['(?x)', 'invalid or unsupported Perl syntax: `(?x`'],
  ['(?<=a)b', 'invalid named capture: `(?<=a)b`'],
  ['(?<!a)b', 'invalid named capture: `(?<!a)b`'],
  ['(?P<>a)', 'invalid named capture: `(?P<>`'],
  ['(?P<a-b>x)', 'invalid named capture: `(?P<a-b>`'],
  ['(?P<name', 'invalid named capture: `(?P<name`'],
  ['\\1', 'invalid escape sequence: `\\1`'],
  ['(a)\\1', 'invalid escape sequence: `\\1`'],
  ['\\8', 'invalid escape sequence: `\\8`'],
  ['\\q', 'invalid escape sequence: `\\q`'],
  ['\\C', 'invalid escape sequence: `\\C`'],
  ['\\é', 'invalid escape sequence: `\\é`'],
  ['\\x{zz}', 'invalid escape sequence: `\\x{z`'],
  ['\\x{110000}', 'invalid escape sequence: `\\x{110000`'],
  ['\\x{}', 'invalid escape sequence: `\\x{}`'],
  ['\\x{41', 'invalid escape sequence: `\\x{41`'],
  ['\\xZ1', 'invalid escape sequence: `\\xZ1`'],
  ['\\x', 'invalid escape sequence: `\\x`'],
  ['\\xA', 'invalid escape sequence: `\\xA`'],
  ['[\\b]', 'invalid escape sequence: `\\b`'],
  ['[\\Q]', 'invalid escape sequence: `\\Q`'],
  ['\\', 'trailing backslash at end of expression: ``'],
  ['a\\', 'trailing backslash at end of expression: ``'],
  ['[z-a]', 'invalid character class range: `z-a`'],
  ['x[b-a]', 'invalid character class range: `b-a`'],
  ['[[:foo:]]', 'invalid character class range: `[:foo:]`'],
  ['\\p{Foo}', 'invalid character class range: `\\p{Foo}`'],
  ['\\pX', 'invalid character class range: `\\pX`'],
  ['\\p', 'invalid character class range: `\\p`'],
  ['\\p{', 'invalid character class range: `\\p{`'],
  ['\\p{}', 'invalid character class range: `\\p{}`'],
  ['\\p{Grek}', 'invalid character class range: `\\p{Grek}`'],
  ['\\p{Letter}', 'invalid character class range: `\\p{Letter}`'],
  ['[a', 'missing closing ]: `[a`'],
  ['x[]', 'missing closing ]: `[]`'],
  ['[^]', 'missing closing ]: `[^]`'],
  ['[[:alpha:]', 'missing closing ]: `[[:alpha:]`'],
  ['[a-', 'missing closing ]: `[a-`'],
];

test('RE2 rejects what Go rejects, with Go error texts', () => {
  for (const [re, msg] of ERROR_CASES) {
    assert.throws(
      () => compileAnchoredRegex(re),
      (e: unknown) => e instanceof RegexError && e.message === `error parsing regexp: ${msg}`,
      `${JSON.stringify(re)} should fail with ${msg}`,
    );
  }
});

test('catastrophic backtracking falls back to linear time', () => {
  const t0 = performance.now();
  assert.equal(compileAnchoredRegex('(a|aa)*b').test('a'.repeat(60)), false);
  assert.equal(compileGoRegex('(x+x+)+y', false).regexp.test('x'.repeat(60)), false);
  assert.ok(performance.now() - t0 < 2000, `took ${performance.now() - t0} ms`);
});

test('nesting and size limits', () => {
  assert.doesNotThrow(() => compileAnchoredRegex('('.repeat(500) + 'a' + ')'.repeat(500)));
  assert.throws(
    () => compileAnchoredRegex('('.repeat(1001) + 'a' + ')'.repeat(1001)),
    /expression nests too deeply/,
  );
  assert.doesNotThrow(() => compileAnchoredRegex('(?:'.repeat(2000) + 'a' + ')'.repeat(2000)));
});

test('fast paths expose literal sets', () => {
  assert.deepEqual(compileAnchoredRegex('a|b|c').setMatches, ['a', 'b', 'c']);
  assert.deepEqual(compileAnchoredRegex('foo').setMatches, ['foo']);
  assert.deepEqual(compileAnchoredRegex('(a|b)(c|d)').setMatches, ['ac', 'ad', 'bc', 'bd']);
  assert.equal(compileAnchoredRegex('a.*').setMatches, null);
  assert.equal(compileAnchoredRegex('(?i)a|b').setMatches, null);
});

test('compileGoRegex: anchored with capture names, unanchored search', () => {
  const g = compileGoRegex('(?P<first>[a-z]+)-(\\d+)', true);
  assert.deepEqual(g.groupNames, ['', 'first', '']);
  const m = g.regexp.exec('abc-123');
  assert.ok(m !== null);
  assert.equal(m[1], 'abc');
  assert.equal(m[2], '123');
  assert.equal(g.regexp.exec('abc-123x'), null);
  const u = compileGoRegex('b+', false);
  assert.equal(u.regexp.exec('abbbc')?.[0], 'bbb');
  // Unanchored, no DotNL: '.' does not match a newline.
  assert.equal(compileGoRegex('a.b', false).regexp.test('a\nb'), false);
  assert.equal(compileGoRegex('a.b', true).regexp.test('a\nb'), true);
  assert.throws(() => compileGoRegex('(.*', true), /missing closing \)/);
});

test('expandTemplate follows Go regexp.Expand', () => {
  const g = compileGoRegex('(?P<a>x+)(y*)(?P<opt>z)?', true);
  const m = g.regexp.exec('xxyy');
  assert.ok(m !== null);
  const x = (t: string): string => expandTemplate(t, m, g.groupNames);
  assert.equal(x('$1'), 'xx');
  assert.equal(x('${1}'), 'xx');
  assert.equal(x('$2'), 'yy');
  assert.equal(x('$a'), 'xx');
  assert.equal(x('${a}-${2}'), 'xx-yy');
  assert.equal(x('$1x'), '');
  assert.equal(x('${1}x'), 'xxx');
  assert.equal(x('$$1'), '$1');
  assert.equal(x('$'), '$');
  assert.equal(x('a$'), 'a$');
  assert.equal(x('$-'), '$-');
  assert.equal(x('${1'), '${1');
  assert.equal(x('$opt'), '');
  assert.equal(x('$3'), '');
  assert.equal(x('$9'), '');
  assert.equal(x('$01'), '');
  assert.equal(x('$0'), 'xxyy');
  assert.equal(x('$nope'), '');
  assert.equal(x('pre-$1-post'), 'pre-xx-post');
  assert.equal(x('destination-value-$1'), 'destination-value-xx');
});

test('label_replace style: full match only', () => {
  const g = compileGoRegex('source-value-(.*)', true);
  const m = g.regexp.exec('source-value-10');
  assert.ok(m !== null);
  assert.equal(expandTemplate('destination-value-$1', m, g.groupNames), 'destination-value-10');
  assert.equal(g.regexp.exec('xsource-value-10'), null);
});
