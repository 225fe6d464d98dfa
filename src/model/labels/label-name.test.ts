import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidLabelName } from './index.js';

test('isValidLabelName: non-empty, well-formed Unicode', () => {
  assert.ok(isValidLabelName('ok'));
  assert.ok(isValidLabelName('ünïcode😀'));
  assert.ok(!isValidLabelName(''));
  assert.ok(!isValidLabelName('a\ud800z'));
});
