import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatFloat, formatOpenMetricsFloat } from './index.js';

test('formatFloat matches Go %g', () => {
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
  for (const [x, want] of cases) assert.equal(formatFloat(x), want, String(x));
});

test('formatFloat with precision 2 matches Go %.2g', () => {
  const cases: Array<[number, string]> = [
    [10, '10'],
    [100, '1e+02'],
    [123, '1.2e+02'],
    [0.5, '0.5'],
    [3, '3'],
    [0.000123, '0.00012'],
    [0.0000123, '1.2e-05'],
  ];
  for (const [x, want] of cases) assert.equal(formatFloat(x, 'g', 2), want, String(x));
});

test('formatFloat fixed and exponent forms (FormatFloat f/e, %f)', () => {
  assert.equal(formatFloat(1.5), '1.5');
  assert.equal(formatFloat(-0), '-0');
  assert.equal(formatFloat(1e21, 'f'), '1000000000000000000000');
  assert.equal(formatFloat(0.00001, 'f'), '0.00001');
  assert.equal(formatFloat(-12.5, 'f'), '-12.5');
  assert.equal(formatFloat(1.5, 'f', 6), '1.500000');
  assert.equal(formatFloat(-1e22, 'f', 6), '-10000000000000000000000.000000');
  assert.equal(formatFloat(Infinity, 'f', 6), '+Inf');
  assert.equal(formatFloat(1234.5, 'e'), '1.2345e+03');
  assert.equal(formatFloat(1234.5, 'e', 2), '1.23e+03');
  assert.equal(formatFloat(0, 'e', 1), '0.0e+00');
});

test('formatOpenMetricsFloat', () => {
  assert.equal(formatOpenMetricsFloat(0.5), '0.5');
  assert.equal(formatOpenMetricsFloat(2), '2.0');
  assert.equal(formatOpenMetricsFloat(1e6), '1e+06');
  assert.equal(formatOpenMetricsFloat(NaN), 'NaN');
  assert.equal(formatOpenMetricsFloat(Infinity), '+Inf');
});
