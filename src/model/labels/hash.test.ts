import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from './labels.js';
import { labelsHash, xxhash64 } from './hash.js';

test('xxhash64 matches reference vectors', () => {
  assert.equal(xxhash64(new Uint8Array(0)).toString(16), 'ef46db3751d8e999');
  assert.equal(xxhash64(new TextEncoder().encode('abc')).toString(16), '44bc2cf5ad770999');
  assert.equal(xxhash64(new TextEncoder().encode('Nobody inspects the spammish repetition')).toString(16), 'fbcea83c8a378bf1');
});

test('labelsHash depends on every name and value', () => {
  const a = labelsHash(Labels.fromObject({ a: 'b', c: 'd' }));
  assert.equal(a, labelsHash(Labels.fromObject({ c: 'd', a: 'b' })));
  assert.notEqual(a, labelsHash(Labels.fromObject({ a: 'b', c: 'e' })));
  assert.notEqual(a, labelsHash(Labels.fromObject({ a: 'bc', c: 'd' }).without('c')));
});
