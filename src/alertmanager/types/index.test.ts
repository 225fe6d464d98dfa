import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { type Alert, alertResolvedAt } from './index.js';

test('alertResolvedAt: endsAt unset or in the future means firing', () => {
  const a: Alert = { labels: Labels.fromObject({ a: '1' }), annotations: Labels.EMPTY, startsAt: 0, endsAt: 0, generatorURL: '', updatedAt: 0, timeout: false };
  assert.equal(alertResolvedAt(a, 1000), false);
  assert.equal(alertResolvedAt({ ...a, endsAt: 2000 }, 1000), false);
  assert.equal(alertResolvedAt({ ...a, endsAt: 1000 }, 1000), true);
});
