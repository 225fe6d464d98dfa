import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Labels } from '../../model/labels/index.js';
import { loadAlertmanagerConfig } from '../config/index.js';
import { groupKey, groupLabels, newRouteFromConfig } from './index.js';

const YML = `
route:
  receiver: default
  group_by: [alertname]
  group_interval: 1m
  routes:
    - matchers: ['service=~"db|cache"']
      receiver: team-db
      group_by: ['...']
      continue: true
    - match: {service: db}
      match_re: {severity: crit.*}
      receiver: db-pager
      group_by: []
      repeat_interval: 1h
      mute_time_intervals: [night]
      routes:
        - match: {env: dev}
          group_wait: 5s
time_intervals:
  - name: night
    time_intervals: [{times: [{start_time: '00:00', end_time: '06:00'}]}]
receivers: [{name: default}, {name: team-db}, {name: db-pager}]
`;

function tree(): ReturnType<typeof newRouteFromConfig> {
  const cfg = loadAlertmanagerConfig(YML);
  assert.ok(cfg.route);
  return newRouteFromConfig(cfg.route);
}

test('routes from the loaded config: options and inheritance', () => {
  const root = tree();
  assert.equal(root.opts.groupInterval, 60_000);
  const [db, pager] = root.routes;
  assert.ok(db && pager);
  assert.equal(db.opts.groupByAll, true);
  assert.equal(db.continue, true);
  assert.deepEqual(pager.opts.groupBy, ['alertname'], 'an empty group_by inherits, as a nil Go slice');
  assert.equal(pager.opts.repeatInterval, 3_600_000);
  assert.deepEqual(pager.opts.muteTimeIntervals, ['night']);
  const dev = pager.routes[0];
  assert.ok(dev);
  assert.equal(dev.opts.receiver, 'db-pager');
  assert.equal(dev.opts.groupWait, 5_000);
  assert.equal(dev.opts.groupInterval, 60_000);
  assert.equal(dev.opts.repeatInterval, 3_600_000);
  assert.deepEqual(dev.opts.muteTimeIntervals, []);
  assert.equal(pager.key(), '{}/{service="db",severity=~"^(?:crit.*)$"}');
  assert.equal(dev.id(), '{}/{service="db",severity=~"^(?:crit.*)$"}/1/{env="dev"}/0');
});

test('routes from the loaded config: matching and group keys', () => {
  const root = tree();
  const alert = Labels.fromObject({ alertname: 'Down', service: 'db', severity: 'critical', env: 'dev' });
  const routes = root.match(alert);
  assert.deepEqual(routes.map((r) => r.opts.receiver), ['team-db', 'db-pager']);
  assert.deepEqual(
    routes.map((r) => groupKey(r, groupLabels(r, alert))),
    [
      '{}/{service=~"db|cache"}:{alertname="Down", env="dev", service="db", severity="critical"}',
      '{}/{service="db",severity=~"^(?:crit.*)$"}/{env="dev"}:{alertname="Down"}',
    ],
  );
  assert.deepEqual(root.match(Labels.fromObject({ service: 'web' })).map((r) => r.opts.receiver), ['default']);
});
