import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handlerName } from './route-names.js';

test('app pages are their own handlers, as upstream registers its React routes', () => {
  for (const p of ['/query', '/graph', '/alerts', '/targets', '/service-discovery', '/rules', '/status', '/tsdb-status', '/flags', '/config', '/dashboards', '/login']) {
    assert.equal(handlerName(p), p);
  }
  assert.equal(handlerName('/assets/index-abc.js'), '/assets/*filepath');
  assert.equal(handlerName('/d/abc/my-dashboard'), '/d/*path');
  assert.equal(handlerName('/favicon.svg'), '/favicon.svg');
});

test('API and endpoint routes keep their patterns; unknown paths stay unlabeled', () => {
  assert.equal(handlerName('/api/v1/targets/relabel_steps'), '/api/v1/targets/relabel_steps');
  assert.equal(handlerName('/api/v1/features'), '/api/v1/features');
  assert.equal(handlerName('/api/v1/label/job/values'), '/api/v1/label/:name/values');
  assert.equal(handlerName('/api/v1/nope'), '/api/v1/*');
  assert.equal(handlerName('/metrics'), '/metrics');
  assert.equal(handlerName('/targets/extra'), null);
  assert.equal(handlerName('/nope'), null);
});
