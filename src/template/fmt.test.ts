import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sprint, sprintf, sprintln } from './fmt.js';

// [format, args, Go's output]
const CASES: [string, unknown[], string][] = [
  // ints (bigint = Go int)
  ['%d', [42n], '42'],
  ['%5d', [42n], '   42'],
  ['%-5d|', [42n], '42   |'],
  ['%05d', [42n], '00042'],
  ['%05d', [-42n], '-0042'],
  ['%+d', [42n], '+42'],
  ['% d', [42n], ' 42'],
  ['%.3d', [7n], '007'],
  ['%8.3d', [7n], '     007'],
  ['%x', [255n], 'ff'],
  ['%X', [255n], 'FF'],
  ['%#x', [255n], '0xff'],
  ['%x', [-255n], '-ff'],
  ['%o', [8n], '10'],
  ['%#o', [8n], '010'],
  ['%O', [8n], '0o10'],
  ['%b', [5n], '101'],
  ['%c', [65n], 'A'],
  ['%q', [65n], "'A'"],
  ['%U', [0x1f600n], 'U+1F600'],
  ['%#U', [65n], "U+0041 'A'"],
  ['%v', [-7n], '-7'],
  ['%+v', [5n], '+5'],
  // floats
  ['%f', [3.14159], '3.141590'],
  ['%.2f', [3.14159], '3.14'],
  ['%8.2f', [3.14159], '    3.14'],
  ['%-8.2f|', [3.14159], '3.14    |'],
  ['%08.2f', [-3.14], '-0003.14'],
  ['%08.3f', [-3.14159], '-003.142'],
  ['%e', [1234.5678], '1.234568e+03'],
  ['%E', [1234.5678], '1.234568E+03'],
  ['%.2e', [0], '0.00e+00'],
  ['%g', [1234.5678], '1234.5678'],
  ['%g', [0.00001234], '1.234e-05'],
  ['%G', [1e-7], '1E-07'],
  ['%.3g', [1234.5678], '1.23e+03'],
  ['%.4g', [1234567.0], '1.235e+06'],
  ['%v', [1e21], '1e+21'],
  ['%v', [1e20], '1e+20'],
  ['%v', [123456.0], '123456'],
  ['%v', [1234567.0], '1.234567e+06'],
  ['%v', [1e6], '1e+06'],
  ['%v', [0.0001], '0.0001'],
  ['%v', [0.00001], '1e-05'],
  ['%v', [1.5], '1.5'],
  ['%v', [-0], '-0'],
  ['%v', [0.1 + 0.2], '0.30000000000000004'],
  ['%+.1f', [2.0], '+2.0'],
  ['% f', [1.0], ' 1.000000'],
  ['%f', [NaN], 'NaN'],
  ['%v', [Infinity], '+Inf'],
  ['%f', [-Infinity], '-Inf'],
  ['%5.1f', [Infinity], ' +Inf'],
  ['%.0f', [2.5], '2'],
  ['%.0f', [3.5], '4'],
  ['%.0f', [0.5], '0'],
  ['%.2f', [0.125], '0.12'],
  ['%.1e', [1.25], '1.2e+00'],
  ['%6.2f%%', [99.5], ' 99.50%'],
  ['%.4g', [0], '0'],
  ['%.4g%s', [1.2345678, 'k'], '1.235k'],
  // strings
  ['%s', ['hi'], 'hi'],
  ['%5s', ['hi'], '   hi'],
  ['%-5s|', ['hi'], 'hi   |'],
  ['%.1s', ['hi'], 'h'],
  ['%q', ['a"b'], '"a\\"b"'],
  ['%q', ['\n'], '"\\n"'],
  ['%#q', ['hi'], '`hi`'],
  ['%x', ['hi'], '6869'],
  ['% x', ['hi'], '68 69'],
  ['%X', ['hi'], '6869'],
  ['%v', ['héllo'], 'héllo'],
  // bools and nil
  ['%t', [true], 'true'],
  ['%v', [false], 'false'],
  ['%d', [true], '%!d(bool=true)'],
  ['%v', [null], '<nil>'],
  ['%s', [null], '%!s(<nil>)'],
  ['%d', [undefined], '%!d(<nil>)'],
  // composite values
  ['%v', [[1, 2]], '[1 2]'],
  ['%d', [[1n, 2n]], '[1 2]'],
  ['%q', [['a', 'b']], '["a" "b"]'],
  ['%s', [[1n]], '[%!s(int=1)]'],
  ['%v', [[]], '[]'],
  ['%v', [{ b: 1, a: 2 }], 'map[a:2 b:1]'],
  ['%v', [new Map([['z', 'x'], ['a', 'y']])], 'map[a:y z:x]'],
  ['%v', [{ a: [1, 'x'], b: { c: null } }], 'map[a:[1 x] b:map[c:<nil>]]'],
  // %T
  ['%T', [1n], 'int'],
  ['%T', [1.5], 'float64'],
  ['%T', ['s'], 'string'],
  ['%T', [true], 'bool'],
  ['%T', [null], '<nil>'],
  ['%T', [[1n]], '[]int'],
  ['%T', [{ a: 'x' }], 'map[string]string'],
  // bad verbs and argument errors
  ['%d', ['x'], '%!d(string=x)'],
  ['%d', [1.0], '%!d(float64=1)'],
  ['%s', [1n], '%!s(int=1)'],
  ['%f', [1n], '%!f(int=1)'],
  ['%s', [], '%!s(MISSING)'],
  ['%d %d', [1n], '1 %!d(MISSING)'],
  ['%d', [1n, 2n], '1%!(EXTRA int=2)'],
  ['x', ['a', 1n], 'x%!(EXTRA string=a, int=1)'],
  ['%', [], '%!(NOVERB)'],
  ['%z', [1n], '%!z(int=1)'],
  ['%%', [], '%'],
  ['100%%', [], '100%'],
  // * width and precision
  ['%*d', [5n, 42n], '   42'],
  ['%-*d|', [5n, 42n], '42   |'],
  ['%*d|', [-5n, 42n], '42   |'],
  ['%.*f', [2n, 3.14159], '3.14'],
  ['%*d', ['x', 1n], '%!(BADWIDTH)1'],
  ['%.*d', ['x', 1n], '%!(BADPREC)1'],
];

test('Sprintf verbs, flags, widths and errors', () => {
  for (const [format, args, want] of CASES) {
    assert.equal(sprintf(format, args), want, `${format} with ${args.length} args`);
  }
});

test('Sprint adds spaces between operands when neither is a string', () => {
  assert.equal(sprint(['a', 1n, 2n, 'b']), 'a1 2b');
  assert.equal(sprint([1.5, 2.5]), '1.5 2.5');
  assert.equal(sprint(['a', 'b']), 'ab');
  assert.equal(sprint([1n, 'a', 2n]), '1a2');
  assert.equal(sprint([null, null]), '<nil> <nil>');
  assert.equal(sprint([]), '');
});

test('Sprintln separates every operand and ends with a newline', () => {
  assert.equal(sprintln(['a', 1n, 'b']), 'a 1 b\n');
  assert.equal(sprintln([]), '\n');
});
