import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NumError, parseGoFloat, parseGoInt, parseGoNumber } from './index.js';

test('parseGoFloat accepts what strconv.ParseFloat does', () => {
  assert.equal(parseGoFloat('0.1'), 0.1);
  assert.equal(parseGoFloat('+Inf'), Infinity);
  assert.equal(parseGoFloat('-inf'), -Infinity);
  assert.equal(parseGoFloat('Infinity'), Infinity);
  assert.ok(Number.isNaN(parseGoFloat('NaN')));
  assert.equal(parseGoFloat('1e3'), 1000);
  assert.equal(parseGoFloat('.5'), 0.5);
  assert.equal(parseGoFloat('0x1p-2'), 0.25);
  assert.equal(parseGoFloat('1_000.5'), 1000.5);
  for (const bad of ['', 'foo', ' 1', '+nan', '1__0', '_1', '1_', '0x10', '1e_5']) {
    assert.throws(() => parseGoFloat(bad), (e: unknown) => e instanceof NumError && e.reason === 'invalid syntax', bad);
  }
  assert.throws(() => parseGoFloat('1e400'), { message: 'strconv.ParseFloat: parsing "1e400": value out of range' });
});

test('parseGoInt: strconv.ParseInt(s, 0, 64)', () => {
  assert.equal(parseGoInt('0x1f'), 31);
  assert.equal(parseGoInt('010'), 8);
  assert.equal(parseGoInt('0o10'), 8);
  assert.equal(parseGoInt('0b101'), 5);
  assert.equal(parseGoInt('-1_000'), -1000);
  assert.throws(() => parseGoInt('1.5'), { message: 'strconv.ParseInt: parsing "1.5": invalid syntax' });
  assert.throws(() => parseGoInt('9223372036854775808'), { message: 'strconv.ParseInt: parsing "9223372036854775808": value out of range' });
});

test('parseGoNumber: integer syntax first, then float', () => {
  assert.equal(parseGoNumber('0x10'), 16);
  assert.equal(parseGoNumber('1.5e3'), 1500);
  assert.equal(parseGoNumber('-Inf'), -Infinity);
  assert.throws(() => parseGoNumber('1x'), { message: 'strconv.ParseFloat: parsing "1x": invalid syntax' });
});
