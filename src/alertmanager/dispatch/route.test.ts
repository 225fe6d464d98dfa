import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { parseMatchers } from '../labels/index.js';
import { DEFAULT_ROUTE_OPTS, groupKey, groupLabels, labelSetString, newRoute, type RouteConfig } from './index.js';

const tree: RouteConfig = {
  receiver: 'default',
  groupBy: ['alertname'],
  groupWait: 10_000,
  routes: [
    {
      match: { owner: 'team-A' },
      receiver: 'team-A',
      groupBy: ['cluster', 'alertname'],
      routes: [{ match: { env: 'testing' }, receiver: 'team-A-test', groupByAll: true, groupWait: 1_000 }],
    },
    { matchRE: { owner: 'team-(B|C)' }, receiver: 'team-BC', continue: true },
    { matchers: parseMatchers('{owner="team-C", severity!~"info|debug"}'), repeatInterval: 60_000 },
    { match: { owner: 'team-C' }, receiver: 'team-C-catchall' },
  ],
};

const L = (o: Record<string, string>): Labels => Labels.fromObject(o);

test('route options: defaults and inheritance', () => {
  const root = newRoute(tree);
  assert.equal(root.opts.receiver, 'default');
  assert.deepEqual(root.opts.groupBy, ['alertname']);
  assert.equal(root.opts.groupWait, 10_000);
  assert.equal(root.opts.groupInterval, DEFAULT_ROUTE_OPTS.groupInterval);
  assert.equal(root.opts.repeatInterval, 4 * 3600_000);
  const [a, bc, c] = root.routes;
  assert.ok(a && bc && c);
  assert.deepEqual(a.opts.groupBy, ['alertname', 'cluster']);
  assert.equal(a.opts.groupWait, 10_000);
  const aTest = a.routes[0];
  assert.ok(aTest);
  assert.equal(aTest.opts.groupByAll, true);
  assert.deepEqual(aTest.opts.groupBy, []);
  assert.equal(aTest.opts.groupWait, 1_000);
  assert.equal(c.opts.receiver, 'default', 'receiver inherited');
  assert.equal(c.opts.repeatInterval, 60_000);
  assert.deepEqual(bc.opts.groupBy, ['alertname'], 'group_by inherited');
});

test('route options: time intervals are not inherited', () => {
  const root = newRoute({ receiver: 'r', muteTimeIntervals: ['night'], routes: [{ activeTimeIntervals: ['day'] }] });
  assert.deepEqual(root.opts.muteTimeIntervals, ['night']);
  assert.deepEqual(root.routes[0]?.opts.muteTimeIntervals, []);
  assert.deepEqual(root.routes[0]?.opts.activeTimeIntervals, ['day']);
});

test('match: first matching child, continue, fallback to parent', () => {
  const root = newRoute(tree);
  const receivers = (o: Record<string, string>): string[] => root.match(L(o)).map((r) => r.opts.receiver);
  assert.deepEqual(receivers({ owner: 'team-A' }), ['team-A']);
  assert.deepEqual(receivers({ owner: 'team-A', env: 'testing' }), ['team-A-test']);
  assert.deepEqual(receivers({ owner: 'team-B' }), ['team-BC']);
  assert.deepEqual(receivers({ owner: 'team-C', severity: 'critical' }), ['team-BC', 'default']);
  assert.deepEqual(receivers({ owner: 'team-C', severity: 'info' }), ['team-BC', 'team-C-catchall']);
  assert.deepEqual(receivers({ owner: 'team-X' }), ['default']);
  assert.deepEqual(receivers({}), ['default']);
});

test('match_re is anchored like upstream', () => {
  const root = newRoute({ receiver: 'd', routes: [{ matchRE: { x: 'a|b' }, receiver: 'ab' }] });
  assert.deepEqual(root.match(L({ x: 'a' })).map((r) => r.opts.receiver), ['ab']);
  assert.deepEqual(root.match(L({ x: 'ab' })).map((r) => r.opts.receiver), ['d']);
  assert.equal(root.routes[0]?.key(), '{}/{x=~"^(?:a|b)$"}');
});

test('key and id', () => {
  const root = newRoute({
    receiver: 'd',
    routes: [
      { match: { foo: 'bar' } },
      { match: { foo: 'bar' }, routes: [{ matchers: parseMatchers('b="x\\"y", a=~"z"') }] },
    ],
  });
  assert.equal(root.key(), '{}');
  assert.equal(root.id(), '{}');
  assert.equal(root.routes[0]?.key(), '{}/{foo="bar"}');
  assert.equal(root.routes[0]?.id(), '{}/{foo="bar"}/0');
  assert.equal(root.routes[1]?.id(), '{}/{foo="bar"}/1');
  const deep = root.routes[1]?.routes[0];
  assert.equal(deep?.key(), '{}/{foo="bar"}/{a=~"z",b="x\\"y"}');
  assert.equal(deep?.id(), '{}/{foo="bar"}/1/{a=~"z",b="x\\"y"}/0');
});

test('matchers sort by name, value, type', () => {
  const r = newRoute({ routes: [{ matchers: parseMatchers('{b="1", a!="2", a="2", a="1"}'), match: { c: '0' } }] });
  assert.equal(r.routes[0]?.key(), '{}/{a="1",a="2",a!="2",b="1",c="0"}');
});

test('groupLabels and groupKey', () => {
  const root = newRoute(tree);
  const alert = L({ alertname: 'HighLatency', owner: 'team-A', cluster: 'eu', env: 'prod' });
  const [route] = root.match(alert);
  assert.ok(route);
  const gl = groupLabels(route, alert);
  assert.equal(gl.toString(), '{alertname="HighLatency", cluster="eu"}');
  assert.equal(groupKey(route, gl), '{}/{owner="team-A"}:{alertname="HighLatency", cluster="eu"}');
  const all = newRoute({ receiver: 'x', groupByAll: true });
  assert.equal(groupKey(all, groupLabels(all, alert)), '{}:{alertname="HighLatency", cluster="eu", env="prod", owner="team-A"}');
  const none = newRoute({ receiver: 'x' });
  assert.equal(groupKey(none, groupLabels(none, alert)), '{}:{}');
});

test('labelSetString: Go %q quoting, items sorted as strings (0.25)', () => {
  assert.equal(labelSetString(L({ a: 'x', a1: 'y' })), '{a1="y", a="x"}');
  assert.equal(labelSetString(L({ a: 'q"\n\u00e9\u0007' })), '{a="q\\"\\né\\a"}');
});
