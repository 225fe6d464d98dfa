import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGoFloat, formatOpenMetricsFloat, parseGoFloat } from './go-float.js';

test('formatGoFloat matches Go %g', () => {
  const cases: Array<[number, string]> = [
    [0, '0'],
    [1, '1'],
    [-2.5, '-2.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [123456, '123456'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [1e21, '1e+21'],
    [0.1 + 0.2, '0.30000000000000004'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ];
  for (const [x, want] of cases) assert.equal(formatGoFloat(x), want, String(x));
});

test('formatGoFloat with precision 2 matches Go %.2g', () => {
  const cases: Array<[number, string]> = [
    [10, '10'],
    [100, '1e+02'],
    [123, '1.2e+02'],
    [0.5, '0.5'],
    [3, '3'],
    [0.000123, '0.00012'],
    [0.0000123, '1.2e-05'],
  ];
  for (const [x, want] of cases) assert.equal(formatGoFloat(x, 2), want, String(x));
});

test('formatOpenMetricsFloat', () => {
  assert.equal(formatOpenMetricsFloat(0.5), '0.5');
  assert.equal(formatOpenMetricsFloat(2), '2.0');
  assert.equal(formatOpenMetricsFloat(1e6), '1e+06');
  assert.equal(formatOpenMetricsFloat(NaN), 'NaN');
  assert.equal(formatOpenMetricsFloat(Infinity), '+Inf');
});

test('parseGoFloat accepts what strconv.ParseFloat does', () => {
  assert.equal(parseGoFloat('0.1'), 0.1);
  assert.equal(parseGoFloat('+Inf'), Infinity);
  assert.equal(parseGoFloat('-inf'), -Infinity);
  assert.equal(parseGoFloat('Infinity'), Infinity);
  assert.ok(Number.isNaN(parseGoFloat('NaN') as number));
  assert.equal(parseGoFloat('1e3'), 1000);
  assert.equal(parseGoFloat('.5'), 0.5);
  assert.equal(parseGoFloat('0x1p-2'), 0.25);
  assert.equal(parseGoFloat(''), null);
  assert.equal(parseGoFloat('foo'), null);
  assert.equal(parseGoFloat(' 1'), null);
  assert.equal(parseGoFloat('1e400'), null);
});
