import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoJSON } from './json-syntax.js';
import { decodeAlert, decodeSilence, encodeAlert, encodePostableSilence, encodeSilence, goJSONString } from './models.js';
import { parseImport } from './silence-import.js';
import { goEscape } from './url-escape.js';

test('models re-encode as Go does: field order, null for missing, HTML escaping, ms dates', () => {
  const a = decodeAlert({ labels: { b: '2', a: '<1>' }, startsAt: '2024-01-01T00:00:00.123456789+02:00', status: { state: 'active' }, extra: 1 });
  assert.equal(encodeAlert(a), '{"annotations":null,"endsAt":null,"fingerprint":null,"receivers":null,'
    + '"startsAt":"2024-01-01T00:00:00.123+02:00","status":{"inhibitedBy":null,"silencedBy":null,"state":"active"},'
    + '"updatedAt":null,"labels":{"a":"\\u003c1\\u003e","b":"2"}}');
  const s = decodeSilence({ id: 'x', matchers: [{ name: 'a', value: 'b', isRegex: false }], comment: 'c&d', endsAt: '2030-01-01T00:00:00Z' });
  assert.ok(s !== null);
  assert.equal(encodeSilence(s), '{"id":"x","status":null,"updatedAt":null,"comment":"c\\u0026d","createdBy":null,'
    + '"endsAt":"2030-01-01T00:00:00.000Z","matchers":[{"isRegex":false,"name":"a","value":"b"}],"startsAt":null}');
  assert.equal(encodePostableSilence({ ...s, id: '' }).startsWith('{"comment":'), true);
  assert.equal(goJSONString('\u2028\t\u0001'), '"\\u2028\\t\\u0001"');
  assert.throws(() => decodeAlert({ labels: { a: 1 } }), /cannot unmarshal number into Go struct field GettableAlert.labels of type string/);
});

test('Go JSON syntax errors and the import stream', () => {
  const err = (s: string): string => {
    try {
      parseGoJSON(s);
      return '';
    } catch (e) {
      return (e as Error).message;
    }
  };
  assert.equal(err('{'), 'unexpected end of JSON input');
  assert.equal(err('{"a" 1}'), "invalid character '1' after object key");
  assert.equal(err('[1,]'), "invalid character ']' looking for beginning of value");
  assert.equal(err('{} x'), "invalid character 'x' after top-level value");
  assert.throws(() => parseImport('garbage'), /is it JSON\?: invalid character 'g' looking for beginning of value/);
  assert.throws(() => parseImport(''), /is it JSON\?: EOF/);
  assert.throws(() => parseImport('[1]'), /cannot unmarshal number into Go value of type struct/);
  assert.deepEqual(parseImport('[{"id":"a","matchers":[]}, null]').map((s) => s.id), ['a', '']);
});

test('Go URL escaping', () => {
  assert.equal(goEscape('alertname=a b,"c"', 'query'), 'alertname%3Da+b%2C%22c%22');
  assert.equal(goEscape('a/b c', 'path'), 'a%2Fb%20c');
  assert.equal(goEscape('/p q/api/v2', 'pathname'), '/p%20q/api/v2');
});
