import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringPool } from './scrape-cache.js';

test('the string pool gives one copy of equal strings and stays bounded', () => {
  const pool = new StringPool();
  const a = pool.intern(['ab', 'c'].join(''));
  assert.equal(pool.intern('abc'), a);
  pool.limit = 10;
  for (let i = 0; i < 100; i++) pool.intern(`v${i}`);
  assert.ok(pool.size <= 10);
  assert.equal(pool.intern('v99'), 'v99');
});
